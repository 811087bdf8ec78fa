"""The one cell-value converter: dates and times typed as teachers type them read the same
in every table and every tab."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from classeur.domain import cellvalues, demo
from classeur.files import xlsx_new
from classeur.layout import rencontre_tab, structure
from tests import clirun

OCT_15 = dt.date(2026, 10, 15)


@pytest.mark.parametrize(
    "typed",
    [
        "2026-10-15",
        "15/10/2026",
        "15-10-2026",
        "2026/10/15",
        "15 oct. 2026",
        "15 oct 2026",
        "15 octobre 2026",
        "15 OCTOBRE 2026",
        "jeudi 15 octobre 2026",
        " 15  octobre   2026 ",
        dt.datetime(2026, 10, 15),
        OCT_15,
    ],
)
def test_dates_as_teachers_type_them(typed: object) -> None:
    assert cellvalues.parse_date(typed) == OCT_15


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1er octobre 2026", dt.date(2026, 10, 1)),
        ("3 févr. 2027", dt.date(2027, 2, 3)),
        ("3 fevr 2027", dt.date(2027, 2, 3)),
        ("12 août 2027", dt.date(2027, 8, 12)),
        ("12 aout 2027", dt.date(2027, 8, 12)),
        ("5 déc. 2026", dt.date(2026, 12, 5)),
    ],
)
def test_french_month_names_with_and_without_accents(typed: str, expected: dt.date) -> None:
    assert cellvalues.parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["demain", "31/02/2026", "15 brumaire 2026", "2026-13-01"])
def test_what_is_not_a_date_is_refused_in_french(typed: str) -> None:
    with pytest.raises(cellvalues.Invalid) as caught:
        cellvalues.parse_date(typed)
    assert "n'est pas une date" in caught.value.message
    assert cellvalues.date_or_none(typed) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12h45", dt.time(12, 45)),
        ("12 h 45", dt.time(12, 45)),
        ("12:45", dt.time(12, 45)),
        ("8 h", dt.time(8, 0)),
        ("8H30", dt.time(8, 30)),
        (0.53125, dt.time(12, 45)),
        (dt.datetime(1899, 12, 30, 12, 45), dt.time(12, 45)),
    ],
)
def test_times_as_teachers_type_them(typed: object, expected: dt.time) -> None:
    assert cellvalues.parse_time(typed) == expected


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_date_shown_in_french_reads_back_as_the_same_date(day: dt.date) -> None:
    assert cellvalues.parse_date(cellvalues.text(day)) == day


def test_text_is_what_the_teacher_sees() -> None:
    assert cellvalues.text(None) == ""
    assert cellvalues.text(3.0) == "3"
    assert cellvalues.text("  Marie-Ève  ") == "  Marie-Ève  "  # kept as typed
    assert cellvalues.shown("  Marie-Ève  ") == "Marie-Ève"
    assert cellvalues.text(dt.datetime(2026, 11, 1)) == "1er novembre 2026"
    assert cellvalues.text(dt.time(8, 45)) == "8 h 45"


def test_a_due_date_typed_as_text_in_a_tab_reaches_the_suivi_as_a_date(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    ordre = [sys.executable, "-m", "classeur", "ordre-du-jour", str(path), "-r", "4"]
    env = {**os.environ, "PYTHONPATH": str(clirun.SRC)}
    done = subprocess.run(ordre, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    wb = load_workbook(path)
    ws = wb[structure.meeting_sheet(4)]
    header = next(
        r
        for r in range(1, ws.max_row + 1)
        if ws.cell(r, rencontre_tab.RT_COL_TEXT).value
        == rencontre_tab.RT_ACTION_HEADERS[rencontre_tab.RT_COL_TEXT]
    )
    ws.cell(header + 1, rencontre_tab.RT_COL_TEXT).value = "Préparer la tâche commune"
    ws.cell(header + 1, rencontre_tab.RT_COL_QUESTION).value = "Karim Benali"
    ws.cell(header + 1, rencontre_tab.RT_COL_MINUTES).value = "15/12/2026"
    wb.save(path)

    compte_rendu = [sys.executable, "-m", "classeur", "compte-rendu", str(path), "-r", "4"]
    done = subprocess.run(compte_rendu, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr

    suivi = load_workbook(path)[structure.SHEET_SUIVI]
    headers = [c.value for c in suivi[structure.TABLE_HEADER_ROW]]
    rows = [
        dict(zip(headers, (c.value for c in row), strict=False))
        for row in suivi.iter_rows(min_row=structure.TABLE_HEADER_ROW + 1)
    ]
    added = next(r for r in rows if r["Action"] == "Préparer la tâche commune")
    echeance = structure.SUIVI.column("echeance").header
    notes = structure.SUIVI.column("notes").header
    assert added[echeance] == dt.datetime(2026, 12, 15)
    assert not added[notes]
