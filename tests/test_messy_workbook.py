"""A workbook edited by hand all year: `verifier` reports each planted problem with its
sheet, row and column, in French (and nothing on the clean demo); the Grille's header
format is written on the sheet; `compiler` never silently drops a results column."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from classeur import features
from classeur.domain import checks, demo
from classeur.files import filebook, xlsx_new
from classeur.layout import structure
from tests.typography import plain


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "classeur", *args], capture_output=True, text=True)


def _columns(ws, header_row: int) -> dict[str, int]:
    return {
        ws.cell(row=header_row, column=j).value: j
        for j in range(1, ws.max_column + 1)
        if ws.cell(row=header_row, column=j).value
    }


def _rename(wb, table_name: str, old: str, new: str) -> None:
    """Rename a table's column as Excel does (header cell and table column together)."""
    for ws in wb.worksheets:
        table = ws.tables.get(table_name)
        if table is None:
            continue
        for j, col in enumerate(table.tableColumns):
            if col.name == old:
                col.name = new
                first = ws[table.ref.split(":")[0]]
                ws.cell(row=first.row, column=first.column + j, value=new)
                return
    raise AssertionError((table_name, old))


# Each planted problem: (sheet, row, column header, words the message must hold).
Planted = tuple[str, int | None, str, str]


def plant(path: Path) -> list[Planted]:
    """Type into a clean classeur what a team types in a year, each slip once."""
    wb = load_workbook(path)
    row = structure.TABLE_HEADER_ROW + 1  # first data row of every input table
    planted: list[Planted] = []
    ws = wb[structure.SHEET_RENCONTRES]
    col = _columns(ws, structure.TABLE_HEADER_ROW)
    ws.cell(row=row, column=col["Date"], value="2026-09-15")
    planted.append((structure.SHEET_RENCONTRES, row, "Date", "« 2026-09-15 » est du texte"))
    ws.cell(row=row + 1, column=col["Début"], value="12h45")
    planted.append((structure.SHEET_RENCONTRES, row + 1, "Début", "« 12h45 » est du texte"))
    ws.cell(row=row + 2, column=col["Date"], value="03/04/2027")
    planted.append((structure.SHEET_RENCONTRES, row + 2, "Date", "peut se lire"))
    ws.cell(row=row + 4, column=col["Début"]).value = None  # R5: an end, no start
    planted.append((structure.SHEET_RENCONTRES, row + 4, "Début", "pas d'heure de début"))
    ws = wb[structure.SHEET_EQUIPE]
    col = _columns(ws, structure.TABLE_HEADER_ROW)
    ws.cell(row=row + 1, column=col["Courriel"], value="p.oneil@cssdm,gouv.qc.ca")
    planted.append((structure.SHEET_EQUIPE, row + 1, "Courriel", "virgule"))
    # Grille: « A2 - Finale » and « A1 · bloc 3 » (unreadable), A4 with no column at all,
    # a level typed with a space; the team's own columns are left alone.
    _rename(wb, structure.GRILLE_NAME, "A2 · Finale", "A2 - Finale")
    _rename(wb, structure.GRILLE_NAME, "A1 · Bloc 3", "A1 · bloc 3")
    for b in ("Bloc 1", "Bloc 2", "Bloc 3", "Finale"):
        _rename(wb, structure.GRILLE_NAME, f"A4 · {b}", f"A4 {b} (ancien)")
    header = structure.TABLE_HEADER_ROW
    for bad, closest in (("A2 - Finale", "A2 · Finale"), ("A1 · bloc 3", "A1 · Bloc 3")):
        planted.append((structure.SHEET_GRILLE, header, bad, f"Renommez-la « {closest} »"))
    for b in ("Bloc 1", "Bloc 2", "Bloc 3", "Finale"):
        planted.append((structure.SHEET_GRILLE, header, f"A4 {b} (ancien)", "A4 ·"))
    ws = wb[structure.SHEET_APPRENTISSAGES]
    code_col = _columns(ws, header)["Code"]
    a4 = next(r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, code_col).value == "A4")
    planted.append((structure.SHEET_APPRENTISSAGES, a4, "Code", "« A4 » n'a aucune colonne"))
    ws = wb[structure.SHEET_GRILLE]
    col = _columns(ws, header)
    level = ws.cell(row=row + 3, column=col["A1 · Bloc 1"])
    level.value = f" {level.value}"
    planted.append((structure.SHEET_GRILLE, row + 3, "A1 · Bloc 1", "avec des espaces"))
    wb.save(path)
    return planted


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Planted]]:
    path = xlsx_new.write_classeur(demo.demo("car"), tmp_path_factory.mktemp("messy") / "c.xlsx")
    return path, plant(path)


def test_verifier_reports_every_planted_problem_where_it_is(messy) -> None:
    path, planted = messy
    found = features.verifier(filebook.FileSource(path))
    assert found.model is not None
    for sheet, row, column, words in planted:
        hits = [
            p
            for p in found.problems
            if (p.sheet, p.row, p.column) == (sheet, row, column) and words in str(p)
        ]
        assert len(hits) == 1, (sheet, row, column, words, [str(p) for p in found.problems])
    assert len(found.problems) == len(planted), [str(p) for p in found.problems]
    out = run("verifier", str(path))
    assert out.returncode == 1
    assert f"{len(planted)} problème" in out.stdout
    assert "Traceback" not in out.stderr


