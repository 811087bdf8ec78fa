"""Text typed over the Accueil sheet's identity (titre, année, organisme, but).

Those cells are formulas showing the hidden Paramètres sheet. A teacher who types a new
title there replaces the formula with text that Classeur would never read: the documents
would keep the old title without a word. Every command refuses such a classeur instead,
naming the cell and how to change the title for good (the Paramètres sheet).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from classeur.domain import cellvalues
from classeur.domain.model import Classeur
from classeur.errors import ClasseurProblems, Problem
from classeur.layout import a1, accueil, structure

SheetValues = Callable[[str], list[list[Any]] | None]

_SETTINGS = {
    structure.PARAM_TITRE: "titre",
    structure.PARAM_ANNEE: "annee_scolaire",
    structure.PARAM_ORGANISME: "organisme",
    structure.PARAM_BUT: "but",
}


def refused_if_typed_over(c: Classeur, sheet_values: SheetValues, file: str | None) -> Classeur:
    """``c``, or ClasseurProblems naming each identity cell of Accueil typed over."""
    typed = typed_over(c, sheet_values, file)
    if typed:
        raise ClasseurProblems(typed)
    return c


def typed_over(c: Classeur, sheet_values: SheetValues, file: str | None = None) -> list[Problem]:
    """A problem for each identity cell of Accueil holding typed text that differs from
    the setting it should show."""
    rows = sheet_values(structure.SHEET_ACCUEIL)
    if not rows:
        return []
    problems = []
    col = accueil.ACCUEIL_VALUE_COL
    for i, key in enumerate(accueil.ACCUEIL_IDENTITY_LABELS):
        if key not in _SETTINGS:
            continue
        r = accueil.ACCUEIL_IDENTITY_FIRST_ROW + 1 + i
        value = rows[r - 1][col - 1] if len(rows) >= r and len(rows[r - 1]) >= col else None
        typed = cellvalues.text(value)
        shown = str(getattr(c.settings, _SETTINGS[key])).strip()
        if not typed.strip() or typed.startswith("=") or typed.strip() == shown:
            continue
        label = accueil.ACCUEIL_IDENTITY_LABELS[key]
        problems.append(
            Problem(
                f"« {typed} » est tapé à la place de la formule qui affiche le paramètre "
                f"« {label} » : Classeur ne le lirait pas.",
                sheet=structure.SHEET_ACCUEIL,
                row=r,
                column=a1.column_letter(col),
                file=file,
                hint=f"Tapez-le dans la feuille « {structure.SHEET_PARAMETRES} » (ligne "
                f"« {key} », colonne Valeur; affichez-la par un clic droit sur un onglet, "
                "Afficher), puis videz cette case ou rétablissez sa formule.",
            )
        )
    return problems
