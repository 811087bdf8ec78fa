"""The use cases on one classeur (the CEE's, on folders: ``features.cee``), step by step.

This package is the ONLY place where a command's steps are sequenced. The command line works
on a classeur FILE (``files.filebook.FileBook`` / ``FileSource``), the ribbon on the open
Excel book (``excel.book.XlBook``); both call the SAME function here with their own
:class:`Book` and only show what it returns. Each step is a call into the pure layers
(``domain`` decides, ``sheets`` and ``text`` describe what to write) or into an adapter.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from classeur.domain.model import Classeur
from classeur.domain.rules import rencontre_for
from classeur.errors import ClasseurError, Problem
from classeur.layout import outputs, structure
from classeur.sheets.sheetdoc import Update

SheetValues = Callable[[str], "list[list[Any]] | None"]


class Book(Protocol):
    """A classeur as a feature sees it, whoever holds it (a file, or Excel)."""

    @property
    def name(self) -> str: ...

    def sheet_names(self) -> list[str]: ...

    def read(self) -> tuple[Classeur | None, list[Problem]]: ...

    def model(self) -> Classeur: ...

    def sheet_values(self, name: str) -> list[list[Any]] | None: ...

    def apply(self, update: Update, model: Classeur) -> list[str]: ...

    def status(self, text: str | None) -> None: ...

    def warnings(self) -> list[str]: ...

    def local_path(self) -> Path | None: ...


class ExportBook(Protocol):
    """What exporting needs of a book: the classeur as a file, its pseudonym key, a folder
    for the files, and a journal to log the export in. (The PDF is the designed document's,
    rendered in Python: the same from the ribbon as from the command.)"""

    @property
    def name(self) -> str: ...

    def exportable(self) -> AbstractContextManager[Path]: ...

    def key_path(self) -> Path: ...

    def export_folder(self) -> Path: ...

    def log_export(self, entry: Any) -> list[str]: ...


def _model(book: Book) -> Classeur:
    """The model, refused when text typed over Accueil's formulas would be ignored."""
    from classeur.domain import accueil

    return accueil.refused_if_typed_over(book.model(), book.sheet_values, book.name)


# ======================================================================================
# Checking
# ======================================================================================
@dataclass
class Verification:
    model: Classeur | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def verifier(book: Book) -> Verification:
    """Every problem of the classeur (structure, values, rules, sheets xlwings would read)."""
    from classeur.domain import verification

    try:
        model, problems = book.read()
    except ClasseurError as exc:
        model, problems = None, exc.problems
    problems = verification.xlwings_sheets(book.sheet_names(), book.name) + problems
    if model is None:
        return Verification(None, problems)
    problems = problems + verification.check(model, book.sheet_values, book.name)
    return Verification(model, problems, book.warnings())


def verifier_reseaux(classeurs: Sequence[tuple[str, Classeur]]) -> list[Problem]:
    """The rules across networks: one network a year per participant, one animated."""
    from classeur.domain import rules

    return rules.check_across_networks(classeurs) if len(classeurs) > 1 else []


def normaliser(book: Book) -> list[str]:
    """Dates and times typed as text written back as real ones, same look (formulas)."""
    from classeur.sheets import typed

    model = _model(book)
    update = typed.normaliser(model)
    return book.apply(update, model) if update.messages else []


def _typed_first(use_case: Callable[..., list[str]]) -> Callable[..., list[str]]:
    """Every writing command (command line and ribbon alike) first runs ``normaliser``."""

    @functools.wraps(use_case)
    def run(book: Book, *args: Any, **kwargs: Any) -> list[str]:
        return normaliser(book) + use_case(book, *args, **kwargs)

    return run


# ======================================================================================
# Rencontres (``rencontre_for``, the rencontre a click is about: domain.rules)
# ======================================================================================
@_typed_first
def ordre_du_jour(
    book: Book, numero: int | None, today: dt.date, active_sheet: str | None = None
) -> list[str]:
    """Fill or refresh rencontre N's tab and write its agenda (HTML and text)."""
    from classeur.sheets import rencontre

    return _rencontre(book, rencontre.ordre_du_jour, numero, today, active_sheet)


@_typed_first
def compte_rendu(
    book: Book, numero: int | None, today: dt.date, active_sheet: str | None = None
) -> list[str]:
    """Write rencontre N's compte rendu and add its « Qui fait quoi? » actions to Suivi."""
    from classeur.sheets import rencontre

    return _rencontre(book, rencontre.compte_rendu, numero, today, active_sheet)


