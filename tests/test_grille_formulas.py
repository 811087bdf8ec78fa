"""`classeur compiler`: LibreOffice recalculates every formula of the Résultats sheet and
gets exactly the numbers Python computed (demo and edge cases, every scale)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from classeur.domain import demo
from classeur.domain.grille.stats import statistiques, statistiques_groupes
from classeur.domain.model import Classeur, GridEntry, Learning
from classeur.files import filebook, libreoffice, xlsx_new, xlsx_read
from classeur.layout import compilation, structure, vocabulary
from classeur.sheets.grille import compiler
from classeur.text.resultats import phrase
from tests.conftest import needs_libreoffice

pytestmark = [needs_libreoffice, pytest.mark.libreoffice]

NONE = compilation.RESULTATS_NONE


def _with_scale(echelle: str, niveaux: list[Any], seed: int) -> Classeur:
    """The demo's team, with results on ``echelle`` and one niveau visé per apprentissage."""
    rng = random.Random(seed)
    c = demo.demo()
    c.settings.echelle = echelle
    scale = vocabulary.ECHELLES[echelle]
    c.learnings = [
        Learning(lrn.code, lrn.description, lrn.criteres, niveau, lrn.objectif)
        for lrn, niveau in zip(c.learnings, niveaux, strict=True)
    ]
    for e in c.grid:
        e.resultats = {
            k: rng.choice(scale) for k in e.resultats if rng.random() < 0.9
        }  # blocs 3 and finale stay blank: nobody evaluated there
    return c


def _special_names() -> Classeur:
    """Names that a naive COUNTIFS would misread: quotes, wildcards, case, operators."""
    c = demo.blank("car", "Cas limites")
    c.learnings = [
        Learning("A1", "Premier", niveau_vise=3, objectif=0.8),
        Learning("C'#2", "Code avec apostrophe et dièse", niveau_vise=2, objectif=0.5),
    ]
    rows = [
        ('Élève "un"', "4?2", "Jean-François L'Heureux*", {("A1", "Bloc 1"): 3}),
        ("Élève deux", "4?2", "Jean-François L'Heureux*", {("A1", "Bloc 1"): 1}),
        ("Élève trois", "412", "Jean-François L'Heureux", {("A1", "Bloc 1"): 4}),
        ("Élève quatre", "402", "karim benali", {("A1", "Bloc 1"): 2, ("C'#2", "Bloc 1"): 2}),
        ("Élève cinq", "402", "Karim Benali", {("A1", "Bloc 1"): 3, ("C'#2", "Bloc 3"): 1}),
        ("=1+1", "<5", "Nadia Ouellet", {("A1", "Finale"): 4, ("C'#2", "Finale"): 3}),
    ]
    c.grid = [GridEntry(e, g, t, dict(r)) for e, g, t, r in rows]
    return c


def _cases() -> dict[str, Classeur]:
    vide = demo.demo()
    for e in vide.grid:
        e.resultats = {}
    un = demo.demo()
    un.grid = [un.grid[0]]
    sans_eleves = demo.demo()
    sans_eleves.grid = []
    return {
        "demo": demo.demo(),
        "vide": vide,
        "un-eleve": un,
        "sans-eleves": sans_eleves,
        "lettres": _with_scale(vocabulary.ECHELLE_A_E, ["C", "B", "A", "D"], 1),
        "atteint": _with_scale(
            vocabulary.ECHELLE_ANP, ["Atteint", "Partiellement", "Atteint", "Non atteint"], 2
        ),
        "noms": _special_names(),
    }


