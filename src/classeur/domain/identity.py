"""Who a row is: the ONE comparison of names, and the identity of each table's rows.

Two spellings of a name mean the same person (or school) when they are equal once
trimmed, with runs of spaces made one, without regard to case or accents: « José Núñez »,
« jose nunez  » and « Jose Nunez » are one teacher; « École Saint-Jean » and « ecole
saint-jean » one school. Every place that compares two spellings goes through
:func:`name_key`, so a name matches (or not) the same way in the merge, the checks, the
rules and the meeting tabs.

Spellings that differ by more than that but are still close (« Jose Nunes » /
« José Núñez », « Núñez José ») are not the same for sure: :func:`probably_same` says so,
and the commands ask the teacher instead of guessing.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from typing import Any, TypeVar

from classeur.domain import cellvalues
from classeur.layout import structure

K = TypeVar("K")
V = TypeVar("V")

# Two normalised spellings at least this similar (difflib's ratio) are « probably » one
# name: one or two letters apart in a full name, the usual typing slips.
SIMILARITY = 0.85


def name_key(value: Any) -> str:
    """A name (or a school, a group) as compared: trimmed, single spaces, case folded,
    accents removed."""
    # Twice: case folding can leave an accent to remove (« İ »), removing one can leave a
    # capital to fold (« 𝖠 »).
    return " ".join(_folded(_folded(cellvalues.text(value))).split())


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def probably_same(a: Any, b: Any) -> bool:
    """Two spellings that differ beyond case, accents and spaces, but probably name one
    person: the same words in another order, or a letter or two apart."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb or ka == kb:
        return False
    if sorted(ka.split()) == sorted(kb.split()):
        return True
    return difflib.SequenceMatcher(None, ka, kb).ratio() >= SIMILARITY


def student_key(eleve: Any, groupe: Any, enseignant: Any) -> tuple[str, str, str]:
    """A student of the grille: (enseignant·e, groupe, élève), compared as names."""
    return (name_key(enseignant), name_key(groupe), name_key(eleve))


def member_key(prenom: Any, nom: Any, courriel: Any = None) -> str:
    """A member of the team: the e-mail address when there is one (it survives a corrected
    spelling of the name), else the full name."""
    address = cellvalues.shown(courriel).casefold()
    if address:
        return address
    return name_key(f"{cellvalues.shown(prenom)} {cellvalues.shown(nom)}")


def _row_identity(spec_name: str) -> tuple[str, ...]:
    """The input columns (keys) that say which thing a row of table ``spec_name`` is."""
    if spec_name == structure.GRILLE_NAME:
        return ("enseignant", "groupe", "eleve")
    return {
        structure.EQUIPE.name: ("courriel", "prenom", "nom"),
        structure.RENCONTRES.name: ("numero",),
        structure.APPRENTISSAGES.name: ("code",),
        structure.SUIVI.name: ("numero",),
        structure.PARAMETRES.name: ("cle",),
        structure.JOURNAL.name: ("quand", "document"),
    }.get(spec_name, ())


def row_key(spec_name: str, values: dict[str, Any]) -> tuple[str, ...]:
    """The identity of one row of table ``spec_name`` from its input values by key; ()
    when the row says nothing about who it is."""
    keys = _row_identity(spec_name)
    if spec_name == structure.EQUIPE.name:
        who = member_key(values.get("prenom"), values.get("nom"), values.get("courriel"))
        return (who,) if who else ()
    found = tuple(name_key(values.get(k)) for k in keys)
    return found if any(found) else ()


def numbered(keys: Sequence[K]) -> list[tuple[K, int]]:
    """Each key with its occurrence number: a student typed twice is two rows, the first
    matched with the first, the second with the second."""
    seen: dict[K, int] = {}
    out = []
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        out.append((k, seen[k]))
    return out


def by_name(names: Sequence[str], typed: dict[str, V]) -> tuple[dict[str, V], dict[str, V]]:
    """Values typed against names (a rencontre tab's presences) matched with ``names``
    (the members as the Équipe spells them now): (value of each name that has one, values
    typed for names matching none — members since removed). « Marie-Ève␣␣ » typed in R1 is
    still Marie-Ève once her name is corrected."""
    keys = {name_key(n) for n in names}
    found = {name_key(t): v for t, v in typed.items() if name_key(t) in keys}
    mine = {n: found[name_key(n)] for n in names if name_key(n) in found}
    others = {t: v for t, v in typed.items() if name_key(t) not in keys}
    return mine, others
