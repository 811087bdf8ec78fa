"""Applying a feature's Update to a classeur file (the openpyxl adapter)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from classeur.domain import demo
from classeur.errors import ClasseurProblems
from classeur.files import filebook, xlsx_read
from classeur.layout import compilation, structure, styling, vocabulary
from classeur.sheets.sheetdoc import Cell, Chart, SheetDoc, Update, Validation
from classeur.text import french
from tests.conftest import needs_libreoffice, recalculated


def _doc() -> SheetDoc:
    doc = SheetDoc("R2", widths={1: 8, 2: 40}, title_rows=(1, 1), freeze=(3, 1))
    doc.add(Cell("Rencontre 2", style=styling.STYLE_TITLE, merge=3))
    doc.add("Lien", Cell(structure.SHEET_SUIVI, link=structure.SHEET_SUIVI))
    doc.add('=HYPERLINK("http://evil","x")', Cell("=COUNTA(tblEquipe[Nom])", formula=True))
    doc.add("Catégorie", "Valeur")
    doc.add("a", 1)
    doc.add("b", 3)
    doc.validations.append(Validation("C5:C6", ("Présent", "Absent", "Excusé")))
    doc.charts.append(Chart("bar", "Titre", "E2", "A5:A6", [("B4", "B5:B6")]))
    return doc


def test_update_rebuilds_sheet_in_place_and_refills_tables(tmp_path: Path, demo_path: Path) -> None:
    before = load_workbook(demo_path).sheetnames

    def make(edit: filebook.Edit) -> Update:
        assert edit.model.settings.titre.startswith("Histoire")
        assert edit.sheet_values("R2")[0][0] == "Rencontre 2"
        actions = [
            (a.numero, a.action, a.responsable, a.echeance, a.statut, a.rencontre, a.notes)
            for a in edit.model.actions
        ]
        actions.append(
            (
                len(actions) + 1,
                "=1+1 reste du texte",
                "Nadia Ouellet",
                dt.date(2027, 1, 12),
                vocabulary.STATUT_A_FAIRE,
                3,
                "",
            )
        )
        return Update(
            sheets=[_doc()],
            tables={"tblSuivi": actions},
            settings={"nouvelle_cle": "oui", structure.PARAM_TITRE: "Nouveau titre"},
        )

    filebook.update_classeur(demo_path, make)
    wb = load_workbook(demo_path)
    assert wb.sheetnames == before  # R2 rebuilt where it was
    ws = wb["R2"]
    assert ws["A1"].value == "Rencontre 2" and "A1:C1" in ws.merged_cells
    assert ws["B2"].hyperlink.location == "'Suivi'!A1"
    assert ws["A3"].data_type == "s" and ws["A3"].value.startswith("=HYPERLINK")
    assert ws["B3"].value == "=COUNTA(tblEquipe[Nom])"
    assert ws.freeze_panes == "A3" and ws.page_setup.paperSize == styling.PAPER_LETTER
    assert len(ws._charts) == 1
    assert ws.data_validations.dataValidation[0].formula1 == '"Présent,Absent,Excusé"'
    c = xlsx_read.read_classeur(demo_path)
    assert c.actions[-1].action == "=1+1 reste du texte"
    n = len(demo.demo().actions) + 1
    assert len(c.actions) == n
    assert c.settings.titre == "Nouveau titre"
    new_keys = {
        k: v for k, v in c.settings.extra.items() if k not in compilation.GRILLE_PARAM_DESCRIPTIONS
    }
    assert new_keys == {"nouvelle_cle": "oui"}
    suivi = wb[structure.SHEET_SUIVI]
    assert suivi.tables["tblSuivi"].ref == f"A4:G{4 + n}"


def test_failed_update_writes_nothing(demo_path: Path) -> None:
    before = demo_path.read_bytes()

    def boom(edit: filebook.Edit) -> Update:
        raise RuntimeError("x")

    with pytest.raises(RuntimeError):
        filebook.update_classeur(demo_path, boom)
    assert demo_path.read_bytes() == before


def test_update_refuses_a_classeur_with_problems(demo_path: Path) -> None:
    wb = load_workbook(demo_path)
    wb[structure.SHEET_RENCONTRES]["B5"] = "un jour"
    wb.save(demo_path)
    with pytest.raises(ClasseurProblems, match="« un jour » n'est pas une date"):
        filebook.update_classeur(demo_path, lambda e: Update())


def test_typed_formula_in_input_column_is_read_as_its_value(demo_path: Path) -> None:
    wb = load_workbook(demo_path)
    wb[structure.SHEET_SUIVI]["B5"] = '="Préparer "&"la banque"'
    wb.save(demo_path)
    # As saved by Excel: the computed value is cached in the file.
    from classeur.files import libreoffice

    out = (
        libreoffice.convert(demo_path, "xlsx", demo_path.parent / "lo")
        if libreoffice.soffice()
        else None
    )
    if out is None:
        pytest.skip("LibreOffice absent")
    c = xlsx_read.read_classeur(out)
    assert c.actions[0].action == "Préparer la banque"


@needs_libreoffice
def test_generated_formula_recalculates(tmp_path: Path, demo_path: Path) -> None:
    filebook.update_classeur(demo_path, lambda e: Update(sheets=[_doc()]))
    wb = recalculated(demo_path, tmp_path / "lo")
    assert wb["R2"]["B3"].value == 9


def test_french_dates_and_times() -> None:
    assert french.date_longue(dt.date(2026, 11, 23)) == "lundi 23 novembre 2026"
    assert french.date_longue(dt.date(2026, 12, 3)) == "jeudi 3 décembre 2026"
    assert french.heure(dt.time(8, 45)) == "8 h 45"
    assert french.heure(dt.time(12, 0)) == "12 h"
    assert french.plage(dt.time(12, 45), dt.time(15, 45)) == "de 12 h 45 à 15 h 45"
    assert french.pourcentage(0.7241) == "72\u00a0%"
    assert french.duree(90) == "1 h 30"
