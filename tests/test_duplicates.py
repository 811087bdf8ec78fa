"""Duplicates and near-duplicates: a student typed twice, a teacher's name spelled another
way in a copy, one school written three ways. Names are compared as one function compares
them (trimmed, without regard to case or accents); close spellings are asked about."""

from __future__ import annotations

import copy
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from classeur.cli.main import cli
from classeur.domain import demo, rules
from classeur.domain.identity import name_key, probably_same
from classeur.domain.model import Classeur, GridEntry
from classeur.files import xlsx_new, xlsx_read
from classeur.layout import structure, vocabulary
from tests.typography import plain

B1, B3 = vocabulary.BLOC_1, vocabulary.BLOC_3
TEACHER = "José Núñez"


def _with_teacher(c: Classeur, old: str, new: str) -> Classeur:
    c = copy.deepcopy(c)
    for e in c.grid:
        if e.enseignant == old:
            e.enseignant = new
    return c


def _copy_of(c: Classeur, teacher: str, spelled: str, path: Path) -> Path:
    """A teacher's copy: their students only, bloc 3 filled, their name as they typed it."""
    mine = copy.deepcopy(c)
    mine.grid = [
        GridEntry(e.eleve, e.groupe, spelled, {**e.resultats, ("A1", B3): 4})
        for e in c.grid
        if e.enseignant == teacher
    ]
    return xlsx_new.write_classeur(mine, path)


def test_one_name_function_ignores_case_accents_and_spaces() -> None:
    assert name_key("  José   Núñez ") == name_key("jose nunez") == name_key("JOSE NUÑEZ")
    assert name_key("École Saint-Jean") == name_key("ecole saint-jean")
    assert probably_same("Jose Nunes", "José Núñez") and probably_same("Núñez José", "José Núñez")
    assert not probably_same("Jose Nunez", "José Núñez")  # the same name, not « probably »
    assert not probably_same("Léa Diallo", "Nathan Dubé")


@given(st.text(max_size=12), st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=12))
def test_name_key_is_stable(text: str, latin: str) -> None:
    assert name_key(name_key(text)) == name_key(text) == name_key(f" {text.casefold()}  ")
    assert name_key(latin.upper()) == name_key(latin)  # « JOSÉ » is « josé »


# ======================================================================================
# A student typed twice
# ======================================================================================
def _twice(tmp_path: Path) -> tuple[Classeur, Path, int]:
    c = demo.demo()
    twin = copy.deepcopy(c.grid[4])
    twin.resultats = {}  # the second line: results typed later, on this one
    c.grid.append(twin)
    return c, xlsx_new.write_classeur(c, tmp_path / "classeur.xlsx"), len(c.grid)


def test_verifier_reports_a_student_typed_twice_with_row_and_column(tmp_path: Path) -> None:
    c, path, n = _twice(tmp_path)
    out = CliRunner().invoke(cli, ["verifier", str(path)])
    assert out.exit_code != 0
    first_row = structure.TABLE_HEADER_ROW + 1 + 4
    last_row = structure.TABLE_HEADER_ROW + n
    expected = (
        f"Fichier « classeur.xlsx », feuille « {structure.SHEET_GRILLE} », ligne {last_row}, "
        f"colonne « Élève » : L'élève « {c.grid[4].eleve} » (groupe {c.grid[4].groupe}, "
        f"{c.grid[4].enseignant}) est inscrit deux fois (déjà à la ligne {first_row})"
    )
    assert expected in " ".join(plain(out.output).split())


def test_fusion_matches_each_line_of_a_student_typed_twice(tmp_path: Path) -> None:
    """The copies hold the same two lines: no false conflict, the second line's values are
    merged into the second line."""
    c, path, n = _twice(tmp_path)
    mine = copy.deepcopy(c)
    mine.grid = [copy.deepcopy(e) for e in c.grid if e.enseignant == c.grid[4].enseignant]
    mine.grid[-1].resultats = {("A1", B1): 1, ("A2", B1): 2}
    copie = xlsx_new.write_classeur(mine, tmp_path / "copie.xlsx")
    out = CliRunner().invoke(cli, ["fusionner", str(path), str(copie)])
    assert out.exit_code == 0, out.output
    assert "0 conflit." in out.output and "Conflit" not in out.output
    grid = xlsx_read.read_classeur(path).grid
    assert len(grid) == n
    assert grid[4].resultats == c.grid[4].resultats
    assert grid[-1].resultats == {("A1", B1): 1, ("A2", B1): 2}


