"""What the ribbon shows is in Québec typography, as what the command prints: every
message box, question and status-bar text of a day of clicks (buttons that write, an
export that asks, refusals and errors) passes tests/typography.py's scan, on xlwings'
remote engine. What a teacher named (a folder « l'équipe : 2026 », a classeur
« classeur d'équipe.xlsx », a copy) is shown exactly as it is: in « », or as the value
filling a message's ``{}``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from classeur.domain import demo
from classeur.excel import book, dialogs, ribbon
from classeur.files import xlsx_new
from classeur.layout import structure
from classeur.text import french
from tests import remote
from tests.typography import scan, unquoted

# A folder and a classeur named by a teacher: straight apostrophes, a colon after a space.
FOLDER = "l'équipe : 2026"
NAME = "classeur d'équipe.xlsx"
NB = "\u00a0"


class _StatusBar:
    """The remote engine's app with the status bar desktop Excel has (the remote engine
    has none): what a click shows there is recorded; everything else is the remote
    engine's own xlwings code."""

    def __init__(self, app: Any, shown: list[str]) -> None:
        object.__setattr__(self, "_app", app)
        object.__setattr__(self, "_shown", shown)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._app, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name != "status_bar":
            setattr(self._app, name, value)
        elif value is not False:  # False gives the bar back to Excel
            self._shown.append(value)


class _Book:
    def __init__(self, xl: Any) -> None:
        self.xl, self.statuses = xl, []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.xl, name)

    @property
    def app(self) -> _StatusBar:
        return _StatusBar(self.xl.app, self.statuses)


def _click(path: Path, control_id: str, active: str | None = None, **kwargs: Any) -> dict:
    """Button ``control_id`` clicked on the book at ``path`` (saved on this computer):
    the texts it showed, by kind."""
    xl = _Book(remote.book(path, active=active, name=str(path)))
    ribbon.button_pressed(control_id, xl, today=demo.DEMO_TODAY, **kwargs)
    boxes = [a["args"] for a in remote.actions(xl.xl, "alert")]
    return {
        "message": [args[0] for args in boxes if args[2] == "ok"],
        "question": [args[0] for args in boxes if args[2] == "yes_no_cancel"],
        "status": list(xl.statuses),
    }


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[Path]]:
    """A team's classeur (``NAME``) and the copies of its grille, in ``FOLDER``."""
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = tmp_path / FOLDER
    folder.mkdir()
    path, copies = remote.team_and_copies(folder)
    return path.rename(folder / NAME), copies


def _day_of_clicks(path: Path, copies: list[Path]) -> dict[str, dict]:
    folder = path.parent
    reseau = xlsx_new.write_classeur(demo.demo("reseau"), folder / "réseau d'entraide.xlsx")
    typed = folder / "avec une date tapée.xlsx"
    shutil.copyfile(path, typed)
    _type_a_date(typed)
    shown = {
        "vérifier": _click(path, "verifier"),
        "vérifier un problème": _click(typed, "verifier"),
        "ordre du jour": _click(path, "ordre_du_jour", active="R2"),
        "compte rendu": _click(path, "compte_rendu", active="R1"),
        "compiler": _click(path, "compiler"),
        "bilan": _click(path, "bilan"),
        "fiche d'une équipe": _click(path, "fiche"),
        "fiche": _click(reseau, "fiche"),
        "plan": _click(reseau, "plan"),
        "fusionner": _click(path, "fusionner", files=copies),
        "fusionner sans copie": _click(path, "fusionner", files=[]),
        "exporter, oui": _click(path, "exporter", structure.SHEET_GRILLE, answer=dialogs.YES),
        "exporter, annuler": _click(
            path, "exporter", structure.SHEET_GRILLE, answer=dialogs.CANCEL
        ),
        "exporter une rencontre": _click(path, "exporter", active="R1"),
        "bouton inconnu": _click(path, "bouton_du_futur"),
    }
    return shown


