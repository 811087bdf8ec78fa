"""Running a `classeur` command and measuring what it cost, whatever the machine's load:
its CPU time (user + system, the processes it waited for included: LibreOffice, the
template renderer) and its peak memory (the largest of those processes), from the
kernel's accounting (``wait4``), never from the wall clock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float
    peak_mb: float

    @property
    def text(self) -> str:
        return self.stdout + self.stderr


def env_for(cwd: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "TMPDIR": str(cwd),
    }


# A small launcher runs the command and reports its usage: Linux carries a process's peak
# memory across fork and exec, so a command started straight from the test process (which
# may hold hundreds of MB) would report the test's peak, not its own.
_LAUNCHER = """
import json, os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as fh:
    json.dump([os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime,
               usage.ru_maxrss / 1024], fh)
"""


def measured(argv: list[str], cwd: Path, *, python: list[str] | None = None) -> Measured:
    """``python -m classeur *argv`` in ``cwd`` (or ``python + argv``), measured."""
    cmd = [*(python or [sys.executable, "-m", "classeur"]), *argv]
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "usage.json"
        done = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(report), *cmd],
            cwd=cwd,
            env=env_for(cwd),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            start_new_session=True,
            check=False,
        )
        code, cpu, peak = json.loads(report.read_text())
    return Measured(
        code,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        cpu,
        peak,
    )
