"""What every canevas is made of: agenda items, compte rendu blocks, day plans.

A canevas (the CAR's in :mod:`.car`, the CEE's in :mod:`.cee`) is data built from these
frozen dataclasses; the kinds let a regeneration or a compte rendu recognise an item
whatever its wording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Kinds of items: what a regeneration or a compte rendu may need to recognise.
KIND_ACCUEIL = "accueil"
KIND_NORMES = "normes"
KIND_CONTENU = "contenu"
KIND_CLOTURE = "cloture"
KIND_OUVERTURE = "ouverture"
KIND_PRESENCES = "presences"
KIND_LECTURE = "lecture"
KIND_ELEMENT = "element"
KIND_SUIVI = "suivi"
KIND_AUTRE = "autre"
KIND_DIVERS = "divers"
KIND_LEVEE = "levee"


@dataclass(frozen=True)
class Item:
    """One agenda item of a canevas."""

    numero: int  # its number in the canevas du projet CAR or in annexe 3 du CEE
    texte: str  # the source document's wording
    question: str = ""  # one of QUESTIONS_DIRECTRICES, or "" (accueil, normes, clôture…)
    bloc: str = ""  # vocabulary.BLOC_*: the bloc the item refers to ("" when none)
    minutes: int | None = None  # default « temps prévu » (choice: not in the documents)
    kind: str = KIND_CONTENU


@dataclass(frozen=True)
class BlocCompteRendu:
    """A block of the COMPTE-RENDU with the source document's suggested content."""

    titre: str
    puces: tuple[str, ...] = ()


@dataclass(frozen=True)
class Canevas:
    """The model of one kind of rencontre."""

    key: str  # the value of the « Canevas » column of tblRencontres
    titre: str  # « Rencontre 2 », « Réseau d'entraide : demi-journée »
    duree: str  # the source document's duration, as written
    items: tuple[Item, ...]
    compte_rendu: tuple[BlocCompteRendu, ...]
    prochaine: tuple[str, ...] = ()  # « Quoi apporter? », « Quoi discuter? », « Qui fait quoi? »
    # CAR: the « Points de suivi » come just before this kind of item (choice: the canevas du
    # projet CAR has none; before the clôture keeps its numbers). CEE: annexe 3 has its own.
    suivi_before: str = KIND_CLOTURE
    plan: DayPlan | None = None


@dataclass(frozen=True)
class Period:
    """A period of a day plan: work, pause or dîner, with its bounds."""

    label: str
    debut: dt.time
    fin: dt.time


@dataclass(frozen=True)
class DayPlan:
    """A day of a réseau (annexe 2 and section 8.2 of the CEE's guide)."""

    label: str
    debut: dt.time
    fin: dt.time
    periods: tuple[Period, ...] = field(default=())
