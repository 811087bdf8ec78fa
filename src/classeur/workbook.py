"""File adapter (openpyxl): read a classeur file into the model, write the model into a
new classeur file, and apply a feature's :class:`~classeur.sheetdoc.Update` to a file.

Reading validates everything and reports ALL problems at once, each naming sheet, row and
column in French with how to fix it (the parsing itself is the core's, in ``tables``).
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from classeur import layout
from classeur.errors import ClasseurError, ClasseurProblems, Problem
from classeur.model import Classeur, Meeting, Settings
from classeur.sheetdoc import Update
from classeur.tables import RawTable, classeur_from_tables, scale_of
from classeur.xlsxio import (
    ensure_styles,
    put,
    put_formula,
    render_sheet,
    replace_table_rows,
    save_atomic,
    set_settings,
    setup_print,
    write_title,
)
from classeur.xlsxio import write_table as _write_table

# ======================================================================================
# Writing
# ======================================================================================


def _settings_rows(s: Settings) -> list[tuple[str, str, str]]:
    values = {
        layout.PARAM_SCHEMA: str(layout.SCHEMA_VERSION),
        layout.PARAM_MODELE: s.modele,
        layout.PARAM_TITRE: s.titre,
        layout.PARAM_ANNEE: s.annee_scolaire,
        layout.PARAM_ORGANISME: s.organisme,
        layout.PARAM_BUT: s.but,
        layout.PARAM_ECHELLE: s.echelle,
    }
    rows = [(k, v, layout.PARAM_DESCRIPTIONS[k]) for k, v in values.items()]
    rows += [
        (k, v, layout.GRILLE_PARAM_DESCRIPTIONS.get(k, ""))
        for k, v in s.extra.items()
        if k not in values
    ]
    return rows


def build_workbook(c: Classeur) -> Workbook:
    """The whole classeur as an openpyxl workbook (not saved)."""
    wb = Workbook()
    ensure_styles(wb)
    wb.remove(wb.active)
    sheets: dict[str, Worksheet] = {}
    meeting_numbers = sorted(m.numero for m in c.meetings)
    order = [
        *layout.SHEETS_BEFORE_MEETINGS,
        *(layout.meeting_sheet(n) for n in meeting_numbers),
        *layout.SHEETS_AFTER_MEETINGS,
    ]
    for name in order:
        sheets[name] = wb.create_sheet(name)

    levels = scale_of(c.settings)
    _write_list(
        sheets[layout.SHEET_EQUIPE],
        layout.EQUIPE,
        [
            (m.prenom, m.nom, m.courriel, m.etablissement, m.fonction, m.service, m.role)
            for m in c.members
        ],
    )
    _write_list(
        sheets[layout.SHEET_RENCONTRES],
        layout.RENCONTRES,
        [
            (m.numero, m.date, m.debut, m.fin, m.mode, m.lieu, m.canevas, m.bloc)
            for m in sorted(c.meetings, key=lambda m: m.numero)
        ],
    )
    _write_list(
        sheets[layout.SHEET_APPRENTISSAGES],
        layout.APPRENTISSAGES,
        [
            (lrn.code, lrn.description, lrn.criteres, lrn.niveau_vise, lrn.objectif)
            for lrn in c.learnings
        ],
        levels=levels,
    )
    _write_list(
        sheets[layout.SHEET_SUIVI],
        layout.SUIVI,
        [
            (a.numero, a.action, a.responsable, a.echeance, a.statut, a.rencontre, a.notes)
            for a in c.actions
        ],
    )
    grille = layout.grille_spec(c.learning_codes)
    result_keys = [(code, bloc) for code in c.learning_codes for bloc in layout.BLOCS]
    _write_list(
        sheets[layout.SHEET_GRILLE],
        grille,
        [
            (e.eleve, e.groupe, e.enseignant, *(e.resultats.get(k) for k in result_keys))
            for e in c.grid
        ],
        levels=levels,
        freeze_columns=len(layout.GRILLE_FIXED),
    )
    _write_list(sheets[layout.SHEET_PARAMETRES], layout.PARAMETRES, _settings_rows(c.settings))
    sheets[layout.SHEET_PARAMETRES].sheet_state = "hidden"

    for m in c.meetings:
        write_meeting_header(sheets[layout.meeting_sheet(m.numero)], m)
    write_bilan_header(sheets[layout.SHEET_BILAN], c)
    write_accueil(sheets[layout.SHEET_ACCUEIL], c, order)
    wb.active = 0
    return wb


def _write_list(
    ws: Worksheet,
    spec: layout.TableSpec,
    rows: list[Any],
    *,
    levels: tuple[int | str, ...] | None = None,
    freeze_columns: int = 0,
) -> None:
    write_title(ws, spec.title, spec.subtitle)
    _write_table(ws, spec, rows, levels=levels, freeze_columns=freeze_columns)


def write_accueil(ws: Worksheet, c: Classeur, sheet_order: list[str]) -> None:
    write_title(
        ws, c.settings.titre or layout.ACCUEIL_TITLE, layout.MODELE_LABELS[c.settings.modele]
    )
    for col, width in layout.ACCUEIL_WIDTHS.items():
        ws.column_dimensions[col].width = width
    row = layout.ACCUEIL_IDENTITY_FIRST_ROW + 1
    for key, label in layout.ACCUEIL_IDENTITY_LABELS.items():
        put(ws.cell(row=row, column=layout.ACCUEIL_LABEL_COL), label)
        ws.cell(row=row, column=layout.ACCUEIL_LABEL_COL).style = layout.STYLE_LABEL
        if key == layout.PARAM_MODELE:
            put(
                ws.cell(row=row, column=layout.ACCUEIL_VALUE_COL),
                layout.MODELE_LABELS[c.settings.modele],
            )
        else:
            put_formula(
                ws.cell(row=row, column=layout.ACCUEIL_VALUE_COL), layout.param_formula(key)
            )
        ws.cell(row=row, column=layout.ACCUEIL_VALUE_COL).style = layout.STYLE_WRAP
        row += 1
    row += 1
    put(ws.cell(row=row, column=1), layout.ACCUEIL_STATUS_HEADING)
    ws.cell(row=row, column=1).style = layout.STYLE_TITLE
    row += 1
    for line in layout.ACCUEIL_STATUS:
        if c.settings.modele not in line.only_for:
            continue
        put(ws.cell(row=row, column=layout.ACCUEIL_LABEL_COL), line.label)
        ws.cell(row=row, column=layout.ACCUEIL_LABEL_COL).style = layout.STYLE_LABEL
        value = ws.cell(row=row, column=layout.ACCUEIL_VALUE_COL)
        put_formula(value, line.formula)
        value.style = layout.STYLE_COMPUTED
        value.number_format = line.number_format
        row += 1
    row += 1
    put(ws.cell(row=row, column=1), layout.ACCUEIL_LINKS_HEADING)
    ws.cell(row=row, column=1).style = layout.STYLE_TITLE
    row += 1
    for name in sheet_order:
        if name == layout.SHEET_PARAMETRES:
            continue
        link = ws.cell(row=row, column=layout.ACCUEIL_LABEL_COL)
        put(link, name)
        link.hyperlink = Hyperlink(
            ref=link.coordinate, location=f"'{name}'!A1", tooltip=f"Aller à la feuille {name}"
        )
        link.style = layout.STYLE_LINK
        n = layout.meeting_number_from_sheet(name)
        desc = f"Rencontre {n}" if n is not None else layout.SHEET_DESCRIPTIONS.get(name, "")
        put(ws.cell(row=row, column=layout.ACCUEIL_VALUE_COL), desc)
        row += 1
    setup_print(ws, landscape=False)


def write_meeting_header(ws: Worksheet, m: Meeting) -> None:
    """The header of a rencontre tab; the rencontres feature fills the rest."""
    write_title(ws, f"Rencontre {m.numero}", m.canevas)
    for col, width in layout.MEETING_WIDTHS.items():
        ws.column_dimensions[col].width = width
    setup_print(ws, landscape=False)


def write_bilan_header(ws: Worksheet, c: Classeur) -> None:
    write_title(ws, layout.BILAN_TITLE, c.settings.annee_scolaire)
    for col, width in layout.MEETING_WIDTHS.items():
        ws.column_dimensions[col].width = width
    setup_print(ws, landscape=False)


def write_classeur(c: Classeur, path: str | os.PathLike[str]) -> Path:
    """Write ``c`` as a new classeur file (atomically)."""
    return save_atomic(build_workbook(c), path)


def open_workbook(path: str | os.PathLike[str], *, data_only: bool = True) -> Workbook:
    """Open a classeur file; a French error when it is not a readable .xlsx."""
    p = Path(path)
    if not p.exists():
        raise ClasseurError(
            f"Le fichier « {p} » est introuvable.",
            hint="Vérifiez le chemin et le nom du fichier.",
        )
    if not zipfile.is_zipfile(p):
        raise ClasseurError(
            f"Le fichier « {p.name} » n'est pas un classeur Excel (.xlsx).",
            hint="Ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) ».",
        )
    try:
        return load_workbook(p, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise ClasseurError(
            f"Le fichier « {p.name} » est endommagé ou n'est pas un classeur Excel (.xlsx).",
            hint="Ouvrez-le dans Excel et enregistrez-le de nouveau au format .xlsx.",
        ) from exc


# Headers of computed (formula) columns: their values are never read into the model.
_COMPUTED_HEADERS = {c.header for spec in layout.ALL_TABLES for c in spec.columns if c.formula}


def raw_tables(wb: Workbook, values: Workbook | None = None) -> dict[str, RawTable]:
    """Every Excel table of ``wb`` as plain values.

    ``wb`` may be loaded with formulas: a formula typed in an input column is then read
    from ``values`` (the same file loaded with ``data_only=True``), the value Excel showed.
    """
    out: dict[str, RawTable] = {}
    for ws in wb.worksheets:
        for table in ws.tables.values():
            min_col, min_row, max_col, max_row = range_boundaries(table.ref)
            grid = [
                list(r)
                for r in ws.iter_rows(
                    min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col
                )
            ]
            headers = [c.value for c in grid[0]]
            rows = []
            for cells in grid[1:]:
                row = []
                for h, cell in zip(headers, cells, strict=True):
                    v = cell.value
                    if cell.data_type == "f":
                        if h in _COMPUTED_HEADERS:
                            v = None
                        else:
                            if values is None:
                                raise _NeedValues
                            v = values[ws.title][cell.coordinate].value
                    row.append(v)
                rows.append(row)
            out[table.displayName] = RawTable(table.displayName, ws.title, min_row, headers, rows)
    return out


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


def read_classeur_from(wb: Workbook) -> Classeur:
    """The model of an open workbook (after an update); ClasseurProblems if unreadable."""
    c, problems = read_workbook(wb)
    if problems or c is None:
        raise ClasseurProblems(problems)
    return c


def inspect_classeur(path: str | os.PathLike[str]) -> tuple[Classeur | None, list[Problem]]:
    """Read a classeur file, returning the model (if readable) and every problem found."""
    wb = open_workbook(path)
    return read_workbook(wb, file=Path(path).name, path=path)


def read_classeur(path: str | os.PathLike[str]) -> Classeur:
    """Read a classeur file; raise ClasseurProblems listing every problem found."""
    c, problems = inspect_classeur(path)
    if problems or c is None:
        raise ClasseurProblems(problems)
    return c


def sheet_values_of(path: str | os.PathLike[str]) -> Any:
    """``sheet_values(name)`` for a classeur file: a sheet's values (formulas as text)."""
    wb = open_workbook(path, data_only=False)

    def sheet_values(name: str) -> list[list[Any]] | None:
        if name not in wb.sheetnames:
            return None
        return [list(r) for r in wb[name].iter_rows(values_only=True)]

    return sheet_values


