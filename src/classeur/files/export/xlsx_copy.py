"""The macro-free .xlsx to send: only the sheets the recipient needs, no hidden sheet, no
comment, no author; formulas that refer to a removed sheet become their values;
pseudonymised on request (cells, formulas, sheet names, charts)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.packaging.core import DocumentProperties
from openpyxl.packaging.custom import CustomPropertyList
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from classeur.domain.pseudo import Pseudonymizer
from classeur.files.export.displayed import beyond, extent
from classeur.files.xlsx_cells import put, save_atomic
from classeur.layout import styling

# ======================================================================================
# The trimmed, macro-free .xlsx
# ======================================================================================
_TABLE_REF = re.compile(r"\b([A-Za-z_][\w.]*)\[")
_SHEET_REF = re.compile(r"(?:'((?:[^']|'')+)'|([^\s'!=(),;&+\-*/<>^\"]+))!")


def _referenced(formula: str) -> tuple[set[str], set[str]]:
    tables = set(_TABLE_REF.findall(formula))
    sheets = {(q.replace("''", "'") if q else u) for q, u in _SHEET_REF.findall(formula)}
    return tables, sheets


_STRING_LITERAL = re.compile(r'("(?:[^"]|"")*")')


def _pseudonymised_formula(formula: str, pz: Pseudonymizer) -> str:
    """``formula`` with names replaced, where a sheet named after a student (``Léa!A1``)
    becomes a quoted reference to its code (``'Élève-K3QF2M'!A1``)."""

    def quoted(m: re.Match[str]) -> str:
        bare = m.group(2)
        new = pz.text(bare) if bare else bare
        return "'" + new.replace("'", "''") + "'!" if new != bare else m.group(0)

    pieces = _STRING_LITERAL.split(formula)
    for i in range(0, len(pieces), 2):  # outside the string literals
        pieces[i] = _SHEET_REF.sub(quoted, pieces[i])
    return pz.text("".join(pieces))


def write_trimmed(
    wb: Workbook,
    values: Workbook,
    keep: list[str],
    target: Path,
    pz: Pseudonymizer | None,
    title: str,
    team_title: str = "",
) -> Path:
    """Save a copy of ``wb`` with only the visible sheets of ``keep``, cleaned; the team
    (``team_title``) as its author."""
    kept = [n for n in keep if n in wb.sheetnames and wb[n].sheet_state == "visible"]
    removed = [n for n in wb.sheetnames if n not in kept]
    all_tables = {t for ws in wb.worksheets for t in ws.tables}
    orphans = all_tables - {t for n in kept for t in wb[n].tables}
    for name in removed:
        wb.remove(wb[name])
    for ws in wb.worksheets:
        # Only the cells that exist, all of them (a name far below is replaced too).
        for cell in list(ws._cells.values()):
            if not isinstance(cell, MergedCell):  # a merged cell holds nothing
                _clean_cell(cell, values[ws.title], orphans, removed, pz)
        _clean_sheet(ws, removed, pz)
        _print_only_the_document(ws)
    for name in list(wb.defined_names):
        if any(r in str(wb.defined_names[name].attr_text) for r in removed):
            del wb.defined_names[name]
    if pz is not None:
        for ws in wb.worksheets:
            new = pz.text(ws.title)
            if new != ws.title:
                ws.title = new[:31]
    if wb.worksheets:
        wb.active = 0
        wb.worksheets[0].sheet_view.tabSelected = True
    wb._external_links = []
    # No person as author (nor « openpyxl »): the team's title, the document's title, fr-CA.
    team = pz.text(team_title) if pz else team_title
    wb.properties = DocumentProperties(
        creator=team or "Classeur",
        lastModifiedBy=team or "Classeur",
        title=pz.text(title) if pz else title,
        language="fr-CA",
    )
    wb.custom_doc_props = CustomPropertyList()
    return save_atomic(wb, target)


def _print_only_the_document(ws: Worksheet) -> None:
    """The print area (what the PDF renders) is the area the document covers: a stray
    value at BXH100000 would otherwise have LibreOffice lay out thousands of pages."""
    last_row, last_col = extent(ws)
    if last_row and last_col and beyond(ws) is not None:
        ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"


def _clean_cell(
    cell: Any, vws: Worksheet, orphans: set[str], removed: list[str], pz: Pseudonymizer | None
) -> None:
    """No comment; a formula that refers to a removed sheet or table becomes its value;
    no link to a removed sheet; student names replaced when asked."""
    cell.comment = None
    if cell.data_type == "f" and isinstance(cell.value, str):
        tables, sheets = _referenced(cell.value)
        if tables & orphans or sheets & set(removed):
            put(cell, vws[cell.coordinate].value)
    if cell.hyperlink is not None and any(r in (cell.hyperlink.location or "") for r in removed):
        cell.hyperlink = None
    if pz is not None and isinstance(cell.value, str):
        if cell.data_type == "s":
            put(cell, pz.text(cell.value))
        elif cell.data_type == "f":  # names in literals, student-named sheets
            cell.value = _pseudonymised_formula(cell.value, pz)
    if pz is not None and cell.hyperlink is not None:
        for attr in ("location", "tooltip", "display"):
            text = getattr(cell.hyperlink, attr, None)
            if isinstance(text, str):
                located = attr == "location"  # Léa!A1 -> 'Élève-…'!A1
                new = _pseudonymised_formula(text, pz) if located else pz.text(text)
                setattr(cell.hyperlink, attr, new)


def _clean_sheet(ws: Worksheet, removed: list[str], pz: Pseudonymizer | None) -> None:
    """Validations of removed sheets, pivot caches, page setup; names in headers, footers,
    validations and charts replaced when asked."""
    ws.data_validations.dataValidation = [
        dv
        for dv in ws.data_validations.dataValidation
        if not any(r in (dv.formula1 or "") for r in removed)
    ]
    # Pivot caches hold copies of their source data (other sheets, every student).
    ws._pivots = []
    ws.page_setup.paperSize = styling.PAPER_LETTER
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.sheet_view.tabSelected = False
    if pz is None:
        return
    for dv in ws.data_validations.dataValidation:
        for attr in ("prompt", "promptTitle", "error", "errorTitle", "formula1"):
            text = getattr(dv, attr, None)
            if isinstance(text, str):
                setattr(dv, attr, pz.text(text))
    for part in (ws.oddHeader, ws.oddFooter, ws.evenHeader, ws.evenFooter):
        for side in (part.left, part.center, part.right):
            if side.text:
                side.text = pz.text(side.text)
    for chart in ws._charts:
        _pseudonymise_chart(chart, pz)


def _pseudonymise_chart(chart: Any, pz: Pseudonymizer) -> None:
    titles = [getattr(chart, "title", None)]
    for axis in ("x_axis", "y_axis"):
        titles.append(getattr(getattr(chart, axis, None), "title", None))
    for t in titles:
        rich = getattr(getattr(t, "tx", None), "rich", None)
        for p in getattr(rich, "p", None) or []:
            for r in p.r or []:
                r.t = pz.text(r.t)
    # Cached labels and values of the series: Excel reads them again from the cells
    # (pseudonymised above); a stale cache would keep the names.
    for series in getattr(chart, "series", None) or []:
        tx = getattr(series, "tx", None)
        if tx is not None:
            if tx.strRef is not None:
                tx.strRef.strCache = None
            if isinstance(getattr(tx, "v", None), str):
                tx.v = pz.text(tx.v)
        for data in (getattr(series, "cat", None), getattr(series, "val", None)):
            for ref_name in ("strRef", "numRef", "multiLvlStrRef"):
                ref = getattr(data, ref_name, None) if data is not None else None
                for cache in ("strCache", "numCache", "multiLvlStrCache"):
                    if ref is not None and getattr(ref, cache, None) is not None:
                        setattr(ref, cache, None)
