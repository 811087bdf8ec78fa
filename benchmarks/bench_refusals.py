"""Benchmark: how much a hostile or foreign file costs every command before it is refused.

Files, generated here (nothing binary is committed):
- a 50 MB workbook that is not a classeur: a 45 MB image on one sheet, 50,000 merged
  ranges on another (what made `verifier` take 17-30 s before it was refused);
- a bzip2 zip bomb and a Deflate64 one whose headers lie (tests/bombs.py).

Each command that reads a classeur runs as a new process (start-up included) on each file,
N times: median wall-clock time, median CPU time (user + system, the processes it waited
for included) and peak memory, from the kernel's accounting. The tests bound CPU time and
memory only (tests/test_bombs.py); the wall clock is measured here, with the machine's
load printed beside it.

Run: python benchmarks/bench_refusals.py [--repeat N]
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import struct
import sys
import tempfile
import time
import zlib
from pathlib import Path

from figures import fr  # benchmarks/figures.py: run as scripts, this folder is on the path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.clirun (commands), tests.bombs, tests.measure
sys.path.insert(0, str(ROOT / "src"))

CPU_GOAL_SECONDS = 1.0  # a file that is not a classeur is refused within this


def big_png(path: Path, megabytes: int) -> Path:
    """A valid PNG of random pixels (incompressible), about ``megabytes`` MB."""
    width = 2048
    height = megabytes * 1024 * 1024 // (width * 3)
    rng = random.Random(1)
    raw = b"".join(b"\0" + rng.randbytes(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 0))
    path.write_bytes(png + chunk(b"IEND", b""))
    return path


def not_a_classeur(folder: Path) -> Path:
    """About 50 MB: a large drawing (an image) and 50,000 merged ranges."""
    import xlsxwriter

    path = folder / "inventaire.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Inventaire").insert_image("B2", str(big_png(folder / "plan.png", 45)))
    merges = wb.add_worksheet("Fusions")
    for i in range(50_000):
        merges.merge_range(2 * i, 0, 2 * i, 1, f"bloc {i}")
    wb.close()
    return path


def files(folder: Path) -> dict[str, Path]:
    from classeur.domain import demo
    from classeur.files import xlsx_new
    from classeur.layout import structure
    from tests import bombs
    from tests.hostile import sheet_part

    base = xlsx_new.write_classeur(demo.demo(), folder / "demo.xlsx")
    part = sheet_part(base, structure.SHEET_EQUIPE)
    return {
        "pas un classeur, 50 Mo": not_a_classeur(folder),
        "bombe bzip2 menteuse": bombs.bzip2_bomb(base, folder / "bzip2.xlsx", part),
        "bombe Deflate64 menteuse": bombs.deflate64_bomb(base, folder / "deflate64.xlsx", part),
    }


def main() -> None:
    from tests import clirun
    from tests.measure import measured

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print(f"Charge de la machine : {fr(load[0], 1)} ({os.cpu_count()} cœurs)\n")
    print("| fichier | commande | médiane (horloge) | médiane (CPU) | mémoire max | refus |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        slow = []
        for label, path in files(folder).items():
            for cmd_path, cmd in clirun.discover():
                inv = clirun.argv_for(cmd_path, cmd, path, folder)
                if not inv.uses_input:
                    continue
                walls, cpus, peaks = [], [], []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    run = measured(inv.argv, folder)
                    walls.append(time.perf_counter() - start)
                    cpus.append(run.cpu_seconds)
                    peaks.append(run.peak_mb)
                said = run.text.strip().splitlines()[-1][:70] if run.text.strip() else ""
                cpu = statistics.median(cpus)
                if label.startswith("pas") and cpu > CPU_GOAL_SECONDS:
                    slow.append(f"{' '.join(cmd_path)} : {fr(cpu)} s")
                print(
                    f"| {label} | `{' '.join(cmd_path)}` | {fr(statistics.median(walls))} s "
                    f"| {fr(cpu)} s | {max(peaks):.0f} Mo | {said} |"
                )
    if slow:
        print(f"\nAu-delà de {CPU_GOAL_SECONDS:g} s de CPU : " + "; ".join(slow))


if __name__ == "__main__":
    main()
