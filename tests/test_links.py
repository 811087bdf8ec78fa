"""Links a teacher makes in a rencontre tab survive: a link inserted with Insertion › Lien
(the cell's hyperlink) and a ``=HYPERLINK(…)`` formula stay what they are in the sheet
after ``compte-rendu``/``ordre-du-jour`` rebuild the tab, and become real links in the
e-mail body (HTML), the Word document and the PDF; text typed with a leading « = » stays
text everywhere."""

from __future__ import annotations

import datetime as dt
import email
import pickle
import subprocess
from email import policy
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from classeur.domain import demo, links
from classeur.excel import ribbon
from classeur.files import filebook, xlsx_new, xlsx_read
from classeur.layout import outputs, rencontre_tab, vocabulary
from classeur.sheets import rencontre
from tests import exporting, remote
from tests.pdflinks import pdf_links

TODAY = dt.date(2026, 11, 1)
DOC_URL = "https://example.org/partage/doc?id=7&v=2"
GRILLE_URL = "https://example.org/grille-commune"
LITERAL = '=HYPERLINK("https://x.invalid","pas un lien")'  # typed as text


def _run(path: Path, command, numero: int = 2):
    return filebook.update_classeur(path, lambda e: command(e.model, e.sheet_values, numero, TODAY))


def _agenda_rows(ws) -> list[int]:
    """Rows of the agenda table whose n° is a number (the items)."""
    return [
        r
        for r in range(1, ws.max_row + 1)
        if isinstance(ws.cell(r, rencontre_tab.RT_COL_NUM).value, int)
    ]


def _linked(tmp_path: Path, modele: str) -> Path:
    """A classeur whose R2 holds, in the notes of three agenda items: a link made with
    Insertion › Lien, a ``=HYPERLINK`` formula, and the same words typed as text."""
    path = xlsx_new.write_classeur(demo.demo(modele), tmp_path / "equipe.xlsx")
    _run(path, rencontre.ordre_du_jour)
    wb = load_workbook(path)
    ws = wb["R2"]
    first, second, third = _agenda_rows(ws)[:3]
    notes = rencontre_tab.RT_COL_NOTES
    ws.cell(first, notes).value = "Document de travail"
    ws.cell(first, notes).hyperlink = DOC_URL  # what Insertion › Lien does
    ws.cell(second, notes).value = f'=HYPERLINK("{GRILLE_URL}","Grille commune")'
    ws.cell(third, notes).value = LITERAL
    ws.cell(third, notes).data_type = "s"  # typed as text (« '= » in Excel)
    wb.save(path)
    return path


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    return _linked(tmp_path, vocabulary.MODELE_CAR)


def _notes_cells(path: Path) -> list:
    ws = load_workbook(path)["R2"]
    return [ws.cell(r, rencontre_tab.RT_COL_NOTES) for r in _agenda_rows(ws)[:3]]


def test_links_stay_links_in_the_sheet_after_rebuilding(linked: Path) -> None:
    _run(linked, rencontre.compte_rendu)
    _run(linked, rencontre.ordre_du_jour)
    _run(linked, rencontre.compte_rendu)
    inserted, formula, text = _notes_cells(linked)
    assert inserted.value == "Document de travail" and inserted.data_type == "s"
    assert inserted.hyperlink is not None and inserted.hyperlink.target == DOC_URL
    assert formula.data_type == "f"
    assert formula.value == f'=HYPERLINK("{GRILLE_URL}","Grille commune")'
    assert text.value == LITERAL and text.data_type == "s" and text.hyperlink is None


def test_links_are_real_links_in_the_html_and_text_documents(linked: Path) -> None:
    _run(linked, rencontre.compte_rendu)
    html = (linked.parent / "equipe-R2-compte-rendu.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/partage/doc?id=7&amp;v=2">Document de travail</a>' in (
        html
    )
    assert f'<a href="{GRILLE_URL}">Grille commune</a>' in html
    assert "=HYPERLINK(&#34;https://x.invalid&#34;,&#34;pas un lien&#34;)" in html
    assert html.count("<a href=") == 2
    text = (linked.parent / "equipe-R2-compte-rendu.txt").read_text(encoding="utf-8")
    assert f"Document de travail ({DOC_URL})" in text
    assert f"Grille commune ({GRILLE_URL})" in text
    assert LITERAL in text


def _docx_links(path: Path) -> dict[str, str]:
    """Text of each hyperlink of a Word file -> its target (read back with python-docx)."""
    doc = Document(str(path))
    rels = {r.rId: r.target_ref for r in doc.part.rels.values() if r.is_external}
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    out = {}
    for link in doc.element.body.iterfind(".//w:hyperlink", ns):
        text = "".join(t.text or "" for t in link.iterfind(".//w:t", ns))
        out[text] = rels[link.get(rid)]
    return out


