"""Students' names and people of other schools: the grille is pseudonymised by default,
and sending names in clear to several schools raises a question (CLI and ribbon)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from docx import Document as WordDocument

from classeur import features
from classeur.domain import demo, sharing
from classeur.excel import dialogs, ribbon
from classeur.files import xlsx_new
from classeur.layout import outputs, structure
from classeur.text import french, partage
from tests import exporting, remote
from tests.conftest import needs_libreoffice


def _addresses(c) -> list[str]:
    return [m.courriel for m in c.members if m.courriel]


def test_names_sent_to_four_schools_raise_the_question() -> None:
    c = demo.demo()
    schools = {m.etablissement for m in c.members}
    assert len(schools) == 4
    asked = sharing.question(c, outputs.DOC_GRILLE, _addresses(c), pseudonymise=False)
    assert asked is not None
    assert f"{len(c.grid)} élèves" in asked and "4 écoles" in asked
    assert all(s in asked for s in schools)
    assert "--pseudonymiser" in asked
    # pseudonymised, or a document without students' names: nothing to ask
    assert sharing.question(c, outputs.DOC_GRILLE, _addresses(c), pseudonymise=True) is None
    assert sharing.question(c, outputs.DOC_BILAN, _addresses(c), pseudonymise=False) is None


def test_one_school_spelled_three_ways_is_one_school() -> None:
    c = demo.demo()
    spellings = ["École Saint-Jean", "école saint-jean ", "Ecole  Saint-Jean"]
    c.members = [
        dataclasses.replace(m, etablissement=spellings[i % 3]) for i, m in enumerate(c.members)
    ]
    assert sharing.question(c, outputs.DOC_GRILLE, _addresses(c), pseudonymise=False) is None
    # someone who is not a member: outside the school
    outside = sharing.question(
        c, outputs.DOC_GRILLE, [*_addresses(c), "x@ailleurs.ca"], pseudonymise=False
    )
    assert outside is not None and sharing.UNKNOWN in outside


def test_the_question_follows_the_request_before_anything_is_exported() -> None:
    c = demo.demo()
    clear = features.ExportRequest(outputs.DOC_CLASSEUR, None, ["eml"], pseudonymise=False)
    assert features.share_question(c, clear) is not None
    default = features.ExportRequest(outputs.DOC_GRILLE, None, ["eml"])
    assert features.share_question(c, default) is None  # pseudonymised by default


@needs_libreoffice
@pytest.mark.libreoffice
def test_the_grille_is_pseudonymised_unless_asked(tmp_path: Path) -> None:
    c = demo.demo()
    path = tmp_path / "equipe.xlsx"
    xlsx_new.write_classeur(c, path)
    names = sorted({e.eleve for e in c.grid})
    default = exporting.export(path, outputs.DOC_GRILLE, None, ["docx", "eml"])
    docx = next(p for p in default.files if p.suffix == ".docx")
    assert outputs.PSEUDO_FILE_TAG in docx.name
    text = "\n".join(
        cell.text for t in WordDocument(str(docx)).tables for r in t.rows for cell in r.cells
    )
    assert not [n for n in names if n in text]
    assert default.question is None
    clear = exporting.export(
        path, outputs.DOC_GRILLE, None, ["docx", "eml"], pseudonymise=False, replace_existing=True
    )
    docx = next(p for p in clear.files if p.suffix == ".docx")
    assert outputs.PSEUDO_FILE_TAG not in docx.name
    assert clear.question is not None and "4 écoles" in clear.question


# --------------------------------------------------------------------------------------
# The ribbon's Exporter asks before exporting
# --------------------------------------------------------------------------------------
def _pressed(tmp_path: Path, c, sheet: str, answer: str | None, button: str = "exporter"):
    """The button pressed on the open book (xlwings' remote engine) showing ``sheet``,
    ``answer`` being the button the teacher clicks in the yes/no/cancel box; the book."""
    tmp_path.mkdir(exist_ok=True)
    path = xlsx_new.write_classeur(c, tmp_path / "equipe.xlsx")
    book = remote.book(path, active=sheet, name=str(path))
    assert ribbon.button_pressed(button, book, today=demo.DEMO_TODAY, answer=answer)
    return book


def _asked(book) -> list[str]:
    """The yes/no/cancel boxes the click showed (their text)."""
    boxes = [a["args"] for a in remote.actions(book, "alert")]
    return [args[0] for args in boxes if args[2] == "yes_no_cancel"]


def _said(book) -> list[str]:
    return [a["args"][0] for a in remote.actions(book, "alert") if a["args"][2] == "ok"]


def _texts(path: Path) -> str:
    from openpyxl import load_workbook

    if path.suffix == ".xlsx":
        wb = load_workbook(path)
        return "\n".join(
            str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
        )
    if path.suffix == ".docx":
        doc = WordDocument(str(path))
        cells = [cell.text for t in doc.tables for r in t.rows for cell in r.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    return path.read_bytes().decode("utf-8", "replace")


def _exported(tmp_path: Path) -> list[Path]:
    return sorted(p for p in tmp_path.iterdir() if p.name.startswith("equipe-grille"))


@pytest.mark.parametrize("answer", [dialogs.YES, dialogs.NO])
def test_the_ribbons_exporter_asks_and_each_answer_gives_its_files(
    tmp_path: Path, answer: str
) -> None:
    c = demo.demo()
    names = sorted({e.eleve for e in c.grid})
    book = _pressed(tmp_path, c, structure.SHEET_GRILLE, answer)
    (question,) = _asked(book)
    asked = partage.asked_in_excel(features.share_question(c, _grille_clear()))
    assert question == french.typeset(asked)  # as every message: in Québec typography
    assert "4 écoles" in question and "Oui\u00a0: remplacer" in question and "Annuler" in question
    assert "--pseudonymiser" not in question  # the command's option means nothing in Excel
    files = _exported(tmp_path)
    assert {p.suffix for p in files} >= {".xlsx", ".docx", ".eml"}
    pseudonymised = answer == dialogs.YES
    assert all((outputs.PSEUDO_FILE_TAG in p.name) == pseudonymised for p in files)
    # The .xlsx copy lists every student; the Word summary names none once pseudonymised.
    (copy,) = [p for p in files if p.suffix == ".xlsx"]
    found = [n for n in names if n in _texts(copy)]
    assert (not found) if pseudonymised else (found == names), found
    for p in (p for p in files if p.suffix == ".docx" and pseudonymised):
        assert not [n for n in names if n in _texts(p)], p.name
    (message,) = _said(book)
    assert "exporté" in message
    assert "--pseudonymiser" not in message  # answered: not asked again among the messages
    note = french.typeset(partage.pseudonym_note("equipe.cle-pseudonymes.txt"))
    assert (note in message) == pseudonymised


def _grille_clear() -> features.ExportRequest:
    return features.ExportRequest(outputs.DOC_GRILLE, None, list(outputs.FORMATS), False)


@pytest.mark.parametrize("answer", [dialogs.CANCEL, None])
def test_cancelled_or_unanswered_nothing_is_written(tmp_path: Path, answer: str | None) -> None:
    """Annuler, or a box whose answer never comes back (xlwings' remote engine): nothing
    exported, nothing logged in the Journal, the teacher told so."""
    book = _pressed(tmp_path, demo.demo(), structure.SHEET_GRILLE, answer)
    assert len(_asked(book)) == 1
    assert _exported(tmp_path) == []
    assert not remote.actions(book, "setValues")  # no Journal des envois row
    assert _said(book) == [french.typeset(partage.NOT_EXPORTED)]


def test_no_question_when_it_does_not_apply(tmp_path: Path) -> None:
    c = demo.demo()
    # already pseudonymised: « Exporter avec codes élèves »
    codes = _pressed(tmp_path / "codes", c, structure.SHEET_GRILLE, None, "exporter_codes")
    assert _asked(codes) == [] and _exported(tmp_path / "codes")
    # a document that names no student
    rencontre = _pressed(tmp_path / "r1", c, structure.meeting_sheet(1), None)
    assert _asked(rencontre) == [] and "exporté" in _said(rencontre)[0]
    # every member in one school: the names stay inside it, exported as asked (names)
    one = dataclasses.replace(
        c, members=[dataclasses.replace(m, etablissement="École Saint-Jean") for m in c.members]
    )
    same = _pressed(tmp_path / "une", one, structure.SHEET_GRILLE, dialogs.YES)
    assert _asked(same) == []
    files = _exported(tmp_path / "une")
    assert files and not [p for p in files if outputs.PSEUDO_FILE_TAG in p.name]


def test_the_box_is_excels_yes_no_cancel_and_its_answer_is_the_button(tmp_path: Path) -> None:
    """The one dialog function, on xlwings' remote engine: the box is sent to the client
    with Oui, Non and Annuler; no answer comes back there (None), and the desktop
    engine's answers are the buttons' names."""
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    book = remote.book(path, name=str(path))
    assert dialogs.ask_yes_no_cancel(book.app, "Question?", "Classeur") is None
    (box,) = remote.actions(book, "alert")
    assert box["args"][:3] == ["Question?", "Classeur", "yes_no_cancel"]
