"""Temporary files: ONE private folder per process, removed on every way out.

A command copies the classeur while it works (LibreOffice's recalculation, the export's
files before they are checked, openpyxl's own temporary sheet files during a save): each
copy holds every student's name. So:

- every temporary file goes into a folder private to this process (mode 0700, in the
  system's temporary folder), and ``tempfile.tempdir`` points there once the program
  starts, so that libraries' temporary files (openpyxl writes ``openpyxl.*`` while it
  saves) land there too;
- the folder is removed at exit (``atexit``), and SIGTERM, SIGINT and SIGHUP become a
  normal exit (so ``finally`` blocks and ``atexit`` run) instead of an instant death;
- LibreOffice runs in a process group of its own, recorded here, and the whole group is
  killed with the command;
- a kill that cannot be caught (SIGKILL, a power cut) leaves the folder behind: the next
  start of any command removes the folders whose owner is gone (each owner holds a lock
  on a file in its folder for as long as it lives; the kernel drops the lock when the
  process dies), after killing the LibreOffice groups they record.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

PREFIX = "classeur-tmp-"
_ALIVE = ".vivant"  # locked by the owner while it lives
_GROUPS = "groupes"  # one file per LibreOffice process group: its number

_state: dict[str, object] = {}
_lock = threading.Lock()


def public_tempdir() -> str:
    """The system's temporary folder, as it was before ``install`` pointed ``tempfile``
    at the private one (crash logs go there: they must outlive the run)."""
    public = _state.get("public")
    return public if isinstance(public, str) else tempfile.gettempdir()


def folder() -> Path:
    """This process's private temporary folder (created on first use)."""
    with _lock:
        existing = _state.get("folder")
        if isinstance(existing, Path) and existing.is_dir():
            return existing
        # Made under a name the cleaners do not look at, locked, then renamed: another
        # run starting at the same moment never sees it unlocked.
        hidden = Path(tempfile.mkdtemp(prefix="." + PREFIX, dir=public_tempdir())).resolve()
        (hidden / _GROUPS).mkdir()
        _state["alive"] = _hold(hidden / _ALIVE)
        made = hidden.with_name(hidden.name[1:])
        os.rename(hidden, made)
        _state["folder"] = made
        _state["owner"] = os.getpid()
        atexit.register(cleanup)
        return made


def install(signals: bool = True) -> Path:
    """Start of a command: stale folders of dead runs removed, this run's folder made the
    default temporary folder (libraries' temporary files included), cleanup on exit and,
    with ``signals`` (the main thread of the command line), on SIGTERM, SIGINT, SIGHUP."""
    _state.setdefault("public", tempfile.gettempdir())
    clean_stale()
    private = folder()
    tempfile.tempdir = str(private)
    if signals and threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGINT", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), _on_signal)
    return private


def _on_signal(signum: int, frame: object) -> None:
    """A stop asked from outside: unwind normally (``finally`` blocks, ``atexit``)."""
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):  # a second signal must not cut cleanup
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    with contextlib.suppress(OSError):
        os.write(2, "Opération interrompue; les fichiers temporaires sont effacés.\n".encode())
    private = _state.get("folder")
    if isinstance(private, Path):
        _kill_recorded(private)
    raise SystemExit(128 + signum)


# ------------------------------------------------------------------ child process groups
def register_group(pgid: int) -> None:
    """A process group (LibreOffice) to kill if this run stops before it ends."""
    with contextlib.suppress(OSError):
        (folder() / _GROUPS / str(pgid)).write_text(str(pgid), encoding="ascii")


def forget_group(pgid: int) -> None:
    with contextlib.suppress(OSError):
        (folder() / _GROUPS / str(pgid)).unlink()


def kill_group(pgid: int) -> None:
    """Kill every process of group ``pgid`` (nothing if it is already gone)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.killpg(pgid, signal.SIGKILL)


def kill_stale_groups(private: Path) -> None:
    """Kill what remains of the process groups a dead run recorded in ``private``: only
    the processes of such a group whose command line names that run's folder (the
    LibreOffice it started), never another program that reused the number. Where this
    cannot be known (no /proc), nothing is killed."""
    proc = Path("/proc")
    with contextlib.suppress(OSError):
        groups = {int(e.name) for e in (private / _GROUPS).iterdir() if e.name.isdigit()}
        if not groups or not proc.is_dir():
            return
        markers = {str(private).encode(), private.resolve().as_uri().encode()}
        for entry in proc.iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat_fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                cmdline = (entry / "cmdline").read_bytes()
                if int(stat_fields[2]) in groups and any(m in cmdline for m in markers):
                    os.kill(int(entry.name), signal.SIGKILL)


# ------------------------------------------------------------------ cleanup
def cleanup() -> None:
    """Remove this run's folder, after killing the process groups it started (only in
    the process that made it: a forked child inherits the exit handler, not the folder)."""
    if _state.get("owner") != os.getpid():
        return
    private = _state.pop("folder", None)
    if not isinstance(private, Path):
        return
    _kill_recorded(private)
    alive = _state.pop("alive", None)
    if alive is not None:
        with contextlib.suppress(OSError):
            os.close(alive)  # type: ignore[arg-type]
    shutil.rmtree(private, ignore_errors=True)
    if tempfile.tempdir == str(private):
        tempfile.tempdir = None


def _kill_recorded(private: Path) -> None:
    with contextlib.suppress(OSError):
        for entry in (private / _GROUPS).iterdir():
            with contextlib.suppress(ValueError):
                kill_group(int(entry.name))


def clean_stale() -> list[Path]:
    """Remove the private folders of runs that are gone (killed without cleanup)."""
    removed = []
    mine = _state.get("folder")
    public = Path(public_tempdir())
    with contextlib.suppress(OSError):
        for half in public.glob("." + PREFIX + "*"):  # a run stopped while making it
            if half.is_dir() and time.time() - half.stat().st_mtime > HALF_MADE_SECONDS:
                shutil.rmtree(half, ignore_errors=True)
        for candidate in public.glob(PREFIX + "*"):
            if candidate == mine or not candidate.is_dir():
                continue
            if _owner_alive(candidate / _ALIVE) or _being_made(candidate):
                continue
            kill_stale_groups(candidate)
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    return removed


HALF_MADE_SECONDS = 600  # a folder without its lock file: being made, unless this old


def _being_made(candidate: Path) -> bool:
    """A folder another run has just made and not yet locked (its lock file comes right
    after): left alone unless it has stayed so for minutes."""
    if (candidate / _ALIVE).exists():
        return False
    try:
        return time.time() - candidate.stat().st_mtime < HALF_MADE_SECONDS
    except OSError:
        return True


def _hold(path: Path) -> int | None:
    """Open ``path`` and lock it for as long as this process lives."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    if os.name == "posix":
        import fcntl

        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def _owner_alive(path: Path) -> bool:
    """Whether the run that made ``path`` still holds its lock."""
    if os.name != "posix":
        # Windows: the owner keeps the file open, which forbids deleting it.
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError:
            return True
        return False
    import fcntl

    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False  # a folder without the file: half-made, or already cleaned
    except OSError:
        return True  # someone else's (another user's folder): leave it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def in_private_folder(prefix: str) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder inside this run's private folder (removed when done)."""
    return tempfile.TemporaryDirectory(prefix=prefix, dir=folder())
