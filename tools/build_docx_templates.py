"""Builds the Word template shipped in ``src/classeur/text/templates`` (run, never edit by
hand):

    python tools/build_docx_templates.py

One file, two uses:
- Classeur's own documents (``files.export.word.write_document``) take its page (Letter,
  margins), its styles (Calibri, headings, « Note », tables), its language (fr-CA on every
  style, so Word checks the spelling in French), its header and its footer « Page X de Y »
  (fields Word and LibreOffice update), and replace its body with the document;
- a team may copy it, restyle it in Word and export with its own copy (``--modele-word``):
  its body holds Jinja2 tags for docxtpl (``{{ doc.label }}``, ``{%p for … %}`` around
  paragraphs, ``{%tr for … %}`` around table rows and ``{%tc for … %}`` around cells), with
  the variables of ``files.export.word.docx_context`` (documented in the README).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from classeur.layout import outputs, styling

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "classeur" / "text" / "templates"
LANG = "fr-CA"
NOTE_STYLE = "Note"
ACCENT = "1F4E79"


def _lang_everywhere(d: Any) -> None:
    """fr-CA on the document's defaults and on every style that names a language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = d.styles.element
    for lang in styles.iter(qn("w:lang")):
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), LANG)
    r_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if r_pr.find(qn("w:lang")) is None:
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LANG)
        r_pr.append(lang)
    settings = d.settings.element
    for old in settings.findall(qn("w:themeFontLang")):
        settings.remove(old)
    theme = OxmlElement("w:themeFontLang")
    theme.set(qn("w:val"), LANG)
    settings.append(theme)


def _field(paragraph: Any, instruction: str) -> None:
    """A field (PAGE, NUMPAGES) Word and LibreOffice compute when they show the page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _styles(d: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    normal = d.styles["Normal"]
    normal.font.name = styling.FONT_NAME
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 20), ("Heading 1", 13), ("Heading 2", 11)):
        style = d.styles[name]
        style.font.name = styling.FONT_NAME
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor.from_string(ACCENT)
        style.paragraph_format.keep_with_next = True
    d.styles["Subtitle"].font.name = styling.FONT_NAME
    note = d.styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(9)
    note.font.color.rgb = RGBColor(0x5A, 0x5A, 0x5A)


def _page(d: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches

    section = d.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Inches(8.5), Inches(11)  # Letter
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(0.8))
    section.top_margin = section.bottom_margin = Inches(0.7)
    section.different_first_page_header_footer = False
    header = section.header.paragraphs[0]
    header.text = "{{ doc.classeur_title }} – {{ doc.label }}"
    header.style = d.styles[NOTE_STYLE]
    footer = section.footer.paragraphs[0]
    footer.style = d.styles[NOTE_STYLE]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" de ")
    _field(footer, "NUMPAGES")


def build_document(path: Path) -> Path:
    """The template: page, styles, language, header and footer; a generic body of the
    document's sections (each with its blocks as tables) for teachers' copies."""
    from docx import Document

    d = Document()
    _styles(d)
    _lang_everywhere(d)
    _page(d)
    props = d.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = "{{ doc.label }}"
    props.comments = ""
    props.language = LANG

    d.add_paragraph("{{ doc.classeur_title }}", style="Subtitle")
    d.add_heading("{{ doc.label }}", level=0)
    d.add_paragraph("{%p if doc.annee %}")
    d.add_paragraph("Année scolaire\u00a0: {{ doc.annee }}")
    d.add_paragraph("{%p endif %}")
    d.add_paragraph("{%p for section in doc.sections %}")
    d.add_heading("{{ section.title }}", level=1)
    d.add_paragraph("{%p if section.subtitle %}")
    d.add_paragraph("{{ section.subtitle }}", style=NOTE_STYLE)
    d.add_paragraph("{%p endif %}")
    d.add_paragraph("{%p for block in section.blocks %}")
    # Rows and cells repeat: the « tr » tags repeat the middle row, the « tc » tags its
    # middle cell (docxtpl removes the rows and cells that hold only a tag).
    table = d.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    table.cell(0, 0).text = "{%tr for row in block.rows %}"
    table.cell(1, 0).text = "{%tc for cell in row %}"
    table.cell(1, 1).text = "{{ cell }}"
    table.cell(1, 2).text = "{%tc endfor %}"
    table.cell(2, 0).text = "{%tr endfor %}"
    d.add_paragraph("")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{%p endfor %}")
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def build_all(folder: Path = TEMPLATES) -> list[Path]:
    return [build_document(folder / outputs.DOCX_TEMPLATE)]


if __name__ == "__main__":  # pragma: no cover
    for p in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES):
        print(p)
