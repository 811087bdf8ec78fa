"""Excel adapter (xlwings): the open book → model, and a feature's Update → the open book.

The ONLY module that imports xlwings. It adds no logic of its own: it reads every table
with one call per table into :class:`~classeur.domain.tables.RawTable` (the core parses them),
gives features ``sheet_values(name)`` (one call per sheet), and writes an
:class:`~classeur.sheets.sheetdoc.Update` with whole-range writes (one write per sheet, one per
table). Text is always written as text: a value that Excel would turn into a formula
(``= + - @``) is prefixed with an apostrophe, which Excel does not store.

Errors reach the teacher as a French message box, never as a traceback
(:func:`run`). The workbook may live on OneDrive/SharePoint: its ``fullname`` is then a
URL, never used as a local path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import xlwings as xw

from classeur.domain.model import Classeur
from classeur.domain.tables import RawTable, classeur_from_tables
from classeur.errors import ClasseurError, ClasseurProblems, Problem
from classeur.layout import a1, excel_addin, outputs, structure, styling
from classeur.sheets.sheetdoc import Cell, Chart, SheetDoc, Update

TITLE = "Classeur"
MAX_LISTED_PROBLEMS = 12
_FORMULA_STARTS = ("=", "+", "-", "@")


# ======================================================================================
# Values
# ======================================================================================
def as_text(value: str) -> str:
    """Text Excel keeps as text: no formula, even if it starts with = + - @."""
    if value.startswith(_FORMULA_STARTS) or value[:1] in ("\t", "\r", "'"):
        return "'" + value
    return value


def to_excel(value: Any) -> Any:
    """A cell value as xlwings writes it on every engine."""
    if isinstance(value, str):
        return as_text(value)
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    return value


_TIME_ONLY_DATE = dt.date(1899, 12, 30)  # Excel's day 0: a cell holding only a time


def from_excel(value: Any) -> Any:
    """A value read through xlwings, as the file adapter (openpyxl) gives it: whole
    numbers as int, a time-only cell as a time, so features see the same values."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime) and value.date() == _TIME_ONLY_DATE:
        return value.time()
    return value


def _rows(values: Any) -> list[list[Any]]:
    return [[from_excel(v) for v in row] for row in values]


def cell_value(cell: Cell | None) -> Any:
    if cell is None:
        return None
    if cell.formula:
        return cell.value  # a formula Classeur generated
    return to_excel(cell.value)


def local_file(fullname: str) -> Path | None:
    """``fullname`` as a local file; None for a URL (OneDrive/SharePoint) or a new book."""
    if "://" in fullname:
        return None
    path = Path(fullname)
    return path if path.is_absolute() and path.is_file() else None


def side_folder(local: Path | None, book_name: str, home: Path) -> Path:
    """Where side files go: beside a local book, else ~/Documents/Classeur/<book name>."""
    if local is not None:
        return local.parent
    stem = Path(book_name.rsplit("/", 1)[-1]).stem or excel_addin.SIDE_FILES_FOLDER
    return home / excel_addin.SIDE_FILES_DOCUMENTS / excel_addin.SIDE_FILES_FOLDER / stem


