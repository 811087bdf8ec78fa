"""Dates and times typed as text: understood by the one parser, written back as real ones
(with the look they were typed with) by every writing command, so that the workbook's
own formulas see them; ambiguous ones left as typed and flagged by `verifier`."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from classeur.domain import cellvalues
from classeur.files import xlsx_new, xlsx_read
from classeur.layout import bilan_sheet, structure
from tests.conftest import needs_libreoffice, recalculated
from tests.test_bilan import _find, _rows, reseau_model, write_presences
from tests.typography import plain, scan, unquoted

# (column header, row index in Rencontres, text typed, value meant, number format kept)
TYPED = [
    ("Date", 0, "2026-10-15", dt.date(2026, 10, 15), "yyyy-mm-dd"),
    ("Début", 0, "8h45", dt.time(8, 45), 'h"h"mm'),
    ("Fin", 0, "15:45", dt.time(15, 45), "h:mm"),
    ("Date", 1, "19/11/2026", dt.date(2026, 11, 19), "dd/mm/yyyy"),
    ("Début", 1, "8 h 45", dt.time(8, 45), 'h" h "mm'),
    ("Fin", 1, "15 h 45", dt.time(15, 45), 'h" h "mm'),
    ("Date", 2, "11 févr. 2027", dt.date(2027, 2, 11), "[$-C0C]d mmmm yyyy"),
    ("Début", 2, "12h45", dt.time(12, 45), 'h"h"mm'),
    ("Fin", 3, "15:45", dt.time(15, 45), "h:mm"),
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "classeur", *args], capture_output=True, text=True)


def type_as_text(path: Path, typed: list[tuple[str, int, str, object, str]]) -> dict:
    """Type ``typed`` in Rencontres as a teacher would (text cells); their addresses."""
    wb = load_workbook(path)
    ws = wb[structure.SHEET_RENCONTRES]
    header_row = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "N°")
    headers = {ws.cell(row=header_row, column=j).value: j for j in range(1, 12)}
    where = {}
    for header, i, text, _value, _fmt in typed:
        cell = ws.cell(row=header_row + 1 + i, column=headers[header])
        cell.value = text
        cell.number_format = "@"
        where[(header, i)] = cell.coordinate
    wb.save(path)
    return where


@pytest.fixture(scope="module")
def typed_classeur(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("typed")
    c = reseau_model()
    path = xlsx_new.write_classeur(c, root / "reseau.xlsx")
    write_presences(path, c, (1, 2, 3))
    where = type_as_text(path, TYPED)
    checked = run("verifier", str(path))
    out = run("plan", str(path))  # the first writing command converts
    assert out.returncode == 0, out.stderr
    assert run("bilan", str(path)).returncode == 0
    return {"path": path, "model": c, "where": where, "verifier": checked, "stdout": out.stdout}


def test_verifier_names_each_text_date_and_time(typed_classeur) -> None:
    checked = typed_classeur["verifier"]
    assert checked.returncode == 1
    lines = [line for line in checked.stdout.splitlines() if line.startswith("  - ")]
    assert len(lines) == len(TYPED)
    for header, i, text, _value, _fmt in TYPED:
        row = int(typed_classeur["where"][(header, i)][1:])
        assert any(
            f"feuille « Rencontres », ligne {row}, colonne « {header} »" in plain(line)
            and f"« {text} » est du texte" in plain(line)
            for line in lines
        ), (header, i)


def test_a_writing_command_writes_them_back_as_real_values(typed_classeur) -> None:
    """Each text became its real value, keeps its look, and the command said so."""
    wb = load_workbook(typed_classeur["path"])
    ws = wb[structure.SHEET_RENCONTRES]
    for header, i, text, value, fmt in TYPED:
        cell = ws[typed_classeur["where"][(header, i)]]
        got = cell.value.date() if isinstance(cell.value, dt.datetime) else cell.value
        assert got == value, (header, i)
        assert cell.number_format == fmt
        row = cell.row
        assert f"  Rencontres, ligne {row}, colonne « {header} » : « {text} » → " in plain(
            typed_classeur["stdout"]
        )
    # Nothing left to say: a second check is clean.
    assert run("verifier", str(typed_classeur["path"])).returncode == 0


@needs_libreoffice
def test_the_workbook_formulas_see_them(typed_classeur, tmp_path: Path) -> None:
    """Bilan « Jours utilisés » and « Respecté », the ordre du jour's deadline, the Plan's
    date limite: the formulas, recalculated by LibreOffice, give what Python gives (0,
    blank or a later date before)."""
    from classeur.domain import bilan

    path = typed_classeur["path"]
    values = recalculated(path, tmp_path / "lo")
    rows = _rows(values[structure.SHEET_BILAN])
    header = _find(rows, bilan_sheet.BILAN_MEMBER_HEADER)
    col = {h: j for j, h in enumerate(rows[header]) if h}
    assert rows[header + 1][2:6] == [1, 1, 0.5, 0.5]
    c = xlsx_read.read_classeur(path)
    f = bilan.figures(c, xlsx_read.sheet_values_of(path))
    for i, m in enumerate(c.members):
        row = rows[header + 2 + i]
        if bilan.released(m):
            assert row[col[bilan_sheet.BILAN_USED_HEADER]] == pytest.approx(
                f.used_days[m.full_name]
            )
            state = bilan_sheet.BILAN_OVER if f.used_days[m.full_name] > 2 else bilan_sheet.BILAN_OK
            assert row[col[bilan_sheet.BILAN_STATE_HEADER]] == state
    meetings = values[structure.SHEET_RENCONTRES]
    date = meetings[typed_classeur["where"][("Date", 0)]]
    header = [c.value for c in meetings[date.row - 1]]
    deadline = meetings.cell(row=date.row, column=header.index("Échéance ordre du jour") + 1)
    assert deadline.value.date() == dt.date(2026, 10, 8)  # 7 days before 2026-10-15
    # The Plan's « date limite de dépôt »: 7 days before the FIRST rencontre (MIN of the
    # dates: a text date was skipped, giving a later deadline).
    formulas = load_workbook(path)[structure.SHEET_PLAN]
    limit = next(
        c.coordinate
        for row in formulas.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=") and "MIN(" in c.value
    )
    assert values[structure.SHEET_PLAN][limit].value.date() == dt.date(2026, 10, 8)


def test_an_ambiguous_date_is_left_as_typed_and_flagged(tmp_path: Path) -> None:
    """« 03/04/2027 »: 3 April by the Québec rule (day first), 4 March for an English-set
    Excel: `verifier` names the cell, a writing command leaves it as typed and says why."""
    path = xlsx_new.write_classeur(reseau_model(), tmp_path / "r.xlsx")
    where = type_as_text(path, [("Date", 3, "03/04/2027", None, "")])
    checked = run("verifier", str(path))
    assert checked.returncode == 1
    row = int(where[("Date", 3)][1:])
    assert (
        f"feuille « Rencontres », ligne {row}, colonne « Date » : « 03/04/2027 » peut se lire"
        in plain(checked.stdout)
    )
    assert "«\u00a02027-04-03\u00a0» ou «\u00a02027-03-04\u00a0»" in checked.stdout
    out = run("bilan", str(path))
    assert out.returncode == 0, out.stderr
    said = next(line for line in out.stdout.splitlines() if "laissée en texte" in line)
    assert "«\u00a003/04/2027\u00a0» laissée en texte" in said
    # both readings in words; the form to type quoted as it is typed
    assert "le jeudi 4 mars 2027" in said and "le samedi 3 avril 2027" in said
    assert said.endswith(
        "retapez-la sous la forme année-mois-jour\u00a0: «\u00a02027-04-03\u00a0»."
    )
    assert not scan(unquoted(said), "bilan")
    ws = load_workbook(path)[structure.SHEET_RENCONTRES]
    assert ws[where[("Date", 3)]].value == "03/04/2027"


def test_a_note_column_stays_text(tmp_path: Path) -> None:
    """Only date and time columns are converted: « 2026-10-15 » typed in Suivi's Notes or
    Rencontres' Lieu stays text."""
    path = xlsx_new.write_classeur(reseau_model(), tmp_path / "r.xlsx")
    type_as_text(path, [("Lieu", 0, "2026-10-15", None, "")])
    assert run("bilan", str(path)).returncode == 0
    ws = load_workbook(path)[structure.SHEET_RENCONTRES]
    assert "2026-10-15" in [c.value for row in ws.iter_rows() for c in row]


