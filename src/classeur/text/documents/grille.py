"""The grille's summary as a designed document: per apprentissage and bloc, how many
students were evaluated and how many reached the niveau visé, against the objectif
commun. No student is named: the grille itself (with names) is only in the .xlsx copy."""

from __future__ import annotations

from classeur.domain.grille.stats import statistiques
from classeur.domain.model import Classeur
from classeur.text import french
from classeur.text.documents.model import Document, Table, para

GRILLE_TITLE = "Grille de compilation : synthèse"
GRILLE_NOTE = (
    "Pour chaque apprentissage et chaque bloc : élèves évalués, élèves au niveau visé ou "
    "au-delà, et leur part comparée à l’objectif commun."
)
GRILLE_HEADER = ("Apprentissage", "Bloc", "Élèves évalués", "Au niveau visé", "Part", "Objectif")
GRILLE_WEIGHTS = (3.6, 1.2, 1.0, 1.0, 0.9, 0.9)
NO_RESULTS = "Aucun résultat n’est encore inscrit dans la grille."


def grille(c: Classeur) -> Document:
    """The grille's statistics, one row per apprentissage and bloc."""
    doc = Document(
        GRILLE_TITLE, c.settings.titre, (c.settings.titre,), header=f"{c.settings.titre}"
    )
    described = {lrn.code: f"{lrn.code} – {lrn.description}" for lrn in c.learnings}
    rows = tuple(
        (
            described.get(s.code, s.code),
            s.bloc,
            str(s.evalues),
            str(s.atteints),
            french.pourcentage(s.pourcentage) if s.pourcentage is not None else "—",
            french.pourcentage(s.objectif),
        )
        for s in statistiques(c)
    )
    doc.add(para(GRILLE_NOTE, note=True))
    doc.add(Table(GRILLE_HEADER, rows, GRILLE_WEIGHTS) if rows else para(NO_RESULTS))
    return doc