def _type_a_date(path: Path) -> None:
    """A date typed as words in the calendar: a problem « Vérifier » quotes as typed."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[structure.SHEET_RENCONTRES]
    date = [c.key for c in structure.RENCONTRES.columns].index("date") + 1
    ws.cell(row=structure.TABLE_HEADER_ROW + 1, column=date, value="l'an prochain")
    wb.save(path)


def test_every_text_the_ribbon_shows_is_in_quebec_typography(
    team: tuple[Path, list[Path]],
) -> None:
    shown = _day_of_clicks(*team)
    folder = team[0].parent
    for what in ("ordre du jour", "compiler", "fusionner", "exporter, oui"):
        assert shown[what]["status"], what  # the status bar was used, and is scanned
    (question,) = shown["exporter, oui"]["question"]
    assert "Oui" in question and "Annuler" in question
    faults = []
    for what, texts in shown.items():
        assert texts["message"], what  # every click ends with a message box
        for kind, said in texts.items():
            for text in said:
                mine = unquoted(text).replace(str(folder), "…")
                for name in (NAME, *(f"copie-{i}.xlsx" for i in (1, 2, 3))):
                    mine = mine.replace(name, "…")
                faults += scan(mine, f"{what} ({kind})")
    assert not faults, "\n".join(faults)


def test_paths_and_names_are_shown_exactly_as_they_are(team: tuple[Path, list[Path]]) -> None:
    path, copies = team
    folder = path.parent
    assert folder.name == FOLDER
    assert _click(path, "verifier")["message"] == [f"✓ {NAME}{NB}: aucun problème."]
    (said,) = _click(path, "ordre_du_jour", active="R2")["message"]
    assert f"Fichiers enregistrés dans{NB}: «{NB}{folder}{NB}»" in said.splitlines()
    assert (folder / "classeur d'équipe-R2-ordre-du-jour.txt").exists()
    (said,) = _click(path, "exporter", active="R1")["message"]
    exported = folder / "classeur-d-equipe-R1.docx"  # an export's name is made safe to send
    assert exported.exists() and f"Fichier écrit{NB}: «{NB}{exported}{NB}»" in said.splitlines()
    statuses = _click(path, "fusionner", files=copies)["status"]
    assert f"Classeur{NB}: lecture de la copie 1 sur {len(copies)} (copie-1.xlsx)…" in statuses


@given(st.text(), st.text(alphabet="{}:'« »ab ", max_size=12))
def test_a_message_is_typeset_and_its_values_shown_as_they_are(value: str, other: str) -> None:
    said = french.message("L'élève « {} » : ajouté; {} n'a rien changé.", value, other)
    assert said == (f"L’élève «{NB}{value}{NB}»{NB}: ajouté; {other} n’a rien changé.")


def test_a_box_typesets_its_text_once_its_values_never(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "demo.xlsx")
    xl = remote.book(path)
    xb = book.XlBook(xl)
    xb.alert("Fichier « {} » : 1 {} d'écart.", "l'a : {}", "« x »")
    xb.alert(french.typeset("Déjà « typé » : l’élève."))
    assert [a["args"][0] for a in remote.actions(xl, "alert")] == [
        f"Fichier «{NB}l'a : {{}}{NB}»{NB}: 1 « x » d’écart.",
        f"Déjà «{NB}typé{NB}»{NB}: l’élève.",
    ]
    with pytest.raises(ValueError, match="2 values for 1"):
        french.message("Un seul {}.", "a", "b")


DATA = Path(__file__).resolve().parents[1] / "src" / "classeur" / "excel" / "data"


def test_the_ribbon_and_its_vba_messages_are_in_quebec_typography() -> None:
    """The buttons' labels and tips (customUI.xml) and the messages the add-in's VBA shows
    before Python starts (Classeur.bas); the built add-in carries the same (test_addin)."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring((DATA / "customUI.xml").read_bytes())
    tips = [
        (f"{element.get('id')} {attr}", element.get(attr) or "")
        for element in root.iter()
        for attr in ("label", "screentip", "supertip")
        if element.get(attr)
    ]
    assert len(tips) > 20 and any("’" in text for _, text in tips)
    vba = (DATA / "Classeur.bas").read_text(encoding="utf-8")
    shown = [
        ("Classeur.bas", literal)
        for line in vba.splitlines()
        if not line.lstrip().startswith("'") and "RunPython" not in line
        for literal in re.findall(r'"([^"\n]*)"', line)
    ]
    assert any("rien n’a été modifié" in text for _, text in shown)
    faults = [fault for where, text in tips + shown for fault in scan(text, where)]
    assert not faults, "\n".join(faults)
