"""Content typed in a rencontre tab, as a teacher types it in Excel (demo data, tests)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from classeur.domain.rencontres.tab import ActionRow, AgendaRow, Block, TabState


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


def type_into(state: TabState, saisie: Saisie) -> None:
    """Place ``saisie`` in ``state`` as a teacher types it: presences and notes added or
    replaced, agenda rows added up to the positions typed, actions appended."""
    state.presences.update(saisie.presences)
    for pos, values in saisie.items.items():
        while len(state.items) < pos:
            state.items.append(AgendaRow())
        for key, value in values.items():
            setattr(state.items[pos - 1], key, value)
    if saisie.debut is not None:
        state.debut = saisie.debut
    typed = {b.titre: b for b in state.blocks}
    for titre, text in saisie.blocks.items():
        if titre in typed:
            typed[titre].texte = text
        else:
            state.blocks.append(Block(titre, text))
    if saisie.apporter is not None:
        state.apporter = saisie.apporter
    if saisie.discuter is not None:
        state.discuter = saisie.discuter
    state.actions.extend(ActionRow(a, r, e) for a, r, e in saisie.actions)
