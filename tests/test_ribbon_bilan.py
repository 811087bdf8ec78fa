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

from classeur import features
from classeur.domain import demo
from classeur.excel import ribbon
from classeur.files import libreoffice
from classeur.layout import bilan_sheet, structure, vocabulary
from tests import remote
from tests.conftest import needs_libreoffice
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
    modele: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    start = features.demo(tmp_path / "demo-0.xlsx", modele)  # its Bilan already built
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
        assert message.split("\n")[: len(expected.messages)] == expected.messages, (n, message)
        (doc,) = expected.sheets
        (write,) = writes_on(xl, doc.name)
        assert write["values"] == _grid(doc), n
        path = tmp_path / f"demo-{n}.xlsx"


def test_bilan_refuses_to_lose_typed_text_on_a_book_read_without_formulas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beside the attendance table and in the typed boxes' rows, a note typed on the
    sheet is still refused, though the engine gives no formulas to tell them apart."""
    monkeypatch.setenv("HOME", str(tmp_path))
    start = features.demo(tmp_path / "demo.xlsx", vocabulary.MODELE_RESEAU)
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
        assert "« Note à garder »" in message and f"ligne {row}" in message
        assert "Rien n'a été modifié." in message
        assert not writes_on(xl, structure.SHEET_BILAN)
