"""A received workbook cannot steer the ribbon: a sheet that xlwings reads as its settings
(« classeur.conf », « xlwings.conf ») or as code (« *.py ») makes every click refuse the
book, `verifier` report it, and exports leave it behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from classeur.cli.main import cli
from classeur.domain import demo, verification
from classeur.excel import ribbon
from classeur.files import xlsx_new
from tests import remote
from tests.typography import plain


def _with_sheets(tmp_path: Path, names: dict[str, str]) -> Path:
    """The demo classeur with extra sheets ``name → visibility`` holding xlwings settings
    that would put the workbook's folder (and a ``classeur/`` package there) on sys.path."""
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "recu.xlsx")
    wb = load_workbook(path)
    for name, state in names.items():
        ws = wb.create_sheet(name)
        ws["A1"], ws["B1"] = "ADD_WORKBOOK_TO_PYTHONPATH", True
        ws["A2"], ws["B2"] = "PYTHONPATH", str(tmp_path)
        ws.sheet_state = state
    wb.save(path)
    return path


def _visible(folder: Path) -> list[str]:
    """The files a teacher sees in ``folder`` (not the hidden lock of a click)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def alerts(book: Any) -> list[str]:
    return [a["args"][0] for a in remote.actions(book, "alert")]


@pytest.mark.parametrize("control_id", sorted(ribbon.ACTIONS))
def test_every_button_refuses_a_book_with_a_classeur_conf_sheet(
    control_id: str, tmp_path: Path
) -> None:
    path = _with_sheets(tmp_path, {"classeur.conf": "hidden"})
    book = remote.book(path, active="R1", name=str(path))
    xb = ribbon.button_pressed(control_id, book, files=[path], today=demo.DEMO_TODAY)
    assert xb is not None
    (message,) = alerts(book)
    assert message.startswith(
        "Fichier «\u00a0recu.xlsx\u00a0», feuille «\u00a0classeur.conf\u00a0»\u00a0: "
    )
    assert "pour xlwings" in message and message.endswith("Rien n’a été modifié.")
    assert [a["func"] for a in remote.actions(book)] == ["alert"]  # nothing else happened
    assert _visible(tmp_path) == ["recu.xlsx"]  # no file written (the click's lock is hidden)


def test_every_such_sheet_is_listed(tmp_path: Path) -> None:
    path = _with_sheets(
        tmp_path, {"xlwings.conf": "visible", "Outils.PY": "veryHidden", "CLASSEUR.Conf": "hidden"}
    )
    book = remote.book(path, name=str(path))
    ribbon.button_pressed("compiler", book)
    (message,) = alerts(book)
    assert message.startswith("Classeur a trouvé 3 problèmes; rien n’a été modifié.")
    for name in ("xlwings.conf", "Outils.PY", "CLASSEUR.Conf"):
        assert f"feuille «\u00a0{name}\u00a0»" in message
    assert "feuille de code Python pour xlwings" in message  # Outils.PY


def test_verifier_reports_them_and_fails(tmp_path: Path) -> None:
    path = _with_sheets(
        tmp_path, {"classeur.conf": "hidden", "xlwings.conf": "visible", "code.py": "veryHidden"}
    )
    out = CliRunner().invoke(cli, ["verifier", str(path)])
    assert out.exit_code == 1
    said = plain(out.output)
    assert "✗ recu.xlsx : 3 problèmes" in said
    assert "feuille « code.py » : Cette feuille est une feuille de code Python" in said
    assert "feuille « classeur.conf » : Cette feuille est une feuille de réglages" in said
    assert "feuille « xlwings.conf »" in said


def test_verifier_reports_them_even_in_a_book_that_is_not_a_classeur(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.create_sheet("xlwings.conf")
    wb.save(tmp_path / "autre.xlsx")
    out = CliRunner().invoke(cli, ["verifier", str(tmp_path / "autre.xlsx")])
    assert out.exit_code == 1
    assert "feuille « xlwings.conf »" in plain(out.output)
    assert "n'est pas un classeur" in plain(out.output)


@pytest.mark.parametrize(
    ("name", "flagged"),
    [
        ("classeur.conf", True),
        ("xlwings.conf", True),
        ("MonOutil.CONF", True),
        ("code.py", True),
        ("Code.Py", True),
        ("conf", False),
        ("R1", False),
        ("Notes.pyx", False),
        ("Réunion .conf.", False),
    ],
)
def test_the_check_on_sheet_names(name: str, flagged: bool) -> None:
    found = verification.xlwings_sheets(["Accueil", name], "x.xlsx")
    assert [p.sheet for p in found] == ([name] if flagged else [])


def test_an_export_of_the_whole_classeur_leaves_them_behind(tmp_path: Path) -> None:
    path = _with_sheets(tmp_path, {"xlwings.conf": "visible", "outil.py": "visible"})
    out = CliRunner().invoke(
        cli, ["exporter", str(path), "-d", "classeur", "-f", "xlsx", "-o", str(tmp_path / "out")]
    )
    assert out.exit_code == 0, out.output
    (exported,) = (tmp_path / "out").glob("*.xlsx")
    names = load_workbook(exported).sheetnames
    assert "Accueil" in names or len(names) > 3  # the classeur's own sheets are there
    assert not [n for n in names if n.casefold().endswith((".conf", ".py"))]
