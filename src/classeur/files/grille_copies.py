"""Reading the teachers' copies of the grille for ``classeur fusionner``: values only, with
the fast calamine reader, after stricter archive checks (a copy arrives by e-mail)."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import range_boundaries

from classeur.domain.rawtable import RawTable
from classeur.domain.tables import classeur_from_tables
from classeur.errors import ClasseurError, ClasseurProblems
from classeur.files import filecheck
from classeur.files.xlsx_read import open_workbook, raw_tables, value_reader_refused
from classeur.layout import compilation, structure

# ======================================================================================
# Reading a teacher's copy for `classeur fusionner`
# ======================================================================================


def _check_archive(p: Path) -> None:
    """Refuse a zip whose parts would expand beyond reason (declared sizes, no parsing)."""
    hint = "Demandez à la personne de vous renvoyer sa copie, enregistrée depuis Excel."
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ClasseurError(
            f"Le fichier « {p.name} » est endommagé ou n'est pas un classeur Excel (.xlsx).",
            hint=hint,
        ) from exc
    total = sum(i.file_size for i in infos)
    suspicious = [
        i
        for i in infos
        if i.file_size > compilation.FUSION_RATIO_MIN_BYTES
        and i.file_size > compilation.FUSION_MAX_RATIO * max(i.compress_size, 1)
    ]
    if total > compilation.FUSION_MAX_UNCOMPRESSED_BYTES or suspicious:
        raise ClasseurError(
            f"Le fichier « {p.name} » ne ressemble pas à une copie de la grille : une fois "
            f"décompressé, il occuperait {total / 1e6:.0f} Mo. Il n'a pas été ouvert.",
            hint=hint,
        )


def read_grille_source(path: str | os.PathLike[str]) -> Any:
    """A teacher's copy as a :class:`classeur.domain.grille.fusion.Source`: values only,
    never formulas.

    Read with python-calamine (a fast Rust reader of cell VALUES): a cell holding a
    formula is read as the value Excel last computed for it. Merging 30 copies then takes
    a fraction of a second instead of several seconds with openpyxl.
    """
    from python_calamine import CalamineWorkbook

    from classeur.domain.grille.fusion import Source

    p = Path(path)
    filecheck.check_file(p)  # encrypted, renamed, truncated, zip bombs: before calamine
    _check_archive(p)  # stricter for a copy: a 5 MB part at 1000:1 is already refused
    if filecheck.needs_careful_read(p):  # stretched tables, merged cells: openpyxl bounds
        wb = open_workbook(p, data_only=True)
        model, problems = classeur_from_tables(raw_tables(wb), wb.sheetnames, p.name)
        if problems or model is None:
            raise ClasseurProblems(problems)
        grille_ws = next((ws for ws in wb.worksheets if structure.GRILLE_NAME in ws.tables), None)
        headers = []
        if grille_ws is not None:
            min_col, min_row, max_col, _ = range_boundaries(
                grille_ws.tables[structure.GRILLE_NAME].ref
            )
            headers = [
                str(grille_ws.cell(row=min_row, column=c).value or "").strip()
                for c in range(min_col, max_col + 1)
            ]
        return Source(p.name, model, headers)
    try:
        book = CalamineWorkbook.from_path(p, load_tables=True)
        tables: dict[str, RawTable] = {}
        for name in book.table_names or []:
            t = book.get_table_by_name(name)
            # calamine: start = (row, column) of the first data cell, 0-based.
            header_row = t.start[0] if t.start else 0
            tables[name] = RawTable(name, t.sheet, header_row, list(t.columns), t.to_python())
        sheets = list(book.sheet_names)
        book.close()
    except Exception as exc:  # calamine raises several kinds on damaged files
        raise value_reader_refused(p) from exc
    model, problems = classeur_from_tables(tables, sheets, p.name)
    if problems or model is None:
        raise ClasseurProblems(problems)
    grille = tables.get(structure.GRILLE_NAME)
    headers = [str(h or "").strip() for h in grille.headers] if grille else []
    return Source(p.name, model, headers)


def refuse_the_classeur_itself(classeur: Path | None, copies: Sequence[Path]) -> None:
    """A copy to merge that is the classeur itself is refused before anything is read."""
    if classeur is None:
        return
    for copy in copies:
        if copy.resolve() == classeur.resolve():
            raise ClasseurError(
                f"Le fichier « {copy.name} » est à la fois le classeur et une copie à fusionner.",
                hint="Choisissez seulement les copies remplies par les enseignant·es.",
            )
