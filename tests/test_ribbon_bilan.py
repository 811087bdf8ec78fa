"""« Bilan de l'année » clicked again and again, on xlwings' remote engine, a book whose
formula cells carry what LibreOffice computed (as Excel hands a sheet over when formulas
cannot be read): the Bilan's own formulas (« Présent » from a rencontre tab, ☑/☐,
« Respecté », « Atteint »…) are never taken for text a teacher typed, and each click
writes what the command writes. Text a teacher did type is still never lost silently."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from classeur.domain import demo
from classeur.excel import ribbon
from classeur.files import libreoffice
from classeur.layout import bilan_sheet, structure, vocabulary
from classeur.text import french
from tests import remote
from tests.conftest import BuiltDemo, needs_libreoffice
from tests.test_ribbon import _grid
from tests.test_ribbon_writes import _cli_run, alerts, writes_on

pytestmark = [needs_libreoffice, pytest.mark.libreoffice]


def _computed(path: Path, folder: Path) -> Path:
    (out,) = libreoffice.convert_all([path], "xlsx", folder)
    return out


def _click(path: Path, values: Path) -> tuple[str, Any]:
    xl = remote.book(path, values_from=values, name=f"https://exemple.invalid/{path.name}")
    assert ribbon.button_pressed("bilan", xl, today=demo.DEMO_TODAY) is not None
    (message,) = alerts(xl)
    return message, xl


def _bilan_values(values: Path) -> list[list[Any]]:
    ws = load_workbook(values, data_only=True)[structure.SHEET_BILAN]
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.mark.parametrize("modele", vocabulary.MODELES)
def test_bilan_clicked_twice_writes_what_the_command_writes(
    modele: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_demo: BuiltDemo
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    start = built_demo(tmp_path / "demo-0.xlsx", modele)  # its Bilan already built
    shown = {v for row in _bilan_values(_computed(start, tmp_path / "v0")) for v in row}
    # The computed values that a sheet read without its formulas shows.
    assert {vocabulary.PRESENT, vocabulary.CHECKED} <= shown
    assert {bilan_sheet.ATTEINT, bilan_sheet.NON_ATTEINT} & shown
    if modele == vocabulary.MODELE_RESEAU:
        assert bilan_sheet.BILAN_OK in shown
    path = start
    for n in (1, 2):
        expected = _cli_run(path, tmp_path / f"demo-{n}.xlsx", "bilan")
        message, xl = _click(path, _computed(path, tmp_path / f"v{n}"))
        said = [french.typeset(line) for line in expected.messages]  # as the command says
        assert message.split("\n")[: len(expected.messages)] == said, (n, message)
        (doc,) = expected.sheets
        (write,) = writes_on(xl, doc.name)
        assert write["values"] == _grid(doc), n
        path = tmp_path / f"demo-{n}.xlsx"


def test_notes_typed_on_a_book_read_without_formulas_are_kept_where_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_demo: BuiltDemo
) -> None:
    """Beside the attendance table and below the sheet, a note typed on the Bilan comes
    back at its cell (sheets.notes: a free cell is a note, whatever the engine can read),
    though the engine gives no formulas to tell the computed words from typed ones."""
    monkeypatch.setenv("HOME", str(tmp_path))
    start = built_demo(tmp_path / "demo.xlsx", vocabulary.MODELE_RESEAU)
    rows = _bilan_values(_computed(start, tmp_path / "v0"))
    header = next(i for i, r in enumerate(rows) if r[0] == bilan_sheet.BILAN_MEMBER_HEADER)
    width = max(j for j, v in enumerate(rows[header]) if v) + 1
    for row, col in ((header + 2, width + 2), (len(rows) + 3, 2)):
        typed = tmp_path / f"note-{row}.xlsx"
        shutil.copy(start, typed)
        wb = load_workbook(typed)
        wb[structure.SHEET_BILAN].cell(row=row, column=col, value="Note à garder")
        wb.save(typed)
        message, xl = _click(typed, _computed(typed, tmp_path / f"v{row}"))
        assert "Rien n’a été modifié." not in message, message
        (write,) = writes_on(xl, structure.SHEET_BILAN)
        assert write["values"][row - 1][col - 1] == "Note à garder", (row, col)


# --------------------------------------------------------------------------------------
# Desktop Excel reads formulas as formulas: then nothing is guessed
# --------------------------------------------------------------------------------------
class _Formulas:
    """What desktop Excel adds to a range of the remote engine: ``Range.Formula`` (the
    formula of a formula cell, else the value as text), answered from the file Excel
    would have opened. Everything else is the remote engine's."""

    def __init__(self, rng: Any, ws: Any) -> None:
        self._rng, self._ws = rng, ws

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rng, name)

    def __setattr__(self, name: str, value: Any) -> None:  # writes: the remote engine's
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:
            setattr(self._rng, name, value)

    def options(self, **kwargs: Any) -> _Formulas:
        return _Formulas(self._rng.options(**kwargs), self._ws)

    @property
    def formula(self) -> list[list[str]]:
        r0, c0 = self._rng.row, self._rng.column
        rows, cols = self._rng.shape
        return [
            [
                "" if v is None else str(v)
                for v in (self._ws.cell(r, c).value for c in range(c0, c0 + cols))
            ]
            for r in range(r0, r0 + rows)
        ]


