"""The one crash-log writer: what an unexpected error leaves for the help desk.

Both front-ends (the command line and the ribbon) call it, so a teacher always gets the
same French sentence and a file to attach, never a traceback. No click here.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from pathlib import Path


def write(exc: BaseException) -> Path | None:
    """The traceback of ``exc`` in a new ``classeur-erreur-….txt`` (None if impossible)."""
    try:
        from classeur.files.scratch import public_tempdir

        # In the system's temporary folder, not the run's private one: it must outlive the
        # run, for the help desk.
        fd, name = tempfile.mkstemp(prefix="classeur-erreur-", suffix=".txt", dir=public_tempdir())
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)))
        return Path(name)
    except OSError:
        return None


def unexpected(exc: BaseException, nothing_changed: bool = True) -> str:
    """The French message of an unexpected error, with the crash log's path."""
    log = write(exc)
    text = "Erreur inattendue : Classeur n'a pas pu terminer l'opération."
    if nothing_changed:
        text += " Vos fichiers n'ont pas été modifiés."
    if log is not None:
        text += (
            f" Les détails techniques sont dans « {log} »; joignez ce fichier à votre "
            "demande d'aide."
        )
    return text
