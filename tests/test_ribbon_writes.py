"""What a click writes into the open book, on xlwings' remote engine (the same xlwings
calls as in Excel, without Excel): text reaches Excel as text, every button gives the
command's result on two consecutive clicks of a book whose formula cells carry their
computed values, and a click applies all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from classeur.domain import demo
from classeur.domain.model import Classeur
from classeur.excel import book, ribbon, sheet_writer
from classeur.files import filebook, libreoffice, xlsx_new
from classeur.layout import structure, styling
from classeur.sheets.sheetdoc import Cell, SheetDoc, Update
from classeur.text import french
from tests import remote
from tests.conftest import BuiltDemo, needs_libreoffice
from tests.test_ribbon import CLI_CALLS, FEATURE_ACTIVE, FEATURE_MODELE, _grid

TRICKY = ["1-4", "001", "1/2", "3e", "=A1"]


def _visible(folder: Path) -> list[str]:
    """The files a teacher sees in ``folder`` (not the hidden lock of a click)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def alerts(xl: Any) -> list[str]:
    return [a["args"][0] for a in remote.actions(xl, "alert")]


def writes_on(xl: Any, sheet: str) -> list[dict]:
    position = remote.payload_sheet_names(xl).index(sheet)
    return [a for a in remote.actions(xl, "setValues") if a["sheet_position"] == position]


# --------------------------------------------------------------------------------------
# Text reaches Excel as text
# --------------------------------------------------------------------------------------
def test_text_that_excel_would_convert_arrives_as_text(demo_path: Path, tmp_path: Path) -> None:
    xl = remote.book(demo_path, name=str(demo_path))
    xb = book.XlBook(xl)
    model = xb.model()
    doc = SheetDoc("Essai")
    doc.add(*TRICKY)
    doc.add(
        dt.date(2027, 1, 4),
        4,
        0.5,
        Cell("=COUNTA(tblEquipe[Nom])", formula=True),
        "Présent",
    )
    suivi = [
        (a.numero, a.action, a.responsable, a.echeance, a.statut, a.rencontre, a.notes)
        for a in model.actions
    ]
    suivi.append((len(suivi) + 1, "1-4", "001", dt.date(2027, 1, 12), "À faire", 3, "1/2"))
    update = Update(
        sheets=[doc],
        tables={structure.SUIVI.name: suivi},
        settings={structure.PARAM_ECHELLE: "1-4", structure.PARAM_ANNEE: "2026-2027"},
    )
    xb.apply(update, model)
    (sheet_write,) = writes_on(xl, "Essai")
    assert sheet_write["values"][0] == ["'1-4", "'001", "'1/2", "'3e", "'=A1"]
    # A date, numbers and a formula Classeur generates go as themselves; plain words too.
    assert sheet_write["values"][1] == ["2027-01-04", 4, 0.5, "=COUNTA(tblEquipe[Nom])", "Présent"]
    (table_write,) = writes_on(xl, structure.SHEET_SUIVI)
    assert table_write["values"][-1] == [
        len(suivi),
        "'1-4",
        "'001",
        "2027-01-12",
        "À faire",
        3,
        "'1/2",
    ]
    (settings_write,) = writes_on(xl, structure.SHEET_PARAMETRES)
    settings = {row[0]: row[1] for row in settings_write["values"]}
    assert settings[structure.PARAM_ECHELLE] == "'1-4"
    assert settings[structure.PARAM_ANNEE] == "'2026-2027"


@given(st.text(max_size=40))
def test_the_mark_is_added_exactly_where_excel_could_read_something_else(text: str) -> None:
    written = sheet_writer.as_text(text)
    if written != text:
        assert written == "'" + text  # Excel keeps the rest, as typed
    risky = (
        text[:1] in ("=", "+", "-", "@", "#", "'", "\t", "\r", "\n")
        or any(ch.isdigit() for ch in text)
        or text.strip().casefold() in {"vrai", "faux", "true", "false"}
    )
    assert (written != text) == risky


