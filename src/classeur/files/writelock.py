"""One writer at a time: a lock beside the classeur, and a check that the file about to be
replaced is still the one that was read.

Two commands on one classeur (``compiler`` and ``compte-rendu`` started together, the
ribbon and a command, two colleagues on a shared drive) each read the file, change it in
memory and replace it: without coordination the second replacement silently drops the
first one's work. Two defences:

1. A lock file beside the classeur (``filelock``: an operating-system lock, released by
   the kernel when the process ends, even killed, so a crash never leaves a stale lock).
   The last holder removes the file as it lets go (a teacher's folder keeps only the
   classeur and its own files; on Windows a file whose name starts with a dot is not
   hidden): see :func:`_remove_held_file` for why this is safe.
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
import errno
import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from classeur.errors import ClasseurError
from classeur.layout import outputs

WAIT_SECONDS = 120.0  # a command waits this long for another one to finish
_registry: dict[str, _Lock] = {}
_registry_lock = threading.Lock()
# Told when a command has to wait (the command line prints it); None: silent.
notify: Callable[[str], None] | None = None


def lock_path(target: str | os.PathLike[str]) -> Path:
    """The lock file of the classeur at ``target`` (beside it, hidden)."""
    p = Path(target)
    return p.parent / outputs.WRITE_LOCK_NAME.format(name=p.name)


class _Lock:
    """The lock of one classeur in this process, and the file it holds (device, inode)
    while it is held through the operating system's own lock."""

    def __init__(self, path: str) -> None:
        from filelock import FileLock

        self.path = path
        self.held: tuple[int, int] | None = None
        # One lock object per file and process, shared by its threads: re-entered by the
        # same command (an update inside a command) rather than waited for.
        self.lock = FileLock(path, thread_local=False, on_acquired=self._held_through)

    def _held_through(self, fd: int) -> None:
        """Called by filelock once the operating system's lock on ``fd`` is taken."""
        st = os.fstat(fd)
        self.held = (st.st_dev, st.st_ino)

    def without_removal(self) -> None:
        """A file system without operating-system locks (some network drives): filelock's
        own marker file instead, which it creates and removes itself."""
        from filelock import FileLock

        self.lock = FileLock(self.path, thread_local=False)


def _lock_for(target: Path) -> _Lock:
    path = lock_path(target.resolve() if target.exists() else target.absolute())
    key = str(path)
    with _registry_lock:
        lock = _registry.get(key)
        if lock is None:
            lock = _registry[key] = _Lock(key)
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
            _release(lock)


def _acquire(lock: _Lock, p: Path, wait: float) -> bool:
    from filelock import Timeout

    try:
        _try(lock, 0)
    except Timeout:
        if notify is not None:
            notify(
                f"Une autre commande modifie « {p.name} » en ce moment : en attente de la fin "
                "de celle-ci…"
            )
        _try(lock, wait)
    return True


def _try(lock: _Lock, wait: float) -> None:
    """Take the lock within ``wait`` seconds (filelock's Timeout past them)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            lock.lock.acquire(timeout=max(0.0, deadline - time.monotonic()))
        except OSError as exc:
            if exc.errno != errno.ENOSYS:
                raise
            lock.without_removal()
            lock.lock.acquire(timeout=max(0.0, deadline - time.monotonic()))
        if _still_named(lock):
            return
        # The holder before us removed the file we waited on: not the lock any more (a
        # command arriving now takes a new file at the path). Let go and take that one.
        lock.held = None
        lock.lock.release()


def _still_named(lock: _Lock) -> bool:
    """Whether the file just locked is still the lock file at its path (checked here as
    well as by filelock, whatever its version). A hold re-entered, or filelock's marker
    on a file system without operating-system locks, is taken as it is."""
    if lock.held is None or lock.lock.lock_counter != 1:
        return True
    try:
        st = os.lstat(lock.path)
    except FileNotFoundError:
        return False
    return (st.st_dev, st.st_ino) == lock.held


def _release(lock: _Lock) -> None:
    try:
        if lock.lock.lock_counter == 1:  # the outermost hold of this process
            _remove_held_file(lock)
    finally:
        lock.lock.release()


def clean_stale(folder: str | os.PathLike[str]) -> None:
    """Remove the lock files that commands killed outright (SIGKILL, a power cut) left in
    ``folder``: those no one holds, taken and let go like any other."""
    from filelock import Timeout

    before, after = outputs.WRITE_LOCK_NAME.split("{name}")
    with contextlib.suppress(OSError):
        for f in Path(folder).glob(outputs.WRITE_LOCK_NAME.format(name="*")):
            lock = _lock_for(f.with_name(f.name[len(before) : -len(after)]))
            try:
                _try(lock, 0)
            except (Timeout, OSError):
                continue  # held by a live command, or not ours to take
            _release(lock)


def _remove_held_file(lock: _Lock) -> None:
    """Remove the lock file while still holding it, if it is the very file held.

    Safe because only a holder ever removes it, and only as it lets go: a command waiting
    on the old file gets it once released, sees it has no name any more (filelock checks
    that the file it locked still has a link) and takes the lock again on the path, now a
    new file. Held files only: filelock's marker on a file system without operating-system
    locks is its own to remove. On Windows, filelock removes the file itself after
    releasing it (an open file cannot be removed there)."""
    held, lock.held = lock.held, None
    if held is None or os.name == "nt":
        return
    with contextlib.suppress(OSError):  # already gone, a read-only folder: nothing to tidy
        st = os.lstat(lock.path)
        if (st.st_dev, st.st_ino) == held:
            os.unlink(lock.path)


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
