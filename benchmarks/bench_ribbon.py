"""Benchmark: what a click on the ribbon costs, end to end.

A click starts a NEW Python process (xlwings' RunPython: ``python -B -c "import
xlwings.utils; xlwings.utils.prepare_sys_path(...); import classeur.excel.ribbon;
classeur.excel.ribbon.button_pressed('id')"``), which imports xlwings (and pandas, which
xlwings imports when it is installed), then Classeur, talks to the book, shows an alert
and exits. This measures that process from its start to the alert and to its exit, on the
demo classeur, each part timed inside the process:

- start: the interpreter up to its first statement;
- xlwings: what RunPython runs before Classeur (``import xlwings.utils`` + sys.path);
- Classeur: ``import classeur.excel.ribbon``;
- book: xlwings' remote engine building the book from its JSON (where Excel would answer
  Book.caller() and each read over COM/AppleScript: Excel itself cannot run here);
- click: the button's work, up to the alert;
- exit: from the alert to the end of the process.

Variants, measured in the same run (interleaved, so each sees the same machine load):
as installed (``.pyc`` written by ``classeur addin install``); Classeur without ``.pyc``
(what every click paid before the install precompiled: RunPython's ``-B`` writes none);
xlwings without pandas (pandas' share, made unimportable for that process; for Vérifier
only: the buttons that count the grille need pandas themselves). Then each
button in a process that is already warm (what xlwings' « Use UDF Server » would leave
per click: see the README for why it is not used).

Run: python benchmarks/bench_ribbon.py [--repeat N]
Prints Markdown tables (medians of N runs) and the machine's load, for the README.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import fr  # benchmarks/figures.py: run as scripts, this folder is on the path

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.remote (the payload helper)

# The click's process. The first statement notes the time; then exactly what RunPython
# runs, with the book built from its JSON instead of asked from Excel.
CHILD = """import time; T = [time.time()]
import json, sys, datetime
{prelude}
import xlwings.utils; xlwings.utils.prepare_sys_path("false;;;;;;"); T.append(time.time())
import classeur.excel.ribbon; T.append(time.time())
import xlwings as xw
with open(sys.argv[2], encoding="utf-8") as fh:
    book = xw.Book(json=json.load(fh))
T.append(time.time())
classeur.excel.ribbon.button_pressed(sys.argv[1], book, today=datetime.date(2026, 10, 20))
T.append(time.time())
alerts = [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]
assert len(alerts) == 1 and not alerts[0].startswith("Erreur"), alerts
print(json.dumps(T))
"""
NO_PANDAS = "sys.modules['pandas'] = None  # xlwings then runs without pandas"
PARTS = ("start", "xlwings", "Classeur", "book", "click", "exit")
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
END_TO_END = ("verifier", "ordre_du_jour", "compiler")
SLOW = {"exporter", "exporter_codes"}  # LibreOffice runs: a few runs are enough


def _payload(folder: Path, control_id: str) -> Path:
    from classeur import features
    from tests import remote

    modele, active = CLICKS[control_id]
    path = features.demo(folder / f"{modele}.xlsx", modele)
    target = folder / f"{control_id}.json"
    data = remote.payload(path, active=active, name=f"https://exemple.invalid/{path.name}")
    target.write_text(json.dumps(data), encoding="utf-8")
    return target


def _bare_classeur(folder: Path) -> Path:
    """A copy of the package without any .pyc: Classeur as a click saw it before the
    install precompiled it."""
    target = folder / "sans-pyc"
    shutil.copytree(
        ROOT / "src" / "classeur", target / "classeur", ignore=shutil.ignore_patterns("__pycache__")
    )
    return target


def click_once(control_id: str, payload: Path, env: dict[str, str], prelude: str) -> list[float]:
    """One click's process: the seconds of each part (PARTS)."""
    code = CHILD.format(prelude=prelude)
    spawned = time.time()
    out = subprocess.run(
        # RunPython's arguments after the command (Windows and Mac): the click's process
        # knows Excel started it for this one click (--from_xl=1).
        [
            sys.executable,
            "-B",
            "-c",
            code,
            control_id,
            str(payload),
            "--wb=demo.xlsx",
            "--from_xl=1",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    ended = time.time()
    stamps = json.loads(out.stdout.strip().splitlines()[-1])
    marks = [spawned, *stamps, ended]
    return [b - a for a, b in itertools.pairwise(marks)]


def end_to_end(repeat: int, folder: Path) -> dict[str, dict[str, list[list[float]]]]:
    base = dict(os.environ)
    base["PYTHONPATH"] = str(ROOT / "src")
    bare = dict(base, PYTHONPATH=str(_bare_classeur(folder)))
    variants = {
        "installé (.pyc écrits à l'installation)": (base, ""),
        "Classeur sans .pyc": (bare, ""),
        "xlwings sans pandas": (base, NO_PANDAS),
    }
    # Every module of the installed variant precompiled, as `classeur addin install` does.
    subprocess.run(
        [sys.executable, "-m", "classeur.excel.precompile"],
        env=base,
        check=True,
        capture_output=True,
    )
    results: dict[str, dict[str, list[list[float]]]] = {}
    for control_id in END_TO_END:
        payload = _payload(folder, control_id)
        results[control_id] = {
            name: []
            for name, (_, prelude) in variants.items()
            if not prelude or control_id == "verifier"
        }
        for _ in range(repeat):  # interleaved: each variant sees the same machine state
            for name, (env, prelude) in variants.items():
                if prelude and control_id != "verifier":
                    continue  # counting the grille needs pandas: no such variant
                results[control_id][name].append(click_once(control_id, payload, env, prelude))
    return results


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


def warm_clicks(repeat: int) -> list[tuple[str, list[float]]]:
    """Each button in this (already warm) process: a click's own work, without any start."""
    from classeur.domain import demo
    from classeur.excel import ribbon
    from classeur.files import xlsx_new
    from tests import remote

    rows = []
    for control_id in ribbon.ACTIONS:
        modele, active = CLICKS[control_id]
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


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"charge {fr(one, 1)} (1 min) / {fr(five, 1)} (5 min), {os.cpu_count()} cœurs"


def _print_end_to_end(results: dict[str, dict[str, list[list[float]]]], repeat: int) -> None:
    print(
        f"| clic (processus neuf, médianes de {repeat}) | jusqu'à l'alerte | "
        + " | ".join(PARTS)
        + " |"
    )
    print("|---|---|" + "---|" * len(PARTS))
    for control_id, variants in results.items():
        for name, runs in variants.items():
            parts = [statistics.median(r[i] for r in runs) for i in range(len(PARTS))]
            to_alert = statistics.median(sum(r[:5]) for r in runs)
            shares = " | ".join(f"{ms(p)} ({p / to_alert:.0%})" for p in parts)
            print(f"| `{control_id}`, {name} | {ms(to_alert)} | {shares} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    print(f"Avant : {_load()}\n")
    with tempfile.TemporaryDirectory() as tmp:
        results = end_to_end(args.repeat, Path(tmp))
    _print_end_to_end(results, args.repeat)
    print("\n(parts en % du temps jusqu'à l'alerte; « exit » vient après l'alerte)\n")
    print("| bouton, processus déjà chaud (moteur distant) | médiane | meilleur | essais |")
    print("|---|---|---|---|")
    for control_id, runs in warm_clicks(args.repeat):
        print(f"| `{control_id}` | {ms(statistics.median(runs))} | {ms(min(runs))} | {len(runs)} |")
    print(f"\nAprès : {_load()}")


if __name__ == "__main__":
    main()
