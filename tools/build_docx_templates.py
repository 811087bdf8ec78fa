"""Builds the Word templates shipped in ``src/classeur/text/templates`` (run, never edit by
hand):

    python tools/build_docx_templates.py

The templates hold Jinja2 tags for docxtpl: ``{{ doc.label }}``, ``{%p for … %}`` around
paragraphs, ``{%tr for … %}`` around table rows and ``{%tc for … %}`` around cells. A
team may copy one, restyle it in Word and export with its own copy (``--modele-word``):
the same variables are available (see ``files.export.word.docx_context``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from classeur.layout import outputs, styling

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "classeur" / "text" / "templates"


def build_document(path: Path) -> Path:
    """The generic template: a document's sections, each with its blocks as tables."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Inches, Pt

    d = Document()
    section = d.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Inches(8.5), Inches(11)  # Letter
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(0.8))
    section.top_margin = section.bottom_margin = Inches(0.7)
    normal = d.styles["Normal"]
    normal.font.name = styling.FONT_NAME
    normal.font.size = Pt(10.5)
    d.core_properties.author = ""
    d.core_properties.last_modified_by = ""
    d.core_properties.title = "{{ doc.label }}"
    d.core_properties.comments = ""

    d.add_paragraph("{{ doc.classeur_title }}", style="Subtitle")
    d.add_heading("{{ doc.label }}", level=0)
    d.add_paragraph("{%p if doc.annee %}")
    d.add_paragraph("Année scolaire : {{ doc.annee }}")
    d.add_paragraph("{%p endif %}")
    d.add_paragraph("{%p for section in doc.sections %}")
    d.add_heading("{{ section.title }}", level=1)
    d.add_paragraph("{%p if section.subtitle %}")
    d.add_paragraph("{{ section.subtitle }}", style="Quote")
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
