"""Journal des envois (pure): every export is one row of a table in the classeur.

``log(sheet_values, entry)`` returns the Update that rebuilds the journal sheet with the
rows already there plus the new one; rows a previous export wrote are kept as they are.
Every new classeur has the sheet (``sheet([])``), so that an export can also be logged by
appending one row to its table, without rewriting the file (see ``xlsxparts``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from classeur import layout
from classeur.sheets.sheetdoc import Cell, SheetDoc, SheetTable, Update

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
            ", ".join(self.destinataires) or layout.JOURNAL_NO_RECIPIENT,
            layout.JOURNAL_OUI if self.pseudonymise else layout.JOURNAL_NON,
            ", ".join(self.fichiers),
        ]


def existing_rows(sheet_values: SheetValues) -> list[list[Any]]:
    """The journal's data rows as they are in the classeur (none when no journal yet)."""
    values = sheet_values(layout.SHEET_JOURNAL)
    if not values:
        return []
    width = len(layout.JOURNAL.columns)
    rows = []
    for row in values[layout.TABLE_HEADER_ROW :]:
        cells = [*list(row[:width]), *([None] * (width - len(row)))][:width]
        if any(v not in (None, "") for v in cells):
            rows.append(cells)
    return rows


def log(sheet_values: SheetValues, entry: Entry) -> Update:
    rows = [*existing_rows(sheet_values), entry.row()]
    return Update(
        sheets=[sheet(rows)],
        messages=[f"Envoi inscrit dans la feuille « {layout.SHEET_JOURNAL} »."],
    )


def sheet(rows: list[list[Any]]) -> SheetDoc:
    """The journal sheet with ``rows``; without any, its table has one empty row, already
    formatted (a new classeur shows where its exports will be logged)."""
    spec = layout.JOURNAL
    doc = SheetDoc(
        spec.sheet,
        widths={i: c.width for i, c in enumerate(spec.columns, start=1)},
        landscape=True,
        title_rows=(layout.TABLE_HEADER_ROW, layout.TABLE_HEADER_ROW),
        freeze=(layout.TABLE_HEADER_ROW + 1, 1),
        before=layout.SHEET_PARAMETRES,
    )
    doc.add(Cell(spec.title, style=layout.STYLE_TITLE))
    doc.add(Cell(spec.subtitle, style=layout.STYLE_SUBTITLE))
    while len(doc.rows) < layout.TABLE_HEADER_ROW - 1:
        doc.blank()
    doc.add(*(Cell(c.header, style=layout.STYLE_HEADER) for c in spec.columns))
    for row in rows or [[None] * len(spec.columns)]:
        first, *rest = row
        doc.add(
            Cell(first, number_format=layout.JOURNAL_DATETIME_FORMAT)
            if first is None or isinstance(first, dt.datetime)
            else Cell(first),
            *(Cell(v, style=layout.STYLE_WRAP) for v in rest),
        )
    last = layout.TABLE_HEADER_ROW + max(len(rows), 1)
    doc.tables.append(
        SheetTable(
            spec.name,
            layout.range_ref(layout.TABLE_HEADER_ROW, 1, last, len(spec.columns)),
            spec.style,
        )
    )
    return doc
