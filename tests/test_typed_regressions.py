"""Regression tests written from the defects' descriptions: a missing start time shown as
the start time; a bad e-mail address that `verifier` did not see and that `exporter`
refused without naming its row; a due date typed as text shown raw beside formatted ones."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from classeur.domain import demo
from classeur.domain.rencontres.saisie import Saisie
from classeur.files import filebook, xlsx_new
from classeur.layout import structure
from classeur.sheets import rencontre
from classeur.text import french
from tests.typography import plain


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "classeur", *args], capture_output=True, text=True)


def test_one_end_alone_says_which_end_it_is() -> None:
    assert french.plage(None, dt.time(15, 45)) == "jusqu'à 15 h 45"
    assert french.plage(dt.time(12, 45), None) == "à partir de 12 h 45"
    assert french.plage(None, None) == ""


def test_a_missing_start_time_is_never_shown_as_the_start(tmp_path: Path) -> None:
    """R5 with only « Fin » 15:45: its agenda says « jusqu'à 15 h 45 », never « , 15 h 45 »
    as if the rencontre began then; `verifier` names the empty « Début »."""
    c = demo.demo("car")
    r5 = c.meeting(5)
    assert r5 is not None and r5.date is not None
    r5.debut, r5.fin = None, dt.time(15, 45)
    path = xlsx_new.write_classeur(c, tmp_path / "c.xlsx")
    checked = run("verifier", str(path))
    row = structure.TABLE_HEADER_ROW + 5
    assert (
        f"feuille « Rencontres », ligne {row}, colonne « Début » : La rencontre 5 a une heure "
        "de fin et pas d'heure de début." in plain(checked.stdout)
    )
    out = run("ordre-du-jour", str(path), "-r", "5", "--aujourdhui", "2027-01-05")
    assert out.returncode == 0, out.stderr
    text = filebook.side_file_path(path, "R5-ordre-du-jour.txt").read_text(encoding="utf-8")
    day = french.date_longue(r5.date)
    when = next(line for line in text.splitlines() if line.startswith(day))
    # the text file is typeset (Québec typography: ’), the sheet's cell below is not
    assert when.count("15 h 45") == 1 and french.typography("jusqu'à 15 h 45") in when, when
    ws = load_workbook(path)[structure.meeting_sheet(5)]
    shown = " ".join(
        str(v) for row_ in ws.iter_rows(max_row=6, values_only=True) for v in row_ if v
    )
    assert "jusqu'à 15 h 45" in shown


def test_a_bad_address_is_named_with_its_row(tmp_path: Path) -> None:
    """« p.oneil@cssdm,gouv.qc.ca »: `verifier` names the row all year; `exporter` too."""
    c = demo.demo("reseau")
    c.members[2].courriel = "p.oneil@cssdm,gouv.qc.ca"
    path = xlsx_new.write_classeur(c, tmp_path / "r.xlsx")
    row = structure.TABLE_HEADER_ROW + 3
    where = f"feuille « Équipe », ligne {row}, colonne « Courriel »"
    checked = run("verifier", str(path))
    assert checked.returncode == 1
    assert f"{where} : « p.oneil@cssdm,gouv.qc.ca » n'est pas une adresse courriel valide" in (
        plain(checked.stdout)
    )
    out = run("exporter", str(path), "-d", "grille", "-f", "eml", "-o", str(tmp_path))
    assert out.returncode == 1
    assert f"Erreur : F{where[1:]} : " in plain(out.stderr) and "virgule" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_due_date_typed_as_text_is_shown_like_the_real_ones(tmp_path: Path) -> None:
    """Three actions typed in R2's « Qui fait quoi? », their due dates typed as a real
    date, « 2026-12-15 » and « 15/12/2026 »: the compte rendu shows the three the same
    way (« 15 décembre 2026 »), never the text as typed beside a formatted one."""
    path = xlsx_new.write_classeur(demo.demo("car"), tmp_path / "c.xlsx")
    due = dt.date(2026, 12, 15)
    typed = Saisie(
        actions=[
            ("Action à date réelle", "Sophie Gagnon", due),
            ("Action à date ISO", "Karim Benali", "2026-12-15"),
            ("Action à date jour/mois", "Émilie Côté", "15/12/2026"),
        ]
    )
    today = dt.date(2026, 11, 25)
    filebook.update_classeur(
        path, lambda e: rencontre.ordre_du_jour(e.model, e.sheet_values, 2, today)
    )
    filebook.update_classeur(
        path, lambda e: rencontre.saisir(e.model, e.sheet_values, 2, typed, today)
    )
    out = run("compte-rendu", str(path), "-r", "2", "--aujourdhui", "2026-11-25")
    assert out.returncode == 0, out.stderr
    text = filebook.side_file_path(path, "R2-compte-rendu.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "Action à date" in line]
    assert len(lines) == 3, text
    assert all(french.date_courte(due) in line for line in lines), lines
    assert not any("2026-12-15" in line or "15/12/2026" in line for line in lines), lines
