"""Dialogs Excel does not offer to Python on every platform."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from classeur.errors import ClasseurError

# The buttons of Excel's yes/no/cancel message box, as xlwings names the one clicked
# (Excel shows them in Office's language: Oui, Non, Annuler).
YES, NO, CANCEL = "yes", "no", "cancel"


def ask_yes_no_cancel(app: Any, prompt: str, title: str) -> str | None:
    """Excel's message box with Oui, Non and Annuler: the button clicked (YES, NO or
    CANCEL), or None where no answer comes back (xlwings' remote engine hands the box to
    its client and returns nothing)."""
    answer = app.alert(prompt, title, buttons="yes_no_cancel")
    return answer if answer in (YES, NO, CANCEL) else None


def choose_files_with_tk(title: str) -> list[Path]:
    """A file dialog where Excel offers none to Python (macOS): Tk, shipped with Python."""
    try:
        import tkinter
        from tkinter import filedialog

        root = tkinter.Tk()
    except Exception as exc:  # no Tk, or no screen to show it on
        raise ClasseurError(
            "Classeur ne peut pas ouvrir de fenêtre pour choisir les fichiers.",
            hint="Utilisez la commande « classeur fusionner FICHIER SOURCES… ».",
        ) from exc
    root.withdraw()
    root.attributes("-topmost", True)
    try:
        names = filedialog.askopenfilenames(
            title=title, filetypes=[("Classeurs Excel", "*.xlsx")], parent=root
        )
    finally:
        root.destroy()
    return [Path(n) for n in names]
