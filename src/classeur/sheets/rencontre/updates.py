"""The updates of the rencontre commands: ordre du jour, compte rendu, and typing into a
tab (demo, tests). Pure: each composes the rencontre's context
(:func:`classeur.domain.rencontres.context`), its tab (:func:`.sheet.build_tab`) and its
documents (:mod:`classeur.text.rencontre`).

- :func:`ordre_du_jour` fills or refreshes rencontre N's tab from the canevas, the calendar
  and the Suivi sheet, and renders the agenda as HTML and plain text (side files).
- :func:`compte_rendu` reads what the team typed in the tab, adds the « Qui fait quoi? »
  actions to tblSuivi (once), and renders the minutes as HTML and plain text.
- :func:`saisir` places notes in the tab as a teacher would type them (demo, tests).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from classeur.domain.model import Classeur, Meeting
from classeur.domain.rencontres.agenda import (
    Context,
    ResultSentences,
    SheetValues,
    add_actions,
    context,
    is_late,
    minutes_total,
    no_results,
    presence_counts,
)
from classeur.domain.rencontres.saisie import Saisie, type_into
from classeur.layout import outputs, rencontre_tab, structure
from classeur.sheets import notes
from classeur.sheets.rencontre.sheet import build_tab, header_rows
from classeur.sheets.sheetdoc import Update
from classeur.text import french
from classeur.text.rencontre import agenda_documents, minutes_documents, presences_in_words


def ordre_du_jour(
    model: Classeur,
    sheet_values: SheetValues,
    numero: int,
    today: dt.date,
    results: ResultSentences = no_results,
) -> Update:
    """Fill or refresh rencontre ``numero``'s tab and render its agenda (HTML, text)."""
    ctx = context(model, sheet_values, numero, today, results)
    if ctx.state.prepare_le is None:
        ctx.state.prepare_le = today
    html, text = agenda_documents(ctx)
    stem = rencontre_tab.ODJ_FILE.format(numero=numero)
    update = _with_tab(Update(files={f"{stem}.html": html, f"{stem}.txt": text}), ctx, sheet_values)
    deadline = ctx.deadline
    update.messages.append(
        f"Ordre du jour de la rencontre {numero} écrit dans la feuille "
        f"« {structure.meeting_sheet(numero)} »."
    )
    if is_late(deadline, ctx.state.prepare_le, today):
        update.messages.append(
            f"Attention : l'ordre du jour est en retard; il devait être envoyé au plus tard le "
            f"{french.date_longue(deadline)}."
        )
    elif deadline is not None:
        update.messages.append(
            f"À envoyer aux membres au plus tard le {french.date_longue(deadline)}."
        )
    update.messages += _longer_than_the_slot(ctx.meeting, minutes_total(ctx.state.items))
    return update


def _with_tab(update: Update, ctx: Context, sheet_values: SheetValues) -> Update:
    """``update`` writing the rebuilt tab; text typed over the tab's generated header
    (« Quand », « Où »…) refuses the command instead of being erased (the rest of the
    tab is read back by :func:`classeur.domain.rencontres.read_tab`)."""
    doc = build_tab(ctx)
    old = sheet_values(doc.name)
    notes.keep(update, doc, old, ctx.model.settings.memories, rows=header_rows(doc))
    update.sheets.insert(0, doc)
    return update


def _longer_than_the_slot(m: Meeting, planned: int) -> list[str]:
    """An agenda whose items add up to more than the rencontre's hours (Rencontres sheet)."""
    if m.debut is None or m.fin is None or m.fin <= m.debut:
        return []
    slot = (m.fin.hour * 60 + m.fin.minute) - (m.debut.hour * 60 + m.debut.minute)
    if planned <= slot:
        return []
    return [
        f"Attention : les points de l'ordre du jour totalisent {french.duree(planned)}, "
        f"mais la rencontre dure {french.duree(slot)} ({french.plage(m.debut, m.fin)}); "
        f"retranchez {french.duree(planned - slot)} au temps prévu ou allongez la rencontre "
        f"dans la feuille « {structure.SHEET_RENCONTRES} »."
    ]


def _not_yet_held(m: Meeting, today: dt.date) -> list[str]:
    """Minutes written before the rencontre: said, never silently empty."""
    if m.date is None or m.date <= today:
        return []
    return [
        f"Attention : la rencontre {m.numero} n'a pas encore eu lieu (prévue le "
        f"{french.date_longue(m.date)}); ce compte rendu reste à compléter. Relancez "
        "« compte-rendu » après la rencontre, une fois les présences et les notes tapées."
    ]


def _suivi_rows(model: Classeur) -> list[tuple[Any, ...]]:
    return [
        (a.numero, a.action, a.responsable, a.echeance, a.statut, a.rencontre, a.notes)
        for a in model.actions
    ]


def compte_rendu(
    model: Classeur,
    sheet_values: SheetValues,
    numero: int,
    today: dt.date,
    results: ResultSentences = no_results,
) -> Update:
    """Build rencontre ``numero``'s compte rendu from its tab; add its actions to Suivi."""
    ctx = context(model, sheet_values, numero, today, results)
    actions, added = add_actions(model, numero, ctx.state)
    ctx.model = replace(model, actions=actions)
    html, text = minutes_documents(ctx)
    stem = rencontre_tab.CR_FILE.format(numero=numero)
    update = _with_tab(Update(files={f"{stem}.html": html, f"{stem}.txt": text}), ctx, sheet_values)
    if added:
        update.tables[structure.SUIVI.name] = _suivi_rows(ctx.model)
    counts = presence_counts(ctx.state)
    update.messages.append(
        f"Compte rendu de la rencontre {numero} : {presences_in_words(counts)}; "
        f"{french.plural(added, 'action ajoutée', 'actions ajoutées')} au suivi."
    )
    update.messages += _not_yet_held(ctx.meeting, today)
    return update


def documents(
    model: Classeur,
    sheet_values: SheetValues,
    numero: int,
    today: dt.date,
    kind: str = outputs.DOC_ODJ,
    results: ResultSentences = no_results,
) -> tuple[str, str]:
    """The agenda (``outputs.DOC_ODJ``) or the compte rendu (``outputs.DOC_CR``) of
    rencontre ``numero`` as (HTML, plain text), exactly as the commands write them, without
    changing anything (email bodies)."""
    ctx = context(model, sheet_values, numero, today, results)
    if kind == outputs.DOC_CR:
        actions, _ = add_actions(model, numero, ctx.state)
        ctx.model = replace(model, actions=actions)
        return minutes_documents(ctx)
    if ctx.state.prepare_le is None:
        ctx.state.prepare_le = today
    return agenda_documents(ctx)


def saisir(
    model: Classeur, sheet_values: SheetValues, numero: int, saisie: Saisie, today: dt.date
) -> Update:
    """Type ``saisie`` into rencontre ``numero``'s tab (creating the agenda if needed)."""
    ctx = context(model, sheet_values, numero, today, no_results)
    type_into(ctx.state, saisie)
    return _with_tab(Update(), ctx, sheet_values)
