"""Réseau documents: fiche de proposition (annexe 1, résumé ≤ 150 words) and plan de réseau
(annexe 2, from the schedule option); typed text kept; LibreOffice agrees on word counts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from classeur.domain import demo, reseau
from classeur.domain.canevas import cee
from classeur.files import filebook, xlsx_new, xlsx_read
from classeur.layout import annexes, outputs, structure, vocabulary
from classeur.sheets import fiche as fiche_sheet
from classeur.sheets import plan as plan_sheet
from tests import exporting
from tests.conftest import needs_libreoffice, recalculated
from tests.typography import plain


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "classeur", *args], capture_output=True, text=True)


def _words(n: int) -> str:
    # Line breaks and double spaces on purpose: the formula and Python must agree.
    words = [f"mot{i}" for i in range(n)]
    return "  ".join(words[:5]) + " \n" + " ".join(words[5:]) if n > 5 else " ".join(words)


@pytest.fixture
def reseau_path(tmp_path: Path) -> Path:
    return xlsx_new.write_classeur(demo.demo(vocabulary.MODELE_RESEAU), tmp_path / "reseau.xlsx")


def _set_resume(path: Path, text: str) -> None:
    wb = load_workbook(path)
    wb[structure.SHEET_FICHE].cell(
        row=reseau.fiche_row(annexes.FICHE_RESUME), column=annexes.FICHE_VALUE_COL, value=text
    )
    wb.save(path)


def _fiche_answers(path: Path) -> dict[str, object]:
    ws = load_workbook(path)[structure.SHEET_FICHE]
    return {
        r[0]: r[1] for r in ws.iter_rows(min_row=annexes.FICHE_FIRST_ROW, values_only=True) if r[0]
    }


def test_fiche_prefills_keeps_typed_text_and_flags_long_resume(reseau_path: Path) -> None:
    out = run("fiche", str(reseau_path))
    assert out.returncode == 0, out.stderr
    answers = _fiche_answers(reseau_path)
    labels = dict(annexes.FICHE_FIELDS)
    assert answers[labels["nom"]] == "Andrée-Anne Despard"
    assert answers[labels["type"]] == "Réseau d’entraide"
    _set_resume(reseau_path, _words(151))
    wb = load_workbook(reseau_path)
    wb[structure.SHEET_FICHE].cell(
        row=reseau.fiche_row("nom"), column=annexes.FICHE_VALUE_COL, value="=Mme Despard"
    )
    wb.save(reseau_path)
    check = run("verifier", str(reseau_path))
    assert check.returncode == 1
    assert (
        "feuille « Fiche de proposition », ligne 16, colonne « Résumé du contenu (150 mots "
        "maximum) » : Le résumé du contenu compte 151 mots; le maximum est de 150. "
        "Retranchez 1 mot." in plain(check.stdout)
    )
    again = run("fiche", str(reseau_path))
    assert "résumé de 151 mots sur 150" in again.stdout
    answers = _fiche_answers(reseau_path)
    assert answers[labels[annexes.FICHE_RESUME]] == _words(151)  # kept
    assert answers[labels["nom"]] == "=Mme Despard"  # kept, as text
    cell = load_workbook(reseau_path)[structure.SHEET_FICHE].cell(
        row=reseau.fiche_row("nom"), column=annexes.FICHE_VALUE_COL
    )
    assert cell.data_type == "s"
    _set_resume(reseau_path, _words(150))
    assert run("verifier", str(reseau_path)).returncode == 0


def test_word_count() -> None:
    assert reseau.word_count(_words(151)) == 151
    assert reseau.word_count("  un\n\ndeux  trois ") == 3
    assert reseau.word_count("") == 0


@needs_libreoffice
@pytest.mark.libreoffice
def test_word_count_formula_agrees_with_python(reseau_path: Path, tmp_path: Path) -> None:
    filebook.update_classeur(reseau_path, lambda e: fiche_sheet.fiche(e.model, e.sheet_values))
    results = {}
    for n in (0, 150, 151):
        path = tmp_path / f"f{n}.xlsx"
        path.write_bytes(reseau_path.read_bytes())
        _set_resume(path, _words(n))
        ws = recalculated(path, tmp_path / f"lo{n}")[structure.SHEET_FICHE]
        row = annexes.FICHE_FIRST_ROW + len(annexes.FICHE_FIELDS)  # count, then verdict
        results[n] = (
            ws.cell(row=row, column=annexes.FICHE_VALUE_COL).value,
            ws.cell(row=row + 1, column=annexes.FICHE_VALUE_COL).value,
        )
    assert results[0][0] == 0
    assert results[150] == (150, "Le résumé respecte la limite de 150 mots.")
    assert results[151] == (151, "Trop long\u00a0: 150 mots maximum; retranchez 1 mot.")


def _plan_grid(path: Path) -> list[list[object]]:
    ws = load_workbook(path)[structure.SHEET_PLAN]
    return [list(r) for r in ws.iter_rows(min_row=annexes.PLAN_HEADER_ROW, values_only=True)]


@pytest.mark.parametrize(
    ("key", "columns", "periods"),
    [("2-journees", 2, 7), ("journee-2-apres-midis", 3, 7), ("4-apres-midis", 4, 3)],
)
def test_plan_follows_schedule_option(
    reseau_path: Path, key: str, columns: int, periods: int
) -> None:
    out = run("plan", str(reseau_path), "--horaire", key)
    assert out.returncode == 0, out.stderr
    grid = _plan_grid(reseau_path)
    header, rows = grid[0], grid[1:]
    assert header[0] == "Période" and len([h for h in header if h]) == columns + 1
    assert header[1].startswith("Jour 1 – jeudi 15 octobre 2026")
    assert len(rows) == periods
    assert rows[0][0] == ("8 h 45 à 10 h 15" if periods == 7 else "12 h 45 à 14 h 15")
    assert rows[-1][0] == "14 h 30 à 15 h 45"
    column = [r[1] for r in rows]
    if periods == 7:
        assert column[1] == "Pause" and column[3] == "Dîner" and column[5] == "Pause"
    if key == "journee-2-apres-midis":
        assert rows[0][2] == annexes.PLAN_OFF  # the afternoon has no morning
        assert "prévoit 3 rencontres" in out.stdout
    if key == "4-apres-midis":
        assert "Attention" not in out.stdout  # the demo's calendar is 4 afternoons
    c = xlsx_read.read_classeur(reseau_path)
    assert c.settings.extra[annexes.PARAM_HORAIRE] == annexes.HORAIRE_KEYS[key]


def test_plan_keeps_typed_text_and_remembers_option(reseau_path: Path) -> None:
    assert run("plan", str(reseau_path), "--horaire", "2-journees").returncode == 0
    wb = load_workbook(reseau_path)
    ws = wb[structure.SHEET_PLAN]
    ws.cell(
        row=annexes.PLAN_HEADER_ROW + 3, column=annexes.PLAN_FIRST_DAY_COL + 1
    ).value = "Atelier : la question longue"
    wb.save(reseau_path)
    assert run("plan", str(reseau_path)).returncode == 0
    grid = _plan_grid(reseau_path)
    assert grid[3][2] == "Atelier : la question longue"
    assert len(grid[0]) == 3  # still 2 journées: the option was remembered
    # the first work period of annexe 2 du CEE, item by item
    assert grid[1][1] == "\n".join(cee.PLAN_EXEMPLE_JOUR_1[0])


@needs_libreoffice
@pytest.mark.libreoffice
def test_plan_deadline_formula(reseau_path: Path, tmp_path: Path) -> None:
    filebook.update_classeur(reseau_path, lambda e: plan_sheet.plan(e.model, e.sheet_values))
    ws = recalculated(reseau_path, tmp_path / "lo")[structure.SHEET_PLAN]
    rows = {r[0]: r[1] for r in ws.iter_rows(max_row=annexes.PLAN_HEADER_ROW, values_only=True)}
    first = min(m.date for m in demo.demo(vocabulary.MODELE_RESEAU).meetings if m.date)
    import datetime as dt

    assert rows[annexes.PLAN_DEADLINE_LABEL].date() == first - dt.timedelta(days=7)
    assert rows[annexes.PLAN_HORAIRE_LABEL] == "4 après-midis (après-midi de 12 h 45 à 15 h 45)"


def test_reseau_demo_shows_fiche_and_plan(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    assert run("demo", "--modele", "reseau", "-o", str(target)).returncode == 0
    wb = load_workbook(target)
    assert structure.SHEET_FICHE in wb.sheetnames and structure.SHEET_PLAN in wb.sheetnames
    answers = _fiche_answers(target)
    resume = str(answers[dict(annexes.FICHE_FIELDS)[annexes.FICHE_RESUME]])
    assert resume.startswith("Durant les rencontres") and reseau.word_count(resume) <= 150
    assert _plan_grid(target)[0][4].startswith("Jour 4 – jeudi 15 avril 2027")
    assert run("verifier", str(target)).returncode == 0


def test_ribbon_verifier_flags_a_long_resume_too(reseau_path: Path) -> None:
    from classeur.excel import ribbon
    from tests import remote

    filebook.update_classeur(reseau_path, lambda e: fiche_sheet.fiche(e.model, e.sheet_values))
    _set_resume(reseau_path, _words(151))
    book = remote.book(reseau_path)
    ribbon.button_pressed("verifier", book)
    (text,) = [a["args"][0] for a in remote.actions(book, "alert")]
    assert "Le résumé du contenu compte 151 mots; le maximum est de 150." in text


@needs_libreoffice
@pytest.mark.libreoffice
def test_fiche_and_plan_export_as_documents(tmp_path: Path) -> None:
    from docx import Document as WordDocument

    target = tmp_path / "r.xlsx"
    assert run("demo", "--modele", "reseau", "-o", str(target)).returncode == 0
    plan = exporting.export(target, outputs.DOC_PLAN, None, ["pdf", "docx"], outdir=tmp_path)
    pdf = next(p for p in plan.files if p.suffix == ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "792 x 612 pts (letter)" in info.stdout  # landscape: four columns
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Jour 4" in text and "Bilan du réseau" in text  # the last column is on the page
    cells = {
        c.text
        for t in WordDocument(str(next(p for p in plan.files if p.suffix == ".docx"))).tables
        for row in t.rows
        for c in row.cells
    }
    assert annexes.PAUSE in cells and "12 h 45 à 14 h 15" in cells
    fiche = exporting.export(target, outputs.DOC_FICHE, None, ["docx"], outdir=tmp_path)
    paragraphs = [p.text for p in WordDocument(str(fiche.files[0])).paragraphs]
    at = paragraphs.index("Résumé du contenu (150 mots maximum)")
    assert paragraphs[at + 1].startswith("Durant les rencontres")  # the answer follows
    assert paragraphs[-3:-1] == [annexes.FICHE_MISSION_LABEL, annexes.FICHE_MISSION_TEXT]
    # the sheet's word count is the team's check, not part of annexe 1
    assert not any("150 mots." in p for p in paragraphs)
