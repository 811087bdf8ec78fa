"""File adapter (openpyxl): read a classeur file into the model, write the model into a
new classeur file, and apply a feature's :class:`~classeur.sheets.sheetdoc.Update` to a file.

Reading validates everything and reports ALL problems at once, each naming sheet, row and
column in French with how to fix it (the parsing itself is the core's, in ``tables``).
"""

from __future__ import annotations

import os
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import DEFUSEDXML, Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from classeur.domain import journal, migrations
from classeur.domain.model import Classeur, Meeting, Settings
from classeur.domain.tables import RawTable, classeur_from_tables, scale_of
from classeur.errors import ClasseurError, ClasseurProblems, Problem
from classeur.files import filecheck
from classeur.files.safewrite import check_not_open, write_text_atomic
from classeur.files.xlsxio import (
    add_table_column,
    ensure_styles,
    find_table,
    gc_paused,
    put,
    put_formula,
    render_sheet,
    replace_table_rows,
    save_atomic,
    set_settings,
    setup_print,
    write_title,
)
from classeur.files.xlsxio import write_table as _write_table
from classeur.layout import accueil, compilation, outputs, structure, styling, vocabulary
from classeur.sheets.sheetdoc import Update

# ======================================================================================
# Writing
# ======================================================================================


def _settings_rows(s: Settings) -> list[tuple[str, str, str]]:
    values = {
        structure.PARAM_SCHEMA: str(vocabulary.SCHEMA_VERSION),
        structure.PARAM_MODELE: s.modele,
        structure.PARAM_TITRE: s.titre,
        structure.PARAM_ANNEE: s.annee_scolaire,
        structure.PARAM_ORGANISME: s.organisme,
        structure.PARAM_BUT: s.but,
        structure.PARAM_ECHELLE: s.echelle,
    }
    rows = [(k, v, structure.PARAM_DESCRIPTIONS[k]) for k, v in values.items()]
    rows += [
        (k, v, compilation.GRILLE_PARAM_DESCRIPTIONS.get(k, ""))
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
        *structure.SHEETS_BEFORE_MEETINGS,
        *(structure.meeting_sheet(n) for n in meeting_numbers),
        *structure.SHEETS_AFTER_MEETINGS,
    ]
    for name in order:
        sheets[name] = wb.create_sheet(name)

    levels = scale_of(c.settings)
    _write_list(
        sheets[structure.SHEET_EQUIPE],
        structure.EQUIPE,
        [
            (m.prenom, m.nom, m.courriel, m.etablissement, m.fonction, m.service, m.role)
            for m in c.members
        ],
    )
    _write_list(
        sheets[structure.SHEET_RENCONTRES],
        structure.RENCONTRES,
        [
            (m.numero, m.date, m.debut, m.fin, m.mode, m.lieu, m.canevas, m.bloc)
            for m in sorted(c.meetings, key=lambda m: m.numero)
        ],
    )
    _write_list(
        sheets[structure.SHEET_APPRENTISSAGES],
        structure.APPRENTISSAGES,
        [
            (lrn.code, lrn.description, lrn.criteres, lrn.niveau_vise, lrn.objectif)
            for lrn in c.learnings
        ],
        levels=levels,
    )
    _write_list(
        sheets[structure.SHEET_SUIVI],
        structure.SUIVI,
        [
            (a.numero, a.action, a.responsable, a.echeance, a.statut, a.rencontre, a.notes)
            for a in c.actions
        ],
    )
    grille = structure.grille_spec(c.learning_codes)
    result_keys = [(code, bloc) for code in c.learning_codes for bloc in vocabulary.BLOCS]
    _write_list(
        sheets[structure.SHEET_GRILLE],
        grille,
        [
            (e.eleve, e.groupe, e.enseignant, *(e.resultats.get(k) for k in result_keys))
            for e in c.grid
        ],
        levels=levels,
        freeze_columns=len(structure.GRILLE_FIXED),
    )
    _write_list(
        sheets[structure.SHEET_PARAMETRES], structure.PARAMETRES, _settings_rows(c.settings)
    )
    sheets[structure.SHEET_PARAMETRES].sheet_state = "hidden"

    for m in c.meetings:
        write_meeting_header(sheets[structure.meeting_sheet(m.numero)], m)
    write_bilan_header(sheets[structure.SHEET_BILAN], c)
    render_sheet(wb, journal.sheet([]))  # replaces the placeholder, at the same place
    write_accueil(sheets[structure.SHEET_ACCUEIL], c, order)
    wb.active = 0
    return wb


