"""The ordre du jour and the compte rendu of a rencontre as designed documents, from the
rencontre's model (its canevas and what the team typed, read by ``domain.rencontres``).

- CAR: after the canevas du projet CAR: the numbered items with their guiding question,
  « temps prévu » and responsable; the compte rendu's blocks (Actions/Décisions, Données
  à recueillir, Résultats attendus, Prochaine rencontre : Quoi apporter? Quoi discuter?
  Qui fait quoi?).
- Réseau: the ordre du jour after annexe 3 du CEE (eight numbered items) and the compte
  rendu after annexe 4 du CEE (members to tick, six numbered rows with « Documents, notes
  et décisions » and « Réalisation »).

An agenda never carries what is only for the team in the sheet: the instructions to type,
the preparation status (« Préparé en retard »), the attendance table or an empty minutes
section.
"""

from __future__ import annotations

from classeur.domain import canevas as cv
from classeur.domain import links
from classeur.domain.rencontres.agenda import Context
from classeur.text import rencontre
from classeur.text.documents.model import (
    Bullets,
    CellText,
    Checklist,
    Document,
    Heading,
    RichText,
    Span,
    Table,
    para,
)

ODJ_TITLE = "Ordre du jour"
CR_TITLE = "Compte rendu"
# Columns of the agenda's table: narrow number and time, the item's text widest.
ODJ_HEADER_CAR = ("N°", "Point", "Question directrice", "Temps prévu", "Responsable")
ODJ_WEIGHTS_CAR = (0.45, 4.5, 2.1, 0.8, 1.35)
ODJ_HEADER_CEE = ("N°", "Point", "Temps prévu", "Responsable")
ODJ_WEIGHTS_CEE = (0.5, 5.5, 0.9, 1.6)
TOTAL = "Durée totale prévue"
DEBUT = "Début de la rencontre"
NOTES_HEADER = ("N°", "Point", cv.DOCUMENTS_NOTES, cv.REALISATION)
NOTES_WEIGHTS = (0.5, 2.6, 3.6, 2.0)
PRESENCES_CAR = "Présences"
PROCHAINE = "Prochaine rencontre"
DATE_A_FIXER = "date à fixer"
QUI_FAIT_QUOI_HEADER = ("Action", "Responsable", "Échéance")
QUI_FAIT_QUOI_WEIGHTS = (4.6, 2.0, 1.8)


def _span(value: str) -> Span:
    """What a teacher typed, as a span: a link they made (Insertion › Lien,
    ``=HYPERLINK``) stays a real link; a link to a place in the workbook itself
    (« #R2!A1 ») leads nowhere outside it and is shown as its text."""
    if isinstance(value, links.Link) and value.target and not value.target.startswith("#"):
        return Span(str(value), link=value.target)
    return Span(str(value))


def _cell(*parts: str, sep: str = "") -> CellText:
    """A table cell of ``parts`` joined by ``sep``: plain text, or :class:`RichText`
    when one of them is a teacher's link."""
    spans: list[Span] = []
    for i, part in enumerate(parts):
        if i and sep:
            spans.append(Span(sep))
        spans.append(_span(part))
    if not any(s.link for s in spans):
        return "".join(s.text for s in spans)
    return RichText(tuple(s for s in spans if s.text))


def _head(v: rencontre.View, title: str) -> Document:
    """Title, the team's title, the rencontre and its date, hours and place."""
    lines = [v.titre, v.rencontre if v.cee else f"{v.rencontre} – durée : {v.duree}", v.entete]
    return Document(
        title,
        v.titre,
        tuple(line for line in lines if line),
        header=f"{v.titre} – {v.rencontre}",
    )


def agenda(ctx: Context) -> Document:
    """The ordre du jour (canevas du projet CAR, or annexe 3 du CEE for a réseau)."""
    v = rencontre.view(ctx)
    doc = _head(v, ODJ_TITLE)
    rows: list[tuple[CellText, ...]] = []
    for it in v.items:
        number = "" if it.suivi else it.numero
        text = _cell("– " if it.suivi else "", it.texte, *(f"\n• {r}" for r in it.resultats))
        if v.cee:
            rows.append((number, text, it.temps, _cell(it.responsable)))
        else:
            rows.append((number, text, _cell(it.question), it.temps, _cell(it.responsable)))
    if v.cee:
        doc.add(Table(ODJ_HEADER_CEE, tuple(rows), ODJ_WEIGHTS_CEE))
    else:
        doc.add(Table(ODJ_HEADER_CAR, tuple(rows), ODJ_WEIGHTS_CAR))
    doc.add(para(f"{TOTAL} : {v.total}", note=True))
    return doc


def minutes(ctx: Context) -> Document:
    """The compte rendu: annexe 4 du CEE for a réseau, the canevas du projet CAR else."""
    v = rencontre.view(ctx)
    doc = _head(v, CR_TITLE)
    if v.cee:
        _minutes_cee(doc, v)
    else:
        _minutes_car(doc, v)
    return doc


def _checklist(v: rencontre.View) -> Checklist:
    return Checklist(tuple((box == rencontre.CHECKED, line) for box, line, _ in v.presences))


def _minutes_cee(doc: Document, v: rencontre.View) -> None:
    """Annexe 4 du CEE: members to tick, then its six rows, each with its notes and
    realisations (empty cells stay: the annex's form is kept)."""
    doc.add(Heading(cv.MEMBRES_COCHER), _checklist(v))
    rows = tuple(
        (f"{r.numero}.", r.titre, _cell(*r.notes, sep="\n"), _cell(*r.realisation, sep="\n"))
        for r in v.cee_rows
    )
    doc.add(Table(NOTES_HEADER, rows, NOTES_WEIGHTS))


def _minutes_car(doc: Document, v: rencontre.View) -> None:
    """Canevas du projet CAR: attendance, the items with what was noted (only the items
    that have notes), then the COMPTE-RENDU blocks and the next rencontre."""
    doc.add(Heading(PRESENCES_CAR), _checklist(v))
    if v.debut:
        doc.add(para(f"{DEBUT} : {v.debut}"))
    noted = tuple(
        ("" if it.suivi else it.numero, _cell(it.texte), _cell(it.notes), _cell(it.realisation))
        for it in v.items
        if it.notes or it.realisation
    )
    if noted:
        doc.add(Heading(ODJ_TITLE), Table(NOTES_HEADER, noted, NOTES_WEIGHTS))
    for b in v.blocks:
        doc.add(Heading(f"{b.titre} :"))
        if b.puces:
            doc.add(Bullets(tuple(b.puces)))
        if b.texte:
            doc.add(para(_span(b.texte)))
        if b.resultats:
            doc.add(Bullets(tuple(b.resultats)))
        if b.realisation:
            doc.add(para(f"{cv.REALISATION} : ", _span(b.realisation)))
    doc.add(Heading(f"{PROCHAINE} : {v.prochaine or DATE_A_FIXER}"))
    doc.add(Heading(cv.QUOI_APPORTER, level=2), para(_span(v.apporter or "—")))
    doc.add(Heading(cv.QUOI_DISCUTER, level=2), para(_span(v.discuter or "—")))
    doc.add(Heading(cv.QUI_FAIT_QUOI, level=2))
    if v.actions:
        rows = tuple((_cell(a.action), _cell(a.responsable), a.echeance) for a in v.actions)
        doc.add(Table(QUI_FAIT_QUOI_HEADER, rows, QUI_FAIT_QUOI_WEIGHTS))
    else:
        doc.add(para("—"))
