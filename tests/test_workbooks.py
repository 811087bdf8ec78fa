"""workbooks/ holds files built by `workbooks/build.sh`; they must be current."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from classeur.layout import rencontre_tab, vocabulary

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = ROOT / "workbooks"


def contents(path: Path) -> dict[str, dict[str, object]]:
    """Every non-empty cell (value or formula) of every sheet, plus sheet state."""
    wb = load_workbook(path)
    out: dict[str, dict[str, object]] = {}
    for ws in wb.worksheets:
        cells: dict[str, object] = {"state": ws.sheet_state}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    cells[c.coordinate] = c.value
        out[ws.title] = cells
    return out


def test_committed_workbooks_are_current(tmp_path: Path) -> None:
    fresh = tmp_path / "workbooks"
    fresh.mkdir()
    shutil.copy(WORKBOOKS / "build.sh", fresh / "build.sh")
    # This checkout's code, through this interpreter: not whatever `classeur` is on PATH
    # (another checkout's, or none while a reinstall is under way).
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    subprocess.run(["bash", str(fresh / "build.sh")], check=True, capture_output=True, env=env)
    built = sorted(p.name for p in fresh.glob("*.xlsx"))
    committed = sorted(p.name for p in WORKBOOKS.glob("*.xlsx"))
    assert built == committed
    for name in built:
        assert contents(WORKBOOKS / name) == contents(fresh / name), (
            f"workbooks/{name} est périmé : relancez « bash workbooks/build.sh »"
        )


def test_shipped_workbooks_offer_and_show_the_inclusive_words() -> None:
    """The lists offer « Présent·e », « Absent·e », « Excusé·e » and « Participant·e »; the
    demos picked them; no cell holds the masculine word alone; the counts take both."""
    masculine = {"Présent", "Absent", "Excusé", "Participant"}
    for name in ("classeur-demo.xlsx", "reseau-demo.xlsx", "modele-car.xlsx"):
        wb = load_workbook(WORKBOOKS / name)
        texts = {
            c.value
            for ws in wb.worksheets
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str)
        }
        lists = {dv.formula1 for ws in wb.worksheets for dv in ws.data_validations.dataValidation}
        assert '"' + ",".join(vocabulary.ROLES) + '"' in lists, name
        assert vocabulary.ROLE_PARTICIPANT in vocabulary.ROLES
        assert not texts & masculine, name
        assert any('"Participant*"' in t for t in texts), name  # Accueil's count
        if "demo" in name:
            assert '"' + ",".join(vocabulary.PRESENCES) + '"' in lists, name
            assert {*vocabulary.PRESENCES, vocabulary.ROLE_PARTICIPANT} <= texts, name
            assert any('"Présent*"' in t for t in texts), name
            assert set(rencontre_tab.RT_COUNT_LABELS.values()) <= texts, name
            assert not texts & set(rencontre_tab.RT_COUNT_LABELS_BEFORE), name