def _write_list(
    ws: Worksheet,
    spec: structure.TableSpec,
    rows: list[Any],
    *,
    levels: tuple[int | str, ...] | None = None,
    freeze_columns: int = 0,
) -> None:
    write_title(ws, spec.title, spec.subtitle)
    _write_table(ws, spec, rows, levels=levels, freeze_columns=freeze_columns)


def write_accueil(ws: Worksheet, c: Classeur, sheet_order: list[str]) -> None:
    write_title(
        ws, c.settings.titre or accueil.ACCUEIL_TITLE, vocabulary.MODELE_LABELS[c.settings.modele]
    )
    for col, width in accueil.ACCUEIL_WIDTHS.items():
        ws.column_dimensions[col].width = width
    row = accueil.ACCUEIL_IDENTITY_FIRST_ROW + 1
    for key, label in accueil.ACCUEIL_IDENTITY_LABELS.items():
        put(ws.cell(row=row, column=accueil.ACCUEIL_LABEL_COL), label)
        ws.cell(row=row, column=accueil.ACCUEIL_LABEL_COL).style = styling.STYLE_LABEL
        if key == structure.PARAM_MODELE:
            put(
                ws.cell(row=row, column=accueil.ACCUEIL_VALUE_COL),
                vocabulary.MODELE_LABELS[c.settings.modele],
            )
        else:
            put_formula(
                ws.cell(row=row, column=accueil.ACCUEIL_VALUE_COL), structure.param_formula(key)
            )
        ws.cell(row=row, column=accueil.ACCUEIL_VALUE_COL).style = styling.STYLE_WRAP
        row += 1
    row += 1
    put(ws.cell(row=row, column=1), accueil.ACCUEIL_STATUS_HEADING)
    ws.cell(row=row, column=1).style = styling.STYLE_TITLE
    row += 1
    for line in accueil.ACCUEIL_STATUS:
        if c.settings.modele not in line.only_for:
            continue
        put(ws.cell(row=row, column=accueil.ACCUEIL_LABEL_COL), line.label)
        ws.cell(row=row, column=accueil.ACCUEIL_LABEL_COL).style = styling.STYLE_LABEL
        value = ws.cell(row=row, column=accueil.ACCUEIL_VALUE_COL)
        put_formula(value, line.formula)
        value.style = styling.STYLE_COMPUTED
        value.number_format = line.number_format
        row += 1
    row += 1
    put(ws.cell(row=row, column=1), accueil.ACCUEIL_LINKS_HEADING)
    ws.cell(row=row, column=1).style = styling.STYLE_TITLE
    row += 1
    for name in sheet_order:
        if name == structure.SHEET_PARAMETRES:
            continue
        link = ws.cell(row=row, column=accueil.ACCUEIL_LABEL_COL)
        put(link, name)
        link.hyperlink = Hyperlink(
            ref=link.coordinate, location=f"'{name}'!A1", tooltip=f"Aller à la feuille {name}"
        )
        link.style = styling.STYLE_LINK
        n = structure.meeting_number_from_sheet(name)
        desc = f"Rencontre {n}" if n is not None else structure.SHEET_DESCRIPTIONS.get(name, "")
        put(ws.cell(row=row, column=accueil.ACCUEIL_VALUE_COL), desc)
        row += 1
    setup_print(ws, landscape=False)


