"""The rencontre tab (R1 … Rn) as a sheet, typed content included. Pure.

The tab is rebuilt whole every time: header, présences, ordre du jour, compte rendu,
prochaine rencontre and « Qui fait quoi? », each section by its own function, with every
cell the team typed placed again (what the tab holds comes from
:func:`classeur.domain.rencontres.read_tab`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from classeur.domain import canevas as cv
from classeur.domain import cellvalues
from classeur.domain.identity import by_name
from classeur.domain.rencontres.agenda import Context, blocks_for, horaire
from classeur.domain.rencontres.tab import TabState
from classeur.layout import a1, rencontre_tab, structure, styling, vocabulary
from classeur.sheets.notes import typed_cell
from classeur.sheets.sheetdoc import Cell, SheetDoc, Validation
from classeur.text import french


# ======================================================================================
# Cells
# ======================================================================================
def _bar(text: str) -> Cell:
    return Cell(text, style=styling.STYLE_HEADER, merge=rencontre_tab.RT_LAST_COL)


def _typed(v: Any, number_format: str | None = None) -> Cell:
    """A cell the team types in, given back as it was (a link stays a link, a formula
    the teacher typed stays a formula, text stays text)."""
    fmt = number_format
    if isinstance(v, dt.date | dt.datetime) and fmt is None:
        fmt = styling.NUMBER_FORMAT_DATE
    return typed_cell(v, fmt, styling.STYLE_WRAP)


def _generated(v: Any) -> Cell:
    return Cell(v, style=styling.STYLE_WRAP, fill=styling.COLOR_COMPUTED)


def _merged(cell: Cell, span: int) -> Cell:
    cell.merge = span
    return cell


def _row(doc: SheetDoc, cells: dict[int, Cell | None]) -> int:
    width = max(cells, default=0)
    return doc.add(*(cells.get(c) for c in range(1, width + 1)))


def _headers(doc: SheetDoc, headers: dict[int, str]) -> int:
    return _row(doc, {c: Cell(h, style=styling.STYLE_HEADER) for c, h in headers.items()})


# ======================================================================================
# The tab, section by section
# ======================================================================================
def build_tab(ctx: Context) -> SheetDoc:
    """The whole rencontre tab, typed content included."""
    doc = SheetDoc(
        structure.meeting_sheet(ctx.meeting.numero),
        widths=dict(rencontre_tab.RT_WIDTHS),
        landscape=rencontre_tab.RT_LANDSCAPE,
        before=structure.SHEET_BILAN,
    )
    _add_header(doc, ctx)
    doc.blank()
    first, last = _add_presences(doc, ctx)
    _add_presence_counts(doc, first, last)
    doc.blank()
    _add_agenda(doc, ctx.state)
    # The compte rendu starts a new printed page: header, présences and agenda come first.
    doc.page_breaks.append(len(doc.rows))
    doc.blank()
    _add_compte_rendu(doc, ctx)
    doc.blank()
    _add_prochaine(doc, ctx)
    _add_actions(doc, ctx.state)
    # rows as high as their wrapped text, measured in Calibri: printed, nothing is cut
    doc.fit_heights()
    return doc


def _header_row(doc: SheetDoc, label: str, value: Cell) -> int:
    """A label over two columns, its value merged to the last column."""
    value.merge = rencontre_tab.RT_LAST_COL - rencontre_tab.RT_VALUE_COL + 1
    return _row(
        doc,
        {
            rencontre_tab.RT_COL_NUM: Cell(label, style=styling.STYLE_LABEL, merge=2),
            rencontre_tab.RT_VALUE_COL: value,
        },
    )


def _add_header(doc: SheetDoc, ctx: Context) -> None:
    """Title, when and where, canevas, day plan, and the agenda's deadline and state."""
    m, st = ctx.meeting, ctx.state
    span = rencontre_tab.RT_LAST_COL
    title = rencontre_tab.RT_TAB_TITLE.format(numero=m.numero, titre=ctx.model.settings.titre)
    doc.add(Cell(title, style=styling.STYLE_TITLE, merge=span))
    doc.add(Cell(rencontre_tab.RT_SUBTITLE, style=styling.STYLE_SUBTITLE, merge=span))
    when = french.date_longue(m.date) or rencontre_tab.RT_AUCUNE
    if m.debut or m.fin:
        when += ", " + french.plage(m.debut, m.fin)
    _header_row(doc, rencontre_tab.RT_LABEL_QUAND, _generated(when))
    where = " · ".join(p for p in (m.mode, m.lieu) if p)
    _header_row(doc, rencontre_tab.RT_LABEL_OU, _generated(where))
    _header_row(
        doc,
        rencontre_tab.RT_LABEL_CANEVAS,
        _generated(
            french.typography(
                f"{ctx.canevas.key} : {ctx.canevas.titre} (durée prévue : {ctx.canevas.duree})"
            )
        ),
    )
    if ctx.canevas.plan is not None:
        _header_row(doc, rencontre_tab.RT_LABEL_HORAIRE, _generated(horaire(ctx.canevas.plan)))
    r_deadline = _header_row(
        doc,
        rencontre_tab.RT_LABEL_ECHEANCE,
        Cell(
            rencontre_tab.meeting_lookup_formula(m.numero, "echeance_odj"),
            formula=True,
            style=styling.STYLE_COMPUTED,
            number_format=styling.NUMBER_FORMAT_DATE,
        ),
    )
    r_prepared = _header_row(
        doc,
        rencontre_tab.RT_LABEL_PREPARE,
        Cell(
            st.prepare_le,
            style=styling.STYLE_WRAP,
            number_format=styling.NUMBER_FORMAT_DATE,
            typed=True,
        ),
    )
    _header_row(
        doc,
        rencontre_tab.RT_LABEL_ETAT,
        Cell(
            rencontre_tab.etat_odj_formula(
                a1.cell_ref(r_deadline, rencontre_tab.RT_VALUE_COL),
                a1.cell_ref(r_prepared, rencontre_tab.RT_VALUE_COL),
            ),
            formula=True,
            style=styling.STYLE_COMPUTED,
        ),
    )


