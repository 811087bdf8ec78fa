"""Bilan (pure): the numbers of the Bilan sheet of annexe 5 du CEE, as Python computes them.

- attendance per member and per rencontre, as each rencontre tab's « Présences » section
  holds it;
- for a réseau, release days: each rencontre is 1 day (≥ 5 h) or ½ day; each participant
  has at most 2 days; the animator 1 day of planning and ½ day for the bilan (annexe 5 du
  CEE); overruns are listed;
- the grille's progression: % of evaluated students at or above the targeted level for each
  apprentissage and bloc (the grille's own statistics).

The sheet that shows them, with live formulas computing the same numbers, is built by
``classeur.sheets.bilan``; its default French texts are in ``classeur.text.bilan``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from classeur.domain import cellvalues
from classeur.domain.grille.stats import statistiques
from classeur.domain.identity import name_key
from classeur.domain.model import Classeur, Learning, Meeting, Member
from classeur.domain.rencontres.tab import COUNT_LABEL_KEYS
from classeur.layout import bilan_sheet, rencontre_tab, structure, vocabulary

SheetValues = Callable[[str], list[list[Any]] | None]


# ======================================================================================
# Attendance as the rencontre tabs hold it
# ======================================================================================
@dataclass
class Presences:
    """Where a rencontre tab lists its members' attendance, and what it says."""

    sheet: str
    first_row: int
    last_row: int
    name_col: int
    value_col: int
    values: dict[str, str] = field(default_factory=dict)  # name (name_key) -> value
    spelled: dict[str, str] = field(default_factory=dict)  # name (name_key) -> as listed

    def of(self, member: Member) -> str:
        """What the tab says of ``member``, however the tab spells their name (spaces,
        case, accents: a corrected spelling keeps the history)."""
        return self.values.get(name_key(member.full_name), "")


def read_presences(values: list[list[Any]] | None, sheet: str) -> Presences | None:
    """The « Présences » section of a rencontre tab (None when it has none)."""
    if not values:
        return None
    labels = [cellvalues.shown(row[0]) if row else "" for row in values]
    if rencontre_tab.RT_SECTION_PRESENCES not in labels:
        return None
    start = labels.index(rencontre_tab.RT_SECTION_PRESENCES) + 1
    for header in range(start, min(start + 2, len(values)) + 1):
        texts = [cellvalues.shown(v) for v in values[header - 1]]
        if (
            rencontre_tab.RT_PRESENCE_HEADERS[rencontre_tab.RT_COL_TEXT] in texts
            and rencontre_tab.RT_PRESENCE_HEADERS[rencontre_tab.RT_COL_RESP] in texts
        ):
            name_col = texts.index(rencontre_tab.RT_PRESENCE_HEADERS[rencontre_tab.RT_COL_TEXT]) + 1
            value_col = (
                texts.index(rencontre_tab.RT_PRESENCE_HEADERS[rencontre_tab.RT_COL_RESP]) + 1
            )
            break
    else:
        return None
    found: dict[str, str] = {}
    spelled: dict[str, str] = {}
    last = header
    for r in range(header + 1, len(values) + 1):
        row = values[r - 1]
        name = cellvalues.shown(row[name_col - 1]) if len(row) >= name_col else ""
        if not name or cellvalues.label_key(name) in COUNT_LABEL_KEYS or labels[r - 1]:
            break
        found[name_key(name)] = (
            cellvalues.shown(row[value_col - 1]) if len(row) >= value_col else ""
        )
        spelled[name_key(name)] = cellvalues.text(row[name_col - 1])
        last = r
    if last == header:
        return None
    return Presences(sheet, header + 1, last, name_col, value_col, found, spelled)


def is_present(value: str) -> bool:
    """Whether an attendance value says « Présent·e », in any spelling the formulas count
    (:func:`cellvalues.list_word`: « Présent », « présente »…)."""
    return cellvalues.list_word(value, vocabulary.PRESENCES) == vocabulary.PRESENT


def rate(values: list[str]) -> float | None:
    """Share of « Présent » among the recorded values (None when nothing is recorded)."""
    recorded = [v for v in values if v != ""]
    if not recorded:
        return None
    return sum(is_present(v) for v in recorded) / len(recorded)


# ======================================================================================
# Release days and results (the numbers the formulas compute)
# ======================================================================================
def meeting_days(m: Meeting) -> float | None:
    """Release days of a rencontre: 1 when it lasts 5 h or more, else ½ (None: no hours)."""
    if m.debut is None or m.fin is None:
        return None
    minutes = (m.fin.hour * 60 + m.fin.minute) - (m.debut.hour * 60 + m.debut.minute)
    return 1.0 if minutes >= vocabulary.FULL_DAY_HOURS * 60 else 0.5


