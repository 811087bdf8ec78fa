"""What a teacher needs to be told: an agenda longer than the rencontre's hours, minutes of
a rencontre not yet held."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from classeur.cli.main import cli
from classeur.domain import demo
from classeur.domain.model import Classeur
from classeur.files import xlsx_new
from tests.typography import plain


def _demo(tmp_path: Path, modele: str = "car") -> tuple[Path, Classeur]:
    c = demo.demo(modele)
    path = tmp_path / f"{modele}.xlsx"
    xlsx_new.write_classeur(c, path)
    return path, c


def test_r4_and_r5_of_the_car_demo_overrun_their_three_hours(tmp_path: Path) -> None:
    # The CAR canevas plans 3 h 10 for R4 and 3 h 20 for R5; the demo's slots are 3 h.
    path, _ = _demo(tmp_path)
    said = {}
    for n in (1, 2, 3, 4, 5):
        out = CliRunner().invoke(
            cli, ["ordre-du-jour", str(path), "-r", str(n), "--aujourdhui", "2026-09-01"]
        )
        said[n] = [line for line in out.output.splitlines() if "totalisent" in line]
    assert "totalisent 3 h 10, mais la rencontre dure 3 h" in said[4][0]
    assert "totalisent 3 h 20, mais la rencontre dure 3 h" in said[5][0]
    assert "retranchez 10 min au temps prévu" in said[4][0]
    assert not said[1] and not said[2] and not said[3]


def test_minutes_of_a_rencontre_not_yet_held_are_flagged(tmp_path: Path) -> None:
    path, c = _demo(tmp_path)
    m = c.meetings[3]
    before = m.date - dt.timedelta(days=3)
    out = CliRunner().invoke(
        cli, ["compte-rendu", str(path), "-r", str(m.numero), "--aujourdhui", before.isoformat()]
    )
    assert out.exit_code == 0, out.output
    assert f"la rencontre {m.numero} n'a pas encore eu lieu" in plain(out.output)
    after = m.date + dt.timedelta(days=1)
    out = CliRunner().invoke(
        cli, ["compte-rendu", str(path), "-r", str(m.numero), "--aujourdhui", after.isoformat()]
    )
    assert out.exit_code == 0, out.output
    assert "pas encore eu lieu" not in out.output