# ======================================================================================
# The book
# ======================================================================================
class XlBook:
    """An open Excel book seen through xlwings: reads once, writes whole ranges."""

    def __init__(
        self, book: Any, files: list[Path] | None = None, today: dt.date | None = None
    ) -> None:
        self.book = book
        self._files = files  # answer to choose_files (tests, scripted use)
        self.today = today or dt.date.today()
        self.reads: Counter[str] = Counter()  # table or sheet name -> value reads
        self._tables: dict[str, RawTable] | None = None
        self._table_objects: dict[str, Any] = {}
        self._sheets: dict[str, list[list[Any]] | None] = {}
        self._status_supported = True

    @classmethod
    def caller(cls) -> XlBook:
        return cls(xw.Book.caller())

    # ---------------------------------------------------------------- identity
    @property
    def name(self) -> str:
        """The book's file name (never a path or a URL)."""
        return str(self.book.name).replace("\\", "/").rsplit("/", 1)[-1]

    def local_path(self) -> Path | None:
        """The book's file on this computer; None when it lives on OneDrive/SharePoint."""
        try:
            fullname = str(self.book.fullname)
        except Exception:
            return None
        return local_file(fullname)

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
                    tables[table.name] = RawTable(table.name, sheet.name, rng.row, headers, rows)
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
        """What sheet ``name`` holds now, from A1 (None when it does not exist): one read."""
        if name not in self._sheets:
            if name not in self.sheet_names():
                return None
            sheet = self.book.sheets[name]
            last = sheet.used_range.last_cell
            values = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value
            self.reads[name] += 1
            self._sheets[name] = _rows(values)
        return self._sheets[name]

    # ---------------------------------------------------------------- feedback
    def status(self, text: str | None) -> None:
        """Show ``text`` in Excel's status bar (None gives it back to Excel)."""
        if not self._status_supported:
            return
        try:
            self.book.app.status_bar = text if text else False
        except NotImplementedError:  # e.g. the remote engine has no status bar
            self._status_supported = False

    def alert(self, message: str, title: str = TITLE) -> None:
        self.book.app.alert(message, title)

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
            return _choose_files_tk(title)
        if chosen is False or chosen is None:
            return []
        return [Path(p) for p in (chosen if isinstance(chosen, list | tuple) else [chosen])]

    # ---------------------------------------------------------------- writing
    def apply(self, update: Update, model: Classeur) -> list[str]:
        """Write ``update`` into the book; returns French lines for the teacher."""
        app = self.book.app
        with _screen_frozen(app):
            for i, doc in enumerate(update.sheets, start=1):
                self.status(
                    f"Classeur : écriture de la feuille {doc.name} ({i}/{len(update.sheets)})…"
                )
                self.write_sheet(doc)
            for name, rows in update.tables.items():
                self.status(f"Classeur : mise à jour du tableau {name}…")
                self.refill_table(structure.table_spec(name, model.learning_codes), rows)
            if update.settings:
                self.set_settings(update.settings)
        lines = list(update.messages)
        if update.files:
            folder = self.write_files(update.files)
            lines.append(f"Fichiers enregistrés dans : {folder}")
        return lines

    def write_sheet(self, doc: SheetDoc) -> None:
        names = self.sheet_names()
        if doc.name in names:
            sheet = self.book.sheets[doc.name]
            for chart in list(sheet.charts):
                chart.delete()
            sheet.clear()
        else:
            # Insert after the sheet that precedes ``doc.before`` (else at the end):
            # "after" places the sheet the same way on every engine.
            position = names.index(doc.before) if doc.before in names else len(names)
            if position == 0:
                sheet = self.book.sheets.add(doc.name, before=self.book.sheets[0])
            else:
                sheet = self.book.sheets.add(doc.name, after=self.book.sheets[position - 1])
        self._sheets.pop(doc.name, None)
        width = max((len(r) for r in doc.rows), default=0)
        if doc.rows and width:
            grid = [[cell_value(c) for c in row] + [None] * (width - len(row)) for row in doc.rows]
            sheet.range((1, 1)).value = grid  # the whole sheet in one write
        for (r1, c1, r2, c2), look in _rectangles(doc):
            _apply_look(sheet.range((r1, c1), (r2, c2)), look)
        for r, row in enumerate(doc.rows, start=1):
            for c, cell in enumerate(row, start=1):
                if cell is None:
                    continue
                if cell.merge > 1:
                    sheet.range((r, c), (r, c + cell.merge - 1)).merge()
                if cell.link:
                    sheet.range((r, c)).add_hyperlink(
                        f"#'{cell.link}'!{a1.cell_ref(1, 1)}", str(cell.value)
                    )
        for col, w in doc.widths.items():
            sheet.range((1, col)).column_width = w
        for (first, last), height in _height_runs(doc.heights):
            sheet.range((first, 1), (last, 1)).row_height = height
        existing = {t.name: t for t in sheet.tables}
        for spec in doc.tables:
            if spec.name in existing:
                existing[spec.name].resize(sheet.range(spec.ref))
            else:
                sheet.tables.add(
                    source=sheet.range(spec.ref),
                    name=spec.name,
                    table_style_name=spec.style,
                    has_headers=True,
                )
        for v in doc.validations:
            sheet.range(v.ref).data_validation.set_list(list(v.choices))
        for chart in doc.charts:
            _add_chart(sheet, chart)
        if doc.freeze:
            _freeze(sheet, *doc.freeze)
        if doc.hidden:
            sheet.visible = False

    def refill_table(self, spec: structure.TableSpec, rows: list[tuple[Any, ...]]) -> None:
        """Refill table ``spec.name`` with ``rows`` (its input columns, in spec order).

        Rows keep their position; computed columns get their formula; columns a team
        added to the table are left untouched. One write per run of Classeur's columns
        (one write when they are side by side, as in every table Classeur creates).
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
        headers = [str(h or "").strip() for h in raw.headers]
        inputs = {c.header: i for i, c in enumerate(spec.input_columns)}
        formulas = {c.header: c.formula for c in spec.columns if c.formula}
        n_new = max(len(rows), 1)
        n = max(n_new, len(raw.rows))

        def value(i: int, header: str) -> Any:
            if header in inputs:
                return to_excel(rows[i][inputs[header]]) if i < len(rows) else None
            return formulas[header] if i < n_new else None

        ours = [j for j, h in enumerate(headers) if h in inputs or h in formulas]
        table.resize(
            sheet.range(
                (raw.header_row, first_col), (raw.header_row + n_new, first_col + len(headers) - 1)
            )
        )
        for start, stop in _runs(ours):
            block = [[value(i, headers[j]) for j in range(start, stop + 1)] for i in range(n)]
            sheet.range((raw.header_row + 1, first_col + start)).value = block
        # Keep the cached copy in step with the book (no second read).
        kept = set(ours)
        raw.rows = [
            [
                (rows[i][inputs[h]] if i < len(rows) else None)
                if h in inputs
                else formulas.get(h)
                if j in kept
                else (raw.rows[i][j] if i < len(raw.rows) else None)
                for j, h in enumerate(headers)
            ]
            for i in range(n_new)
        ]

    def set_settings(self, values: dict[str, str]) -> None:
        raw = self.raw_tables().get(structure.PARAMETRES.name)
        if raw is None:
            raise ClasseurError(
                f"Le tableau « {structure.PARAMETRES.name} » est introuvable.",
                hint="Vérifiez le classeur avec le bouton « Vérifier ».",
            )
        headers = [str(h or "").strip() for h in raw.headers]
        idx = [headers.index(c.header) for c in structure.PARAMETRES.columns]
        existing = [tuple(row[i] for i in idx) for row in raw.rows if row[idx[0]] not in (None, "")]
        keys = {k for k, _, _ in existing}
        updated = [(k, values.get(k, v), d) for k, v, d in existing]
        updated += [(k, v, "") for k, v in values.items() if k not in keys]
        self.refill_table(structure.PARAMETRES, updated)

    def saved_copy(self, target: Path) -> Path:
        """The book as a file at ``target``, for features that work on files (export).

        Windows: Excel's SaveCopyAs (unsaved changes included, the book stays as it is).
        Elsewhere: a copy of the book's file, i.e. its last saved version.
        """
        try:
            self.book.api.SaveCopyAs(str(target))
            return target
        except Exception:
            pass
        local = self.local_path()
        if local is None:
            raise ClasseurError(
                "Classeur ne peut pas lire ce classeur comme un fichier : il n'est pas "
                "enregistré sur cet ordinateur.",
                hint="Enregistrez-le (Fichier › Enregistrer une copie) dans un dossier de "
                "l'ordinateur, ouvrez cette copie, puis cliquez de nouveau.",
            )
        shutil.copyfile(local, target)
        return target

    # ---------------------------------------------------------------- PDF
    def has_pdf_export(self) -> bool:
        """Whether this is desktop Excel, which exports PDFs itself (xlwings' remote
        engine, for one, has no PDF export)."""
        try:
            return str(self.book.app.engine.name) == "excel"
        except Exception:
            return False

    def excel_pdf(self, xlsx: Path, folder: Path) -> Path:
        """Excel's own PDF of the file ``xlsx`` (an :data:`classeur.files.export.bundle.PdfMaker`).

        The file is opened read-only in this Excel (screen frozen, alerts off, not added
        to the recent files), exported with its page setup (Letter, fitted to the width,
        as Classeur set it), and closed; the teacher's book is shown again.
        """
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{xlsx.stem}.pdf"
        app = self.book.app
        try:
            with _screen_frozen(app), _alerts_off(app):
                copy = app.books.open(
                    str(xlsx), update_links=False, read_only=True, add_to_mru=False
                )
                try:
                    copy.to_pdf(str(target), show=False)
                finally:
                    copy.close()
                    with contextlib.suppress(Exception):
                        self.book.activate()
        except Exception as exc:  # Excel's own error (COM, AppleScript): said in French
            raise ClasseurError(
                "Excel n'a pas pu produire le PDF.",
                hint="Excel a besoin d'une imprimante installée (même virtuelle, comme "
                "« Microsoft Print to PDF ») pour exporter en PDF; vérifiez-le, puis "
                "cliquez de nouveau.",
            ) from exc
        return target

    def side_folder(self) -> Path:
        """A local folder for side files: beside the book, or ~/Documents/Classeur/<book>."""
        return side_folder(self.local_path(), self.name, Path.home())

    def side_file(self, name: str) -> Path:
        """Where side file ``name`` goes (named as the CLI names it)."""
        stem = Path(self.name).stem
        return self.side_folder() / outputs.side_file_name(stem, Path(name).name)

    def write_files(self, files: dict[str, str]) -> Path:
        folder = self.side_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                self.side_file(name).write_text(text, encoding="utf-8", newline="\n")
        except OSError as exc:
            raise ClasseurError(
                f"Impossible d'écrire dans le dossier « {folder} ».",
                hint="Vérifiez qu'il existe et que vous pouvez y enregistrer des fichiers.",
            ) from exc
        return folder


# ======================================================================================
# Formatting helpers
# ======================================================================================
class _alerts_off:
    """Excel's own prompts (links to update, read-only notices) off for a moment."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.before: Any = None

    def __enter__(self) -> None:
        with contextlib.suppress(Exception):
            self.before = self.app.display_alerts
            self.app.display_alerts = False

    def __exit__(self, *exc: object) -> None:
        if self.before is not None:
            with contextlib.suppress(Exception):
                self.app.display_alerts = self.before


