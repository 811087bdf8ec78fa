"""Rencontres: the rencontre tab (R1 … Rn), its ordre du jour and its compte rendu. Pure.

- :func:`ordre_du_jour` fills or refreshes rencontre N's tab from the canevas, the calendar
  and the Suivi sheet, and renders the agenda as HTML and plain text (side files).
- :func:`compte_rendu` reads what the team typed in the tab, adds the « Qui fait quoi? »
  actions to tblSuivi (once), and renders the minutes as HTML and plain text.
- :func:`saisir` places notes in the tab as a teacher would type them (demo, tests).

Regeneration never loses typed content: the tab is read back (:func:`read_tab`), every
typed cell is placed again in the rebuilt tab, and a typed cell Classeur cannot place
raises a French :class:`~classeur.errors.ClasseurError` instead of being dropped.

Definitions:
- the agenda is due ``layout.ODJ_DAYS_BEFORE`` days before the rencontre (seed 004);
- « Ordre du jour préparé le » is the date the agenda was first produced by
  :func:`ordre_du_jour` (kept on regeneration; a teacher may clear or change it);
- the agenda is LATE when it was not prepared and today is after the deadline, or when it
  was prepared after the deadline (« Préparé en retard »). The sheet shows the same state
  with a live formula (TODAY()).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from classeur.domain import canevas as cv
from classeur.domain import cellvalues, rules
from classeur.domain.model import Action, Classeur, Meeting
from classeur.errors import ClasseurError
from classeur.layout import a1, rencontre_tab, structure, styling, vocabulary
from classeur.sheets.sheetdoc import Cell, SheetDoc, Update, Validation
from classeur.text import french

SheetValues = Callable[[str], "list[list[Any]] | None"]

# Hook for the grille feature: sentences on compiled results for a rencontre
# (« 42 élèves sur 58 (72 %) atteignent le niveau visé en A2 au bloc 2; objectif 80 % »).
ResultSentences = Callable[[Classeur, Meeting], list[str]]


def no_results(model: Classeur, meeting: Meeting) -> list[str]:
    """Default hook: no compiled results (the team types its expected results)."""
    del model, meeting
    return []


# ======================================================================================
# What a tab holds (typed content), read back from the sheet
# ======================================================================================
_SUIVI_RE = re.compile(rencontre_tab.RT_SUIVI_ITEM_PATTERN)
_SUIVI_HEADING_PREFIX = rencontre_tab.RT_SUIVI_HEADING.split("{", 1)[0].strip()


@dataclass
class AgendaRow:
    """One row of the agenda table, as typed (values kept with their type)."""

    numero: Any = None
    texte: Any = None
    question: Any = None
    minutes: Any = None
    responsable: Any = None
    notes: Any = None
    realisation: Any = None

    @property
    def suivi_numero(self) -> int | None:
        match = _SUIVI_RE.match(cellvalues.shown(self.texte))
        return int(match.group(1)) if match else None

    @property
    def is_suivi_heading(self) -> bool:
        return cellvalues.shown(self.texte).startswith(_SUIVI_HEADING_PREFIX)


@dataclass
class ActionRow:
    """One « Qui fait quoi? » row."""

    action: Any = None
    responsable: Any = None
    echeance: Any = None
    suivi: Any = None  # n° of the action in tblSuivi, once added


@dataclass
class Block:
    """A COMPTE-RENDU block: its title and what the team typed."""

    titre: str
    texte: Any = None
    realisation: Any = None


@dataclass
class TabState:
    """Everything a rencontre tab holds that Classeur must keep."""

    has_agenda: bool = False
    prepare_le: dt.date | None = None
    presences: dict[str, Any] = field(default_factory=dict)  # member name -> typed value
    items: list[AgendaRow] = field(default_factory=list)
    debut: Any = None
    debut_realisation: Any = None
    blocks: list[Block] = field(default_factory=list)
    apporter: Any = None
    discuter: Any = None
    actions: list[ActionRow] = field(default_factory=list)


class _Grid:
    """Sheet values with 1-based access and a record of the cells that were understood."""

    def __init__(self, values: list[list[Any]] | None) -> None:
        self.values = values or []
        self.used: set[tuple[int, int]] = set()

    @property
    def nrows(self) -> int:
        return len(self.values)

    def get(self, r: int, c: int) -> Any:
        if 1 <= r <= len(self.values) and 1 <= c <= len(self.values[r - 1]):
            return self.values[r - 1][c - 1]
        return None

    def take(self, r: int, c: int) -> Any:
        self.used.add((r, c))
        v = self.get(r, c)
        return None if cellvalues.is_blank(v) else v

    def label(self, r: int, c: int = rencontre_tab.RT_COL_NUM) -> str:
        v = self.get(r, c)
        return v.strip() if isinstance(v, str) else ""

    def empty_row(self, r: int) -> bool:
        return all(
            cellvalues.is_blank(v) for v in (self.values[r - 1] if r <= len(self.values) else [])
        )


def read_tab(values: list[list[Any]] | None, sheet: str) -> TabState:
    """What the tab ``sheet`` holds; raises ClasseurError for typed text it cannot place."""
    g = _Grid(values)
    state = TabState()
    g.take(1, 1)
    g.take(2, 1)
    sections = {
        g.label(r): r for r in range(1, g.nrows + 1) if g.label(r) in rencontre_tab.RT_SECTIONS
    }
    bounds = sorted(sections.values())

    def end_of(start: int) -> int:
        later = [b for b in bounds if b > start]
        return (later[0] - 1) if later else g.nrows

    first = bounds[0] if bounds else g.nrows + 1
    for r in range(3, first):
        label = g.label(r)
        if label in rencontre_tab.RT_HEADER_LABELS:
            g.take(r, rencontre_tab.RT_COL_NUM)
            value = g.take(r, rencontre_tab.RT_VALUE_COL)
            if label == rencontre_tab.RT_LABEL_PREPARE:
                state.prepare_le = cellvalues.date_or_none(value)

    if rencontre_tab.RT_SECTION_PRESENCES in sections:
        _read_presences(g, sections[rencontre_tab.RT_SECTION_PRESENCES], end_of, state, sheet)
    if rencontre_tab.RT_SECTION_ODJ in sections:
        state.has_agenda = True
        _read_agenda(g, sections[rencontre_tab.RT_SECTION_ODJ], end_of, state)
    if rencontre_tab.RT_SECTION_CR in sections:
        _read_cr(g, sections[rencontre_tab.RT_SECTION_CR], end_of, state)
    if rencontre_tab.RT_SECTION_PROCHAINE in sections:
        _read_prochaine(g, sections[rencontre_tab.RT_SECTION_PROCHAINE], end_of, state, sheet)

    for r, row in enumerate(g.values, start=1):
        for c, v in enumerate(row, start=1):
            if not cellvalues.is_blank(v) and (r, c) not in g.used:
                shown = cellvalues.shown(v)
                shown = shown if len(shown) <= 40 else shown[:39] + "…"
                raise ClasseurError(
                    f"Cette case contient « {shown} », hors des zones que Classeur sait garder; "
                    "elle serait perdue en régénérant la feuille.",
                    sheet=sheet,
                    row=r,
                    column=a1.column_letter(c),
                    hint="Déplacez ce texte dans une colonne de notes (« Documents, notes et "
                    "décisions » ou « Réalisation ») ou supprimez-le, puis relancez la commande.",
                )
    return state


def _read_presences(
    g: _Grid, start: int, end_of: Callable[[int], int], state: TabState, sheet: str
) -> None:
    g.take(start, rencontre_tab.RT_COL_NUM)
    count_labels = set(rencontre_tab.RT_COUNT_LABELS.values())
    for r in range(start + 1, end_of(start) + 1):
        name = g.label(r, rencontre_tab.RT_COL_TEXT)
        if (
            name == rencontre_tab.RT_PRESENCE_HEADERS[rencontre_tab.RT_COL_TEXT]
            or name in count_labels
        ):
            for c in (*rencontre_tab.RT_PRESENCE_HEADERS, rencontre_tab.RT_COL_RESP):
                g.take(r, c)
            continue
        if g.empty_row(r):
            continue
        if not name:
            continue  # left unread: reported as a cell Classeur cannot place
        g.take(r, rencontre_tab.RT_COL_TEXT)
        g.take(r, rencontre_tab.RT_COL_QUESTION)
        g.take(r, rencontre_tab.RT_COL_MINUTES)
        state.presences[name] = g.take(r, rencontre_tab.RT_COL_RESP)
    del sheet


def _read_agenda(g: _Grid, start: int, end_of: Callable[[int], int], state: TabState) -> None:
    g.take(start, rencontre_tab.RT_COL_NUM)
    for r in range(start + 1, end_of(start) + 1):
        if g.label(r) == rencontre_tab.RT_ODJ_HEADERS[rencontre_tab.RT_COL_NUM] and (
            g.label(r, rencontre_tab.RT_COL_TEXT)
            == rencontre_tab.RT_ODJ_HEADERS[rencontre_tab.RT_COL_TEXT]
        ):
            for c in rencontre_tab.RT_ODJ_HEADERS:
                g.take(r, c)
            continue
        if g.label(r, rencontre_tab.RT_COL_TEXT) == rencontre_tab.RT_ODJ_TOTAL:
            g.take(r, rencontre_tab.RT_COL_TEXT)
            g.take(r, rencontre_tab.RT_COL_MINUTES)
            continue
        if g.empty_row(r):
            continue
        state.items.append(
            AgendaRow(
                *(
                    g.take(r, c)
                    for c in range(rencontre_tab.RT_COL_NUM, rencontre_tab.RT_LAST_COL + 1)
                )
            )
        )


def _read_cr(g: _Grid, start: int, end_of: Callable[[int], int], state: TabState) -> None:
    g.take(start, rencontre_tab.RT_COL_NUM)
    for r in range(start + 1, end_of(start) + 1):
        label = g.label(r, rencontre_tab.RT_COL_TEXT)
        if label == rencontre_tab.RT_CR_HEADERS[rencontre_tab.RT_COL_TEXT]:
            for c in rencontre_tab.RT_CR_HEADERS:
                g.take(r, c)
            continue
        if not label:
            continue  # anything typed there is reported as a cell Classeur cannot place
        g.take(r, rencontre_tab.RT_COL_TEXT)
        g.take(r, rencontre_tab.RT_COL_QUESTION)  # suggestions: generated
        notes = g.take(r, rencontre_tab.RT_COL_NOTES)
        done = g.take(r, rencontre_tab.RT_COL_DONE)
        if label == rencontre_tab.RT_LABEL_DEBUT:
            state.debut, state.debut_realisation = notes, done
        else:
            state.blocks.append(Block(label, notes, done))


def _read_prochaine(
    g: _Grid, start: int, end_of: Callable[[int], int], state: TabState, sheet: str
) -> None:
    g.take(start, rencontre_tab.RT_COL_NUM)
    in_actions = False
    for r in range(start + 1, end_of(start) + 1):
        label = g.label(r, rencontre_tab.RT_COL_TEXT)
        if not in_actions:
            if label == rencontre_tab.RT_LABEL_PROCHAINE_DATE:
                g.take(r, rencontre_tab.RT_COL_TEXT)
                g.take(r, rencontre_tab.RT_VALUE_COL)
            elif label == rencontre_tab.RT_LABEL_APPORTER:
                g.take(r, rencontre_tab.RT_COL_TEXT)
                state.apporter = g.take(r, rencontre_tab.RT_COL_NOTES)
            elif label == rencontre_tab.RT_LABEL_DISCUTER:
                g.take(r, rencontre_tab.RT_COL_TEXT)
                state.discuter = g.take(r, rencontre_tab.RT_COL_NOTES)
            elif label == rencontre_tab.RT_LABEL_QUI:
                g.take(r, rencontre_tab.RT_COL_TEXT)
                in_actions = True
            continue
        if label == rencontre_tab.RT_ACTION_HEADERS[rencontre_tab.RT_COL_TEXT]:
            for c in rencontre_tab.RT_ACTION_HEADERS:
                g.take(r, c)
            continue
        cols = tuple(rencontre_tab.RT_ACTION_HEADERS)
        row = ActionRow(*(g.take(r, c) for c in cols))
        if all(
            cellvalues.is_blank(v) for v in (row.action, row.responsable, row.echeance, row.suivi)
        ):
            continue
        if cellvalues.is_blank(row.action):
            raise ClasseurError(
                "Cette ligne de « Qui fait quoi? » n'a pas d'action.",
                sheet=sheet,
                row=r,
                column=rencontre_tab.RT_ACTION_HEADERS[rencontre_tab.RT_COL_TEXT],
                hint="Décrivez l'action à faire, ou videz la ligne.",
            )
        state.actions.append(row)


# ======================================================================================
# Building the tab
# ======================================================================================
def _previous_meeting(model: Classeur, meeting: Meeting) -> Meeting | None:
    earlier = [m for m in model.meetings if m.numero < meeting.numero]
    return max(earlier, key=lambda m: m.numero, default=None)


def _next_meeting(model: Classeur, meeting: Meeting) -> Meeting | None:
    later = [m for m in model.meetings if m.numero > meeting.numero]
    return min(later, key=lambda m: m.numero, default=None)


def open_actions(model: Classeur, numero: int) -> list[Action]:
    """Open actions (À faire, En cours) born before rencontre ``numero`` (or of no origin)."""
    return [
        a
        for a in model.actions
        if a.statut in vocabulary.STATUTS_OUVERTS and (a.rencontre is None or a.rencontre < numero)
    ]


def suivi_heading(previous: Meeting | None) -> str:
    when = (
        french.date_longue(previous.date) if previous and previous.date else "la dernière rencontre"
    )
    if previous and not previous.date:
        when = f"la rencontre {previous.numero}"
    return rencontre_tab.RT_SUIVI_HEADING.format(date=when)


def suivi_row(a: Action) -> AgendaRow:
    text = rencontre_tab.RT_SUIVI_ITEM.format(numero=a.numero, action=a.action)
    if a.echeance:
        text += f" (échéance : {french.date_courte(a.echeance)})"
    return AgendaRow(texte=text, responsable=a.responsable or None)


def _item_row(it: cv.Item, texte: str | None = None) -> AgendaRow:
    return AgendaRow(texte=texte or it.texte, question=it.question or None, minutes=it.minutes)


def initial_items(model: Classeur, meeting: Meeting, canevas: cv.Canevas) -> list[AgendaRow]:
    """The agenda of a new tab: the canevas items, with the points de suivi."""
    previous = _previous_meeting(model, meeting)
    actions = open_actions(model, meeting.numero)
    rows: list[AgendaRow] = []
    for it in canevas.items:
        if it.kind == cv.KIND_SUIVI:  # the CEE canevas has its own item
            if previous is not None:
                rows.append(_item_row(it, suivi_heading(previous)))
                rows.extend(suivi_row(a) for a in actions)
            continue
        if it.kind == canevas.suivi_before and not cv.is_cee(canevas) and previous and actions:
            rows.append(AgendaRow(texte=suivi_heading(previous), minutes=5 * len(actions)))
            rows.extend(suivi_row(a) for a in actions)
        rows.append(_item_row(it))
    for n, row in enumerate(rows, start=1):
        if _SUIVI_RE.match(cellvalues.shown(row.texte)) is None:
            row.numero = n - sum(1 for r in rows[:n] if r.suivi_numero is not None)
    return rows


def refresh_items(
    model: Classeur, meeting: Meeting, canevas: cv.Canevas, items: list[AgendaRow]
) -> list[AgendaRow]:
    """Existing items kept as typed; open actions not listed yet are added to the suivi."""
    listed = {r.suivi_numero for r in items if r.suivi_numero is not None}
    new = [suivi_row(a) for a in open_actions(model, meeting.numero) if a.numero not in listed]
    if not new:
        return list(items)
    out = list(items)
    anchor = max(
        (i for i, r in enumerate(out) if r.suivi_numero is not None or r.is_suivi_heading),
        default=None,
    )
    if anchor is None:
        before = next((it.texte for it in canevas.items if it.kind == canevas.suivi_before), None)
        anchor = next(
            (i for i, r in enumerate(out) if before and cellvalues.shown(r.texte) == before),
            len(out),
        )
        heading = AgendaRow(texte=suivi_heading(_previous_meeting(model, meeting)))
        out.insert(anchor, heading)
    out[anchor + 1 : anchor + 1] = new
    return out


def _horaire(plan: cv.DayPlan | None) -> str:
    if plan is None:
        return ""
    return "; ".join(
        f"{french.heure(p.debut)} à {french.heure(p.fin)} : {p.label.lower()}" for p in plan.periods
    )


def minutes_total(items: Sequence[AgendaRow]) -> int:
    return sum(
        int(r.minutes)
        for r in items
        if isinstance(r.minutes, int | float) and not isinstance(r.minutes, bool)
    )


def presence_counts(state: TabState) -> dict[str, int]:
    """Number of members marked Présent, Absent, Excusé (case ignored, as COUNTIF)."""
    counts = dict.fromkeys(vocabulary.PRESENCES, 0)
    for v in state.presences.values():
        for p in vocabulary.PRESENCES:
            if cellvalues.shown(v).casefold() == p.casefold():
                counts[p] += 1
    return counts


def etat_odj(deadline: dt.date | None, prepare: dt.date | None, today: dt.date) -> str:
    """The agenda's state (same text as the sheet's formula)."""
    if deadline is None:
        return ""
    if prepare is None:
        return rencontre_tab.ETAT_EN_RETARD if today > deadline else rencontre_tab.ETAT_A_PREPARER
    return (
        rencontre_tab.ETAT_PREPARE_EN_RETARD if prepare > deadline else rencontre_tab.ETAT_PREPARE
    )


def is_late(deadline: dt.date | None, prepare: dt.date | None, today: dt.date) -> bool:
    return etat_odj(deadline, prepare, today) in (
        rencontre_tab.ETAT_EN_RETARD,
        rencontre_tab.ETAT_PREPARE_EN_RETARD,
    )


def _bar(text: str) -> Cell:
    return Cell(text, style=styling.STYLE_HEADER, merge=rencontre_tab.RT_LAST_COL)


def _typed(v: Any, number_format: str | None = None) -> Cell:
    """A cell the team types in: its value as typed (text stays text)."""
    fmt = number_format
    if isinstance(v, dt.date | dt.datetime) and fmt is None:
        fmt = styling.NUMBER_FORMAT_DATE
    return Cell(v, style=styling.STYLE_WRAP, number_format=fmt)


def _generated(v: Any) -> Cell:
    return Cell(v, style=styling.STYLE_WRAP, fill=styling.COLOR_COMPUTED)


def _merged(cell: Cell, span: int) -> Cell:
    cell.merge = span
    return cell


def _row(doc: SheetDoc, cells: dict[int, Cell | None]) -> int:
    width = max(cells, default=0)
    return doc.add(*(cells.get(c) for c in range(1, width + 1)))


def blocks_for(canevas: cv.Canevas, state: TabState) -> list[tuple[Block, tuple[str, ...]]]:
    """COMPTE-RENDU blocks: the canevas's, with typed text; then blocks the team added."""
    typed = {b.titre: b for b in state.blocks}
    out = [(typed.pop(b.titre, Block(b.titre)), b.puces) for b in canevas.compte_rendu]
    out += [(b, ()) for b in typed.values()]
    return out