def _add_presences(doc: SheetDoc, ctx: Context) -> tuple[int, int]:
    """One row per member (and per member since removed whose presence was typed);
    returns the first and last of these rows."""
    st = ctx.state
    doc.add(_bar(rencontre_tab.RT_SECTION_PRESENCES))
    _headers(doc, rencontre_tab.RT_PRESENCE_HEADERS)
    first = len(doc.rows) + 1
    mine, gone = by_name([mem.full_name for mem in ctx.model.members], st.presences)
    for mem in ctx.model.members:
        _row(
            doc,
            {
                rencontre_tab.RT_COL_TEXT: _generated(mem.full_name),
                rencontre_tab.RT_COL_QUESTION: _generated(mem.fonction or mem.service),
                rencontre_tab.RT_COL_MINUTES: _generated(mem.role),
                rencontre_tab.RT_COL_RESP: _typed(mine.get(mem.full_name)),
            },
        )
    for name, value in gone.items():  # members since removed: their row stays
        if not cellvalues.is_blank(value):
            _row(
                doc,
                {rencontre_tab.RT_COL_TEXT: _typed(name), rencontre_tab.RT_COL_RESP: _typed(value)},
            )
    return first, len(doc.rows)


def _add_presence_counts(doc: SheetDoc, first: int, last: int) -> None:
    """The presence dropdown on rows ``first``–``last`` and a count of each presence."""
    if last >= first:
        col = a1.column_letter(rencontre_tab.RT_COL_RESP)
        doc.validations.append(
            Validation(
                f"{col}{first}:{col}{last}",
                vocabulary.PRESENCES,
                rencontre_tab.RT_PRESENCE_HEADERS[rencontre_tab.RT_COL_RESP],
            )
        )
    for presence, label in rencontre_tab.RT_COUNT_LABELS.items():
        if last >= first:
            rng = (
                f"{a1.cell_ref(first, rencontre_tab.RT_COL_RESP)}:"
                f"{a1.cell_ref(last, rencontre_tab.RT_COL_RESP)}"
            )
            formula = f'=COUNTIF({rng},"{vocabulary.criterion(presence)}")'
        else:
            formula = "=0"
        _row(
            doc,
            {
                rencontre_tab.RT_COL_TEXT: Cell(label, style=styling.STYLE_LABEL),
                rencontre_tab.RT_COL_RESP: Cell(
                    formula, formula=True, style=styling.STYLE_COMPUTED
                ),
            },
        )


def _add_agenda(doc: SheetDoc, st: TabState) -> None:
    """The agenda table, its rows as typed, and its total time."""
    doc.add(_bar(rencontre_tab.RT_SECTION_ODJ))
    _headers(doc, rencontre_tab.RT_ODJ_HEADERS)
    first = len(doc.rows) + 1
    for it in st.items:
        _row(
            doc,
            {
                rencontre_tab.RT_COL_NUM: _typed(it.numero),
                rencontre_tab.RT_COL_TEXT: _typed(it.texte),
                rencontre_tab.RT_COL_QUESTION: _typed(it.question),
                rencontre_tab.RT_COL_MINUTES: _typed(
                    it.minutes, rencontre_tab.NUMBER_FORMAT_MINUTES
                ),
                rencontre_tab.RT_COL_RESP: _typed(it.responsable),
                rencontre_tab.RT_COL_NOTES: _typed(it.notes),
                rencontre_tab.RT_COL_DONE: _typed(it.realisation),
            },
        )
    last = max(len(doc.rows), first)
    _row(
        doc,
        {
            rencontre_tab.RT_COL_TEXT: Cell(rencontre_tab.RT_ODJ_TOTAL, style=styling.STYLE_LABEL),
            rencontre_tab.RT_COL_MINUTES: Cell(
                f"=SUM({a1.cell_ref(first, rencontre_tab.RT_COL_MINUTES)}:"
                f"{a1.cell_ref(last, rencontre_tab.RT_COL_MINUTES)})",
                formula=True,
                style=styling.STYLE_COMPUTED,
                number_format=rencontre_tab.NUMBER_FORMAT_MINUTES,
            ),
        },
    )


