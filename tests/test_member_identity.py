"""A member's history survives a corrected spelling and a departure: the rencontre tabs,
their comptes rendus and the Bilan (Python's figures and LibreOffice's recalculation of its
formulas) keep each presence with its person."""

from __future__ import annotations

import datetime as dt
import email
from email import policy
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from classeur.cli.main import cli
from classeur.domain import bilan, demo
from classeur.domain.model import Classeur
from classeur.domain.rencontres.saisie import Saisie
from classeur.files import filebook, libreoffice, xlsx_new, xlsx_read
from classeur.files.xlsx_tables import find_table
from classeur.layout import bilan_sheet, outputs, structure, vocabulary
from classeur.sheets import rencontre
from tests import exporting
from tests.clirun import written
from tests.conftest import needs_libreoffice

P, A, E = vocabulary.PRESENT, vocabulary.ABSENT, vocabulary.EXCUSE
TODAY = dt.date(2026, 11, 25)


def _team() -> Classeur:
    c = demo.demo()
    c.members[4].prenom, c.members[4].nom = "Marie-Ève  ", "D'Amours"  # typed with spaces
    return c


def _typed_year(tmp_path: Path) -> tuple[Path, list[str]]:
    """R1 and R2 held, presences typed; returns the file and the names as first typed."""
    c = _team()
    path = xlsx_new.write_classeur(c, tmp_path / "classeur.xlsx")
    names = [m.full_name for m in c.members]
    typed = {
        1: dict(zip(names, [P, P, P, A, P, P, P, E, A], strict=True)),
        2: dict(zip(names, [P, A, P, A, P, E, P, A, A], strict=True)),
    }
    for n, presences in typed.items():
        filebook.update_classeur(
            path,
            lambda e, n=n, p=presences: rencontre.saisir(
                e.model, e.sheet_values, n, Saisie(presences=p), TODAY
            ),
        )
    return path, names


def _edit_member(path: Path, index: int, **values: Any) -> None:
    """Type in the Équipe table (None clears the cell), as in Excel."""
    wb = load_workbook(path)
    ws, t = find_table(wb, structure.EQUIPE.name)
    min_col, top, max_col, _ = range_boundaries(t.ref)
    headers = [ws.cell(row=top, column=c).value for c in range(min_col, max_col + 1)]
    for header, value in values.items():
        ws.cell(row=top + 1 + index, column=min_col + headers.index(header)).value = value
    wb.save(path)


def _run(*argv: str) -> str:
    out = CliRunner().invoke(cli, list(argv))
    assert out.exit_code == 0, out.output
    return out.output


def _figures(path: Path) -> bilan.Figures:
    wb = load_workbook(path)
    model = xlsx_read.read_classeur(path)
    return bilan.figures(model, lambda s: [list(r) for r in wb[s].iter_rows(values_only=True)])


def _bilan_rows(recalculated: Path) -> dict[str, tuple[Any, ...]]:
    ws = load_workbook(recalculated, data_only=True)[structure.SHEET_BILAN]
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == bilan_sheet.BILAN_MEMBER_HEADER)
    out = {}
    for r in rows[start + 1 :]:
        if r[0] is None:
            break
        out[r[0]] = r
    return out


def test_a_corrected_spelling_keeps_the_members_history(tmp_path: Path) -> None:
    path, names = _typed_year(tmp_path)
    _edit_member(path, 4, **{"Prénom": "Marie-Ève"})
    out = _run("compte-rendu", str(path), "-r", "1", "--aujourdhui", "2026-11-25")
    # R1 lists her once, her presence kept; its compte rendu too (no ghost line).
    r1 = [
        r
        for r in load_workbook(path)["R1"].iter_rows(values_only=True)
        if r and "D'Amours" in str(r)
    ]
    assert len(r1) == 1 and P in r1[0]
    text = next(p for p in written(out) if p.suffix == ".txt").read_text(encoding="utf-8")
    assert text.replace("’", "'").count("D'Amours") == 1  # the text file is typeset
    f = _figures(path)
    assert f.member_rates["Marie-Ève D'Amours"] == 1.0
    assert [m.full_name for m in f.people] == [
        " ".join(n.split()) if "D'Amours" in n else n for n in names
    ]
    assert f.meeting_rates[1] == pytest.approx(6 / 9) and f.meeting_rates[2] == pytest.approx(4 / 9)


