"""The Bilan's French texts: the default answers of annexe 5 du CEE (what the rencontres
did, what the grille shows), the members' lines, and the warnings about release days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from classeur.domain import cellvalues
from classeur.domain.bilan import Figures, held_meetings
from classeur.domain.model import Classeur, Member
from classeur.domain.rencontres.tab import read_tab
from classeur.errors import ClasseurError
from classeur.layout import bilan_sheet, structure, vocabulary
from classeur.text import french

SheetValues = Callable[[str], list[list[Any]] | None]


def member_line(m: Member) -> str:
    """« Nom, fonction, service », the animator's role added."""
    parts = [french.spaced(m.full_name), french.spaced(m.fonction), french.spaced(m.service)]
    line = ", ".join(p for p in parts if p)
    shown = m.role in (vocabulary.ROLE_ANIMATION, bilan_sheet.BILAN_LEFT)
    return f"{line} ({m.role})" if shown else line


def minutes_lines(c: Classeur, sheet_values: SheetValues) -> list[str]:
    """What each rencontre's compte rendu says (its blocks' text), one line per rencontre."""
    lines = []
    for m in sorted(c.meetings, key=lambda m: m.numero):
        name = structure.meeting_sheet(m.numero)
        try:
            state = read_tab(sheet_values(name), name)
        except ClasseurError:
            continue  # the tab has text out of place: `classeur compte-rendu` reports it
        texts = [
            (b.titre, french.spaced(cellvalues.shown(b.texte)).rstrip("."))
            for b in state.blocks
            if cellvalues.shown(b.texte)
        ]
        if not texts:
            continue
        when = f" ({french.date_longue(m.date)})" if m.date else ""
        body = (
            texts[0][1]
            if len(texts) == 1
            else "; ".join(f"{titre}\u00a0: {texte}" for titre, texte in texts)
        )
        lines.append(f"- {name}{when}\u00a0: {body}.")
    return lines


def default_resume(
    c: Classeur, f: Figures, today: dt.date, minutes: list[str] | None = None
) -> str:
    """The default « résumé »: rencontres held, what their comptes rendus say, actions."""
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    held = held_meetings(c, f, today)
    lines = [
        f"Rencontres tenues\u00a0: {len(held)} sur {len(meetings)}"
        + (
            " (" + "; ".join(french.date_longue(m.date) for m in held if m.date) + ")."
            if held
            else "."
        )
    ]
    if minutes:
        lines += [bilan_sheet.BILAN_CR_HEADING, *minutes]
    done = [a.action for a in c.actions if a.statut == vocabulary.STATUT_FAIT]
    going = [a.action for a in c.actions if a.statut in vocabulary.STATUTS_OUVERTS]
    if done:
        lines.append("Actions réalisées\u00a0: " + "; ".join(done) + ".")
    if going:
        lines.append("Actions à poursuivre\u00a0: " + "; ".join(going) + ".")
    return "\n".join(lines)


def default_realisations(c: Classeur, f: Figures) -> str:
    """The default « réalisations »: each apprentissage's latest result against its objectif."""
    lines = []
    for lrn in c.learnings:
        last_bloc = next(
            (b for b in reversed(vocabulary.BLOCS) if f.progression.get((lrn.code, b)) is not None),
            None,
        )
        if last_bloc is None:
            lines.append(f"{lrn.code} ({lrn.description})\u00a0: pas encore de résultats.")
            continue
        value = f.progression[(lrn.code, last_bloc)] or 0.0
        verdict = bilan_sheet.ATTEINT if value >= lrn.objectif else bilan_sheet.NON_ATTEINT
        lines.append(
            f"{lrn.code} ({lrn.description})\u00a0: {french.pourcentage(value)} des élèves "
            f"au niveau visé ({last_bloc.lower()}), pour un objectif de "
            f"{french.pourcentage(lrn.objectif)}\u00a0: {verdict.lower()}."
        )
    return "\n".join(lines)


def answers(
    c: Classeur, f: Figures, sheet_values: SheetValues, today: dt.date, typed: dict[str, Any]
) -> dict[str, Any]:
    """Each annexe 5 answer: what the teacher typed, else Classeur's default."""
    defaults = {
        bilan_sheet.BILAN_BUT: c.settings.but,
        bilan_sheet.BILAN_RESUME: default_resume(c, f, today, minutes_lines(c, sheet_values)),
        bilan_sheet.BILAN_REALISATIONS: default_realisations(c, f),
        bilan_sheet.BILAN_QUESTIONS: "",
        bilan_sheet.BILAN_CONTINUATION: "",
    }
    return {label: typed.get(label, defaults[label]) for label in bilan_sheet.BILAN_TYPED_LABELS}


def warnings(c: Classeur, f: Figures) -> list[str]:
    """A réseau's release days over the CEE's budget: the calendar's, then each member's."""
    out: list[str] = []
    if c.settings.modele != vocabulary.MODELE_RESEAU:
        return out
    budget = vocabulary.BUDGET_PARTICIPANT_DAYS
    if f.planned_days > budget:
        out.append(
            f"Attention : le calendrier prévoit {_days(f.planned_days)} de libération par "
            f"participant; le budget du CEE est de {_days(budget)}."
        )
    for name in f.overruns:
        out.append(
            f"Attention : {name} a utilisé {_days(f.used_days[name])} de libération; "
            f"le maximum est de {_days(budget)} (feuille « {structure.SHEET_BILAN} »)."
        )
    return out


def _days(x: float) -> str:
    text = f"{x:g}".replace(".", ",")
    return f"{text} jour" + ("s" if x >= 2 else "")
