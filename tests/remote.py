"""Excel books for tests, without Excel: the payload xlwings' remote engine receives.

``payload(path)`` turns a classeur file into the JSON an xlwings remote client (the
Office.js add-in) sends — every sheet's values from A1, its tables with their addresses — and
``book(path)`` opens it with ``xw.Book(json=...)`` (real xlwings code, no mock). The
actions the code under test issues are then in ``book.json()["actions"]``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter, range_boundaries

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings as xw

_EPOCH = dt.datetime(1899, 12, 30)


def _iso(value: dt.datetime) -> str:
    return value.isoformat(timespec="milliseconds") + "Z"


def json_value(value: Any) -> Any:
    """A cell value as the client sends it (dates as ISO strings, empty as "")."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return _iso(value)
    if isinstance(value, dt.date):
        return _iso(dt.datetime.combine(value, dt.time()))
    if isinstance(value, dt.time):
        return _iso(dt.datetime.combine(_EPOCH.date(), value))
    return value


def payload(
    path: Path,
    active: str | None = None,
    values_from: Path | None = None,
    name: str | None = None,
) -> dict:
    """The remote client's JSON for the workbook at ``path``.

    Formula cells carry the value Excel last computed: taken from ``values_from`` (e.g. a
    copy LibreOffice recalculated) when given, else empty (openpyxl computes nothing).
    """
    wb = load_workbook(path)
    computed = load_workbook(values_from, data_only=True) if values_from else None
    sheets = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
            out = []
            for cell in row:
                value = cell.value
                if cell.data_type == "f":
                    value = computed[ws.title][cell.coordinate].value if computed else None
                out.append(json_value(value))
            rows.append(out)
        tables = []
        for table in ws.tables.values():
            min_col, min_row, max_col, max_row = range_boundaries(table.ref)
            first, last = get_column_letter(min_col), get_column_letter(max_col)
            tables.append(
                {
                    "name": table.displayName,
                    "range_address": table.ref,
                    "header_row_range_address": f"{first}{min_row}:{last}{min_row}",
                    "data_body_range_address": f"{first}{min_row + 1}:{last}{max_row}",
                    "total_row_range_address": None,
                    "show_headers": True,
                    "show_totals": False,
                    "table_style": table.tableStyleInfo.name if table.tableStyleInfo else "",
                    "show_autofilter": True,
                }
            )
        sheets.append(
            {
                "name": ws.title,
                "values": rows,
                "visibility": "Visible" if ws.sheet_state == "visible" else "Hidden",
                "pictures": [],
                "shapes": [],
                "charts": [],
                "notes": [],
                "pivot_tables": [],
                "print_area": None,
                "show_gridlines": True,
                "tables": tables,
            }
        )
    names = wb.sheetnames
    return {
        "client": "Office.js",
        "version": xw.__version__,
        "book": {
            "name": name or path.name,
            "active_sheet_index": names.index(active) if active else 0,
            "selection": "A1",
        },
        "names": [],
        "sheets": sheets,
    }


def book(
    path: Path,
    active: str | None = None,
    values_from: Path | None = None,
    name: str | None = None,
) -> Any:
    """An xlwings Book on the remote engine, holding the workbook at ``path``.

    ``name``: the book's name as the client reports it (the remote engine's fullname);
    pass ``str(path)`` for a book saved on this computer.
    """
    return xw.Book(json=payload(path, active, values_from, name))


def actions(book: Any, func: str | None = None) -> list[dict]:
    """The actions issued so far (optionally only those calling ``func``)."""
    acts = book.json()["actions"]
    return [a for a in acts if func is None or a["func"] == func]


def payload_sheet_names(book: Any) -> list[str]:
    """Sheet names of ``book`` in order (after the changes queued so far)."""
    return [s.name for s in book.sheets]


def record_applied(book: Any) -> list[Any]:
    """The Updates the command's adapter ``book`` applies from now on (in order): what a
    button must write to give the command's result."""
    applied: list[Any] = []
    original = book.apply

    def recording(update: Any, model: Any) -> list[str]:
        applied.append(update)
        return list(original(update, model))

    book.apply = recording
    return applied


def team_and_copies(folder: Path) -> tuple[Path, list[Path]]:
    """The demo's team classeur holding only its first teacher's students, and one copy
    per other teacher holding theirs (what `fusionner` brings back)."""
    from classeur.domain import demo
    from classeur.files import xlsx_new

    full = demo.demo()
    teachers = list(dict.fromkeys(e.enseignant for e in full.grid))
    team = demo.demo()
    team.grid = [e for e in full.grid if e.enseignant == teachers[0]]
    copies = []
    for i, teacher in enumerate(teachers[1:], start=1):
        c = demo.demo()
        c.grid = [e for e in full.grid if e.enseignant == teacher]
        copies.append(xlsx_new.write_classeur(c, folder / f"copie-{i}.xlsx"))
    return xlsx_new.write_classeur(team, folder / "equipe.xlsx"), copies
