"""Reading a classeur file (openpyxl): the file checked first, its tables as plain values
handed to the core (``domain.tables``), every problem reported at once (sheet, row,
column, in French)."""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

from openpyxl import DEFUSEDXML, Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from classeur.domain import links, migrations
from classeur.domain.model import Classeur
from classeur.domain.rawtable import RawTable
from classeur.domain.tables import classeur_from_tables, not_a_classeur
from classeur.errors import ClasseurError, ClasseurProblems, Problem
from classeur.files import filecheck, lossy
from classeur.files.xlsx_cells import gc_paused
from classeur.files.xlsx_tables import find_table
from classeur.layout import outputs, structure, vocabulary


def open_workbook(
    path: str | os.PathLike[str], *, data_only: bool = True, keep_vba: bool = False
) -> Workbook:
    """Open a classeur file; a French error when it is not a readable, sane .xlsx.

    Every read goes through here. Before parsing, :func:`filecheck.check_file` rejects
    what is not an .xlsx (encrypted, .xls/.ods/.csv renamed, truncated) and what would
    exhaust memory (zip bombs, entity bombs, huge merges); after parsing, values far
    beyond any classeur's extent are refused and table ranges are bounded.
    """
    p = Path(path)
    filecheck.check_file(p)
    check_structure(p)
    if not DEFUSEDXML:  # pragma: no cover - defusedxml is a runtime dependency
        raise ClasseurError(
            "L'installation de Classeur est incomplète (module defusedxml absent).",
            hint="Réinstallez Classeur : pip install --force-reinstall classeur",
        )
    try:
        with warnings.catch_warnings(), p.open("rb") as fh, gc_paused():
            # openpyxl warns (in English) about parts it drops; lossy_parts reports them.
            warnings.simplefilter("ignore")
            wb = load_workbook(fh, data_only=data_only, keep_vba=keep_vba)
    except MemoryError as exc:
        raise ClasseurError(
            f"Le fichier « {p.name} » est trop volumineux pour être ouvert.",
            hint="Retirez-en les données inutiles dans Excel, enregistrez, puis recommencez.",
        ) from exc
    except Exception as exc:  # openpyxl raises many kinds on files it cannot read
        # The file passed every check of its container: Excel may well open it. What
        # fails is Classeur's reader, and the teacher is told so (not that it is broken).
        raise ClasseurError(
            f"Classeur ne sait pas lire le contenu du fichier « {p.name} » (une partie est "
            "écrite d'une façon que son lecteur ne connaît pas).",
            hint="Ouvrez-le dans Excel et enregistrez-le de nouveau au format « Classeur "
            "Excel (.xlsx) » : Excel l'écrira d'une façon que Classeur sait lire.",
        ) from exc
    _bound_extent(wb, p)
    return wb


_STRUCTURE_CHECKED: set[tuple[str, int, int, int]] = set()


def check_structure(path: str | os.PathLike[str]) -> None:
    """Refuse a file that is not a classeur from its structure alone: the names of its
    tables, read with the fast value reader (python-calamine), before any full parse. A
    50 MB spreadsheet of something else is refused in a fraction of a second, and before
    being told that a rewrite would lose its images. Call after ``filecheck.check_file``
    (calamine never sees an unchecked archive)."""
    p = Path(path)
    key = filecheck.identity_key(p)
    if key in _STRUCTURE_CHECKED:
        return
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(p), load_tables=True)
        try:
            names = list(book.table_names or [])
        finally:
            book.close()
    except Exception:  # calamine cannot tell: the full parse will
        return
    problem = not_a_classeur(names, p.name)
    if problem is not None:
        raise ClasseurProblems([problem])
    _STRUCTURE_CHECKED.add(key)


def sheet_names_of(path: str | os.PathLike[str]) -> list[str]:
    """The names of every sheet of a workbook (hidden ones too), from the fast value reader
    (python-calamine), after the archive checks; no full parse."""
    p = Path(path)
    filecheck.check_file(p)
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(p))
        try:
            return list(book.sheet_names)
        finally:
            book.close()
    except Exception as exc:  # calamine raises several kinds on damaged files
        raise value_reader_refused(p) from exc


def value_reader_refused(p: Path) -> ClasseurError:
    """What the teacher is told when the fast value reader (python-calamine) cannot open
    a file that passed the archive checks."""
    return ClasseurError(
        f"Le fichier « {p.name} » est endommagé ou n'est pas un classeur Excel (.xlsx).",
        hint="Ouvrez-le dans Excel et enregistrez-le de nouveau au format .xlsx.",
    )


_TABLE_SLACK = 1000  # empty rows a table may keep below the last cell of its sheet