# --------------------------------------------------------------------------------------
# Two consecutive clicks of every button, formula cells carrying their computed values
# --------------------------------------------------------------------------------------
def _cli_run(source: Path, target: Path, control_id: str) -> Update:
    """The command's run of the button's use case on ``source``, saved as ``target``."""
    with filebook.open_book(source, target) as cli_book:
        applied = remote.record_applied(cli_book)
        CLI_CALLS[control_id](cli_book, FEATURE_ACTIVE.get(control_id))
    (update,) = applied
    return update


@pytest.fixture(scope="module")
def two_clicks(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, list[tuple[Update, Path, Path]]]:
    """For each button: [(the command's Update, the book, its computed values)] for a first
    and a second click; the book clicked the second time is the command's first result."""
    root = tmp_path_factory.mktemp("clicks")
    books: dict[str, list[Path]] = {}
    updates: dict[str, list[Update]] = {}
    for control_id in sorted(CLI_CALLS):
        folder = root / control_id
        folder.mkdir()
        start = xlsx_new.write_classeur(
            demo.demo(FEATURE_MODELE.get(control_id, "car")), folder / f"{control_id}-0.xlsx"
        )
        once, twice = folder / f"{control_id}-1.xlsx", folder / f"{control_id}-2.xlsx"
        updates[control_id] = [_cli_run(start, once, control_id), _cli_run(once, twice, control_id)]
        books[control_id] = [start, once]
    # Every formula cell of both books carries what LibreOffice computes (one run for all).
    sources = [p for pair in books.values() for p in pair]
    computed = libreoffice.convert_all(sources, "xlsx", root / "calcul")
    values = dict(zip(sources, computed, strict=True))
    return {
        control_id: [
            (update, path, values[path])
            for path, update in zip(pair, updates[control_id], strict=True)
        ]
        for control_id, pair in books.items()
    }


def _clicked(control_id: str, path: Path, values: Path) -> Any:
    """The book as xlwings' remote engine receives it, clicked (made just before the click:
    the engine's application object talks to the book opened last)."""
    xl = remote.book(
        path,
        active=FEATURE_ACTIVE.get(control_id),
        values_from=values,
        name=f"https://exemple.invalid/{path.name}",  # no local file: side files elsewhere
    )
    assert ribbon.button_pressed(control_id, xl, today=demo.DEMO_TODAY) is not None
    return xl


