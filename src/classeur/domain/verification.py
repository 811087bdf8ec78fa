"""Every check of one classeur: what `classeur verifier` and the ribbon's Vérifier run.

Reading problems (structure, values) come from ``tables``; this adds the rule checks, so
both adapters (files, Excel) call the very same function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from classeur.domain import checks, reseau, rules, typed
from classeur.domain.duplicates import check_duplicates
from classeur.domain.grille.paliers import check_parametres
from classeur.domain.model import Classeur
from classeur.errors import Problem

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
    )
