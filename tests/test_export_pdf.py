"""The PDF of an export: the designed document rendered in Python (fpdf2), the same from
the command and from the ribbon, with embedded fonts and French metadata; read back
before anything is written."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from classeur.domain import demo
from classeur.errors import ClasseurError
from classeur.files import xlsx_new
from classeur.files.export import pdf as pdf_export
from classeur.files.export import pseudonyms, scan
from classeur.layout import outputs
from classeur.text import french
from classeur.text.documents.model import Document, RichText, Span, Table, para
from tests import exporting
from tests.pdflinks import pdf_links


def test_the_pdf_has_french_metadata_and_embedded_fonts(tmp_path: Path) -> None:
    c = demo.demo()
    # a title as a team may type it (ordinary space, straight apostrophe)
    c.settings.titre = "Histoire 4e secondaire : préparer l'épreuve ministérielle"
    path = xlsx_new.write_classeur(c, tmp_path / "equipe.xlsx")
    result = exporting.export(
        path, outputs.DOC_ODJ, 2, ["pdf"], outdir=tmp_path, today=demo.DEMO_TODAY
    )
    (made,) = result.files
    reader = PdfReader(made)
    assert reader.trailer["/Root"]["/Lang"] == "fr-CA"
    meta = reader.metadata
    assert meta is not None
    assert meta.title is not None and meta.title.startswith("Ordre du jour – Rencontre 2")
    # the team, as the document names it (Québec typography: « : » and ’ set by rule)
    assert meta.author == french.typography(c.settings.titre) != c.settings.titre
    assert "openpyxl" not in str(dict(meta)) and "python" not in str(dict(meta)).lower()
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(made)], capture_output=True, text=True).stdout
        rows = [line.split() for line in fonts.splitlines()[2:]]
        assert rows and all(r[-5] == "yes" for r in rows), fonts  # every font embedded
        assert any("Carlito" in r[0] for r in rows)


def test_characters_outside_carlito_are_drawn_from_the_fallback_font(tmp_path: Path) -> None:
    """☑, ☐ and the non-breaking space are not in Carlito: DejaVu Sans draws them, and
    the text around them stays readable (not garbled)."""
    doc = Document("Présences", "Équipe", ("Rencontre 1",), "Équipe – Rencontre 1")
    doc.add(para("Heure\u00a0: 8\u00a0h\u00a045 « ☑ »"))
    doc.add(Table(("☑", "Membre"), (("☐", "Andrée-Anne Despard"),), (1, 5)))
    made = pdf_export.write_pdf(doc, tmp_path / "p.pdf")
    text = "\n".join(t for _, t in scan._pdf_text(made.read_bytes()))
    for expected in ("Heure\u00a0: 8\u00a0h\u00a045 « ☑ »", "☐", "Andrée-Anne Despard"):
        assert " ".join(expected.split()) in " ".join(text.split())


def test_a_name_left_in_a_pdf_is_caught_without_pdftotext(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a teacher's Windows computer pdftotext is absent: pypdf reads the PDF alone."""
    c = demo.demo()
    name = sorted(e.eleve for e in c.grid)[0]
    path = xlsx_new.write_classeur(c, tmp_path / "equipe.xlsx")
    real_which = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda cmd, *a, **k: None if cmd == "pdftotext" else real_which(cmd)
    )
    doc = Document("Grille", c.settings.titre)
    doc.add(para(f"Élève : {name}"))
    made = pdf_export.write_pdf(doc, tmp_path / "rendu" / "fuite.pdf")
    pz = pseudonyms.pseudonymizer(path, c)
    with pytest.raises(ClasseurError, match="contenait encore"):
        scan.check_pseudonymised(made, pz)
    text = "\n".join(t for _, t in scan._pdf_text(made.read_bytes()))
    assert name in pz.found(text)  # read by pypdf alone


def test_an_unreadable_pdf_is_refused() -> None:
    with pytest.raises(ClasseurError, match="n'a pas pu être relu"):
        scan._pdf_text(b"%PDF-1.7\n garbage without any object")


# fpdf2's markdown signs (bold, italics, strike, underline, its escape, its link syntax),
# line breaks, letters: what a teacher's notes around a link may hold.
_TYPED = st.text(st.sampled_from("ab é*_~-\\[]()\n"), max_size=12)
_LINKED = st.text(st.sampled_from("ab*_~-\\[]()é"), min_size=1, max_size=10)


