"""The open Excel book as the exporter's book (``features.ExportBook``): the classeur as
a file, the pseudonym key where the command keeps it, and the export
logged ONCE, in the open book's Journal des envois (never in the temporary copy the
files are made from)."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from classeur.errors import ClasseurError
from classeur.excel import preflight
from classeur.sheets.sheetdoc import Update

if TYPE_CHECKING:
    from classeur.domain.model import Classeur


class XlExport:
    """Exporting from the open book; mixed into :class:`classeur.excel.book.XlBook`."""

    book: Any
    files_written: list[str]

    if TYPE_CHECKING:  # provided by XlBook

        @property
        def name(self) -> str: ...

        def local_path(self) -> Path | None: ...

        def side_folder(self) -> Path: ...

        def model(self) -> Classeur: ...

        def sheet_values(self, name: str) -> list[list[Any]] | None: ...

        def apply(self, update: Update, model: Classeur) -> list[str]: ...

    def saved_copy(self, target: Path) -> Path:
        """The book as a file at ``target``, for features that work on files (export).

        Windows: Excel's SaveCopyAs (unsaved changes included, the book stays as it is).
        Elsewhere: a copy of the book's file, i.e. its last saved version.
        """
        try:
            self.book.api.SaveCopyAs(str(target))
            return target
        except Exception:
            pass
        local = self.local_path()
        if local is None:
            raise ClasseurError(
                "Classeur ne peut pas lire ce classeur comme un fichier : il n'est pas "
                "enregistré sur cet ordinateur.",
                hint="Enregistrez-le (Fichier › Enregistrer une copie) dans un dossier de "
                "l'ordinateur, ouvrez cette copie, puis cliquez de nouveau.",
            )
        shutil.copyfile(local, target)
        return target

    @contextlib.contextmanager
    def exportable(self) -> Iterator[Path]:
        """The book as a file to export from: a copy in a private temporary folder.

        All or nothing: refused before any file is exported when the export could not be
        logged in the open book's journal afterwards (a protected sheet)."""
        from classeur.files import scratch
        from classeur.sheets import journal

        preflight.check_update(self.book, Update(sheets=[journal.sheet([])]), {}, None)
        with scratch.in_private_folder("copie-") as tmp:
            yield self.saved_copy(Path(tmp) / self.name)

    def key_path(self) -> Path:
        """The pseudonym key, where the command keeps it: beside the classeur."""
        from classeur.files.export.pseudonyms import key_path

        return key_path(self.side_folder() / self.name)

    def export_folder(self) -> Path:
        folder = self.side_folder()
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def log_export(self, entry: Any) -> list[str]:
        """The export's row in the open book's journal des envois (one write)."""
        from classeur.sheets import journal

        self.files_written += entry.fichiers  # already exported: said if logging fails
        model = self.model()
        return self.apply(journal.log(self.sheet_values, entry), model)
