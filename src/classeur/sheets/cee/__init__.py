"""The CEE's dashboard as sheet descriptions (pure): Réseaux, Participants, Règles,
Libérations, Analyse des propositions, Graphiques. Every number that depends on another
sheet is a live formula; the value the consolidation computed for it is kept beside
(:attr:`Book.expected`), so that a recalculation can be checked against it."""

from __future__ import annotations

from collections.abc import Mapping

from classeur.domain.cee.consolidate import Dashboard
from classeur.layout import cee
from classeur.sheets.cee.common import Book
from classeur.sheets.cee.graphiques import graphiques
from classeur.sheets.cee.liberations import liberations
from classeur.sheets.cee.propositions import propositions
from classeur.sheets.cee.reseaux import participants, regles, reseaux
from classeur.text import french as words


def subtitle(dash: Dashboard, files_read: int) -> str:
    return cee.SUBTITLE.format(
        annee=dash.annee or "—",
        today=words.day_month_year(dash.today),
        n_reseaux=words.plural(len(dash.networks), "réseau", "réseaux"),
        n_fichiers=words.plural(files_read, "fichier"),
    )


def dashboard_sheets(dash: Dashboard, links: Mapping[str, str], files_read: int) -> Book:
    """The sheets, in order; ``links`` gives each source file's address (by its path)."""
    book = Book(context=subtitle(dash, files_read))
    reseaux(book, dash, links)
    participants(book, dash)
    regles(book, dash)
    liberations(book, dash)
    propositions(book, dash)
    graphiques(book, dash)
    return book
