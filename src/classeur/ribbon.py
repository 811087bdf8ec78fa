"""The ribbon's button table: button id (customUI.xml) → action.

The add-in's single VBA callback calls :func:`on_click` with the id of the button that
was clicked. Each action is the SAME core call as the matching CLI command, run through
the Excel adapter (:mod:`classeur.xl`) instead of the file adapter: read the book, call
the core, write the result. Errors become a French message box (``xl.run``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from classeur import rules, xl
from classeur.errors import ClasseurError

Action = Callable[[xl.XlBook], None]


# ======================================================================================
# Actions
# ======================================================================================
def verifier(book: xl.XlBook) -> None:
    """Vérifier: every problem of the classeur (same core calls as `classeur verifier`)."""
    book.status("Classeur : vérification du classeur…")
    model, problems = book.read()
    if model is not None:
        problems = problems + rules.check_classeur(model, book.name)
    if problems:
        book.alert(f"✗ {book.name} : {len(problems)} problème(s)\n\n" + xl.problems_text(problems))
    else:
        book.alert(f"✓ {book.name} : aucun problème.")


# Button id (customUI.xml) → action. Every id has an action and every action a button
# (tests/test_ribbon.py checks both ways).
ACTIONS: dict[str, Action] = {
    "verifier": verifier,
}


def _unknown(control_id: str) -> Action:
    def action(book: xl.XlBook) -> None:
        raise ClasseurError(
            f"Le bouton « {control_id} » n'est pas connu de cette version de Classeur.",
            hint="Mettez Classeur à jour (python -m pip install --upgrade classeur) "
            "puis réinstallez le ruban : classeur addin install.",
        )

    return action


def on_click(control_id: str, book: Any = None) -> xl.XlBook | None:
    """Entry point of the add-in's VBA callback (``book``: for tests, else the caller)."""
    return xl.run(ACTIONS.get(control_id) or _unknown(control_id), book)
