"""What the CEE's dashboard takes from one réseau classeur (pure).

Only what the CEE needs is kept: the team, the calendar, attendance, when each document
was prepared or sent, the bilan's answers and the fiche de proposition. The grille (student
names and results), the Suivi and the minutes' text are never part of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from classeur.domain import bilan, cellvalues, journal, reseau
from classeur.domain.model import Classeur, Meeting
from classeur.layout import bilan_sheet, rencontre_tab, structure

SheetValues = Callable[[str], list[list[Any]] | None]


@dataclass(frozen=True)
class Sent:
    """One row of the classeur's Journal des envois: what was exported, and when."""

    quand: dt.date
    document: str


@dataclass
class NetworkSource:
    """One réseau as the dashboard sees it."""

    file: str  # the file's name, as the CEE received it
    path: str  # where it is (the dashboard links to it)
    model: Classeur  # settings, members and calendar only
    presences: dict[int, dict[str, str]] = field(default_factory=dict)  # n° -> name -> value
    prepared: dict[int, dt.date] = field(default_factory=dict)  # « Ordre du jour préparé le »
    sent: list[Sent] = field(default_factory=list)
    bilan: dict[str, str] | None = None  # annexe 5 answers by label; None: no bilan yet
    fiche: dict[str, str] | None = None  # annexe 1 answers by key; None: no fiche
    has_plan: bool = False

    @property
    def meetings(self) -> list[Meeting]:
        return sorted(self.model.meetings, key=lambda m: m.numero)


def as_date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.datetime.fromisoformat(v.strip()).date()
        except ValueError:
            return None
    return None


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def prepared_on(values: list[list[Any]] | None) -> dt.date | None:
    """« Ordre du jour préparé le » in a rencontre tab's header (above its sections)."""
    for row in values or []:
        label = cellvalues.label_key(row[rencontre_tab.RT_COL_NUM - 1]) if row else ""
        if label in rencontre_tab.RT_SECTIONS:
            return None
        if (
            label == cellvalues.label_key(rencontre_tab.RT_LABEL_PREPARE)
            and len(row) >= rencontre_tab.RT_VALUE_COL
        ):
            return as_date(row[rencontre_tab.RT_VALUE_COL - 1])
    return None


def has_bilan(values: list[list[Any]] | None) -> bool:
    """Whether the Bilan sheet holds a bilan (annexe 5), not only the title every new
    classeur has."""
    labels = {*bilan_sheet.BILAN_TYPED_LABELS, *bilan_sheet.BILAN_LABELS_CAR.values()}
    keys = {cellvalues.label_key(label) for label in labels}
    return any(row and cellvalues.label_key(row[0]) in keys for row in values or [])


def extract(
    model: Classeur,
    sheet_values: SheetValues,
    sheets: Collection[str],
    file: str,
    path: str,
) -> NetworkSource:
    """The dashboard's view of one classeur; ``sheet_values`` is asked only for the sheets
    the dashboard needs (rencontre tabs, Bilan, fiche, journal)."""
    kept = Classeur(model.settings, list(model.members), list(model.meetings))
    source = NetworkSource(file, path, kept)
    for m in kept.meetings:
        tab = structure.meeting_sheet(m.numero)
        if tab not in sheets:
            continue
        values = sheet_values(tab)
        found = bilan.read_presences(values, tab)
        if found is not None:
            source.presences[m.numero] = dict(found.values)
        day = prepared_on(values)
        if day is not None:
            source.prepared[m.numero] = day
    if structure.SHEET_BILAN in sheets:
        values = sheet_values(structure.SHEET_BILAN)
        if has_bilan(values):
            answers = bilan.typed_answers(values)
            source.bilan = {label: _text(v) for label, v in answers.items()}
    if structure.SHEET_FICHE in sheets:
        source.fiche = reseau.fiche_values(sheet_values)
    if structure.SHEET_JOURNAL in sheets:
        for row in journal.existing_rows(sheet_values):
            day = as_date(row[0])
            if day is not None:
                source.sent.append(Sent(day, _text(row[1])))
    source.has_plan = structure.SHEET_PLAN in sheets
    return source
