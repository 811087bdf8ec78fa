"""Low-level openpyxl helpers shared by every writer: safe text, named styles, tables, saving.

Only adapters (`workbook`, `export`) import this module; the core never does.
"""

from __future__ import annotations

import copy
import gc
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.data_source import StrRef
from openpyxl.chart.marker import Marker
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from classeur.errors import ClasseurError
from classeur.files.safewrite import write_atomic
from classeur.layout import compilation, structure, styling
from classeur.sheets.sheetdoc import Chart, SheetDoc

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


def validation_for(col: structure.Column, levels: Sequence[Any] | None) -> DataValidation | None:
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
    ws: Worksheet, spec: structure.TableSpec, first_col: int, top: int, bottom: int
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
    spec: structure.TableSpec,
    rows: Iterable[Sequence[Any]],
    *,
    levels: Sequence[Any] | None = None,
    header_row: int = structure.TABLE_HEADER_ROW,
    first_col: int = structure.TABLE_FIRST_COLUMN,
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
        cell.style = styling.STYLE_HEADER
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
                cell.style = styling.STYLE_COMPUTED
                if col.kind == "date":
                    cell.number_format = styling.NUMBER_FORMAT_DATE
                elif col.kind == "percent":
                    cell.number_format = styling.NUMBER_FORMAT_PERCENT
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
# Applying a feature's Update (see classeur.sheets.sheetdoc)
# --------------------------------------------------------------------------------------
def find_table(wb: Workbook, name: str) -> tuple[Worksheet, Table]:
    for ws in wb.worksheets:
        if name in ws.tables:
            return ws, ws.tables[name]
    raise ClasseurError(
        f"Le tableau « {name} » est introuvable.",
        hint="Vérifiez le classeur avec « classeur verifier ».",
    )


_PLAIN = (None, None, False, None)  # a cell without any look of its own


def render_sheet(wb: Workbook, doc: SheetDoc) -> Worksheet:
    """(Re)build sheet ``doc.name`` from ``doc``; an existing sheet keeps its position."""
    if doc.name in wb.sheetnames:
        old = wb[doc.name]
        index = wb.index(old)
        wb.remove(old)
    elif doc.before and doc.before in wb.sheetnames:
        index = wb.index(wb[doc.before])
    else:
        index = len(wb.sheetnames)
    ws = wb.create_sheet(doc.name, index)
    # The look of a cell follows from (style, number format, bold, fill): it is computed
    # once per combination and copied to the next cells (a compiled grille writes 15,000
    # cells with a handful of looks; assigning a named style costs a lookup every time).
    looks: dict[tuple[str | None, str | None, bool, str | None], Any] = {}
    for r, row in enumerate(doc.rows, start=1):
        for c, spec in enumerate(row, start=1):
            if spec is None:
                continue
            cell = ws.cell(row=r, column=c)
            if spec.formula:
                put_formula(cell, spec.value)
            else:
                put(cell, spec.value)
            key = (spec.style, spec.number_format, spec.bold, spec.fill)
            look = looks.get(key)
            if look is not None:
                cell._style = copy.copy(look)
            elif key != _PLAIN:
                if spec.style:
                    cell.style = spec.style
                if spec.number_format:
                    cell.number_format = spec.number_format
                if spec.bold:  # the font follows from the style
                    font = copy.copy(cell.font)
                    font.bold = True
                    cell.font = font
                if spec.fill:
                    cell.fill = PatternFill("solid", fgColor=spec.fill)
                looks[key] = copy.copy(cell._style)
            if spec.link:
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{spec.link}'!A1")
            if spec.merge > 1:
                ws.merge_cells(
                    start_row=r, start_column=c, end_row=r, end_column=c + spec.merge - 1
                )
    for col, width in doc.widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for row_number, height in doc.heights.items():
        ws.row_dimensions[row_number].height = height
    for row_number in doc.page_breaks:
        ws.row_breaks.append(Break(id=row_number))
    title_rows = f"{doc.title_rows[0]}:{doc.title_rows[1]}" if doc.title_rows else None
    setup_print(ws, landscape=doc.landscape, title_rows=title_rows)
    if doc.freeze:
        ws.freeze_panes = ws.cell(row=doc.freeze[0], column=doc.freeze[1])
    for v in doc.validations:
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(v.choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=v.title or None,
            error="Choisissez une valeur de la liste : " + ", ".join(v.choices),
        )
        dv.add(v.ref)
        ws.add_data_validation(dv)
    for chart in doc.charts:
        ws.add_chart(_chart(ws, chart), chart.anchor)
    for spec_table in doc.tables:
        table = Table(displayName=spec_table.name, ref=spec_table.ref)
        table.tableStyleInfo = TableStyleInfo(name=spec_table.style, showRowStripes=True)
        table._initialise_columns()
        min_col, min_row, max_col, _ = range_boundaries(spec_table.ref)
        for tc, col in zip(table.tableColumns, range(min_col, max_col + 1), strict=True):
            tc.name = str(ws.cell(row=min_row, column=col).value or f"Colonne{col}")
        ws.add_table(table)
    for h in doc.highlights:
        ws.conditional_formatting.add(
            h.ref,
            FormulaRule(formula=[h.formula], fill=PatternFill("solid", bgColor=h.fill)),
        )
    if doc.hidden:
        ws.sheet_state = "hidden"
    return ws