def test_a_member_who_left_stays_in_the_bilan(tmp_path: Path) -> None:
    """Removed from the Équipe after R2: still in the Bilan (« a quitté »); R1 and R2's
    rates are over the members of those rencontres (6/9 and 4/9, not 5/8 and 3/8)."""
    path, names = _typed_year(tmp_path)
    gone = names[6]
    _edit_member(path, 6, **{h: None for h in structure.EQUIPE.headers})
    _run("ordre-du-jour", str(path), "-r", "1", "--aujourdhui", "2026-11-25")  # R1 rebuilt
    _run("bilan", str(path))
    f = _figures(path)
    assert [m.full_name for m in f.people][-1] == gone
    assert f.people[-1].role == bilan_sheet.BILAN_LEFT
    assert f.meeting_rates[1] == pytest.approx(6 / 9)
    assert f.meeting_rates[2] == pytest.approx(4 / 9)
    ws = load_workbook(path)[structure.SHEET_BILAN]
    assert f"{gone} ({bilan_sheet.BILAN_LEFT})" in [
        c for r in ws.iter_rows(values_only=True) for c in r if isinstance(c, str)
    ]


@needs_libreoffice
@pytest.mark.libreoffice
def test_bilan_formulas_agree_after_a_correction_and_a_departure(tmp_path: Path) -> None:
    path, names = _typed_year(tmp_path)
    _edit_member(path, 4, **{"Prénom": "Marie-Ève"})
    _edit_member(path, 6, **{h: None for h in structure.EQUIPE.headers})
    _run("bilan", str(path))
    f = _figures(path)
    rows = _bilan_rows(libreoffice.convert(path, "xlsx", tmp_path / "lo"))
    first = bilan_sheet.BILAN_FIRST_MATRIX_COL - 1
    assert rows["Marie-Ève D'Amours"][first : first + 2] == (P, P)
    assert rows[names[6]][1] == bilan_sheet.BILAN_LEFT
    assert rows[names[6]][first : first + 2] == (P, P)
    rate_row = rows[bilan_sheet.BILAN_RATE_ROW]
    assert rate_row[first] == pytest.approx(f.meeting_rates[1]) == pytest.approx(6 / 9)
    assert rate_row[first + 1] == pytest.approx(f.meeting_rates[2]) == pytest.approx(4 / 9)
    for person in f.people:
        rate = rows[person.full_name][first + len(f.days)]
        assert rate == pytest.approx(f.member_rates[person.full_name]), person


def test_a_reexported_email_lists_a_corrected_member_once(tmp_path: Path) -> None:
    """« Marie-Ève␣␣ » corrected to « Marie-Ève » after R1: R1's e-mail, exported again,
    lists her once, ticked (no ☐ line beside a ghost ☑), and never with the spaces."""
    path, _ = _typed_year(tmp_path)
    _edit_member(path, 4, **{"Prénom": "Marie-Ève"})
    sent = tmp_path / "envoi"
    sent.mkdir()
    made = exporting.export(path, outputs.DOC_RENCONTRE, 1, ["eml"], outdir=sent, today=TODAY)
    (eml,) = made.files
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    body = msg.get_body(("plain",)).get_content()
    lines = [line for line in body.splitlines() if "D'Amours" in line or "D’Amours" in line]
    assert len(lines) == 1 and "☑" in lines[0] and "☐" not in lines[0], lines
    assert "Marie-Ève  " not in body and "Marie-Ève ," not in body
