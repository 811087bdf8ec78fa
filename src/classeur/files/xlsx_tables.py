"""Excel tables with openpyxl: writing a new table (validations, widths), refilling a
table's rows, adding a column, the settings table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from classeur.domain import cellvalues, rowplan
from classeur.domain.rawtable import RawTable
from classeur.errors import ClasseurError
from classeur.files.xlsx_cells import STYLE_FOR_KIND, put, put_formula, setup_print
from classeur.layout import compilation, structure, styling, vocabulary


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
            error=vocabulary.LIST_ERROR.format(choices=", ".join(str(v) for v in values)),
        )
    elif col.kind == "date":
        dv = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="1",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=col.header,
            error=vocabulary.DATE_ERROR,
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
            error=vocabulary.TIME_ERROR,
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


def _computed_and_blank_cells(
    ws: Worksheet, spec: structure.TableSpec, first_col: int, rows: range
) -> None:
    """Each computed column's formula on every row; each blank input cell formatted for
    what it will hold, ready for typing."""
    for row in rows:
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
                style = STYLE_FOR_KIND.get(col.kind)
                if style:
                    ws.cell(row=row, column=first_col + j).style = style


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
    _computed_and_blank_cells(ws, spec, first_col, range(header_row + 1, last + 1))
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


def _current(ws: Worksheet, table: Table) -> RawTable:
    """The table as it is now (formulas as their text: only blankness and identities are
    read from it)."""
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    grid = [
        [ws.cell(row=r, column=c).value for c in range(min_col, max_col + 1)]
        for r in range(min_row, max_row + 1)
    ]
    return RawTable(table.displayName, ws.title, min_row, grid[0], grid[1:], min_col)


def replace_table_rows(
    wb: Workbook,
    spec: structure.TableSpec,
    rows: Sequence[Sequence[Any]],
    *,
    levels: Sequence[Any] | None = None,
) -> None:
    """Bring ``rows`` (its INPUT columns, in spec order) into table ``spec.name``, each row
    by identity (``domain.rowplan``): existing rows updated in place, cell by cell (a cell
    whose value is unchanged is not touched: its format stays), new ones written below and
    the table extended. Rows never move, so the columns, formats and hidden rows a team
    added stay with their row. Computed columns get their formula on every written row.
    """
    ws, table = find_table(wb, spec.name)
    current = _current(ws, table)
    plan = rowplan.plan_rows(spec, current, rows)
    top = current.header_row + 1
    first_col = current.first_column
    appended = plan.appended_at()
    for i, values in plan.written().items():
        r = top + i
        new = i in appended
        for col, j, value in zip(spec.input_columns, plan.columns, values, strict=True):
            cell = ws.cell(row=r, column=first_col + j)
            if not new and cell.value == value:
                continue
            put(cell, value)
            style = STYLE_FOR_KIND.get(col.kind)
            # A format the team gave the cell stays; a cell never formatted gets the
            # format of what it now holds (a date shown as a date).
            if style and (new or not cell.has_style):
                cell.style = style
        _formulas(ws, spec, current, r, styled=new)
    n_rows = max(plan.n_rows, len(current.rows))
    last_col = first_col + len(current.headers) - 1
    ref = f"{get_column_letter(first_col)}{current.header_row}:"
    ref += f"{get_column_letter(last_col)}{current.header_row + n_rows}"
    table.ref = ref
    if table.autoFilter is not None:
        table.autoFilter.ref = ref
    del levels  # validations already cover rows well below the table


def _formulas(
    ws: Worksheet, spec: structure.TableSpec, current: RawTable, r: int, *, styled: bool
) -> None:
    """The computed columns' formulas on row ``r`` (styled as computed on a new row)."""
    positions = cellvalues.header_positions(current.headers)
    for col in spec.columns:
        j = positions.get(cellvalues.label_key(col.header))
        if col.formula and j is not None:
            cell = ws.cell(row=r, column=current.first_column + j)
            put_formula(cell, col.formula)
            if styled:
                cell.style = styling.STYLE_COMPUTED
                if col.kind == "date":
                    cell.number_format = styling.NUMBER_FORMAT_DATE


def add_table_column(wb: Workbook, table_name: str, header: str, default: Any = None) -> None:
    """Add column ``header`` at the right end of table ``table_name`` (schema migrations).

    Refused (French) when the column to the right of the table already holds data.
    """
    ws, table = find_table(wb, table_name)
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    headers = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
    if cellvalues.label_key(header) in cellvalues.header_positions(headers):
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
