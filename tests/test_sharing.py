"""Students' names and people of other schools: the grille is pseudonymised by default,
and sending names in clear to several schools raises a question (CLI and ribbon)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from docx import Document as WordDocument

from classeur import features
from classeur.domain import demo, sharing
from classeur.files import xlsx_new
from classeur.layout import outputs
from tests import exporting
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


def test_the_ribbon_gets_the_question_before_exporting() -> None:
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
