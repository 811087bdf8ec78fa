"""Grille de compilation without LibreOffice: sentences, paliers and their rule, what
`classeur compiler` writes (sheets, table, chart, settings) and what it keeps."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from classeur.cli.main import cli
from classeur.domain import demo
from classeur.domain.grille import paliers, stats
from classeur.domain.model import Classeur, GridEntry, Learning
from classeur.errors import ClasseurError
from classeur.files import filebook, xlsx_new, xlsx_read
from classeur.layout import compilation, structure, vocabulary
from classeur.sheets import grille
from classeur.text import resultats
from tests.clirun import written
from tests.typography import plain

NBSP = "\u00a0"


def _stat(evalues: int, atteints: int, bloc: str = vocabulary.BLOC_2) -> stats.Stat:
    return stats.Stat("A2", bloc, evalues, atteints, 0.8, 3)


def test_sentence_for_the_comptes_rendus() -> None:
    assert resultats.phrase(_stat(58, 42)) == (
        f"42 élèves sur 58 (72{NBSP}%) atteignent le niveau visé en A2 au bloc 2; "
        f"objectif 80{NBSP}%"
    )
    assert resultats.phrase(_stat(1, 1, vocabulary.BLOC_FINALE)) == (
        f"1 élève sur 1 (100{NBSP}%) atteint le niveau visé en A2 à l’évaluation finale; "
        f"objectif 80{NBSP}%"
    )
    assert resultats.phrase(_stat(5, 0)) == (
        f"0 élève sur 5 (0{NBSP}%) atteint le niveau visé en A2 au bloc 2; objectif 80{NBSP}%"
    )
    assert resultats.phrase(_stat(0, 0, vocabulary.BLOC_3)) == (
        f"Aucun élève évalué en A2 au bloc 3; objectif 80{NBSP}%"
    )


def test_sentences_per_rencontre_look_back_on_the_previous_bloc() -> None:
    c = demo.demo()
    r3 = resultats.phrases_rencontre(c, 3)  # R3 analyses bloc 2
    assert len(r3) == len(c.learnings)
    assert r3[0] == (
        f"42 élèves sur 58 (72{NBSP}%) atteignent le niveau visé en A1 au bloc 2; "
        f"objectif 80{NBSP}%"
    )
    assert all("au bloc 1" in p for p in resultats.phrases_rencontre(c, 2))
    assert resultats.phrases_rencontre(c, 4) == []  # bloc 3: nothing evaluated yet
    assert resultats.phrases_rencontre(c, 1) == []
    r3_meeting = c.meeting(3)
    assert r3_meeting is not None
    assert resultats.phrases_pour_rencontre(c, r3_meeting) == r3
    reseau = demo.demo(vocabulary.MODELE_RESEAU)
    assert resultats.phrases_pour_rencontre(reseau, reseau.meetings[1]) == []


def test_statistics_count_levels_at_or_above_target_and_ignore_blanks() -> None:
    c = demo.blank("car")
    c.settings.echelle = vocabulary.ECHELLE_ANP
    c.learnings = [Learning("A1", "x", niveau_vise="Partiellement", objectif=0.5)]
    b1, b2 = vocabulary.BLOC_1, vocabulary.BLOC_2
    c.grid = [
        GridEntry("a", "1", "T", {("A1", b1): "Atteint", ("A1", b2): "Atteint"}),
        GridEntry("b", "1", "T", {("A1", b1): "Partiellement"}),
        GridEntry("c", "1", "T", {("A1", b1): "Non atteint", ("A1", b2): "Non atteint"}),
        GridEntry("d", "1", "T", {}),
    ]
    s1, s2, s3, _ = stats.statistiques(c)
    assert (s1.evalues, s1.atteints, s1.pourcentage) == (3, 2, 2 / 3)
    assert s1.ecart == pytest.approx(2 / 3 - 0.5)
    assert s1.progression is None
    assert (s2.evalues, s2.atteints, s2.pourcentage) == (2, 1, 0.5)
    assert s2.progression == pytest.approx(0.5 - 2 / 3)
    assert (s3.evalues, s3.pourcentage, s3.ecart, s3.progression) == (0, None, None, None)


def _palier_model() -> Classeur:
    c = demo.blank("car")
    c.learnings = [Learning(code, code, niveau_vise=3) for code in ("A1", "A2", "A3")]
    b1, b2 = vocabulary.BLOC_1, vocabulary.BLOC_2

    def results(*pairs: tuple[int, int]) -> dict[tuple[str, str], int | str]:
        out: dict[tuple[str, str], int | str] = {}
        for code, (first, second) in zip(("A1", "A2", "A3"), pairs, strict=True):
            if first:
                out[(code, b1)] = first
            if second:
                out[(code, b2)] = second
        return out

    c.grid = [
        GridEntry("Tout atteint", "401", "T", results((3, 3), (4, 4), (3, 3))),
        GridEntry("Un manque", "401", "T", results((3, 3), (3, 3), (2, 2))),
        # A1: 2 then 3 (reached now); A2 and A3 never reached -> 2 not reached
        GridEntry("Deux manques", "401", "T", results((2, 3), (2, 2), (1, 1))),
        GridEntry("Trois manques", "401", "T", results((2, 2), (2, 2), (2, 2))),
        # 1 not reached and going down -> palier 2 + 1
        GridEntry("En recul", "401", "T", results((4, 3), (4, 3), (3, 2))),
        # all reached, but 3 evaluations missed while the group was evaluated
        GridEntry("Absent", "401", "T", results((3, 0), (3, 0), (3, 0))),
    ]
    return c


def test_palier_rule_is_transparent_and_adjustable() -> None:
    c = _palier_model()
    by_name = {s.entry.eleve: s for s in paliers.suggestions(c)}
    assert {n: s.palier for n, s in by_name.items()} == {
        "Tout atteint": 1,
        "Un manque": 2,
        "Deux manques": 2,
        "Trois manques": 3,
        "En recul": 3,
        "Absent": 2,
    }
    assert by_name["Deux manques"].non_atteints == ["A2", "A3"]
    assert by_name["En recul"].tendance == compilation.TENDANCE_BAISSE
    assert by_name["Tout atteint"].tendance == compilation.TENDANCE_STABLE
    assert by_name["Absent"].manques == 3
    assert by_name["En recul"].raison == (
        f"1 non atteint{NBSP}: palier 2 (palier 2 dès 1, palier 3 dès 3); "
        f"en recul{NBSP}: +1 → palier 3"
    )
    assert by_name["Absent"].raison.endswith(f"3 évaluations manquées (dès 3){NBSP}: +1 → palier 2")
    order = [s.entry.eleve for s in paliers.suggestions(c)]
    assert order[:2] == ["Trois manques", "En recul"]  # most in need first

    c.settings.extra.update(
        {
            compilation.PARAM_PALIER2: "2",
            compilation.PARAM_PALIER3: "2",
            compilation.PARAM_PALIER_RECUL: "non",
            compilation.PARAM_PALIER_MANQUES: "",
        }
    )
    by_name = {s.entry.eleve: s for s in paliers.suggestions(c)}
    assert {n: s.palier for n, s in by_name.items()} == {
        "Tout atteint": 1,
        "Un manque": 1,
        "Deux manques": 3,
        "Trois manques": 3,
        "En recul": 1,
        "Absent": 1,
    }
    text = "\n".join(paliers.palier_rule(c).describe())
    assert f"Palier 3 (intensif){NBSP}: au moins 2 apprentissages non atteints." in text
    assert f"Évaluations manquées{NBSP}: sans effet." in text


@pytest.mark.parametrize(
    ("key", "value", "hint"),
    [
        (compilation.PARAM_PALIER2, "deux", "Inscrivez un nombre entier d'au moins 1."),
        (compilation.PARAM_PALIER3, "0", "Inscrivez un nombre entier d'au moins 1."),
        (compilation.PARAM_PALIER_RECUL, "peut-être", "Inscrivez « oui » ou « non »."),
    ],
)
def test_invalid_palier_parameter_is_a_french_error(key: str, value: str, hint: str) -> None:
    c = _palier_model()
    c.settings.extra[key] = value
    with pytest.raises(ClasseurError) as err:
        paliers.palier_rule(c)
    assert str(err.value) == (
        f"Feuille « {structure.SHEET_PARAMETRES} », colonne « Valeur » : La valeur « {value} » "
        f"du paramètre « {key} » n'est pas valide. {hint}"
    )


def test_palier3_below_palier2_is_refused() -> None:
    c = _palier_model()
    c.settings.extra[compilation.PARAM_PALIER2] = "3"
    c.settings.extra[compilation.PARAM_PALIER3] = "2"
    with pytest.raises(ClasseurError, match="au moins celui du palier 2"):
        paliers.palier_rule(c)


def _compile(path: Path) -> None:
    filebook.update_classeur(path, lambda e: grille.compiler(e.model, e.sheet_values))


def _paliers_rows(ws) -> tuple[list[str], list[tuple]]:
    rows = list(ws.iter_rows(values_only=True))
    headers = [c.header for c in compilation.PALIERS_COLUMNS]
    start = next(i for i, r in enumerate(rows) if list(r[: len(headers)]) == headers)
    return headers, [r for r in rows[start + 1 :] if r[0] is not None]


def test_compile_writes_results_paliers_table_and_chart(demo_path: Path) -> None:
    c = demo.demo()
    c.grid[0].eleve = '=HYPERLINK("http://x","clic")'
    path = xlsx_new.write_classeur(c, demo_path)
    _compile(path)
    wb = load_workbook(path)
    names = wb.sheetnames
    assert names.index(structure.SHEET_RESULTATS) == names.index(structure.SHEET_GRILLE) + 1
    assert names.index(structure.SHEET_PALIERS) == names.index(structure.SHEET_RESULTATS) + 1
    res = wb[structure.SHEET_RESULTATS]
    assert res["A1"].value == compilation.RESULTATS_TITLE
    assert len(res._charts) == 1
    assert compilation.RESULTATS_GROUPES_TABLE in res.tables
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        xml = z.read(charts[0]).decode()
    assert "<barChart>" in xml and "<lineChart>" in xml  # bars per bloc + objectif
    assert f"'{structure.SHEET_RESULTATS}'!" in xml

    pal = wb[structure.SHEET_PALIERS]
    table = pal.tables[compilation.PALIERS_TABLE]
    headers, rows = _paliers_rows(pal)
    assert [c.name for c in table.tableColumns] == headers
    assert len(rows) == len(c.grid)
    assert table.ref.endswith(str(pal.max_row))
    expected = paliers.suggestions(xlsx_read.read_classeur(path))
    assert [(r[0], r[3], r[8]) for r in rows] == [
        (s.entry.eleve, compilation.PALIER_LABELS[s.palier], s.raison) for s in expected
    ]
    # A student's name that looks like a formula stays text.
    cell = next(row[0] for row in pal.iter_rows() if str(row[0].value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"
    rule_lines = [str(r[0]) for r in pal.iter_rows(max_col=1, values_only=True)]
    for line in paliers.palier_rule(c).describe():
        assert line in rule_lines
    # The parameters are in the settings table, with their description.
    c2 = xlsx_read.read_classeur(path)
    assert {
        k: c2.settings.extra[k] for k in compilation.PALIER_DEFAULTS
    } == compilation.PALIER_DEFAULTS
    params = wb[structure.SHEET_PARAMETRES]
    descriptions = {r[0]: r[2] for r in params.iter_rows(values_only=True)}
    assert (
        descriptions[compilation.PARAM_PALIER2]
        == compilation.GRILLE_PARAM_DESCRIPTIONS[compilation.PARAM_PALIER2]
    )


def test_compile_keeps_adjusted_parameters_and_team_notes(demo_path: Path) -> None:
    _compile(demo_path)
    wb = load_workbook(demo_path)
    # The team adjusts the rule in Paramètres and writes notes in the Paliers table.
    params = wb[structure.SHEET_PARAMETRES]
    for row in params.iter_rows():
        if row[0].value == compilation.PARAM_PALIER3:
            row[1].value = "2"
    pal = wb[structure.SHEET_PALIERS]
    headers, rows = _paliers_rows(pal)
    notes_col = headers.index(compilation.PALIERS_COLUMNS[-1].header) + 1
    first_data = next(r for r in range(1, pal.max_row + 1) if pal.cell(r, 1).value == rows[0][0])
    pal.cell(first_data, notes_col).value = "Rencontre avec les parents le 3 décembre"
    pal.cell(first_data + 5, notes_col).value = "=2+2 (pas une formule)"
    noted = {rows[0][0]: "Rencontre avec les parents le 3 décembre", rows[5][0]: None}
    wb.save(demo_path)
    # A noted student leaves the grille.
    c = xlsx_read.read_classeur(demo_path)
    gone = next(e for e in c.grid if e.eleve == rows[5][0])

    def make(edit: filebook.Edit):
        edit.model.grid = [e for e in edit.model.grid if e.eleve != gone.eleve]
        return grille.compiler(edit.model, edit.sheet_values)

    update = filebook.update_classeur(demo_path, make)
    assert (
        "1 note de la feuille « Paliers » concerne un élève absent de la grille : elle est "
        "conservée en bas du tableau."
    ) in update.messages
    c = xlsx_read.read_classeur(demo_path)
    assert c.settings.extra[compilation.PARAM_PALIER3] == "2"  # not reset to the default
    pal = load_workbook(demo_path)[structure.SHEET_PALIERS]
    _, rows = _paliers_rows(pal)
    by_name = {r[0]: r for r in rows}
    assert by_name[rows[0][0]][notes_col - 1] is not None
    kept = [r for r in rows if r[notes_col - 1] == noted[next(iter(noted))]]
    assert len(kept) == 1
    last = rows[-1]
    assert last[0] == gone.eleve and last[8] == compilation.PALIERS_GONE
    assert last[notes_col - 1] == "=2+2 (pas une formule)"
    assert "palier 3 dès 2" in by_name[rows[0][0]][8]


def test_compile_command_prints_results_and_refuses_bad_files(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    out = CliRunner().invoke(cli, ["compiler", str(path), "-o", str(tmp_path / "copie.xlsx")])
    assert out.exit_code == 0, out.output
    assert (
        f"42 élèves sur 58 (72{NBSP}%) atteignent le niveau visé en A1 au bloc 2; "
        f"objectif 80{NBSP}%." in out.output
    )
    assert "Paliers suggérés\u00a0: " in out.output
    assert structure.SHEET_RESULTATS in load_workbook(tmp_path / "copie.xlsx").sheetnames
    assert structure.SHEET_RESULTATS not in load_workbook(path).sheetnames  # -o: source untouched

    again = CliRunner().invoke(cli, ["compiler", str(path), "-o", str(tmp_path / "copie.xlsx")])
    assert again.exit_code != 0

    wb = load_workbook(path)
    for row in wb[structure.SHEET_PARAMETRES].iter_rows():
        if row[0].value == compilation.PARAM_PALIER_RECUL:
            row[1].value = "parfois"
    wb.save(path)
    before = path.read_bytes()
    import subprocess
    import sys

    bad = subprocess.run(
        [sys.executable, "-m", "classeur", "compiler", str(path)], capture_output=True, text=True
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert "« parfois » du paramètre « palier_recul_plus_un » n'est pas valide" in plain(bad.stderr)
    assert path.read_bytes() == before


def test_comptes_rendus_carry_the_grille_numbers(tmp_path: Path) -> None:
    path = tmp_path / "demo.xlsx"
    assert CliRunner().invoke(cli, ["demo", "-o", str(path)]).exit_code == 0
    sentence = (
        f"42 élèves sur 58 (72{NBSP}%) atteignent le niveau visé en A1 au bloc 2; "
        f"objectif 80{NBSP}%"
    )

    def texts(sheet: str) -> str:
        ws = load_workbook(path)[sheet]
        return "\n".join(str(v) for r in ws.iter_rows(values_only=True) for v in r if v)

    assert f"• {sentence}" in texts(structure.meeting_sheet(3))  # R3 analyses bloc 2
    assert "au bloc 1; objectif" in texts(structure.meeting_sheet(2))
    assert "atteignent le niveau visé" not in texts(structure.meeting_sheet(4))  # bloc 3: none
    out = CliRunner().invoke(
        cli, ["compte-rendu", str(path), "-r", "3", "--aujourdhui", "2026-11-25"]
    )
    assert out.exit_code == 0, out.output
    files = written(out.output)
    assert files and all(sentence in p.read_text(encoding="utf-8") for p in files)


def test_verifier_reports_an_invalid_palier_parameter(tmp_path: Path) -> None:
    c = demo.demo()
    c.settings.extra[compilation.PARAM_PALIER2] = "deux"
    path = xlsx_new.write_classeur(c, tmp_path / "equipe.xlsx")
    out = CliRunner().invoke(cli, ["verifier", str(path)])
    assert out.exit_code == 1
    assert (
        f"Fichier « equipe.xlsx », feuille « {structure.SHEET_PARAMETRES} », colonne « Valeur » : "
        f"La valeur « deux » du paramètre « {compilation.PARAM_PALIER2} » n'est pas valide."
    ) in plain(out.output)
    ok = xlsx_new.write_classeur(demo.demo(), tmp_path / "ok.xlsx")
    assert CliRunner().invoke(cli, ["verifier", str(ok)]).exit_code == 0


def test_agenda_documents_show_the_numbers_under_the_analysis_item(tmp_path: Path) -> None:
    from classeur.domain import canevas

    path = tmp_path / "demo.xlsx"
    assert CliRunner().invoke(cli, ["demo", "-o", str(path)]).exit_code == 0
    sentence = (
        f"42 élèves sur 58 (72{NBSP}%) atteignent le niveau visé en A1 au bloc 2; "
        f"objectif 80{NBSP}%"
    )
    out = CliRunner().invoke(
        cli, ["ordre-du-jour", str(path), "-r", "3", "--aujourdhui", "2026-11-25"]
    )
    assert out.exit_code == 0, out.output
    files = {path.suffix: path for path in written(out.output)}
    text = plain(files[".txt"].read_text(encoding="utf-8"))  # wording, not typography
    analysis = text.index(plain(canevas.ANALYSER))
    # The sentence comes right under the analysis item, before the next item.
    assert analysis < text.index(plain(f"• {sentence}")) < text.index("5. Cibler")
    html = plain(files[".html"].read_text(encoding="utf-8"))
    assert plain(f"<li>{sentence}</li>") in html
    assert html.count("<li>") == 4  # one sentence per apprentissage, only there
