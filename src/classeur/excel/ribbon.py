"""The ribbon's button table: button id (customUI.xml) → the use case it runs.

The add-in's single VBA callback calls :func:`button_pressed` with the id of the button
that was clicked (named so that no antivirus heuristic mistakes it for an event handler:
see ``layout.excel_addin.ADDIN_CALLBACK``). Each button runs the SAME function of
:mod:`classeur.features` as the matching command, on the open book
(:class:`~classeur.excel.book.XlBook`) instead of a file, and shows what it returns in a
message box. Errors become a French message box (:func:`classeur.excel.clicks.run`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from classeur import features
from classeur.domain import verification
from classeur.errors import ClasseurError, ClasseurProblems
from classeur.excel import clicks, dialogs
from classeur.excel.book import XlBook
from classeur.layout import outputs
from classeur.text import french, partage

Action = Callable[[XlBook], None]
FROM_EXCEL = "--from_xl=1"  # xlwings' RunPython adds it to the command line of a click
UseCase = Callable[[XlBook], list[str]]

# The buttons that rebuild part of the book: id → (what it does, in French; the use case).
FEATURES: dict[str, tuple[str, UseCase]] = {
    "ordre_du_jour": (
        "ordre du jour",
        lambda b: features.ordre_du_jour(b, None, b.today, b.active_sheet_name()),
    ),
    "compte_rendu": (
        "compte rendu",
        lambda b: features.compte_rendu(b, None, b.today, b.active_sheet_name()),
    ),
    "compiler": ("compilation de la grille", lambda b: features.compiler(b)),
    "fiche": ("fiche de proposition", lambda b: features.fiche(b)),
    "plan": ("plan de réseau", lambda b: features.plan(b)),
    "bilan": ("bilan", lambda b: features.bilan(b, b.today)),
}


def _feature_action(control_id: str) -> Action:
    what, use_case = FEATURES[control_id]

    def action(book: XlBook) -> None:
        book.status(f"Classeur : {what}…")
        lines = use_case(book)
        book.alert("\n".join(lines) if lines else f"{what[:1].upper()}{what[1:]} : terminé.")

    return action


def verifier(book: XlBook) -> None:
    """Vérifier: every problem of the classeur (`classeur verifier`)."""
    book.status("Classeur : vérification du classeur…")
    found = features.verifier(book)
    if found.problems:
        listed = clicks.problems_text(found.problems)
        book.alert(
            f"✗ {{}} : {french.plural(len(found.problems), 'problème')}\n\n{listed}", book.name
        )
    else:
        book.alert("✓ {} : aucun problème.", book.name)


def fusionner(book: XlBook) -> None:
    """Fusionner: the grille of each chosen copy into the open book (`classeur fusionner`)."""
    paths = book.choose_files("Choisissez les copies de la grille à fusionner")
    if not paths:
        book.alert("Aucun fichier choisi; rien n'a été modifié.")
        return

    def each(copies: Sequence[Path]) -> Iterator[Path]:
        for i, path in enumerate(copies, start=1):
            book.status(f"Classeur : lecture de la copie {i} sur {len(copies)} ({{}})…", path.name)
            yield path

    book.status("Classeur : fusion des grilles…")
    lines = features.fusionner(book, paths, each=each)
    book.alert("\n".join(lines) if lines else "Fusion terminée.")


def exporter(book: XlBook, pseudonymise: bool = False) -> None:
    """Exporter: the document of the active sheet as PDF, Word, .xlsx and an e-mail draft
    (`classeur exporter`), logged once in the open book's Journal des envois. Students
    named before people of other schools: the teacher is asked first (Oui: codes, Non:
    names, Annuler: nothing written)."""
    kind, numero = features.document_for(book.active_sheet_name())
    request = features.ExportRequest(
        kind, numero, list(outputs.FORMATS), pseudonymise, replace_existing=True
    )
    question = features.share_question(book.model(), request)
    if question is not None:
        answer = book.ask(partage.asked_in_excel(question))
        if answer not in (dialogs.YES, dialogs.NO):
            book.alert(partage.NOT_EXPORTED)
            return
        request = dataclasses.replace(request, pseudonymise=answer == dialogs.YES)
    book.status("Classeur : exportation des documents…")
    done = features.exporter(book, request)
    # The question is answered: not said again among the messages.
    lines = [f"{done.label} : exporté.", *(m for m in done.messages if m != done.question)]
    lines += [f"Fichier écrit : « {p} »" for p in done.files]
    if "pdf" not in done.formats:
        lines.append(
            "PDF non produit : ni Excel ni LibreOffice ne peuvent en produire ici "
            "(installez LibreOffice, ou utilisez Excel sur l'ordinateur)."
        )
    if done.key is not None:
        lines.append(partage.pseudonym_note(done.key.name))
    book.alert("\n".join(lines))


def exporter_codes(book: XlBook) -> None:
    """Exporter with student names replaced by stable codes (Law 25)."""
    exporter(book, pseudonymise=True)


# Button id (customUI.xml) → action. Every id has an action and every action a button
# (a test checks both ways).
ACTIONS: dict[str, Action] = {
    "verifier": verifier,
    **{control_id: _feature_action(control_id) for control_id in FEATURES},
    "fusionner": fusionner,
    "exporter": exporter,
    "exporter_codes": exporter_codes,
}


def _unknown(control_id: str) -> Action:
    def action(book: XlBook) -> None:
        raise ClasseurError(
            f"Le bouton « {control_id} » n'est pas connu de cette version de Classeur.",
            hint="Mettez Classeur à jour (python -m pip install --upgrade classeur) "
            "puis réinstallez le ruban : classeur addin install.",
        )

    return action


def _refusing_xlwings_sheets(action: Action) -> Action:
    """``action``, refused when the book has a sheet xlwings reads as settings or code.

    The add-in's VBA callback refuses such a book before Python starts (the sheet could
    have chosen the Python itself); this is the same check on Python's side, for a
    callback of an older add-in and for every other way of running a button."""

    def guarded(book: XlBook) -> None:
        found = verification.xlwings_sheets(book.sheet_names(), book.name)
        if found:
            raise ClasseurProblems(found)
        action(book)

    return guarded


def button_pressed(
    control_id: str,
    book: Any = None,
    files: list[Path] | None = None,
    today: dt.date | None = None,
    answer: str | None = None,
) -> XlBook | None:
    """Entry point of the add-in's VBA callback: run button ``control_id``'s action.

    ``book`` (else the calling book), ``files`` (else a file dialog), ``answer`` (else
    the button the teacher clicks in a yes/no/cancel box) and ``today`` (else the
    computer's date) are for tests and the benchmark.
    """
    action = ACTIONS.get(control_id) or _unknown(control_id)
    try:
        return clicks.run(_refusing_xlwings_sheets(action), book, files, today, answer)
    finally:
        if FROM_EXCEL in sys.argv:
            # A process Excel started for this one click, which Excel waits for: the
            # interpreter's last collection would walk and free every object (pandas,
            # numpy, the book's values) one by one before the process ends anyway
            # (≈ 0.3 s at rest, more on a busy computer): keep them out of it.
            gc.freeze()