@dataclass
class Compiled:
    model: Classeur  # as read back from the compiled file
    path: Path
    values: Any  # the workbook as LibreOffice recalculated it (data_only)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Compiled]:
    folder = tmp_path_factory.mktemp("grille")
    paths = {}
    for name, c in _cases().items():
        path = xlsx_new.write_classeur(c, folder / f"{name}.xlsx")
        if name == "lettres":
            # A level typed in lower case still counts (Excel compares without case).
            wb = load_workbook(path)
            ws = wb[structure.SHEET_GRILLE]
            for row in ws.iter_rows(min_row=structure.TABLE_HEADER_ROW + 1):
                for cell in row[len(structure.GRILLE_FIXED) :]:
                    if cell.value == "B":
                        cell.value = "b"
                        break
            wb.save(path)
        if name == "noms":
            # A group typed as a number in Excel is read as text "402".
            wb = load_workbook(path)
            ws = wb[structure.SHEET_GRILLE]
            for row in ws.iter_rows(min_row=structure.TABLE_HEADER_ROW + 1):
                if row[1].value == "402":
                    row[1].value = 402
            wb.save(path)
        filebook.update_classeur(path, lambda e: compiler(e.model, e.sheet_values))
        paths[name] = path
    converted = libreoffice.convert_all(list(paths.values()), "xlsx", folder / "lo")
    return {
        name: Compiled(xlsx_read.read_classeur(path), path, load_workbook(out, data_only=True))
        for (name, path), out in zip(paths.items(), converted, strict=True)
    }


def _same(lo: Any, py: float | int | None) -> bool:
    if py is None:
        return lo == NONE
    return isinstance(lo, int | float) and lo == pytest.approx(py, rel=1e-12, abs=1e-12)


