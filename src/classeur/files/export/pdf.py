"""The PDF of a designed document, rendered in pure Python (fpdf2) with embedded fonts.

Why not the .docx converted by LibreOffice, nor Excel's print of the sheet: a school
computer rarely has LibreOffice, Excel's print depends on its printer driver, and both
give a different PDF on Windows, macOS and Linux. fpdf2 renders the SAME document model as
the Word file (``text.documents``), the same way everywhere, with Carlito (Calibri's
metrics, the Word template's font; SIL OFL) and DejaVu Sans for the characters Carlito
lacks (☑, ☐, the non-breaking space), both shipped with Classeur and embedded as subsets.

The page: Letter, margins and header like the Word template; each page's header says the
team and the document, the footer « Page X de Y ». Metadata: the French title, the team as
author, /Lang fr-CA (a screen reader reads it in French).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from classeur.layout import outputs
from classeur.text.documents.model import (
    CHECKED,
    UNCHECKED,
    Bullets,
    CellText,
    Checklist,
    Document,
    Heading,
    Paragraph,
    Table,
    spans_of,
    text_of,
)

FONT = "Carlito"
FALLBACK = "DejaVu"
MARGIN = 0.8 * 72  # points: the Word template's margins
TOP = 0.7 * 72
BODY_SIZE = 10.5
NOTE_SIZE = 9
TABLE_SIZE = 9.5
TITLE_SIZE = 18
HEADING_SIZES = {1: 13, 2: 11}
LINE = 1.25  # line height, times the font size
GREY = (90, 90, 90)
ACCENT = (31, 78, 121)  # the workbook's title colour
HEADER_FILL = (221, 235, 247)
LINK_COLOR = (5, 99, 193)

# fpdf2 draws a link inside a table cell only through its markdown, whose own link syntax
# « [texte](adresse) » a teacher may well type. The PDF class reads links between control
# characters that no cell can hold (XML, so a workbook or a Word file, has none), and
# every other sign of its markdown is escaped (``markdown_text``).
LINK_OPEN, LINK_MID, LINK_CLOSE = "\x02", "\x03", "\x04"
_CONTROLS = re.compile("[\x02-\x05]")
# where fpdf2 may break a line (never at a non-breaking space)
_WORDS = re.compile(r"[ \t\n]+")
# fpdf2 writes the page count wherever its alias appears, « {nb} » by default: a teacher
# typing « {nb} » would see a number. The alias is made of a control character no cell can
# hold, removed from any text but the footer's. fpdf2 centres the footer on the alias's
# width, one digit per character: the alias has as many characters as the count has digits.
PAGES = "\x05"


def _fonts() -> Path:
    return Path(str(resources.files("classeur.files.export") / "fonts"))


def _pdf_class() -> Any:
    from fpdf import FPDF

    class DocumentPdf(FPDF):
        running_header = ""
        footing = False
        pages_alias = PAGES
        MARKDOWN_LINK_REGEX = re.compile(
            f"^{LINK_OPEN}([^{LINK_OPEN}{LINK_MID}]+){LINK_MID}([^{LINK_CLOSE}]+){LINK_CLOSE}(.*)$",
            re.DOTALL,
        )
        # fpdf2 documents this colour as customisable but types it as None
        MARKDOWN_LINK_COLOR = "#{:02X}{:02X}{:02X}".format(*LINK_COLOR)  # type: ignore[assignment]

        def header(self) -> None:
            if not self.running_header:
                return
            self.set_font(FONT, "", NOTE_SIZE)
            self.set_text_color(*GREY)
            self.cell(0, NOTE_SIZE * LINE, self.running_header, new_x="LMARGIN", new_y="NEXT")
            self.ln(NOTE_SIZE / 2)
            self.set_text_color(0, 0, 0)

        def footer(self) -> None:
            self.set_y(-TOP * 0.8)
            self.set_font(FONT, "", NOTE_SIZE)
            self.set_text_color(*GREY)
            self.footing = True
            footer = f"Page {self.page_no()} de {self.pages_alias}"
            self.cell(0, NOTE_SIZE * LINE, footer, align="C")
            self.footing = False
            self.set_text_color(0, 0, 0)

        def normalize_text(self, text: str) -> str:
            # every text fpdf2 draws passes here: only the footer may hold the alias
            return str(super().normalize_text(text if self.footing else text.replace(PAGES, "")))

    return DocumentPdf


def write_pdf(doc: Document, target: Path) -> Path:
    """The PDF of ``doc`` at ``target``."""
    import logging

    # fontTools logs (in English) what it thinks of the fonts' dates while subsetting:
    # nothing for a teacher to read.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pdf = _laid_out(doc, PAGES)
    if len(str(pdf.page)) > 1:
        # ten pages or more: laid out again with room for every digit of the count (the
        # pages break at the same places, the footer's width does not move them)
        pdf = _laid_out(doc, PAGES * len(str(pdf.page)))
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(target))
    return target


def _laid_out(doc: Document, pages_alias: str) -> Any:
    pdf = _pdf_class()(orientation="L" if doc.landscape else "P", unit="pt", format="letter")
    pdf.pages_alias = pages_alias
    fonts = _fonts()
    pdf.add_font(FONT, "", str(fonts / "Carlito-Regular.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "Carlito-Bold.ttf"))
    pdf.add_font(FALLBACK, "", str(fonts / "DejaVuSans.ttf"))
    pdf.set_fallback_fonts([FALLBACK], exact_match=False)
    pdf.alias_nb_pages(pages_alias)
    pdf.set_margins(MARGIN, TOP, MARGIN)
    pdf.set_auto_page_break(True, margin=TOP)
    pdf.running_header = doc.header
    pdf.set_lang(outputs.DOC_LANG)
    pdf.set_title(doc_title(doc))
    pdf.set_author(doc.team)
    pdf.set_creator("Classeur")
    pdf.set_subject(doc.title)
    pdf.add_page()
    _title(pdf, doc)
    for block in doc.blocks:
        _block(pdf, block)
    return pdf


def doc_title(doc: Document) -> str:
    """« Ordre du jour – Rencontre 4 – Histoire 4e secondaire… »: the file's title."""
    parts = [doc.title, *(s for s in doc.subtitle[:2] if s and s != doc.team)]
    if doc.team:
        parts.append(doc.team)
    return " – ".join(dict.fromkeys(parts))