def _bound_extent(wb: Workbook, p: Path) -> None:
    """Refuse values far beyond a classeur's extent; forget empty cells there; bound tables.

    A single value at XFD1048576 would make every ``iter_rows()`` walk 17 billion cells.
    """
    for ws in wb.worksheets:
        cells: dict[tuple[int, int], Any] = ws._cells
        if not cells:
            continue
        far = [k for k in cells if k[0] > filecheck.MAX_ROWS or k[1] > filecheck.MAX_COLUMNS]
        for key in far:
            cell = cells[key]
            if cell.value is not None:
                raise filecheck.far_cell_error(p.name, ws.title, cell.coordinate, key[0])
            del cells[key]  # formatting of an empty cell far away: nothing to keep
        for table in ws.tables.values():
            try:
                min_col, min_row, max_col, max_row = range_boundaries(table.ref)
            except (TypeError, ValueError) as exc:
                raise ClasseurError(
                    f"Le tableau « {table.displayName} » a une plage invalide ({table.ref}).",
                    file=p.name,
                    sheet=ws.title,
                    hint="Dans Excel, redimensionnez le tableau (Création de tableau > "
                    "Redimensionner le tableau).",
                ) from exc
            if max_col - min_col + 1 > filecheck.MAX_COLUMNS:
                raise ClasseurError(
                    f"Le tableau « {table.displayName} » compte {max_col - min_col + 1} "
                    f"colonnes (limite : {filecheck.MAX_COLUMNS}).",
                    file=p.name,
                    sheet=ws.title,
                    hint="Redimensionnez le tableau à ses données "
                    "(Création de tableau > Redimensionner le tableau).",
                )
            if max_row > ws.max_row + _TABLE_SLACK:  # stretched to the bottom of the sheet
                last = max(min(ws.max_row, max_row), min_row + 1)
                ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{last}"
                table.ref = ref
                if table.autoFilter is not None:
                    table.autoFilter.ref = ref


# Headers of computed (formula) columns: their values are never read into the model.
_COMPUTED_HEADERS = {c.header for spec in structure.ALL_TABLES for c in spec.columns if c.formula}
# The tables the model is read from. The others (Résultats, Paliers, Journal…) are written
# by Classeur: only their names count, so the values of their formulas are never needed,
# and a compiled classeur is parsed once, not a second time for values nobody reads.
_MODEL_TABLES = {spec.name for spec in structure.ALL_TABLES} | {structure.GRILLE_NAME}


def raw_tables(wb: Workbook, values: Workbook | None = None) -> dict[str, RawTable]:
    """Every Excel table of ``wb`` as plain values.

    ``wb`` may be loaded with formulas: a formula typed in an input column is then read
    from ``values`` (the same file loaded with ``data_only=True``), the value Excel showed.
    Merged ranges overlapping a table are passed on (the core reports them).
    """
    out: dict[str, RawTable] = {}
    for ws in wb.worksheets:
        for table in ws.tables.values():
            out[table.displayName] = raw_table(ws, table, values)
    return out


def _cell_grid(
    ws: Worksheet, min_row: int, max_row: int, min_col: int, max_col: int
) -> list[list[Cell | None]]:
    """The cells of a rectangle, None where there is none. Unlike ``iter_rows()`` this
    creates no empty cells, and walks the cells openpyxl read once (a school's grille has
    160,000 of them)."""
    width = max_col - min_col + 1
    grid: list[list[Cell | None]] = [[None] * width for _ in range(max_row - min_row + 1)]
    for (r, c), cell in ws._cells.items():
        if min_row <= r <= max_row and min_col <= c <= max_col:
            grid[r - min_row][c - min_col] = cell
    return grid


def raw_table(ws: Worksheet, table: Any, values: Workbook | None) -> RawTable:
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    grid = _cell_grid(ws, min_row, max_row, min_col, max_col)
    headers = [None if c is None else c.value for c in grid[0]]
    rows = []
    for cells in grid[1:]:
        row: list[Any] = []
        for h, cell in zip(headers, cells, strict=True):
            if cell is None:
                row.append(None)
                continue
            v = cell.value
            if cell.data_type == "f":
                if h in _COMPUTED_HEADERS or table.displayName not in _MODEL_TABLES:
                    v = None
                else:
                    if values is None:
                        raise _NeedValues
                    v = values[ws.title][cell.coordinate].value
            row.append(v)
        rows.append(row)
    merged = [
        (m.min_row, m.min_col, m.max_row, m.max_col)
        for m in ws.merged_cells.ranges
        if m.min_row <= max_row
        and m.max_row >= min_row
        and m.min_col <= max_col
        and m.max_col >= min_col
    ]
    return RawTable(table.displayName, ws.title, min_row, headers, rows, min_col, merged)


