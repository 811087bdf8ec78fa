"""The Bilan's attendance table: one row per member, one column per rencontre, read live
from each rencontre tab's « Présences » section; the rates; for a réseau, the release days
used against the CEE's budget (annexe 5 du CEE); and the ☑ beside each member's line."""

from __future__ import annotations

from dataclasses import dataclass

from classeur.domain.bilan import Figures, Presences, released
from classeur.domain.identity import name_key
from classeur.domain.model import Classeur, Meeting, Member
from classeur.layout import a1, bilan_sheet, structure, styling, vocabulary
from classeur.sheets.bilan_formulas import (
    days_formula,
    presence_formula,
    rate_formula,
    state_formula,
)
from classeur.sheets.sheetdoc import Cell, SheetDoc

FIRST_MEETING_COL = bilan_sheet.BILAN_FIRST_MATRIX_COL  # attendance: one column per rencontre


@dataclass(frozen=True)
class Columns:
    """The Bilan's columns: labels and texts on the left, one column per rencontre (the
    attendance matrix), the rate, then for a réseau the days used, the budget, the state."""

    reseau: bool
    n_meet: int

    @property
    def after(self) -> int:
        """The first column after the rencontres (the rate)."""
        return FIRST_MEETING_COL + self.n_meet

    @property
    def used_col(self) -> int:
        return self.after + 1

    @property
    def budget_col(self) -> int:
        return self.after + 2

    @property
    def span(self) -> int:
        return max(bilan_sheet.BILAN_TEXT_SPAN, self.after + (3 if self.reseau else 0))

    @property
    def text_span(self) -> int:
        return self.span - bilan_sheet.BILAN_VALUE_COL + 1

    def member_range(self, row: int) -> str | None:
        """A member's attendance across the rencontres (None: no rencontre)."""
        return a1.range_ref(row, FIRST_MEETING_COL, row, self.after - 1) if self.n_meet else None


def bar(doc: SheetDoc, text: str, span: int) -> int:
    """A section's title bar, across the sheet."""
    return doc.add(Cell(text, style=styling.STYLE_HEADER, merge=span))


def computed(formula: str, number_format: str | None = None) -> Cell:
    """A cell Classeur computes (a formula, in the computed style)."""
    return Cell(formula, formula=True, style=styling.STYLE_COMPUTED, number_format=number_format)


def _attendance_header(doc: SheetDoc, meetings: list[Meeting], cols: Columns) -> None:
    """Member, role, one column per rencontre, the rate (and a réseau's days columns)."""
    header = [
        Cell(bilan_sheet.BILAN_MEMBER_HEADER, style=styling.STYLE_HEADER),
        Cell(bilan_sheet.BILAN_ROLE_HEADER, style=styling.STYLE_HEADER),
        *(Cell(structure.meeting_sheet(m.numero), style=styling.STYLE_HEADER) for m in meetings),
        Cell(bilan_sheet.BILAN_RATE_HEADER, style=styling.STYLE_HEADER),
    ]
    if cols.reseau:
        header += [
            Cell(bilan_sheet.BILAN_USED_HEADER, style=styling.STYLE_HEADER),
            Cell(bilan_sheet.BILAN_BUDGET_HEADER, style=styling.STYLE_HEADER),
            Cell(bilan_sheet.BILAN_STATE_HEADER, style=styling.STYLE_HEADER),
        ]
    doc.add(*header)


def _days_row(doc: SheetDoc, meetings: list[Meeting]) -> int:
    """A réseau's row of release days per rencontre (from its hours, live)."""
    cells: list[Cell | None] = [Cell(bilan_sheet.BILAN_DAYS_ROW, style=styling.STYLE_LABEL), None]
    for mt in meetings:
        cells.append(computed(days_formula(mt.numero)))
    return doc.add(*cells)


def _member_rows(
    doc: SheetDoc, c: Classeur, f: Figures, meetings: list[Meeting], cols: Columns, days_row: int
) -> None:
    """One row per member: attendance per rencontre (from the tabs), rate, and for a
    réseau the days used against the budget."""
    for m in f.people:
        r = len(doc.rows) + 1
        cells: list[Cell | None] = [Cell(m.full_name), Cell(m.role)]
        for mt in meetings:
            p = f.presences.get(mt.numero)
            cells.append(computed(presence_formula(p, r, _spelled(p, m))) if p else None)
        row_range = cols.member_range(r)
        cells.append(
            computed(rate_formula(row_range) if row_range else '=""', styling.NUMBER_FORMAT_PERCENT)
        )
        if cols.reseau:
            days_range = a1.range_ref(
                days_row, FIRST_MEETING_COL, days_row, cols.after - 1, absolute=True
            )
            used = (
                f'=SUMIF({row_range},"{vocabulary.criterion(vocabulary.PRESENT)}",{days_range})'
                if row_range
                else "=0"
            )
            cells.append(computed(used))
            cells.append(Cell(vocabulary.BUDGET_PARTICIPANT_DAYS if released(m) else None))
            cells.append(computed(state_formula(r, cols.used_col, cols.budget_col)))
        doc.add(*cells)