def _add_compte_rendu(doc: SheetDoc, ctx: Context) -> None:
    """When the rencontre began, then one row per COMPTE-RENDU block with its suggestions
    (and the grille's results under « Résultats attendus »)."""
    st = ctx.state
    doc.add(_bar(rencontre_tab.RT_SECTION_CR))
    _headers(doc, rencontre_tab.RT_CR_HEADERS)
    _row(
        doc,
        {
            rencontre_tab.RT_COL_TEXT: Cell(
                rencontre_tab.RT_LABEL_DEBUT, style=styling.STYLE_LABEL
            ),
            rencontre_tab.RT_COL_NOTES: _typed(st.debut),
            rencontre_tab.RT_COL_DONE: _typed(st.debut_realisation),
        },
    )
    for block, puces in blocks_for(ctx.canevas, st):
        hints = "\n".join(f"• {p}" for p in puces)
        if block.titre == cv.BLOC_RESULTATS and ctx.results:
            hints += f"\n{rencontre_tab.RT_GRILLE}\n" + "\n".join(f"• {s}" for s in ctx.results)
        _row(
            doc,
            {
                rencontre_tab.RT_COL_TEXT: Cell(block.titre, style=styling.STYLE_LABEL),
                rencontre_tab.RT_COL_QUESTION: _merged(_generated(hints.strip() or None), 3),
                rencontre_tab.RT_COL_NOTES: _typed(block.texte),
                rencontre_tab.RT_COL_DONE: _typed(block.realisation),
            },
        )


def _add_prochaine(doc: SheetDoc, ctx: Context) -> None:
    """The next rencontre's date, then « Quoi apporter? » and « Quoi discuter? »."""
    st = ctx.state
    doc.add(_bar(rencontre_tab.RT_SECTION_PROCHAINE))
    nxt = ctx.next
    when = french.date_longue(nxt.date) if nxt and nxt.date else rencontre_tab.RT_AUCUNE
    if nxt and nxt.date and (nxt.debut or nxt.fin):
        when += ", " + french.plage(nxt.debut, nxt.fin)
    _row(
        doc,
        {
            rencontre_tab.RT_COL_TEXT: Cell(
                rencontre_tab.RT_LABEL_PROCHAINE_DATE, style=styling.STYLE_LABEL
            ),
            rencontre_tab.RT_VALUE_COL: _merged(_generated(when), 3),
        },
    )
    for label, value in (
        (rencontre_tab.RT_LABEL_APPORTER, st.apporter),
        (rencontre_tab.RT_LABEL_DISCUTER, st.discuter),
    ):
        _row(
            doc,
            {
                rencontre_tab.RT_COL_TEXT: Cell(label, style=styling.STYLE_LABEL),
                rencontre_tab.RT_COL_NOTES: _typed(value),
            },
        )


def _add_actions(doc: SheetDoc, st: TabState) -> None:
    """« Qui fait quoi? »: the actions typed, then blank rows to type more."""
    _row(
        doc,
        {rencontre_tab.RT_COL_TEXT: Cell(rencontre_tab.RT_LABEL_QUI, style=styling.STYLE_LABEL)},
    )
    _headers(doc, rencontre_tab.RT_ACTION_HEADERS)
    for a in st.actions:
        _row(
            doc,
            {
                rencontre_tab.RT_COL_TEXT: _typed(a.action),
                rencontre_tab.RT_COL_QUESTION: _typed(a.responsable),
                rencontre_tab.RT_COL_MINUTES: _typed(a.echeance),
                rencontre_tab.RT_COL_RESP: _generated(a.suivi),
            },
        )
    for _ in range(rencontre_tab.RT_BLANK_ACTION_ROWS):
        _row(
            doc,
            {
                rencontre_tab.RT_COL_TEXT: _typed(None),
                rencontre_tab.RT_COL_QUESTION: _typed(None),
                rencontre_tab.RT_COL_MINUTES: _typed(None, styling.NUMBER_FORMAT_DATE),
            },
        )


def header_rows(doc: SheetDoc) -> int:
    """How many rows the tab's header takes (title to the row before « Présences »)."""
    for r, row in enumerate(doc.rows, start=1):
        first = row[0] if row else None
        if first is not None and first.value in rencontre_tab.RT_SECTIONS:
            return r - 1
    return len(doc.rows)
