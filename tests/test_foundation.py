"""The foundation: layout, model round trip, structure of the written workbook."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from classeur.domain import demo
from classeur.domain.model import Classeur, GridEntry, Learning, Meeting, Member, Settings
from classeur.errors import ClasseurProblems
from classeur.files import xlsx_new, xlsx_read
from classeur.layout import structure, styling, vocabulary


def roundtrip(c: Classeur, tmp_path: Path) -> Classeur:
    path = xlsx_new.write_classeur(c, tmp_path / "rt.xlsx")
    return xlsx_read.read_classeur(path)


def test_demo_round_trip_is_identical(tmp_path: Path, demo_model: Classeur) -> None:
    assert roundtrip(demo_model, tmp_path) == demo_model


@pytest.mark.parametrize("modele", vocabulary.MODELES)
def test_blank_round_trip(tmp_path: Path, modele: str) -> None:
    c = demo.blank(modele, "Mon équipe")
    assert roundtrip(c, tmp_path) == c


def test_edge_cases_round_trip(tmp_path: Path) -> None:
    c = Classeur(
        Settings(
            modele="reseau",
            titre="L'équipe « Ça & là » <test>",
            echelle="A-E",
            extra={"palier_seuil": "2"},
        ),
        members=[
            Member('=HYPERLINK("http://x","clic")', "O'Neil-Gagné", role="Animation"),
            Member("Zoë", "D'Amours", "", "", "", "", "Participant·e"),
            Member("+33", "-moins", "@at", "\ttab", role="Invité·e"),
        ],
        meetings=[
            Meeting(1),
            Meeting(2, dt.date(2027, 2, 1), dt.time(12, 45), None, "", "", "CEE journée", ""),
        ],
        learnings=[Learning("L1", "Lire", "", "B", 0.75)],
        grid=[
            GridEntry(
                "Élève Ün", "401", "Zoë D'Amours", {("L1", "Bloc 1"): "A", ("L1", "Finale"): "E"}
            )
        ],
    )
    assert roundtrip(c, tmp_path) == c


def test_two_hundred_members_round_trip(tmp_path: Path) -> None:
    c = demo.blank("car")
    c.members = [
        Member(f"Prénom{i}", f"Nom{i}", f"p{i}@ex.ca", f"École {i % 7}") for i in range(200)
    ]
    assert roundtrip(c, tmp_path) == c


def test_one_member_round_trip(tmp_path: Path) -> None:
    c = demo.blank("car")
    c.members = [Member("Seule", "Personne", role="Animation")]
    assert roundtrip(c, tmp_path) == c


def test_user_text_is_never_a_formula(tmp_path: Path) -> None:
    c = demo.blank("car")
    c.members = [Member('=HYPERLINK("http://evil","clic")', "=1+1", role="Participant")]
    path = xlsx_new.write_classeur(c, tmp_path / "f.xlsx")
    ws = load_workbook(path)[structure.SHEET_EQUIPE]
    row = structure.TABLE_HEADER_ROW + 1
    for col in (1, 2):
        cell = ws.cell(row=row, column=col)
        assert cell.data_type == "s"
        assert cell.value.startswith("=")


def test_workbook_structure(demo_path: Path) -> None:
    wb = load_workbook(demo_path)
    assert wb.sheetnames == [
        "Accueil",
        "Équipe",
        "Rencontres",
        "Apprentissages",
        "Grille",
        "Suivi",
        "R1",
        "R2",
        "R3",
        "R4",
        "R5",
        "Bilan",
        "Journal des envois",
        "Paramètres",
    ]
    assert wb[structure.SHEET_PARAMETRES].sheet_state == "hidden"
    tables = {t.displayName: ws.title for ws in wb.worksheets for t in ws.tables.values()}
    assert tables == {
        "tblEquipe": "Équipe",
        "tblRencontres": "Rencontres",
        "tblApprentissages": "Apprentissages",
        "tblGrille": "Grille",
        "tblSuivi": "Suivi",
        "tblJournal": "Journal des envois",
        "tblParametres": "Paramètres",
    }
    equipe = wb[structure.SHEET_EQUIPE]
    headers = [c.value for c in equipe[structure.TABLE_HEADER_ROW]][:7]
    assert headers == [
        "Prénom",
        "Nom",
        "Courriel",
        "Établissement",
        "Fonction / titre",
        "Service",
        "Rôle",
    ]
    assert equipe.freeze_panes == "A5"
    assert equipe.page_setup.paperSize == styling.PAPER_LETTER
    assert equipe.print_title_rows == "$4:$4"
    longest = max(len(m.courriel) for m in demo.demo().members)
    assert equipe.column_dimensions["C"].width >= longest
    assert equipe[f"A{structure.TABLE_HEADER_ROW}"].style == styling.STYLE_HEADER
    roles = [dv for dv in equipe.data_validations.dataValidation if dv.type == "list"]
    assert roles and roles[0].formula1 == '"' + ",".join(vocabulary.ROLES) + '"'
    rencontres = wb[structure.SHEET_RENCONTRES]
    assert rencontres["I5"].value.startswith("=IF(tblRencontres[[#This Row],[Date]]")
    grille = wb[structure.SHEET_GRILLE]
    assert grille.freeze_panes == "D5"
    assert grille.cell(row=4, column=4).value == "A1 · Bloc 1"
    names = {s.name if hasattr(s, "name") else s for s in wb.named_styles}
    assert {styling.STYLE_TITLE, styling.STYLE_DATE, styling.STYLE_COMPUTED} <= names


def test_accueil_links_to_every_sheet(demo_path: Path) -> None:
    wb = load_workbook(demo_path)
    ws = wb[structure.SHEET_ACCUEIL]
    links = {
        c.value: c.hyperlink.location
        for row in ws.iter_rows()
        for c in row
        if c.hyperlink is not None
    }
    visible = [n for n in wb.sheetnames if n != structure.SHEET_PARAMETRES]
    assert sorted(links) == sorted(visible)
    assert all(target == f"'{name}'!A1" for name, target in links.items())


def _edit(path: Path, sheet: str, cell: str, value) -> None:
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def _problems(path: Path) -> list[str]:
    with pytest.raises(ClasseurProblems) as info:
        xlsx_read.read_classeur(path)
    return [str(p) for p in info.value.problems]


def test_text_in_date_column_is_reported(demo_path: Path) -> None:
    _edit(demo_path, structure.SHEET_RENCONTRES, "B6", "mardi prochain")
    assert _problems(demo_path) == [
        "Fichier « demo.xlsx », feuille « Rencontres », ligne 6, colonne « Date » : "
        "« mardi prochain » n'est pas une date. Inscrivez une date, p. ex. « 2026-11-23 » "
        "(année-mois-jour) ou « 23 novembre 2026 »."
    ]


def test_renamed_column_is_reported(demo_path: Path) -> None:
    _edit(demo_path, structure.SHEET_EQUIPE, "C4", "Adresse")
    wb = load_workbook(demo_path)
    # Keep the table's column names in step with the header, as Excel does.
    wb[structure.SHEET_EQUIPE].tables["tblEquipe"].tableColumns[2].name = "Adresse"
    wb.save(demo_path)
    (msg,) = _problems(demo_path)
    assert msg.startswith(
        "Fichier « demo.xlsx », feuille « Équipe », ligne 4 : La colonne « Courriel » est "
        "introuvable dans le tableau « tblEquipe ». Colonnes trouvées : Prénom, Nom, Adresse,"
    )
    assert msg.endswith("Redonnez à la colonne son nom exact « Courriel ».")


def test_missing_sheet_is_reported(demo_path: Path) -> None:
    wb = load_workbook(demo_path)
    del wb[structure.SHEET_SUIVI]
    wb.save(demo_path)
    assert _problems(demo_path) == [
        "Fichier « demo.xlsx » : La feuille « Suivi » est introuvable. Rétablissez-la "
        "(ou repartez d'un classeur neuf : classeur nouveau) puis recopiez vos données."
    ]


def test_unknown_choice_and_level_are_reported(demo_path: Path) -> None:
    _edit(demo_path, structure.SHEET_EQUIPE, "G5", "Chef")
    _edit(demo_path, structure.SHEET_GRILLE, "D5", 7)
    problems = _problems(demo_path)
    assert problems == [
        "Fichier « demo.xlsx », feuille « Équipe », ligne 5, colonne « Rôle » : « Chef » "
        "n'est pas une valeur permise. Choisissez dans la liste : Animation, Participant·e, "
        "Direction, Professionnel·le, Invité·e.",
        "Fichier « demo.xlsx », feuille « Grille », ligne 5, colonne « A1 · Bloc 1 » : « 7 » "
        "n'est pas un niveau de l'échelle. Niveaux permis : 1, 2, 3, 4 (ou laissez vide).",
    ]


def test_not_a_classeur(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "autre.xlsx"
    Workbook().save(path)
    problems = _problems(path)
    assert problems == [
        "Fichier « autre.xlsx » : Ce fichier n'est pas un classeur de Classeur : il ne "
        "contient aucun de ses tableaux (équipe, rencontres, grille…). Vérifiez que c'est le "
        "bon fichier, ou créez un classeur avec « classeur nouveau » et recopiez-y vos données."
    ]


def test_lenient_values_are_understood(demo_path: Path) -> None:
    _edit(demo_path, structure.SHEET_RENCONTRES, "B5", "15/09/2026")
    _edit(demo_path, structure.SHEET_RENCONTRES, "C5", "8 h 45")
    _edit(demo_path, structure.SHEET_APPRENTISSAGES, "E5", 80)
    c = xlsx_read.read_classeur(demo_path)
    assert c.meetings[0].date == dt.date(2026, 9, 15)
    assert c.meetings[0].debut == dt.time(8, 45)
    assert c.learnings[0].objectif == 0.8


def test_python_m_classeur_runs() -> None:
    out = subprocess.run(
        ["python", "-m", "classeur", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().startswith("classeur ")