@given(
    st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d"]),
)
def test_every_numeric_form_reads_back_to_its_date(day: dt.date, fmt: str) -> None:
    found = cellvalues.typed_as_text(day.strftime(fmt), "date")
    assert found is not None
    if found.ambiguous is None:
        assert found.value == day
    else:  # both readings are dates: the day-first one is the Québec reading
        assert fmt in ("%d/%m/%Y", "%d-%m-%Y") and day.day <= 12 and day.day != day.month
        assert (found.value, found.ambiguous) == (day, dt.date(day.year, day.day, day.month))


@given(
    st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from(["{}h{:02d}", "{} h {:02d}", "{}:{:02d}"]),
)
def test_every_time_form_reads_back(h: int, m: int, form: str) -> None:
    found = cellvalues.typed_as_text(form.format(h, m), "time")
    assert found is not None and found.value == dt.time(h, m)
    assert cellvalues.typed_as_text(dt.time(h, m), "time") is None  # a real time: untouched


@needs_libreoffice
def test_levels_typed_with_spaces_count_the_same_in_sentences_and_formulas(
    tmp_path: Path,
) -> None:
    """Levels typed « 3 » with a space (or as text): the agenda's sentence counts them, so
    must Résultats (29/57 in the sentence, 27/57 in the formulas before)."""
    from classeur.domain import demo
    from classeur.domain.grille.stats import statistiques
    from classeur.layout import compilation
    from classeur.text.resultats import phrase

    path = xlsx_new.write_classeur(demo.demo("car"), tmp_path / "car.xlsx")
    wb = load_workbook(path)
    ws = wb[structure.SHEET_GRILLE]
    header_row = structure.TABLE_HEADER_ROW
    first = len(structure.GRILLE_FIXED) + 1
    header = ws.cell(row=header_row, column=first).value
    retyped = []
    for r in range(header_row + 1, ws.max_row + 1):
        cell = ws.cell(row=r, column=first)
        if cell.value in (3, 4) and len(retyped) < 3:
            cell.value = f" {cell.value}" if len(retyped) % 2 else f"{cell.value} "
            retyped.append(r)
        elif cell.value in (1, 2) and len(retyped) == 3:
            cell.value = f"{cell.value}"  # a number stored as text
            retyped.append(r)
    wb.save(path)
    assert len(retyped) == 4
    code, bloc = structure.parse_grille_header(header)
    before = next(
        s for s in statistiques(xlsx_read.read_classeur(path)) if (s.code, s.bloc) == (code, bloc)
    )
    said = phrase(before)
    checked = run("verifier", str(path))
    for r in retyped:
        assert f"feuille « Grille », ligne {r}, colonne « {header} » : Le niveau" in plain(
            checked.stdout
        )
    out = run("compiler", str(path))
    assert out.returncode == 0, out.stderr
    assert f"Grille, colonne « {header} » : 4 niveaux tapés" in plain(out.stdout)
    ws = recalculated(path, tmp_path / "lo")[structure.SHEET_RESULTATS]
    rows = list(ws.iter_rows(values_only=True))
    col = {c.key: i for i, c in enumerate(compilation.RESULTATS_DETAIL_COLUMNS)}
    row = next(r for r in rows if r[col["code"]] == code and r[col["bloc"]] == bloc)
    assert (row[col["atteints"]], row[col["evalues"]]) == (before.atteints, before.evalues)
    assert said.startswith(f"{before.atteints} élèves sur {before.evalues} ")
    grille = load_workbook(path)[structure.SHEET_GRILLE]
    assert all(isinstance(grille.cell(row=r, column=first).value, int) for r in retyped)


