"""Benchmark: what a click on the ribbon costs.

1. Import time of the click path, in fresh interpreters, measured in the same run:
   ``import xlwings`` alone vs ``import classeur.excel.ribbon`` (which imports xlwings and
   everything the actions need). The difference is what Classeur adds (target < 150 ms).
2. Each ribbon action on the demo classeur, through xlwings' remote engine (the same
   xlwings calls as in Excel, without Excel: the time is Classeur's and xlwings', not
   Excel's own drawing).

Run: python benchmarks/bench_ribbon.py [--repeat N]
Prints Markdown tables (median and best of N runs) for the README.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.remote (the payload helper)

_IMPORT = (
    "import time, sys; t = time.perf_counter(); import {module}; "
    "print(time.perf_counter() - t); print(int('pandas' in sys.modules))"
)


def import_time(module: str) -> tuple[float, bool]:
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT.format(module=module)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), out[1] == "1"


def import_rows(repeat: int) -> list[tuple[str, list[float], bool]]:
    runs: dict[str, list[float]] = {"xlwings": [], "classeur.excel.ribbon": []}
    pandas: dict[str, bool] = {}
    for _ in range(repeat):  # interleaved, so both see the same machine state
        for module in runs:
            seconds, has_pandas = import_time(module)
            runs[module].append(seconds)
            pandas[module] = has_pandas
    return [(m, r, pandas[m]) for m, r in runs.items()]


# How each button is clicked on the demo: (kind of classeur, active sheet).
CLICKS = {
    "ordre_du_jour": ("car", "R3"),
    "compte_rendu": ("car", "R2"),
    "compiler": ("car", None),
    "fusionner": ("car", None),
    "verifier": ("car", None),
    "fiche": ("reseau", None),
    "plan": ("reseau", None),
    "bilan": ("car", None),
    "exporter": ("car", "R1"),
    "exporter_codes": ("car", "R1"),
}
SLOW = {"exporter", "exporter_codes"}  # LibreOffice runs: a few runs are enough


def _copies(folder: Path) -> list[Path]:
    """One copy of the demo's grille per teacher, as each would send it back."""
    from classeur.domain import demo
    from classeur.files import xlsx_new

    full = demo.demo()
    teachers = list(dict.fromkeys(e.enseignant for e in full.grid))
    paths = []
    for i, teacher in enumerate(teachers):
        c = demo.demo()
        c.grid = [e for e in full.grid if e.enseignant == teacher]
        paths.append(xlsx_new.write_classeur(c, folder / f"copie-{i}.xlsx"))
    return paths


def action_rows(repeat: int) -> list[tuple[str, list[float]]]:
    from classeur.domain import demo
    from classeur.excel import ribbon
    from classeur.files import xlsx_new
    from tests import remote

    rows = []
    for control_id in ribbon.ACTIONS:
        modele, active = CLICKS.get(control_id, ("car", None))
        runs = []
        for _ in range(min(repeat, 3) if control_id in SLOW else repeat):
            with tempfile.TemporaryDirectory() as tmp:
                path = xlsx_new.write_classeur(demo.demo(modele), Path(tmp) / "demo.xlsx")
                files = _copies(Path(tmp)) if control_id == "fusionner" else None
                book = remote.book(path, active=active, name=str(path))
                start = time.perf_counter()
                xb = ribbon.button_pressed(control_id, book, files=files, today=demo.DEMO_TODAY)
                runs.append(time.perf_counter() - start)
                alerts = [a["args"][0] for a in remote.actions(book, "alert")]
                if xb is None or any(a.startswith("Erreur inattendue") for a in alerts):
                    raise SystemExit(f"{control_id} a échoué : {alerts}")
        rows.append((control_id, runs))
    return rows


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    imports = import_rows(args.repeat)
    print(f"| import (processus neuf) | médiane | meilleur ({args.repeat} essais) | pandas |")
    print("|---|---|---|---|")
    medians = {}
    for module, runs, has_pandas in imports:
        medians[module] = statistics.median(runs)
        print(
            f"| `import {module}` | {ms(medians[module])} | {ms(min(runs))} | "
            f"{'oui' if has_pandas else 'non'} |"
        )
    added = medians["classeur.excel.ribbon"] - medians["xlwings"]
    print(f"\nClasseur ajoute {ms(added)} (médiane) à `import xlwings`.\n")
    header = "bouton (démo, moteur distant d'xlwings)"
    print(f"| {header} | médiane | meilleur | essais |")
    print("|---|---|---|---|")
    for control_id, runs in action_rows(args.repeat):
        print(f"| `{control_id}` | {ms(statistics.median(runs))} | {ms(min(runs))} | {len(runs)} |")


if __name__ == "__main__":
    main()
