"""`classeur bilan`: annexe 5, attendance per member and per rencontre, release days against
the CEE budget, the grille's progression with a chart. LibreOffice recalculates the
formulas; they must agree with Python and with numbers recomputed here from the data."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from classeur.domain import bilan, demo
from classeur.domain.model import Classeur
from classeur.errors import ClasseurError
from classeur.files import libreoffice, xlsx_new, xlsx_read
from classeur.layout import bilan_sheet, outputs, rencontre_tab, structure, vocabulary
from classeur.sheets import bilan as sheets_bilan
from tests import exporting
from tests.conftest import needs_libreoffice, recalculated
from tests.typography import plain

TODAY = dt.date(2027, 5, 1)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "classeur", *args], capture_output=True, text=True)


def presence(i: int, n: int) -> str | None:
    """A deterministic attendance pattern (None: not recorded), in the words of a classeur
    made before the lists were inclusive (« Présent ») and of one made today (« Présent·e »),
    mixed in one tab, with a feminine word typed by hand."""
    if n == 3 and i == 2:
        return None
    if (i + n) % 4 == 0:
        return "Absent" if n == 1 else "Absent·e"
    if (i * n) % 7 == 3:
        return "Excusé" if i % 2 else "Excusé·e"
    return "présent" if (i, n) == (1, 2) else ("Présent", "Présent·e", "présente")[(i + n) % 3]


def says_present(value: str | None) -> bool:
    """The spellings of « Présent·e » the pattern uses (case ignored)."""
    return (value or "").casefold() in {"présent", "présent·e", "présente"}


def write_presences(path: Path, c: Classeur, held: tuple[int, ...]) -> None:
    """A « Présences » section in tabs R1…, as the rencontre tabs lay it out."""
    wb = load_workbook(path)
    for n in held:
        ws = wb[structure.meeting_sheet(n)]
        ws.cell(row=5, column=1, value=rencontre_tab.RT_SECTION_PRESENCES)
        ws.cell(row=6, column=2, value=rencontre_tab.RT_PRESENCE_HEADERS[rencontre_tab.RT_COL_TEXT])
        ws.cell(row=6, column=5, value=rencontre_tab.RT_PRESENCE_HEADERS[rencontre_tab.RT_COL_RESP])
        for i, m in enumerate(c.members):
            ws.cell(row=7 + i, column=2, value=m.full_name)
            ws.cell(row=7 + i, column=5, value=presence(i, n))
        ws.cell(row=7 + len(c.members), column=2, value="Nombre de présents")
    wb.save(path)


def reseau_model() -> Classeur:
    c = demo.demo(vocabulary.MODELE_RESEAU)
    for m in c.meetings[:2]:  # two full days, then two afternoons: 3 days planned
        m.debut, m.fin = dt.time(8, 45), dt.time(15, 45)
    return c


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("bilan")
    c = reseau_model()
    path = xlsx_new.write_classeur(c, root / "reseau.xlsx")
    write_presences(path, c, (1, 2, 3))
    out = run("bilan", str(path))
    assert out.returncode == 0, out.stderr
    values = recalculated(path, root / "lo") if libreoffice.soffice() else None
    return {"path": path, "model": c, "stdout": out.stdout, "values": values}


def _rows(ws) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _find(rows: list[list[object]], label: str) -> int:
    return next(i for i, r in enumerate(rows) if r and r[0] == label)


def test_bilan_sheet_has_annexe_5(built) -> None:
    ws = load_workbook(built["path"])[structure.SHEET_BILAN]
    rows = _rows(ws)
    labels = [r[0] for r in rows if r and isinstance(r[0], str)]
    for label in (
        bilan_sheet.BILAN_DATES,
        bilan_sheet.BILAN_BUT,
        bilan_sheet.BILAN_RESUME,
        bilan_sheet.BILAN_REALISATIONS,
        bilan_sheet.BILAN_QUESTIONS,
        bilan_sheet.BILAN_CONTINUATION,
        bilan_sheet.BILAN_LABEL_TITRE[vocabulary.MODELE_RESEAU],
    ):
        assert label in labels
    c = built["model"]
    dates = rows[_find(rows, bilan_sheet.BILAN_DATES)][1]
    assert dates.startswith("jeudi 15 octobre 2026; jeudi 19 novembre 2026")
    assert rows[_find(rows, bilan_sheet.BILAN_BUT)][1] == c.settings.but
    assert "Rencontres tenues\u00a0: 3 sur 4" in rows[_find(rows, bilan_sheet.BILAN_RESUME)][1]
    assert any("Andrée-Anne Despard" in str(r[1]) and "(Animation)" in str(r[1]) for r in rows)
    assert len(ws._charts) == 1
    assert ws.data_validations.dataValidation[0].formula1 == '"Oui,Non,À déterminer"'


def test_overruns_are_flagged(built) -> None:
    out = built["stdout"]
    assert "le calendrier prévoit 3 jours de libération par participant" in out
    c = built["model"]
    days = {1: 1.0, 2: 1.0, 3: 0.5}
    over = []
    for i, m in enumerate(c.members):
        used = sum(d for n, d in days.items() if says_present(presence(i, n)))
        if bilan.released(m) and used > 2:
            over.append(m.full_name)
            assert f"{m.full_name} a utilisé 2,5 jours de libération" in out
    assert over  # the pattern does overrun for someone
    assert out.count("a utilisé") == len(over)


@needs_libreoffice
@pytest.mark.libreoffice
def test_formulas_agree_with_python_and_the_data(built) -> None:
    c = built["model"]
    rows = _rows(built["values"][structure.SHEET_BILAN])
    f = bilan.figures(c, xlsx_read.sheet_values_of(built["path"]))
    header = _find(rows, bilan_sheet.BILAN_MEMBER_HEADER)
    head = rows[header]
    col = {h: j for j, h in enumerate(head) if h}
    first = header + 2  # the release-days row comes first
    assert rows[header + 1][0] == bilan_sheet.BILAN_DAYS_ROW
    assert rows[header + 1][2:6] == [1, 1, 0.5, 0.5]
    for i, m in enumerate(c.members):
        row = rows[first + i]
        assert row[0] == m.full_name
        recorded = [presence(i, n) for n in (1, 2, 3) if presence(i, n) is not None]
        present = sum(says_present(p) for p in recorded)
        expected = present / len(recorded)
        assert row[col[bilan_sheet.BILAN_RATE_HEADER]] == pytest.approx(expected)
        assert f.member_rates[m.full_name] == pytest.approx(expected)
        assert [v or "" for v in row[2:5]] == [presence(i, n) or "" for n in (1, 2, 3)]
        if bilan.released(m):
            days = sum(d for n, d in ((1, 1), (2, 1), (3, 0.5)) if says_present(presence(i, n)))
            assert row[col[bilan_sheet.BILAN_USED_HEADER]] == pytest.approx(days)
            assert f.used_days[m.full_name] == pytest.approx(days)
            state = bilan_sheet.BILAN_OVER if days > 2 else bilan_sheet.BILAN_OK
            assert row[col[bilan_sheet.BILAN_STATE_HEADER]] == state
    rate_row = rows[_find(rows, bilan_sheet.BILAN_RATE_ROW)]
    for j, n in enumerate((1, 2, 3)):
        values = [presence(i, n) for i in range(len(c.members))]
        recorded = [v for v in values if v is not None]
        expected = sum(says_present(v) for v in recorded) / len(recorded)
        assert rate_row[2 + j] == pytest.approx(expected)
        assert f.meeting_rates[n] == pytest.approx(expected)
    assert rate_row[5] in (None, "")  # R4 not held: no rate
    members = _find(rows, f"{bilan_sheet.BILAN_SECTION_MEMBRES} ({bilan_sheet.BILAN_MEMBRES_NOTE})")
    for i, _m in enumerate(c.members):
        attended = any(says_present(presence(i, n)) for n in (1, 2, 3))
        assert rows[members + 1 + i][0] == (
            vocabulary.CHECKED if attended else vocabulary.UNCHECKED
        )
    total = rows[_find(rows, bilan_sheet.BILAN_TOTAL)]
    n_released = sum(bilan.released(m) for m in c.members)
    assert total[col[bilan_sheet.BILAN_BUDGET_HEADER]] == pytest.approx(2 * n_released + 1.5)

    # The grille's progression, recomputed here from the students' results.
    prog = _find(rows, bilan_sheet.BILAN_PROG_HEADERS[0])
    for k, lrn in enumerate(c.learnings):
        row = rows[prog + 1 + k]
        assert row[0] == lrn.code and row[2] == pytest.approx(lrn.objectif)
        last = None
        for b, bloc in enumerate(vocabulary.BLOCS):
            results = [
                e.resultats[(lrn.code, bloc)] for e in c.grid if (lrn.code, bloc) in e.resultats
            ]
            if not results:
                assert row[3 + b] in (None, "")
                continue
            expected = sum(r >= lrn.niveau_vise for r in results) / len(results)
            last = expected
            assert row[3 + b] == pytest.approx(expected)
            assert f.progression[(lrn.code, bloc)] == pytest.approx(expected)
        assert row[7] == pytest.approx(last)
        assert row[8] == (bilan_sheet.ATTEINT if last >= lrn.objectif else bilan_sheet.NON_ATTEINT)


def test_typed_text_is_kept_and_cleared_boxes_refilled(tmp_path: Path) -> None:
    c = reseau_model()
    path = xlsx_new.write_classeur(c, tmp_path / "r.xlsx")
    assert run("bilan", str(path)).returncode == 0
    wb = load_workbook(path)
    ws = wb[structure.SHEET_BILAN]
    rows = _rows(ws)
    ws.cell(row=_find(rows, bilan_sheet.BILAN_QUESTIONS) + 1, column=2, value="=Revoir le local")
    ws.cell(row=_find(rows, bilan_sheet.BILAN_CONTINUATION) + 1, column=2, value="Oui")
    ws.cell(row=_find(rows, bilan_sheet.BILAN_RESUME) + 1, column=2, value=None)
    wb.save(path)
    assert run("bilan", str(path)).returncode == 0
    ws = load_workbook(path)[structure.SHEET_BILAN]
    rows = _rows(ws)
    cell = ws.cell(row=_find(rows, bilan_sheet.BILAN_QUESTIONS) + 1, column=2)
    assert cell.value == "=Revoir le local" and cell.data_type == "s"
    assert rows[_find(rows, bilan_sheet.BILAN_CONTINUATION)][1] == "Oui"
    assert rows[_find(rows, bilan_sheet.BILAN_RESUME)][1].startswith("Rencontres tenues")


def test_stray_text_is_never_silently_lost(tmp_path: Path) -> None:
    """A note in a free cell of the Bilan is kept where it is; text typed over what
    Classeur writes there refuses the command, the cell named, the file untouched."""
    c = reseau_model()
    path = xlsx_new.write_classeur(c, tmp_path / "r.xlsx")
    wb = load_workbook(path)
    wb[structure.SHEET_BILAN].cell(row=40, column=12, value="Note à garder")
    wb.save(path)
    assert run("bilan", str(path)).returncode == 0
    assert run("bilan", str(path)).returncode == 0
    assert load_workbook(path)[structure.SHEET_BILAN]["L40"].value == "Note à garder"
    wb = load_workbook(path)
    wb[structure.SHEET_BILAN]["A1"] = "Note tapée sur le titre"
    wb.save(path)
    before = path.read_bytes()
    out = run("bilan", str(path))
    assert out.returncode == 1
    said = plain(out.stderr)
    assert "« Note tapée sur le titre »" in said and "ligne 1, colonne « A »" in said
    assert path.read_bytes() == before
    c = xlsx_read.read_classeur(path)
    with pytest.raises(ClasseurError):
        sheets_bilan.bilan(c, xlsx_read.sheet_values_of(path), TODAY)


def test_release_days_from_hours() -> None:
    m = demo.demo(vocabulary.MODELE_RESEAU).meetings[0]
    assert bilan.meeting_days(m) == 0.5  # 12 h 45 à 15 h 45
    m.debut, m.fin = dt.time(8, 45), dt.time(13, 45)
    assert bilan.meeting_days(m) == 1.0  # exactly 5 h
    m.fin = None
    assert bilan.meeting_days(m) is None


def test_demo_shows_a_bilan(tmp_path: Path) -> None:
    for modele in vocabulary.MODELES:
        target = tmp_path / f"{modele}.xlsx"
        assert run("demo", "--modele", modele, "-o", str(target)).returncode == 0
        ws = load_workbook(target)[structure.SHEET_BILAN]
        labels = [r[0] for r in ws.iter_rows(values_only=True)]
        assert bilan_sheet.BILAN_REALISATIONS in labels and len(ws._charts) == 1
        assert (bilan_sheet.BILAN_TOTAL in labels) == (modele == vocabulary.MODELE_RESEAU)


@needs_libreoffice
@pytest.mark.libreoffice
def test_bilan_exports_to_letter_pages_with_nothing_cut(built, tmp_path: Path) -> None:
    """The bilan sent is annexe 5 du CEE (the sheet's attendance table, release days and
    chart are the team's working tools): Letter, portrait, every row of the annex."""
    result = exporting.export(built["path"], outputs.DOC_BILAN, None, ["pdf"], outdir=tmp_path)
    pdf = result.files[0]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "612 x 792 pts (letter)" in info.stdout
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    for expected in (
        bilan_sheet.BILAN_SECTION_MEMBRES,
        bilan_sheet.BILAN_SECTION_NOTES,
        "3. Résumé du travail accompli",
        bilan_sheet.BILAN_CONTINUATION,  # the last row of annexe 5
    ):
        assert expected in text
    assert bilan_sheet.BILAN_CHART_TITLE not in text
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "b")], check=True)
    pages = sorted(tmp_path.glob("b*.png"))
    assert pages
    for png in pages:
        data = png.read_bytes()
        size = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert size == (255, 330)  # Letter, portrait, at 30 dpi


