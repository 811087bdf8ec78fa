"""Benchmark: `classeur --help` start-up and `classeur demo` end to end.

Run: python benchmarks/bench_cli.py [--repeat N]
Prints a Markdown table (median and best of N runs, wall-clock) for the README.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd: list[str], repeat: int, cwd: str | None = None) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=cwd)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        rows = [
            ("python -c pass (interpreter alone)", timed([py, "-c", "pass"], args.repeat)),
            ("classeur --help", timed([py, "-m", "classeur", "--help"], args.repeat)),
            (
                "classeur demo",
                timed(
                    [py, "-m", "classeur", "demo", "-o", str(Path(tmp) / "d.xlsx"), "--remplacer"],
                    args.repeat,
                    tmp,
                ),
            ),
        ]
    print(f"| commande | médiane | meilleur ({args.repeat} essais) |")
    print("|---|---|---|")
    for name, (med, best) in rows:
        print(f"| `{name}` | {med * 1000:.0f} ms | {best * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
