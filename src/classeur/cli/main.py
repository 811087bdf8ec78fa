"""The ``classeur`` program: the French command group, its commands, its entry point."""

from __future__ import annotations

import gc

from classeur.cli import documents, setup
from classeur.cli.group import cli

# The modules whose commands are registered on the group when they are imported.
COMMANDS = (setup, documents)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="classeur")


def run() -> None:
    """The ``classeur`` program (console script and ``python -m classeur``)."""
    try:
        main()
    finally:
        # The command is done. A rewritten school grille leaves about a million openpyxl
        # objects linked in cycles (cell <-> sheet), which the interpreter's last
        # collection would walk and free (0.2 s) just before the process ends anyway:
        # keep them out of it. Output is flushed and exit handlers run as usual.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
