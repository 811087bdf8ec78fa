"""What a click checks before its first write, so that it applies all or nothing.

Excel refuses a write into a protected sheet, and a new sheet in a workbook whose
structure is protected, halfway through a click: the sheets written before would stay
rewritten. Every precondition of an Update (its tables exist, no sheet it touches is
protected, the structure is open when it adds a sheet, no text is longer than a cell
holds) is checked here first, and every problem is reported at once.

Protection is read through the engine's own object model (``.api``): COM on Windows
(``ProtectContents``, ``ProtectStructure``), AppleScript on macOS (``protect contents``,
``protect structure``); xlwings has no API for it. An engine that cannot tell (xlwings'
remote engine) is taken as unprotected.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

from classeur.domain.cellvalues import MAX_CELL_CHARS
from classeur.errors import ClasseurProblems, Problem
from classeur.layout import structure
from classeur.sheets.sheetdoc import Update

UNPROTECT_SHEET = (
    "Retirez sa protection (Révision › Ôter la protection de la feuille) puis cliquez de nouveau."
)
UNPROTECT_BOOK = (
    "Retirez la protection du classeur (Révision › Protéger le classeur, pour la désactiver) "
    "puis cliquez de nouveau."
)


def _flag(api: Any, com_name: str, applescript_name: str) -> bool | None:
    """A boolean property of an object of Excel's model, or None when the engine cannot
    read it."""
    with contextlib.suppress(Exception):
        value = getattr(api, com_name)  # Windows: a COM property
        if isinstance(value, bool | int):
            return bool(value)
    with contextlib.suppress(Exception):
        value = getattr(api, applescript_name).get()  # macOS: an AppleScript property
        if isinstance(value, bool | int):
            return bool(value)
    return None


def sheet_protected(sheet: Any) -> bool:
    """Whether the contents of ``sheet`` (an xlwings Sheet) are protected."""
    try:
        api = sheet.api
    except Exception:
        return False
    return bool(_flag(api, "ProtectContents", "protect_contents"))


def structure_protected(book: Any) -> bool:
    """Whether the structure of ``book`` (an xlwings Book) is protected (no sheet can be
    added, removed or renamed)."""
    try:
        api = book.api
    except Exception:
        return False
    return bool(_flag(api, "ProtectStructure", "protect_structure"))


def _long_texts(sheet: str, rows: Iterable[Iterable[Any]]) -> list[Problem]:
    problems = []
    for r, row in enumerate(rows, start=1):
        for value in row:
            text = getattr(value, "value", value)  # a SheetDoc Cell, or a table value
            if isinstance(text, str) and len(text) > MAX_CELL_CHARS:
                problems.append(
                    Problem(
                        f"Un texte de {len(text)} caractères dépasse la limite d'Excel "
                        f"({MAX_CELL_CHARS} caractères par cellule).",
                        sheet=sheet,
                        row=r,
                        hint="Raccourcissez-le ou répartissez-le sur plusieurs cellules.",
                    )
                )
    return problems


def check_update(
    book: Any, update: Update, table_sheets: dict[str, str | None], settings_sheet: str | None
) -> None:
    """Raise ClasseurProblems (every problem at once) when writing ``update`` into ``book``
    would fail halfway. ``table_sheets``: the sheet of each table the update refills (None
    when the book has no such table); ``settings_sheet``: the Paramètres table's sheet when
    the update changes settings."""
    existing = {s.name: s for s in book.sheets}
    problems: list[Problem] = []
    for name, sheet in sorted(table_sheets.items()):
        if sheet is None:
            problems.append(
                Problem(
                    f"Le tableau « {name} » est introuvable.",
                    hint="Vérifiez le classeur avec le bouton « Vérifier le classeur ».",
                )
            )
    touched = [write.sheet for write in update.cells] + [doc.name for doc in update.sheets]
    touched += [s for s in table_sheets.values() if s is not None]
    if update.settings:
        if settings_sheet is None:
            problems.append(
                Problem(
                    f"Le tableau « {structure.PARAMETRES.name} » est introuvable.",
                    hint="Vérifiez le classeur avec le bouton « Vérifier le classeur ».",
                )
            )
        else:
            touched.append(settings_sheet)
    for name in dict.fromkeys(touched):
        if name in existing and sheet_protected(existing[name]):
            problems.append(
                Problem(
                    "Cette feuille est protégée : Classeur ne peut pas la modifier.",
                    sheet=name,
                    hint=UNPROTECT_SHEET,
                )
            )
    new = [doc.name for doc in update.sheets if doc.name not in existing]
    if new and structure_protected(book):
        problems.append(
            Problem(
                "La structure du classeur est protégée : Classeur ne peut pas y ajouter "
                + ("les feuilles " if len(new) > 1 else "la feuille ")
                + ", ".join(f"« {n} »" for n in new)
                + ".",
                hint=UNPROTECT_BOOK,
            )
        )
    for doc in update.sheets:
        problems += _long_texts(doc.name, doc.rows)
    for name, rows in update.tables.items():
        problems += _long_texts(table_sheets.get(name) or name, rows)
    if problems:
        raise ClasseurProblems(problems)
