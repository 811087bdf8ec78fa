"""One writer at a time: a lock beside the classeur, and a check that the file about to be
replaced is still the one that was read.

Two commands on one classeur (``compiler`` and ``compte-rendu`` started together, the
ribbon and a command, two colleagues on a shared drive) each read the file, change it in
memory and replace it: without coordination the second replacement silently drops the
first one's work. Two defences:

1. A lock file beside the classeur (``filelock``: an operating-system lock, released by
   the kernel when the process ends, even killed, so a crash never leaves a stale lock).
   Every command that rewrites the classeur, an export (which logs itself in the
   classeur's journal) and the ribbon's actions hold it from the moment they read the
   file until its side files are written. A second command waits for the first (up to
   ``WAIT_SECONDS``, saying so) and then reads the NEW version: both results end up in
   the file. If the wait is too long, it refuses in French and changes nothing.
2. Programs that do not know this lock (Excel saving, a sync client, a Classeur on
   another computer when the shared drive does not pass locks on): before replacing the
   file, its size and SHA-256 are compared with those of the version that was read
   (``Identity``). If they differ, the file is NOT replaced; the command's result is kept
   beside it under another name, and the teacher is told. Both versions are kept. The
   modification time is not used to decide: FAT and network drives round it, and sync
   clients rewrite it without changing a byte.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from classeur.errors import ClasseurError
from classeur.layout import outputs

WAIT_SECONDS = 120.0  # a command waits this long for another one to finish
_registry: dict[str, object] = {}
_registry_lock = threading.Lock()
# Told when a command has to wait (the command line prints it); None: silent.
notify: Callable[[str], None] | None = None


def lock_path(target: str | os.PathLike[str]) -> Path:
    """The lock file of the classeur at ``target`` (beside it, hidden)."""
    p = Path(target)
    return p.parent / outputs.WRITE_LOCK_NAME.format(name=p.name)


def _lock_for(target: Path) -> object:
    from filelock import FileLock

    path = lock_path(target.resolve() if target.exists() else target.absolute())
    key = str(path)
    with _registry_lock:
        lock = _registry.get(key)
        if lock is None:
            # One lock object per file and process, shared by its threads: re-entered by
            # the same command (an update inside a command) rather than waited for.
            lock = FileLock(key, thread_local=False)
            _registry[key] = lock
        return lock


@contextlib.contextmanager
def holding(
    target: str | os.PathLike[str], *, wait: float = WAIT_SECONDS, required: bool = True
) -> Iterator[None]:
    """Hold the lock of the classeur at ``target`` for the body.

    Refuses (French) when another Classeur holds it longer than ``wait`` seconds. A folder
    where no lock file can be made (read-only, no such folder) is not an error here
    unless ``required``: writing there fails anyway, with its own message.
    """
    from filelock import Timeout

    p = Path(target)
    lock = _lock_for(p)
    try:
        acquired = _acquire(lock, p, wait)
    except Timeout as exc:
        raise ClasseurError(
            f"Une autre commande Classeur (ou le ruban dans Excel) modifie « {p.name} » "
            "depuis plus de "
            f"{wait:g} secondes; rien n'a été modifié.",
            hint="Attendez qu'elle se termine, puis recommencez.",
        ) from exc
    except OSError:
        if required and p.parent.is_dir() and os.access(p.parent, os.W_OK):
            raise
        acquired = False
    try:
        yield
    finally:
        if acquired:
            lock.release()  # type: ignore[attr-defined]


def _acquire(lock: object, p: Path, wait: float) -> bool:
    from filelock import Timeout

    try:
        lock.acquire(timeout=0)  # type: ignore[attr-defined]
    except Timeout:
        if notify is not None:
            notify(
                f"Une autre commande modifie « {p.name} » en ce moment : en attente de la fin "
                "de celle-ci…"
            )
        lock.acquire(timeout=wait)  # type: ignore[attr-defined]
    return True


# ======================================================================================
# Is it still the file that was read?
# ======================================================================================
@dataclass(frozen=True)
class Identity:
    """What a version of a file is: its size and the SHA-256 of its bytes."""

    size: int
    sha256: str


def identity_of(path: str | os.PathLike[str]) -> Identity | None:
    """The identity of the file at ``path`` now; None when there is none."""
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1024 * 1024):
                digest.update(chunk)
                size += len(chunk)
    except (FileNotFoundError, IsADirectoryError):
        return None
    return Identity(size, digest.hexdigest())
