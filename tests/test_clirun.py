"""The guard every command runs under (tests/clirun.py) counts computing, not waiting: a
busy machine cannot make a healthy command fail, and an endless loop is still stopped."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests import clirun

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")


def test_an_endless_loop_is_stopped_by_its_cpu_time(tmp_path: Path) -> None:
    r = clirun.bounded([sys.executable, "-c", "while True: pass"], tmp_path, cpu_seconds=1)
    assert r.returncode in clirun.CPU_LIMIT_EXITS
    assert clirun.defects(r) == ["arrêtée après 1 s de calcul (boucle sans fin ?)"]


def test_waiting_does_not_count_against_the_cpu_bound(tmp_path: Path) -> None:
    # Sleeping is what a command does while other processes hold the cores: it spends
    # wall-clock time, not CPU time, so a 1 s CPU bound lets a 2 s wait finish.
    code = "import time; time.sleep(2); print('Terminé')"
    r = clirun.bounded([sys.executable, "-c", code], tmp_path, cpu_seconds=1)
    assert (r.returncode, r.stdout) == (0, "Terminé\n")


def test_a_memory_blow_up_is_stopped(tmp_path: Path) -> None:
    code = "x = bytearray(2 * 1024 ** 3)"
    r = clirun.bounded([sys.executable, "-c", code], tmp_path)
    assert r.returncode == 1 and "MemoryError" in r.stderr


def test_a_command_asking_a_question_gets_no_answer(tmp_path: Path) -> None:
    r = clirun.bounded([sys.executable, "-c", "print(repr(input()))"], tmp_path)
    assert r.returncode == 1 and "EOFError" in r.stderr
