"""Writing files so that nothing is ever half-written or lost.

Every file Classeur writes goes through :func:`write_atomic` (``xlsxio.save_atomic`` for
workbooks): the content is written to a temporary file in the target's folder, flushed to
disk (fsync), then moved over the target in one step (``os.replace``). An interruption at
any moment (power cut, kill -9, full disk) leaves the previous file intact. Before it is
replaced, the previous version is copied into ``.classeur-sauvegardes/`` beside it (the
last few are kept). A file Excel has open (its ``~$`` lock file exists) is not replaced.

No openpyxl here: any writer (docx, HTML, CSV, PDF…) can use it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from classeur.errors import ClasseurError
from classeur.files.filecheck import excel_lock_file
from classeur.layout import outputs

TEMP_PREFIX = ".~classeur-"
STALE_TEMP_SECONDS = 3600


def check_not_open(path: str | os.PathLike[str]) -> None:
    """Refuse (French) when Excel or LibreOffice has ``path`` open (lock file beside it)."""
    lock = excel_lock_file(path)
    if lock is not None:
        raise ClasseurError(
            f"Le fichier « {Path(path).name} » est ouvert dans Excel (ou LibreOffice) : "
            "il n'a pas été modifié.",
            hint=f"Fermez-le puis recommencez. Si aucun tableur ne l'a ouvert, supprimez "
            f"le fichier de verrouillage « {lock.name} » qui se trouve à côté.",
        )


def backup_dir(path: str | os.PathLike[str]) -> Path:
    """The folder holding the previous versions of ``path``."""
    return Path(path).parent / outputs.BACKUP_FOLDER


def backups(path: str | os.PathLike[str]) -> list[Path]:
    """Previous versions of ``path``, oldest first."""
    p = Path(path)
    pattern = re.compile(re.escape(p.stem) + r"\.\d{8}-\d{6}(-\d+)?" + re.escape(p.suffix) + "$")
    folder = backup_dir(p)
    if not folder.is_dir():
        return []
    return sorted(
        (f for f in folder.iterdir() if pattern.match(f.name)),
        key=lambda f: (f.stat().st_mtime_ns, f.name),
    )


def _backup(target: Path) -> Path:
    folder = backup_dir(target)
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime(outputs.BACKUP_STAMP)
    dest = folder / f"{target.stem}.{stamp}{target.suffix}"
    n = 1
    while dest.exists():
        dest = folder / f"{target.stem}.{stamp}-{n}{target.suffix}"
        n += 1
    shutil.copy2(target, dest)
    for old in backups(target)[: -outputs.BACKUP_KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
    return dest


def _clean_stale_temps(folder: Path) -> None:
    """Temporary files left by an interrupted save (older than an hour)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for f in folder.glob(TEMP_PREFIX + "*"):
            with contextlib.suppress(OSError):
                if now - f.stat().st_mtime > STALE_TEMP_SECONDS:
                    f.unlink()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _os_error(target: Path, exc: OSError) -> ClasseurError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ClasseurError(
            f"Impossible d'écrire « {target.name} » : le disque est plein. "
            "Le fichier d'origine est intact.",
            hint="Libérez de l'espace puis recommencez.",
        )
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ClasseurError(
            f"Impossible d'écrire « {target} » : le fichier ou son dossier est protégé, "
            "ou le fichier est ouvert ailleurs. Le fichier d'origine est intact.",
            hint="Fermez-le dans Excel, vérifiez vos droits sur le dossier, puis recommencez.",
        )
    return ClasseurError(
        f"Impossible d'écrire « {target} » ({exc.strerror or exc}). "
        "Le fichier d'origine est intact.",
        hint="Vérifiez le dossier de destination puis recommencez.",
    )


def write_atomic(
    path: str | os.PathLike[str], write: Callable[[Path], None], *, backup: bool = True
) -> Path:
    """Write ``path`` by calling ``write(temporary_path)``, then replace it atomically.

    The previous version (if any) is first copied into the backup folder. Refuses when
    Excel has the file open. Whatever happens, ``path`` is either the old file or the
    complete new one.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ClasseurError(
            f"Le dossier « {folder} » n'existe pas.",
            hint="Créez-le d'abord ou choisissez un autre emplacement.",
        )
    if target.is_dir():
        raise ClasseurError(
            f"« {target} » est un dossier; indiquez un nom de fichier.",
            hint="Par exemple : classeur.xlsx",
        )
    check_not_open(target)
    _clean_stale_temps(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=folder)
        os.close(fd)
    except OSError as exc:
        raise _os_error(target, exc) from exc
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                shutil.copymode(target, tmp)
            if backup:
                _backup(target)
        os.replace(tmp, target)
        _fsync_dir(folder)
    except OSError as exc:
        raise _os_error(target, exc) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return target


def write_text_atomic(
    path: str | os.PathLike[str],
    text: str,
    *,
    encoding: str = "utf-8",
    newline: str = "",
    backup: bool = True,
) -> Path:
    """Write text (HTML, CSV, .eml…) atomically (with a backup of the previous version)."""

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding=encoding, newline=newline) as fh:
            fh.write(text)

    return write_atomic(path, write, backup=backup)
