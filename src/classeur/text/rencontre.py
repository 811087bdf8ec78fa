"""Ordre du jour and compte rendu of a rencontre as documents: HTML (autoescaped, for
email bodies) and plain text. Pure: returns strings; the caller decides where they go.

The CEE agenda follows annexe 3 du CEE item by item and the CEE compte rendu annexe 4
(members with ☑/☐, « L’assemblée débute à », « Documents, notes et décisions » and
« Réalisation » per row); the CAR compte rendu has the COMPTE-RENDU blocks of the canevas
du projet CAR (Actions/Décisions, Données à recueillir, Résultats attendus, Prochaine
rencontre : Quoi apporter? Quoi discuter? Qui fait quoi?).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from classeur.domain import canevas as cv
from classeur.domain import cellvalues, links
from classeur.domain.identity import by_name
from classeur.domain.model import Classeur, Meeting
from classeur.domain.rencontres.agenda import (
    Context,
    blocks_for,
    etat_odj,
    horaire,
    is_late,
    minutes_total,
    presence_counts,
)
from classeur.domain.rencontres.tab import AgendaRow, TabState
from classeur.layout import rencontre_tab, vocabulary
from classeur.text import french, templates

CHECKED = "☑"
UNCHECKED = "☐"


def presences_in_words(counts: dict[str, int]) -> str:
    """« 8 présent·es, 0 absent·e, 1 excusé·e »: a rencontre's presences, each word agreed
    with its number, in the inclusive form the documents use (« Enseignant·e »)."""
    words = (
        (vocabulary.PRESENT, "présent·e", "présent·es"),
        (vocabulary.ABSENT, "absent·e", "absent·es"),
        (vocabulary.EXCUSE, "excusé·e", "excusé·es"),
    )
    return ", ".join(french.plural(counts[key], one, many) for key, one, many in words)


@dataclass
class ItemView:
    numero: str
    texte: str
    question: str
    temps: str
    responsable: str
    notes: str
    realisation: str
    suivi: bool
    resultats: list[str] = field(default_factory=list)  # grille numbers (analysis items)


@dataclass
class BlockView:
    titre: str
    puces: list[str]
    texte: str
    realisation: str
    resultats: list[str] = field(default_factory=list)


@dataclass
class ActionView:
    action: str
    responsable: str
    echeance: str
    suivi: str


@dataclass
class RowView:
    """A row of the CEE compte rendu (annexe 4)."""

    numero: int
    titre: str
    notes: list[str]
    realisation: list[str]


@dataclass
class View:
    titre: str
    rencontre: str
    canevas: str
    duree: str
    entete: str  # « mardi 20 octobre 2026 / de 12 h 45 à 15 h 45 / Présentiel, lieu »
    horaire: str
    echeance: str
    etat: str
    en_retard: bool
    items: list[ItemView]
    total: str
    presences: list[tuple[str, str, str]]  # (☑/☐, member line, typed presence)
    presence_summary: str  # « 8 présent·es, 0 absent·e, 1 excusé·e »
    debut: str  # when it began: as typed in the tab, else the calendar's start time
    blocks: list[BlockView]
    prochaine: str
    apporter: str
    discuter: str
    actions: list[ActionView]
    cee: bool
    cee_rows: list[RowView]
    questions: tuple[str, ...] = cv.QUESTIONS_DIRECTRICES


def _temps(v: Any) -> str:
    if isinstance(v, int | float) and not isinstance(v, bool):
        return french.duree(int(v))
    return cellvalues.shown(v)


def _member_line(name: str, model_members: dict[str, Any]) -> str:
    m = model_members.get(name)
    if m is None:
        return name
    # « Prénom Nom, fonction, service »: the name is one part, spaces typed around or
    # twice inside a cell are not part of it (« Marie-Ève D'Amours », never
    # « Marie-Ève  , D'Amours »).
    parts = [french.spaced(m.full_name), french.spaced(m.fonction), french.spaced(m.service)]
    line = ", ".join(p for p in parts if p)
    if m.role == vocabulary.ROLE_ANIMATION:
        line += f" ({vocabulary.ROLE_ANIMATION})"
    return line


def _shown(v: Any) -> str:
    """A typed value as the documents show it, still a link when it was one (a
    :class:`~classeur.domain.links.Link`: the templates make it a real link)."""
    return links.keep(v, cellvalues.shown(v))


_ANALYSIS = {cellvalues.label_key(t) for t in cv.ANALYSIS_ITEMS}


def _kind(row: AgendaRow, canevas: cv.Canevas) -> str:
    if row.suivi_numero is not None or row.is_suivi_heading:
        return cv.KIND_SUIVI
    # The tab's item is the canevas's typeset (or as a classeur made earlier wrote it).
    text = cellvalues.label_key(row.texte).casefold()
    for it in canevas.items:
        if cellvalues.label_key(it.texte).casefold() == text:
            return it.kind
    return cv.KIND_CONTENU


def _echeance(v: Any) -> str:
    """A due date as the documents show dates, whether typed as a date or as text
    (« 2026-12-15 », « 15/12/2026 »: the one parser); other text as typed."""
    when = cellvalues.date_or_none(v)
    return french.date_courte(when) if when is not None else cellvalues.shown(v)


def view(ctx: Context) -> View:
    """Everything the documents show, as display strings."""
    m, st = ctx.meeting, ctx.state
    deadline = ctx.deadline
    v = View(
        titre=ctx.model.settings.titre,
        rencontre=rencontre_tab.RT_TITLE.format(numero=m.numero),
        canevas=ctx.canevas.titre,
        duree=ctx.canevas.duree,
        entete=_entete(m),
        horaire=horaire(ctx.canevas.plan),
        echeance=french.date_longue(deadline),
        etat=etat_odj(deadline, st.prepare_le, ctx.today),
        en_retard=is_late(deadline, st.prepare_le, ctx.today),
        items=_items(ctx),
        total=french.duree(minutes_total(st.items)),
        presences=_presences(ctx.model, st),
        presence_summary=presences_in_words(presence_counts(st)),
        debut=_shown(st.debut) or french.heure(m.debut),
        blocks=_blocks(ctx),
        prochaine=_prochaine(ctx.next),
        apporter=_shown(st.apporter),
        discuter=_shown(st.discuter),
        actions=_actions(st),
        cee=cv.is_cee(ctx.canevas),
        cee_rows=[],
    )
    if v.cee:
        v.cee_rows = _cee_rows(ctx, v)
    return v


def _entete(m: Meeting) -> str:
    """« mardi 20 octobre 2026 / de 12 h 45 à 15 h 45 / Présentiel, lieu »."""
    where = ", ".join(p for p in (m.mode, m.lieu) if p)
    return " / ".join(
        p for p in (french.date_longue(m.date), french.plage(m.debut, m.fin), where) if p
    )


def _presences(model: Classeur, st: TabState) -> list[tuple[str, str, str]]:
    """Members, then names typed for members since removed: (☑/☐, line, typed presence)."""
    members = {mem.full_name: mem for mem in model.members}
    mine, gone = by_name(list(members), st.presences)
    typed_for = {**mine, **{n: v for n, v in gone.items() if cellvalues.shown(v)}}
    presences = []
    for name in [*members, *(n for n in typed_for if n not in mine)]:
        typed = cellvalues.shown(typed_for.get(name))
        present = cellvalues.list_word(typed, vocabulary.PRESENCES) == vocabulary.PRESENT
        box = CHECKED if present else UNCHECKED
        presences.append((box, _member_line(name, members), typed))
    return presences


def _items(ctx: Context) -> list[ItemView]:
    """The agenda's rows; the analysis items carry the grille's results."""
    return [
        ItemView(
            _shown(r.numero),
            _shown(r.texte),
            _shown(r.question),
            _temps(r.minutes),
            _shown(r.responsable),
            _shown(r.notes),
            _shown(r.realisation),
            r.suivi_numero is not None,
            list(ctx.results) if cellvalues.label_key(r.texte) in _ANALYSIS else [],
        )
        for r in ctx.state.items
    ]


def _blocks(ctx: Context) -> list[BlockView]:
    """The COMPTE-RENDU blocks; « Résultats attendus » carries the grille's results."""
    return [
        BlockView(
            b.titre,
            list(puces),
            _shown(b.texte),
            _shown(b.realisation),
            list(ctx.results) if b.titre == cv.BLOC_RESULTATS else [],
        )
        for b, puces in blocks_for(ctx.canevas, ctx.state)
    ]