def released(m: Member) -> bool:
    """Members whose release the CEE funds: participants and the animator."""
    return m.role in (vocabulary.ROLE_PARTICIPANT, vocabulary.ROLE_ANIMATION)


def at_or_above(learning: Learning, scale: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """The levels that reach the apprentissage's niveau visé (none when it is off the scale)."""
    if learning.niveau_vise not in scale:
        return ()
    return scale[scale.index(learning.niveau_vise) :]


def progression(c: Classeur) -> dict[tuple[str, str], float | None]:
    """% of evaluated students at or above the targeted level, per (code, bloc): the
    grille's own statistics (the same numbers as its compiled results)."""
    return {(s.code, s.bloc): s.pourcentage for s in statistiques(c)}


@dataclass
class Figures:
    """Everything the Bilan shows as a number, as Python computes it."""

    presences: dict[int, Presences]
    people: list[Member]  # the members, then those who left (still in the tabs)
    member_rates: dict[str, float | None]  # member full name -> rate
    meeting_rates: dict[int, float | None]
    days: dict[int, float | None]
    used_days: dict[str, float]  # released members only
    overruns: list[str]  # member names over their budget
    planned_days: float
    progression: dict[tuple[str, str], float | None]


def figures(c: Classeur, sheet_values: SheetValues) -> Figures:
    """The Bilan's numbers from the model and the rencontre tabs' « Présences »."""
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    presences: dict[int, Presences] = {}
    for m in meetings:
        name = structure.meeting_sheet(m.numero)
        found = read_presences(sheet_values(name), name)
        if found is not None:
            presences[m.numero] = found
    people = [*c.members, *departed(c, presences)]
    member_rates = {
        mem.full_name: rate([presences[n].of(mem) for n in presences]) for mem in people
    }
    # Each rencontre's rate is over the people its tab lists: a member who left later
    # still counts in the rencontres they attended.
    meeting_rates = {
        m.numero: rate(list(presences[m.numero].values.values())) if m.numero in presences else None
        for m in meetings
    }
    days = {m.numero: meeting_days(m) for m in meetings}
    used = {
        mem.full_name: sum(days[n] or 0 for n in presences if is_present(presences[n].of(mem)))
        for mem in c.members
        if released(mem)
    }
    overruns = [n for n, d in used.items() if d > vocabulary.BUDGET_PARTICIPANT_DAYS]
    planned = sum(d or 0 for d in days.values())
    return Figures(
        presences,
        people,
        member_rates,
        meeting_rates,
        days,
        used,
        overruns,
        planned,
        progression(c),
    )


def departed(c: Classeur, presences: dict[int, Presences]) -> list[Member]:
    """The people a rencontre tab lists with a typed presence who are no longer in the
    Équipe: they stay in the year's history, marked as having left."""
    current = {name_key(m.full_name) for m in c.members}
    out: dict[str, Member] = {}
    for numero in sorted(presences):
        p = presences[numero]
        for key, value in p.values.items():
            if key not in current and value and key not in out:
                out[key] = Member(cellvalues.shown(p.spelled[key]), "", role=bilan_sheet.BILAN_LEFT)
    return list(out.values())


def held_meetings(c: Classeur, f: Figures, today: dt.date) -> list[Meeting]:
    """Rencontres held: attendance recorded in their tab, else a date already past."""
    recorded = {n for n, p in f.presences.items() if any(v for v in p.values.values())}
    return [
        m
        for m in sorted(c.meetings, key=lambda m: m.numero)
        if m.numero in recorded or (not f.presences and m.date is not None and m.date < today)
    ]


def typed_answers(values: list[list[Any]] | None) -> dict[str, Any]:
    """What the teacher wrote in the Bilan sheet beside each annexe 5 label (keyed by its
    réseau label; a CAR équipe's own label read as the same answer)."""
    keys = {cellvalues.label_key(label): label for label in bilan_sheet.BILAN_TYPED_LABELS}
    keys |= {
        cellvalues.label_key(shown): label for label, shown in bilan_sheet.BILAN_LABELS_CAR.items()
    }
    out: dict[str, Any] = {}
    for row in values or []:
        label = cellvalues.label_key(row[0]) if row else ""
        if label in keys and len(row) >= bilan_sheet.BILAN_VALUE_COL:
            value = row[bilan_sheet.BILAN_VALUE_COL - 1]
            if value not in (None, ""):
                out[keys[label]] = value
    return out
