"""The ribbon's button table: button id (customUI.xml) → action.

The add-in's single VBA callback calls :func:`on_click` with the id of the button that
was clicked. Each action is the SAME core call as the matching CLI command, run through
the Excel adapter (:mod:`classeur.excel.xl`) instead of the file adapter: read the book, call
the core, write the result. Errors become a French message box (``xl.run``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from classeur.domain import rules
from classeur.domain.model import Classeur
from classeur.errors import ClasseurError
from classeur.excel import xl
from classeur.layout import outputs, structure
from classeur.sheets.sheetdoc import Update

Action = Callable[[xl.XlBook], None]
SheetValues = Callable[[str], Any]
Feature = Callable[[Classeur, SheetValues], Update]


# ======================================================================================
# What a click works on
# ======================================================================================
def rencontre_for(model: Classeur, active_sheet: str | None, today: dt.date) -> int:
    """The rencontre a click is about: the one whose tab is active, else the next one by
    date, else the most recent one."""
    numero = structure.meeting_number_from_sheet(active_sheet or "")
    if numero is not None and model.meeting(numero) is not None:
        return numero
    upcoming = rules.next_meeting(model, today)
    if upcoming is not None:
        return upcoming.numero
    past = [m for m in model.meetings if m.date is not None]
    if past:
        return max(past, key=lambda m: m.date or today).numero
    raise ClasseurError(
        "Classeur ne sait pas de quelle rencontre il s'agit : aucune rencontre n'a de date.",
        sheet=structure.SHEET_RENCONTRES,
        hint="Ouvrez l'onglet de la rencontre voulue (R1, R2, …) puis cliquez de nouveau, "
        "ou inscrivez les dates dans la feuille Rencontres.",
    )


@dataclass(frozen=True)
class Click:
    """What a click knows besides the book: the active sheet and today's date."""

    active_sheet: str | None
    today: dt.date


FeatureCall = Callable[[Classeur, SheetValues, Click], Update]


# The feature buttons: id → (what it does, in French; the SAME core call as the CLI
# command). Feature modules are imported when clicked, so a click loads only its own.
def _ordre_du_jour(model: Classeur, sheet_values: SheetValues, click: Click) -> Update:
    from classeur.domain import grille, rencontres

    numero = rencontre_for(model, click.active_sheet, click.today)
    return rencontres.ordre_du_jour(
        model, sheet_values, numero, click.today, results=grille.phrases_pour_rencontre
    )


def _compte_rendu(model: Classeur, sheet_values: SheetValues, click: Click) -> Update:
    from classeur.domain import grille, rencontres

    numero = rencontre_for(model, click.active_sheet, click.today)
    return rencontres.compte_rendu(
        model, sheet_values, numero, click.today, results=grille.phrases_pour_rencontre
    )


def _compiler(model: Classeur, sheet_values: SheetValues, click: Click) -> Update:
    from classeur.domain import grille

    return grille.compiler(model, sheet_values)


def _fiche(model: Classeur, sheet_values: SheetValues, click: Click) -> Update:
    from classeur.domain import reseau

    return reseau.fiche(model, sheet_values)


def _plan(model: Classeur, sheet_values: SheetValues, click: Click) -> Update:
    from classeur.domain import reseau

    return reseau.plan(model, sheet_values)


def _bilan(model: Classeur, sheet_values: SheetValues, click: Click) -> Update:
    from classeur.domain import bilan

    return bilan.bilan(model, sheet_values, click.today)


FEATURES: dict[str, tuple[str, FeatureCall]] = {
    "ordre_du_jour": ("ordre du jour", _ordre_du_jour),
    "compte_rendu": ("compte rendu", _compte_rendu),
    "compiler": ("compilation de la grille", _compiler),
    "fiche": ("fiche de proposition", _fiche),
    "plan": ("plan de réseau", _plan),
    "bilan": ("bilan", _bilan),
}


def _feature_action(control_id: str) -> Action:
    what, call = FEATURES[control_id]

    def action(book: xl.XlBook) -> None:
        click = Click(book.active_sheet_name(), book.today)
        run_feature(book, what, lambda model, values: call(model, values, click))

    return action


