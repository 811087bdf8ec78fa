"""The classeur FILE as the features' book: opened for update (checks, migration), the
feature's Update applied with openpyxl, saved atomically, side files written beside it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from classeur.domain import migrations
from classeur.domain.grille import roster
from classeur.domain.journal import Entry
from classeur.domain.model import Classeur
from classeur.domain.tables import scale_of
from classeur.errors import ClasseurError, ClasseurProblems, Problem
from classeur.files import lossy, writelock, xlsx_parts
from classeur.files.safewrite import (
    check_not_open,
    check_writable,
    clean_partials,
    write_text_atomic,
)
from classeur.files.xlsx_cells import ensure_styles, save_atomic
from classeur.files.xlsx_read import (
    file_warnings,
    open_workbook,
    raw_table,
    read_classeur_from,
    read_workbook,
    sheet_names_of,
    sheet_rows,
    sheet_values_of,
)
from classeur.files.xlsx_sheets import render_sheet
from classeur.files.xlsx_tables import (
    add_table_column,
    find_table,
    replace_table_rows,
    set_settings,
)
from classeur.layout import outputs, structure, vocabulary
from classeur.sheets import journal
from classeur.sheets.sheetdoc import Update

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
    losses: list[lossy.Loss] = field(default_factory=list)
    migrated: list[migrations.Migration] = field(default_factory=list)

    def sheet_values(self, name: str) -> list[list[Any]] | None:
        """The current content of sheet ``name`` as values (None when it does not exist).

        Formulas come back as their text (``=…``); generated sheets are rebuilt from them.
        """
        if name not in self.wb.sheetnames:
            return None
        return sheet_rows(self.wb[name])

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

    Every rewrite goes through here, holding the classeur's lock (one writer at a time,
    :mod:`classeur.files.writelock`) from the read to the save. Refused (French message,
    nothing written) when: Excel has the target open; it is read-only; the classeur does
    not read without problems; the file holds parts openpyxl would drop (images,
    shapes…) and would be overwritten: then the teacher can pass ``output``
    (``-o NOUVEAU.xlsx``) to write a new file instead; another program changed the file
    between the read and the save (the result is then kept beside it). A classeur from an
    older version is migrated. If the body raises, nothing is written.
    """
    p = Path(path)
    target = Path(output) if output is not None else p
    in_place = _same_file(p, target)
    with writelock.holding(target):
        check_not_open(target)
        check_writable(target)  # before the parse: a cheap refusal
        clean_partials(target.parent if str(target.parent) else Path("."))
        expected = writelock.identity_of(target)  # taken before reading: never newer
        # Macros are kept when the result is still a macro-enabled workbook.
        keep_vba = target.suffix.lower() in _MACRO_SUFFIXES and lossy.has_macros(p)
        wb = open_workbook(p, data_only=False, keep_vba=keep_vba)
        losses = lossy.lossy_parts(p, keep_vba=keep_vba)
        if losses and in_place:
            raise lossy.lossy_error(p, losses)
        migrated = _migrate_workbook(wb)
        model, problems = read_workbook(wb, file=p.name, path=p)
        if problems or model is None:
            raise ClasseurProblems(problems)
        edit = Edit(p, wb, model, None if in_place else target, losses, migrated)
        yield edit
        save_atomic(wb, target, expect=expected)


def _migrate_workbook(wb: Workbook) -> list[migrations.Migration]:
    """Bring an older classeur's structure to the current format (in memory)."""
    try:
        ws, table = find_table(wb, structure.PARAMETRES.name)
    except ClasseurError:
        return []  # not a classeur: reading reports it
    params = raw_table(ws, table, None)
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
    for write in update.cells:
        cell = wb[write.sheet].cell(row=write.row, column=write.column)
        cell.value = write.value
        if write.number_format is not None:
            cell.number_format = write.number_format
    for table_name, headers in update.columns.items():
        for header in headers:
            add_table_column(wb, table_name, header)
    for doc in update.sheets:
        render_sheet(wb, doc)
    for name, rows in update.tables.items():
        spec = _spec_for(name, model)
        replace_table_rows(wb, spec, rows, levels=scale_of(model.settings))
    settings = roster.settings_to_write(model, update.settings, update.tables)
    if settings:
        set_settings(wb, settings)


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
    """Run ``make_update(edit) -> Update`` on the classeur at ``path`` and save the result
    (its side files too, under the same lock)."""
    target = Path(output or path)
    with writelock.holding(target):
        with edit_classeur(path, output) as edit:
            update = make_update(edit)
            edit.apply(update)
            update.messages.extend(edit.notes())
        write_side_files(target, update.files)
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
# The classeur file as the features' book
# ======================================================================================
class FileBook:
    """A classeur file opened for update, as ``features.Book``: what a feature reads and
    writes goes to the workbook in memory, saved (with its side files) when the session
    ends without error."""

    def __init__(self, edit: Edit, target: Path) -> None:
        self.edit = edit
        self.target = target  # where the classeur is saved
        self.files: dict[str, str] = {}  # side files, written after the classeur
        self._stale = False  # a table changed: the model is read again when asked
        self._noted = False

    @property
    def name(self) -> str:
        return self.edit.path.name

    def sheet_names(self) -> list[str]:
        return list(self.edit.wb.sheetnames)

    def read(self) -> tuple[Classeur | None, list[Problem]]:
        return self.model(), []

    def model(self) -> Classeur:
        if self._stale:
            self.edit.model = read_classeur_from(self.edit.wb)
            self._stale = False
        return self.edit.model

    def sheet_values(self, name: str) -> list[list[Any]] | None:
        return self.edit.sheet_values(name)

    def apply(self, update: Update, model: Classeur) -> list[str]:
        """Write ``update`` into the workbook; the French lines for the teacher."""
        apply_update(self.edit.wb, model, update)
        self._stale = self._stale or bool(update.tables or update.cells or update.columns)
        self.files.update(update.files)
        lines = list(update.messages)
        if not self._noted:
            lines += self.edit.notes()
            self._noted = True
        lines += [f"Fichier écrit : « {side_file_path(self.target, n)} »" for n in update.files]
        return lines

    def status(self, text: str | None) -> None:
        del text  # the command line prints its lines at the end

    def warnings(self) -> list[str]:
        return []

    def local_path(self) -> Path | None:
        return self.edit.path