# ======================================================================================
# Updating an existing classeur
# ======================================================================================


@dataclass
class Edit:
    """A classeur opened for update: the model read from it and the workbook to change."""

    path: Path
    wb: Workbook  # loaded with formulas kept
    model: Classeur

    def sheet_values(self, name: str) -> list[list[Any]] | None:
        """The current content of sheet ``name`` as values (None when it does not exist).

        Formulas come back as their text (``=…``); generated sheets are rebuilt from them.
        """
        if name not in self.wb.sheetnames:
            return None
        ws = self.wb[name]
        return [list(r) for r in ws.iter_rows(values_only=True)]

    def apply(self, update: Update) -> None:
        apply_update(self.wb, self.model, update)


@contextmanager
def edit_classeur(
    path: str | os.PathLike[str], output: str | os.PathLike[str] | None = None
) -> Iterator[Edit]:
    """Open ``path`` for update; on success, save (atomically) to ``output`` or ``path``.

    The classeur must read without problems; otherwise ClasseurProblems is raised and
    nothing is written. If the body raises, nothing is written either.
    """
    p = Path(path)
    wb = open_workbook(p, data_only=False)
    model, problems = read_workbook(wb, file=p.name, path=p)
    if problems or model is None:
        raise ClasseurProblems(problems)
    edit = Edit(p, wb, model)
    yield edit
    save_atomic(wb, output or p)


