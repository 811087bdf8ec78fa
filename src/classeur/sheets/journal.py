"""The journal des envois sheet: the rows earlier exports wrote, plus the new one.

``log(sheet_values, entry)`` returns the Update that rebuilds the journal sheet with the
rows already there plus the new one; rows a previous export wrote are kept as they are.
Every new classeur has the sheet (``sheet([])``), so that an export can also be logged by
appending one row to its table, without rewriting the file (see ``files.xlsx_parts``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from classeur.domain.journal import Entry, existing_rows
from classeur.layout import a1, structure, styling
from classeur.sheets.sheetdoc import Cell, SheetDoc, SheetTable, Update

SheetValues = Callable[[str], list[list[Any]] | None]


def log(sheet_values: SheetValues, entry: Entry) -> Update:
    rows = [*existing_rows(sheet_values), entry.row()]
    return Update(
        sheets=[sheet(rows)],
        messages=[f"Envoi inscrit dans la feuille « {structure.SHEET_JOURNAL} »."],
    )


def sheet(rows: list[list[Any]]) -> SheetDoc:
    """The journal sheet with ``rows``; without any, its table has one empty row, already
    formatted (a new classeur shows where its exports will be logged)."""
    spec = structure.JOURNAL
    doc = SheetDoc(
        spec.sheet,
        widths={i: c.width for i, c in enumerate(spec.columns, start=1)},
        landscape=True,
        title_rows=(structure.TABLE_HEADER_ROW, structure.TABLE_HEADER_ROW),
        freeze=(structure.TABLE_HEADER_ROW + 1, 1),
        before=structure.SHEET_PARAMETRES,
    )
    doc.add(Cell(spec.title, style=styling.STYLE_TITLE))
    doc.add(Cell(spec.subtitle, style=styling.STYLE_SUBTITLE))
    while len(doc.rows) < structure.TABLE_HEADER_ROW - 1:
        doc.blank()
    doc.add(*(Cell(c.header, style=styling.STYLE_HEADER) for c in spec.columns))
    for row in rows or [[None] * len(spec.columns)]:
        first, *rest = row
        doc.add(
            Cell(first, number_format=structure.JOURNAL_DATETIME_FORMAT)
            if first is None or isinstance(first, dt.datetime)
            else Cell(first),
            *(Cell(v, style=styling.STYLE_WRAP) for v in rest),
        )
    last = structure.TABLE_HEADER_ROW + max(len(rows), 1)
    doc.tables.append(
        SheetTable(
            spec.name,
            a1.range_ref(structure.TABLE_HEADER_ROW, 1, last, len(spec.columns)),
            spec.style,
        )
    )
    return doc
