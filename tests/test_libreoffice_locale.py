"""LibreOffice converts with Québec's regional settings: « 0,5 », never « 0.5 », whatever
the computer's own locale."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import openpyxl
import pytest

from classeur.files import libreoffice
from tests.conftest import needs_libreoffice

pytestmark = [needs_libreoffice, pytest.mark.libreoffice]


def test_numbers_print_with_a_decimal_comma(tmp_path: Path, monkeypatch) -> None:
    for name in ("LC_ALL", "LANG", "LC_NUMERIC", "LANGUAGE"):  # an English computer
        monkeypatch.setitem(os.environ, name, "en_US.UTF-8")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for i, value in enumerate((0.5, 9.5, 2.25), start=1):
        ws.cell(row=i, column=1, value=value)
    wb.save(tmp_path / "jours.xlsx")
    pdf = libreoffice.convert(tmp_path / "jours.xlsx", "pdf", tmp_path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert text == ["0,5", "9,5", "2,25"]