@contextmanager
def open_book(
    path: str | os.PathLike[str], output: str | os.PathLike[str] | None = None
) -> Iterator[FileBook]:
    """The classeur at ``path`` as a :class:`FileBook`; saved to ``output`` (or over
    ``path``) and its side files written when the body ends without error."""
    target = Path(output) if output is not None else Path(path)
    with writelock.holding(target):
        with edit_classeur(path, output) as edit:
            book = FileBook(edit, target)
            yield book
        write_side_files(target, book.files)


class FileSource:
    """A classeur file read without being rewritten (``classeur verifier``,
    ``classeur exporter``), as ``features.Book`` and ``features.ExportBook``.

    The file is parsed ONCE (formulas kept) and that parse serves the model, the sheets'
    content and the warnings; the values Excel computed are read only when a formula sits
    where a value is expected."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._wb: Workbook | None = None
        self._values: Any = None

    @property
    def name(self) -> str:
        return self.path.name

    def _workbook(self) -> Workbook:
        if self._wb is None:
            self._wb = open_workbook(self.path, data_only=False)
        return self._wb

    def sheet_names(self) -> list[str]:
        """The sheets' names, read cheaply (python-calamine, after the archive checks); []
        for a file that cannot be read (reading it says why)."""
        try:
            return sheet_names_of(self.path)
        except ClasseurError:
            return []

    def read(self) -> tuple[Classeur | None, list[Problem]]:
        return read_workbook(self._workbook(), file=self.path.name, path=self.path)

    def model(self) -> Classeur:
        c, problems = self.read()
        if problems or c is None:
            raise ClasseurProblems(problems)
        return c

    def sheet_values(self, name: str) -> list[list[Any]] | None:
        if self._values is None:
            self._values = sheet_values_of(self.path, self._workbook())
        values: list[list[Any]] | None = self._values(name)
        return values

    def apply(self, update: Update, model: Classeur) -> list[str]:
        raise NotImplementedError("a FileSource is never rewritten")  # a programming error

    def status(self, text: str | None) -> None:
        del text

    def warnings(self) -> list[str]:
        return file_warnings(self.path, self._workbook())

    def local_path(self) -> Path | None:
        return self.path

    # ------------------------------------------------------------ exporting
    @contextmanager
    def exportable(self) -> Iterator[Path]:
        """The classeur to export from, locked until the export is logged in its journal.

        Refused before anything is written while Excel has it open: the files would be
        sent without their row in the journal des envois (the record of what went to whom
        that the Loi 25 asks for); the ribbon's « Exporter » logs in the open book."""
        with writelock.holding(self.path):
            check_not_open(self.path, exporting=True)
            yield self.path

    def key_path(self) -> Path:
        from classeur.files.export.pseudonyms import key_path

        return key_path(self.path)

    def export_folder(self) -> Path:
        return self.path.parent if str(self.path.parent) else Path(".")

    def log_export(self, entry: Entry) -> list[str]:
        """The export's row in the journal des envois, the rest of the file kept."""
        if lossy.lossy_parts(self.path):
            # openpyxl would drop the teacher's images or shapes: only the journal's two
            # parts are edited, the rest of the file is kept byte for byte.
            xlsx_parts.append_table_row(self.path, structure.JOURNAL.name, entry.row())
        else:
            update_classeur(self.path, lambda edit: journal.log(edit.sheet_values, entry))
        return []
