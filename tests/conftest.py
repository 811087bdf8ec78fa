"""Shared fixtures: classeurs built in code, LibreOffice recalculation."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from openpyxl import load_workbook

from classeur.domain import demo
from classeur.domain.model import Classeur
from classeur.files import libreoffice, xlsx_new
from tests import scheduling

# xlwings' remote engine (tests of the Excel binding without Excel) needs a key; the
# noncommercial one covers educational use. Set before anything imports xlwings.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

# Hypothesis times every example (200 ms deadline) and its data generation (the too_slow
# health check) by the wall clock: a busy machine fails them with nothing wrong. What the
# properties check does not depend on speed, so neither bound applies here.
settings.register_profile("classeur", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("classeur")

_NO_LIBREOFFICE = "LibreOffice (soffice) n'est pas installé"
needs_libreoffice = pytest.mark.skipif(libreoffice.soffice() is None, reason=_NO_LIBREOFFICE)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--record-costs",
        action="store_true",
        help="record each test's seconds (setup, call and teardown) in tests/costs.json, "
        "which orders the next runs (tests/scheduling.py)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test that needs LibreOffice (the slow ones) carries the ``libreoffice`` mark:
    ``-m "not libreoffice"`` is the quick run while working; CI runs everything. Under
    pytest-xdist, the tests are ordered for the workers: longest first, evenly shared."""
    for item in items:
        if any(m.kwargs.get("reason") == _NO_LIBREOFFICE for m in item.iter_markers("skipif")):
            item.add_marker(pytest.mark.libreoffice)
    workers = getattr(config, "workerinput", {}).get("workercount")
    if workers:
        items[:] = scheduling.order(items, int(workers), scheduling.load_costs())


_durations: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _durations[report.nodeid] = _durations.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if config.getoption("--record-costs") and not hasattr(config, "workerinput"):
        costs = scheduling.recorded(_durations, scheduling.load_costs())
        scheduling.COSTS.write_text(json.dumps(costs, indent=1) + "\n", encoding="utf-8")


@pytest.fixture
def demo_model() -> Classeur:
    return demo.demo()


@pytest.fixture
def demo_path(tmp_path: Path, demo_model: Classeur) -> Path:
    return xlsx_new.write_classeur(demo_model, tmp_path / "demo.xlsx")


BuiltDemo = Callable[[Path, str], Path]


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> BuiltDemo:
    """``features.demo(path, modele)`` for tests that start from the demo: the same files
    (the classeur and its side files, as `classeur demo` leaves them beside it), built once
    per test process and file name, then copied into ``path``'s folder for each test."""
    from classeur import features

    built: dict[tuple[str, str], Path] = {}

    def make(path: Path, modele: str) -> Path:
        key = (modele, path.name)
        if key not in built:
            built[key] = tmp_path_factory.mktemp(f"demo-{modele}")
            features.demo(built[key] / path.name, modele)
        path.parent.mkdir(parents=True, exist_ok=True)
        for made in sorted(built[key].iterdir()):
            shutil.copyfile(made, path.parent / made.name)
        return path

    return make


@pytest.fixture(scope="session")
def cee_demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CEE's demo year: 40 réseau classeurs (`classeur demo --cee`), written once."""
    from classeur.features import cee as features_cee

    folder = tmp_path_factory.mktemp("cee") / "reseaux"
    features_cee.demo_cee(folder)
    return folder


@pytest.fixture(scope="session")
def cee_result(cee_demo_folder: Path) -> Any:
    """The CEE's dashboard of the demo year (`classeur cee` at the demo's date), built once."""
    from classeur.domain.cee import demo as cee_demo
    from classeur.features import cee as features_cee

    output = cee_demo_folder.parent / "tableau-cee.xlsx"
    return features_cee.tableau_cee([cee_demo_folder], output, today=cee_demo.TODAY)


@pytest.fixture(scope="session")
def cee_recalculated(cee_result: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The dashboard as LibreOffice recalculated it (cached values)."""
    return recalculated(cee_result.output, tmp_path_factory.mktemp("lo"))


def recalculated(path: Path, outdir: Path):
    """The workbook as LibreOffice recalculated it, opened with cached values."""
    out = libreoffice.convert(path, "xlsx", outdir)
    return load_workbook(out, data_only=True)
