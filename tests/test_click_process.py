"""The process a click runs in: started by Excel for that one click (xlwings' RunPython),
with Python's -B; what it imports and how it ends."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from classeur import features
from tests import remote

ROOT = Path(__file__).resolve().parents[1]

# What RunPython runs (the book built from its JSON where Excel would be asked for it),
# then what the process holds at its end.
CLICK = """import json, sys, gc, datetime
{prelude}
import xlwings.utils; xlwings.utils.prepare_sys_path("false;;;;;;")
import classeur.excel.ribbon
import xlwings as xw
with open(sys.argv[2], encoding="utf-8") as fh:
    book = xw.Book(json=json.load(fh))
classeur.excel.ribbon.button_pressed(sys.argv[1], book, today=datetime.date(2026, 10, 20))
alerts = [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]
print(json.dumps({{"alerts": alerts, "frozen": gc.get_freeze_count(),
                   "pandas": sys.modules.get("pandas") is not None}}))
"""


@pytest.fixture(scope="module")
def payloads(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("clic")
    path = features.demo(folder / "demo.xlsx", "car")
    out = {}
    for control_id, active in (("verifier", None), ("ordre_du_jour", "R3"), ("compiler", None)):
        data = remote.payload(path, active=active, name="https://exemple.invalid/demo.xlsx")
        out[control_id] = folder / f"{control_id}.json"
        out[control_id].write_text(json.dumps(data), encoding="utf-8")
    return out


def _click(control_id: str, payload: Path, *argv: str, prelude: str = "") -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), XLWINGS_LICENSE_KEY="noncommercial")
    env["HOME"] = str(payload.parent)
    out = subprocess.run(
        [
            sys.executable,
            "-B",
            "-c",
            CLICK.format(prelude=prelude),
            control_id,
            str(payload),
            *argv,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


def test_a_click_started_by_excel_leaves_its_objects_to_the_end_of_the_process(
    payloads: dict[str, Path],
) -> None:
    # xlwings' RunPython passes these arguments (Windows and Mac alike).
    by_excel = _click("verifier", payloads["verifier"], "--wb=demo.xlsx", "--from_xl=1")
    assert by_excel["alerts"] == ["✓ demo.xlsx\u00a0: aucun problème."]
    assert by_excel["frozen"] > 0  # the interpreter's last collection has nothing to walk
    elsewhere = _click("verifier", payloads["verifier"])
    assert elsewhere["alerts"] == by_excel["alerts"] and elsewhere["frozen"] == 0


def test_classeur_loads_pandas_only_to_count_the_grille(payloads: dict[str, Path]) -> None:
    """xlwings imports pandas itself when it is installed (RunPython's first statement, before
    any Classeur code). Classeur's own click path needs it only where the grille is counted
    (Compiler, and the « Résultats attendus » of an ordre du jour)."""
    blocked = "sys.modules['pandas'] = None"
    found = _click("verifier", payloads["verifier"], prelude=blocked)
    assert found["pandas"] is False and found["alerts"] == ["✓ demo.xlsx\u00a0: aucun problème."]
    counted = _click("ordre_du_jour", payloads["ordre_du_jour"], prelude=blocked)
    (alert,) = counted["alerts"]
    assert alert.startswith("Erreur inattendue")  # it does count the grille with pandas
    Path(alert.split("«\u00a0")[1].split("\u00a0»")[0]).unlink()
