"""Where the ribbon writes what goes beside a classeur (side files, exports, the pseudonym
key): the SAME place the command uses, so that both find the same key.

- A book saved on this computer: its own folder (as the command does).
- A book opened from OneDrive or SharePoint (its ``fullname`` is then a URL): the folder
  of its synced copy on this computer when xlwings' own mapping finds it (OneDrive's
  environment variables, the sync client's registry mount points), so that the command
  run on that synced file and the ribbon agree.
- Otherwise (nothing synced, a new unsaved book): ``Classeur/<book name>/`` in the
  Documents folder the system shows. On Windows that folder is a "known folder", often
  redirected to OneDrive by the school board: it is asked of Windows itself through
  platformdirs, never guessed as ``~/Documents``.
"""

from __future__ import annotations

from pathlib import Path

from classeur.layout import excel_addin


def documents_folder() -> Path:
    """The Documents folder as the system shows it (Windows: the known folder, honouring
    a redirection to OneDrive; macOS and Linux: ``~/Documents`` or the XDG setting)."""
    import platformdirs

    return Path(platformdirs.user_documents_dir())


def _onedrive_copy(url: str) -> Path | None:
    """The local copy OneDrive syncs for ``url``, found by xlwings (None when not found).

    For a SharePoint site, only the sync client's mount points are asked: xlwings' last
    resort (searching every synced folder for a file of the same name) could pick another
    team's file and is slow on a large OneDrive."""
    try:
        from xlwings import utils

        if "/sites/" in url:
            for namespace, mount in utils.get_url_to_mount().items():
                if url.startswith(namespace):
                    candidate = Path(mount).joinpath(*url[len(namespace) :].split("/"))
                    if candidate.is_file():
                        return candidate
            return None
        # The undecorated function: the answer depends on the environment of this click.
        found = Path(utils.fullname_url_to_local_path.__wrapped__(url))
    except Exception:  # no OneDrive here, an unknown URL: the book has no local copy
        return None
    return found if found.is_file() else None


def local_file(fullname: str) -> Path | None:
    """The book's file on this computer: ``fullname`` itself, or the synced copy of a
    OneDrive/SharePoint URL; None for a new book or a URL with no local copy."""
    if "://" in fullname:
        return _onedrive_copy(fullname)
    path = Path(fullname)
    return path if path.is_absolute() and path.is_file() else None


def side_folder(local: Path | None, book_name: str, documents: Path) -> Path:
    """Where side files go: beside the book's local file, else
    ``<documents>/Classeur/<book name>/``."""
    if local is not None:
        return local.parent
    stem = Path(book_name.replace("\\", "/").rsplit("/", 1)[-1]).stem
    return documents / excel_addin.SIDE_FILES_FOLDER / (stem or excel_addin.SIDE_FILES_FOLDER)
