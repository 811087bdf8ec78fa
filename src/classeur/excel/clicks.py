"""Running a button's action: the calling book, French message boxes for every error
(never a traceback)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xlwings as xw

from classeur.cli import crashlog
from classeur.errors import ClasseurError, Problem
from classeur.excel.book import TITLE, XlBook
from classeur.text import french

MAX_LISTED_PROBLEMS = 12


def problems_text(problems: list[Problem]) -> str:
    shown = [f"• {p}" for p in problems[:MAX_LISTED_PROBLEMS]]
    more = len(problems) - MAX_LISTED_PROBLEMS
    if more > 0:
        shown.append(
            f"… et {more} autre problème." if more == 1 else f"… et {more} autres problèmes."
        )
    return "\n".join(shown)


def changed_text(xb: XlBook | None) -> str:
    """What a click had already written when it stopped, or « Rien n'a été modifié. »."""
    parts = list(dict.fromkeys(xb.changes)) if xb is not None else []
    files = list(dict.fromkeys(xb.files_written)) if xb is not None else []
    if not parts and not files:
        return "Rien n'a été modifié."
    written = parts + [f"le fichier « {name} »" for name in files]
    text = f"Avant de s'arrêter, Classeur avait déjà écrit : {', '.join(written)}."
    if parts:
        text += (
            " Le classeur n'a pas été enregistré : pour revenir en arrière, fermez-le sans "
            "l'enregistrer."
        )
    return text


def error_text(exc: ClasseurError, xb: XlBook | None = None) -> str:
    problems = exc.problems
    done = changed_text(xb)
    if len(problems) > 1:
        head = f"Classeur a trouvé {len(problems)} problèmes"
        head += "; rien n'a été modifié." if done == changed_text(None) else f".\n\n{done}"
        return f"{head}\n\n" + problems_text(problems)
    return f"{exc}\n\n{done}"


def unexpected_text(exc: BaseException, xb: XlBook | None = None) -> str:
    return f"{crashlog.unexpected(exc, nothing_changed=False)}\n\n{changed_text(xb)}"


def run(
    action: Callable[[XlBook], None],
    book: Any = None,
    files: list[Path] | None = None,
    today: dt.date | None = None,
    answer: str | None = None,
) -> XlBook | None:
    """Run ``action`` on the calling book (or ``book``); errors become a French message box.

    ``files`` (the answer to the file dialog), ``answer`` (the button clicked in a
    yes/no/cancel box) and ``today``: for tests and scripts.
    """
    try:
        xb = XlBook(book if book is not None else xw.Book.caller(), files, today, answer)
    except Exception as exc:  # no book to talk to: nothing else can be shown
        _last_resort(unexpected_text(exc))
        return None
    try:
        with _one_writer(xb):
            action(xb)
    except ClasseurError as exc:
        xb.alert(error_text(exc, xb))
    except Exception as exc:  # the last line of defence: never a traceback
        xb.alert(unexpected_text(exc, xb))
    finally:
        xb.status(None)
    return xb


# A click waits this long for a command that is rewriting the same file (Excel is frozen
# meanwhile, so not long), then says so.
CLICK_LOCK_WAIT_SECONDS = 10.0


def _one_writer(xb: XlBook) -> Any:
    """The classeur's lock (the one every command takes, ``files.writelock``) for the
    click: its side files and exports are never written while a command rewrites the
    book's file. A book without a local file (OneDrive, new) has no lock to take; a
    folder where no lock can be made is not an error here (Excel writes the book)."""
    import contextlib

    from classeur.files import scratch, writelock

    scratch.folder()  # the click's temporary files in the private folder
    local = xb.local_path()
    if local is None:
        return contextlib.nullcontext()
    return writelock.holding(local, wait=CLICK_LOCK_WAIT_SECONDS, required=False)


def _last_resort(message: str) -> None:
    try:
        app = xw.apps.active
        if app is not None:
            app.alert(french.message(message), TITLE)  # typeset as XlBook.alert
    except Exception:
        pass
