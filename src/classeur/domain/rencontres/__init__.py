"""Rencontres as data: what a rencontre tab holds and what its agenda is. Pure.

- :mod:`.tab`: what a tab holds (agenda rows, présences, compte rendu blocks, « Qui fait
  quoi? » actions), read back from the sheet so that a regeneration keeps what was typed;
- :mod:`.agenda`: the agenda from the canevas and the Suivi, its deadline and state, the
  context a tab and its documents are built from, and the actions a compte rendu adds;
- :mod:`.saisie`: content typed in a tab, as a teacher types it (demo data, tests).

The tab itself is built by :mod:`classeur.sheets.rencontre`, the documents (ordre du jour,
compte rendu) by :mod:`classeur.text.rencontre`.
"""

from __future__ import annotations

from classeur.domain.rencontres.agenda import (
    Context,
    ResultSentences,
    SheetValues,
    add_actions,
    blocks_for,
    context,
    etat_odj,
    horaire,
    initial_items,
    is_late,
    minutes_total,
    no_results,
    open_actions,
    presence_counts,
    refresh_items,
    suivi_heading,
    suivi_row,
)
from classeur.domain.rencontres.saisie import Saisie, type_into
from classeur.domain.rencontres.tab import ActionRow, AgendaRow, Block, TabState, read_tab

__all__ = [
    "ActionRow",
    "AgendaRow",
    "Block",
    "Context",
    "ResultSentences",
    "Saisie",
    "SheetValues",
    "TabState",
    "add_actions",
    "blocks_for",
    "context",
    "etat_odj",
    "horaire",
    "initial_items",
    "is_late",
    "minutes_total",
    "no_results",
    "open_actions",
    "presence_counts",
    "read_tab",
    "refresh_items",
    "suivi_heading",
    "suivi_row",
    "type_into",
]
