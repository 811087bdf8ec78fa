"""Low-level openpyxl helpers shared by every writer: safe text, named styles, tables, saving.

Only adapters (`workbook`, `export`) import this module; the core never does.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableFormula, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from classeur import layout
from classeur.errors import ClasseurError

# Characters openpyxl refuses in a cell (XML 1.0 forbids them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL_CHARS = 32767


def clean_text(text: str) -> str:
    """Text as it can be stored in a cell: control characters removed."""
    return _ILLEGAL.sub("", text)


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
        cell.value = text
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
    font = layout.FONT_NAME
    return [
        NamedStyle(
            layout.STYLE_TITLE,
            font=Font(name=font, size=18, bold=True, color=layout.COLOR_PRIMARY),
        ),
        NamedStyle(
            layout.STYLE_SUBTITLE,
            font=Font(name=font, size=11, italic=True, color="595959"),
        ),
        NamedStyle(
            layout.STYLE_HEADER,
            font=Font(name=font, size=11, bold=True, color="FFFFFF"),
            fill=PatternFill("solid", fgColor=layout.COLOR_PRIMARY),
            alignment=Alignment(vertical="center", wrap_text=True),
            border=_thin(),
        ),
        NamedStyle(
            layout.STYLE_LABEL,
            font=Font(name=font, size=11, bold=True, color=layout.COLOR_PRIMARY),
            alignment=Alignment(vertical="top", wrap_text=True),
        ),
        NamedStyle(
            layout.STYLE_DATE,
            font=Font(name=font, size=11),
            number_format=layout.NUMBER_FORMAT_DATE,
            alignment=Alignment(horizontal="left", vertical="top"),
        ),
        NamedStyle(
            layout.STYLE_TIME,
            font=Font(name=font, size=11),
            number_format=layout.NUMBER_FORMAT_TIME,
            alignment=Alignment(horizontal="left", vertical="top"),
        ),
        NamedStyle(
            layout.STYLE_PERCENT,
            font=Font(name=font, size=11),
            number_format=layout.NUMBER_FORMAT_PERCENT,
            alignment=Alignment(vertical="top"),
        ),
        NamedStyle(
            layout.STYLE_COMPUTED,
            font=Font(name=font, size=11, color="404040"),
            fill=PatternFill("solid", fgColor=layout.COLOR_COMPUTED),
            border=_thin(),
            alignment=Alignment(vertical="top"),
        ),
        NamedStyle(
            layout.STYLE_LINK,
            font=Font(name=font, size=11, color="0563C1", underline="single"),
        ),
        NamedStyle(
            layout.STYLE_WRAP,
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
    "date": layout.STYLE_DATE,
    "time": layout.STYLE_TIME,
    "percent": layout.STYLE_PERCENT,
    "text": layout.STYLE_WRAP,
}


# --------------------------------------------------------------------------------------
# Sheets and tables
# --------------------------------------------------------------------------------------
def write_title(ws: Worksheet, title: str, subtitle: str = "") -> None:
    put(ws[layout.TITLE_CELL], title)
    ws[layout.TITLE_CELL].style = layout.STYLE_TITLE
    if subtitle:
        put(ws[layout.SUBTITLE_CELL], subtitle)
        ws[layout.SUBTITLE_CELL].style = layout.STYLE_SUBTITLE


def setup_print(ws: Worksheet, *, landscape: bool = True, title_rows: str | None = None) -> None:
    """Letter paper, fit to one page wide, titles repeated on every page."""
    ws.page_setup.paperSize = layout.PAPER_LETTER
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


def validation_for(col: layout.Column, levels: Sequence[Any] | None) -> DataValidation | None:
    values: Sequence[Any] | None = None
    if col.kind == "choice" and col.choices:
        values = col.choices
    elif col.kind == "level" and levels:
        values = levels
    if values is not None:
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(str(v) for v in values) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=col.header,
            error="Choisissez une valeur de la liste : " + ", ".join(str(v) for v in values),
        )
    elif col.kind == "date":
        dv = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="1",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=col.header,
            error="Entrez une date, par exemple 2026-11-23.",
        )
    elif col.kind == "time":
        dv = DataValidation(
            type="time",
            operator="between",
            formula1="0",
            formula2="0.999988425925926",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=col.header,
            error="Entrez une heure, par exemple 8:45.",
        )
    else:
        return None
    if col.hint:
        dv.promptTitle = col.header
        dv.prompt = col.hint
        dv.showInputMessage = True
    return dv


MAX_AUTO_WIDTH = 60


def _fit_widths(
    ws: Worksheet, spec: layout.TableSpec, first_col: int, top: int, bottom: int
) -> None:
    """Widen columns so their content shows (up to MAX_AUTO_WIDTH; longer text wraps)."""
    for j, col in enumerate(spec.columns):
        if col.formula or col.kind not in ("text", "email", "choice"):
            continue
        longest = max(
            (
                len(str(ws.cell(row=r, column=first_col + j).value or ""))
                for r in range(top, bottom + 1)
            ),
            default=0,
        )
        width = min(MAX_AUTO_WIDTH, longest * 1.1 + 2)
        letter = get_column_letter(first_col + j)
        if width > (ws.column_dimensions[letter].width or 0):
            ws.column_dimensions[letter].width = width


def write_table(
    ws: Worksheet,
    spec: layout.TableSpec,
    rows: Iterable[Sequence[Any]],
    *,
    levels: Sequence[Any] | None = None,
    header_row: int = layout.TABLE_HEADER_ROW,
    first_col: int = layout.TABLE_FIRST_COLUMN,
    min_rows: int = 1,
    freeze_columns: int = 0,
) -> Table:
    """Write ``spec`` as an Excel Table; ``rows`` give the INPUT columns' values in order.

    Computed columns get their formula on every row. Returns the table (its ref is set).
    """
    input_idx = [i for i, c in enumerate(spec.columns) if c.formula is None]
    for j, col in enumerate(spec.columns):
        cell = ws.cell(row=header_row, column=first_col + j)
        put(cell, col.header)
        cell.style = layout.STYLE_HEADER
        ws.column_dimensions[get_column_letter(first_col + j)].width = col.width
    r = header_row
    for r_i, values in enumerate(rows):
        r = header_row + 1 + r_i
        if len(values) != len(input_idx):
            raise ValueError(f"{spec.name}: {len(values)} values for {len(input_idx)} columns")
        for j, value in zip(input_idx, values, strict=True):
            cell = ws.cell(row=r, column=first_col + j)
            put(cell, value)
            style = STYLE_FOR_KIND.get(spec.columns[j].kind)
            if style and value is not None:
                cell.style = style
    _fit_widths(ws, spec, first_col, header_row + 1, r)
    last = max(r, header_row + min_rows)
    for row in range(header_row + 1, last + 1):
        for j, col in enumerate(spec.columns):
            if col.formula:
                cell = ws.cell(row=row, column=first_col + j)
                put_formula(cell, col.formula)
                cell.style = layout.STYLE_COMPUTED
                if col.kind == "date":
                    cell.number_format = layout.NUMBER_FORMAT_DATE
                elif col.kind == "percent":
                    cell.number_format = layout.NUMBER_FORMAT_PERCENT
            elif ws.cell(row=row, column=first_col + j).value is None:
                # Blank input cells still get the column's format, ready for typing.
                style = STYLE_FOR_KIND.get(col.kind)
                if style:
                    ws.cell(row=row, column=first_col + j).style = style
    ref = (
        f"{get_column_letter(first_col)}{header_row}:"
        f"{get_column_letter(first_col + len(spec.columns) - 1)}{last}"
    )
    table = Table(displayName=spec.name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(
        name=spec.style, showRowStripes=True, showFirstColumn=False
    )
    table._initialise_columns()
    for tc, col in zip(table.tableColumns, spec.columns, strict=True):
        tc.name = col.header
        if col.formula:
            tc.calculatedColumnFormula = TableFormula(attr_text=col.formula[1:])
    ws.add_table(table)
    for j, col in enumerate(spec.columns):
        dv = validation_for(col, levels)
        if dv is not None:
            letter = get_column_letter(first_col + j)
            # Validate well below the table too, so rows added in Excel are covered.
            dv.add(f"{letter}{header_row + 1}:{letter}{max(last, header_row + 500)}")
            ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=first_col + freeze_columns)
    setup_print(ws, landscape=spec.landscape, title_rows=f"{header_row}:{header_row}")
    return table


# --------------------------------------------------------------------------------------
# Saving: never leave a half-written file
# --------------------------------------------------------------------------------------
def save_atomic(wb: Workbook, path: str | os.PathLike[str]) -> Path:
    """Save to a temporary file in the same folder, then replace ``path`` atomically."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ClasseurError(
            f"Le dossier « {folder} » n'existe pas.",
            hint="Créez-le d'abord ou choisissez un autre emplacement.",
        )
    fd, tmp = tempfile.mkstemp(prefix=".~classeur-", suffix=".xlsx", dir=folder)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    except PermissionError as exc:
        raise ClasseurError(
            f"Impossible d'écrire « {target} » : le fichier est protégé ou ouvert ailleurs.",
            hint="Fermez-le dans Excel puis recommencez.",
        ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return target
