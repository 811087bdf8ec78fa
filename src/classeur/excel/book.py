"""The open Excel book (xlwings) as the features' book: reads every table and sheet in one
call each, writes a feature's Update with whole-range writes, exports from a saved copy.

The ONLY place, with its sheet writer, that talks to xlwings. Text always reaches Excel
as text. A click applies all or nothing: every precondition is checked before the first
write (:mod:`classeur.excel.preflight`), and what was written is recorded so that an
error says exactly what changed. The workbook may live on OneDrive/SharePoint: its
``fullname`` is then a URL, never used as a local path (:mod:`classeur.excel.places`)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import xlwings as xw

from classeur.domain import cellvalues, links, rowplan
from classeur.domain.grille import roster
from classeur.domain.model import Classeur
from classeur.domain.rawtable import RawTable
from classeur.domain.tables import classeur_from_tables
from classeur.errors import ClasseurError, ClasseurProblems, Problem
from classeur.excel import dialogs, places, preflight, sheet_writer
from classeur.excel.book_export import XlExport
from classeur.excel.sheet_writer import to_excel
from classeur.layout import outputs, structure
from classeur.sheets.sheetdoc import SheetDoc, Update
from classeur.text import french

TITLE = "Classeur"
_TIME_ONLY_DATE = dt.date(1899, 12, 30)  # Excel's day 0: a cell holding only a time


def from_excel(value: Any) -> Any:
    """A value read through xlwings, as the file adapter (openpyxl) gives it: whole
    numbers as int, a time-only cell as a time, so features see the same values."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime) and value.date() == _TIME_ONLY_DATE:
        return value.time()
    return value


def _with_formulas(values: list[list[Any]], rng: Any) -> list[list[Any]]:
    """``values`` with each formula cell's formula instead of its computed value, where
    the engine can read formulas (desktop Excel); as they are elsewhere (the remote
    engine sends values only)."""
    try:
        formulas = rng.options(ndim=2).formula
    except NotImplementedError:
        return values
    if isinstance(formulas, str):
        formulas = [[formulas]]
    out = []
    for row, frow in zip(values, formulas, strict=False):
        out.append(
            [
                links.from_engine(v, f)
                for v, f in zip(row, [*frow, *[None] * (len(row) - len(frow))], strict=False)
            ]
        )
    return out


def _hyperlinks(sheet: Any) -> dict[tuple[int, int], str]:
    """The cells of ``sheet`` carrying a hyperlink (Insertion › Lien), with its target,
    where the engine can tell: Excel on Windows lists a sheet's links (two calls when
    there is none). Excel on a Mac answers one cell at a time, one slow AppleScript call
    each, and the remote engine not at all: there the cells keep their text only."""
    try:
        listed = sheet.api.Hyperlinks
    except Exception:  # not Excel on Windows: no such list
        return {}
    found: dict[tuple[int, int], str] = {}
    for i in range(1, int(listed.Count) + 1):
        link = listed.Item(i)
        target = link.Address or (f"#{link.SubAddress}" if link.SubAddress else "")
        if target:
            found[(int(link.Range.Row), int(link.Range.Column))] = str(target)
    return found


def _with_hyperlinks(values: list[list[Any]], sheet: Any) -> list[list[Any]]:
    """``values`` with each hyperlinked cell as a :class:`~classeur.domain.links.Link`,
    as the file adapter reads it, so that a rebuilt tab writes the link back."""
    for (r, c), target in _hyperlinks(sheet).items():
        if r <= len(values) and c <= len(values[r - 1]):
            v = values[r - 1][c - 1]
            if isinstance(v, str | int | float) and not isinstance(
                v, bool | links.Formula | links.Link
            ):
                values[r - 1][c - 1] = links.Link(str(v), target)
    return values


def _rows(values: Any) -> list[list[Any]]:
    return [[from_excel(v) for v in row] for row in values]


