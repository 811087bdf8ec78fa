"""What a rencontre tab (R1 … Rn) holds, read back from the sheet. Pure.

Regeneration never loses typed content: the tab is read back (:func:`read_tab`), every
typed cell is placed again in the rebuilt tab, and a typed cell Classeur cannot place
raises a French :class:`~classeur.errors.ClasseurError` instead of being dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from classeur.domain import cellvalues
from classeur.errors import ClasseurError
from classeur.layout import a1, rencontre_tab

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


_key = cellvalues.label_key
# Labels are recognised whatever their typography: a tab written before Classeur's labels
# were in Québec typography (« Échéance de l'ordre du jour ») reads as before.
_HEADER_KEYS = {_key(label) for label in rencontre_tab.RT_HEADER_LABELS}
# The labels of the counts under a tab's presences, as written now and before
COUNT_LABEL_KEYS = {
    _key(label)
    for label in (*rencontre_tab.RT_COUNT_LABELS.values(), *rencontre_tab.RT_COUNT_LABELS_BEFORE)
}


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

    def key(self, r: int, c: int = rencontre_tab.RT_COL_NUM) -> str:
        """The label at (r, c) as Classeur recognises its own (:func:`cellvalues.label_key`)."""
        return cellvalues.label_key(self.label(r, c))

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
        label = g.key(r)
        if label in _HEADER_KEYS:
            g.take(r, rencontre_tab.RT_COL_NUM)
            value = g.take(r, rencontre_tab.RT_VALUE_COL)
            if label == _key(rencontre_tab.RT_LABEL_PREPARE):
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
    for r in range(start + 1, end_of(start) + 1):
        name = g.label(r, rencontre_tab.RT_COL_TEXT)
        if (
            name == rencontre_tab.RT_PRESENCE_HEADERS[rencontre_tab.RT_COL_TEXT]
            or _key(name) in COUNT_LABEL_KEYS
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
        if g.key(r, rencontre_tab.RT_COL_TEXT) == _key(rencontre_tab.RT_ODJ_TOTAL):
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
        if _key(label) == _key(rencontre_tab.RT_LABEL_DEBUT):
            state.debut, state.debut_realisation = notes, done
        else:
            state.blocks.append(Block(label, notes, done))


def _read_prochaine(
    g: _Grid, start: int, end_of: Callable[[int], int], state: TabState, sheet: str
) -> None:
    g.take(start, rencontre_tab.RT_COL_NUM)
    in_actions = False
    for r in range(start + 1, end_of(start) + 1):
        label = g.key(r, rencontre_tab.RT_COL_TEXT)
        if not in_actions:
            if label == _key(rencontre_tab.RT_LABEL_PROCHAINE_DATE):
                g.take(r, rencontre_tab.RT_COL_TEXT)
                g.take(r, rencontre_tab.RT_VALUE_COL)
            elif label == _key(rencontre_tab.RT_LABEL_APPORTER):
                g.take(r, rencontre_tab.RT_COL_TEXT)
                state.apporter = g.take(r, rencontre_tab.RT_COL_NOTES)
            elif label == _key(rencontre_tab.RT_LABEL_DISCUTER):
                g.take(r, rencontre_tab.RT_COL_TEXT)
                state.discuter = g.take(r, rencontre_tab.RT_COL_NOTES)
            elif label == _key(rencontre_tab.RT_LABEL_QUI):
                g.take(r, rencontre_tab.RT_COL_TEXT)
                in_actions = True
            continue
        if label == _key(rencontre_tab.RT_ACTION_HEADERS[rencontre_tab.RT_COL_TEXT]):
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