# ======================================================================================
# A teacher spelled another way in a copy
# ======================================================================================
def test_a_copy_spelling_the_teacher_without_accents_merges_into_their_group(
    tmp_path: Path,
) -> None:
    c = _with_teacher(demo.demo(), "Karim Benali", TEACHER)
    path = xlsx_new.write_classeur(c, tmp_path / "classeur.xlsx")
    copie = _copy_of(c, TEACHER, " Jose Nunez", tmp_path / "copie.xlsx")
    out = CliRunner().invoke(cli, ["fusionner", str(path), str(copie)])
    assert out.exit_code == 0, out.output
    grid = xlsx_read.read_classeur(path).grid
    assert len(grid) == len(c.grid)  # not the whole group again
    mine = [e for e in grid if e.enseignant == TEACHER]
    assert len(mine) == 20 and all(e.resultats[("A1", B3)] == 4 for e in mine)


def test_a_close_spelling_makes_fusion_ask(tmp_path: Path) -> None:
    c = _with_teacher(demo.demo(), "Karim Benali", TEACHER)
    path = xlsx_new.write_classeur(c, tmp_path / "classeur.xlsx")
    copie = _copy_of(c, TEACHER, "Jose Nunes", tmp_path / "copie.xlsx")
    before = path.read_bytes()
    out = CliRunner().invoke(cli, ["fusionner", str(path), str(copie)])
    assert out.exit_code == 1
    said = " ".join(plain(out.output).split())
    assert (
        "Dans la copie « copie.xlsx », l'enseignant·e « Jose Nunes » ressemble à "
        f"« {TEACHER} » du classeur." in said
    )
    assert "--noms-distincts" in said and "Traceback" not in out.output
    assert path.read_bytes() == before  # nothing written
    out = CliRunner().invoke(cli, ["fusionner", str(path), str(copie), "--noms-distincts"])
    assert out.exit_code == 0, out.output
    assert len(xlsx_read.read_classeur(path).grid) == len(c.grid) + 20  # confirmed: added


def test_verifier_reports_a_teacher_spelled_two_ways(tmp_path: Path) -> None:
    c = _with_teacher(demo.demo(), "Karim Benali", TEACHER)
    c.grid[-1].enseignant = "Jose Nunez"
    path = xlsx_new.write_classeur(c, tmp_path / "classeur.xlsx")
    out = CliRunner().invoke(cli, ["verifier", str(path)])
    said = " ".join(plain(out.output).split())
    assert f"ligne {structure.TABLE_HEADER_ROW + len(c.grid)}, colonne « Enseignant·e »" in said
    assert f"L'enseignant·e « Jose Nunez » ressemble à « {TEACHER} »" in said


# ======================================================================================
# One school written three ways (guide du CEE: at most two participants per school)
# ======================================================================================
def test_one_school_written_three_ways_counts_once_for_the_two_per_school_rule() -> None:
    c = demo.demo(vocabulary.MODELE_RESEAU)
    participants = [m for m in c.members if m.role == vocabulary.ROLE_PARTICIPANT]
    for m, spelled in zip(
        participants[:3], ("École Saint-Jean", "école saint-jean ", "Ecole Saint-Jean"), strict=True
    ):
        m.etablissement = spelled
    problems = [str(p) for p in rules.check_reseau(c)]
    assert any("3 participants viennent de « École Saint-Jean »" in p for p in problems), problems


def test_verifier_on_a_workbook_with_a_member_typed_twice(tmp_path: Path) -> None:
    c = demo.demo()
    twin = copy.deepcopy(c.members[2])
    twin.prenom = twin.prenom.upper() + "  "
    c.members.append(twin)
    path = xlsx_new.write_classeur(c, tmp_path / "classeur.xlsx")
    wb = load_workbook(path)
    assert structure.EQUIPE.sheet in wb.sheetnames
    out = CliRunner().invoke(cli, ["verifier", str(path)])
    said = " ".join(plain(out.output).split())
    assert "inscrit·e deux fois dans l'équipe (déjà à la ligne" in said, said