def _exported(linked: Path, tmp_path: Path, formats: list[str]) -> dict[str, Path]:
    _run(linked, rencontre.compte_rendu)
    out = tmp_path / "envoi"
    out.mkdir()
    result = exporting.export(
        linked, outputs.DOC_RENCONTRE, 2, formats, outdir=out, today=dt.date(2026, 12, 1)
    )
    return {p.suffix: p for p in result.files}


def test_links_are_real_links_in_the_email(linked: Path, tmp_path: Path) -> None:
    made = _exported(linked, tmp_path, ["eml"])
    msg = email.message_from_bytes(made[".eml"].read_bytes(), policy=policy.default)
    body = msg.get_body(("html",)).get_content()
    assert f'<a href="{GRILLE_URL}">Grille commune</a>' in body
    assert "Document de travail</a>" in body


def test_links_are_real_links_in_word_and_pdf(linked: Path, tmp_path: Path) -> None:
    """The CAR compte rendu's table of notes: each link a real link on its own words (a
    Word hyperlink with its relationship; a PDF link annotation over the words), the text
    typed with a leading « = » plain text in both."""
    made = _exported(linked, tmp_path, ["docx", "pdf"])
    expected = {"Document de travail": DOC_URL, "Grille commune": GRILLE_URL}
    assert _docx_links(made[".docx"]) == expected
    words = "\n".join(p.text for t in Document(str(made[".docx"])).tables for p in _paras(t))
    assert LITERAL in words
    assert dict(pdf_links(made[".pdf"])) == expected
    pdf_words = subprocess.run(
        ["pdftotext", "-raw", str(made[".pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert LITERAL in pdf_words


def test_reseau_minutes_links_are_real_links_in_word_and_pdf(tmp_path: Path) -> None:
    """The réseau's compte rendu (annexe 4 du CEE) gathers the notes of several agenda
    items in one cell: each link stays a link there, among the other notes."""
    made = _exported(_linked(tmp_path, vocabulary.MODELE_RESEAU), tmp_path, ["docx", "pdf"])
    for found in (list(_docx_links(made[".docx"]).items()), pdf_links(made[".pdf"])):
        assert sorted(target for _, target in found) == sorted([DOC_URL, GRILLE_URL])
        for text, target in found:
            shown = "Document de travail" if target == DOC_URL else "Grille commune"
            assert text.endswith(shown), (text, target)
    table = Document(str(made[".docx"])).tables[0]
    notes = ["\n".join(p.text for p in row.cells[2].paragraphs) for row in table.rows]
    assert any("Document de travail\nGrille commune" in n for n in notes)  # one cell
    assert any(LITERAL in n for n in notes)


def _paras(table):
    return [p for row in table.rows for cell in row.cells for p in cell.paragraphs]


# --------------------------------------------------------------------------------------
# The reading of a formula
# --------------------------------------------------------------------------------------
def test_hyperlink_formulas_are_read_with_their_target() -> None:
    found = links.from_formula('=HYPERLINK("https://a.example/x";"Voir")')
    assert isinstance(found, links.Link)
    assert (str(found), found.target, found.formula) == (
        "Voir",
        "https://a.example/x",
        '=HYPERLINK("https://a.example/x";"Voir")',
    )
    alone = links.from_formula('=hyperlink("https://a.example/y")')
    assert isinstance(alone, links.Link) and str(alone) == alone.target == "https://a.example/y"
    computed = links.from_formula('=HYPERLINK(A1,"Voir")')
    assert isinstance(computed, links.Formula) and not isinstance(computed, links.Link)
    assert pickle.loads(pickle.dumps(found)).target == found.target


@given(st.text(min_size=1).filter(lambda s: s.strip()), st.text(min_size=1))
def test_a_link_keeps_its_text_and_target(text: str, target: str) -> None:
    link = links.Link(text, target)
    assert link == text and link.target == target
    assert links.keep(link, text.strip()).target == target
    back = pickle.loads(pickle.dumps(link))
    assert (str(back), back.target, back.formula) == (text, target, None)
    assert "<" not in link.anchor().split(">", 1)[1].rsplit("<", 1)[0]


def test_the_reader_marks_formulas_and_links_but_never_text(linked: Path) -> None:
    values = xlsx_read.sheet_values_of(linked)("R2")
    found = [v for row in values for v in row if isinstance(v, str)]
    inserted = next(v for v in found if v == "Document de travail")
    assert isinstance(inserted, links.Link) and inserted.target == DOC_URL
    literal = next(v for v in found if v == LITERAL)
    assert not isinstance(literal, links.Formula | links.Link)


def test_the_open_book_marks_formulas_and_links_but_never_text() -> None:
    """What desktop Excel reports (value, formula) becomes what the file adapter reads:
    a typed formula, a link from ``=HYPERLINK``, and text typed with a leading « = »
    (Excel gives a text constant as its own formula) left as text."""
    marked = links.from_engine
    link = marked("Grille commune", f'=HYPERLINK("{GRILLE_URL}";"Grille")')
    assert isinstance(link, links.Link) and link.target == GRILLE_URL
    assert str(link) == "Grille commune"  # what Excel shows
    total = marked(12, "=SUM(B4:B6)")
    assert isinstance(total, links.Formula) and total == "=SUM(B4:B6)"
    text = marked(LITERAL, LITERAL)
    assert text == LITERAL and not isinstance(text, links.Formula | links.Link)
    assert marked("Bonjour", "Bonjour") == "Bonjour"


class _ExcelLinks:
    """What Excel on Windows answers for a sheet's ``api.Hyperlinks`` (its COM list:
    ``Count``, ``Item(i)`` with ``Address``, ``SubAddress``, ``Range.Row/Column``), built
    from the links the file holds. xlwings' remote engine does not carry links; this
    stand-in is the only part of the click that is not the real engine."""

    def __init__(self, found: list[tuple[int, int, str]]) -> None:
        self._found = found
        self.Count = len(found)

    def Item(self, i: int) -> object:  # Excel's COM name
        row, column, target = self._found[i - 1]
        where = type("Range", (), {"Row": row, "Column": column})()
        return type("Hyperlink", (), {"Address": target, "SubAddress": "", "Range": where})()


class _WindowsSheet:
    def __init__(self, sheet: object, found: list[tuple[int, int, str]]) -> None:
        self._sheet = sheet
        self.api = type("SheetApi", (), {"Hyperlinks": _ExcelLinks(found)})()

    def __getattr__(self, name: str) -> object:
        return getattr(self._sheet, name)


class _WindowsSheets:
    def __init__(self, sheets: object, path: Path) -> None:
        self._sheets = sheets
        wb = load_workbook(path)
        self._links = {
            ws.title: [
                (c.row, c.column, c.hyperlink.target)
                for row in ws.iter_rows()
                for c in row
                if c.hyperlink is not None and c.hyperlink.target
            ]
            for ws in wb.worksheets
        }

    def __getitem__(self, key: object) -> _WindowsSheet:
        sheet = self._sheets[key]  # type: ignore[index]
        return _WindowsSheet(sheet, self._links.get(sheet.name, []))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return (self[s.name] for s in self._sheets)  # type: ignore[attr-defined]

    def __len__(self) -> int:
        return len(self._sheets)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(self._sheets, name)


class _WindowsBook:
    def __init__(self, book: object, path: Path) -> None:
        self._book = book
        self.sheets = _WindowsSheets(book.sheets, path)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._book, name)


def test_the_ribbon_keeps_a_link_made_with_insertion_lien(linked: Path) -> None:
    """« Compte rendu » clicked in Excel rebuilds R2: the note a teacher linked with
    Insertion › Lien gets its link back, on its own cell and words, next to the other
    notes kept as typed."""
    remote_book = remote.book(linked, active="R2", name=str(linked))
    ribbon.button_pressed("compte_rendu", _WindowsBook(remote_book, linked), today=TODAY)
    (message,) = [a["args"][0] for a in remote.actions(remote_book, "alert")]
    assert "compte rendu" in message.lower(), message
    r2 = remote.payload_sheet_names(remote_book).index("R2")
    on_r2 = [a for a in remote.actions(remote_book) if a["sheet_position"] == r2]
    assert on_r2[0]["func"] == "sheetClear"  # the tab was rebuilt, links and all
    (written,) = [a for a in on_r2 if a["func"] == "setValues"]
    first = _agenda_rows(load_workbook(linked)["R2"])[0]
    (link,) = [a for a in on_r2 if a["func"] == "addHyperlink" and a["args"][0] == DOC_URL]
    assert link["args"][1] == "Document de travail"
    assert (link["start_row"] + 1, link["start_column"] + 1) == (first, rencontre_tab.RT_COL_NOTES)
    row = written["values"][first - 1]
    assert row[rencontre_tab.RT_COL_NOTES - 1] == "Document de travail"
    assert LITERAL in [
        v.lstrip("'")
        for v in (r[rencontre_tab.RT_COL_NOTES - 1] for r in written["values"])
        if isinstance(v, str)
    ]
