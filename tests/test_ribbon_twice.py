"""The buttons that do not rebuild a sheet (« Vérifier », « Fusionner », « Exporter »,
« Exporter avec codes »), clicked twice on xlwings' remote engine, each time on a book
whose formula cells carry what LibreOffice computed (as Excel hands a sheet over when
formulas cannot be read): each click gives what the command gives on the same book.
The buttons that rebuild a sheet are in ``test_ribbon_writes`` and ``test_ribbon_bilan``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from classeur import features
from classeur.domain import demo
from classeur.excel import clicks, ribbon, sheet_writer
from classeur.files import filebook, libreoffice, xlsx_read
from classeur.files.export import pseudonyms
from classeur.layout import outputs, structure, vocabulary
from classeur.sheets.sheetdoc import Update
from classeur.text import french
from tests import remote
from tests.conftest import BuiltDemo, needs_libreoffice
from tests.test_ribbon_writes import alerts, writes_on

pytestmark = [needs_libreoffice, pytest.mark.libreoffice]


def _computed(path: Path) -> Path:
    (out,) = libreoffice.convert_all([path], "xlsx", path.parent / "calcul")
    return out


def _remote(path: Path, active: str | None = None) -> Any:
    """The book at ``path`` (saved on this computer) as the remote engine receives it."""
    return remote.book(path, active=active, values_from=_computed(path), name=str(path))


def _no_writes(xl: Any) -> None:
    assert [a["func"] for a in remote.actions(xl)] == ["alert"]


# --------------------------------------------------------------------------------------
# Vérifier
# --------------------------------------------------------------------------------------
def _verifier_message(path: Path) -> str:
    """What « Vérifier » says, from what `classeur verifier` prints: its first line, then
    each problem as a bullet (every line the same, typography included)."""
    from click.testing import CliRunner

    from classeur.cli.main import cli

    head, *rest = CliRunner().invoke(cli, ["verifier", str(path)]).output.splitlines()
    problems = [line.removeprefix("  - ") for line in rest if line.startswith("  - ")]
    if not problems:
        return f"{head}."
    assert len(problems) <= clicks.MAX_LISTED_PROBLEMS  # all listed in the box too
    return f"{head}\n\n" + "\n".join(f"• {p}" for p in problems)


@pytest.mark.parametrize("modele", vocabulary.MODELES)
def test_verifier_twice_says_what_the_command_says(
    modele: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_demo: BuiltDemo
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    path = built_demo(tmp_path / "demo.xlsx", modele)  # formulas in every sheet
    wb = load_workbook(path)  # and one problem, to be found on every click
    equipe = wb[structure.EQUIPE.sheet]
    role = structure.EQUIPE.columns.index(structure.EQUIPE.column("role")) + 1
    equipe.cell(row=structure.TABLE_HEADER_ROW + 1, column=role, value="Spectateur")
    wb.save(path)
    expected = _verifier_message(path)
    assert expected.startswith("✗")
    for _ in (1, 2):
        xl = _remote(path)
        assert ribbon.button_pressed("verifier", xl, today=demo.DEMO_TODAY) is not None
        assert alerts(xl) == [expected]
        _no_writes(xl)


# --------------------------------------------------------------------------------------
# Fusionner
# --------------------------------------------------------------------------------------
def _cli_fusion(source: Path, target: Path, copies: list[Path]) -> tuple[Update, list[str]]:
    """The command's merge of ``copies`` into ``source``, saved as ``target``: the Update
    it applied and what it said."""
    with filebook.open_book(source, target) as cli_book:
        applied = remote.record_applied(cli_book)
        said = features.fusionner(cli_book, copies)
    (update,) = applied
    return update, said


def test_fusionner_twice_gives_what_the_command_gives(tmp_path: Path) -> None:
    team, copies = remote.team_and_copies(tmp_path)
    path = team
    for n in (1, 2):
        merged = tmp_path / f"fusion-{n}.xlsx"
        update, expected = _cli_fusion(path, merged, copies)
        xl = _remote(path)
        xb = ribbon.button_pressed("fusionner", xl, files=copies)
        assert xb is not None
        # the command's lines, as it prints them (typeset, what they quote as is)
        assert alerts(xl) == ["\n".join(french.typeset(line) for line in expected)], n
        model = xlsx_read.read_classeur(merged)
        keys = [(code, bloc) for code in model.learning_codes for bloc in vocabulary.BLOCS]
        rows = [
            [
                sheet_writer.to_excel(v)
                for v in [e.eleve, e.groupe, e.enseignant, *(e.resultats.get(k, "") for k in keys)]
            ]
            for e in model.grid
        ]
        writes = writes_on(xl, structure.SHEET_GRILLE)
        if structure.GRILLE_NAME in update.tables:
            (write,) = writes
            assert write["values"] == rows, n
        else:
            assert not writes, n
        path = merged
    assert xlsx_read.read_classeur(merged).grid == xlsx_read.read_classeur(path).grid


# --------------------------------------------------------------------------------------
# Exporter, Exporter avec codes
# --------------------------------------------------------------------------------------
def _sheets(xlsx: Path) -> dict[str, list[list[Any]]]:
    wb = load_workbook(xlsx)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}


def _journal(path: Path) -> list[list[Any]]:
    values = xlsx_read.sheet_values_of(path)(structure.SHEET_JOURNAL) or []
    return [r[1:] for r in values[structure.TABLE_HEADER_ROW :] if any(r)]


@pytest.mark.parametrize("control_id", ["exporter", "exporter_codes"])
def test_exporter_twice_gives_what_the_command_gives(
    control_id: str, tmp_path: Path, built_demo: BuiltDemo
) -> None:
    codes = control_id == "exporter_codes"
    by_cli = tmp_path / "commande" / "equipe.xlsx"
    by_cli.parent.mkdir()
    shutil.copy(built_demo(tmp_path / "equipe.xlsx", vocabulary.MODELE_CAR), by_cli)
    for n in (1, 2):
        clicked = tmp_path / f"clic-{n}" / "equipe.xlsx"  # the book as the command left it
        clicked.parent.mkdir()
        shutil.copy(by_cli, clicked)
        if pseudonyms.key_path(by_cli).exists():  # one key, shared with the command
            shutil.copy(pseudonyms.key_path(by_cli), pseudonyms.key_path(clicked))
        request = features.ExportRequest(
            *features.document_for("R1"), list(outputs.FORMATS), codes, replace_existing=True
        )
        cli_done = features.exporter(filebook.FileSource(by_cli), request)
        xl = _remote(clicked, active="R1")
        assert ribbon.button_pressed(control_id, xl, today=demo.DEMO_TODAY) is not None
        (message,) = alerts(xl)
        assert message.startswith(french.typeset(f"{cli_done.label} : exporté.\n")), message
        assert "Attention" not in message  # no new key: the command's is used
        for cli_file in cli_done.files:
            ours = clicked.parent / cli_file.name
            assert f"Fichier écrit\u00a0: «\u00a0{ours}\u00a0»" in message, (n, message)
            if ours.suffix == ".xlsx":
                assert _sheets(ours) == _sheets(cli_file), (n, ours.name)
        # The open book's journal gets the row the command wrote into the file.
        position = remote.payload_sheet_names(xl).index(structure.SHEET_JOURNAL)
        (write,) = [a for a in remote.actions(xl, "setValues") if a["sheet_position"] == position]
        logged = [r[1:] for r in write["values"][structure.TABLE_HEADER_ROW :] if any(r)]
        expected = _journal(by_cli)
        assert len(logged) == len(expected) == n
        assert [[str(v).lstrip("'") for v in r[:3]] for r in logged] == [
            [str(v) for v in r[:3]] for r in expected
        ]