def write_meeting_header(ws: Worksheet, m: Meeting) -> None:
    """The header of a rencontre tab; the rencontres feature fills the rest."""
    write_title(ws, f"Rencontre {m.numero}", m.canevas)
    for col, width in structure.MEETING_WIDTHS.items():
        ws.column_dimensions[col].width = width
    setup_print(ws, landscape=False)


def write_bilan_header(ws: Worksheet, c: Classeur) -> None:
    write_title(ws, structure.BILAN_TITLE, c.settings.annee_scolaire)
    for col, width in structure.MEETING_WIDTHS.items():
        ws.column_dimensions[col].width = width
    setup_print(ws, landscape=False)


def write_classeur(c: Classeur, path: str | os.PathLike[str]) -> Path:
    """Write ``c`` as a new classeur file (atomically)."""
    return save_atomic(build_workbook(c), path)


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
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise ClasseurError(
            f"Le fichier « {p.name} » est endommagé ou n'est pas un classeur Excel (.xlsx).",
            hint="Ouvrez-le dans Excel et enregistrez-le de nouveau au format .xlsx.",
        ) from exc
    _bound_extent(wb, p)
    return wb


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


def raw_tables(wb: Workbook, values: Workbook | None = None) -> dict[str, RawTable]:
    """Every Excel table of ``wb`` as plain values.

    ``wb`` may be loaded with formulas: a formula typed in an input column is then read
    from ``values`` (the same file loaded with ``data_only=True``), the value Excel showed.
    Merged ranges overlapping a table are passed on (the core reports them).
    """
    out: dict[str, RawTable] = {}
    for ws in wb.worksheets:
        for table in ws.tables.values():
            out[table.displayName] = _raw_table(ws, table, values)
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


def _raw_table(ws: Worksheet, table: Any, values: Workbook | None) -> RawTable:
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
                if h in _COMPUTED_HEADERS:
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


def file_warnings(path: str | os.PathLike[str]) -> list[str]:
    """What a teacher should know about a readable classeur before a command rewrites it
    (French): open in Excel, parts a rewrite would lose, an older format to migrate."""
    p = Path(path)
    out = []
    lock = filecheck.excel_lock_file(p)
    if lock is not None:
        out.append(
            f"Le fichier est ouvert dans Excel (ou LibreOffice) : les commandes qui le "
            f"modifient refuseront tant qu'il le sera (verrou « {lock.name} »)."
        )
    losses = filecheck.lossy_parts(p)
    if losses:
        out.append(
            "Contient des éléments qu'une réécriture par Classeur perdrait : "
            + "; ".join(str(loss) for loss in losses)
            + f". Les commandes qui modifient le classeur refuseront; ajoutez "
            f"« {outputs.OUTPUT_OPTION} NOUVEAU.xlsx » pour écrire un nouveau fichier, ou "
            "utilisez le ruban Classeur dans Excel."
        )
    wb = open_workbook(p, data_only=False)
    try:
        ws, table = find_table(wb, structure.PARAMETRES.name)
        version = migrations.schema_version(
            {structure.PARAMETRES.name: _raw_table(ws, table, None)}
        )
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
    output: Path | None = None  # where it will be saved (None: over ``path``)
    # what the new file will not contain (only when writing to another file)
    losses: list[filecheck.Loss] = field(default_factory=list)
    migrated: list[migrations.Migration] = field(default_factory=list)

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

    def notes(self) -> list[str]:
        """French lines telling the teacher what this edit changed beyond the update."""
        out = [
            f"Classeur mis à jour au format {m.version + 1} : {m.description}."
            for m in self.migrated
        ]
        if self.losses and self.output is not None:
            out.append(
                f"Le nouveau fichier « {self.output.name} » ne contient pas : "
                + "; ".join(str(loss) for loss in self.losses)
                + f". L'original « {self.path.name} » est intact."
            )
        return out


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


_MACRO_SUFFIXES = (".xlsm", ".xltm")