def _chart(ws: Worksheet, spec: Chart) -> BarChart | LineChart:
    chart: BarChart | LineChart = BarChart() if spec.kind == "bar" else LineChart()
    if isinstance(chart, BarChart):
        chart.type = "col"
    chart.title = spec.title
    chart.y_axis.title = spec.y_title or None
    chart.x_axis.title = spec.x_title or None
    if spec.y_max is not None:
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = spec.y_max
    if spec.number_format:
        chart.y_axis.number_format = spec.number_format
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    quoted = "'" + ws.title.replace("'", "''") + "'"
    for title_ref, values_ref in spec.series:
        series = Series(Reference(ws, range_string=f"{quoted}!{values_ref}"))
        series.tx = SeriesLabel(strRef=StrRef(f"{quoted}!{title_ref}"))
        chart.series.append(series)
    chart.set_categories(Reference(ws, range_string=f"{quoted}!{spec.categories}"))
    if spec.line_series:
        overlay = LineChart()
        for title_ref, values_ref in spec.line_series:
            series = Series(Reference(ws, range_string=f"{quoted}!{values_ref}"))
            series.tx = SeriesLabel(strRef=StrRef(f"{quoted}!{title_ref}"))
            series.marker = Marker(symbol="dash", size=14)
            series.marker.graphicalProperties = GraphicalProperties(solidFill="000000")
            series.marker.graphicalProperties.line.solidFill = "000000"
            series.graphicalProperties.line.noFill = True
            overlay.series.append(series)
        overlay.set_categories(Reference(ws, range_string=f"{quoted}!{spec.categories}"))
        chart += overlay
    chart.width = spec.width_cm
    chart.height = spec.height_cm
    return chart


def replace_table_rows(
    wb: Workbook,
    spec: structure.TableSpec,
    rows: Sequence[Sequence[Any]],
    *,
    levels: Sequence[Any] | None = None,
) -> None:
    """Refill table ``spec.name`` with ``rows`` (its INPUT columns, in spec order).

    Rows keep their position: pass existing rows first, in their order, then new ones,
    so that columns a team added to the table stay with their row. Computed columns get
    their formula on every row; the table is resized.
    """
    ws, table = find_table(wb, spec.name)
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    headers = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
    position = {h: min_col + i for i, h in enumerate(headers)}
    inputs = spec.input_columns
    new_last = min_row + max(len(rows), 1)
    for r in range(min_row + 1, max(max_row, new_last) + 1):
        values = rows[r - min_row - 1] if r - min_row - 1 < len(rows) else None
        for j, col in enumerate(inputs):
            cell = ws.cell(row=r, column=position[col.header])
            put(cell, None if values is None else values[j])
            style = STYLE_FOR_KIND.get(col.kind)
            if style and r <= new_last:
                cell.style = style
        for col in spec.columns:
            if col.formula and col.header in position:
                cell = ws.cell(row=r, column=position[col.header])
                if r <= new_last:
                    put_formula(cell, col.formula)
                    cell.style = styling.STYLE_COMPUTED
                    if col.kind == "date":
                        cell.number_format = styling.NUMBER_FORMAT_DATE
                else:
                    cell.value = None
    ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{new_last}"
    table.ref = ref
    if table.autoFilter is not None:
        table.autoFilter.ref = ref
    del levels  # validations already cover rows well below the table


def add_table_column(wb: Workbook, table_name: str, header: str, default: Any = None) -> None:
    """Add column ``header`` at the right end of table ``table_name`` (schema migrations).

    Refused (French) when the column to the right of the table already holds data.
    """
    ws, table = find_table(wb, table_name)
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    headers = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
    if header in headers:
        return
    col = max_col + 1
    busy = [r for r in range(min_row, max_row + 1) if ws.cell(row=r, column=col).value is not None]
    if busy:
        raise ClasseurError(
            f"Impossible d'ajouter la colonne « {header} » au tableau « {table_name} » : "
            f"la colonne {get_column_letter(col)}, à sa droite, contient déjà des données.",
            sheet=ws.title,
            row=busy[0],
            hint="Déplacez ces données ailleurs (ou insérez une colonne vide à droite du "
            "tableau), enregistrez, puis recommencez.",
        )
    head = ws.cell(row=min_row, column=col)
    put(head, header)
    head.style = styling.STYLE_HEADER
    for r in range(min_row + 1, max_row + 1):
        put(ws.cell(row=r, column=col), default)
    ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(col)}{max_row}"
    table.ref = ref
    if table.autoFilter is not None:
        table.autoFilter.ref = ref
    next_id = max((tc.id for tc in table.tableColumns), default=0) + 1
    table.tableColumns.append(TableColumn(id=next_id, name=header))


def set_settings(wb: Workbook, values: dict[str, str]) -> None:
    """Set keys of the hidden settings table (adding the missing ones)."""
    ws, table = find_table(wb, structure.PARAMETRES.name)
    min_col, min_row, _, max_row = range_boundaries(table.ref)
    key_col = min_col
    value_col = min_col + 1
    rows = {ws.cell(row=r, column=key_col).value: r for r in range(min_row + 1, max_row + 1)}
    existing = [
        (
            ws.cell(row=r, column=key_col).value,
            ws.cell(row=r, column=value_col).value,
            ws.cell(row=r, column=min_col + 2).value,
        )
        for r in range(min_row + 1, max_row + 1)
        if ws.cell(row=r, column=key_col).value is not None
    ]
    updated = [(k, values.get(k, v), d) for k, v, d in existing]
    updated += [
        (k, v, compilation.GRILLE_PARAM_DESCRIPTIONS.get(k, ""))
        for k, v in values.items()
        if k not in rows
    ]
    replace_table_rows(wb, structure.PARAMETRES, updated)


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


def save_atomic(wb: Workbook, path: str | os.PathLike[str]) -> Path:
    """Save ``wb`` atomically: temporary file in the same folder, fsync, ``os.replace``;
    the previous version is kept in the backup folder; refused while Excel has the file
    open (see :mod:`classeur.files.safewrite`)."""
    with gc_paused():
        return write_atomic(path, wb.save)
