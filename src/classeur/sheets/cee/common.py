"""Helpers of the dashboard's sheets: tables written from rows, live formulas with the value
pandas computed for each (kept beside the sheets, so that a check can compare them)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from classeur.layout import a1, cee, styling
from classeur.layout.structure import Column, TableSpec
from classeur.sheets.sheetdoc import Cell, SheetDoc, SheetTable
from classeur.text import french as words


@dataclass(frozen=True)
class Live:
    """A formula and the value the consolidation computed for it."""

    formula: str
    expected: Any
    number_format: str | None = None


@dataclass
class Book:
    """The dashboard's sheets, and the expected value of every formula cell."""

    context: str = ""  # under every sheet's title: year, date, networks read
    docs: list[SheetDoc] = field(default_factory=list)
    expected: dict[tuple[str, str], Any] = field(default_factory=dict)  # (sheet, "B5")

    def sheet(self, name: str, widths: dict[int, float], *, freeze: int = 2) -> SheetDoc:
        doc = SheetDoc(
            name,
            widths=widths,
            landscape=True,
            title_rows=(cee.HEADER_ROW, cee.HEADER_ROW),
            freeze=(cee.HEADER_ROW + 1, freeze + 1) if freeze else None,
        )
        self.docs.append(doc)
        return doc

    def add(self, doc: SheetDoc, cells: Sequence[Any]) -> int:
        """Append a row; each :class:`Live` becomes a formula cell whose value is noted."""
        row = len(doc.rows) + 1
        out: list[Cell | None] = []
        for col, value in enumerate(cells, start=1):
            if isinstance(value, Live):
                self.expected[(doc.name, a1.cell_ref(row, col))] = value.expected
                out.append(
                    Cell(
                        value.formula,
                        formula=True,
                        style=styling.STYLE_COMPUTED,
                        number_format=value.number_format,
                    )
                )
            elif value is None or isinstance(value, Cell):
                out.append(value)
            else:
                out.append(Cell(value))
        doc.rows.append(out)
        return row


def quote(text: str) -> str:
    """A text as a formula's string literal."""
    return '"' + text.replace('"', '""') + '"'


def _escaped(header: str) -> str:
    """A column name inside a structured reference (``[ ] # '`` escaped with ``'``)."""
    return "".join("'" + ch if ch in "[]#'" else ch for ch in header)


def col(spec: TableSpec, key: str) -> str:
    """``tblX[Header]``: a whole column of a table."""
    return f"{spec.name}[{_escaped(spec.column(key).header)}]"


def this(spec: TableSpec, key: str) -> str:
    """``tblX[[#This Row],[Header]]``: the cell of this row in a column."""
    return f"{spec.name}[[#This Row],[{_escaped(spec.column(key).header)}]]"


def index(spec: TableSpec, key: str, k: int) -> str:
    return f"INDEX({col(spec, key)},{k})"


def clean(value: Any) -> Any:
    """A value as a cell holds it: NaN and NaT are empty, numpy numbers are Python's."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str | dt.date):
        return value.item()
    if value.__class__.__name__ == "NaTType":
        return None
    return value


def cell_for(column: Column, value: Any) -> Any:
    """A value with the look of its column (dates, percentages, wrapped text)."""
    if isinstance(value, Live):
        return Live(value.formula, value.expected, value.number_format or _formats(column))
    if isinstance(value, Cell):
        return value
    value = clean(value)
    if value is None or value == "":
        return None
    return Cell(value, style=styling.STYLE_WRAP, number_format=_formats(column))


def _formats(column: Column) -> str | None:
    if column.kind == "date":
        return styling.NUMBER_FORMAT_DATE
    if column.kind == "percent":
        return styling.NUMBER_FORMAT_PERCENT
    return None


def header_row(doc: SheetDoc, spec: TableSpec, first_col: int = 1) -> int:
    """The header row, as the layout spells it (formulas name these columns)."""
    pad: list[Cell | None] = [None] * (first_col - 1)
    return doc.add(*pad, *(Cell(c.header, style=styling.STYLE_HEADER) for c in spec.columns))


def write_table(
    book: Book,
    doc: SheetDoc,
    spec: TableSpec,
    rows: Sequence[dict[str, Any]],
    empty: str = "",
    first_col: int = 1,
) -> tuple[int, int]:
    """The table ``spec`` with ``rows`` (values by column key) from column ``first_col``; a
    table needs one row, so without any it holds ``empty``. Returns its header row and
    last row."""
    top = header_row(doc, spec, first_col)
    pad = [None] * (first_col - 1)
    for values in rows or [{spec.columns[min(1, len(spec.columns) - 1)].key: empty}]:
        book.add(doc, [*pad, *(cell_for(c, values.get(c.key)) for c in spec.columns)])
    bottom = len(doc.rows)
    ref = a1.range_ref(top, first_col, bottom, first_col + len(spec.columns) - 1)
    doc.tables.append(SheetTable(spec.name, ref, cee.TABLE_STYLE))
    doc.fit_heights()
    return top, bottom


def title(doc: SheetDoc, text: str, context: str, note: str, span: int) -> None:
    """Title, the dashboard's context (year, date, files) and what the sheet shows
    (wrapped across ``span`` columns), above the header row."""
    doc.add(Cell(words.typography(text), style=styling.STYLE_TITLE, merge=span))
    doc.add(Cell(words.typography(context), style=styling.STYLE_SUBTITLE, merge=span))
    doc.add(Cell(words.typography(note), style=styling.STYLE_WRAP, merge=span))
    while len(doc.rows) < cee.HEADER_ROW - 1:
        doc.blank()


def widths(spec: TableSpec) -> dict[int, float]:
    return {i: c.width for i, c in enumerate(spec.columns, start=1)}
