"""Bilan (pure): the Bilan sheet of annexe 5 with attendance, release days and the
grille's progression.

``bilan(model, sheet_values, today)`` returns the Update that rebuilds the Bilan sheet:

- members with ☑/☐ (present at least once), dates des rencontres, and the five texts of
  annexe 5; what the teacher typed there is kept (an empty box is filled again);
- attendance per member and per rencontre, read live from each rencontre tab's
  « Présences » section by formulas (the same numbers are computed here for messages);
- for a réseau, release days: each rencontre is 1 day (≥ 5 h) or ½ day; each participant
  has at most 2 days; the animator 1 day of planning and ½ day for the bilan; overruns are
  flagged in the sheet and in the messages;
- the grille's progression: % of evaluated students at or above the targeted level for each
  apprentissage and bloc, against the objectif commun, with a chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from classeur.domain import cellvalues
from classeur.domain.model import Classeur, Learning, Meeting, Member
from classeur.domain.tables import scale_of
from classeur.errors import ClasseurError
from classeur.layout import a1, bilan_sheet, rencontre_tab, structure, styling, vocabulary
from classeur.sheets.sheetdoc import Cell, Chart, SheetDoc, Update, Validation
from classeur.text import french

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
    values: dict[str, str] = field(default_factory=dict)  # member name (folded) -> value

    def of(self, member: Member) -> str:
        return self.values.get(member.full_name.casefold(), "")


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
    last = header
    for r in range(header + 1, len(values) + 1):
        row = values[r - 1]
        name = cellvalues.shown(row[name_col - 1]) if len(row) >= name_col else ""
        if not name or name in rencontre_tab.RT_COUNT_LABELS.values() or labels[r - 1]:
            break
        found[name.casefold()] = (
            cellvalues.shown(row[value_col - 1]) if len(row) >= value_col else ""
        )
        last = r
    if last == header:
        return None
    return Presences(sheet, header + 1, last, name_col, value_col, found)


def is_present(value: str) -> bool:
    return value.casefold() == vocabulary.PRESENT.casefold()


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
    if learning.niveau_vise not in scale:
        return ()
    return scale[scale.index(learning.niveau_vise) :]


def progression(c: Classeur) -> dict[tuple[str, str], float | None]:
    """% of evaluated students at or above the targeted level, per (code, bloc): the
    grille's own statistics (the same numbers as its compiled results)."""
    from classeur.domain.grille import stats

    return {(s.code, s.bloc): s.pourcentage for s in stats.statistiques(c)}


def last_result(c: Classeur, code: str, prog: dict[tuple[str, str], float | None]) -> float | None:
    values = [prog.get((code, b)) for b in vocabulary.BLOCS]
    present = [v for v in values if v is not None]
    return present[-1] if present else None


@dataclass
class Figures:
    """Everything the Bilan shows as a number, as Python computes it."""

    presences: dict[int, Presences]
    member_rates: dict[str, float | None]  # member full name -> rate
    meeting_rates: dict[int, float | None]
    days: dict[int, float | None]
    used_days: dict[str, float]  # released members only
    overruns: list[str]  # member names over their budget
    planned_days: float
    progression: dict[tuple[str, str], float | None]


def figures(c: Classeur, sheet_values: SheetValues) -> Figures:
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    presences: dict[int, Presences] = {}
    for m in meetings:
        name = structure.meeting_sheet(m.numero)
        found = read_presences(sheet_values(name), name)
        if found is not None:
            presences[m.numero] = found
    member_rates = {
        mem.full_name: rate([presences[n].of(mem) for n in presences]) for mem in c.members
    }
    meeting_rates = {
        m.numero: rate([presences[m.numero].of(mem) for mem in c.members])
        if m.numero in presences
        else None
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
        presences, member_rates, meeting_rates, days, used, overruns, planned, progression(c)
    )


# ======================================================================================
# The sheet
# ======================================================================================
def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _structured(header: str) -> str:
    """A column name inside a structured reference (``[ ] # '`` escaped with ``'``)."""
    return "".join("'" + ch if ch in "[]#'" else ch for ch in header)


