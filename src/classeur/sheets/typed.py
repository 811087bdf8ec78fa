"""The Update that writes dates, times and levels typed as text back as real ones (every writing
command runs it first, through ``features``), and what it tells the teacher."""

from __future__ import annotations

from classeur.domain import typed
from classeur.domain.model import Classeur
from classeur.sheets.sheetdoc import CellWrite, Update
from classeur.text import french


def _where(t: typed.TextCell) -> str:
    return f"{t.sheet}, ligne {t.row}, colonne «\u00a0{t.header}\u00a0»"


def normaliser(c: Classeur) -> Update:
    """Real dates and times for the ones typed as text (same look, through the number
    format); the ambiguous ones are named and left as typed."""
    found = typed.text_cells(c)
    clear = [t for t in found if t.found.ambiguous is None]
    unclear = [t for t in found if t.found.ambiguous is not None]
    update = Update(
        cells=[
            CellWrite(t.sheet, t.row, t.column, t.found.value, t.found.number_format) for t in clear
        ]
    )
    if clear:
        update.messages.append(
            "Date ou heure tapée en texte, remplacée par une vraie valeur (même affichage) "
            "pour que les formules du classeur la voient\u00a0:"
            if len(clear) == 1
            else "Dates et heures tapées en texte, remplacées par de vraies valeurs (même "
            "affichage) pour que les formules du classeur les voient\u00a0:"
        )
        update.messages += [
            f"  {_where(t)}\u00a0: «\u00a0{t.found.typed}\u00a0» → {typed.shown_value(t.found)}"
            for t in clear
        ]
    for t in unclear:
        # The two readings in words; the form to type (year-month-day) quoted as typed.
        update.messages.append(
            f"⚠ {_where(t)}\u00a0: «\u00a0{t.found.typed}\u00a0» laissée en texte (elle peut "
            f"aussi se lire le {french.date_longue(t.found.ambiguous)}); si c’est bien le "
            f"{typed.shown_value(t.found)}, retapez-la sous la forme année-mois-jour"
            f"\u00a0: «\u00a0{t.found.value.isoformat()}\u00a0»."
        )
    levels = typed.level_cells(c)
    update.cells += [CellWrite(t.sheet, t.row, t.column, t.value) for t in levels]
    update.messages += _levels_said(levels)
    return update


def _levels_said(cells: list[typed.LevelCell]) -> list[str]:
    """One line per Grille column: how many levels were retyped, on which rows."""
    by_column: dict[str, list[int]] = {}
    for t in cells:
        by_column.setdefault(t.header, []).append(t.row)
    lines = []
    for header, rows in by_column.items():
        n = len(rows)
        what = french.agree(n, "niveau tapé", f"{n} niveaux tapés")
        where = french.agree(n, "ligne ", "lignes ")
        lines.append(
            f"Grille, colonne « {header} » : {what} avec des espaces ou comme du texte, "
            f"{french.agree(n, 'remplacé')} par le niveau lui-même pour que les formules "
            f"de Résultats {french.agree(n, 'le', 'les')} comptent ({where}"
            + ", ".join(str(r) for r in rows)
            + ")."
        )
    return lines