def run_feature(book: xl.XlBook, what: str, feature: Feature) -> None:
    """Read the book, run a pure feature (the CLI's core call), write its Update."""
    book.status(f"Classeur : {what} — lecture du classeur…")
    model = book.model()
    book.status(f"Classeur : {what}…")
    update = feature(model, book.sheet_values)
    lines = book.apply(update, model)
    book.alert("\n".join(lines) if lines else f"{what[:1].upper()}{what[1:]} : terminé.")


# ======================================================================================
# Actions
# ======================================================================================
def verifier(book: xl.XlBook) -> None:
    """Vérifier: every problem of the classeur (the same core call as `classeur verifier`)."""
    book.status("Classeur : vérification du classeur…")
    model, problems = book.read()
    if model is not None:
        from classeur.domain import verification

        problems = problems + verification.check(model, book.sheet_values, book.name)
    if problems:
        book.alert(f"✗ {book.name} : {len(problems)} problème(s)\n\n" + xl.problems_text(problems))
    else:
        book.alert(f"✓ {book.name} : aucun problème.")


# ======================================================================================
# Grille: merge the teachers' copies (chosen in a file dialog)
# ======================================================================================
def fusionner(book: xl.XlBook) -> None:
    """Fusionner: bring the grille of each chosen copy into the open book (the CLI's
    `classeur fusionner`: same reading of the copies, same core merge)."""
    from classeur.domain import grille
    from classeur.files import grille_copies

    paths = book.choose_files("Choisissez les copies de la grille à fusionner")
    if not paths:
        book.alert("Aucun fichier choisi; rien n'a été modifié.")
        return
    local = book.local_path()
    for path in paths:
        if local is not None and path.resolve() == local.resolve():
            raise ClasseurError(
                f"Le fichier « {path.name} » est le classeur ouvert, pas une copie à fusionner.",
                hint="Choisissez seulement les copies remplies par les enseignant·es.",
            )
    book.status("Classeur : fusion des grilles — lecture du classeur…")
    model = book.model()
    sources = []
    for i, path in enumerate(paths, start=1):
        book.status(f"Classeur : lecture de la copie {i} sur {len(paths)} ({path.name})…")
        sources.append(grille_copies.read_grille_source(path))
    result = grille.fusionner(model, sources)
    lines = book.apply(result.update, model)
    book.alert("\n".join(lines) if lines else "Fusion terminée.")


# ======================================================================================
# Partager: export what the active sheet shows
# ======================================================================================
def document_for(active_sheet: str | None) -> tuple[str, int | None]:
    """The document to export when ``active_sheet`` is shown: (kind, rencontre number)."""
    numero = structure.meeting_number_from_sheet(active_sheet or "")
    if numero is not None:
        return outputs.DOC_RENCONTRE, numero
    by_sheet = {
        structure.SHEET_BILAN: outputs.DOC_BILAN,
        structure.SHEET_PLAN: outputs.DOC_PLAN,
        structure.SHEET_FICHE: outputs.DOC_FICHE,
        structure.SHEET_GRILLE: outputs.DOC_GRILLE,
    }
    kind = by_sheet.get(active_sheet or "")
    if kind is None:
        raise ClasseurError(
            f"La feuille « {active_sheet} » n'est pas un document à partager.",
            hint="Ouvrez la feuille à exporter (une rencontre R1, R2…, la Grille, le Plan de "
            "réseau, la Fiche de proposition ou le Bilan) puis cliquez de nouveau.",
        )
    return kind, None


