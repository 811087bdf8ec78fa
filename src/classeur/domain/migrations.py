"""Schema migrations: a classeur written by an older version of Classeur is upgraded.

The format's version is the ``version_schema`` setting (``layout.SCHEMA_VERSION`` for
files written now). ``MIGRATIONS[v]`` upgrades a classeur from version ``v`` to ``v + 1``
as a list of declarative steps, applied by the core to the tables it reads
(:func:`migrate_tables`, so both adapters read old files) and by the file adapter to the
workbook itself when a command rewrites it (``workbook.edit_classeur``), so that the file
on disk ends up current. A classeur from a NEWER version is refused (``tables``).

To change the format: bump ``layout.SCHEMA_VERSION`` and register the migration from the
previous version here, with a test on a hand-made file of the previous version.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from classeur.domain import cellvalues
from classeur.domain.rawtable import RawTable
from classeur.errors import ClasseurError
from classeur.layout import structure, vocabulary


@dataclass(frozen=True)
class AddColumn:
    """Add column ``header`` to table ``table`` (at its right end), filled with ``default``."""

    table: str
    header: str
    default: Any = None


Step = AddColumn


@dataclass(frozen=True)
class Migration:
    version: int  # upgrades from this version to version + 1
    description: str  # French, shown to the teacher
    steps: tuple[Step, ...]


# Version 0: classeurs of the pilot, before the « Service » column of the team list.
MIGRATIONS: dict[int, Migration] = {
    0: Migration(
        0,
        "ajout de la colonne « Service » au tableau de l'équipe",
        (AddColumn(structure.EQUIPE.name, structure.EQUIPE.column("service").header, None),),
    ),
}

DEFAULT_VERSION = 1  # a classeur without version_schema predates numbering changes: 1


def _key_value_columns(t: RawTable) -> tuple[int, int] | None:
    positions = cellvalues.header_positions(t.headers)
    key = positions.get(cellvalues.label_key(structure.PARAMETRES.column("cle").header))
    value = positions.get(cellvalues.label_key(structure.PARAMETRES.column("valeur").header))
    if key is None or value is None:
        return None
    return key, value


def schema_version(tables: dict[str, RawTable]) -> int | None:
    """The version written in the settings table; None when it cannot be read."""
    t = tables.get(structure.PARAMETRES.name)
    if t is None:
        return None
    cols = _key_value_columns(t)
    if cols is None:
        return None
    k, v = cols
    for row in t.rows:
        if len(row) > max(k, v) and str(row[k] or "").strip() == structure.PARAM_SCHEMA:
            text = str(row[v] if row[v] is not None else "").strip()
            if isinstance(row[v], float) and row[v].is_integer():
                text = str(int(row[v]))
            if not text:
                return DEFAULT_VERSION
            return int(text) if text.isdigit() else 0
    return DEFAULT_VERSION


def pending(version: int, target: int | None = None) -> list[Migration]:
    """The migrations that bring ``version`` to ``target`` (empty when current or newer)."""
    out = []
    for v in range(version, vocabulary.SCHEMA_VERSION if target is None else target):
        m = MIGRATIONS.get(v)
        if m is None:
            raise ClasseurError(
                f"Ce classeur est dans un ancien format ({version}) que cette version de "
                "Classeur ne sait plus mettre à jour.",
                sheet=structure.SHEET_PARAMETRES,
                hint="Ouvrez-le avec une version intermédiaire de Classeur, ou repartez d'un "
                "classeur neuf (classeur nouveau) et recopiez vos données.",
            )
        out.append(m)
    return out


def _add_column(t: RawTable, step: AddColumn) -> RawTable:
    if cellvalues.label_key(step.header) in cellvalues.header_positions(t.headers):
        return t
    return replace(
        t,
        headers=[*t.headers, step.header],
        rows=[[*row, step.default] for row in t.rows],
    )


def _set_version(t: RawTable, version: int) -> RawTable:
    cols = _key_value_columns(t)
    if cols is None:
        return t
    k, v = cols
    rows = [list(r) for r in t.rows]
    for row in rows:
        if len(row) > max(k, v) and str(row[k] or "").strip() == structure.PARAM_SCHEMA:
            row[v] = str(version)
            return replace(t, rows=rows)
    new: list[Any] = [None] * len(t.headers)
    new[k], new[v] = structure.PARAM_SCHEMA, str(version)
    return replace(t, rows=[*rows, new])


def migrate_tables(tables: dict[str, RawTable]) -> list[Migration]:
    """Upgrade ``tables`` (in place) to the current schema; returns what was applied."""
    version = schema_version(tables)
    if version is None or version >= vocabulary.SCHEMA_VERSION:
        return []
    applied = pending(version)
    for m in applied:
        for step in m.steps:
            if step.table in tables:
                tables[step.table] = _add_column(tables[step.table], step)
    params = tables[structure.PARAMETRES.name]
    tables[structure.PARAMETRES.name] = _set_version(params, vocabulary.SCHEMA_VERSION)
    return applied
