"""`classeur fusionner`: teachers' copies of the grille come back into the team's classeur;
conflicts are reported, nothing is lost or overwritten unless asked."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from classeur.cli.main import cli
from classeur.domain import demo
from classeur.domain.model import Classeur, GridEntry
from classeur.files import libreoffice, xlsx_new, xlsx_read
from classeur.layout import compilation, structure, vocabulary
from tests.conftest import needs_libreoffice
from tests.typography import plain, scan, unquoted

B1, B2 = vocabulary.BLOC_1, vocabulary.BLOC_2


def _team() -> Classeur:
    c = demo.demo()
    c.grid = []
    return c


def _teachers(c: Classeur) -> list[str]:
    return list(dict.fromkeys(e.enseignant for e in c.grid))


def _copy_for(grid: list[GridEntry]) -> Classeur:
    c = _team()
    c.grid = copy.deepcopy(grid)
    return c


def _grid(path: Path) -> dict[tuple[str, str, str], dict[tuple[str, str], object]]:
    return {e.key: e.resultats for e in xlsx_read.read_classeur(path).grid}


@pytest.fixture
def copies(tmp_path: Path) -> dict[str, Path]:
    full = demo.demo().grid
    names = _teachers(demo.demo())
    by_teacher = {t: [e for e in full if e.enseignant == t] for t in names}
    first, second, third = names
    # The team's classeur already holds the first teacher's students, bloc 1 only.
    team = _team()
    team.grid = [
        GridEntry(
            e.eleve, e.groupe, e.enseignant, {k: v for k, v in e.resultats.items() if k[1] == B1}
        )
        for e in by_teacher[first]
    ]
    a = _copy_for(by_teacher[first])  # overlaps the team's rows: adds bloc 2
    b = _copy_for(by_teacher[second])  # disjoint
    c_grid = copy.deepcopy(by_teacher[third] + by_teacher[first][:2])
    same, changed = c_grid[-2], c_grid[-1]
    del same.resultats[("A1", B1)]  # a blank in a copy never erases
    changed.resultats[("A2", B1)] = 1 if changed.resultats[("A2", B1)] != 1 else 2
    c = _copy_for(c_grid)
    paths = {"equipe": xlsx_new.write_classeur(team, tmp_path / "equipe.xlsx")}
    for name, model in (("a", a), ("b", b), ("c", c)):
        paths[name] = xlsx_new.write_classeur(model, tmp_path / f"copie-{name}.xlsx")
    return paths


def test_three_copies_disjoint_and_overlapping_with_a_conflict(copies: dict[str, Path]) -> None:
    full = {e.key: e.resultats for e in demo.demo().grid}
    sources = [copies["a"], copies["b"], copies["c"]]
    out = CliRunner().invoke(cli, ["fusionner", str(copies["equipe"]), *map(str, sources)])
    assert out.exit_code == 0, out.output
    merged = _grid(copies["equipe"])
    assert merged == full  # every student, every value: nothing lost, the conflict kept
    c_model = xlsx_read.read_classeur(copies["c"])
    changed = c_model.grid[-1]
    kept = full[changed.key][("A2", B1)]
    assert out.output.splitlines()[0].startswith("3 fichiers fusionnés\u00a0: 40 élèves ajoutés, ")
    assert out.output.splitlines()[0].endswith("1 conflit dont 1 non remplacé.")
    assert (
        f"Conflit : fichier « copie-c.xlsx », élève « {changed.eleve} » (groupe "
        f"« {changed.groupe} », « {changed.enseignant} »), colonne « A2 · Bloc 1 » : classeur "
        f"{kept}, fichier {changed.resultats[('A2', B1)]} (valeur du classeur conservée)."
    ) in plain(out.output)
    assert "relancez avec --remplacer-conflits" in out.output
    # Rows keep their order: the team's rows first, then new ones in file order.
    order = [e.eleve for e in xlsx_read.read_classeur(copies["equipe"]).grid]
    assert order == [e.eleve for e in demo.demo().grid]

    again = CliRunner().invoke(
        cli,
        ["fusionner", str(copies["equipe"]), str(copies["c"]), "--remplacer-conflits"],
    )
    assert again.exit_code == 0, again.output
    assert "(valeur du classeur remplacée)" in again.output
    merged = _grid(copies["equipe"])
    assert merged[changed.key][("A2", B1)] == changed.resultats[("A2", B1)]
    assert sum(len(r) for r in merged.values()) == sum(len(r) for r in full.values())


def test_merge_message_counts(copies: dict[str, Path]) -> None:
    out = CliRunner().invoke(cli, ["fusionner", str(copies["equipe"]), str(copies["b"])])
    assert out.exit_code == 0, out.output
    b = xlsx_read.read_classeur(copies["b"]).grid
    n_values = sum(len(e.resultats) for e in b)
    assert len(b) > 1 and n_values > 1
    thousands = f"{n_values:,}".replace(",", "\u00a0")  # French: a space between thousands
    assert out.output.splitlines()[0] == (
        f"1 fichier fusionné\u00a0: {len(b)} élèves ajoutés, {thousands} résultats ajoutés, "
        "0 conflit."
    )


def _rename_header(path: Path, old: str, new: str) -> None:
    wb = load_workbook(path)
    ws = wb[structure.SHEET_GRILLE]
    table = ws.tables[structure.GRILLE_NAME]
    for cell in ws[structure.TABLE_HEADER_ROW]:
        if cell.value == old:
            cell.value = new
    for col in table.tableColumns:
        if col.name == old:
            col.name = new
    wb.save(path)


def test_renamed_column_in_a_copy_is_a_french_error(copies: dict[str, Path]) -> None:
    _rename_header(copies["b"], "A2 · Bloc 1", "A2 - Bloc 1")
    before = copies["equipe"].read_bytes()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "classeur",
            "fusionner",
            str(copies["equipe"]),
            str(copies["a"]),
            str(copies["b"]),
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1
    # The copy's header is read as a results column in a form Classeur does not read:
    # named with its file, row and column, the expected form and the closest learning.
    assert plain(out.stderr).startswith(
        "Erreur : Fichier « copie-b.xlsx », feuille « Grille », ligne 4, colonne "
        "« A2 - Bloc 1 » : L'en-tête « A2 - Bloc 1 » n'est pas lu comme une colonne de "
        "résultats"
    )
    assert "Renommez-la « A2 · Bloc 1 » (apprentissage le plus proche : A2)." in plain(out.stderr)
    assert copies["equipe"].read_bytes() == before  # nothing merged, not even copy a


def test_wrong_scale_in_a_copy_is_a_french_error(copies: dict[str, Path], tmp_path: Path) -> None:
    c = _team()
    c.settings.echelle = vocabulary.ECHELLE_A_E
    c.learnings = [
        type(lrn)(lrn.code, lrn.description, lrn.criteres, "B", lrn.objectif) for lrn in c.learnings
    ]
    c.grid = [GridEntry("Léa Lavoie", "401", "Mathieu Tremblay", {("A1", B1): "A"})]
    other = xlsx_new.write_classeur(c, tmp_path / "lettres.xlsx")
    out = CliRunner().invoke(cli, ["fusionner", str(copies["equipe"]), str(other)])
    assert out.exit_code == 1
    assert (
        "Le fichier « lettres.xlsx » utilise l'échelle « A-E », le classeur de l'équipe "
        "l'échelle « 1-4 »." in plain(out.output)
    )


def test_copy_with_unknown_learning_or_itself_is_refused(
    copies: dict[str, Path], tmp_path: Path
) -> None:
    from classeur.domain.model import Learning

    c = _team()
    c.learnings.append(Learning("A9", "Nouveau", niveau_vise=3, objectif=0.5))
    c.grid = [GridEntry("Léa Lavoie", "401", "Mathieu Tremblay", {("A9", B1): 2})]
    extra = xlsx_new.write_classeur(c, tmp_path / "a9.xlsx")
    out = CliRunner().invoke(cli, ["fusionner", str(copies["equipe"]), str(extra)])
    assert out.exit_code == 1
    assert "contient des résultats pour l'apprentissage « A9 », absent du classeur" in plain(
        out.output
    )
    same = CliRunner().invoke(cli, ["fusionner", str(copies["equipe"]), str(copies["equipe"])])
    assert same.exit_code == 1
    assert "à la fois le classeur et une copie" in same.output


def test_many_copies_show_a_progress_bar(tmp_path: Path) -> None:
    team = xlsx_new.write_classeur(_team(), tmp_path / "equipe.xlsx")
    grid = demo.demo().grid
    sources = []
    for i in range(compilation.FUSION_PROGRESS_MIN_FILES):
        sources.append(
            xlsx_new.write_classeur(_copy_for(grid[i * 4 : i * 4 + 4]), tmp_path / f"c{i}.xlsx")
        )
    out = subprocess.run(
        [sys.executable, "-m", "classeur", "fusionner", str(team), *map(str, sources)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "Lecture des copies\u00a0: 100\u00a0% " in out.stderr
    assert f"{len(sources)} sur {len(sources)}" in out.stderr
    assert len(xlsx_read.read_classeur(team).grid) == 4 * len(sources)


@needs_libreoffice
def test_formula_cells_in_a_copy_arrive_as_values(copies: dict[str, Path], tmp_path: Path) -> None:
    src = copies["b"]
    wb = load_workbook(src)
    ws = wb[structure.SHEET_GRILLE]
    headers = [c.value for c in ws[structure.TABLE_HEADER_ROW]]
    col = headers.index("A3 · Bloc 2") + 1
    row = structure.TABLE_HEADER_ROW + 1
    ws.cell(row, col).value = "=1+2"
    wb.save(src)
    # As a teacher's Excel saves it: the formula with its computed value.
    saved = libreoffice.convert(src, "xlsx", tmp_path / "excel")
    out = CliRunner().invoke(cli, ["fusionner", str(copies["equipe"]), str(saved)])
    assert out.exit_code == 0, out.output
    team = load_workbook(copies["equipe"])
    grille_ws = team[structure.SHEET_GRILLE]
    merged_headers = [c.value for c in grille_ws[structure.TABLE_HEADER_ROW]]
    eleve = ws.cell(row, 1).value
    target = next(
        r
        for r in grille_ws.iter_rows(min_row=structure.TABLE_HEADER_ROW + 1)
        if r[0].value == eleve
    )
    cell = target[merged_headers.index("A3 · Bloc 2")]
    assert cell.value == 3 and cell.data_type == "n"
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=")
        for r in grille_ws.iter_rows()
        for c in r
    )


def test_a_zip_bomb_is_refused_before_parsing(copies: dict[str, Path], tmp_path: Path) -> None:
    import zipfile

    bomb = tmp_path / "copie-piegee.xlsx"
    with zipfile.ZipFile(copies["b"]) as src, zipfile.ZipFile(bomb, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info), compress_type=zipfile.ZIP_DEFLATED)
        # 5 MB of zeros compress about 1000 to 1: the pattern of a zip bomb.
        dst.writestr("xl/media/bourrage.bin", b"\0" * 5_000_000, zipfile.ZIP_DEFLATED)
    before = copies["equipe"].read_bytes()
    out = CliRunner().invoke(cli, ["fusionner", str(copies["equipe"]), str(bomb)])
    assert out.exit_code == 1
    assert "« copie-piegee.xlsx » ne ressemble pas à une copie de la grille" in plain(out.output)
    assert copies["equipe"].read_bytes() == before


def test_a_damaged_copy_is_a_french_error(copies: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "copie-tronquee.xlsx"
    broken.write_bytes(copies["b"].read_bytes()[:5000])
    out = CliRunner().invoke(cli, ["fusionner", str(copies["equipe"]), str(broken)])
    assert out.exit_code == 1
    assert "« copie-tronquee.xlsx »" in plain(out.output)
    assert "Traceback" not in out.output


def test_the_merge_itself_returns_rows_and_leaves_the_classeur_alone() -> None:
    """The core merge (no file): the classeur's rows first, then the new students; a blank
    never erases; a conflict keeps the classeur's value unless asked; the classeur it was
    given is not modified; the Update writes the rows in the Grille table's column order."""
    from classeur.domain.grille import fusion
    from classeur.sheets import grille

    team = _team()
    team.grid = [GridEntry("Léa", "401", "Nadia", {("A1", B1): 3, ("A2", B2): 1})]
    before = copy.deepcopy(team)
    incoming = [
        GridEntry("LÉA", "401", "nadia", {("A1", B1): 2, ("A2", B1): 4}),  # same student
        GridEntry("Noah", "402", "Nadia", {("A1", B2): 1}),
    ]
    src = fusion.Source(
        "copie.xlsx", _copy_for(incoming), list(structure.grille_spec(team.learning_codes).headers)
    )
    kept = fusion.fusionner(team, [src])
    assert team == before
    assert [(e.eleve, e.resultats) for e in kept.rows] == [
        ("Léa", {("A1", B1): 3, ("A2", B2): 1, ("A2", B1): 4}),  # A2 at bloc 2 kept
        ("Noah", {("A1", B2): 1}),
    ]
    assert (kept.added_students, kept.added_values, len(kept.conflicts)) == (1, 2, 1)
    assert not kept.conflicts[0].replaced and "--remplacer-conflits" in kept.messages[-1]
    replaced = fusion.fusionner(team, [src], remplacer=True)
    assert replaced.rows[0].resultats[("A1", B1)] == 2 and replaced.conflicts[0].replaced
    table = grille.merged_update(team, replaced).tables[structure.GRILLE_NAME]
    headers = list(structure.grille_spec(team.learning_codes).headers)
    row = dict(zip(headers, table[0], strict=True))
    assert row[structure.grille_header("A1", B1)] == 2
    assert row[structure.grille_header("A2", B1)] == 4
    assert row[structure.grille_header("A1", B2)] is None
    assert [r[0] for r in table] == ["Léa", "Noah"]