class _screen_frozen:
    """Screen updating off while writing (when the engine supports reading it back)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __enter__(self) -> None:
        with contextlib.suppress(Exception):
            self.app.screen_updating = False

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):
            self.app.screen_updating = True


def _look_of(cell: Cell) -> styling.Look | None:
    base = styling.STYLE_LOOKS.get(cell.style) if cell.style else None
    if base is None and not (cell.number_format or cell.bold or cell.fill):
        return None
    base = base or styling.Look()
    return styling.Look(
        bold=base.bold or cell.bold,
        italic=base.italic,
        size=base.size,
        font_color=base.font_color,
        fill=cell.fill or base.fill,
        number_format=cell.number_format or base.number_format,
        wrap=base.wrap,
    )


def _rectangles(doc: SheetDoc) -> Iterator[tuple[tuple[int, int, int, int], styling.Look]]:
    """Cells of the same look, as rectangles: runs along a row, stacked when identical."""
    runs: list[tuple[int, int, int, styling.Look]] = []  # row, first col, last col, look
    for r, row in enumerate(doc.rows, start=1):
        c = 0
        while c < len(row):
            cell = row[c]
            look = _look_of(cell) if cell is not None else None
            if look is None:
                c += 1
                continue
            end = c
            while end + 1 < len(row):
                nxt = row[end + 1]
                if nxt is None or _look_of(nxt) != look:
                    break
                end += 1
            runs.append((r, c + 1, end + 1, look))
            c = end + 1
    open_rects: dict[tuple[int, int, styling.Look], list[int]] = {}
    done: list[tuple[tuple[int, int, int, int], styling.Look]] = []
    for r, c1, c2, look in runs:
        key = (c1, c2, look)
        rect = open_rects.get(key)
        if rect is not None and rect[1] == r - 1:
            rect[1] = r
        else:
            if rect is not None:
                done.append(((rect[0], c1, rect[1], c2), look))
            open_rects[key] = [r, r]
    for (c1, c2, look), (r1, r2) in open_rects.items():
        done.append(((r1, c1, r2, c2), look))
    yield from sorted(done, key=lambda d: d[0])


def _apply_look(rng: Any, look: styling.Look) -> None:
    default = styling.Look()
    if look.bold:
        rng.font.bold = True
    if look.italic:
        rng.font.italic = True
    if look.size != default.size:
        rng.font.size = look.size
    if look.font_color:
        rng.font.color = f"#{look.font_color}"
    if look.fill:
        rng.color = f"#{look.fill}"
    if look.number_format:
        rng.number_format = look.number_format
    if look.wrap:
        rng.wrap_text = True


def _height_runs(heights: dict[int, float]) -> Iterator[tuple[tuple[int, int], float]]:
    """Consecutive rows of the same height, as (first, last) row ranges."""
    for start, stop in _runs(sorted(heights)):
        first = start
        for r in range(start + 1, stop + 1):
            if heights[r] != heights[first]:
                yield (first, r - 1), heights[first]
                first = r
        yield (first, stop), heights[first]


def _runs(columns: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive runs of column indexes: [0, 1, 2, 5] → (0, 2), (5, 5)."""
    start = prev = None
    for j in columns:
        if start is None:
            start = prev = j
        elif prev is not None and j == prev + 1:
            prev = j
        else:
            yield start, prev  # type: ignore[misc]
            start = prev = j
    if start is not None and prev is not None:
        yield start, prev


