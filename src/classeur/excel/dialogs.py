"""Dialogs Excel does not offer to Python on every platform."""

from __future__ import annotations

from pathlib import Path

from classeur.errors import ClasseurError


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