def exporter(book: xl.XlBook, pseudonymise: bool = False) -> None:
    """Exporter: the document of the active sheet as PDF, Word, .xlsx and an email draft
    (the CLI's `classeur exporter`), logged in the book's Journal des envois. The PDF is
    Excel's own (LibreOffice's where Excel cannot export, e.g. xlwings' remote engine)."""
    import shutil
    import tempfile

    from classeur.domain import journal
    from classeur.files import libreoffice
    from classeur.files.export import bundle, pseudonyms

    kind, numero = document_for(book.active_sheet_name())
    book.status("Classeur : exportation — lecture du classeur…")
    model = book.model()
    notes: list[str] = []
    pdf_maker = _pdf_maker(book, notes)
    can_pdf = book.has_pdf_export() or libreoffice.soffice() is not None
    formats = [f for f in outputs.FORMATS if f != "pdf" or can_pdf]
    folder = book.side_folder()
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now().replace(microsecond=0)
    with tempfile.TemporaryDirectory(prefix="classeur-") as tmp:
        copy = book.saved_copy(Path(tmp) / book.name)
        # The pseudonym key lives beside the classeur, as with the CLI.
        key, tmp_key = pseudonyms.key_path(folder / book.name), pseudonyms.key_path(copy)
        if key.exists():
            shutil.copyfile(key, tmp_key)
        book.status("Classeur : exportation des documents…")
        result = bundle.export(
            copy,
            kind,
            numero,
            formats,
            pseudonymise=pseudonymise,
            outdir=folder,
            replace_existing=True,
            now=now,
            pdf_maker=pdf_maker,
        )
        if tmp_key.exists() and not key.exists():
            shutil.copyfile(tmp_key, key)
    assert result.document is not None
    entry = journal.Entry(
        quand=now,
        document=result.document.label,
        formats=formats,
        destinataires=result.recipients,
        pseudonymise=pseudonymise,
        fichiers=[p.name for p in result.files],
    )
    lines = book.apply(journal.log(book.sheet_values, entry), model)
    lines = [f"{result.document.label} : exporté.", *result.messages, *notes, *lines]
    lines += [f"Fichier écrit : {p}" for p in result.files]
    if "pdf" not in formats:
        lines.append(
            "PDF non produit : ni Excel ni LibreOffice ne peuvent en produire ici "
            "(installez LibreOffice, ou utilisez Excel sur l'ordinateur)."
        )
    if pseudonymise:
        lines.append(
            "Noms des élèves remplacés par des codes; la clé reste dans "
            f"« {key.name} » (ne l'envoyez pas)."
        )
    book.alert("\n".join(lines))


def _pdf_maker(book: xl.XlBook, notes: list[str]) -> Callable[[Path, Path], Path]:
    """The PDF renderer: Excel's own export in desktop Excel; LibreOffice where Excel
    cannot export (xlwings' remote engine), or when Excel fails and LibreOffice is there
    (said in ``notes``)."""
    from classeur.files import libreoffice
    from classeur.files.export import bundle

    if not book.has_pdf_export():
        return bundle.libreoffice_pdf

    def make(xlsx: Path, folder: Path) -> Path:
        try:
            return book.excel_pdf(xlsx, folder)
        except ClasseurError as exc:
            if libreoffice.soffice() is None:
                raise
            notes.append(f"{exc.problem.message} Il a été produit par LibreOffice.")
            return bundle.libreoffice_pdf(xlsx, folder)

    return make


def exporter_codes(book: xl.XlBook) -> None:
    """Exporter with student names replaced by stable codes (Law 25)."""
    exporter(book, pseudonymise=True)


# Button id (customUI.xml) → action. Every id has an action and every action a button
# (tests/test_ribbon.py checks both ways).
ACTIONS: dict[str, Action] = {
    "verifier": verifier,
    **{control_id: _feature_action(control_id) for control_id in FEATURES},
    "fusionner": fusionner,
    "exporter": exporter,
    "exporter_codes": exporter_codes,
}


def _unknown(control_id: str) -> Action:
    def action(book: xl.XlBook) -> None:
        raise ClasseurError(
            f"Le bouton « {control_id} » n'est pas connu de cette version de Classeur.",
            hint="Mettez Classeur à jour (python -m pip install --upgrade classeur) "
            "puis réinstallez le ruban : classeur addin install.",
        )

    return action


def on_click(
    control_id: str,
    book: Any = None,
    files: list[Path] | None = None,
    today: dt.date | None = None,
) -> xl.XlBook | None:
    """Entry point of the add-in's VBA callback.

    ``book`` (else the calling book), ``files`` (else a file dialog) and ``today`` (else
    the computer's date) are for tests.
    """
    return xl.run(ACTIONS.get(control_id) or _unknown(control_id), book, files, today)