def apply_update(wb: Workbook, model: Classeur, update: Update) -> None:
    """Write ``update`` into ``wb``: generated sheets are rebuilt, tables refilled."""
    ensure_styles(wb)
    for doc in update.sheets:
        render_sheet(wb, doc)
    for name, rows in update.tables.items():
        spec = _spec_for(name, model)
        replace_table_rows(wb, spec, rows, levels=scale_of(model.settings))
    if update.settings:
        set_settings(wb, update.settings)


def _spec_for(name: str, model: Classeur) -> layout.TableSpec:
    if name == layout.GRILLE_NAME:
        return layout.grille_spec(model.learning_codes)
    for spec in layout.ALL_TABLES:
        if spec.name == name:
            return spec
    raise KeyError(name)


def update_classeur(
    path: str | os.PathLike[str],
    make_update: Any,
    output: str | os.PathLike[str] | None = None,
) -> Update:
    """Run ``make_update(edit) -> Update`` on the classeur at ``path`` and save the result."""
    with edit_classeur(path, output) as edit:
        update = make_update(edit)
        edit.apply(update)
    write_side_files(Path(output or path), update.files)
    return update


def side_file_path(classeur: str | os.PathLike[str], name: str) -> Path:
    """Where side file ``name`` of the classeur at ``classeur`` is written (same folder)."""
    target = Path(classeur)
    return target.with_name(layout.side_file_name(target.stem, name))


