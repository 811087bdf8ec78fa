"""The agenda of a rencontre: its items from the canevas and the open actions of the Suivi,
its state (on time, late), and the context the tab and the documents are built from. Pure.

Definitions:
- the agenda is due ``vocabulary.ODJ_DAYS_BEFORE`` days before the rencontre
  (:func:`~classeur.domain.rules.odj_deadline`; « 7 jours avant la tenue du réseau »,
  guide du CEE, section 5);
- « Ordre du jour préparé le » is the date the agenda was first produced by the ordre du
  jour command (kept on regeneration; a teacher may clear or change it);
- the agenda is LATE when it was not prepared and today is after the deadline, or when it
  was prepared after the deadline (« Préparé en retard »). The sheet shows the same state
  with a live formula (TODAY()).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from classeur.domain import canevas as cv
from classeur.domain import cellvalues, rules
from classeur.domain.model import Action, Classeur, Meeting
from classeur.domain.rencontres.tab import AgendaRow, Block, TabState, read_tab
from classeur.errors import ClasseurError
from classeur.layout import rencontre_tab, structure, vocabulary
from classeur.text import french

SheetValues = Callable[[str], "list[list[Any]] | None"]

# Hook for the grille feature: sentences on compiled results for a rencontre
# (« 42 élèves sur 58 (72 %) atteignent le niveau visé en A2 au bloc 2; objectif 80 % »).
ResultSentences = Callable[[Classeur, Meeting], list[str]]


def no_results(model: Classeur, meeting: Meeting) -> list[str]:
    """Default hook: no compiled results (the team types its expected results)."""
    del model, meeting
    return []


def _previous_meeting(model: Classeur, meeting: Meeting) -> Meeting | None:
    earlier = [m for m in model.meetings if m.numero < meeting.numero]
    return max(earlier, key=lambda m: m.numero, default=None)


def _next_meeting(model: Classeur, meeting: Meeting) -> Meeting | None:
    later = [m for m in model.meetings if m.numero > meeting.numero]
    return min(later, key=lambda m: m.numero, default=None)


def open_actions(model: Classeur, numero: int) -> list[Action]:
    """Open actions (À faire, En cours) born before rencontre ``numero`` (or of no origin)."""
    return [
        a
        for a in model.actions
        if a.statut in vocabulary.STATUTS_OUVERTS and (a.rencontre is None or a.rencontre < numero)
    ]


def suivi_heading(previous: Meeting | None) -> str:
    when = (
        french.date_longue(previous.date) if previous and previous.date else "la dernière rencontre"
    )
    if previous and not previous.date:
        when = f"la rencontre {previous.numero}"
    return rencontre_tab.RT_SUIVI_HEADING.format(date=when)


def suivi_row(a: Action) -> AgendaRow:
    text = rencontre_tab.RT_SUIVI_ITEM.format(numero=a.numero, action=a.action)
    if a.echeance:
        text += f" (échéance\u00a0: {french.date_courte(a.echeance)})"
    return AgendaRow(texte=text, responsable=a.responsable or None)


def _item_row(it: cv.Item, texte: str | None = None) -> AgendaRow:
    """An item of the canevas, in its wording, typeset (the canevas keep their source's)."""
    question = french.typography(it.question) if it.question else None
    return AgendaRow(
        texte=texte or french.typography(it.texte), question=question, minutes=it.minutes
    )


def initial_items(model: Classeur, meeting: Meeting, canevas: cv.Canevas) -> list[AgendaRow]:
    """The agenda of a new tab: the canevas items, with the points de suivi."""
    previous = _previous_meeting(model, meeting)
    actions = open_actions(model, meeting.numero)
    rows: list[AgendaRow] = []
    for it in canevas.items:
        if it.kind == cv.KIND_SUIVI:  # the CEE canevas has its own item
            if previous is not None:
                rows.append(_item_row(it, suivi_heading(previous)))
                rows.extend(suivi_row(a) for a in actions)
            continue
        if it.kind == canevas.suivi_before and not cv.is_cee(canevas) and previous and actions:
            rows.append(AgendaRow(texte=suivi_heading(previous), minutes=5 * len(actions)))
            rows.extend(suivi_row(a) for a in actions)
        rows.append(_item_row(it))
    for n, row in enumerate(rows, start=1):
        if row.suivi_numero is None:
            row.numero = n - sum(1 for r in rows[:n] if r.suivi_numero is not None)
    return rows


def refresh_items(
    model: Classeur, meeting: Meeting, canevas: cv.Canevas, items: list[AgendaRow]
) -> list[AgendaRow]:
    """Existing items kept as typed; open actions not listed yet are added to the suivi."""
    listed = {r.suivi_numero for r in items if r.suivi_numero is not None}
    new = [suivi_row(a) for a in open_actions(model, meeting.numero) if a.numero not in listed]
    if not new:
        return list(items)
    out = list(items)
    anchor = max(
        (i for i, r in enumerate(out) if r.suivi_numero is not None or r.is_suivi_heading),
        default=None,
    )
    if anchor is None:
        before = next((it.texte for it in canevas.items if it.kind == canevas.suivi_before), "")
        key = cellvalues.label_key(before)
        anchor = next(
            (i for i, r in enumerate(out) if key and cellvalues.label_key(r.texte) == key),
            len(out),
        )
        heading = AgendaRow(texte=suivi_heading(_previous_meeting(model, meeting)))
        out.insert(anchor, heading)
    out[anchor + 1 : anchor + 1] = new
    return out


def horaire(plan: cv.DayPlan | None) -> str:
    """The day plan's periods in one line (« 12 h 45 à 14 h 15 : travail en réseau; … »)."""
    if plan is None:
        return ""
    return "; ".join(
        f"{french.heure(p.debut)} à {french.heure(p.fin)}\u00a0: {p.label.lower()}"
        for p in plan.periods
    )


def minutes_total(items: Sequence[AgendaRow]) -> int:
    return sum(
        int(r.minutes)
        for r in items
        if isinstance(r.minutes, int | float) and not isinstance(r.minutes, bool)
    )


def presence_counts(state: TabState) -> dict[str, int]:
    """Number of members marked Présent·e, Absent·e, Excusé·e, in any spelling the tab's
    COUNTIF counts (:func:`cellvalues.list_word`: « Présent », « présente »…)."""
    counts = dict.fromkeys(vocabulary.PRESENCES, 0)
    for v in state.presences.values():
        word = cellvalues.list_word(v, vocabulary.PRESENCES)
        if word:
            counts[word] += 1
    return counts


def etat_odj(deadline: dt.date | None, prepare: dt.date | None, today: dt.date) -> str:
    """The agenda's state (same text as the sheet's formula)."""
    if deadline is None:
        return ""
    if prepare is None:
        return rencontre_tab.ETAT_EN_RETARD if today > deadline else rencontre_tab.ETAT_A_PREPARER
    return (
        rencontre_tab.ETAT_PREPARE_EN_RETARD if prepare > deadline else rencontre_tab.ETAT_PREPARE
    )


def is_late(deadline: dt.date | None, prepare: dt.date | None, today: dt.date) -> bool:
    return etat_odj(deadline, prepare, today) in (
        rencontre_tab.ETAT_EN_RETARD,
        rencontre_tab.ETAT_PREPARE_EN_RETARD,
    )


def blocks_for(canevas: cv.Canevas, state: TabState) -> list[tuple[Block, tuple[str, ...]]]:
    """COMPTE-RENDU blocks: the canevas's, with typed text; then blocks the team added."""
    typed = {cellvalues.label_key(b.titre): b for b in state.blocks}
    # A canevas block's title is Classeur's label (typeset, whatever the tab holds now).
    out = [
        (
            replace(
                typed.pop(cellvalues.label_key(b.titre), Block(b.titre)),
                titre=french.typography(b.titre),
            ),
            tuple(french.typography(p) for p in b.puces),
        )
        for b in canevas.compte_rendu
    ]
    out += [(b, ()) for b in typed.values()]
    return out


@dataclass
class Context:
    """Everything the tab and the documents show about one rencontre."""

    model: Classeur
    meeting: Meeting
    canevas: cv.Canevas
    state: TabState
    today: dt.date
    results: list[str]

    @property
    def deadline(self) -> dt.date | None:
        return rules.odj_deadline(self.meeting)

    @property
    def next(self) -> Meeting | None:
        return _next_meeting(self.model, self.meeting)

    @property
    def previous(self) -> Meeting | None:
        return _previous_meeting(self.model, self.meeting)


def context(
    model: Classeur,
    sheet_values: SheetValues,
    numero: int,
    today: dt.date,
    results: ResultSentences,
) -> Context:
    """Rencontre ``numero`` with its tab read back and its agenda filled (a new tab) or
    refreshed (open actions of the Suivi not listed yet are added)."""
    meeting = model.meeting(numero)
    if meeting is None:
        known = ", ".join(str(m.numero) for m in sorted(model.meetings, key=lambda m: m.numero))
        raise ClasseurError(
            f"La rencontre {numero} n'existe pas dans le calendrier.",
            sheet=structure.SHEET_RENCONTRES,
            hint=f"Rencontres au calendrier : {known or 'aucune'}. "
            "Ajoutez-la dans la feuille Rencontres ou choisissez un autre numéro.",
        )
    canevas = cv.for_meeting(meeting.canevas, model.settings.modele, numero)
    state = read_tab(sheet_values(structure.meeting_sheet(numero)), structure.meeting_sheet(numero))
    if state.has_agenda:
        state.items = refresh_items(model, meeting, canevas, state.items)
    else:
        state.items = initial_items(model, meeting, canevas)
        state.has_agenda = True
    return Context(model, meeting, canevas, state, today, results(model, meeting))


def add_actions(model: Classeur, numero: int, state: TabState) -> tuple[list[Action], int]:
    """Link each « Qui fait quoi? » row to an action of tblSuivi, creating missing ones.

    A row already linked (n° au suivi) or matching an action of the same rencontre with
    the same text is not added again. Returns (all actions, number added).
    """
    actions = list(model.actions)
    by_number = {a.numero: a for a in actions}
    added = 0
    for row in state.actions:
        linked = row.suivi if isinstance(row.suivi, int) else None
        if linked is None and isinstance(row.suivi, float) and row.suivi.is_integer():
            linked = int(row.suivi)
        if linked is None and isinstance(row.suivi, str) and row.suivi.strip().isdigit():
            linked = int(row.suivi.strip())
        if linked in by_number:
            row.suivi = linked
            continue
        text = cellvalues.shown(row.action)
        same = next(
            (
                a
                for a in actions
                if a.rencontre == numero and a.action.strip().casefold() == text.casefold()
            ),
            None,
        )
        if same is not None:
            row.suivi = same.numero
            continue
        new = Action(
            numero=max((a.numero for a in actions), default=0) + 1,
            action=text,
            responsable=cellvalues.shown(row.responsable),
            echeance=cellvalues.date_or_none(row.echeance),
            statut=vocabulary.STATUT_A_FAIRE,
            rencontre=numero,
        )
        if new.echeance is None and not cellvalues.is_blank(row.echeance):
            new = replace(new, notes=f"Échéance\u00a0: {cellvalues.shown(row.echeance)}")
        actions.append(new)
        by_number[new.numero] = new
        row.suivi = new.numero
        added += 1
    return actions, added
