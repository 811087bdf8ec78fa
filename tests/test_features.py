"""One core, two front-ends: every command and every ribbon button runs a use case of
``classeur.features``, and a button runs the very one its command runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from classeur import features
from classeur.cli.main import cli
from classeur.domain import demo
from classeur.errors import ClasseurError
from classeur.excel import addin, ribbon
from classeur.features import cee as features_cee
from classeur.files import xlsx_new
from tests import clirun, remote

USE_CASES = (
    "nouveau",
    "demo",
    "verifier",
    "ordre_du_jour",
    "compte_rendu",
    "compiler",
    "fusionner",
    "fiche",
    "plan",
    "bilan",
    "exporter",
)
# The CEE's use cases (features.cee: on folders of classeurs, from the command line).
CEE_USE_CASES = ("tableau_cee", "demo_cee")
# Commands about the add-in itself (build, install, status): not a use case on a classeur.
NOT_ON_A_CLASSEUR = {("addin", "build"), ("addin", "install"), ("addin", "status")}
# The command each button stands for (README: « Les boutons »).
COMMAND_OF_BUTTON = {
    "verifier": "verifier",
    "ordre_du_jour": "ordre-du-jour",
    "compte_rendu": "compte-rendu",
    "compiler": "compiler",
    "fusionner": "fusionner",
    "fiche": "fiche",
    "plan": "plan",
    "bilan": "bilan",
    "exporter": "exporter",
    "exporter_codes": "exporter",
}


class Called(ClasseurError):
    """Raised by a spy: the use case was reached (nothing else runs)."""


@pytest.fixture
def spies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def spy(name: str) -> Callable[..., Any]:
        def called(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            raise Called(f"appel de {name}")

        return called

    for name in USE_CASES:
        monkeypatch.setattr(features, name, spy(name))
    for name in CEE_USE_CASES:
        monkeypatch.setattr(features_cee, name, spy(name))
    return calls


@pytest.fixture
def classeur(tmp_path: Path) -> Path:
    return xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")


def run_command(path: tuple[str, ...], classeur: Path, tmp: Path) -> None:
    command = dict(clirun.discover())[path]
    invocation = clirun.argv_for(path, command, classeur, tmp)
    CliRunner().invoke(cli, invocation.argv, catch_exceptions=False)


def test_every_command_on_a_classeur_runs_one_use_case(
    spies: list[str], classeur: Path, tmp_path: Path
) -> None:
    commands = [path for path, _ in clirun.discover() if path not in NOT_ON_A_CLASSEUR]
    assert {c[0] for c in commands} >= set(COMMAND_OF_BUTTON.values())
    for path in commands:
        spies.clear()
        run_command(path, classeur, tmp_path)
        assert len(spies) == 1 and spies[0] in USE_CASES + CEE_USE_CASES, (path, spies)


@pytest.mark.parametrize("control_id", sorted(ribbon.ACTIONS))
def test_a_button_runs_the_use_case_of_its_command(
    control_id: str, spies: list[str], classeur: Path, tmp_path: Path
) -> None:
    assert set(ribbon.ACTIONS) == set(COMMAND_OF_BUTTON)
    run_command((COMMAND_OF_BUTTON[control_id],), classeur, tmp_path)
    (by_command,) = spies
    spies.clear()
    active = "R2" if "exporter" in control_id else None
    book = remote.book(classeur, active=active, name=str(classeur))
    ribbon.button_pressed(control_id, book, files=[tmp_path / "copie.xlsx"], today=dt.date.today())
    assert spies == [by_command]


def test_the_ribbon_names_only_buttons_it_has() -> None:
    ids = addin.ribbon_ids(addin.read_sources()[0])
    assert set(ids) == set(ribbon.ACTIONS) == set(COMMAND_OF_BUTTON)