@settings(max_examples=30)
@given(st.lists(st.tuples(_TYPED, _LINKED), min_size=1, max_size=3), _TYPED)
def test_a_cell_with_links_is_drawn_as_typed(parts: list[tuple[str, str]], tail: str) -> None:
    """A table cell that holds links is drawn through fpdf2's markdown: whatever a
    teacher typed around and in the links is drawn as typed (no sign read as bold,
    underline or a link), and each link lies over its own words."""
    spans: list[Span] = []
    for i, (before, words) in enumerate(parts):
        target = f"https://example.org/{i}"
        spans += [Span(f"{before} "), Span(words, link=target), Span(" ")]
    spans.append(Span(tail))
    cell = RichText(tuple(spans))
    doc = Document("Liens", "Équipe")
    doc.add(Table(("Notes",), ((cell,),), (1,)))
    with tempfile.TemporaryDirectory() as tmp:
        made = pdf_export.write_pdf(doc, Path(tmp) / "liens.pdf")
        drawn = subprocess.run(
            ["pdftotext", "-raw", str(made), "-"], capture_output=True, text=True, check=True
        ).stdout
        links = pdf_links(made)
    assert " ".join(cell.text.split()) in " ".join(drawn.split())
    assert links == [(words, f"https://example.org/{i}") for i, (_, words) in enumerate(parts)]


def test_text_that_looks_like_fpdf2_page_count_is_drawn_as_typed(tmp_path: Path) -> None:
    """fpdf2 writes the page count wherever its alias appears (« {nb} » by default): text
    a teacher typed is never read as that alias; the footer still counts the pages."""
    doc = Document("Ordre du jour", "Équipe")
    typed = "Apporter {nb} copies et \x05 la grille"
    doc.add(para(typed), Table(("Notes",), (("Voir {nb}",),), (1,)))
    made = pdf_export.write_pdf(doc, tmp_path / "nb.pdf")
    drawn = subprocess.run(
        ["pdftotext", "-layout", str(made), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(drawn.split())
    assert "Apporter {nb} copies et la grille" in words
    assert "Voir {nb}" in words
    assert "Page 1 de 1" in drawn


@pytest.mark.parametrize("paragraphs", [3, 160])
def test_the_footer_counts_the_pages_centred_whatever_their_number(
    tmp_path: Path, paragraphs: int
) -> None:
    """« Page 3 de 12 »: fpdf2 centres the footer on room kept for the count before it is
    known; a document of ten pages or more gets room for two digits, so its footer is
    centred like a short one's (and fpdf2 has no warning, in English, to print)."""
    import warnings
    import xml.etree.ElementTree as ET

    doc = Document("Bilan", "Équipe")
    doc.add(*(para(f"Paragraphe {i} : " + "une phrase de bilan " * 30) for i in range(paragraphs)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        made = pdf_export.write_pdf(doc, tmp_path / "long.pdf")
    pages = len(PdfReader(made).pages)
    assert (pages >= 10) == (paragraphs > 100)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(made), "-"], capture_output=True, text=True, check=True
    ).stdout
    xhtml = "{http://www.w3.org/1999/xhtml}"
    root = ET.fromstring(boxes)
    for number, page in enumerate(root.iter(f"{xhtml}page"), start=1):
        words = [
            (w.text, float(w.get("xMin")), float(w.get("xMax"))) for w in page.iter(f"{xhtml}word")
        ]
        footer = words[-4:]
        assert [w for w, _, _ in footer] == ["Page", str(number), "de", str(pages)]
        centre = (footer[0][1] + footer[-1][2]) / 2
        assert abs(centre - float(page.get("width")) / 2) < 0.5, (number, footer)


def test_a_word_is_never_cut_by_a_narrow_column(tmp_path: Path) -> None:
    """A column is at least as wide as its longest word: fpdf2 cuts a word wider than its
    column in the middle (« Jean-Franço is »), so a heavy column gives way instead."""
    doc = Document("Équipe", "Équipe")
    name = "Jean-François L’Heureux"
    doc.add(Table(("Membre", "Notes"), ((name, "une note assez longue " * 12),), (1, 40)))
    made = pdf_export.write_pdf(doc, tmp_path / "mots.pdf")
    drawn = subprocess.run(
        ["pdftotext", "-raw", str(made), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = drawn.split()
    assert "Jean-François" in words and "L’Heureux" in words, drawn


def test_columns_keep_their_floors_and_fill_the_width() -> None:
    widths = pdf_export.column_widths((1, 1, 10), 300, [80, 20, 20])
    assert widths[0] == pytest.approx(80) and widths[1] >= 20
    assert sum(widths) == pytest.approx(300)
    # floors wider than the page together: each its share of the page
    assert pdf_export.column_widths((1, 1), 100, [150, 50]) == pytest.approx([75, 25])
