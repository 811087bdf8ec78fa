"""The guide's deadlines, decided from the classeur's own data (guide du CEE, section 5).

- Plan de réseau: due 7 days before the first rencontre of the calendar. It counts as
  deposited on the first day the Journal des envois shows it exported (« Plan de réseau »).
  A Plan de réseau sheet never exported has no date: it is shown, never called late.
- Ordre du jour of each rencontre: due 7 days before that rencontre. It counts as deposited
  on the earlier of « Ordre du jour préparé le » in its tab and the first export of that
  rencontre (its agenda, or the rencontre) logged in the journal before the rencontre.
- Bilan: due by the end of the school year (30 June of its second year). It is present
  when the classeur has a Bilan sheet, complete when its answers 2, 3, 4 and 6 of annexe 5
  are filled in (5, « Questions et commentaires », may stay empty); if the journal shows
  it exported, the first export is its date.

Nothing deposited once the deadline has passed (as of ``today``) is « missing »; before, it
is « to come ».
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from classeur.domain.cee.source import NetworkSource
from classeur.layout import bilan_sheet, cee, outputs, structure, vocabulary
from classeur.text import french as words


class Status(Enum):
    ON_TIME = "on time"
    LATE = "late"
    MISSING = "missing"
    UPCOMING = "upcoming"
    UNDATED = "undated"  # prepared, but no date tells when it was deposited
    NO_CALENDAR = "no calendar"


@dataclass(frozen=True)
class Due:
    status: Status
    due: dt.date | None = None
    done: dt.date | None = None

    @property
    def days_late(self) -> int:
        if self.status is Status.LATE and self.due and self.done:
            return (self.done - self.due).days
        return 0

    @property
    def violated(self) -> bool:
        return self.status in (Status.LATE, Status.MISSING)


def decide(due: dt.date | None, done: dt.date | None, today: dt.date, present: bool) -> Due:
    if due is None:
        return Due(Status.NO_CALENDAR)
    if done is not None:
        return Due(Status.ON_TIME if done <= due else Status.LATE, due, done)
    if present:
        return Due(Status.UNDATED, due)
    return Due(Status.MISSING if today > due else Status.UPCOMING, due)


def label(d: Due) -> str:
    """« À temps », « En retard de 3 jours », « Manquant »…"""
    return {
        Status.ON_TIME: cee.DOC_A_TEMPS,
        Status.LATE: cee.DOC_EN_RETARD.format(jours=words.plural(d.days_late, "jour")),
        Status.MISSING: cee.DOC_MANQUANT,
        Status.UPCOMING: cee.DOC_A_VENIR,
        Status.UNDATED: cee.DOC_SANS_DATE,
        Status.NO_CALENDAR: cee.DOC_SANS_CALENDRIER,
    }[d.status]


def _first_sent(src: NetworkSource, document: str) -> dt.date | None:
    days = [s.quand for s in src.sent if s.document == document]
    return min(days, default=None)


def plan(src: NetworkSource, today: dt.date) -> Due:
    dates = [m.date for m in src.meetings if m.date is not None]
    due = min(dates) - dt.timedelta(days=vocabulary.ODJ_DAYS_BEFORE) if dates else None
    done = _first_sent(src, outputs.DOCUMENT_LABELS[outputs.DOC_PLAN])
    return decide(due, done, today, src.has_plan)


def _agenda_sent(src: NetworkSource, numero: int, before: dt.date) -> dt.date | None:
    prefixes = (
        outputs.DOCUMENT_LABELS[outputs.DOC_ODJ],
        outputs.DOCUMENT_LABELS[outputs.DOC_RENCONTRE],
    )
    pattern = re.compile(
        "^(?:" + "|".join(re.escape(p) for p in prefixes) + rf") {numero}(?!\d)", re.IGNORECASE
    )
    days = [s.quand for s in src.sent if s.quand < before and pattern.match(s.document)]
    return min(days, default=None)


def agendas(src: NetworkSource, today: dt.date) -> dict[int, Due]:
    """The ordre du jour of each rencontre with a date."""
    out = {}
    for m in src.meetings:
        if m.date is None:
            continue
        due = m.date - dt.timedelta(days=vocabulary.ODJ_DAYS_BEFORE)
        found = [d for d in (src.prepared.get(m.numero), _agenda_sent(src, m.numero, m.date)) if d]
        out[m.numero] = decide(due, min(found, default=None), today, False)
    return out


def agendas_label(dues: dict[int, Due]) -> str:
    """« À temps », « En retard : R2 (2 jours) », « Manquant : R4 », « À venir »…"""
    if not dues:
        return cee.DOC_SANS_CALENDRIER
    missing = [structure.meeting_sheet(n) for n, d in dues.items() if d.status is Status.MISSING]
    if missing:
        return words.typography(cee.ODJ_MANQUANT.format(items=", ".join(missing)))
    late = [
        cee.ODJ_LATE_ITEM.format(
            rencontre=structure.meeting_sheet(n), jours=words.plural(d.days_late, "jour")
        )
        for n, d in dues.items()
        if d.status is Status.LATE
    ]
    if late:
        return words.typography(cee.ODJ_EN_RETARD.format(items=", ".join(late)))
    upcoming = sum(d.status is Status.UPCOMING for d in dues.values())
    if upcoming == len(dues):
        return cee.DOC_A_VENIR
    return cee.DOC_A_TEMPS + (cee.ODJ_A_VENIR_SUFFIX.format(n=upcoming) if upcoming else "")


def school_year_end(annee: str, src: NetworkSource | None = None) -> dt.date | None:
    """30 June of the school year « 2026-2027 »; else after the last rencontre."""
    match = re.fullmatch(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*", annee or "")
    month, day = cee.SCHOOL_YEAR_END
    if match:
        return dt.date(int(match.group(2)), month, day)
    dates = [m.date for m in src.meetings if m.date] if src is not None else []
    if not dates:
        return None
    last = max(dates)
    end = dt.date(last.year, month, day)
    return end if last <= end else dt.date(last.year + 1, month, day)


BILAN_REQUIRED = (
    bilan_sheet.BILAN_BUT,
    bilan_sheet.BILAN_RESUME,
    bilan_sheet.BILAN_REALISATIONS,
    bilan_sheet.BILAN_CONTINUATION,
)


def bilan_missing_answers(src: NetworkSource) -> list[str]:
    answers = src.bilan or {}
    return [lbl for lbl in BILAN_REQUIRED if not answers.get(lbl, "").strip()]


def bilan(src: NetworkSource, annee: str, today: dt.date) -> Due:
    due = school_year_end(annee, src)
    done = _first_sent(src, outputs.DOCUMENT_LABELS[outputs.DOC_BILAN])
    present = src.bilan is not None
    if present and done is None:
        return Due(Status.UNDATED, due)
    return decide(due, done, today, present)


def bilan_label(src: NetworkSource, d: Due) -> str:
    if src.bilan is None:
        if d.status is Status.UPCOMING and d.due is not None:
            return cee.BILAN_A_VENIR.format(date=words.day_month_year(d.due))
        return label(d)
    missing = bilan_missing_answers(src)
    incomplete = cee.BILAN_INCOMPLET.format(champs=", ".join(missing))
    state = words.typography(incomplete) if missing else cee.BILAN_COMPLET
    if d.status is Status.LATE:
        return cee.BILAN_REMIS_EN_RETARD.format(etat=state, jours=words.plural(d.days_late, "jour"))
    return state


def network_state(plan_due: Due, odj: dict[int, Due], bilan_due: Due, has_bilan: bool) -> str:
    """On time, late (a document late or missing), or bilan missing (for the chart)."""
    if bilan_due.status is Status.MISSING and not has_bilan:
        return cee.ETAT_BILAN_MANQUANT
    if plan_due.violated or bilan_due.violated or any(d.violated for d in odj.values()):
        return cee.ETAT_EN_RETARD
    return cee.ETAT_A_TEMPS