def _add_chart(sheet: Any, spec: Chart) -> None:
    # Series drawn over the bars (e.g. the objectif) become one more series here.
    refs = [spec.categories, *(r for pair in spec.series + spec.line_series for r in pair)]
    ranges = [sheet.range(r) for r in refs]
    top = min(r.row for r in ranges)
    left = min(r.column for r in ranges)
    bottom = max(r.row + r.shape[0] - 1 for r in ranges)
    right = max(r.column + r.shape[1] - 1 for r in ranges)
    points_per_cm = 72 / 2.54
    chart = sheet.charts.add(
        width=spec.width_cm * points_per_cm,
        height=spec.height_cm * points_per_cm,
        anchor=sheet.range(spec.anchor),
        chart_type="column_clustered" if spec.kind == "bar" else "line",
    )
    chart.set_source_data(sheet.range((top, left), (bottom, right)))
    with contextlib.suppress(NotImplementedError):
        chart.title = spec.title


def _freeze(sheet: Any, row: int, col: int) -> None:
    if row <= 1 and col <= 1:
        return
    if col <= 1:
        target = f"1:{row - 1}"
    elif row <= 1:
        target = f"{a1.column_letter(1)}:{a1.column_letter(col - 1)}"
    else:
        target = a1.range_ref(1, 1, row - 1, col - 1)
    with contextlib.suppress(NotImplementedError):
        sheet.freeze_panes.freeze_at(target)