def write_side_files(classeur: str | os.PathLike[str], files: dict[str, str]) -> list[Path]:
    """Write an Update's side files next to the classeur, each atomically (UTF-8)."""
    import tempfile

    written = []
    for name, text in files.items():
        target = side_file_path(classeur, name)
        fd, tmp = tempfile.mkstemp(prefix=".~classeur-", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            os.replace(tmp, target)
        except PermissionError as exc:
            raise ClasseurError(
                f"Impossible d'écrire « {target} » : le fichier est protégé ou ouvert ailleurs.",
                hint="Fermez-le puis recommencez.",
            ) from exc
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        written.append(target)
    return written


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
        if i.file_size > layout.FUSION_RATIO_MIN_BYTES
        and i.file_size > layout.FUSION_MAX_RATIO * max(i.compress_size, 1)
    ]
    if total > layout.FUSION_MAX_UNCOMPRESSED_BYTES or suspicious:
        raise ClasseurError(
            f"Le fichier « {p.name} » ne ressemble pas à une copie de la grille : une fois "
            f"décompressé, il occuperait {total / 1e6:.0f} Mo. Il n'a pas été ouvert.",
            hint=hint,
        )


def read_grille_source(path: str | os.PathLike[str]) -> Any:
    """A teacher's copy as a :class:`classeur.grille.Source`: values only, never formulas.

    Read with python-calamine (a fast Rust reader of cell VALUES): a cell holding a
    formula is read as the value Excel last computed for it. Merging 30 copies then takes
    a fraction of a second instead of several seconds with openpyxl.
    """
    from python_calamine import CalamineWorkbook

    from classeur.grille import Source

    p = Path(path)
    if not p.exists():
        raise ClasseurError(
            f"Le fichier « {p} » est introuvable.",
            hint="Vérifiez le chemin et le nom du fichier.",
        )
    if not zipfile.is_zipfile(p):
        raise ClasseurError(
            f"Le fichier « {p.name} » n'est pas un classeur Excel (.xlsx).",
            hint="Ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) ».",
        )
    _check_archive(p)
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
        raise ClasseurError(
            f"Le fichier « {p.name} » est endommagé ou n'est pas un classeur Excel (.xlsx).",
            hint="Ouvrez-le dans Excel et enregistrez-le de nouveau au format .xlsx.",
        ) from exc
    model, problems = classeur_from_tables(tables, sheets, p.name)
    if problems or model is None:
        raise ClasseurProblems(problems)
    grille = tables.get(layout.GRILLE_NAME)
    headers = [str(h or "").strip() for h in grille.headers] if grille else []
    return Source(p.name, model, headers)
