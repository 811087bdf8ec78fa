"""The ``classeur`` program: the French command group, its commands, its entry point."""

from __future__ import annotations

import gc
import sys

from classeur.cli import cee, documents, setup
from classeur.cli.french import say
from classeur.cli.group import cli

# The modules whose commands are registered on the group when they are imported.
COMMANDS = (setup, documents, cee)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="classeur")


def start(argv: list[str]) -> None:
    """What every command does first: its temporary files in a private folder removed on
    every way out (signals included), what crashed runs left behind removed (their
    private folders, the partial saves and lock files beside the files this command
    names), and a word on the terminal when it waits for another command to finish with
    a classeur."""
    import os

    from classeur.files import safewrite, scratch, writelock

    scratch.install()
    folders = set()
    for arg in argv:
        if arg.startswith("-") or (os.sep not in arg and not os.path.exists(arg)):
            continue
        path = os.path.abspath(arg)
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        if os.path.isdir(folder):
            folders.add(folder)
    for folder in sorted(folders):
        safewrite.clean_partials(folder)
        writelock.clean_stale(folder)
    writelock.notify = lambda text: say(text, err=True)


def run() -> None:
    """The ``classeur`` program (console script and ``python -m classeur``)."""
    try:
        start(sys.argv[1:])
        main()
    finally:
        # The command is done. A rewritten school grille leaves about a million openpyxl
        # objects linked in cycles (cell <-> sheet), which the interpreter's last
        # collection would walk and free (0.2 s) just before the process ends anyway:
        # keep them out of it. Output is flushed and exit handlers run as usual.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