@contextmanager
def edit_classeur(
    path: str | os.PathLike[str], output: str | os.PathLike[str] | None = None
) -> Iterator[Edit]:
    """Open ``path`` for update; on success, save (atomically) to ``output`` or ``path``.

    Every rewrite goes through here. Refused (French message, nothing written) when: the
    classeur does not read without problems; Excel has the target open; the file holds
    parts openpyxl would drop (images, shapes…) and would be overwritten: then the teacher
    can pass ``output`` (``-o NOUVEAU.xlsx``) to write a new file instead. A classeur from
    an older version is migrated. If the body raises, nothing is written.
    """
    p = Path(path)
    target = Path(output) if output is not None else p
    in_place = _same_file(p, target)
    check_not_open(target)
    # Macros are kept when the result is still a macro-enabled workbook.
    keep_vba = target.suffix.lower() in _MACRO_SUFFIXES and filecheck.has_macros(p)
    wb = open_workbook(p, data_only=False, keep_vba=keep_vba)
    losses = filecheck.lossy_parts(p, keep_vba=keep_vba)
    if losses and in_place:
        raise filecheck.lossy_error(p, losses)
    migrated = _migrate_workbook(wb)
    model, problems = read_workbook(wb, file=p.name, path=p)
    if problems or model is None:
        raise ClasseurProblems(problems)
    edit = Edit(p, wb, model, None if in_place else target, losses, migrated)
    yield edit
    save_atomic(wb, target)


def _migrate_workbook(wb: Workbook) -> list[migrations.Migration]:
    """Bring an older classeur's structure to the current format (in memory)."""
    try:
        ws, table = find_table(wb, structure.PARAMETRES.name)
    except ClasseurError:
        return []  # not a classeur: reading reports it
    params = _raw_table(ws, table, None)
    version = migrations.schema_version({structure.PARAMETRES.name: params})
    if version is None or version >= vocabulary.SCHEMA_VERSION:
        return []
    applied = migrations.pending(version)
    for m in applied:
        for step in m.steps:
            add_table_column(wb, step.table, step.header, step.default)
    set_settings(wb, {structure.PARAM_SCHEMA: str(vocabulary.SCHEMA_VERSION)})
    return applied


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


def _spec_for(name: str, model: Classeur) -> structure.TableSpec:
    if name == structure.GRILLE_NAME:
        return structure.grille_spec(model.learning_codes)
    for spec in structure.ALL_TABLES:
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
        update.messages.extend(edit.notes())
    write_side_files(Path(output or path), update.files)
    return update


def side_file_path(classeur: str | os.PathLike[str], name: str) -> Path:
    """Where side file ``name`` of the classeur at ``classeur`` is written (same folder)."""
    target = Path(classeur)
    return target.with_name(outputs.side_file_name(target.stem, name))


def write_side_files(classeur: str | os.PathLike[str], files: dict[str, str]) -> list[Path]:
    """Write an Update's side files next to the classeur, each atomically (UTF-8).

    They are regenerated from the classeur, so no backup of the previous version is kept.
    """
    return [
        write_text_atomic(side_file_path(classeur, name), text, newline="\n", backup=False)
        for name, text in files.items()
    ]


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
    """A teacher's copy as a :class:`classeur.domain.grille.Source`: values only, never formulas.

    Read with python-calamine (a fast Rust reader of cell VALUES): a cell holding a
    formula is read as the value Excel last computed for it. Merging 30 copies then takes
    a fraction of a second instead of several seconds with openpyxl.
    """
    from python_calamine import CalamineWorkbook

    from classeur.domain.grille import Source

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
        raise ClasseurError(
            f"Le fichier « {p.name} » est endommagé ou n'est pas un classeur Excel (.xlsx).",
            hint="Ouvrez-le dans Excel et enregistrez-le de nouveau au format .xlsx.",
        ) from exc
    model, problems = classeur_from_tables(tables, sheets, p.name)
    if problems or model is None:
        raise ClasseurProblems(problems)
    grille = tables.get(structure.GRILLE_NAME)
    headers = [str(h or "").strip() for h in grille.headers] if grille else []
    return Source(p.name, model, headers)