@dataclass
class Context:
    """Everything the tab and the documents show about one rencontre."""

    model: Classeur
    meeting: Meeting
    canevas: cv.Canevas
    state: TabState
    today: dt.date
    results: list[str]

    @property
    def deadline(self) -> dt.date | None:
        return rules.odj_deadline(self.meeting)

    @property
    def next(self) -> Meeting | None:
        return _next_meeting(self.model, self.meeting)

    @property
    def previous(self) -> Meeting | None:
        return _previous_meeting(self.model, self.meeting)


def build_tab(ctx: Context) -> SheetDoc:
    """The whole rencontre tab, typed content included."""
    m, st = ctx.meeting, ctx.state
    name = structure.meeting_sheet(m.numero)
    doc = SheetDoc(
        name,
        widths=dict(rencontre_tab.RT_WIDTHS),
        landscape=rencontre_tab.RT_LANDSCAPE,
        before=structure.SHEET_BILAN,
    )
    span = rencontre_tab.RT_LAST_COL
    title = rencontre_tab.RT_TAB_TITLE.format(numero=m.numero, titre=ctx.model.settings.titre)
    doc.add(Cell(title, style=styling.STYLE_TITLE, merge=span))
    doc.add(Cell(rencontre_tab.RT_SUBTITLE, style=styling.STYLE_SUBTITLE, merge=span))

    def header(label: str, value: Cell) -> int:
        value.merge = span - rencontre_tab.RT_VALUE_COL + 1
        return _row(
            doc,
            {
                rencontre_tab.RT_COL_NUM: Cell(label, style=styling.STYLE_LABEL, merge=2),
                rencontre_tab.RT_VALUE_COL: value,
            },
        )

    when = french.date_longue(m.date) or rencontre_tab.RT_AUCUNE
    if m.debut or m.fin:
        when += ", " + french.plage(m.debut, m.fin)
    header(rencontre_tab.RT_LABEL_QUAND, _generated(when))
    header(rencontre_tab.RT_LABEL_OU, _generated(" · ".join(p for p in (m.mode, m.lieu) if p)))
    header(
        rencontre_tab.RT_LABEL_CANEVAS,
        _generated(f"{ctx.canevas.key} : {ctx.canevas.titre} (durée prévue : {ctx.canevas.duree})"),
    )
    if ctx.canevas.plan is not None:
        header(rencontre_tab.RT_LABEL_HORAIRE, _generated(_horaire(ctx.canevas.plan)))
    r_deadline = header(
        rencontre_tab.RT_LABEL_ECHEANCE,
        Cell(
            rencontre_tab.meeting_lookup_formula(m.numero, "echeance_odj"),
            formula=True,
            style=styling.STYLE_COMPUTED,
            number_format=styling.NUMBER_FORMAT_DATE,
        ),
    )
    r_prepared = header(
        rencontre_tab.RT_LABEL_PREPARE,
        Cell(st.prepare_le, style=styling.STYLE_WRAP, number_format=styling.NUMBER_FORMAT_DATE),
    )
    header(
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
    doc.blank()

    # Présences
    doc.add(_bar(rencontre_tab.RT_SECTION_PRESENCES))
    _row(
        doc,
        {
            c: Cell(h, style=styling.STYLE_HEADER)
            for c, h in rencontre_tab.RT_PRESENCE_HEADERS.items()
        },
    )
    first = len(doc.rows) + 1
    names = []
    for mem in ctx.model.members:
        names.append(mem.full_name)
        _row(
            doc,
            {
                rencontre_tab.RT_COL_TEXT: _generated(mem.full_name),
                rencontre_tab.RT_COL_QUESTION: _generated(mem.fonction or mem.service),
                rencontre_tab.RT_COL_MINUTES: _generated(mem.role),
                rencontre_tab.RT_COL_RESP: _typed(st.presences.get(mem.full_name)),
            },
        )
    for gone, value in st.presences.items():  # members since removed: their row stays
        if gone not in names and not cellvalues.is_blank(value):
            _row(
                doc,
                {rencontre_tab.RT_COL_TEXT: _typed(gone), rencontre_tab.RT_COL_RESP: _typed(value)},
            )
    last = len(doc.rows)
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
            formula = f'=COUNTIF({rng},"{presence}")'
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
    doc.blank()

    # Ordre du jour
    doc.add(_bar(rencontre_tab.RT_SECTION_ODJ))
    _row(
        doc,
        {c: Cell(h, style=styling.STYLE_HEADER) for c, h in rencontre_tab.RT_ODJ_HEADERS.items()},
    )
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
    # The compte rendu starts a new printed page: header, présences and agenda come first.
    doc.page_breaks.append(len(doc.rows))
    doc.blank()

    # Compte rendu
    doc.add(_bar(rencontre_tab.RT_SECTION_CR))
    _row(
        doc,
        {c: Cell(h, style=styling.STYLE_HEADER) for c, h in rencontre_tab.RT_CR_HEADERS.items()},
    )
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
    doc.blank()

    # Prochaine rencontre
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
    _row(
        doc,
        {rencontre_tab.RT_COL_TEXT: Cell(rencontre_tab.RT_LABEL_QUI, style=styling.STYLE_LABEL)},
    )
    _row(
        doc,
        {
            c: Cell(h, style=styling.STYLE_HEADER)
            for c, h in rencontre_tab.RT_ACTION_HEADERS.items()
        },
    )
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
    fit_heights(doc)
    return doc


LINE_HEIGHT = 14.4  # points per wrapped line of 11-point Calibri (a single line: 15)
ROW_PADDING = 1.0
CHARS_PER_WIDTH = 1.25  # characters of French text per unit of column width (estimate)


def fit_heights(doc: SheetDoc) -> None:
    """Row heights that show wrapped text whole (Excel does not fit rows it did not write)."""
    for r, row in enumerate(doc.rows, start=1):
        lines = 1
        for c, cell in enumerate(row, start=1):
            if cell is None or cell.value is None or cell.formula:
                continue
            width = sum(doc.widths.get(c + k, 10) for k in range(cell.merge))
            per_line = max(1, int(width * CHARS_PER_WIDTH))
            text = cellvalues.shown(cell.value)
            n = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
            lines = max(lines, n)
        if lines > 1:
            doc.heights[r] = LINE_HEIGHT * lines + ROW_PADDING


# ======================================================================================
# Features
# ======================================================================================
def _context(
    model: Classeur,
    sheet_values: SheetValues,
    numero: int,
    today: dt.date,
    results: ResultSentences,
) -> Context:
    meeting = model.meeting(numero)
    if meeting is None:
        known = ", ".join(str(m.numero) for m in sorted(model.meetings, key=lambda m: m.numero))
        raise ClasseurError(
            f"La rencontre {numero} n'existe pas dans le calendrier.",
            sheet=structure.SHEET_RENCONTRES,
            hint=f"Rencontres au calendrier : {known or 'aucune'}. "
            "Ajoutez-la dans la feuille Rencontres ou choisissez un autre numéro.",
        )
    canevas = cv.for_meeting(meeting.canevas, model.settings.modele, numero)
    state = read_tab(sheet_values(structure.meeting_sheet(numero)), structure.meeting_sheet(numero))
    if state.has_agenda:
        state.items = refresh_items(model, meeting, canevas, state.items)
    else:
        state.items = initial_items(model, meeting, canevas)
        state.has_agenda = True
    return Context(model, meeting, canevas, state, today, results(model, meeting))


def ordre_du_jour(
    model: Classeur,
    sheet_values: SheetValues,
    numero: int,
    today: dt.date,
    results: ResultSentences = no_results,
) -> Update:
    """Fill or refresh rencontre ``numero``'s tab and render its agenda (HTML, text)."""
    ctx = _context(model, sheet_values, numero, today, results)
    if ctx.state.prepare_le is None:
        ctx.state.prepare_le = today
    from classeur.text import rencontres_docs

    html, text = rencontres_docs.agenda_documents(ctx)
    stem = rencontre_tab.ODJ_FILE.format(numero=numero)
    update = Update(sheets=[build_tab(ctx)], files={f"{stem}.html": html, f"{stem}.txt": text})
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
    return update


def _suivi_rows(model: Classeur) -> list[tuple[Any, ...]]:
    return [
        (a.numero, a.action, a.responsable, a.echeance, a.statut, a.rencontre, a.notes)
        for a in model.actions
    ]


def add_actions(model: Classeur, numero: int, state: TabState) -> tuple[list[Action], int]:
    """Link each « Qui fait quoi? » row to an action of tblSuivi, creating missing ones.

    A row already linked (n° au suivi) or matching an action of the same rencontre with
    the same text is not added again. Returns (all actions, number added).
    """
    actions = list(model.actions)
    by_number = {a.numero: a for a in actions}
    added = 0
    for row in state.actions:
        linked = row.suivi if isinstance(row.suivi, int) else None
        if linked is None and isinstance(row.suivi, float) and row.suivi.is_integer():
            linked = int(row.suivi)
        if linked is None and isinstance(row.suivi, str) and row.suivi.strip().isdigit():
            linked = int(row.suivi.strip())
        if linked in by_number:
            row.suivi = linked
            continue
        text = cellvalues.shown(row.action)
        same = next(
            (
                a
                for a in actions
                if a.rencontre == numero and a.action.strip().casefold() == text.casefold()
            ),
            None,
        )
        if same is not None:
            row.suivi = same.numero
            continue
        new = Action(
            numero=max((a.numero for a in actions), default=0) + 1,
            action=text,
            responsable=cellvalues.shown(row.responsable),
            echeance=cellvalues.date_or_none(row.echeance),
            statut=vocabulary.STATUT_A_FAIRE,
            rencontre=numero,
        )
        if new.echeance is None and not cellvalues.is_blank(row.echeance):
            new = replace(new, notes=f"Échéance : {cellvalues.shown(row.echeance)}")
        actions.append(new)
        by_number[new.numero] = new
        row.suivi = new.numero
        added += 1
    return actions, added


def compte_rendu(
    model: Classeur,
    sheet_values: SheetValues,
    numero: int,
    today: dt.date,
    results: ResultSentences = no_results,
) -> Update:
    """Build rencontre ``numero``'s compte rendu from its tab; add its actions to Suivi."""
    ctx = _context(model, sheet_values, numero, today, results)
    actions, added = add_actions(model, numero, ctx.state)
    ctx.model = replace(model, actions=actions)
    from classeur.text import rencontres_docs

    html, text = rencontres_docs.minutes_documents(ctx)
    stem = rencontre_tab.CR_FILE.format(numero=numero)
    update = Update(sheets=[build_tab(ctx)], files={f"{stem}.html": html, f"{stem}.txt": text})
    if added:
        update.tables[structure.SUIVI.name] = _suivi_rows(ctx.model)
    counts = presence_counts(ctx.state)
    update.messages.append(
        f"Compte rendu de la rencontre {numero} : {counts[vocabulary.PRESENT]} présent(s), "
        f"{counts[vocabulary.ABSENT]} absent(s), {counts[vocabulary.EXCUSE]} excusé(s); "
        f"{added} action(s) ajoutée(s) au suivi."
    )
    return update


DOC_ODJ = "ordre-du-jour"
DOC_CR = "compte-rendu"


def documents(
    model: Classeur,
    sheet_values: SheetValues,
    numero: int,
    today: dt.date,
    kind: str = DOC_ODJ,
    results: ResultSentences = no_results,
) -> tuple[str, str]:
    """The agenda (``DOC_ODJ``) or the compte rendu (``DOC_CR``) of rencontre ``numero`` as
    (HTML, plain text), exactly as the commands write them, without changing anything
    (email bodies)."""
    from classeur.text import rencontres_docs

    ctx = _context(model, sheet_values, numero, today, results)
    if kind == DOC_CR:
        actions, _ = add_actions(model, numero, ctx.state)
        ctx.model = replace(model, actions=actions)
        return rencontres_docs.minutes_documents(ctx)
    if ctx.state.prepare_le is None:
        ctx.state.prepare_le = today
    return rencontres_docs.agenda_documents(ctx)


# ======================================================================================
# Typing into a tab (demo data, tests): what a teacher does in Excel
# ======================================================================================
@dataclass
class Saisie:
    """Content typed in a rencontre tab. Item keys are 1-based positions in the agenda."""

    presences: dict[str, str] = field(default_factory=dict)
    items: dict[int, dict[str, Any]] = field(default_factory=dict)  # AgendaRow fields
    debut: str | None = None
    blocks: dict[str, str] = field(default_factory=dict)
    apporter: str | None = None
    discuter: str | None = None
    actions: list[tuple[str, str, dt.date | None]] = field(default_factory=list)


def saisir(
    model: Classeur, sheet_values: SheetValues, numero: int, saisie: Saisie, today: dt.date
) -> Update:
    """Type ``saisie`` into rencontre ``numero``'s tab (creating the agenda if needed)."""
    ctx = _context(model, sheet_values, numero, today, no_results)
    st = ctx.state
    st.presences.update(saisie.presences)
    for pos, values in saisie.items.items():
        while len(st.items) < pos:
            st.items.append(AgendaRow())
        for key, value in values.items():
            setattr(st.items[pos - 1], key, value)
    if saisie.debut is not None:
        st.debut = saisie.debut
    typed = {b.titre: b for b in st.blocks}
    for titre, text in saisie.blocks.items():
        if titre in typed:
            typed[titre].texte = text
        else:
            st.blocks.append(Block(titre, text))
    if saisie.apporter is not None:
        st.apporter = saisie.apporter
    if saisie.discuter is not None:
        st.discuter = saisie.discuter
    st.actions.extend(ActionRow(a, r, e) for a, r, e in saisie.actions)
    return Update(sheets=[build_tab(ctx)])