def _rencontre(
    book: Book, make: Any, numero: int | None, today: dt.date, active_sheet: str | None
) -> list[str]:
    """Rencontre N's update made by ``make`` (agenda or minutes), applied to ``book``."""
    from classeur.text import resultats

    model = _model(book)
    n = numero if numero is not None else rencontre_for(model, active_sheet, today)
    # « Résultats attendus » carries the grille's numbers for the bloc under analysis.
    update = make(model, book.sheet_values, n, today, results=resultats.phrases_pour_rencontre)
    return list(book.apply(update, model))


# ======================================================================================
# Grille
# ======================================================================================
@_typed_first
def compiler(book: Book) -> list[str]:
    """The Résultats sheet (live formulas, chart) and the Paliers sheet."""
    from classeur.sheets import grille

    model = _model(book)
    return book.apply(grille.compiler(model, book.sheet_values), model)


@_typed_first
def fusionner(
    book: Book,
    copies: Sequence[Path],
    remplacer: bool = False,
    each: Callable[[Sequence[Path]], Iterable[Path]] = iter,
    noms_distincts: bool = False,
) -> list[str]:
    """The grille of each teacher's copy brought into the classeur: conflicts reported (replaced
    if ``remplacer``), close spellings asked about unless ``noms_distincts``; ``each``: progress."""
    from classeur.files import grille_copies
    from classeur.sheets import grille

    grille_copies.refuse_the_classeur_itself(book.local_path(), copies)
    model = _model(book)
    sources = [grille_copies.read_grille_source(path) for path in each(copies)]
    merged = grille.fusionner(model, sources, remplacer=remplacer, noms_distincts=noms_distincts)
    return book.apply(merged.update, model)


# ======================================================================================
# Réseau, bilan
# ======================================================================================
@_typed_first
def fiche(book: Book, answers: dict[str, str] | None = None) -> list[str]:
    """The réseau's fiche de proposition (annexe 1 du CEE), what was written kept."""
    from classeur.domain import reseau
    from classeur.sheets import fiche as fiche_

    model = _model(book)
    reseau.require_reseau(model, "La fiche de proposition (annexe 1)")
    return book.apply(fiche_.fiche(model, book.sheet_values, answers), model)


@_typed_first
def plan(book: Book, horaire: str | None = None) -> list[str]:
    """The plan de réseau (annexe 2 du CEE) for the chosen schedule option."""
    from classeur.domain import reseau
    from classeur.sheets import plan as plan_

    model = _model(book)
    reseau.require_reseau(model, "Le plan de réseau (annexe 2)")
    return book.apply(plan_.plan(model, book.sheet_values, horaire), model)


@_typed_first
def bilan(book: Book, today: dt.date) -> list[str]:
    """The year-end Bilan (annexe 5 du CEE, attendance, release days, progression)."""
    from classeur.sheets import bilan as bilan_

    model = _model(book)
    return book.apply(bilan_.bilan(model, book.sheet_values, today), model)


# ======================================================================================
# New classeurs
# ======================================================================================
def nouveau(path: Path, modele: str, titre: str | None, annee: str) -> Path:
    """A blank classeur, ready to fill in Excel."""
    from classeur.domain import demo
    from classeur.files import xlsx_new

    return xlsx_new.write_classeur(demo.blank(modele, titre, annee), path)


def demo(path: Path, modele: str) -> Path:
    """The demo classeur: every feature run on realistic data, as of the demo's today.
    Built privately, moved into place once complete (no backups of its drafts)."""
    from classeur.domain import demo as demo_
    from classeur.domain import reseau
    from classeur.files import filebook, safewrite, scratch, xlsx_new

    with scratch.in_private_folder("demo-") as tmp:
        built = xlsx_new.write_classeur(demo_.demo(modele), Path(tmp) / path.name)
        if modele == "reseau":
            with filebook.open_book(built) as book:
                fiche(book, reseau.EXEMPLE_FICHE)
            with filebook.open_book(built) as book:
                plan(book)
        with filebook.open_book(built) as book:
            _demo_rencontres(book, modele)
        with filebook.open_book(built) as book:
            bilan(book, demo_.DEMO_TODAY)
        with filebook.open_book(built) as book:
            compiler(book)
        for side in sorted(Path(tmp).iterdir()):  # its side files (agendas…), beside it
            if side.is_file() and side != built and not side.name.startswith("."):
                safewrite.copy_atomic(side, path.parent / side.name, backup=False)
        return safewrite.copy_atomic(built, path)


