"""Benchmark: `classeur compiler` and `classeur fusionner` at school scale.

A classeur with 2,000 students × 20 apprentissages × 4 blocs (160,000 result cells, 60
groups). In the same run, on the same file:

- baseline 1: openpyxl alone, load_workbook + save (what any file-to-file command pays);
- baseline 2: pandas.read_excel of the Grille sheet with the openpyxl engine;
- `classeur compiler FICHIER -o SORTIE` in-process (the same work as the command);
- the command itself as a new process (`python -m classeur compiler …`), start-up included;
- `classeur fusionner` of 30 teacher copies (≈ 67 students each) into an empty grille.

Each measure runs in a fresh process (so peak memory, ru_maxrss, is its own). Prints a
Markdown table (median and best of N runs) for the README.

Run: python benchmarks/bench_grille.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import fr  # benchmarks/figures.py: run as scripts, this folder is on the path

STUDENTS = 2000
LEARNINGS = 20
TEACHERS = 30
GROUPS_PER_TEACHER = 2


def make_model(students: int = STUDENTS, seed: int = 4):  # type: ignore[no-untyped-def]
    from classeur.domain import demo
    from classeur.domain.model import GridEntry, Learning
    from classeur.layout import vocabulary

    rng = random.Random(seed)
    c = demo.demo()
    c.learnings = [
        Learning(f"A{i}", f"Apprentissage {i}", niveau_vise=3, objectif=0.8)
        for i in range(1, LEARNINGS + 1)
    ]
    c.grid = []
    for s in range(students):
        t = s % TEACHERS
        g = (s // TEACHERS) % GROUPS_PER_TEACHER
        ability = rng.gauss(2.8, 0.7)
        results: dict[tuple[str, str], int | str] = {}
        for lrn in c.learnings:
            for b, bloc in enumerate(vocabulary.BLOCS):
                if rng.random() < 0.95:
                    level = round(ability + 0.3 * b + rng.gauss(0, 0.5))
                    results[(lrn.code, bloc)] = min(4, max(1, level))
        c.grid.append(
            GridEntry(f"Élève {s:04d}", f"{4}{t:02d}{g}", f"Enseignant·e {t:02d}", results)
        )
    return c


# --------------------------------------------------------------------------------------
# One measure, in this (fresh) process: prints {"seconds", "cpu", "peak_mb"} as JSON.
# "seconds"/"cpu" cover the operation only; for "cli" they cover the whole command
# process (`python -m classeur …`), interpreter start-up and exit included.
# --------------------------------------------------------------------------------------
def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _measure(kind: str, args: list[str]) -> None:
    start, cpu = time.perf_counter(), _cpu()
    if kind == "openpyxl":
        from openpyxl import load_workbook

        wb = load_workbook(args[0])
        wb.save(args[1])
    elif kind == "pandas":
        import pandas as pd

        from classeur.layout import structure

        pd.read_excel(
            args[0],
            sheet_name=structure.SHEET_GRILLE,
            engine="openpyxl",
            header=structure.TABLE_HEADER_ROW - 1,
        )
    elif kind == "compile":
        from classeur.files import filebook
        from classeur.sheets import grille

        filebook.update_classeur(
            args[0], lambda e: grille.compiler(e.model, e.sheet_values), args[1]
        )
    elif kind == "cli":
        # The command exactly as a teacher runs it, in its own process: this process only
        # starts it and reads its time, CPU and peak memory (its only child).
        subprocess.run([sys.executable, "-m", "classeur", *args], capture_output=True, check=True)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(
            json.dumps(
                {
                    "seconds": time.perf_counter() - start,
                    "cpu": children.ru_utime + children.ru_stime,
                    "peak_mb": children.ru_maxrss / 1024,
                }
            )
        )
        return
    else:
        raise SystemExit(f"unknown measure {kind}")
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - start,
                "cpu": _cpu() - cpu,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def _child(kind: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", kind, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:  # a child process running one measure
        _measure(sys.argv[2], sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from classeur.domain import demo
    from classeur.files import xlsx_new

    rows: list[tuple[str, list[dict[str, float]]]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        source = xlsx_new.write_classeur(make_model(), tmp / "ecole.xlsx")
        size_mb = source.stat().st_size / 1e6
        runs: dict[str, list[dict[str, float]]] = {
            "openpyxl": [],
            "pandas": [],
            "compile": [],
            "cli": [],
        }
        for i in range(args.repeat):
            runs["openpyxl"].append(_child("openpyxl", str(source), str(tmp / f"o{i}.xlsx")))
            runs["pandas"].append(_child("pandas", str(source)))
            runs["compile"].append(_child("compile", str(source), str(tmp / f"c{i}.xlsx")))
            runs["cli"].append(
                _child("cli", "compiler", str(source), "-o", str(tmp / f"cli{i}.xlsx"))
            )
        rows += [
            ("openpyxl seul : load_workbook + save (référence 1)", runs["openpyxl"]),
            ('pandas.read_excel("Grille", engine="openpyxl") (référence 2)', runs["pandas"]),
            ("classeur compiler, dans le processus", runs["compile"]),
            ("`classeur compiler` (commande, démarrage compris)", runs["cli"]),
        ]

        # Merging: 30 teacher copies into a classeur whose grille is empty.
        full = make_model()
        team = demo.demo()
        team.learnings = full.learnings
        team.grid = []
        merges = []
        copies = []
        for t in range(TEACHERS):
            mine = make_model(0)
            mine.grid = [e for e in full.grid if e.enseignant == f"Enseignant·e {t:02d}"]
            copies.append(str(xlsx_new.write_classeur(mine, tmp / f"copie{t:02d}.xlsx")))
        for i in range(args.repeat):
            target = xlsx_new.write_classeur(team, tmp / f"equipe{i}.xlsx")
            merges.append(_child("cli", "fusionner", str(target), *copies))
        rows.append((f"`classeur fusionner` de {TEACHERS} copies (commande)", merges))

    base = statistics.median(r["seconds"] for r in runs["openpyxl"])
    base_cpu = statistics.median(r["cpu"] for r in runs["openpyxl"])
    print(
        f"Classeur de {STUDENTS} élèves × {LEARNINGS} apprentissages × 4 blocs "
        f"({fr(size_mb, 1)} Mo), {args.repeat} essais :\n"
    )
    print(
        "| opération | durée (médiane) | rapport | temps CPU (médiane) | rapport CPU "
        "| mémoire max |"
    )
    print("|---|---|---|---|---|---|")
    for name, measures in rows:
        med = statistics.median(m["seconds"] for m in measures)
        cpu = statistics.median(m["cpu"] for m in measures)
        peak = max(m["peak_mb"] for m in measures)
        print(
            f"| {name} | {fr(med)} s | {fr(med / base)}× | {fr(cpu)} s "
            f"| {fr(cpu / base_cpu)}× | {peak:.0f} Mo |"
        )


if __name__ == "__main__":
    main()