# ======================================================================================
# Running an action from a click
# ======================================================================================
def problems_text(problems: list[Problem]) -> str:
    shown = [f"• {p}" for p in problems[:MAX_LISTED_PROBLEMS]]
    if len(problems) > MAX_LISTED_PROBLEMS:
        shown.append(f"… et {len(problems) - MAX_LISTED_PROBLEMS} autre(s) problème(s).")
    return "\n".join(shown)


def error_text(exc: ClasseurError) -> str:
    problems = exc.problems
    if len(problems) > 1:
        return (
            f"Classeur a trouvé {len(problems)} problèmes; rien n'a été modifié.\n\n"
            + problems_text(problems)
        )
    return f"{exc}\n\nRien n'a été modifié."


def _crash_log(exc: BaseException) -> Path | None:
    try:
        fd, name = tempfile.mkstemp(prefix="classeur-erreur-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)))
        return Path(name)
    except OSError:
        return None


def unexpected_text(exc: BaseException) -> str:
    log = _crash_log(exc)
    text = "Erreur inattendue : Classeur n'a pas pu terminer l'opération."
    if log is not None:
        text += (
            f"\n\nLes détails techniques sont dans « {log} »; "
            "joignez ce fichier à votre demande d'aide."
        )
    return text


def _choose_files_tk(title: str) -> list[Path]:
    """A file dialog where Excel offers none to Python (macOS): Tk, shipped with Python."""
    try:
        import tkinter
        from tkinter import filedialog

        root = tkinter.Tk()
    except Exception as exc:  # no Tk, or no screen to show it on
        raise ClasseurError(
            "Classeur ne peut pas ouvrir de fenêtre pour choisir les fichiers.",
            hint="Utilisez la commande « classeur fusionner FICHIER SOURCES… ».",
        ) from exc
    root.withdraw()
    root.attributes("-topmost", True)
    try:
        names = filedialog.askopenfilenames(
            title=title, filetypes=[("Classeurs Excel", "*.xlsx")], parent=root
        )
    finally:
        root.destroy()
    return [Path(n) for n in names]


def run(
    action: Callable[[XlBook], None],
    book: Any = None,
    files: list[Path] | None = None,
    today: dt.date | None = None,
) -> XlBook | None:
    """Run ``action`` on the calling book (or ``book``); errors become a French message box.

    ``files`` (the answer to the file dialog) and ``today``: for tests and scripts.
    """
    try:
        xb = XlBook(book if book is not None else xw.Book.caller(), files, today)
    except Exception as exc:  # no book to talk to: nothing else can be shown
        _last_resort(unexpected_text(exc))
        return None
    try:
        action(xb)
    except ClasseurError as exc:
        xb.alert(error_text(exc))
    except Exception as exc:  # the last line of defence: never a traceback
        xb.alert(unexpected_text(exc))
    finally:
        xb.status(None)
    return xb


def _last_resort(message: str) -> None:
    try:
        app = xw.apps.active
        if app is not None:
            app.alert(message, TITLE)
    except Exception:
        pass
