"""The plan de réseau sheet (annexe 2 du CEE): one column per rencontre of the chosen
schedule option, one row per period of the day; the work periods hold what the teacher
typed, else the plan's suggestions; breaks and periods outside a rencontre are marked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from classeur.domain.model import Classeur, Meeting
from classeur.domain.reseau import (
    choose_horaire,
    clock,
    period_label,
    plan_subtitle,
    plan_suggestions,
    plan_typed,
    plan_warnings,
    plan_zone,
)
from classeur.layout import annexes, structure, styling, vocabulary
from classeur.sheets import notes
from classeur.sheets.sheetdoc import Cell, SheetDoc, Update
from classeur.text import french

SheetValues = Callable[[str], list[list[Any]] | None]


def _hours(kind: str) -> str:
    """« de 8 h 45 à 15 h 45 »: from the first period of a ``kind`` of day to its last."""
    periods = annexes.PLAN_PERIODS[kind]
    return french.plage(clock(periods[0][0]), clock(periods[-1][1]))


def _heading(doc: SheetDoc, c: Classeur, option: str, sessions: tuple[str, ...]) -> None:
    """Title, the réseau, the schedule option with its hours, and the deadline to send the
    plan (live: the first rencontre's date minus the days the CEE asks for)."""
    span = 1 + len(sessions)
    doc.add(Cell(annexes.PLAN_TITLE, style=styling.STYLE_TITLE, merge=span))
    doc.add(Cell(plan_subtitle(c), style=styling.STYLE_SUBTITLE, merge=span))
    hours = ", ".join(f"{k} {_hours(k)}" for k in dict.fromkeys(sessions))
    doc.add(
        Cell(annexes.PLAN_HORAIRE_LABEL, style=styling.STYLE_LABEL),
        Cell(f"{option} ({hours})", merge=len(sessions)),
    )
    date_ref = structure.ref(structure.RENCONTRES, "date")
    doc.add(
        Cell(annexes.PLAN_DEADLINE_LABEL, style=styling.STYLE_LABEL),
        Cell(
            f'=IF(COUNT({date_ref})=0,"",MIN({date_ref})-{vocabulary.ODJ_DAYS_BEFORE})',
            formula=True,
            style=styling.STYLE_COMPUTED,
            number_format=styling.NUMBER_FORMAT_DATE,
        ),
    )


def _days_header(doc: SheetDoc, sessions: tuple[str, ...], meetings: list[Meeting]) -> None:
    """« Jour 1 – 15 octobre 2026 (journée) »…: the rencontres' dates when known."""
    header = [Cell(annexes.PLAN_PERIOD_HEADER, style=styling.STYLE_HEADER)]
    for i, kind in enumerate(sessions):
        m = meetings[i] if i < len(meetings) else None
        when = f" – {french.date_longue(m.date)}" if m is not None and m.date else ""
        header.append(Cell(f"Jour {i + 1}{when} ({kind})", style=styling.STYLE_HEADER))
    doc.add(*header)


def _period_rows(
    doc: SheetDoc, sessions: tuple[str, ...], typed: dict[tuple[str, int], str]
) -> set[tuple[str, int]]:
    """One row per period of the longest session; each day's work periods take, in
    order, the text typed there or the day's next suggestion. Returns the (period, day)
    of the typed texts placed."""
    rows_kind = annexes.JOURNEE if annexes.JOURNEE in sessions else annexes.APRES_MIDI
    suggested = plan_suggestions(sessions)
    work_index = [0] * len(sessions)
    placed = set()
    for start, end, label in annexes.PLAN_PERIODS[rows_kind]:
        period = period_label(start, end)
        cells: list[Cell | None] = [Cell(period, style=styling.STYLE_LABEL)]
        for i, kind in enumerate(sessions):
            inside = any((s, e) == (start, end) for s, e, _ in annexes.PLAN_PERIODS[kind])
            if not inside:
                cells.append(Cell(annexes.PLAN_OFF, fill=styling.COLOR_COMPUTED))
            elif label:
                cells.append(Cell(label, bold=True, fill=styling.COLOR_ACCENT))
            else:
                suggestions = suggested[i]
                k = work_index[i]
                work_index[i] += 1
                text = typed.get((period, i + 1))
                if text:
                    placed.add((period, i + 1))
                else:
                    text = suggestions[k] if k < len(suggestions) else ""
                cells.append(Cell(text, style=styling.STYLE_WRAP, typed=True))
        doc.add(*cells)
    return placed


def _retired(doc: SheetDoc, typed: dict[tuple[str, int], str]) -> int:
    """The texts typed for days or periods this horaire does not have, kept under the
    plan (« Notes retirées »): one row each, by day then period. Returns their number."""
    if not typed:
        return 0
    doc.blank()
    doc.add(
        Cell(annexes.PLAN_RETIRED_TITLE, style=styling.STYLE_HEADER),
        Cell(annexes.PLAN_RETIRED_NOTE, style=styling.STYLE_SUBTITLE, merge=2),
    )
    for (period, day), text in sorted(typed.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        doc.add(
            Cell(period, style=styling.STYLE_LABEL),
            Cell(annexes.PLAN_DAY_LABEL.format(numero=day), style=styling.STYLE_LABEL),
            Cell(text, style=styling.STYLE_WRAP, typed=True),
        )
    return len(typed)


def plan(c: Classeur, sheet_values: SheetValues, horaire: str | None = None) -> Update:
    """The plan de réseau sheet for the chosen schedule option (annexe 2 du CEE)."""
    option = choose_horaire(c, horaire)
    sessions = annexes.HORAIRE_SESSIONS[option]
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    old = sheet_values(structure.SHEET_PLAN)
    typed = plan_typed(sheet_values)
    first_col = annexes.PLAN_FIRST_DAY_COL
    doc = SheetDoc(
        structure.SHEET_PLAN,
        widths={
            **annexes.PLAN_WIDTHS,
            **{first_col + i: annexes.PLAN_DAY_WIDTH for i in range(len(sessions))},
        },
        landscape=len(sessions) > 2,
        title_rows=(annexes.PLAN_HEADER_ROW, annexes.PLAN_HEADER_ROW),
        before=structure.SHEET_BILAN,
    )
    _heading(doc, c, option, sessions)
    _days_header(doc, sessions, meetings)
    assert len(doc.rows) == annexes.PLAN_HEADER_ROW
    placed = _period_rows(doc, sessions, typed)
    retired = _retired(doc, {k: v for k, v in typed.items() if k not in placed})
    doc.fit_heights()
    update = Update(sheets=[doc], settings={annexes.PARAM_HORAIRE: option})
    notes.keep(update, doc, old, c.settings.memories, plan_zone(sheet_values))
    count = french.plural(len(sessions), "rencontre")
    update.messages.append(f"Plan de réseau : {option}, {count}.")
    if retired:
        texts = french.plural(retired, "texte tapé", "textes tapés")
        kept = french.agree(retired, "gardé")
        update.messages.append(
            f"{texts} pour des jours ou des périodes que cet horaire ne prévoit "
            f"pas : {kept} sous le plan, dans « {annexes.PLAN_RETIRED_TITLE} »."
        )
    update.messages += plan_warnings(c, option)
    return update