# ======================================================================================
# The book
# ======================================================================================
class XlBook(XlExport):
    """An open Excel book seen through xlwings: reads once, writes whole ranges."""

    def __init__(
        self,
        book: Any,
        files: list[Path] | None = None,
        today: dt.date | None = None,
        answer: str | None = None,
    ) -> None:
        self.book = book
        self._files = files  # answer to choose_files (tests, scripted use)
        self._answer = answer  # the button clicked in ask's box (tests, scripted use)
        self.today = today or dt.date.today()
        self.reads: Counter[str] = Counter()  # table or sheet name -> value reads
        self._tables: dict[str, RawTable] | None = None
        self._table_objects: dict[str, Any] = {}
        self._sheets: dict[str, list[list[Any]] | None] = {}
        self._status_supported = True
        self._local: tuple[Path | None] | None = None  # the book's local file, once found
        # What this click has changed so far, in French (« la feuille « R2 » »…): an
        # error then says exactly what was written before it.
        self.changes: list[str] = []
        self.files_written: list[str] = []  # files this click wrote (side files, exports)

    @classmethod
    def caller(cls) -> XlBook:
        return cls(xw.Book.caller())

    # ---------------------------------------------------------------- identity
    @property
    def name(self) -> str:
        """The book's file name (never a path or a URL)."""
        return str(self.book.name).replace("\\", "/").rsplit("/", 1)[-1]

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def active_sheet_name(self) -> str | None:
        try:
            return str(self.book.sheets.active.name)
        except Exception:
            return None

    # ---------------------------------------------------------------- reading
    def raw_tables(self) -> dict[str, RawTable]:
        """Every Excel table of the book as plain values: ONE read per table."""
        if self._tables is None:
            tables: dict[str, RawTable] = {}
            for sheet in self.book.sheets:
                for table in sheet.tables:
                    rng = table.range
                    values = rng.options(ndim=2).value
                    self.reads[table.name] += 1
                    headers = list(values[0]) if values else []
                    rows = _rows(values[1:])
                    tables[table.name] = RawTable(
                        table.name, sheet.name, rng.row, headers, rows, rng.column
                    )
                    self._table_objects[table.name] = table
            self._tables = tables
        return self._tables

    def read(self) -> tuple[Classeur | None, list[Problem]]:
        return classeur_from_tables(self.raw_tables(), self.sheet_names(), self.name)

    def model(self) -> Classeur:
        """The classeur; ClasseurProblems (every problem, in French) when it cannot be read."""
        c, problems = self.read()
        if problems or c is None:
            raise ClasseurProblems(problems or [Problem("Ce fichier n'est pas un classeur.")])
        return c

    def sheet_values(self, name: str) -> list[list[Any]] | None:
        """What sheet ``name`` holds now, from A1 (None when it does not exist), as the
        file adapter gives it: a formula as its text (``=…``), a hyperlinked cell as a link,
        anything else as its value. One read of the values, one of the formulas (where the
        engine can read them), one of the links."""
        if name not in self._sheets:
            if name not in self.sheet_names():
                return None
            sheet = self.book.sheets[name]
            last = sheet.used_range.last_cell
            rng = sheet.range((1, 1), (last.row, last.column))
            values = _rows(rng.options(ndim=2).value)
            self.reads[name] += 1
            self._sheets[name] = _with_hyperlinks(_with_formulas(values, rng), sheet)
        return self._sheets[name]

    def local_path(self) -> Path | None:
        """The book's file on this computer (for a OneDrive/SharePoint book, its synced
        copy); None when there is none."""
        if self._local is None:
            try:
                fullname = str(self.book.fullname)
            except Exception:
                fullname = ""
            self._local = (places.local_file(fullname) if fullname else None,)
        return self._local[0]

    def warnings(self) -> list[str]:
        return []

    # ---------------------------------------------------------------- feedback
    def status(self, text: str | None, *values: object) -> None:
        """Show ``text`` in Excel's status bar (None gives it back to Excel), typeset as
        every message (:meth:`alert`)."""
        if not self._status_supported:
            return
        try:
            self.book.app.status_bar = french.message(text, *values) if text else False
        except NotImplementedError:  # e.g. the remote engine has no status bar
            self._status_supported = False

    def alert(self, message: str, *values: object, title: str = TITLE) -> None:
        """Show ``message`` in a message box, in Québec typography as the command prints
        it (:func:`classeur.text.french.message`): what it quotes in « » and the
        ``values`` filling its ``{}`` (a book's name, a path, what a teacher typed) are
        shown as they are."""
        self.book.app.alert(french.message(message, *values), title)

    def ask(self, question: str, *values: object) -> str | None:
        """Ask ``question`` (typeset as :meth:`alert`'s message) in a message box with Oui,
        Non and Annuler: the button clicked (``dialogs.YES``, ``NO`` or ``CANCEL``), None
        when no answer came back."""
        clicked = dialogs.ask_yes_no_cancel(self.book.app, french.message(question, *values), TITLE)
        return self._answer if self._answer is not None else clicked

    def choose_files(self, title: str) -> list[Path]:
        """Ask the teacher for .xlsx files (Excel's own dialog on Windows); [] if cancelled."""
        if self._files is not None:
            return list(self._files)
        try:
            api = self.book.app.api
            chosen = api.GetOpenFilename(
                FileFilter="Classeurs Excel (*.xlsx),*.xlsx", Title=title, MultiSelect=True
            )
        except Exception:
            return dialogs.choose_files_with_tk(title)
        if chosen is False or chosen is None:
            return []
        return [Path(p) for p in (chosen if isinstance(chosen, list | tuple) else [chosen])]

    # ---------------------------------------------------------------- writing
    def apply(self, update: Update, model: Classeur) -> list[str]:
        """Write ``update`` into the book, all or nothing: every precondition is checked
        before the first write. Returns French lines for the teacher."""
        tables = self.raw_tables()
        table_sheets = {
            name: getattr(tables.get(name), "sheet", None)
            for name in [*update.tables, *update.columns]
        }
        params = tables.get(structure.PARAMETRES.name)
        # The settings written include the Grille's memory of students: checked too.
        settings = roster.settings_to_write(model, update.settings, update.tables)
        preflight.check_update(
            self.book,
            dataclasses.replace(update, settings=settings),
            table_sheets,
            params.sheet if params is not None else None,
        )
        notes: list[str] = []
        shown = self.active_sheet_name()
        with sheet_writer.screen_frozen(self.book.app):
            for table_name, headers in update.columns.items():
                self.add_columns(table_name, headers)
            self._write_cells(update)
            for i, doc in enumerate(update.sheets, start=1):
                self.status(
                    "Classeur : écriture de la feuille {} ({}/{})…", doc.name, i, len(update.sheets)
                )
                notes += self.write_sheet(doc)
            for name, rows in update.tables.items():
                self.status("Classeur : mise à jour du tableau {}…", name)
                self.refill_table(structure.table_spec(name, model.learning_codes), rows)
            if settings:
                self.set_settings(settings)
            self._show(shown)
        lines = list(update.messages) + notes
        if update.files:
            folder = self.write_files(update.files)
            lines.append(f"Fichiers enregistrés dans : « {folder} »")
        return lines

    def add_columns(self, table_name: str, headers: list[str]) -> None:
        raw = self.raw_tables().get(table_name)
        if raw is not None:
            sheet_writer.add_columns(self._table_objects[table_name], raw, headers)
            self.changes.append(f"la feuille « {raw.sheet} »")

    def _write_cells(self, update: Update) -> None:
        """The cells given a new value of their own (dates typed as text written back as
        real dates), the rest of each cell kept."""
        for write in update.cells:
            self.changes.append(f"la feuille « {write.sheet} »")
            cell = self.book.sheets[write.sheet].range((write.row, write.column))
            cell.value = to_excel(write.value)
            if write.number_format is not None:
                cell.number_format = write.number_format
        if update.cells or update.columns:
            self._tables = None  # read again: the cells changed kind, or the columns

    def _show(self, name: str | None) -> None:
        """Show sheet ``name`` again if writing switched to another (frozen panes)."""
        if name is not None and self.active_sheet_name() != name:
            with contextlib.suppress(Exception):
                self.book.sheets[name].activate()

    def write_sheet(self, doc: SheetDoc) -> list[str]:
        self.changes.append(f"la feuille « {doc.name} »")
        notes = sheet_writer.write_sheet(self.book, doc)
        self._sheets.pop(doc.name, None)
        return notes

    def refill_table(self, spec: structure.TableSpec, rows: list[tuple[Any, ...]]) -> None:
        """Bring ``rows`` (its input columns, in spec order) into table ``spec.name``, each
        row by identity, with the same plan as the file adapter (``domain.rowplan``):
        existing rows updated in place, new ones below (the table extended). Rows never
        move; columns a team added are left untouched. One write per block of consecutive
        written rows and run of Classeur's columns.
        """
        raw = self.raw_tables().get(spec.name)
        if raw is None:
            raise ClasseurError(
                f"Le tableau « {spec.name} » est introuvable.",
                hint="Vérifiez le classeur avec le bouton « Vérifier ».",
            )
        table = self._table_objects[spec.name]
        sheet = table.range.sheet
        first_col = table.range.column
        plan = rowplan.plan_rows(spec, raw, rows)
        positions = cellvalues.header_positions(raw.headers)
        formulas = {
            positions[cellvalues.label_key(c.header)]: c.formula
            for c in spec.columns
            if c.formula and cellvalues.label_key(c.header) in positions
        }
        position = {j: k for k, j in enumerate(plan.columns)}
        written = plan.written()

        def value(i: int, j: int) -> Any:
            return formulas[j] if j in formulas else to_excel(written[i][position[j]])

        self.changes.append(f"le tableau « {spec.name} »")
        if plan.n_rows > len(raw.rows):
            last = (raw.header_row + plan.n_rows, first_col + len(raw.headers) - 1)
            table.resize(sheet.range((raw.header_row, first_col), last))
        ours = sorted({*plan.columns, *formulas})
        for r0, r1 in sheet_writer.runs(list(written)):
            for c0, c1 in sheet_writer.runs(ours):
                block = [[value(i, j) for j in range(c0, c1 + 1)] for i in range(r0, r1 + 1)]
                sheet.range((raw.header_row + 1 + r0, first_col + c0)).value = block
        # Keep the cached copy in step with the book (no second read).
        raw.rows.extend([None] * len(raw.headers) for _ in range(plan.n_rows - len(raw.rows)))
        for i, values in written.items():
            for j in ours:
                raw.rows[i][j] = formulas.get(j) if j in formulas else values[position[j]]

    def set_settings(self, values: dict[str, str]) -> None:
        raw = self.raw_tables().get(structure.PARAMETRES.name)
        if raw is None:
            raise ClasseurError(
                f"Le tableau « {structure.PARAMETRES.name} » est introuvable.",
                hint="Vérifiez le classeur avec le bouton « Vérifier ».",
            )
        positions = cellvalues.header_positions(raw.headers)
        idx = [positions[cellvalues.label_key(c.header)] for c in structure.PARAMETRES.columns]
        existing = [tuple(row[i] for i in idx) for row in raw.rows if row[idx[0]] not in (None, "")]
        keys = {k for k, _, _ in existing}
        updated = [(k, values.get(k, v), d) for k, v, d in existing]
        updated += [(k, v, "") for k, v in values.items() if k not in keys]
        self.refill_table(structure.PARAMETRES, updated)

    def side_folder(self) -> Path:
        """Where side files go: beside the book's local file (as the command puts them),
        else Documents/Classeur/<book name>/ (:mod:`classeur.excel.places`)."""
        local = self.local_path()
        if local is not None:
            return local.parent
        return places.side_folder(None, self.name, places.documents_folder())

    def side_file(self, name: str) -> Path:
        """Where side file ``name`` goes (named as the CLI names it)."""
        stem = Path(self.name).stem
        return self.side_folder() / outputs.side_file_name(stem, Path(name).name)

    def write_files(self, files: dict[str, str]) -> Path:
        from classeur.files.safewrite import write_text_atomic

        folder = self.side_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name, text in files.items():  # atomically, as the command writes them
                write_text_atomic(self.side_file(name), text, newline="\n", backup=False)
                self.files_written.append(self.side_file(name).name)
        except OSError as exc:
            raise ClasseurError(
                f"Impossible d'écrire dans le dossier « {folder} ».",
                hint="Vérifiez qu'il existe et que vous pouvez y enregistrer des fichiers.",
            ) from exc
        return folder
