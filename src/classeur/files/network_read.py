"""Reading one réseau classeur for the CEE's dashboard: values only, never the grille.

Like the reading of a teacher's copy for `classeur fusionner`: the file is checked first
(``filecheck``: encrypted, renamed, truncated, zip bombs), then read with python-calamine, a
fast reader of cell VALUES (a formula is read as the value Excel last computed); a file
whose tables a fast reader would misread goes through openpyxl, which bounds them.

The grille's table is handed to the model with its identity headers and NO rows: its
student names and results are never read into Python. Only the sheets the dashboard needs
are read (tables of the model, rencontre tabs, Bilan, fiche, journal).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from classeur.domain.cee.source import NetworkSource, extract
from classeur.domain.rawtable import RawTable
from classeur.domain.tables import classeur_from_tables
from classeur.errors import ClasseurError, ClasseurProblems
from classeur.files import filecheck
from classeur.layout import cee, structure, vocabulary
from classeur.text import french as words

# The tables the model is read from (the grille aside, handed over empty).
_MODEL_TABLES = {spec.name for spec in structure.ALL_TABLES}
_GRILLE_HEADERS = [c.header for c in structure.GRILLE_FIXED]

SheetValues = Callable[[str], list[list[Any]] | None]


def _damaged(p: Path) -> ClasseurError:
    return ClasseurError(
        f"Le fichier «\u00a0{p.name}\u00a0» est endommagé ou n’est pas un classeur Excel (.xlsx).",
        hint="Demandez à la personne qui anime le réseau de l’enregistrer de nouveau "
        "depuis Excel et de vous le renvoyer.",
    )


def _empty_grille(sheet: str, header_row: int) -> RawTable:
    return RawTable(structure.GRILLE_NAME, sheet, header_row, list(_GRILLE_HEADERS), [])


def read_network(path: str | os.PathLike[str]) -> NetworkSource:
    """One réseau classeur as the dashboard sees it; a French ClasseurError when the file
    cannot be read or is not a réseau d'entraide."""
    p = Path(path)
    filecheck.check_file(p)
    if filecheck.needs_careful_read(p, _MODEL_TABLES | {structure.GRILLE_NAME}):
        return _read_with_openpyxl(p)
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(p, load_tables=True)
    except Exception as exc:  # calamine raises several kinds on damaged files
        raise _damaged(p) from exc
    try:
        tables: dict[str, RawTable] = {}
        for name in book.table_names or []:
            t = book.get_table_by_name(name)
            header_row = t.start[0] if t.start else 0  # 0-based first data row
            if name == structure.GRILLE_NAME:
                tables[name] = _empty_grille(t.sheet, header_row)
            elif name in _MODEL_TABLES:
                tables[name] = RawTable(name, t.sheet, header_row, list(t.columns), t.to_python())
        sheets = list(book.sheet_names)

        def sheet_values(name: str) -> list[list[Any]] | None:
            if name not in sheets:
                return None
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            return [list(r) for r in rows]

        return _network(p, tables, sheets, sheet_values)
    except ClasseurError:
        raise
    except Exception as exc:
        raise _damaged(p) from exc
    finally:
        book.close()


def _read_with_openpyxl(p: Path) -> NetworkSource:
    from openpyxl.utils.cell import range_boundaries

    from classeur.files import xlsx_read

    wb = xlsx_read.open_workbook(p, data_only=True)
    grille: RawTable | None = None
    for ws in wb.worksheets:
        if structure.GRILLE_NAME in ws.tables:
            _, min_row, _, _ = range_boundaries(ws.tables[structure.GRILLE_NAME].ref)
            grille = _empty_grille(ws.title, min_row)
            del ws.tables[structure.GRILLE_NAME]  # in memory only: its rows are not read
    tables = {k: v for k, v in xlsx_read.raw_tables(wb).items() if k in _MODEL_TABLES}
    if grille is not None:
        tables[structure.GRILLE_NAME] = grille

    def sheet_values(name: str) -> list[list[Any]] | None:
        if name not in wb.sheetnames:
            return None
        return [list(r) for r in wb[name].iter_rows(values_only=True)]

    return _network(p, tables, wb.sheetnames, sheet_values)


def _network(
    p: Path, tables: dict[str, RawTable], sheets: list[str], sheet_values: SheetValues
) -> NetworkSource:
    model, problems = classeur_from_tables(tables, sheets, p.name)
    if model is None or problems:  # as every command: a classeur is read whole or not at all
        raise ClasseurProblems(problems)
    if model.settings.modele != vocabulary.MODELE_RESEAU:
        raise ClasseurError(cee.MSG_CAR.format(file=p.name))
    return extract(model, sheet_values, sheets, p.name, str(p.resolve()))


def read_network_or_error(path: str) -> NetworkSource | str:
    """For a worker process: the network, or the French reason it was left out."""
    try:
        return read_network(path)
    except ClasseurError as exc:
        return _reason(exc)
    except MemoryError:
        return cee.MSG_TOO_BIG.format(file=Path(path).name)
    except PermissionError:
        return cee.MSG_FORBIDDEN.format(file=Path(path).name)
    except OSError:
        return cee.MSG_UNREADABLE.format(file=Path(path).name)
    except Exception:  # a file no check foresaw: it is left out, the others are counted
        return _reason(_damaged(Path(path)))


def _reason(exc: ClasseurError) -> str:
    """The first problem (it names the file), and how many others there are."""
    problems = exc.problems
    first = problems[0]
    where = first.where()
    message = first.message
    if where and message:  # « Fichier « x » : ce fichier n'est pas… »
        message = message[:1].lower() + message[1:]
    text = f"{where}\u00a0: {message}" if where else message
    if first.hint:
        text += f" {first.hint}"
    if len(problems) > 1:
        others = words.plural(len(problems) - 1, "autre problème", "autres problèmes")
        text += " " + cee.MSG_MORE_PROBLEMS.format(n=others, file=Path(first.file or "").name)
    return text
