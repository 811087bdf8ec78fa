"""CAR and réseau kept apart: a CAR équipe's documents name no CEE annex and ask for no
continuation of a réseau; the réseau's fiche and plan refuse a CAR classeur in French."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from classeur.cli.main import cli
from classeur.domain import demo
from classeur.files import xlsx_new
from classeur.layout import bilan_sheet, structure, vocabulary
from tests.typography import plain


def _texts(path: Path, sheet: str) -> str:
    ws = load_workbook(path)[sheet]
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


def test_the_car_bilan_is_the_equipe_s_own(tmp_path: Path) -> None:
    for modele in vocabulary.MODELES:
        path = tmp_path / f"{modele}.xlsx"
        xlsx_new.write_classeur(demo.demo(modele), path)
        out = CliRunner().invoke(cli, ["bilan", str(path)])
        assert out.exit_code == 0, out.output
        text = _texts(path, structure.SHEET_BILAN)
        if modele == vocabulary.MODELE_CAR:
            assert "Annexe 5" not in text and "CEE" not in text
            assert "continuation" not in text and "du réseau" not in text
            assert "2. But de l’équipe" in text
        else:
            assert "Annexe 5 du CEE" in text
            assert bilan_sheet.BILAN_CONTINUATION in text


def test_fiche_and_plan_refuse_a_car_classeur(tmp_path: Path) -> None:
    path = tmp_path / "car.xlsx"
    xlsx_new.write_classeur(demo.demo(vocabulary.MODELE_CAR), path)
    before = path.read_bytes()
    for command, what in (("fiche", "La fiche de proposition"), ("plan", "Le plan de réseau")):
        out = CliRunner().invoke(cli, [command, str(path)])
        assert out.exit_code == 1
        assert f"Erreur\u00a0: {what}" in out.output
        assert "réseaux d'entraide du CEE" in plain(out.output) and "--modele reseau" in out.output
    assert path.read_bytes() == before
    reseau = tmp_path / "reseau.xlsx"
    xlsx_new.write_classeur(demo.demo(vocabulary.MODELE_RESEAU), reseau)
    for command in ("fiche", "plan"):
        assert CliRunner().invoke(cli, [command, str(reseau)]).exit_code == 0


def test_a_title_typed_on_accueil_is_refused_not_ignored(tmp_path: Path) -> None:
    from classeur.layout import accueil

    path = tmp_path / "car.xlsx"
    xlsx_new.write_classeur(demo.demo(vocabulary.MODELE_CAR), path)
    wb = load_workbook(path)
    row = accueil.ACCUEIL_IDENTITY_FIRST_ROW + 1  # Titre
    cell = wb[structure.SHEET_ACCUEIL].cell(row=row, column=accueil.ACCUEIL_VALUE_COL)
    assert str(cell.value).startswith("=")
    cell.value = "Histoire 4e : notre nouveau titre"
    wb.save(path)
    before = path.read_bytes()
    check = CliRunner().invoke(cli, ["verifier", str(path)])
    where = f"feuille « {structure.SHEET_ACCUEIL} », ligne {row}, colonne « B »"
    assert "« Histoire 4e : notre nouveau titre » est tapé à la place de la formule" in (
        plain(check.output)
    )
    assert where in plain(check.output), check.output
    for argv in (["ordre-du-jour", str(path), "-r", "1"], ["bilan", str(path)]):
        out = CliRunner().invoke(cli, argv)
        assert out.exit_code == 1, out.output
        # typed by the teacher: shown as typed (its ordinary space before « : » too)
        assert "«\u00a0Histoire 4e : notre nouveau titre\u00a0» est tapé" in out.output
        assert f"feuille « {structure.SHEET_PARAMETRES} »" in plain(out.output)
    assert path.read_bytes() == before
