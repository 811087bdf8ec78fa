"""One réseau's figures for the dashboard: horaire, meetings held, attendance and release
days of each member (pure; the guide's budget, section 6).

Release days: a rencontre of 5 h or more is 1 day, else ½ (as in the classeur's Bilan). A
participant uses the days of the rencontres where « Présent·e » (in any spelling) is
recorded and plans those of the whole calendar. The animation plans 1 day of planning and
½ day for the bilan (section 6); the planning day counts as used once a rencontre has been
held, the bilan's ½ day once the classeur has a Bilan sheet. The animation's presence at
the rencontres is paid as animation (section 7), outside this budget.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from classeur.domain import bilan, reseau
from classeur.domain.cee import deadlines
from classeur.domain.cee.source import NetworkSource
from classeur.domain.identity import name_key
from classeur.domain.model import Member
from classeur.layout import annexes, bilan_sheet, cee, vocabulary
from classeur.text import french as words


@dataclass
class NetworkFigures:
    """What the Réseaux sheet shows of one network, before consolidation."""

    source: NetworkSource
    horaire: str
    dates: str
    first: dt.date | None
    planned_meetings: int
    held_meetings: int
    days_per_participant: float
    plan: deadlines.Due
    agendas: dict[int, deadlines.Due]
    bilan: deadlines.Due
    members: list[dict[str, Any]] = field(default_factory=list)

    @property
    def state(self) -> str:
        return deadlines.network_state(
            self.plan, self.agendas, self.bilan, self.source.bilan is not None
        )


def horaire(src: NetworkSource) -> str:
    """The guide's schedule option the calendar follows (section 8.2), else « Autre »."""
    kinds = tuple(reseau.meeting_kind(m) for m in src.meetings)
    for option, sessions in annexes.HORAIRE_SESSIONS.items():
        if kinds == sessions:
            return option
    saved = src.model.settings.extra.get(annexes.PARAM_HORAIRE, "")
    if None in kinds and saved in annexes.HORAIRES:
        return saved
    return cee.HORAIRE_AUTRE.format(n=words.plural(len(kinds), "rencontre"))


def held(src: NetworkSource, today: dt.date) -> int:
    """Rencontres held: attendance recorded in their tab; without any recorded at all,
    those whose date has passed."""
    recorded = {n for n, values in src.presences.items() if any(v for v in values.values())}
    if recorded:
        return len(recorded)
    return sum(1 for m in src.meetings if m.date is not None and m.date < today)


def member_row(
    src: NetworkSource, m: Member, days: dict[int, float], plan_days: float, started: bool
) -> dict[str, Any]:
    # The tabs' presences are keyed as names are compared (one spelling of a person).
    values = [src.presences.get(n, {}).get(name_key(m.full_name), "") for n in days]
    present = [n for n, v in zip(days, values, strict=True) if bilan.is_present(v)]
    if m.role == vocabulary.ROLE_PARTICIPANT:
        used = sum(days[n] for n in present)
        planned = plan_days
    elif m.role == vocabulary.ROLE_ANIMATION:
        used = vocabulary.BUDGET_PLANIFICATION_DAYS * started
        used += vocabulary.BUDGET_BILAN_DAYS * (src.bilan is not None)
        planned = vocabulary.BUDGET_PLANIFICATION_DAYS + vocabulary.BUDGET_BILAN_DAYS
    else:
        used = planned = 0.0
    return {
        "personne": " ".join(m.full_name.split()),
        "courriel": m.courriel.strip(),
        "etablissement": m.etablissement.strip(),
        "fonction": m.fonction.strip(),
        "role": m.role,
        "presences": len(present),
        "notees": sum(1 for v in values if v),
        "jours_prevus": float(planned),
        "jours": float(used),
        "fichier": src.file,
    }


def figures(src: NetworkSource, annee: str, today: dt.date) -> NetworkFigures:
    meetings = src.meetings
    days = {m.numero: bilan.meeting_days(m) or 0.0 for m in meetings}
    plan_days = float(sum(days.values()))
    n_held = held(src, today)
    f = NetworkFigures(
        source=src,
        horaire=horaire(src),
        dates=cee.LIST_SEPARATOR.join(words.day_month_year(m.date) for m in meetings if m.date),
        first=min((m.date for m in meetings if m.date), default=None),
        planned_meetings=len(meetings),
        held_meetings=n_held,
        days_per_participant=plan_days,
        plan=deadlines.plan(src, today),
        agendas=deadlines.agendas(src, today),
        bilan=deadlines.bilan(src, annee, today),
    )
    f.members = [member_row(src, m, days, plan_days, n_held > 0) for m in src.model.members]
    return f


def bilan_answer(src: NetworkSource, label: str) -> str:
    return (src.bilan or {}).get(label, "")


def objectives(src: NetworkSource) -> str:
    return bilan_answer(src, bilan_sheet.BILAN_REALISATIONS)


def continuation(src: NetworkSource) -> str:
    return bilan_answer(src, bilan_sheet.BILAN_CONTINUATION)