@needs_libreoffice
@pytest.mark.libreoffice
def test_demo_bilan_reads_the_rencontre_tabs(tmp_path: Path) -> None:
    """The demo's rencontre tabs (rencontres feature) feed the bilan: same numbers in the
    recalculated sheet, in Python, and counted here from the tabs' attendance."""
    target = tmp_path / "r.xlsx"
    assert run("demo", "--modele", "reseau", "-o", str(target)).returncode == 0
    c = xlsx_read.read_classeur(target)
    values = xlsx_read.sheet_values_of(target)
    f = bilan.figures(c, values)
    assert set(f.presences) == {m.numero for m in c.meetings}  # every tab has the section
    rows = _rows(recalculated(target, tmp_path / "lo")[structure.SHEET_BILAN])
    header = _find(rows, bilan_sheet.BILAN_MEMBER_HEADER)
    col = {h: j for j, h in enumerate(rows[header]) if h}
    from classeur.domain import rencontres

    states = {
        m.numero: rencontres.read_tab(values(structure.meeting_sheet(m.numero)), "R")
        for m in c.meetings
    }
    for i, m in enumerate(c.members):
        row = rows[header + 2 + i]
        recorded = [s.presences.get(m.full_name) for s in states.values()]
        recorded = [v for v in recorded if v]
        expected = sum(v == vocabulary.PRESENT for v in recorded) / len(recorded)
        assert row[col[bilan_sheet.BILAN_RATE_HEADER]] == pytest.approx(expected)
        assert f.member_rates[m.full_name] == pytest.approx(expected)
    resume = rows[_find(rows, bilan_sheet.BILAN_RESUME)][1]
    assert "Rencontres tenues\u00a0: 2 sur 4" in resume
    assert "- R1 (jeudi 15 octobre 2026)\u00a0: Lancement du réseau" in resume