def test_the_ribbon_writes_them_back_through_the_same_feature(tmp_path: Path) -> None:
    """A click on « Bilan » in Excel (xlwings' remote engine) first writes the text dates
    and times back as real ones, with the same number formats, and says so."""
    from classeur import features
    from classeur.excel.book import XlBook
    from tests import remote

    path = xlsx_new.write_classeur(reseau_model(), tmp_path / "r.xlsx")
    where = type_as_text(path, TYPED[:3])
    excel = remote.book(path)
    lines = features.bilan(XlBook(excel), dt.date(2027, 6, 1))
    assert lines[0].startswith("Dates et heures tapées en texte")
    sheets = remote.payload_sheet_names(excel)
    on_rencontres = [
        a
        for a in remote.actions(excel)
        if a["sheet_position"] == sheets.index(structure.SHEET_RENCONTRES)
    ]
    for header, i, _text, value, fmt in TYPED[:3]:
        coordinate = where[(header, i)]
        row, col = int(coordinate[1:]) - 1, ord(coordinate[0]) - ord("A")
        here = [a for a in on_rencontres if (a["start_row"], a["start_column"]) == (row, col)]
        written = next(a["values"][0][0] for a in here if a["func"] == "setValues")
        if isinstance(value, dt.time):
            assert written == pytest.approx((value.hour * 60 + value.minute) / 1440)
        else:
            assert str(written).startswith(value.isoformat())
        assert ("setNumberFormat", [fmt]) in [(a["func"], a["args"]) for a in here]
