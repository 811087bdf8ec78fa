"""workbooks/ holds files built by `workbooks/build.sh`; they must be current."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

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