def _prochaine(nxt: Meeting | None) -> str:
    """The next rencontre's date and hours, or "" when it has no date."""
    prochaine = french.date_longue(nxt.date) if nxt and nxt.date else ""
    if prochaine and nxt and (nxt.debut or nxt.fin):
        prochaine += ", " + french.plage(nxt.debut, nxt.fin)
    return prochaine


def _actions(st: TabState) -> list[ActionView]:
    return [
        ActionView(
            _shown(a.action),
            _shown(a.responsable),
            _echeance(a.echeance),
            _shown(a.suivi),
        )
        for a in st.actions
    ]


def _cee_rows(ctx: Context, v: View) -> list[RowView]:
    """Annexe 4, row by row, from the agenda's notes and the compte rendu blocks."""
    rows = {titre: RowView(n, titre, [], []) for n, titre in cv.COMPTE_RENDU_CEE}
    target_of = {
        kind: titre for titre, kinds in cv.COMPTE_RENDU_CEE_SOURCES.items() for kind in kinds
    }
    # annexe 4 du CEE: the first row always says when the assembly began (the form's
    # words alone when neither the team nor the calendar gives a time)
    debut = f"{cv.ASSEMBLEE_DEBUTE} {v.debut}." if v.debut else cv.ASSEMBLEE_DEBUTE
    rows[cv.BIENVENUE].notes.append(links.keep(v.debut, debut))
    for row, item in zip(ctx.state.items, v.items, strict=True):
        titre = target_of.get(_kind(row, ctx.canevas), cv.RESUME)
        label = "" if titre != cv.RESUME else f"{item.texte} : "
        if item.notes:
            rows[titre].notes.append(links.keep(item.notes, f"{label}{item.notes}"))
        if item.realisation:
            rows[titre].realisation.append(
                links.keep(item.realisation, f"{label}{item.realisation}")
            )
    resume = rows[cv.RESUME]
    for b in v.blocks:
        if b.titre == cv.RESUME:
            resume.notes[:0] = [b.texte] if b.texte else []
            resume.realisation[:0] = [b.realisation] if b.realisation else []
            continue
        if b.texte:
            resume.notes.append(links.keep(b.texte, f"{b.titre} : {b.texte}"))
        if b.realisation:
            resume.realisation.append(links.keep(b.realisation, f"{b.titre} : {b.realisation}"))
    a_faire = rows[cv.A_FAIRE]
    for a in v.actions:
        details = ", ".join(
            p for p in (a.responsable, a.echeance and f"échéance : {a.echeance}") if p
        )
        a_faire.notes.append(f"{a.action} ({details})" if details else a.action)
    if v.apporter:
        a_faire.notes.append(links.keep(v.apporter, f"{cv.QUOI_APPORTER} {v.apporter}"))
    if v.discuter:
        a_faire.notes.append(links.keep(v.discuter, f"{cv.QUOI_DISCUTER} {v.discuter}"))
    if v.prochaine:
        rows[cv.LEVEE].notes.append(f"Prochaine rencontre : {v.prochaine}.")
    return list(rows.values())


def agenda_documents(ctx: Context) -> tuple[str, str]:
    """The ordre du jour as (HTML, plain text)."""
    v = view(ctx)
    return (
        templates.render("rencontre-odj.html", v=v),
        templates.render("rencontre-odj.txt", v=v),
    )


def minutes_documents(ctx: Context) -> tuple[str, str]:
    """The compte rendu as (HTML, plain text)."""
    v = view(ctx)
    return (
        templates.render("rencontre-cr.html", v=v),
        templates.render("rencontre-cr.txt", v=v),
    )
