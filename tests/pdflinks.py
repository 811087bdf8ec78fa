"""The links of a PDF read back: each link annotation's address and the words drawn under
it (pypdf for the annotations, poppler's ``pdftotext -bbox`` for the words' boxes)."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def _words(path: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's words as (x, y of the word's centre from the top, text)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in _PAGE.finditer(out):
        words = [
            ((float(x0) + float(x1)) / 2, (float(y0) + float(y1)) / 2, html.unescape(t))
            for x0, y0, x1, y1, t in _WORD.findall(page.group(3))
        ]
        pages.append(words)
    return pages


def pdf_links(path: Path) -> list[tuple[str, str]]:
    """(words under the link, its address) for every web link of the PDF, in order."""
    words = _words(path)
    found = []
    for n, page in enumerate(PdfReader(path).pages):
        height = float(page.mediabox.height)
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link" or "/A" not in a or "/URI" not in a["/A"]:
                continue
            x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
            top, bottom = height - max(y0, y1), height - min(y0, y1)
            under = [
                t for x, y, t in words[n] if min(x0, x1) <= x <= max(x0, x1) and top <= y <= bottom
            ]
            found.append((" ".join(under), str(a["/A"]["/URI"])))
    return found
