"""Dataclasses of the domain. No I/O, no Excel: plain values only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from classeur.domain.rawtable import RawTable
from classeur.layout import vocabulary

Level = int | str  # a level on the classeur's scale: 1–4, "A"–"E", "Atteint"…


@dataclass
class Settings:
    modele: str  # "car" or "reseau" (layout.MODELES)
    titre: str = ""
    annee_scolaire: str = ""
    organisme: str = ""
    but: str = ""
    echelle: str = "1-4"  # key of layout.ECHELLES
    schema_version: int = 1
    extra: dict[str, str] = field(default_factory=dict)  # settings other features add
    # Fingerprints of the students the classeur has held (``domain.grille.roster``):
    # Classeur's own bookkeeping, not the team's content, so not part of equality.
    eleves_connus: str = field(default="", compare=False, repr=False)
    # What Classeur last wrote in each generated sheet (sheets.notes): bookkeeping, not
    # the classeur's content, so two classeurs with the same content compare equal.
    memories: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass
class Member:
    prenom: str
    nom: str
    courriel: str = ""
    etablissement: str = ""
    fonction: str = ""
    service: str = ""
    role: str = vocabulary.ROLE_PARTICIPANT
    row: int | None = field(default=None, compare=False, repr=False)  # sheet row, once read

    @property
    def full_name(self) -> str:
        return f"{self.prenom} {self.nom}".strip()


@dataclass
class Meeting:
    numero: int
    date: dt.date | None = None
    debut: dt.time | None = None
    fin: dt.time | None = None
    mode: str = ""
    lieu: str = ""
    canevas: str = ""
    bloc: str = ""


@dataclass
class Learning:
    code: str
    description: str
    criteres: str = ""
    niveau_vise: Level = 3
    objectif: float = 0.8  # objectif commun: share of students (0–1) at or above niveau_vise


@dataclass
class GridEntry:
    """One student's row in the grille: results keyed by (apprentissage code, bloc)."""

    eleve: str
    groupe: str
    enseignant: str
    resultats: dict[tuple[str, str], Level] = field(default_factory=dict)
    row: int | None = field(default=None, compare=False, repr=False)  # sheet row, once read

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.enseignant, self.groupe, self.eleve)


@dataclass
class Action:
    numero: int
    action: str
    responsable: str = ""
    echeance: dt.date | None = None
    statut: str = "À faire"
    rencontre: int | None = None
    notes: str = ""


@dataclass
class Classeur:
    settings: Settings
    members: list[Member] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    learnings: list[Learning] = field(default_factory=list)
    grid: list[GridEntry] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    # Where the model was read from: the tables as typed, and the sheet row of each item
    # (table name -> row of members[i], meetings[i]…), so that a check names the cell.
    # Not part of what the classeur says (two reads of one file compare equal).
    raw: dict[str, RawTable] = field(default_factory=dict, compare=False, repr=False)
    rows: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)

    def row_of(self, table: str, index: int) -> int | None:
        """The sheet row of item ``index`` of ``table`` (None for a model not read)."""
        found = self.rows.get(table, [])
        return found[index] if index < len(found) else None

    def meeting(self, numero: int) -> Meeting | None:
        return next((m for m in self.meetings if m.numero == numero), None)

    @property
    def learning_codes(self) -> list[str]:
        return [lrn.code for lrn in self.learnings]
