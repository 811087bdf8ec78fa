"""Pure parts of sharing: pseudonyms, journal, documents, recipients; shipped templates."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from classeur.domain import demo, journal
from classeur.domain.pseudo import Pseudonymizer, code
from classeur.errors import ClasseurError
from classeur.layout import outputs, structure
from classeur.sheets import journal as journal_sheet
from classeur.text import partage
from tools import build_docx_templates as docx_templates


def test_codes_are_stable_keyed_and_whole_words() -> None:
    pz = Pseudonymizer(["Léa Lavoie", "Noah Fortin"], b"k" * 32)
    again = Pseudonymizer(["Noah Fortin", "Léa Lavoie"], b"k" * 32)
    other = Pseudonymizer(["Léa Lavoie"], b"x" * 32)
    lea = pz.text("Léa Lavoie")
    assert lea.startswith(outputs.PSEUDO_PREFIX) and len(lea) == len(outputs.PSEUDO_PREFIX) + 6
    assert again.text("Léa Lavoie") == lea != other.text("Léa Lavoie")
    assert pz.text("Voir LÉA  LAVOIE, puis noah fortin.") == (
        f"Voir {lea}, puis {pz.text('Noah Fortin')}."
    )
    assert pz.text("Lavoiex reste") == "Lavoiex reste"
    assert pz.text("Léa Lavoiex reste") == f"{lea} Lavoiex reste"  # « Léa » alone: a part
    assert pz.found("bonjour Léa Lavoie") == ["Léa Lavoie"]
    assert pz(3) == 3
    assert code("léa lavoie", b"k" * 32) == lea
    heureux = Pseudonymizer(["Jean L'Heureux"], b"k" * 32)
    coded = heureux.text("Jean L'Heureux")
    assert heureux.markup("<p>Jean L&#x27;Heureux</p>") == f"<p>{coded}</p>"
    assert heureux.markup("<p>Jean L&#39;Heureux et Jean L'Heureux</p>") == (
        f"<p>{coded} et {coded}</p>"
    )


def test_journal_keeps_previous_rows() -> None:
    first = journal.Entry(dt.datetime(2026, 11, 2, 8, 0), "Bilan", ["pdf"], [], False, ["b.pdf"])
    update = journal_sheet.log(lambda name: None, first)
    doc = update.sheets[0]
    values = [[c.value if c else None for c in row] for row in doc.rows]
    second = journal.Entry(
        dt.datetime(2026, 11, 3, 9, 0), "Rencontre 2", ["eml"], ["a@b.ca"], True, ["r.eml"]
    )
    doc2 = journal_sheet.log(lambda name: values, second).sheets[0]
    rows = [[c.value if c else None for c in row] for row in doc2.rows]
    data = rows[structure.TABLE_HEADER_ROW :]
    assert data == [
        [
            dt.datetime(2026, 11, 2, 8, 0),
            "Bilan",
            "pdf",
            structure.JOURNAL_NO_RECIPIENT,
            "Non",
            "b.pdf",
        ],
        [dt.datetime(2026, 11, 3, 9, 0), "Rencontre 2", "eml", "a@b.ca", "Oui", "r.eml"],
    ]
    assert doc2.tables[0].ref == "A4:F6"


def test_recipients_are_checked() -> None:
    c = demo.demo()
    assert len(partage.recipients(c)) == len(c.members)
    assert partage.recipients(c, "x@y.ca, X@y.ca;z@w.qc.ca") == ["x@y.ca", "z@w.qc.ca"]
    with pytest.raises(ClasseurError, match="pas une adresse courriel"):
        partage.recipients(c, "pas-une-adresse")


def test_section_from_rows_splits_blocks() -> None:
    s = partage.section_from_rows(
        [["Titre", ""], ["Sous-titre"], [], ["a", "b", ""], ["c"], [""], ["d"]]
    )
    assert (s.title, s.subtitle) == ("Titre", "Sous-titre")
    assert [b.rows for b in s.blocks] == [[["a", "b"], ["c"]], [["d"]]]


def test_file_names() -> None:
    assert partage.file_stem("Réseau démo", outputs.DOC_RENCONTRE, 2, False) == "Reseau-demo-R2"
    assert partage.file_stem("x", outputs.DOC_BILAN, None, True) == "x-bilan-pseudonymise"


def test_shipped_word_templates_are_current(tmp_path: Path) -> None:
    for fresh in docx_templates.build_all(tmp_path):
        committed = docx_templates.TEMPLATES / fresh.name
        with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(committed) as b:
            assert a.namelist() == b.namelist()
            for name in a.namelist():
                assert a.read(name) == b.read(name), (
                    f"{fresh.name} est périmé : relancez « python tools/build_docx_templates.py »"
                )