def _spelled(p: Presences, m: Member) -> str | None:
    """How tab ``p`` spells ``m``'s name, when not as the Bilan does (None: the same)."""
    typed = p.spelled.get(name_key(m.full_name))
    return None if typed is None or typed == m.full_name else typed


def _rate_row(doc: SheetDoc, meetings: list[Meeting], first_member: int, n_members: int) -> None:
    """The attendance rate of each rencontre, over the members' rows."""
    last_member = first_member + n_members - 1
    rate_cells: list[Cell | None] = [
        Cell(bilan_sheet.BILAN_RATE_ROW, style=styling.STYLE_LABEL),
        None,
    ]
    for j, _m in enumerate(meetings):
        col = FIRST_MEETING_COL + j
        rng = a1.range_ref(first_member, col, max(last_member, first_member), col)
        rate_cells.append(
            computed(rate_formula(rng) if n_members else '=""', styling.NUMBER_FORMAT_PERCENT)
        )
    doc.add(*rate_cells)


def _budget_row(doc: SheetDoc, cols: Columns, label: str, days: float) -> None:
    """A row of the animator's own release days (planning, writing the bilan)."""
    r = len(doc.rows) + 1
    row_cells: list[Cell | None] = [Cell(label, style=styling.STYLE_LABEL)]
    row_cells += [None] * (cols.used_col - 2)
    row_cells += [
        Cell(days),
        Cell(days),
        computed(state_formula(r, cols.used_col, cols.budget_col)),
    ]
    doc.add(*row_cells)


def _release_rows(
    doc: SheetDoc, c: Classeur, cols: Columns, first_member: int, last_member: int
) -> None:
    """A réseau's animator days (annexe 5 du CEE: 1 day of planning, ½ day for the
    bilan) and the réseau's total against its budget."""
    if any(m.role == vocabulary.ROLE_ANIMATION for m in c.members):
        _budget_row(
            doc, cols, bilan_sheet.BILAN_PLANIFICATION, vocabulary.BUDGET_PLANIFICATION_DAYS
        )
        _budget_row(doc, cols, bilan_sheet.BILAN_REDACTION, vocabulary.BUDGET_BILAN_DAYS)
    last_extra = len(doc.rows)
    r = len(doc.rows) + 1
    total: list[Cell | None] = [Cell(bilan_sheet.BILAN_TOTAL, style=styling.STYLE_LABEL, bold=True)]
    total += [None] * (cols.used_col - 2)
    top = first_member
    bottom = max(last_extra, last_member, top)
    used, budget = cols.used_col, cols.budget_col
    total += [
        computed(f"=SUM({a1.range_ref(top, used, bottom, used)})"),
        computed(f"=SUM({a1.range_ref(top, budget, bottom, budget)})"),
        computed(state_formula(r, used, budget)),
    ]
    doc.add(*total)


def attendance(
    doc: SheetDoc, c: Classeur, f: Figures, meetings: list[Meeting], cols: Columns
) -> int:
    """Attendance per member and per rencontre (and release days for a réseau). Returns
    the first member's row in the table."""
    bar(doc, bilan_sheet.BILAN_SECTION_PRESENCES, cols.span)
    _attendance_header(doc, meetings, cols)
    days_row = _days_row(doc, meetings) if cols.reseau else 0
    first_member = len(doc.rows) + 1
    last_member = first_member + len(f.people) - 1
    _member_rows(doc, c, f, meetings, cols, days_row)
    _rate_row(doc, meetings, first_member, len(f.people))
    if cols.reseau:
        _release_rows(doc, c, cols, first_member, last_member)
    doc.blank()
    return first_member


def checkboxes(doc: SheetDoc, f: Figures, cols: Columns, at: int, first_member: int) -> None:
    """☑ / ☐ beside each member's line (rows from ``at``), from the attendance table."""
    for i in range(len(f.people)):
        row_range = cols.member_range(first_member + i)
        formula = (
            f'=IF(COUNTIF({row_range},"{vocabulary.criterion(vocabulary.PRESENT)}")>0,'
            f'"{vocabulary.CHECKED}","{vocabulary.UNCHECKED}")'
            if row_range
            else f'="{vocabulary.UNCHECKED}"'
        )
        doc.rows[at - 1 + i][0] = Cell(formula, formula=True)