class _NeedValues(Exception):
    """A formula sits in an input column: its computed value must be read."""


def read_workbook(
    wb: Workbook, file: str | None = None, path: str | os.PathLike[str] | None = None
) -> tuple[Classeur | None, list[Problem]]:
    """Read an openpyxl workbook into the model; collect every problem."""
    try:
        tables = raw_tables(wb)
    except _NeedValues:
        if path is None:
            raise
        tables = raw_tables(wb, open_workbook(path, data_only=True))
    return classeur_from_tables(tables, wb.sheetnames, file)


def read_classeur_from(wb: Workbook, path: str | os.PathLike[str] | None = None) -> Classeur:
    """The model of an open workbook; ClasseurProblems if unreadable. ``path``: its file,
    where the values of formulas typed in input columns are read if needed."""
    c, problems = read_workbook(wb, Path(path).name if path else None, path)
    if problems or c is None:
        raise ClasseurProblems(problems)
    return c


def inspect_classeur(path: str | os.PathLike[str]) -> tuple[Classeur | None, list[Problem]]:
    """Read a classeur file, returning the model (if readable) and every problem found."""
    wb = open_workbook(path)
    return read_workbook(wb, file=Path(path).name, path=path)


def file_warnings(path: str | os.PathLike[str], wb: Workbook | None = None) -> list[str]:
    """What a teacher should know about a readable classeur before a command rewrites it
    (French): open in Excel, parts a rewrite would lose, an older format to migrate.
    ``wb``: the classeur already parsed (with formulas), not parsed again."""
    p = Path(path)
    out = []
    lock = filecheck.excel_lock_file(p)
    if lock is not None:
        out.append(
            f"Le fichier est ouvert dans Excel (ou LibreOffice) : les commandes qui le "
            f"modifient refuseront tant qu'il le sera (verrou « {lock.name} »)."
        )
    losses = lossy.lossy_parts(p)
    if losses:
        out.append(
            "Contient des éléments qu'une réécriture par Classeur perdrait : "
            + "; ".join(str(loss) for loss in losses)
            + f". Les commandes qui modifient le classeur refuseront; ajoutez "
            f"« {outputs.OUTPUT_OPTION} NOUVEAU.xlsx » pour écrire un nouveau fichier, ou "
            "utilisez le ruban Classeur dans Excel."
        )
    wb = wb if wb is not None else open_workbook(p, data_only=False)
    try:
        ws, table = find_table(wb, structure.PARAMETRES.name)
        version = migrations.schema_version({structure.PARAMETRES.name: raw_table(ws, table, None)})
    except (ClasseurError, _NeedValues):
        version = None
    if version is not None and version < vocabulary.SCHEMA_VERSION:
        out.append(
            f"Classeur d'une version précédente (format {version}) : il sera mis à jour "
            f"au format {vocabulary.SCHEMA_VERSION} à sa prochaine modification."
        )
    return out


def read_classeur(path: str | os.PathLike[str]) -> Classeur:
    """Read a classeur file; raise ClasseurProblems listing every problem found."""
    c, problems = inspect_classeur(path)
    if problems or c is None:
        raise ClasseurProblems(problems)
    return c


def sheet_values_of(path: str | os.PathLike[str], wb: Workbook | None = None) -> Any:
    """``sheet_values(name)`` for a classeur file: a sheet's values (formulas as text).
    ``wb``: the classeur already parsed (with formulas), not parsed again."""
    wb = wb if wb is not None else open_workbook(path, data_only=False)

    def sheet_values(name: str) -> list[list[Any]] | None:
        if name not in wb.sheetnames:
            return None
        return sheet_rows(wb[name])

    return sheet_values


def sheet_rows(ws: Worksheet) -> list[list[Any]]:
    """What sheet ``ws`` holds from A1, row by row: values, a formula as its text marked
    :class:`~classeur.domain.links.Formula` (text typed with a leading « = » stays plain
    text), a hyperlinked cell or a literal ``=HYPERLINK(…)`` as a
    :class:`~classeur.domain.links.Link`. The one reading of a sheet's cells."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for (r, c), cell in ws._cells.items():
        if r > len(rows) or c > len(rows[r - 1]):
            continue
        if cell.data_type == "f" and isinstance(cell.value, str):
            rows[r - 1][c - 1] = links.from_formula(cell.value)
        elif cell.hyperlink is not None and isinstance(cell.value, str | int | float):
            target = cell.hyperlink.target or (
                f"#{cell.hyperlink.location}" if cell.hyperlink.location else None
            )
            if target:
                rows[r - 1][c - 1] = links.Link(str(cell.value), target)
    return rows