@needs_libreoffice
@pytest.mark.parametrize("control_id", sorted(CLI_CALLS))
def test_two_clicks_give_the_commands_results(
    control_id: str,
    two_clicks: dict[str, list[tuple[Update, Path, Path]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    for n, (expected, path, values) in enumerate(two_clicks[control_id], start=1):
        xl = _clicked(control_id, path, values)
        (message,) = alerts(xl)
        said = [french.typeset(line) for line in expected.messages]  # as the command says
        assert message.split("\n")[: len(expected.messages)] == said, (n, message)
        assert not [a for a in remote.actions(xl) if a["func"] in ("save", "runMacro")]
        for doc in expected.sheets:
            (write,) = writes_on(xl, doc.name)
            assert write["values"] == _grid(doc), (n, doc.name)
        for name in expected.tables:
            spec = structure.table_spec(name)
            assert len(writes_on(xl, spec.sheet)) == 1, (n, name)


def _texts(values: list[list[Any]], intended: list[list[Any]]) -> list[str]:
    """The written strings that stand for a TEXT cell and carry no text mark."""
    out = []
    for row, cells in zip(values, intended, strict=False):
        for written, cell in zip(row, cells, strict=False):
            value = cell.value if isinstance(cell, Cell) else cell
            formula = isinstance(cell, Cell) and cell.formula
            if isinstance(value, str) and not formula and written and written[:1] != "'":
                assert written == value
                out.append(written)
    return out


def _spreadsheet_reads(strings: list[str], folder: Path, language: int) -> list[Any]:
    """How a spreadsheet reads each string TYPED into a cell: LibreOffice's input parser
    (CSV import with special numbers detected) in the given language (1033: English,
    3084: French of Canada)."""
    folder.mkdir()
    source = folder / "saisie.csv"
    with source.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows([s] for s in strings)
    exe = libreoffice.soffice()
    assert exe is not None
    import subprocess

    subprocess.run(
        [
            exe,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={libreoffice.profile_url(folder / 'profil')}",
            f"--infilter=CSV:44,34,76,1,,{language},false,true",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    ws = load_workbook(folder / "saisie.xlsx").active
    return [row[0] for row in ws.iter_rows(values_only=True)]


@needs_libreoffice
def test_no_text_reaches_the_book_as_a_number_or_a_date(
    two_clicks: dict[str, list[tuple[Update, Path, Path]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every text a button writes either carries the text mark or is read as that very text
    by a spreadsheet's input parser, in English and in French (where « 1-4 » and
    « mars 2026 » are dates and « VRAI » a boolean)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    unmarked: set[str] = set()
    for control_id, clicks in two_clicks.items():
        for expected, path, values in clicks:
            xl = _clicked(control_id, path, values)
            for doc in expected.sheets:
                for write in writes_on(xl, doc.name):
                    unmarked |= set(_texts(write["values"], doc.rows))
    # Words that look like nothing else, and texts Excel or LibreOffice would convert.
    probes = ["Présent", "mars", "Jan-Mar", "Q", "oct.", "½", "VRAI ", "faux", "#REF!", "Ⅻ"]
    candidates = sorted(unmarked | {p for p in probes if not sheet_writer.needs_text_mark(p)})
    assert len(candidates) > 100  # the buttons wrote many texts
    for language in (1033, 3084):
        read = _spreadsheet_reads(candidates, tmp_path / str(language), language)
        changed = [(s, r) for s, r in zip(candidates, read, strict=True) if r != s]
        assert not changed, (language, changed[:10])
    # The oracle does convert what the mark protects.
    tricky = ["1-4", "001", "1/2", "3e2", "VRAI", "mars 2026"]
    read = _spreadsheet_reads(tricky, tmp_path / "tricky", 3084)
    assert not [s for s, r in zip(tricky, read, strict=True) if r == s]
    assert all(sheet_writer.needs_text_mark(s) for s in tricky)


# --------------------------------------------------------------------------------------
# All or nothing
# --------------------------------------------------------------------------------------
class _Api:
    """What Classeur reads of Excel's own object model (COM), for one object."""

    def __init__(self, **properties: Any) -> None:
        self.__dict__.update(properties)


class ComWindow:
    """Excel's window as COM shows it: each property set is recorded, in order."""

    def __init__(self) -> None:
        object.__setattr__(self, "log", [])
        object.__setattr__(self, "FreezePanes", False)

    def __setattr__(self, name: str, value: Any) -> None:
        self.log.append((name, value))
        object.__setattr__(self, name, value)


class _Property:
    def __init__(self, log: list[tuple[str, Any]], name: str) -> None:
        self.log, self.name, self.value = log, name, False

    def set(self, value: Any) -> None:
        self.log.append((self.name, value))
        self.value = value

    def get(self) -> Any:
        return self.value


class AppleScriptWindow:
    """Excel's window as AppleScript shows it (appscript: ``window.freeze_panes.set(…)``)."""

    def __init__(self) -> None:
        self.log: list[tuple[str, Any]] = []
        for name in ("freeze_panes", "scroll_row", "scroll_column", "split_row", "split_column"):
            setattr(self, name, _Property(self.log, name))


class DesktopExcel:
    """What desktop Excel adds to xlwings' remote engine, for these tests: sheet and
    structure protection read through ``.api``, no ``freeze_panes`` in xlwings (0.37.8's
    Windows and Mac engines raise NotImplementedError), the active window's object, and a
    write that fails for one sheet. Excel cannot run here; everything else is the remote
    engine's real xlwings code."""

    def __init__(
        self,
        xl: Any,
        protected: tuple[str, ...] = (),
        structure_locked: bool = False,
        window: Any = None,
        failing: str | None = None,
    ) -> None:
        self.xl, self.protected, self.structure_locked = xl, protected, structure_locked
        self.window, self.failing = window, failing
        self.activated: list[str] = []


class DesktopSheet:
    def __init__(self, sheet: Any, excel: DesktopExcel) -> None:
        object.__setattr__(self, "_sheet", sheet)
        object.__setattr__(self, "_excel", excel)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sheet, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._sheet, name, value)

    @property
    def api(self) -> _Api:
        return _Api(ProtectContents=self._sheet.name in self._excel.protected)

    @property
    def freeze_panes(self) -> Any:
        raise NotImplementedError

    @property
    def book(self) -> DesktopBook:
        return DesktopBook(self._excel)

    def activate(self) -> None:
        self._excel.activated.append(self._sheet.name)

    def clear(self) -> None:
        if self._sheet.name == self._excel.failing:
            raise OSError(
                "(-2147352567, 'Exception occurred.', (0, None, None, None, 0, -2146827284))"
            )
        self._sheet.clear()


class DesktopSheets:
    def __init__(self, excel: DesktopExcel) -> None:
        self._excel = excel

    def _wrap(self, sheet: Any) -> DesktopSheet:
        return DesktopSheet(sheet, self._excel)

    def __iter__(self) -> Any:
        return (self._wrap(s) for s in self._excel.xl.sheets)

    def __len__(self) -> int:
        return len(self._excel.xl.sheets)

    def __getitem__(self, key: Any) -> DesktopSheet:
        return self._wrap(self._excel.xl.sheets[key])

    @property
    def active(self) -> DesktopSheet:
        return self._wrap(self._excel.xl.sheets.active)

    def add(self, name: str, **where: Any) -> DesktopSheet:
        where = {k: getattr(v, "_sheet", v) for k, v in where.items()}
        return self._wrap(self._excel.xl.sheets.add(name, **where))


class DesktopApp:
    def __init__(self, excel: DesktopExcel) -> None:
        self._excel = excel

    def __getattr__(self, name: str) -> Any:
        return getattr(self._excel.xl.app, name)

    @property
    def api(self) -> Any:
        window = self._excel.window
        if isinstance(window, AppleScriptWindow):
            return _Api(active_window=window)
        return _Api(ActiveWindow=window)


class DesktopBook:
    def __init__(self, excel: DesktopExcel) -> None:
        self._excel = excel

    def __getattr__(self, name: str) -> Any:
        return getattr(self._excel.xl, name)

    @property
    def sheets(self) -> DesktopSheets:
        return DesktopSheets(self._excel)

    @property
    def app(self) -> DesktopApp:
        return DesktopApp(self._excel)

    @property
    def api(self) -> _Api:
        return _Api(ProtectStructure=self._excel.structure_locked)


@pytest.fixture
def compiled(tmp_path: Path, built_demo: BuiltDemo) -> Path:
    """The demo as `classeur demo` writes it: Résultats and Paliers already there."""
    return built_demo(tmp_path / "demo.xlsx", "car")


def test_a_protected_sheet_stops_the_click_before_any_write(compiled: Path) -> None:
    xl = remote.book(compiled, name=str(compiled))
    excel = DesktopExcel(xl, protected=("Paliers",))
    ribbon.button_pressed("compiler", DesktopBook(excel))
    (message,) = alerts(xl)
    assert message == (
        "Feuille «\u00a0Paliers\u00a0»\u00a0: Cette feuille est protégée\u00a0: Classeur ne peut "
        "pas la modifier. Retirez sa protection (Révision › Ôter la protection de la feuille) puis "
        "cliquez de nouveau.\n\nRien n’a été modifié."
    )
    assert [a["func"] for a in remote.actions(xl)] == ["alert"]  # Résultats untouched too


def test_a_protected_settings_sheet_stops_the_click_before_any_write(compiled: Path) -> None:
    """Compiler also writes the hidden settings (the memory of the cells it generates):
    their sheet is checked with the others, before the first write."""
    xl = remote.book(compiled, name=str(compiled))
    settings_sheet = book.XlBook(xl).raw_tables()[structure.PARAMETRES.name].sheet
    ribbon.button_pressed("compiler", DesktopBook(DesktopExcel(xl, protected=(settings_sheet,))))
    (message,) = alerts(xl)
    assert message.startswith(
        f"Feuille «\u00a0{settings_sheet}\u00a0»\u00a0: Cette feuille est protégée"
    )
    assert message.endswith("Rien n’a été modifié.")
    assert [a["func"] for a in remote.actions(xl)] == ["alert"]


def test_a_protected_structure_stops_a_click_that_adds_a_sheet(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo("reseau"), tmp_path / "reseau.xlsx")
    xl = remote.book(path, name=str(path))
    ribbon.button_pressed("fiche", DesktopBook(DesktopExcel(xl, structure_locked=True)))
    (message,) = alerts(xl)
    assert message.startswith(
        "La structure du classeur est protégée\u00a0: Classeur ne peut pas y ajouter la feuille "
        "«\u00a0Fiche de proposition\u00a0»."
    )
    assert message.endswith("Rien n’a été modifié.")
    assert [a["func"] for a in remote.actions(xl)] == ["alert"]


def test_every_protected_sheet_is_listed_at_once(compiled: Path) -> None:
    xl = remote.book(compiled, name=str(compiled))
    ribbon.button_pressed(
        "compiler", DesktopBook(DesktopExcel(xl, protected=("Paliers", "Résultats")))
    )
    (message,) = alerts(xl)
    assert message.startswith("Classeur a trouvé 2 problèmes; rien n’a été modifié.")
    assert "«\u00a0Paliers\u00a0»" in message and "«\u00a0Résultats\u00a0»" in message


def test_an_export_into_a_protected_journal_exports_nothing(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    xl = remote.book(path, active="R1", name=str(path))
    excel = DesktopExcel(xl, protected=(structure.SHEET_JOURNAL,))
    ribbon.button_pressed("exporter", DesktopBook(excel), today=demo.DEMO_TODAY)
    (message,) = alerts(xl)
    journal = structure.SHEET_JOURNAL
    assert message.startswith(f"Feuille «\u00a0{journal}\u00a0»\u00a0: Cette feuille est protégée")
    assert message.endswith("Rien n’a été modifié.")
    assert _visible(tmp_path) == ["equipe.xlsx"]  # no file exported


def test_a_failure_halfway_says_exactly_what_was_written(compiled: Path) -> None:
    xl = remote.book(compiled, name=str(compiled))
    excel = DesktopExcel(xl, failing="Paliers", window=ComWindow())
    ribbon.button_pressed("compiler", DesktopBook(excel))
    (message,) = alerts(xl)
    assert message.startswith("Erreur inattendue\u00a0: Classeur n’a pas pu terminer l’opération.")
    assert message.endswith(
        "Avant de s’arrêter, Classeur avait déjà écrit\u00a0: la feuille «\u00a0Résultats\u00a0», "
        "la feuille «\u00a0Paliers\u00a0». Le classeur n’a pas été enregistré\u00a0: pour revenir "
        "en arrière, fermez-le sans l’enregistrer."
    )
    assert "Rien n’a été modifié" not in message
    Path(message.split("«\u00a0")[1].split("\u00a0»")[0]).unlink()  # the crash log


def test_when_logging_fails_after_the_export_the_files_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    xl = remote.book(path, active="R2", name=str(path))

    def broken(self: Any, update: Update, model: Classeur) -> list[str]:
        raise OSError("(-2147352567, 'Exception occurred.')")

    monkeypatch.setattr(book.XlBook, "apply", broken)  # Excel fails on the journal's write
    ribbon.button_pressed("exporter", xl, today=demo.DEMO_TODAY)
    (message,) = alerts(xl)
    written = [n for n in _visible(tmp_path) if n != "equipe.xlsx"]
    assert written and "Rien n’a été modifié" not in message
    assert message.endswith(
        "Avant de s’arrêter, Classeur avait déjà écrit\u00a0: "
        + ", ".join(f"le fichier «\u00a0{n}\u00a0»" for n in sorted(written, key=_format_order))
        + "."
    )
    Path(message.split("«\u00a0")[1].split("\u00a0»")[0]).unlink()


def _format_order(name: str) -> int:
    order = ["pdf", "docx", "xlsx", "eml"]
    return order.index(name.rsplit(".", 1)[1])


# --------------------------------------------------------------------------------------
# Frozen panes in desktop Excel, never silently missing
# --------------------------------------------------------------------------------------
def _frozen_doc() -> SheetDoc:
    doc = SheetDoc("Volets", freeze=(5, 2))
    doc.add(Cell("Titre", style=styling.STYLE_TITLE))
    return doc


def test_panes_are_frozen_through_com_on_windows(demo_path: Path) -> None:
    xl = remote.book(demo_path, active="R1", name=str(demo_path))
    window = ComWindow()
    excel = DesktopExcel(xl, window=window)
    xb = book.XlBook(DesktopBook(excel))
    lines = xb.apply(Update(sheets=[_frozen_doc()], messages=["Fait."]), xb.model())
    assert lines == ["Fait."]
    assert window.log == [
        ("FreezePanes", False),
        ("ScrollRow", 1),
        ("ScrollColumn", 1),
        ("SplitColumn", 1),
        ("SplitRow", 4),
        ("FreezePanes", True),
    ]
    assert excel.activated == ["Volets", "R1"]  # the teacher's sheet is shown again
    assert not remote.actions(xl, "freezePaneAtRange")


def test_panes_are_frozen_through_applescript_on_a_mac(demo_path: Path) -> None:
    xl = remote.book(demo_path, name=str(demo_path))
    window = AppleScriptWindow()
    xb = book.XlBook(DesktopBook(DesktopExcel(xl, window=window)))
    assert xb.apply(Update(sheets=[_frozen_doc()]), xb.model()) == []
    assert window.log == [
        ("freeze_panes", False),
        ("scroll_row", 1),
        ("scroll_column", 1),
        ("split_column", 1),
        ("split_row", 4),
        ("freeze_panes", True),
    ]


def test_panes_that_cannot_be_frozen_are_said(demo_path: Path) -> None:
    xl = remote.book(demo_path, name=str(demo_path))
    xb = book.XlBook(DesktopBook(DesktopExcel(xl, window=None)))
    lines = xb.apply(Update(sheets=[_frozen_doc()], messages=["Fait."]), xb.model())
    assert lines == [
        "Fait.",
        "Feuille « Volets » : Excel n'a pas pu figer les 4 premières lignes et la première "
        "colonne; faites-le au besoin avec Affichage › Figer les volets.",
    ]


def test_the_remote_engine_freezes_panes_itself(demo_path: Path) -> None:
    xl = remote.book(demo_path, name=str(demo_path))
    xb = book.XlBook(xl)
    assert xb.apply(Update(sheets=[_frozen_doc()]), xb.model()) == []
    (frozen,) = remote.actions(xl, "freezePaneAtRange")
    assert frozen["args"] == ["A1:A4"]


# --------------------------------------------------------------------------------------
# Exporter: the files, then ONE row in the open book's journal
# --------------------------------------------------------------------------------------
class _WatchedCopy(book.XlBook):
    """The open book, noting whether the temporary copy the files are made from changed."""

    copy_changed: bool | None = None

    def exportable(self) -> Any:
        from contextlib import contextmanager

        inner = super().exportable()

        @contextmanager
        def watched() -> Any:
            with inner as path:
                before = path.read_bytes()
                yield path
                self.copy_changed = path.read_bytes() != before

        return watched()


def test_exporter_logs_once_in_the_open_book_never_in_the_copy(tmp_path: Path) -> None:
    from classeur import features

    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    before = path.read_bytes()
    xl = remote.book(path, active="R2", name=str(path))
    xb = _WatchedCopy(xl, today=demo.DEMO_TODAY)
    request = features.ExportRequest("rencontre", 2, ["xlsx"], replace_existing=True)
    done = features.exporter(xb, request, now=dt.datetime(2026, 10, 20, 9, 30))
    assert xb.copy_changed is False  # nothing logged into the copy that is thrown away
    assert done.messages[-1] == f"Envoi inscrit dans la feuille « {structure.SHEET_JOURNAL} »."
    (journal,) = writes_on(xl, structure.SHEET_JOURNAL)
    rows = [r for r in journal["values"][structure.TABLE_HEADER_ROW :] if any(r)]
    assert len(rows) == 1  # one new row, written once
    assert rows[0][:2] == ["2026-10-20 09:30:00", "'Rencontre 2 du mardi 20 octobre 2026"]
    assert path.read_bytes() == before  # the open book changes in Excel, not on disk
