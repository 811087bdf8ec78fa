"""Benchmark: `classeur cee` on 200 réseau classeurs, on 2 cores.

The 40 classeurs of `classeur demo --cee` are copied 5 times (200 files, 5 sub-folders; the
copies share their people, which only makes the rule checks busier). The command is run as
a teacher runs it, `python -m classeur cee DOSSIER -o …`, pinned to 2 cores (taskset), and
timed from the start of the process to its end. Memory: the peak of the whole process
tree (the command and its reading workers, sampled every 20 ms) and of its largest process
(ru_maxrss). A 1-core run shows what reading in parallel brings.

Prints a Markdown table (median and best of N runs) and the machine's load for the README.

Run: python benchmarks/bench_cee.py [--repeat N] [--copies 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from figures import fr  # benchmarks/figures.py: run as scripts, this folder is on the path

SRC = Path(__file__).resolve().parents[1] / "src"


def _tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and its descendants (Linux /proc), in MB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total / 1e6


def run_once(cmd: list[str], cwd: Path) -> tuple[float, float, float, float]:
    """Wall-clock seconds of ``cmd`` (start to exit), its CPU seconds (with its workers),
    the peak of its process tree and the peak of its largest process (MB)."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    peak = 0.0
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_mb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} a échoué (code {code})")
    return seconds, usage.ru_utime + usage.ru_stime, peak, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=5)
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-cee-") as tmp:
        root = Path(tmp)
        demo = root / "demo"
        subprocess.run(
            [sys.executable, "-m", "classeur", "demo", "--cee", str(demo)],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(SRC)},
        )
        folder = root / "reseaux"
        for i in range(args.copies):
            shutil.copytree(demo, folder / f"lot-{i + 1}")
        n = len(list(folder.rglob("*.xlsx")))
        rows = []
        for cores in ("0,1", "0"):
            cmd = [
                "taskset", "-c", cores, sys.executable, "-m", "classeur", "cee", str(folder),
                "-o", str(root / "tableau.xlsx"), "--remplacer", "--aujourdhui", "2027-07-02",
            ]  # fmt: skip
            runs = [run_once(cmd, root) for _ in range(args.repeat)]
            seconds = [r[0] for r in runs]
            n_cores = len(cores.split(","))
            rows.append(
                (
                    f"`classeur cee` ({n} classeurs, {n_cores} cœur{'s' if n_cores > 1 else ''})",
                    statistics.median(seconds),
                    min(seconds),
                    statistics.median(r[1] for r in runs),
                    max(r[2] for r in runs),
                    max(r[3] for r in runs),
                )
            )
    for when, load in (("au début", load_before), ("à la fin", os.getloadavg())):
        figures = ", ".join(fr(x) for x in load)
        print(f"Charge de la machine {when} (1, 5, 15 min) : {figures}")
    print(f"| commande | durée (médiane) | meilleure ({args.repeat} essais) | temps CPU (médiane) "
          "| mémoire (tous les processus) | mémoire (le plus gros processus) |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    for name, med, best, cpu, peak, largest in rows:
        times = " | ".join(f"{fr(x)} s" for x in (med, best, cpu))
        print(f"| {name} | {times} | {peak:.0f} Mo | {largest:.0f} Mo |")


if __name__ == "__main__":
    main()
