"""What a sheet shows, as text (formulas by their value, numbers and dates in French),
and the values of formulas: cached by Excel, or recalculated by LibreOffice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from classeur.domain import links
from classeur.files import libreoffice
from classeur.text import french

MAX_ROWS = 5000  # bounds on what is read from one sheet (hostile <dimension> values)
MAX_COLS = 200


# ======================================================================================
# Reading displayed text
# ======================================================================================
def _display(value: Any, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return french.date_longue(value.date())
        if value.date() == dt.date(1899, 12, 30):
            return french.heure(value.time())
        return f"{french.date_longue(value.date())}, {french.heure(value.time())}"
    if isinstance(value, dt.date):
        return french.date_longue(value)
    if isinstance(value, dt.time):
        return french.heure(value)
    if isinstance(value, int | float):
        if "%" in (number_format or ""):
            return french.pourcentage(float(value))
        if isinstance(value, float) and not value.is_integer():
            from babel.numbers import format_decimal

            return format_decimal(round(value, 2), locale=french.LOCALE)
        return str(int(value))
    return str(value)


def extent(ws: Worksheet) -> tuple[int, int]:
    """(last row, last column) of the cells holding a value within the exported area
    (``MAX_ROWS`` x ``MAX_COLS``), from the cells that exist: an empty formatted cell far
    away, or a sheet's stretched dimension, costs nothing."""
    last_row = last_col = 0
    for (r, c), cell in ws._cells.items():
        if r <= MAX_ROWS and c <= MAX_COLS and cell.value is not None:
            last_row, last_col = max(last_row, r), max(last_col, c)
    return last_row, last_col


def beyond(ws: Worksheet) -> str | None:
    """The first cell holding a value outside the exported area, if any (A1 form)."""
    far = [
        (r, c)
        for (r, c), cell in ws._cells.items()
        if (r > MAX_ROWS or c > MAX_COLS) and cell.value is not None
    ]
    return ws.cell(*min(far)).coordinate if far else None


def sheet_text(ws: Worksheet, values: Worksheet) -> list[list[str]]:
    """What the sheet shows, as text: formulas by their computed value. Only the cells
    that exist are visited (one stray value at BXH5000 must not cost minutes)."""
    last_row, last_col = extent(ws)
    grid = [[""] * last_col for _ in range(last_row)]
    for (r, c), cell in ws._cells.items():
        if r > last_row or c > last_col:
            continue
        value = cell.value
        if cell.data_type == "f":
            value = values[cell.coordinate].value
        grid[r - 1][c - 1] = _linked(cell, _display(value, cell.number_format))
    return grid


def _linked(cell: Any, text: str) -> str:
    """``text`` as a :class:`~classeur.domain.links.Link` when the cell is a link a
    teacher made (Insertion › Lien, or a literal ``=HYPERLINK(…)``): the Word document
    and the e-mail show it as a real link."""
    if cell.data_type == "f" and isinstance(cell.value, str):
        found = links.from_formula(cell.value, text)
        return found if isinstance(found, links.Link) else text
    link = cell.hyperlink
    if link is not None and link.target and text:
        return links.Link(text, link.target)
    return text


NO_VALUES = (
    "Attention : ce classeur n'a pas été enregistré par Excel depuis sa dernière mise à jour "
    "et LibreOffice est introuvable; les cases calculées (formules) sont vides dans les "
    "documents. Ouvrez le classeur dans Excel, enregistrez-le, puis exportez de nouveau."
)


def values_workbook(
    path: Path, wb: Workbook, sheets: list[str], tmp: Path, messages: list[str]
) -> Workbook:
    """The classeur with formulas' values: cached ones, or recalculated by LibreOffice."""
    from classeur.files.xlsx_read import open_workbook

    values = open_workbook(path, data_only=True)  # checked like every read
    missing = any(
        cell.data_type == "f" and values[name][cell.coordinate].value is None
        for name in sheets
        for cell in list(wb[name]._cells.values())
    )
    if missing and libreoffice.soffice() is not None:
        values = load_workbook(libreoffice.convert(path, "xlsx", tmp / "recalcul"), data_only=True)
    elif missing:
        messages.append(NO_VALUES)
    return values
