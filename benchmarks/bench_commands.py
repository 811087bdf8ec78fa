"""Benchmark: every `classeur` command on the demo classeur, as a teacher runs it.

Each command is discovered from the click group (as the tests do, `tests/clirun.py`), and
runs as a new process (`python -m classeur …`, start-up included) on a fresh copy of the
demo classeur, N times. For each: median and best wall-clock time, median CPU time (the
command and the LibreOffice it starts, user + system) and peak memory (largest process).

The tests bound commands by CPU time only (a busy machine cannot fail them); speed is
measured here, on a quiet machine. A command whose median passes ``--limite`` seconds
(10 by default, what a teacher waits for without wondering) is flagged.

Run: python benchmarks/bench_commands.py [--repeat N] [--limite S]
Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import fr  # benchmarks/figures.py: run as scripts, this folder is on the path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.clirun (command discovery and arguments)
sys.path.insert(0, str(ROOT / "src"))

# The add-in's commands act on Excel, not on a classeur (benchmarks/bench_ribbon.py).
SKIPPED_GROUPS = {"addin"}


def _one(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB) of one run of ``cmd``, which must succeed."""
    start = time.perf_counter()
    child = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert child.stdout is not None
    with child.stdout:
        output = child.stdout.read()
    # wait4: this child's own usage, with the processes it waited for (LibreOffice)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} a échoué ({child.returncode}) :\n{output.decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(path: tuple[str, ...], repeat: int, tmp: Path) -> tuple[float, float, float, float]:
    """(median wall, best wall, median CPU, peak MB) of the command at ``path``."""
    import click

    from classeur.cli.main import cli
    from classeur.domain import demo
    from classeur.files import xlsx_new
    from tests import clirun

    cmd = cli
    for name in path:
        assert isinstance(cmd, click.Group)
        cmd = cmd.commands[name]
    demo_file = tmp / "demo.xlsx"
    if not demo_file.exists():
        xlsx_new.write_classeur(demo.demo(), demo_file)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        "HOME": str(tmp),
    }
    runs = []
    for i in range(repeat):
        work = tmp / f"{'-'.join(path)}-{i}"
        (work / "in").mkdir(parents=True)
        infile = work / "in" / "demo.xlsx"
        shutil.copy2(demo_file, infile)
        argv = clirun.argv_for(path, cmd, infile, work).argv
        runs.append(_one([sys.executable, "-m", "classeur", *argv], work, env))
    walls = [r[0] for r in runs]
    return (
        statistics.median(walls),
        min(walls),
        statistics.median(r[1] for r in runs),
        max(r[2] for r in runs),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limite", type=float, default=10.0)
    args = parser.parse_args()
    from tests import clirun

    print(f"| commande | médiane | meilleur ({args.repeat} essais) | CPU (médiane) | mémoire |")
    print("|---|---|---|---|---|")
    slow = []
    with tempfile.TemporaryDirectory() as tmp:
        for path, _ in clirun.discover():
            if path[0] in SKIPPED_GROUPS:
                continue
            med, best, cpu, peak = measure(path, args.repeat, Path(tmp))
            name = " ".join(path)
            flag = " ⚠" if med > args.limite else ""
            print(
                f"| `{name}` | {fr(med)} s{flag} | {fr(best)} s | {fr(cpu)} s | {peak:.0f} Mo |",
                flush=True,
            )
            if med > args.limite:
                slow.append(name)
    if slow:
        print(f"\n⚠ au-delà de {args.limite:g} s : {', '.join(slow)}")


if __name__ == "__main__":
    main()
