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

MAX_LISTED_PROBLEMS = 12


def problems_text(problems: list[Problem]) -> str:
    shown = [f"• {p}" for p in problems[:MAX_LISTED_PROBLEMS]]
    if len(problems) > MAX_LISTED_PROBLEMS:
        shown.append(f"… et {len(problems) - MAX_LISTED_PROBLEMS} autre(s) problème(s).")
    return "\n".join(shown)


def error_text(exc: ClasseurError) -> str:
    problems = exc.problems
    if len(problems) > 1:
        return (
            f"Classeur a trouvé {len(problems)} problèmes; rien n'a été modifié.\n\n"
            + problems_text(problems)
        )
    return f"{exc}\n\nRien n'a été modifié."


def unexpected_text(exc: BaseException) -> str:
    return crashlog.unexpected(exc, nothing_changed=False)


def run(
    action: Callable[[XlBook], None],
    book: Any = None,
    files: list[Path] | None = None,
    today: dt.date | None = None,
) -> XlBook | None:
    """Run ``action`` on the calling book (or ``book``); errors become a French message box.

    ``files`` (the answer to the file dialog) and ``today``: for tests and scripts.
    """
    try:
        xb = XlBook(book if book is not None else xw.Book.caller(), files, today)
    except Exception as exc:  # no book to talk to: nothing else can be shown
        _last_resort(unexpected_text(exc))
        return None
    try:
        with _one_writer(xb):
            action(xb)
    except ClasseurError as exc:
        xb.alert(error_text(exc))
    except Exception as exc:  # the last line of defence: never a traceback
        xb.alert(unexpected_text(exc))
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
            app.alert(message, TITLE)
    except Exception:
        pass
