"""Journal des envois (pure): every export is one row of a table in the classeur. An
:class:`Entry` is one export; :func:`existing_rows` reads the rows earlier exports wrote.

The sheet is built by ``classeur.sheets.journal``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from classeur.layout import structure

SheetValues = Callable[[str], list[list[Any]] | None]


@dataclass
class Entry:
    quand: dt.datetime
    document: str
    formats: list[str]
    destinataires: list[str]
    pseudonymise: bool
    fichiers: list[str]

    def row(self) -> list[Any]:
        return [
            self.quand.replace(microsecond=0),
            self.document,
            ", ".join(self.formats),
            ", ".join(self.destinataires) or structure.JOURNAL_NO_RECIPIENT,
            structure.JOURNAL_OUI if self.pseudonymise else structure.JOURNAL_NON,
            ", ".join(self.fichiers),
        ]


def existing_rows(sheet_values: SheetValues) -> list[list[Any]]:
    """The journal's data rows as they are in the classeur (none when no journal yet)."""
    values = sheet_values(structure.SHEET_JOURNAL)
    if not values:
        return []
    width = len(structure.JOURNAL.columns)
    rows = []
    for row in values[structure.TABLE_HEADER_ROW :]:
        cells = [*list(row[:width]), *([None] * (width - len(row)))][:width]
        if any(v not in (None, "") for v in cells):
            rows.append(cells)
    return rows


def pseudonymised_count(sheet_values: SheetValues) -> int:
    """How many exports the journal shows as sent with student codes."""
    column = [c.key for c in structure.JOURNAL.columns].index("pseudonymise")
    return sum(
        1
        for row in existing_rows(sheet_values)
        if str(row[column] or "").strip().casefold() == structure.JOURNAL_OUI.casefold()
    )
