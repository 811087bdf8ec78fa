"""Shared fixtures: classeurs built in code, LibreOffice recalculation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from openpyxl import load_workbook

from classeur.domain import demo
from classeur.domain.model import Classeur
from classeur.files import libreoffice, xlsx_new

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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that needs LibreOffice (the slow ones) carries the ``libreoffice`` mark:
    ``-m "not libreoffice"`` is the quick run while working; CI runs everything."""
    for item in items:
        if any(m.kwargs.get("reason") == _NO_LIBREOFFICE for m in item.iter_markers("skipif")):
            item.add_marker(pytest.mark.libreoffice)


@pytest.fixture
def demo_model() -> Classeur:
    return demo.demo()


@pytest.fixture
def demo_path(tmp_path: Path, demo_model: Classeur) -> Path:
    return xlsx_new.write_classeur(demo_model, tmp_path / "demo.xlsx")


@pytest.fixture(scope="session")
def cee_demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CEE's demo year: 40 réseau classeurs (`classeur demo --cee`), written once."""
    from classeur.features import cee as features_cee

    folder = tmp_path_factory.mktemp("cee") / "reseaux"
    features_cee.demo_cee(folder)
    return folder


def recalculated(path: Path, outdir: Path):
    """The workbook as LibreOffice recalculated it, opened with cached values."""
    out = libreoffice.convert(path, "xlsx", outdir)
    return load_workbook(out, data_only=True)
