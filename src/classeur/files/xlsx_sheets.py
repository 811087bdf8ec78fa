"""A generated sheet (``SheetDoc``) written with openpyxl: cells, looks, merges, links,
tables, validations, highlights, charts, print setup."""

from __future__ import annotations

import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.data_source import StrRef
from openpyxl.chart.marker import Marker
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from classeur.files.xlsx_cells import put, put_formula, setup_print
from classeur.layout import vocabulary
from classeur.sheets.sheetdoc import Cell, Chart, SheetDoc

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
    _write_cells(ws, doc)
    _write_layout(ws, doc)
    _write_objects(ws, doc)
    if doc.hidden:
        ws.sheet_state = "hidden"
    return ws


def _write_cells(ws: Worksheet, doc: SheetDoc) -> None:
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
                _set_look(cell, spec)
                looks[key] = copy.copy(cell._style)
            if spec.link:
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{spec.link}'!A1")
            elif spec.url:
                cell.hyperlink = _hyperlink(cell.coordinate, spec.url)
            if spec.merge > 1:
                ws.merge_cells(
                    start_row=r, start_column=c, end_row=r, end_column=c + spec.merge - 1
                )


def _hyperlink(ref: str, url: str) -> Hyperlink:
    """A teacher's link as Excel stores it: a place in the workbook (« #'R2'!A1 ») or a
    target (a web address, a file)."""
    if url.startswith("#"):
        return Hyperlink(ref=ref, location=url[1:])
    return Hyperlink(ref=ref, target=url)


def _set_look(cell: Any, spec: Cell) -> None:
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


def _write_layout(ws: Worksheet, doc: SheetDoc) -> None:
    """Widths, heights, page breaks, print setup and frozen panes."""
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


def _write_objects(ws: Worksheet, doc: SheetDoc) -> None:
    """Dropdown lists, charts, tables and conditional fills."""
    for v in doc.validations:
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(v.choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=v.title or None,
            error=vocabulary.LIST_ERROR.format(choices=", ".join(v.choices)),
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
