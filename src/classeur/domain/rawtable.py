"""An Excel table as plain values, as both adapters (openpyxl, xlwings, calamine) hand it
to the core."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawTable:
    """An Excel table as plain values: where it is, its header cells and its data rows.

    Values are what the cells hold (text, numbers, dates, times, None); for formulas, the
    value Excel last computed. Both adapters (openpyxl, xlwings) produce these.
    """

    name: str
    sheet: str
    header_row: int  # sheet row number of the header
    headers: list[Any]
    rows: list[list[Any]]
    first_column: int = 1  # sheet column number of the first column
    # merged ranges overlapping the table: (min_row, min_col, max_row, max_col), sheet-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