class _Sheet:
    def __init__(self, sheet: Any, ws: Any) -> None:
        self._sheet, self._ws = sheet, ws

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sheet, name)

    def range(self, *args: Any) -> _Formulas:
        return _Formulas(self._sheet.range(*args), self._ws)


class _Sheets:
    def __init__(self, sheets: Any, wb: Any) -> None:
        self._sheets, self._wb = sheets, wb

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sheets, name)

    def __iter__(self) -> Any:
        return iter(self._sheets)

    def __len__(self) -> int:
        return len(self._sheets)

    def __getitem__(self, key: Any) -> Any:
        sheet = self._sheets[key]
        return _Sheet(sheet, self._wb[sheet.name]) if sheet.name in self._wb else sheet


class _DesktopBook:
    def __init__(self, xl: Any, path: Path) -> None:
        self._xl, self._wb = xl, load_workbook(path)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._xl, name)

    @property
    def sheets(self) -> _Sheets:
        return _Sheets(self._xl.sheets, self._wb)


def test_with_formulas_read_typed_text_over_a_formula_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_demo: BuiltDemo
) -> None:
    """Read as desktop Excel reads it (formulas as formulas), the Bilan is rebuilt again
    and again; text a teacher typed over one of its formulas is refused, not guessed."""
    monkeypatch.setenv("HOME", str(tmp_path))
    path = built_demo(tmp_path / "demo.xlsx", vocabulary.MODELE_RESEAU)
    for n in (1, 2):
        expected = _cli_run(path, tmp_path / f"demo-{n}.xlsx", "bilan")
        xl = remote.book(path, values_from=_computed(path, tmp_path / f"v{n}"), name="b.xlsx")
        assert ribbon.button_pressed("bilan", _DesktopBook(xl, path), today=demo.DEMO_TODAY)
        (message,) = alerts(xl)
        said = [french.typeset(line) for line in expected.messages]  # as the command says
        assert message.split("\n")[: len(expected.messages)] == said, (n, message)
        (doc,) = expected.sheets
        (write,) = writes_on(xl, doc.name)
        assert write["values"] == _grid(doc), n
        path = tmp_path / f"demo-{n}.xlsx"
    wb = load_workbook(path)
    ws = wb[structure.SHEET_BILAN]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(rows) if r[0] == bilan_sheet.BILAN_MEMBER_HEADER) + 3
    assert str(ws.cell(row=at, column=3).value).startswith("=")
    ws.cell(row=at, column=3, value="Présente en après-midi")
    wb.save(path)
    xl = remote.book(path, values_from=_computed(path, tmp_path / "v3"), name="b.xlsx")
    ribbon.button_pressed("bilan", _DesktopBook(xl, path), today=demo.DEMO_TODAY)
    (message,) = alerts(xl)
    assert "«\u00a0Présente en après-midi\u00a0»" in message
    assert f"ligne {at}, colonne «\u00a0C\u00a0»" in message
    assert not writes_on(xl, structure.SHEET_BILAN)