def _demo_rencontres(book: Book, modele: str) -> None:
    """Agendas of every rencontre; typed notes and comptes rendus of those already held."""
    from classeur.domain import demo as demo_
    from classeur.sheets import rencontre

    saisies = demo_.saisies(modele)
    for m in sorted(_model(book).meetings, key=lambda m: m.numero):
        n = m.numero
        ordre_du_jour(book, n, demo_.odj_day(modele, n))
        if n in saisies and m.date is not None and m.date < demo_.DEMO_TODAY:
            model = _model(book)
            typed = rencontre.saisir(model, book.sheet_values, n, saisies[n], demo_.DEMO_TODAY)
            book.apply(typed, model)
            compte_rendu(book, n, demo_.DEMO_TODAY)


# ======================================================================================
# Partager
# ======================================================================================
@dataclass
class ExportRequest:
    kind: str  # outputs.DOC_*
    numero: int | None = None
    formats: list[str] = field(default_factory=lambda: list(outputs.FORMATS))
    pseudonymise: bool | None = None  # None: the document's default (domain.sharing)
    outdir: Path | None = None
    to: str | None = None
    word_template: Path | None = None
    replace_existing: bool = False


@dataclass
class Exported:
    """What an export wrote and what to tell the teacher."""

    label: str
    files: list[Path]
    recipients: list[str]
    formats: list[str]
    messages: list[str]
    key: Path | None
    result: Any = None
    question: str | None = None  # students named before other schools (domain.sharing)


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


def exporter(
    book: ExportBook,
    request: ExportRequest,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
) -> Exported:
    """Export a document (PDF, Word, .xlsx, e-mail draft), then log it ONCE in the
    classeur's journal des envois."""
    from classeur.domain import journal, sharing
    from classeur.files.export import bundle

    pseudonymise = sharing.pseudonymise(request.kind, request.pseudonymise)
    now = now or dt.datetime.now().replace(microsecond=0)
    formats = list(request.formats)
    # The export is logged while the book is still held (the command line locks the
    # classeur from the read to the journal's row): nothing can slip in between.
    with book.exportable() as source:
        result = bundle.export(
            source,
            request.kind,
            request.numero,
            formats,
            pseudonymise=pseudonymise,
            outdir=request.outdir or book.export_folder(),
            to=request.to,
            word_template=request.word_template,
            replace_existing=request.replace_existing,
            today=today or now.date(),
            key=book.key_path(),
            body=_meeting_body,
            now=now,
        )
        assert result.document is not None
        entry = journal.Entry(
            quand=now,
            document=result.document.label,
            formats=formats,
            destinataires=result.recipients,
            pseudonymise=pseudonymise,
            fichiers=[p.name for p in result.files],
        )
        logged = _log(book, entry, result.files)
    return Exported(
        result.document.label,
        result.files,
        result.recipients,
        formats,
        [*result.messages, *logged, *([result.question] if result.question else [])],
        book.key_path() if pseudonymise else None,
        result,
        result.question,
    )


def share_question(model: Classeur, request: ExportRequest) -> str | None:
    """What to ask before exporting (students named before people of other schools): the
    ribbon's Exporter asks it (Oui, Non, Annuler); the command says it."""
    from classeur.text import partage

    r = request
    return partage.share_question(model, r.kind, r.to, r.formats, r.pseudonymise)


def _log(book: ExportBook, entry: Any, files: list[Path]) -> list[str]:
    try:
        return book.log_export(entry)
    except ClasseurError as exc:
        written = ", ".join(p.name for p in files)
        raise ClasseurError(
            f"Les fichiers ont été écrits ({written}), mais l'envoi n'a pas pu être inscrit "
            f"dans le journal du classeur : {exc.problem.message}",
            sheet=structure.SHEET_JOURNAL,
            hint=f"{exc.problem.hint or ''} Inscrivez sinon cet envoi à la main dans la "
            f"feuille « {structure.SHEET_JOURNAL} ».",
        ) from exc


def _meeting_body(
    model: Classeur, sheet_values: SheetValues, kind: str, numero: int, today: dt.date
) -> tuple[str, str]:
    """(HTML, text) of the rencontre's ordre du jour or compte rendu: the very documents
    ``ordre_du_jour`` and ``compte_rendu`` write (the e-mail's body)."""
    from classeur.sheets import rencontre
    from classeur.text import partage, resultats

    which = partage.meeting_body(model, kind, numero, today)
    return rencontre.documents(
        model, sheet_values, numero, today, which, results=resultats.phrases_pour_rencontre
    )
