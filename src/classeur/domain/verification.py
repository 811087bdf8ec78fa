"""Every check of one classeur: what `classeur verifier` and the ribbon's Vérifier run.

Reading problems (structure, values) come from ``tables``; this adds the rule checks, so
both adapters (files, Excel) call the very same function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from classeur.domain import accueil, checks, reseau, rules, typed
from classeur.domain.duplicates import check_duplicates
from classeur.domain.grille.paliers import check_parametres
from classeur.domain.model import Classeur
from classeur.errors import Problem
from classeur.layout import excel_addin

SheetValues = Callable[[str], list[list[Any]] | None]


def check(c: Classeur, sheet_values: SheetValues, file: str | None = None) -> list[Problem]:
    """Rule checks of a readable classeur (roster rules, the fiche's résumé…), and what
    was typed that reading accepts but that would go wrong later (text dates and times,
    e-mail addresses, a missing start time, learnings with no Grille column)."""
    return (
        rules.check_classeur(c, file)
        + reseau.check_fiche(sheet_values, file)
        + check_parametres(c, file)
        + typed.problems(c, file)
        + typed.level_problems(c, file)
        + checks.check_emails(c, file)
        + checks.check_times(c, file)
        + checks.check_learning_columns(c, file)
        + check_duplicates(c, file)
        + accueil.typed_over(c, sheet_values, file)
    )


def xlwings_sheets(sheet_names: list[str], file: str | None = None) -> list[Problem]:
    """Sheets that xlwings would read as its settings (« classeur.conf », « xlwings.conf »,
    any « *.conf ») or run as code (« *.py »). In a received workbook such a sheet could
    choose the Python a ribbon click starts, its search path, or code to run: the ribbon
    refuses the workbook (its VBA callback, before Python starts) and `verifier` reports
    it. Excel compares sheet names without regard to case; so does this check."""
    problems = []
    for name in sheet_names:
        if not name.casefold().endswith(excel_addin.XLWINGS_SHEET_SUFFIXES):
            continue
        kind = "de code Python" if name.casefold().endswith(".py") else "de réglages"
        problems.append(
            Problem(
                f"Cette feuille est une feuille {kind} pour xlwings, le lien entre Excel et "
                "Python : elle pourrait faire exécuter autre chose que Classeur par le ruban, "
                "qui refuse donc ce classeur.",
                sheet=name,
                file=file,
                hint="Supprimez-la (elle peut être masquée : clic droit sur un onglet › "
                "Afficher; si elle n'y est pas, demandez au soutien informatique de la "
                "supprimer), puis enregistrez le classeur.",
            )
        )
    return problems
