"""A1-style references: column letters, cell and range references."""

from __future__ import annotations

# plan de réseau, bilan. Everything a teacher sees of these features is named here.


def column_letter(col: int) -> str:
    """Excel column letters of column number ``col`` (1 -> A, 27 -> AA)."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def cell_ref(row: int, col: int, *, absolute: bool = False) -> str:
    """A1-style reference of (row, col); ``$A$1`` when ``absolute``."""
    d = "$" if absolute else ""
    return f"{d}{column_letter(col)}{d}{row}"


def range_ref(row1: int, col1: int, row2: int, col2: int, *, absolute: bool = False) -> str:
    return f"{cell_ref(row1, col1, absolute=absolute)}:{cell_ref(row2, col2, absolute=absolute)}"