def _rows_after(ws: Any, first_header: str, column: int = 1) -> list[tuple[Any, ...]]:
    """Rows below the header row whose cell ``column`` is ``first_header``, up to a blank."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(
        i
        for i, r in enumerate(rows)
        if len(r) >= column and r[column - 1] == first_header and r[column] is not None
    )
    out = []
    for r in rows[start + 1 :]:
        if r[0] is None:
            break
        out.append(r)
    return out


CASES = list(_cases())


@pytest.mark.parametrize("case", CASES)
def test_detail_formulas_give_python_numbers(compiled: dict[str, Compiled], case: str) -> None:
    got = compiled[case]
    ws = got.values[structure.SHEET_RESULTATS]
    rows = _rows_after(ws, compilation.RESULTATS_DETAIL_COLUMNS[0].header)
    stats = statistiques(got.model)
    assert len(rows) == len(stats) == len(got.model.learnings) * len(vocabulary.BLOCS)
    col = {c.key: i for i, c in enumerate(compilation.RESULTATS_DETAIL_COLUMNS)}
    for row, s in zip(rows, stats, strict=True):
        assert (row[col["code"]], row[col["bloc"]]) == (s.code, s.bloc)
        assert row[col["evalues"]] == s.evalues, (case, s)
        assert row[col["atteints"]] == s.atteints, (case, s)
        assert _same(row[col["pourcentage"]], s.pourcentage), (case, s, row)
        assert _same(row[col["ecart"]], s.ecart), (case, s, row)
        assert _same(row[col["progression"]], s.progression), (case, s, row)
        for value in row:
            assert not (isinstance(value, str) and value.startswith("#")), (case, row)


@pytest.mark.parametrize("case", CASES)
def test_synthesis_and_group_formulas_give_python_numbers(
    compiled: dict[str, Compiled], case: str
) -> None:
    got = compiled[case]
    ws = got.values[structure.SHEET_RESULTATS]
    synth = _rows_after(ws, compilation.RESULTATS_SYNTH_HEADERS[0])
    stats = {(s.code, s.bloc): s for s in statistiques(got.model)}
    assert [r[0] for r in synth] == got.model.learning_codes
    for r in synth:
        for b, bloc in enumerate(vocabulary.BLOCS, start=1):
            assert _same(r[b], stats[(r[0], bloc)].pourcentage), (case, r)
        assert _same(r[len(vocabulary.BLOCS) + 1], stats[(r[0], vocabulary.BLOC_1)].objectif)

    groups = _rows_after(ws, compilation.RESULTATS_GROUPES_FIXED[0])
    expected = [
        (ens, grp, s)
        for ens, grp, group_stats in statistiques_groupes(got.model)
        for s in group_stats
    ]
    per_row = len(vocabulary.BLOCS)
    assert len(groups) * per_row == len(expected)
    n_fixed = len(compilation.RESULTATS_GROUPES_FIXED)
    for i, row in enumerate(groups):
        for b in range(per_row):
            ens, grp, s = expected[i * per_row + b]
            assert (row[0], str(row[1]), row[2]) == (ens, grp, s.code)
            evalues, atteints, pct = row[n_fixed + 3 * b : n_fixed + 3 * b + 3]
            assert (evalues, atteints) == (s.evalues, s.atteints), (case, ens, grp, s)
            assert _same(pct, s.pourcentage), (case, ens, grp, s)


def test_edge_cases_are_what_they_claim(compiled: dict[str, Compiled]) -> None:
    # Guard the fixture: each case really exercises its edge.
    vide = statistiques(compiled["vide"].model)
    assert vide and all(s.evalues == 0 and s.pourcentage is None for s in vide)
    assert len(compiled["un-eleve"].model.grid) == 1
    assert compiled["lettres"].model.settings.echelle == vocabulary.ECHELLE_A_E
    demo_stats = statistiques(compiled["demo"].model)
    assert any(s.evalues == 0 for s in demo_stats) and any(s.evalues > 0 for s in demo_stats)
    noms = statistiques_groupes(compiled["noms"].model)
    # « karim benali » and « Karim Benali » are one group, as in Excel.
    assert [(e, g) for e, g, _ in noms].count(("karim benali", "402")) == 1
    a1 = {(e, g): next(s for s in st if s.code == "A1") for e, g, st in noms}
    assert a1[("karim benali", "402")].evalues == 2
    # « L'Heureux* » is not a wildcard: it does not count « L'Heureux »'s students.
    assert a1[("Jean-François L'Heureux*", "4?2")].evalues == 2
    # The demo's sentence, word for word as the comptes rendus show it.
    assert phrase(demo_stats[1]) == (
        "42 élèves sur 58 (72\u00a0%) atteignent le niveau visé en A1 au bloc 2; objectif 80\u00a0%"
    )


def test_reached_uses_one_countifs_per_qualifying_level(compiled: dict[str, Compiled]) -> None:
    wb = load_workbook(compiled["lettres"].path)
    ws = wb[structure.SHEET_RESULTATS]
    header = compilation.RESULTATS_DETAIL_COLUMNS[0].header
    rows = list(ws.iter_rows())
    start = next(i for i, r in enumerate(rows) if r[0].value == header and r[2].value)
    first = rows[start + 1]  # A1, Bloc 1, niveau visé C
    col = {c.key: i for i, c in enumerate(compilation.RESULTATS_DETAIL_COLUMNS)}
    evaluated = first[col["evalues"]].value
    reached = first[col["atteints"]].value
    assert evaluated == '=COUNTIFS(tblGrille[A1 · Bloc 1],"<>")'
    assert reached == "=" + "+".join(f'COUNTIFS(tblGrille[A1 · Bloc 1],"={x}")' for x in "CBA")
    assert first[col["pourcentage"]].value.startswith("=IF(")
    # The description a teacher typed is text, never a formula.
    assert first[col["description"]].data_type == "s"


def test_pdf_shows_results_chart_and_paliers(compiled: dict[str, Compiled], tmp_path: Path) -> None:
    import subprocess
    import unicodedata

    pdf = libreoffice.convert(compiled["demo"].path, "pdf", tmp_path)
    text = unicodedata.normalize(
        "NFC",
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout,
    )
    assert compilation.RESULTATS_TITLE in text
    assert compilation.RESULTATS_CHART_TITLE in text  # the chart is drawn
    assert compilation.PALIERS_TITLE in text
    assert "72 %" in text.replace("\u00a0", " ")