def _typed(values: list[list[Any]] | None) -> dict[str, Any]:
    """What the teacher wrote beside each annexe 5 label (by its réseau label)."""
    keys = {label: label for label in bilan_sheet.BILAN_TYPED_LABELS}
    keys |= {shown: label for label, shown in bilan_sheet.BILAN_LABELS_CAR.items()}
    out: dict[str, Any] = {}
    for row in values or []:
        label = cellvalues.shown(row[0]) if row else ""
        if label in keys and len(row) >= bilan_sheet.BILAN_VALUE_COL:
            value = row[bilan_sheet.BILAN_VALUE_COL - 1]
            if value not in (None, ""):
                out[keys[label]] = value
    return out


def _bar(doc: SheetDoc, text: str, span: int) -> int:
    return doc.add(Cell(text, style=styling.STYLE_HEADER, merge=span))


def member_line(m: Member) -> str:
    parts = [m.full_name, m.fonction, m.service]
    line = ", ".join(p for p in parts if p)
    return f"{line} ({m.role})" if m.role == vocabulary.ROLE_ANIMATION else line


def held_meetings(c: Classeur, f: Figures, today: dt.date) -> list[Meeting]:
    """Rencontres held: attendance recorded in their tab, else a date already past."""
    recorded = {n for n, p in f.presences.items() if any(v for v in p.values.values())}
    return [
        m
        for m in sorted(c.meetings, key=lambda m: m.numero)
        if m.numero in recorded or (not f.presences and m.date is not None and m.date < today)
    ]


def minutes_lines(c: Classeur, sheet_values: SheetValues) -> list[str]:
    """What each rencontre's compte rendu says (its blocks' text), one line per rencontre."""
    from classeur.domain import rencontres

    lines = []
    for m in sorted(c.meetings, key=lambda m: m.numero):
        name = structure.meeting_sheet(m.numero)
        try:
            state = rencontres.read_tab(sheet_values(name), name)
        except ClasseurError:
            continue  # the tab has text out of place: `classeur compte-rendu` reports it
        texts = [
            (b.titre, " ".join(cellvalues.shown(b.texte).split()).rstrip("."))
            for b in state.blocks
            if cellvalues.shown(b.texte)
        ]
        if not texts:
            continue
        when = f" ({french.date_longue(m.date)})" if m.date else ""
        body = (
            texts[0][1]
            if len(texts) == 1
            else "; ".join(f"{titre} : {texte}" for titre, texte in texts)
        )
        lines.append(f"- {name}{when} : {body}.")
    return lines