def test_the_clean_demo_has_nothing_to_report(tmp_path: Path) -> None:
    for modele in ("car", "reseau"):
        path = xlsx_new.write_classeur(demo.demo(modele), tmp_path / f"{modele}.xlsx")
        assert features.verifier(filebook.FileSource(path)).problems == []


def test_compiler_refuses_rather_than_drop_a_results_column(messy, tmp_path: Path) -> None:
    """« A2 - Finale » would be left out of the paliers: compiler refuses, naming it."""
    path, _ = messy
    before = path.read_bytes()
    out = run("compiler", str(path))
    assert out.returncode == 1
    assert "« A2 - Finale » n'est pas lu comme une colonne de résultats" in plain(out.stderr)
    assert "Renommez-la « A2 · Finale »" in plain(out.stderr)
    assert path.read_bytes() == before


def _without_a4_columns(path: Path) -> None:
    """The team renamed A4's columns into its own (« Notes Bloc 1 »…): A4 has none."""
    wb = load_workbook(path)
    for b in ("Bloc 1", "Bloc 2", "Bloc 3", "Finale"):
        _rename(wb, structure.GRILLE_NAME, f"A4 · {b}", f"Notes {b}")
    wb.save(path)


A4_HEADERS = [f"A4 · {b}" for b in ("Bloc 1", "Bloc 2", "Bloc 3", "Finale")]


def test_compiler_adds_the_columns_of_a_learning_with_none(tmp_path: Path) -> None:
    """A learning listed with no Grille column gets its four, empty, at the table's end;
    the team's columns and everything typed stay where they were."""
    path = xlsx_new.write_classeur(demo.demo("car"), tmp_path / "c.xlsx")
    _without_a4_columns(path)
    before = features.verifier(filebook.FileSource(path))
    assert any("« A4 » n'a aucune colonne" in str(p) for p in before.problems)
    grid = [
        list(r) for r in load_workbook(path)[structure.SHEET_GRILLE].iter_rows(values_only=True)
    ]
    out = run("compiler", str(path))
    assert out.returncode == 0, out.stderr
    assert "Colonnes ajoutées à la Grille pour les apprentissages qui n'en avaient pas : " + (
        ", ".join(f"« {h} »" for h in A4_HEADERS)
    ) in plain(out.stdout)
    ws = load_workbook(path)[structure.SHEET_GRILLE]
    table = ws.tables[structure.GRILLE_NAME]
    assert [c.name for c in table.tableColumns][-4:] == A4_HEADERS
    after = [list(r) for r in ws.iter_rows(values_only=True)]
    width = len(grid[structure.TABLE_HEADER_ROW - 1])
    assert [r[:width] for r in after[: len(grid)]] == [r[:width] for r in grid]  # nothing moved
    assert all(v is None for r in after[structure.TABLE_HEADER_ROW :] for v in r[width:])
    assert features.verifier(filebook.FileSource(path)).problems == []


def test_the_ribbon_adds_them_too(tmp_path: Path) -> None:
    """The same through Excel (xlwings' remote engine): the headers written beside the
    table, the table resized over them."""
    from classeur.excel.book import XlBook
    from tests import remote

    path = xlsx_new.write_classeur(demo.demo("car"), tmp_path / "c.xlsx")
    _without_a4_columns(path)
    excel = remote.book(path)
    lines = features.compiler(XlBook(excel))
    assert any(line.startswith("Colonnes ajoutées à la Grille") for line in lines)
    sheets = remote.payload_sheet_names(excel)
    on_grille = [
        a
        for a in remote.actions(excel)
        if a["sheet_position"] == sheets.index(structure.SHEET_GRILLE)
    ]
    assert any(a["func"] == "setValues" and a["values"] == [A4_HEADERS] for a in on_grille)
    assert any(a["func"] == "resizeTable" for a in on_grille)


def test_the_grille_header_form_is_written_on_the_sheet(tmp_path: Path) -> None:
    path = tmp_path / "n.xlsx"
    assert run("nouveau", str(path), "--modele", "car").returncode == 0
    ws = load_workbook(path)[structure.SHEET_GRILLE]
    texts = [c.value for row in ws.iter_rows(max_row=structure.TABLE_HEADER_ROW) for c in row]
    assert any(isinstance(t, str) and "«\u00a0A1 · Bloc 1\u00a0»" in t for t in texts)


CODES = ["A1", "A2", "A3", "A4"]


@given(
    st.sampled_from(CODES),
    st.sampled_from(["Bloc 1", "Bloc 2", "Bloc 3", "Finale"]),
    st.sampled_from([" - ", "-", " ", " : ", "·", " ·", "_", " / "]),
    st.booleans(),
)
def test_a_results_header_in_another_form_is_always_caught(
    code: str, bloc: str, sep: str, lower: bool
) -> None:
    header = f"{code}{sep}{bloc.lower() if lower else bloc}"
    found = checks.unreadable_grille_header(header, CODES)
    assert found is not None and found.column == header
    assert f"Renommez-la « {code} · {bloc} »" in str(found)


@given(st.text(min_size=1, max_size=30))
def test_a_teams_own_column_is_never_taken_for_a_results_one(text: str) -> None:
    """A header that does not start with a learning's code (« Remarques (PI, allergies…) »,
    « Commentaire A1 bloc 2 ») is the team's: never reported."""
    header = f"Remarques {text}"
    assert checks.unreadable_grille_header(header, CODES) is None
    assert checks.unreadable_grille_header(f"Commentaire A1 {text}", CODES) is None
