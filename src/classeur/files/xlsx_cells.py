"""openpyxl basics shared by every writer: text that stays text, named styles, titles,
print setup, and saving a workbook atomically."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from classeur.domain.cellvalues import MAX_CELL_CHARS, clean_text
from classeur.errors import ClasseurError
from classeur.files.safewrite import UNCHECKED, write_atomic
from classeur.files.writelock import Identity
from classeur.layout import structure, styling


def put(cell: Cell, value: Any) -> None:
    """Write ``value`` into ``cell``; strings are ALWAYS text, never a formula."""
    if isinstance(value, str):
        text = clean_text(value)
        if len(text) > MAX_CELL_CHARS:
            raise ClasseurError(
                f"Le texte dépasse la limite d'Excel de {MAX_CELL_CHARS} caractères.",
                sheet=cell.parent.title,
                row=cell.row,
                hint="Raccourcissez-le ou répartissez-le sur plusieurs cellules.",
            )
        # Stored as text directly: openpyxl's setter would check the text again and
        # would mark a text starting with "=" as a formula.
        cell._value = text
        cell.data_type = "s"
    else:
        cell.value = value


def put_formula(cell: Cell, formula: str) -> None:
    """Write a formula we generated (never user text)."""
    if not formula.startswith("="):
        raise ValueError(f"not a formula: {formula!r}")
    cell.value = formula


# --------------------------------------------------------------------------------------
# Named styles
# --------------------------------------------------------------------------------------
def _thin() -> Border:
    side = Side(style="thin", color="BFBFBF")
    return Border(left=side, right=side, top=side, bottom=side)


def named_styles() -> list[NamedStyle]:
    font = styling.FONT_NAME
    return [
        NamedStyle(
            styling.STYLE_TITLE,
            font=Font(name=font, size=18, bold=True, color=styling.COLOR_PRIMARY),
        ),
        NamedStyle(
            styling.STYLE_SUBTITLE,
            font=Font(name=font, size=11, italic=True, color="595959"),
        ),
        NamedStyle(
            styling.STYLE_HEADER,
            font=Font(name=font, size=11, bold=True, color="FFFFFF"),
            fill=PatternFill("solid", fgColor=styling.COLOR_PRIMARY),
            alignment=Alignment(vertical="center", wrap_text=True),
            border=_thin(),
        ),
        NamedStyle(
            styling.STYLE_LABEL,
            font=Font(name=font, size=11, bold=True, color=styling.COLOR_PRIMARY),
            alignment=Alignment(vertical="top", wrap_text=True),
        ),
        NamedStyle(
            styling.STYLE_DATE,
            font=Font(name=font, size=11),
            number_format=styling.NUMBER_FORMAT_DATE,
            alignment=Alignment(horizontal="left", vertical="top"),
        ),
        NamedStyle(
            styling.STYLE_TIME,
            font=Font(name=font, size=11),
            number_format=styling.NUMBER_FORMAT_TIME,
            alignment=Alignment(horizontal="left", vertical="top"),
        ),
        NamedStyle(
            styling.STYLE_PERCENT,
            font=Font(name=font, size=11),
            number_format=styling.NUMBER_FORMAT_PERCENT,
            alignment=Alignment(vertical="top"),
        ),
        NamedStyle(
            styling.STYLE_COMPUTED,
            font=Font(name=font, size=11, color="404040"),
            fill=PatternFill("solid", fgColor=styling.COLOR_COMPUTED),
            border=_thin(),
            alignment=Alignment(vertical="top"),
        ),
        NamedStyle(
            styling.STYLE_LINK,
            font=Font(name=font, size=11, color="0563C1", underline="single"),
        ),
        NamedStyle(
            styling.STYLE_WRAP,
            font=Font(name=font, size=11),
            alignment=Alignment(vertical="top", wrap_text=True),
        ),
    ]


def ensure_styles(wb: Workbook) -> None:
    existing = {s if isinstance(s, str) else s.name for s in wb.named_styles}
    for style in named_styles():
        if style.name not in existing:
            wb.add_named_style(style)


STYLE_FOR_KIND = {
    "date": styling.STYLE_DATE,
    "time": styling.STYLE_TIME,
    "percent": styling.STYLE_PERCENT,
    "text": styling.STYLE_WRAP,
}


# --------------------------------------------------------------------------------------
# Sheets and tables
# --------------------------------------------------------------------------------------
def write_title(ws: Worksheet, title: str, subtitle: str = "") -> None:
    put(ws[structure.TITLE_CELL], title)
    ws[structure.TITLE_CELL].style = styling.STYLE_TITLE
    if subtitle:
        put(ws[structure.SUBTITLE_CELL], subtitle)
        ws[structure.SUBTITLE_CELL].style = styling.STYLE_SUBTITLE


def setup_print(ws: Worksheet, *, landscape: bool = True, title_rows: str | None = None) -> None:
    """Letter paper, fit to one page wide, titles repeated on every page."""
    ws.page_setup.paperSize = styling.PAPER_LETTER
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "Page &P de &N"
    ws.oddFooter.right.text = "&A"


# --------------------------------------------------------------------------------------
# Saving: never leave a half-written file
# --------------------------------------------------------------------------------------
@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause CPython's cycle collector while openpyxl reads or writes a workbook.

    openpyxl allocates an object per cell, style and XML element: millions for a school's
    grille. The collector walks every live object again each time enough of them have
    piled up, which is a fifth of the time of loading that grille, and finds nothing: the
    temporary objects are freed by reference counting. Collection resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def save_atomic(
    wb: Workbook, path: str | os.PathLike[str], expect: Identity | None = UNCHECKED
) -> Path:
    """Save ``wb`` atomically: temporary file in the same folder, fsync, ``os.replace``;
    the previous version is kept in the backup folder; refused while Excel has the file
    open, when it is read-only, or when it is no longer the version ``expect`` that was
    read (see :mod:`classeur.files.safewrite`)."""
    with gc_paused():
        return write_atomic(path, wb.save, expect=expect)