def default_resume(
    c: Classeur, f: Figures, today: dt.date, minutes: list[str] | None = None
) -> str:
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    held = held_meetings(c, f, today)
    lines = [
        f"Rencontres tenues : {len(held)} sur {len(meetings)}"
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
        lines.append("Actions réalisées : " + "; ".join(done) + ".")
    if going:
        lines.append("Actions à poursuivre : " + "; ".join(going) + ".")
    return "\n".join(lines)


def default_realisations(c: Classeur, f: Figures) -> str:
    lines = []
    for lrn in c.learnings:
        last_bloc = next(
            (b for b in reversed(vocabulary.BLOCS) if f.progression.get((lrn.code, b)) is not None),
            None,
        )
        if last_bloc is None:
            lines.append(f"{lrn.code} ({lrn.description}) : pas encore de résultats.")
            continue
        value = f.progression[(lrn.code, last_bloc)] or 0.0
        verdict = bilan_sheet.ATTEINT if value >= lrn.objectif else bilan_sheet.NON_ATTEINT
        lines.append(
            f"{lrn.code} ({lrn.description}) : {french.pourcentage(value)} des élèves au niveau "
            f"visé ({last_bloc.lower()}), pour un objectif de {french.pourcentage(lrn.objectif)}"
            f" : {verdict.lower()}."
        )
    return "\n".join(lines)


def bilan(c: Classeur, sheet_values: SheetValues, today: dt.date) -> Update:
    """The Update that (re)builds the Bilan sheet."""
    reseau = c.settings.modele == vocabulary.MODELE_RESEAU
    old = sheet_values(structure.SHEET_BILAN)
    typed = _typed(old)
    f = figures(c, sheet_values)
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    first_m = bilan_sheet.BILAN_FIRST_MATRIX_COL
    n_meet = len(meetings)
    after = first_m + n_meet  # first column after the rencontres
    span = max(bilan_sheet.BILAN_TEXT_SPAN, after + (3 if reseau else 0))
    widths: dict[int, float] = dict(bilan_sheet.BILAN_WIDTHS)
    for j in range(first_m, span + 1):
        widths[j] = bilan_sheet.BILAN_MATRIX_WIDTH
    doc = SheetDoc(
        structure.SHEET_BILAN, widths=widths, landscape=False, before=structure.SHEET_PARAMETRES
    )
    doc.add(Cell(structure.BILAN_TITLE, style=styling.STYLE_TITLE, merge=span))
    doc.add(Cell(bilan_sheet.BILAN_SUBTITLE, style=styling.STYLE_SUBTITLE, merge=span))
    doc.blank()
    text_span = span - bilan_sheet.BILAN_VALUE_COL + 1
    doc.add(
        Cell(bilan_sheet.BILAN_LABEL_TITRE[c.settings.modele], style=styling.STYLE_LABEL),
        Cell(c.settings.titre, merge=text_span),
    )
    doc.add(
        Cell(bilan_sheet.BILAN_LABEL_ANNEE, style=styling.STYLE_LABEL),
        Cell(c.settings.annee_scolaire, merge=text_span),
    )
    doc.blank()

    # --- Members (☑ when present at least once: a formula on the attendance table) ---
    _bar(doc, f"{bilan_sheet.BILAN_SECTION_MEMBRES} ({bilan_sheet.BILAN_MEMBRES_NOTE})", span)
    member_rows_at = len(doc.rows) + 1
    members_count = len(c.members)
    # The attendance table's rows are known once the text section is laid out: the
    # ☑ formulas are written after it (see below).
    for m in c.members:
        doc.add(None, Cell(member_line(m), merge=text_span))
    doc.blank()

    # --- Annexe 5 texts ---
    _bar(doc, bilan_sheet.BILAN_SECTION_NOTES, span)
    dates = "; ".join(french.date_longue(m.date) for m in meetings if m.date) or "—"
    doc.add(
        Cell(bilan_sheet.BILAN_DATES, style=styling.STYLE_LABEL),
        Cell(dates, style=styling.STYLE_WRAP, merge=text_span),
    )
    defaults = {
        bilan_sheet.BILAN_BUT: c.settings.but,
        bilan_sheet.BILAN_RESUME: default_resume(c, f, today, minutes_lines(c, sheet_values)),
        bilan_sheet.BILAN_REALISATIONS: default_realisations(c, f),
        bilan_sheet.BILAN_QUESTIONS: "",
        bilan_sheet.BILAN_CONTINUATION: "",
    }
    for label in bilan_sheet.BILAN_TYPED_LABELS:
        shown = label if reseau else bilan_sheet.BILAN_LABELS_CAR.get(label, label)
        value = typed.get(label, defaults[label])
        row = doc.add(
            Cell(shown, style=styling.STYLE_LABEL),
            Cell(value if value != "" else None, style=styling.STYLE_WRAP, merge=text_span),
        )
        if label == bilan_sheet.BILAN_CONTINUATION:
            col = bilan_sheet.BILAN_VALUE_COL
            doc.validations.append(
                Validation(
                    a1.cell_ref(row, col), bilan_sheet.BILAN_CONTINUATION_CHOICES, title=label
                )
            )
    doc.blank()

    # --- Attendance (and release days for a réseau) ---
    _bar(doc, bilan_sheet.BILAN_SECTION_PRESENCES, span)
    header = [
        Cell(bilan_sheet.BILAN_MEMBER_HEADER, style=styling.STYLE_HEADER),
        Cell(bilan_sheet.BILAN_ROLE_HEADER, style=styling.STYLE_HEADER),
        *(Cell(structure.meeting_sheet(m.numero), style=styling.STYLE_HEADER) for m in meetings),
        Cell(bilan_sheet.BILAN_RATE_HEADER, style=styling.STYLE_HEADER),
    ]
    if reseau:
        header += [
            Cell(bilan_sheet.BILAN_USED_HEADER, style=styling.STYLE_HEADER),
            Cell(bilan_sheet.BILAN_BUDGET_HEADER, style=styling.STYLE_HEADER),
            Cell(bilan_sheet.BILAN_STATE_HEADER, style=styling.STYLE_HEADER),
        ]
    doc.add(*header)
    used_col, budget_col = after + 1, after + 2  # after the rate column
    days_row = 0
    if reseau:
        cells: list[Cell | None] = [
            Cell(bilan_sheet.BILAN_DAYS_ROW, style=styling.STYLE_LABEL),
            None,
        ]
        for mt in meetings:
            cells.append(Cell(_days_formula(mt.numero), formula=True, style=styling.STYLE_COMPUTED))
        days_row = doc.add(*cells)
    first_member_row = len(doc.rows) + 1
    last_member_row = first_member_row + members_count - 1
    for i, m in enumerate(c.members):
        r = first_member_row + i
        cells = [Cell(m.full_name), Cell(m.role)]
        for mt in meetings:
            p = f.presences.get(mt.numero)
            cells.append(
                Cell(_presence_formula(p, r), formula=True, style=styling.STYLE_COMPUTED)
                if p is not None
                else None
            )
        row_range = a1.range_ref(r, first_m, r, after - 1) if n_meet else None
        cells.append(
            Cell(
                _rate_formula(row_range) if row_range else '=""',
                formula=True,
                style=styling.STYLE_COMPUTED,
                number_format=styling.NUMBER_FORMAT_PERCENT,
            )
        )
        if reseau:
            days_range = a1.range_ref(days_row, first_m, days_row, after - 1, absolute=True)
            used = (
                f'=SUMPRODUCT(--({row_range}="{vocabulary.PRESENT}"),{days_range})'
                if row_range
                else "=0"
            )
            cells.append(Cell(used, formula=True, style=styling.STYLE_COMPUTED))
            cells.append(Cell(vocabulary.BUDGET_PARTICIPANT_DAYS if released(m) else None))
            cells.append(
                Cell(
                    _state_formula(r, used_col, budget_col),
                    formula=True,
                    style=styling.STYLE_COMPUTED,
                )
            )
        doc.add(*cells)
    rate_cells: list[Cell | None] = [
        Cell(bilan_sheet.BILAN_RATE_ROW, style=styling.STYLE_LABEL),
        None,
    ]
    for j, _m in enumerate(meetings):
        col = first_m + j
        rng = a1.range_ref(first_member_row, col, max(last_member_row, first_member_row), col)
        rate_cells.append(
            Cell(
                _rate_formula(rng) if members_count else '=""',
                formula=True,
                style=styling.STYLE_COMPUTED,
                number_format=styling.NUMBER_FORMAT_PERCENT,
            )
        )
    doc.add(*rate_cells)
    if reseau:
        anim = [m for m in c.members if m.role == vocabulary.ROLE_ANIMATION]
        extra_first = len(doc.rows) + 1
        for label, days in (
            (bilan_sheet.BILAN_PLANIFICATION, vocabulary.BUDGET_PLANIFICATION_DAYS),
            (bilan_sheet.BILAN_REDACTION, vocabulary.BUDGET_BILAN_DAYS),
        ):
            if not anim:
                break
            r = len(doc.rows) + 1
            row_cells: list[Cell | None] = [Cell(label, style=styling.STYLE_LABEL)]
            row_cells += [None] * (used_col - 2)
            row_cells += [
                Cell(days),
                Cell(days),
                Cell(
                    _state_formula(r, used_col, budget_col),
                    formula=True,
                    style=styling.STYLE_COMPUTED,
                ),
            ]
            doc.add(*row_cells)
        last_extra = len(doc.rows)
        r = len(doc.rows) + 1
        total: list[Cell | None] = [
            Cell(bilan_sheet.BILAN_TOTAL, style=styling.STYLE_LABEL, bold=True)
        ]
        total += [None] * (used_col - 2)
        top = first_member_row
        bottom = max(last_extra, last_member_row, top)
        del extra_first
        total += [
            Cell(
                f"=SUM({a1.range_ref(top, used_col, bottom, used_col)})",
                formula=True,
                style=styling.STYLE_COMPUTED,
            ),
            Cell(
                f"=SUM({a1.range_ref(top, budget_col, bottom, budget_col)})",
                formula=True,
                style=styling.STYLE_COMPUTED,
            ),
            Cell(
                _state_formula(r, used_col, budget_col), formula=True, style=styling.STYLE_COMPUTED
            ),
        ]
        doc.add(*total)
    doc.blank()

    # ☑ / ☐ beside each member, from the attendance table.
    for i in range(members_count):
        r = first_member_row + i
        row_range = a1.range_ref(r, first_m, r, after - 1) if n_meet else None
        formula = (
            f'=IF(COUNTIF({row_range},"{vocabulary.PRESENT}")>0,'
            f'"{vocabulary.CHECKED}","{vocabulary.UNCHECKED}")'
            if row_range
            else f'="{vocabulary.UNCHECKED}"'
        )
        doc.rows[member_rows_at - 1 + i][0] = Cell(formula, formula=True)

    # --- The grille's progression ---
    doc.page_breaks.append(len(doc.rows))  # the table and its chart on a page of their own
    _bar(
        doc, f"{bilan_sheet.BILAN_SECTION_PROGRESSION} ({bilan_sheet.BILAN_PROGRESSION_NOTE})", span
    )
    prog_header = [
        *(Cell(h, style=styling.STYLE_HEADER) for h in bilan_sheet.BILAN_PROG_HEADERS),
        *(Cell(b, style=styling.STYLE_HEADER) for b in vocabulary.BLOCS),
        Cell(bilan_sheet.BILAN_LAST_HEADER, style=styling.STYLE_HEADER),
        Cell(bilan_sheet.BILAN_ATTEINTE_HEADER, style=styling.STYLE_HEADER),
    ]
    header_row = doc.add(*prog_header)
    scale = scale_of(c.settings)
    first_bloc_col = len(bilan_sheet.BILAN_PROG_HEADERS) + 1
    last_bloc_col = first_bloc_col + len(vocabulary.BLOCS) - 1
    last_col = last_bloc_col + 1
    for lrn in c.learnings:
        r = len(doc.rows) + 1
        cells = [
            Cell(lrn.code),
            Cell(lrn.niveau_vise),
            Cell(lrn.objectif, number_format=styling.NUMBER_FORMAT_PERCENT),
        ]
        good = at_or_above(lrn, scale)
        for bloc in vocabulary.BLOCS:
            column = (
                f"{structure.GRILLE_NAME}[{_structured(structure.grille_header(lrn.code, bloc))}]"
            )
            count = "+".join(f"COUNTIF({column},{_criterion(level)})" for level in good) or "0"
            cells.append(
                Cell(
                    f'=IFERROR(IF(COUNTA({column})=0,"",({count})/COUNTA({column})),"")',
                    formula=True,
                    style=styling.STYLE_COMPUTED,
                    number_format=styling.NUMBER_FORMAT_PERCENT,
                )
            )
        nested = '""'
        for col in range(first_bloc_col, last_bloc_col + 1):
            ref = a1.cell_ref(r, col)
            nested = f'IF({ref}<>"",{ref},{nested})'
        cells.append(
            Cell(
                "=" + nested,
                formula=True,
                style=styling.STYLE_COMPUTED,
                number_format=styling.NUMBER_FORMAT_PERCENT,
            )
        )
        last_ref = a1.cell_ref(r, last_col)
        goal_ref = a1.cell_ref(r, len(bilan_sheet.BILAN_PROG_HEADERS))
        cells.append(
            Cell(
                f'=IF({last_ref}="","",IF({last_ref}>={goal_ref},"{bilan_sheet.ATTEINT}","{bilan_sheet.NON_ATTEINT}"))',
                formula=True,
                style=styling.STYLE_COMPUTED,
            )
        )
        doc.add(*cells)
    last_prog_row = len(doc.rows)
    if c.learnings:
        doc.charts.append(
            Chart(
                "bar",
                bilan_sheet.BILAN_CHART_TITLE,
                a1.cell_ref(last_prog_row + 2, 1),
                a1.range_ref(header_row + 1, 1, last_prog_row, 1),
                [
                    (
                        a1.cell_ref(header_row, col),
                        a1.range_ref(header_row + 1, col, last_prog_row, col),
                    )
                    for col in range(first_bloc_col, last_bloc_col + 1)
                ],
                y_title="% des élèves",
                y_max=1,
                number_format=styling.NUMBER_FORMAT_PERCENT,
            )
        )
        for _ in range(bilan_sheet.BILAN_CHART_ROWS):
            doc.blank()
    doc.fit_heights()
    _refuse_losing_text(old, doc)

    update = Update(sheets=[doc])
    update.messages.append(
        f"Bilan : {len(f.presences)} rencontre(s) avec présences, "
        f"{len(c.learnings)} apprentissage(s), {len(c.grid)} élève(s) dans la grille."
    )
    update.messages += warnings(c, f)
    return update


def _criterion(level: int | str) -> str:
    return str(level) if isinstance(level, int) else '"' + str(level).replace('"', '""') + '"'


def _days_formula(numero: int) -> str:
    def col(key: str) -> str:
        return (
            f"INDEX({structure.ref(structure.RENCONTRES, key)},"
            f"MATCH({numero},{structure.ref(structure.RENCONTRES, 'numero')},0))"
        )

    debut, fin = col("debut"), col("fin")
    return (
        f'=IFERROR(IF(OR({debut}="",{fin}=""),"",'
        f'IF(ROUND(({fin}-{debut})*1440,0)>={vocabulary.FULL_DAY_HOURS * 60},1,0.5)),"")'
    )


def _presence_formula(p: Presences, row: int) -> str:
    names = f"{_quote(p.sheet)}!" + a1.range_ref(
        p.first_row, p.name_col, p.last_row, p.name_col, absolute=True
    )
    values = f"{_quote(p.sheet)}!" + a1.range_ref(
        p.first_row, p.value_col, p.last_row, p.value_col, absolute=True
    )
    name = a1.cell_ref(row, bilan_sheet.BILAN_LABEL_COL)
    return f'=IFERROR(INDEX({values},MATCH({name},{names},0))&"","")'


def _rate_formula(rng: str) -> str:
    recorded = f'SUMPRODUCT(--({rng}<>""))'
    return f'=IF({recorded}=0,"",COUNTIF({rng},"{vocabulary.PRESENT}")/{recorded})'


def _state_formula(row: int, used_col: int, budget_col: int) -> str:
    used = a1.cell_ref(row, used_col)
    budget = a1.cell_ref(row, budget_col)
    over, ok = bilan_sheet.BILAN_OVER, bilan_sheet.BILAN_OK
    return f'=IF({budget}="","",IF({used}>{budget},"{over}","{ok}"))'


def warnings(c: Classeur, f: Figures) -> list[str]:
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


def _refuse_losing_text(old: list[list[Any]] | None, doc: SheetDoc) -> None:
    """Refuse to rebuild when the Bilan holds text Classeur would not write back."""
    if not old:
        return
    kept = {
        cellvalues.shown(cell.value)
        for row in doc.rows
        for cell in row
        if cell is not None and not cell.formula
    }
    # Columns Classeur fills from the classeur's data in each section (names, member
    # lines, roles, learning codes): what was there came from an older state of the data.
    derived = {
        bilan_sheet.BILAN_SECTION_MEMBRES: {1, 2},
        bilan_sheet.BILAN_SECTION_PRESENCES: {1, 2},
        bilan_sheet.BILAN_SECTION_PROGRESSION: {1},
    }
    section = ""
    for r, row in enumerate(old, start=1):
        first = cellvalues.shown(row[0]) if row else ""
        for name in derived:
            if first.startswith(name):
                section = name
        if first.startswith(bilan_sheet.BILAN_SECTION_NOTES):
            section = ""
        for col, value in enumerate(row, start=1):
            text = cellvalues.shown(value)
            if not text or text.startswith("=") or text in kept:
                continue
            if col in derived.get(section, set()):
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                continue  # numbers Classeur wrote (budgets, objectifs)
            if isinstance(value, dt.date | dt.time):
                continue
            shown = text if len(text) <= 40 else text[:39] + "…"
            raise ClasseurError(
                f"Cette case contient « {shown} », que Classeur ne saurait pas garder en "
                "régénérant le bilan.",
                sheet=structure.SHEET_BILAN,
                row=r,
                column=a1.column_letter(col),
                hint="Déplacez ce texte dans l'une des cases « Documents, notes, commentaire "
                "et décisions » (colonne B) ou supprimez-le, puis relancez la commande.",
            )