def test_names_typed_in_a_copy_are_shown_as_typed() -> None:
    """A student the team removed, and a conflict: the names a teacher typed (straight
    apostrophes) are quoted as typed, in what the command prints too, while the sentence
    around them is in Québec typography."""
    from classeur.cli.french import typeset
    from classeur.domain.grille import fusion, roster
    from classeur.domain.identity import student_key

    teacher, gone, stays = "Nadia O'Neil", "Jacob D'Amours", "Léa L'Heureux"
    team = _team()
    team.grid = [GridEntry(stays, "401", teacher, {("A1", B1): 3})]
    team.settings.eleves_connus = roster.fingerprint(student_key(gone, "401", teacher))
    incoming = [
        GridEntry(gone, "401", teacher, {("A1", B1): 2}),
        GridEntry(stays, "401", teacher, {("A1", B1): 1}),
    ]
    headers = list(structure.grille_spec(team.learning_codes).headers)
    merged = fusion.fusionner(
        team, [fusion.Source("copie d'O'Neil.xlsx", _copy_for(incoming), headers)]
    )
    said = [typeset(line) for line in merged.messages]
    removed = next(line for line in said if line.startswith("Élève retiré"))
    assert (
        "Élève retiré du classeur, présent dans la copie de «\u00a0Nadia O'Neil\u00a0» "
        "(«\u00a0copie d'O'Neil.xlsx\u00a0»)\u00a0: «\u00a0Jacob D'Amours\u00a0» (groupe "
        "«\u00a0401\u00a0»). Il n’a pas été rajouté;"
    ) in removed
    conflict = next(line for line in said if line.startswith("Conflit"))
    assert (
        "élève «\u00a0Léa L'Heureux\u00a0» (groupe «\u00a0401\u00a0», «\u00a0Nadia O'Neil\u00a0»)"
        in conflict
    )
    assert said == merged.messages  # already typeset where Classeur writes them
    assert not [f for line in said for f in scan(unquoted(line), "fusionner")]
