"""Writing files so that nothing is ever half-written or lost.

Every file Classeur writes goes through :func:`write_atomic` (``xlsx_cells.save_atomic``
for workbooks): the content is written to a temporary file in the target's folder, flushed
to disk (fsync), then moved over the target in one step (``os.replace``). An interruption
at any moment (power cut, kill -9, full disk) leaves the previous file intact. Before it is
replaced, the previous version is copied (atomically too) into ``.classeur-sauvegardes/``
beside it (the last few are kept). Refused, with nothing written: a file Excel has open
(its ``~$`` lock file exists), a read-only file, and, when the caller says which version
it read (``expect``), a file another program changed meanwhile (the new content is then
kept beside it: both versions survive).

The temporary file is locked by its writer while it exists (POSIX), so a partial left by
a crash is told from a save in progress: :func:`clean_partials` removes only the former,
at the start of any command and of any write in that folder.

No openpyxl here: any writer (docx, HTML, CSV, PDF…) can use it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from classeur.errors import ClasseurError
from classeur.files.filecheck import excel_lock_file
from classeur.files.writelock import Identity, identity_of
from classeur.layout import outputs

TEMP_PREFIX = ".~classeur-"
# ``expect`` when the caller does not say which version it read.
UNCHECKED = Identity(-1, "")


def check_not_open(path: str | os.PathLike[str], *, exporting: bool = False) -> None:
    """Refuse (French) when Excel or LibreOffice has ``path`` open (lock file beside it).
    ``exporting``: the refusal of an export, which offers the ribbon's button."""
    lock = excel_lock_file(path)
    if lock is None:
        return
    name = Path(path).name
    if exporting:
        raise ClasseurError(
            f"Le classeur « {name} » est ouvert dans Excel (ou LibreOffice) : l'envoi ne "
            "pourrait pas être inscrit dans son journal des envois, donc rien n'a été "
            "exporté.",
            hint="Exportez depuis Excel avec le bouton « Exporter » du ruban Classeur, ou "
            "fermez le classeur puis recommencez. Si aucun tableur ne l'a ouvert, supprimez "
            f"le fichier de verrouillage « {lock.name} » qui se trouve à côté.",
        )
    raise ClasseurError(
        f"Le fichier « {name} » est ouvert dans Excel (ou LibreOffice) : il n'a pas été modifié.",
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
    """Copy ``target`` into the backup folder, atomically: a copy cut short is never
    counted among the versions kept (it does not have a backup's name until complete)."""
    folder = backup_dir(target)
    folder.mkdir(exist_ok=True)
    clean_partials(folder)
    stamp = dt.datetime.now().strftime(outputs.BACKUP_STAMP)
    dest = folder / f"{target.stem}.{stamp}{target.suffix}"
    n = 1
    while dest.exists():
        dest = folder / f"{target.stem}.{stamp}-{n}{target.suffix}"
        n += 1
    with _partial(dest) as tmp:
        shutil.copy2(target, tmp)
        _fsync(tmp)
        os.replace(tmp, dest)
    for old in backups(target)[: -outputs.BACKUP_KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
    return dest


@contextlib.contextmanager
def _partial(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target``, locked while it exists, removed afterwards
    unless it was moved into place."""
    fd, name = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{target.name}.", suffix=target.suffix, dir=target.parent
    )
    tmp = Path(name)
    try:
        if os.name == "posix":
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield tmp
    finally:
        os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def clean_partials(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files a crashed save left in ``folder`` (those no live
    writer holds); a save in progress is left alone."""
    removed = []
    with contextlib.suppress(OSError):
        for f in Path(folder).glob(TEMP_PREFIX + "*"):
            if f.is_file() and not _in_use(f):
                with contextlib.suppress(OSError):
                    f.unlink()
                    removed.append(f)
    return removed


def _in_use(f: Path) -> bool:
    if os.name != "posix":
        return False  # Windows: the writer keeps it open, so deleting it fails
    import fcntl

    try:
        fd = os.open(f, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _fsync(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


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


def check_writable(path: str | os.PathLike[str]) -> None:
    """Refuse (French) to replace a read-only file: replacing it would ignore the
    protection its owner gave it (a rename only needs the folder's permission)."""
    target = Path(path)
    try:
        mode = target.stat().st_mode
    except OSError:
        return  # a new file
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise ClasseurError(
            f"Le fichier « {target.name} » est en lecture seule : il n'a pas été modifié.",
            hint="Retirez la protection (Propriétés du fichier, décochez « Lecture seule ») "
            f"puis recommencez, ou écrivez le résultat dans un autre fichier avec "
            f"« {outputs.OUTPUT_OPTION} NOUVEAU.xlsx ».",
        )


def write_atomic(
    path: str | os.PathLike[str],
    write: Callable[[Path], None],
    *,
    backup: bool = True,
    expect: Identity | None = UNCHECKED,
) -> Path:
    """Write ``path`` by calling ``write(temporary_path)``, then replace it atomically.

    The previous version (if any) is first copied into the backup folder. Refuses when
    Excel has the file open or it is read-only. ``expect``: the version the caller read
    (None: there was no file); if the file is another one now, it is not replaced and the
    new content is kept beside it. Whatever happens, ``path`` is either the old file or
    the complete new one. A new file gets the permissions the user's umask gives; a
    replaced file keeps its own.
    """
    target = Path(path)
    folder = _check_target(target)
    clean_partials(folder)
    try:
        with _partial(target) as tmp:
            write(tmp)
            _fsync(tmp)
            _set_mode(tmp, target)
            if expect != UNCHECKED and identity_of(target) != expect:
                raise _conflict(target, tmp)
            if backup and target.exists():
                _backup(target)
            os.replace(tmp, target)
            _fsync_dir(folder)
    except OSError as exc:
        raise _os_error(target, exc) from exc
    return target


def _check_target(target: Path) -> Path:
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
    check_writable(target)
    return folder


def _set_mode(tmp: Path, target: Path) -> None:
    """The replaced file's permissions, or the umask's for a new file (a temporary file
    is created private, 0600)."""
    try:
        shutil.copymode(target, tmp)
    except FileNotFoundError:
        umask = os.umask(0o077)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)


def _conflict(target: Path, tmp: Path) -> ClasseurError:
    """Another program replaced ``target`` during the command: keep both versions."""
    stamp = dt.datetime.now().strftime(outputs.CONFLICT_STAMP)
    kept = target.with_name(
        outputs.CONFLICT_NAME.format(stem=target.stem, stamp=stamp, suffix=target.suffix)
    )
    n = 1
    while kept.exists():
        kept = target.with_name(
            outputs.CONFLICT_NAME.format(
                stem=target.stem, stamp=f"{stamp} ({n})", suffix=target.suffix
            )
        )
        n += 1
    os.replace(tmp, kept)
    return ClasseurError(
        f"« {target.name} » a été modifié par un autre programme (ou une autre personne) "
        f"pendant la commande : il n'a pas été remplacé. Le résultat de la commande est "
        f"gardé dans « {kept.name} »; les deux versions sont conservées.",
        hint=f"Relancez la commande sur « {target.name} » pour l'appliquer à la nouvelle "
        f"version, puis supprimez « {kept.name} ».",
    )


def copy_atomic(source: Path, path: str | os.PathLike[str], *, backup: bool = True) -> Path:
    """Copy the finished file ``source`` to ``path`` atomically (its previous version, if
    any, kept in the backups)."""

    def write(tmp: Path) -> None:
        shutil.copyfile(source, tmp)

    return write_atomic(path, write, backup=backup)


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
