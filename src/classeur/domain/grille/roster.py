"""The students the classeur has held, remembered so that a removal is not undone.

A student the team removed from the Grille (row cleared or deleted) is still in the copies
handed to the teachers before; merging those copies must not bring them back. The classeur
keeps, in a settings key, a fingerprint of every student it has held (a short hash of the
student's identity: no name is written anywhere new), updated each time Classeur writes
into the classeur. A copy's student whose fingerprint is known but who is not in the
Grille was removed: the merge reports them by name and leaves them out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from classeur.domain.identity import student_key
from classeur.domain.model import Classeur
from classeur.layout import compilation, structure

_DIGITS = 12  # 48 bits: no two students of a school share one


def fingerprint(key: tuple[str, ...]) -> str:
    """A student's identity (``identity.student_key``) as a short hash."""
    return hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:_DIGITS]


def known(c: Classeur) -> set[str]:
    """The fingerprints of the students the classeur has held."""
    return set(c.settings.eleves_connus.split())


def remembered(c: Classeur, tables: dict[str, list[tuple[object, ...]]]) -> str | None:
    """The settings value that adds the grille's students (now, and as ``tables`` will
    write them) to those already known; None when nothing new is to remember."""
    keys: Iterable[tuple[str, ...]] = [student_key(e.eleve, e.groupe, e.enseignant) for e in c.grid]
    rows = tables.get(structure.GRILLE_NAME, [])
    keys = [*keys, *(student_key(r[0], r[1], r[2]) for r in rows)]
    before = known(c)
    after = before | {fingerprint(k) for k in keys if all(k)}
    if after == before:
        return None
    return " ".join(sorted(after))


def settings_to_write(
    c: Classeur, settings: dict[str, str], tables: dict[str, list[tuple[object, ...]]]
) -> dict[str, str]:
    """``settings`` (an Update's), with the known students when the write adds some: both
    adapters call this on every write, so the memory follows the Grille."""
    value = remembered(c, tables)
    return settings if value is None else {**settings, compilation.PARAM_ELEVES_CONNUS: value}
