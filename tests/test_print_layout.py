"""A rencontre tab printed (LibreOffice, which prints Calibri with Carlito's identical
widths) cuts no text: each cell's text is in the PDF word for word, and no word is drawn
over another (a row too short lets its last lines run under the next row: the words are
still in the PDF, under a clip, so the overlap is what shows the cut)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from openpyxl import load_workbook

from classeur.files import libreoffice
from tests.conftest import needs_libreoffice

ROOT = Path(__file__).resolve().parents[1]
# The tabs with the most text: rencontres held (notes typed) and the longest agendas.
SHEETS = {"classeur-demo.xlsx": ("R1", "R2", "R4"), "reseau-demo.xlsx": ("R1", "R2")}
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def _boxes(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    boxes = []
    for page, text in enumerate(out.split("<page ")[1:]):
        for m in _WORD.finditer(text):
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            boxes.append((page, x0, y0, x1, y1, unescape(m.group(5))))
    return boxes


def overlapping(pdf: Path) -> list[tuple[str, str]]:
    """Pairs of words drawn over each other: their boxes cross by more than half a
    word's height (consecutive lines of one cell touch, they do not cross)."""
    boxes = _boxes(pdf)
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a[0] != b[0] or b[2] > a[4]:
                continue
            height = min(a[4] - a[2], b[4] - b[2])
            wide = min(a[3], b[3]) - max(a[1], b[1]) > 1
            if wide and min(a[4], b[4]) - max(a[2], b[2]) > height / 2:
                found.append((a[5], b[5]))
    return found


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each tab alone in a copy of its demo, printed to PDF by LibreOffice."""
    root = tmp_path_factory.mktemp("impression")
    copies = []
    for name, sheets in SHEETS.items():
        for sheet in sheets:
            wb = load_workbook(ROOT / "workbooks" / name)
            for other in [s for s in wb.sheetnames if s != sheet]:
                del wb[other]
            copy = root / f"{Path(name).stem}-{sheet}.xlsx"
            wb.save(copy)
            copies.append(copy)
    pdfs = libreoffice.convert_all(copies, "pdf", root / "pdf")
    return {c.stem: (c, p) for c, p in zip(copies, pdfs, strict=True)}


@needs_libreoffice
@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler absent")
def test_rencontre_tabs_print_every_cell_whole(printed: dict[str, tuple[Path, Path]]) -> None:
    for stem, (xlsx, pdf) in printed.items():
        raw = subprocess.run(
            ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        text = " ".join(raw.split())
        ws = load_workbook(xlsx).worksheets[0]
        cells = [
            c
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str) and c.value.strip() and not c.value.startswith("=")
        ]
        assert len(cells) > 20, stem
        for c in cells:
            assert " ".join(c.value.split()) in text, (stem, c.coordinate, c.value)
        assert overlapping(pdf) == [], stem