def _title(pdf: Any, doc: Document) -> None:
    pdf.set_font(FONT, "B", TITLE_SIZE)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, TITLE_SIZE * LINE, doc.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    for i, line in enumerate(doc.subtitle):
        pdf.set_font(FONT, "B" if i == 0 else "", BODY_SIZE + (1 if i == 0 else 0))
        pdf.multi_cell(0, BODY_SIZE * LINE, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(BODY_SIZE * 0.8)


def _block(pdf: Any, block: Any) -> None:
    if isinstance(block, Heading):
        size = HEADING_SIZES.get(block.level, BODY_SIZE)
        # a heading never ends a page: it stays with at least two lines of what follows
        if pdf.will_page_break(size * LINE + 3 * BODY_SIZE * LINE):
            pdf.add_page()
        pdf.ln(size * 0.4)
        pdf.set_font(FONT, "B", size)
        pdf.set_text_color(*ACCENT)
        pdf.multi_cell(0, size * LINE, block.text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    elif isinstance(block, Paragraph):
        _paragraph(pdf, block)
    elif isinstance(block, Bullets):
        _indented(pdf, [("•", t) for t in block.items])
    elif isinstance(block, Checklist):
        _indented(pdf, [(CHECKED if on else UNCHECKED, t) for on, t in block.items])
    elif isinstance(block, Table):
        _table(pdf, block)


def _paragraph(pdf: Any, p: Paragraph) -> None:
    size = NOTE_SIZE if p.note else BODY_SIZE
    if p.note:
        pdf.set_text_color(*GREY)
    for span in p.spans:
        pdf.set_font(FONT, "B" if span.bold else "", size)
        if span.link:
            pdf.set_text_color(*LINK_COLOR)
            pdf.write(size * LINE, span.text, link=span.link)
            pdf.set_text_color(*(GREY if p.note else (0, 0, 0)))
        else:
            pdf.write(size * LINE, span.text)
    pdf.ln(size * LINE)
    pdf.ln(size * 0.3)
    pdf.set_text_color(0, 0, 0)


def _indented(pdf: Any, items: list[tuple[str, str]]) -> None:
    """Bullets or boxes: the mark, then the text with a hanging indent."""
    pdf.set_font(FONT, "", BODY_SIZE)
    indent = BODY_SIZE * 1.6
    for mark, text in items:
        y = pdf.get_y()
        if pdf.will_page_break(BODY_SIZE * LINE):
            pdf.add_page()
            y = pdf.get_y()
        pdf.set_xy(pdf.l_margin + indent * 0.3, y)
        # the mark in the font that has it: fpdf2 loses track of the current font when a
        # cell holds nothing but a fallback font's character (the next text is garbled)
        pdf.set_font(FALLBACK, "", BODY_SIZE)
        pdf.cell(indent * 0.7, BODY_SIZE * LINE, mark)
        pdf.set_font(FONT, "", BODY_SIZE)
        pdf.set_xy(pdf.l_margin + indent, y)
        pdf.multi_cell(0, BODY_SIZE * LINE, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(BODY_SIZE * 0.3)


def column_widths(
    weights: tuple[float, ...], total: float, narrowest: float | Sequence[float]
) -> list[float]:
    """The columns' widths: shared by weight, none narrower than its ``narrowest`` (one
    for all, or one per column: a column must hold its longest word), the whole ``total``
    wide. When the floors together are wider than ``total``, each gets its share of it."""
    n = len(weights)
    floors = [float(narrowest)] * n if isinstance(narrowest, (int, float)) else list(narrowest)
    if sum(floors) > total:
        floors = [f * total / sum(floors) for f in floors]
    fixed: set[int] = set()
    while True:
        rest = [i for i in range(n) if i not in fixed]
        room = total - sum(floors[i] for i in fixed)
        rest_share = sum(weights[i] for i in rest) or 1.0
        widths = [floors[i] if i in fixed else room * weights[i] / rest_share for i in range(n)]
        small = [i for i in rest if widths[i] < floors[i] - 1e-6]
        if not small:
            return widths
        fixed.update(small)


def _word_floors(pdf: Any, t: Table, size: float, pad: float, narrowest: float) -> list[float]:
    """Each column's floor: ``narrowest``, or its longest word (fpdf2 cuts a word wider
    than its column in the middle), bounded to a third of the page (a long address or
    link is cut anyway)."""
    floors = []
    for j, head in enumerate(t.header):
        pdf.set_font(FONT, "B", size)
        widest = max((pdf.get_string_width(w) for w in _WORDS.split(head)), default=0.0)
        pdf.set_font(FONT, "", size)
        for cells in t.rows:
            text = text_of(cells[j]) if j < len(cells) else ""
            widest = max(widest, *(pdf.get_string_width(w) for w in _WORDS.split(text)))
        floors.append(max(narrowest, min(widest + 2 * pad + 1, pdf.epw / 3)))
    return floors


def table_size(columns: int) -> float:
    """A wide table's text is smaller (a sheet of many columns, for the whole classeur)."""
    return TABLE_SIZE if columns <= 8 else max(6.0, TABLE_SIZE - (columns - 8) * 0.5)


def _table(pdf: Any, t: Table) -> None:
    from fpdf.fonts import FontFace

    size = table_size(len(t.header))
    pad = 4 if len(t.header) <= 8 else 1.5
    floors = _word_floors(pdf, t, size, pad, narrowest=size * 2.5 + 2 * pad)
    widths = column_widths(t.weights, pdf.epw, floors)
    pdf.set_font(FONT, "", size)
    bold = FontFace(emphasis="BOLD")
    markdown = t.has_links
    with pdf.table(
        col_widths=tuple(widths),
        markdown=markdown,
        width=pdf.epw,
        text_align="LEFT",
        v_align="TOP",
        line_height=size * LINE,
        padding=(2, pad, 2, pad),
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL),
        repeat_headings=1,
    ) as table:
        head = table.row()
        for text in t.header:
            head.cell(markdown_text(text) if markdown else text)
        for cells in t.rows:
            row = table.row()
            for j, cell in enumerate(cells):
                text = markdown_text(cell) if markdown else text_of(cell)
                row.cell(text, style=bold if (j == 0 and t.bold_first_column) else None)
    pdf.ln(BODY_SIZE * 0.6)


def markdown_text(cell: CellText) -> str:
    """A cell as the PDF class's markdown: its text shown as typed (every sign of fpdf2's
    markdown escaped), each link span a link (one per line)."""
    out: list[str] = []
    spans = spans_of(cell)
    for i, span in enumerate(spans):
        last_span = i == len(spans) - 1
        lines = _CONTROLS.sub("", span.text).split("\n")
        for k, line in enumerate(lines):
            if k:
                out.append("\n")
            at_end = last_span and k == len(lines) - 1
            if span.link and line and not _page_number(span.link):
                label = _escaped(line, at_end=True)
                target = _CONTROLS.sub("", span.link)
                out.append(f"{LINK_OPEN}{label}{LINK_MID}{target}{LINK_CLOSE}")
            else:
                out.append(_escaped(line, at_end=at_end))
    return "".join(out)


def _page_number(target: str) -> bool:
    """fpdf2 takes a link to a number for a page of the document: such a link is text."""
    try:
        int(target)
    except ValueError:
        return False
    return True


_MARKERS = ("**", "__", "~~", "--")  # fpdf2's markdown: bold, italics, strike, underline


def _escaped(text: str, at_end: bool) -> str:
    """``text`` for fpdf2's markdown, drawn as it is. fpdf2 reads a marker after an odd
    run of n backslashes as literal (n // 2 backslashes drawn), a run before anything else
    as (n + 1) // 2 backslashes, and a run ending the whole text as n."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\":
            j = i
            while j < len(text) and text[j] == "\\":
                j += 1
            n = j - i
            if text[j : j + 2] in _MARKERS:
                out.append("\\" * (2 * n + 1) + text[j : j + 2])
                i = j + 2
            else:
                out.append("\\" * (n if j == len(text) and at_end else 2 * n))
                i = j
        elif text[i : i + 2] in _MARKERS:
            out.append("\\" + text[i : i + 2])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)
