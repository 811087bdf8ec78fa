"""Writing the CEE's dashboard: a new workbook from sheet descriptions, the links to the
classeurs it was built from, its PDF (LibreOffice), and the classeurs found in folders."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook

from classeur.files import libreoffice, scratch
from classeur.files.safewrite import write_atomic
from classeur.files.xlsx_cells import ensure_styles, save_atomic
from classeur.files.xlsx_sheets import render_sheet
from classeur.layout import cee, outputs
from classeur.sheets.sheetdoc import SheetDoc


def _in_folder(folder: Path) -> list[Path]:
    """The .xlsx files of ``folder`` and its sub-folders, without lock files and hidden
    folders (the backups of Classeur among them)."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.name.lower().endswith(cee.CLASSEUR_SUFFIX)
        and not p.name.startswith(cee.LOCK_PREFIXES)
        and p.is_file()
        and not any(
            part.startswith(".") or part == outputs.BACKUP_FOLDER
            for part in p.relative_to(folder).parts[:-1]
        )
    )


def find_classeurs(
    inputs: Iterable[Path], exclude: Path | None = None
) -> tuple[list[Path], list[Path]]:
    """The files given (whatever their name: they were asked for) and the classeurs in the
    folders given, without ``exclude`` (the dashboard itself); and the folders given that
    hold none."""
    skip = exclude.resolve() if exclude is not None else None
    found: dict[Path, None] = {}
    empty = []
    for item in inputs:
        candidates = _in_folder(item) if item.is_dir() else [item]
        kept = [p.resolve() for p in candidates if p.resolve() != skip]
        if item.is_dir() and not kept:
            empty.append(item)
        found |= dict.fromkeys(kept)
    return list(found), empty


def link_to(source: str, dashboard: Path) -> str:
    """The address of ``source`` from the dashboard's folder (relative, so that the folder
    can be moved or shared as a whole)."""
    try:
        rel = os.path.relpath(source, dashboard.resolve().parent)
    except ValueError:  # another drive (Windows): an absolute address
        return Path(source).as_uri()
    return rel.replace(os.sep, "/")


def write_workbook(docs: Sequence[SheetDoc], path: Path) -> Path:
    """A new workbook of ``docs`` (in order), saved atomically."""
    wb = Workbook()
    ensure_styles(wb)
    default = wb.active
    for doc in docs:
        render_sheet(wb, doc)
    if default is not None:
        wb.remove(default)
    wb.active = 0
    return save_atomic(wb, path)


def write_pdf(workbook: Path, target: Path) -> Path:
    """The PDF of ``workbook`` by LibreOffice (Letter, each sheet's print setup)."""
    with scratch.in_private_folder("cee-") as tmp:
        made = libreoffice.convert(workbook, "pdf", tmp)

        def copy(tmp: Path) -> None:
            shutil.copyfile(made, tmp)

        return write_atomic(target, copy, backup=False)
