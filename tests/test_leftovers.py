"""No leftovers: a command stopped at a random moment (SIGTERM, or SIGKILL followed by
the next command) leaves no temporary file holding the classeur's data and no
LibreOffice process. Temporary files live in a private folder per run (openpyxl's and
LibreOffice's own included); SIGTERM unwinds normally; after SIGKILL, the next start of
any command removes what the dead run left and kills its LibreOffice."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from classeur.domain import demo
from classeur.files import xlsx_new, xlsx_read
from classeur.layout import outputs
from tests import clirun
from tests.conftest import needs_libreoffice
from tests.measure import env_for

pytestmark = [pytest.mark.libreoffice, needs_libreoffice]
_rng = random.Random(2026)  # random moments, the same ones on every run
EXPORT = ["exporter", "-d", "grille", "-f", "pdf,docx,xlsx,eml", "--remplacer"]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return xlsx_new.write_classeur(demo.demo(), tmp_path_factory.mktemp("src") / "equipe.xlsx")


def _folders(root: Path, demo_file: Path) -> tuple[Path, Path, Path, Path]:
    classe, envois, tmp = root / "classe", root / "envois", root / "tmp"
    for folder in (classe, envois, tmp):
        folder.mkdir()
    return shutil.copy2(demo_file, classe / "equipe.xlsx"), classe, envois, tmp


def _start(argv: list[str], cwd: Path, tmp: Path) -> subprocess.Popen[bytes]:
    env = env_for(cwd) | {"TMPDIR": str(tmp)}
    return subprocess.Popen(
        [sys.executable, "-m", "classeur", *argv],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _libreoffice_of(tmp: Path) -> list[str]:
    """LibreOffice processes started by a run whose temporary folder is in ``tmp``."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(tmp).encode() in cmdline and b"office" in cmdline:
                out.append(cmdline.replace(b"\0", b" ").decode(errors="replace"))
    return out


def _leftovers(classeur: Path, envois: Path, tmp: Path) -> list[str]:
    """Files that should not be there: anything in the temporary folder, a partial save
    beside the classeur or among the exports."""
    found = [str(p.relative_to(tmp)) for p in tmp.rglob("*")]
    found += [p.name for p in classeur.parent.glob(".~classeur-*")]
    found += [p.name for p in classeur.parent.glob(outputs.WRITE_LOCK_NAME.format(name="*"))]
    found += [p.name for p in envois.iterdir() if p.name.startswith(".")]
    backups = classeur.parent / ".classeur-sauvegardes"
    if backups.is_dir():
        found += [p.name for p in backups.glob(".~classeur-*")]
    return found


def _wait_gone(tmp: Path, seconds: float = clirun.SAFETY_NET_SECONDS) -> list[str]:
    """LibreOffice processes still there once the kills were delivered (not instantaneous
    on a busy machine); the bound is only a safety net that no healthy run reaches, never
    a measure of speed."""
    deadline = time.monotonic() + seconds
    while (alive := _libreoffice_of(tmp)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive


@pytest.mark.parametrize("trial", range(4))
def test_sigterm_at_a_random_moment_leaves_nothing(
    demo_file: Path, tmp_path: Path, trial: int
) -> None:
    classeur, classe, envois, tmp = _folders(tmp_path, demo_file)
    moment = _rng.uniform(0.3, 5.0)
    run = _start([*EXPORT, "-o", str(envois), str(classeur)], classe, tmp)
    time.sleep(moment)
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate()
    assert run.returncode in (0, 128 + signal.SIGTERM, -signal.SIGTERM), (run.returncode, err)
    if run.returncode != 0:
        assert "Traceback" not in err.decode(), err
    assert _wait_gone(tmp) == []
    assert _leftovers(classeur, envois, tmp) == []
    xlsx_read.read_classeur(classeur)  # intact


@pytest.mark.parametrize(
    ("trial", "argv"),
    [(i, EXPORT) for i in range(4)] + [(i, ["compiler"]) for i in range(4, 8)],
)
def test_sigkill_at_a_random_moment_then_the_next_command_cleans_up(
    demo_file: Path, tmp_path: Path, trial: int, argv: list[str]
) -> None:
    classeur, classe, envois, tmp = _folders(tmp_path, demo_file)
    out = ["-o", str(envois)] if argv == EXPORT else []
    moment = _rng.uniform(0.3, 5.0)
    run = _start([*argv, *out, str(classeur)], classe, tmp)
    time.sleep(moment)
    run.kill()
    run.communicate()
    # The next command, whatever it is, starts by removing what the dead run left.
    after = _start(["verifier", str(classeur)], classe, tmp)
    _, err = after.communicate()
    assert after.returncode == 0, err
    assert _wait_gone(tmp) == []
    assert _leftovers(classeur, envois, tmp) == []
    xlsx_read.read_classeur(classeur)  # the old or the new version, whole