def test_regeneration_follows_changes_to_the_team(tmp_path: Path) -> None:
    c = reseau_model()
    path = xlsx_new.write_classeur(c, tmp_path / "r.xlsx")
    assert run("bilan", str(path)).returncode == 0
    c.members[1].fonction = "Conseiller pédagogique"
    c.members[2].prenom = "Sophia"
    path2 = xlsx_new.write_classeur(c, tmp_path / "r2.xlsx")
    wb, old = load_workbook(path2), load_workbook(path)
    wb.remove(wb[structure.SHEET_BILAN])
    copy = wb.create_sheet(structure.SHEET_BILAN, len(wb.sheetnames) - 1)
    for row in old[structure.SHEET_BILAN].iter_rows():
        for cell in row:
            if cell.value is not None:
                copy.cell(row=cell.row, column=cell.column, value=cell.value)
    wb.save(path2)  # the old bilan, then the team changed in Équipe
    out = run("bilan", str(path2))
    assert out.returncode == 0, out.stderr
    rows = _rows(load_workbook(path2)[structure.SHEET_BILAN])
    lines = [str(r[1]) for r in rows if r and r[1]]
    assert any(line.startswith("Mathieu Tremblay, Conseiller pédagogique") for line in lines)
    assert any(r[0] == "Sophia Gagnon" for r in rows)
