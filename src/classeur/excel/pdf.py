"""Excel's own PDF of a file, in desktop Excel: opened read-only, exported with its page
setup, closed; the teacher's book shown again."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from classeur.errors import ClasseurError
from classeur.excel import sheet_writer


def excel_pdf(book: Any, xlsx: Path, folder: Path) -> Path:
    """Excel's own PDF of the file ``xlsx`` (an :data:`classeur.files.export.bundle.PdfMaker`).

    The file is opened read-only in this Excel (screen frozen, alerts off, not added
    to the recent files), exported with its page setup (Letter, fitted to the width,
    as Classeur set it), and closed; the teacher's book is shown again.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{xlsx.stem}.pdf"
    app = book.app
    try:
        with sheet_writer.screen_frozen(app), sheet_writer.alerts_off(app):
            copy = app.books.open(str(xlsx), update_links=False, read_only=True, add_to_mru=False)
            try:
                copy.to_pdf(str(target), show=False)
            finally:
                copy.close()
                with contextlib.suppress(Exception):
                    book.activate()
    except Exception as exc:  # Excel's own error (COM, AppleScript): said in French
        raise ClasseurError(
            "Excel n'a pas pu produire le PDF.",
            hint="Excel a besoin d'une imprimante installée (même virtuelle, comme "
            "« Microsoft Print to PDF ») pour exporter en PDF; vérifiez-le, puis "
            "cliquez de nouveau.",
        ) from exc
    return target
