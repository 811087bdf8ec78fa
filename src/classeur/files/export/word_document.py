"""The Word file of a designed document (``text.documents``), on the shipped template:
its page (Letter), styles (fr-CA), header and footer « Page X de Y » are kept and its
body replaced by the document. The PDF (``files.export.pdf``) renders the same document,
so both carry the same text in the same order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from classeur.layout import outputs
from classeur.text import templates
from classeur.text.documents.model import (
    CHECKED,
    UNCHECKED,
    Bullets,
    Checklist,
    Document,
    Heading,
    Paragraph,
    Span,
    Table,
    spans_of,
)

NOTE_STYLE = "Note"
HEADER_FILL = "DDEBF7"


def write_document(doc: Document, target: Path) -> Path:
    """The .docx of ``doc`` at ``target``."""
    from docx import Document as open_docx

    d = open_docx(str(templates.shipped(outputs.DOCX_TEMPLATE)))
    body = d.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):  # the template's page stays
            body.remove(child)
    section = d.sections[0]
    if doc.landscape:
        from docx.enum.section import WD_ORIENT

        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.header.paragraphs[0].text = doc.header
    d.add_paragraph(doc.title, style="Title")
    for i, line in enumerate(doc.subtitle):
        p = d.add_paragraph()
        p.add_run(line).bold = i == 0
    width = (
        int(section.page_width or 0)
        - int(section.left_margin or 0)
        - int(section.right_margin or 0)
    )
    for block in doc.blocks:
        _block(d, block, width)
    _properties(d, doc)
    target.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(target))
    return target


def _properties(d: Any, doc: Document) -> None:
    """French title, the team as author, fr-CA; nothing of whoever made the template."""
    from classeur.files.export.pdf import doc_title

    props = d.core_properties
    props.title = doc_title(doc)
    props.author = doc.team
    props.last_modified_by = doc.team
    props.subject = doc.title
    props.language = outputs.DOC_LANG
    props.comments = ""
    props.keywords = ""
    props.category = ""


def _block(d: Any, block: Any, width: int) -> None:
    if isinstance(block, Heading):
        d.add_heading(block.text, level=block.level)
    elif isinstance(block, Paragraph):
        p = d.add_paragraph(style=NOTE_STYLE if block.note else None)
        for span in block.spans:
            if span.link:
                _hyperlink(p, span.text, span.link)
            else:
                p.add_run(span.text).bold = span.bold
    elif isinstance(block, Bullets):
        for text in block.items:
            d.add_paragraph(text, style="List Bullet")
    elif isinstance(block, Checklist):
        for on, text in block.items:
            d.add_paragraph(f"{CHECKED if on else UNCHECKED} {text}")
    elif isinstance(block, Table):
        _table(d, block, width)


def _table(d: Any, t: Table, width: int) -> None:
    """Columns as wide as their weights (a narrow N° and time, the text widest), the
    header row repeated on each page, long text wrapped in its cell."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = d.add_table(rows=1 + len(t.rows), cols=len(t.header))
    table.style = "Table Grid"
    table.autofit = False
    from classeur.files.export.pdf import column_widths, table_size

    size = table_size(len(t.header))
    narrowest = (size * 2.5 + 8) * 12700  # points to EMU: as in the PDF
    widths = [int(w) for w in column_widths(t.weights, width, narrowest)]
    for j, w in enumerate(widths):
        table.columns[j].width = w
    for i, cells in enumerate((t.header, *t.rows)):
        row = table.rows[i]
        for j, text in enumerate(cells):
            cell = row.cells[j]
            cell.width = widths[j]
            bold = i == 0 or (j == 0 and t.bold_first_column)
            _cell_text(cell, spans_of(text), bold, size)
            if i == 0:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:fill"), HEADER_FILL)
                cell._tc.get_or_add_tcPr().append(shading)
    header_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    header_pr.append(repeat)
    d.add_paragraph()


def _cell_text(cell: Any, spans: tuple[Span, ...], bold: bool, size: float) -> None:
    """A table cell's spans, a paragraph per line (no space after, as in a sheet's cell),
    a link span as a real link."""
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = 0
    for span in spans:
        for k, line in enumerate(span.text.split("\n")):
            if k:
                p = cell.add_paragraph()
                p.paragraph_format.space_after = 0
            if span.link and line:
                _hyperlink(p, line, span.link, bold=bold or span.bold, size=size)
            elif line or not p.runs:
                run = p.add_run(line)
                run.bold = bold or span.bold
                run.font.size = int(size * 12700)


def _hyperlink(
    paragraph: Any, text: str, url: str, bold: bool = False, size: float | None = None
) -> None:
    """A real link (clickable in Word), styled as one; ``size`` in points."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    if bold:
        r_pr.append(OxmlElement("w:b"))
    # in the schema's order (b, color, sz, u): Word refuses a file that mixes them up
    props = [("w:color", "0563C1")]
    if size is not None:  # half-points, as Word counts a font's size
        props.append(("w:sz", str(round(size * 2))))
    props.append(("w:u", "single"))
    for tag, val in props:
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        r_pr.append(el)
    run.append(r_pr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)
