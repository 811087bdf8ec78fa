"""The documents a team sends, designed from the model (not printed from the sheets):
each kind has its builder; :func:`build` picks it. Pure: the renderers are in
``classeur.files.export`` (Word and PDF render the same :class:`Document`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from classeur.domain.model import Classeur
from classeur.domain.rencontres.agenda import ResultSentences, context
from classeur.layout import outputs
from classeur.text import french
from classeur.text.documents import annexes, grille, rencontre
from classeur.text.documents.model import Document

SheetValues = Callable[[str], list[list[Any]] | None]

__all__ = ["Document", "build"]


def build(
    c: Classeur,
    sheet_values: SheetValues,
    kind: str,
    numero: int | None,
    today: dt.date,
    results: ResultSentences,
) -> Document | None:
    """The designed document of ``kind`` (None for the whole classeur, which is only
    shared as the .xlsx copy and a document of its sheets), in Québec typography: the
    rule (text.french) sets the whole document, the team's words included, as the
    e-mail's templates do (a document sent to the CEE is copy-edited as a whole)."""
    doc = _designed(c, sheet_values, kind, numero, today, results)
    return None if doc is None else doc.map_text(french.typography)


def _designed(
    c: Classeur,
    sheet_values: SheetValues,
    kind: str,
    numero: int | None,
    today: dt.date,
    results: ResultSentences,
) -> Document | None:
    if kind in outputs.MEETING_DOCUMENTS and numero is not None:
        ctx = context(c, sheet_values, numero, today, results)
        which = kind
        if kind == outputs.DOC_RENCONTRE:  # before it: its agenda; after: its minutes
            held = ctx.meeting.date is not None and ctx.meeting.date < today
            which = outputs.DOC_CR if held else outputs.DOC_ODJ
        return rencontre.minutes(ctx) if which == outputs.DOC_CR else rencontre.agenda(ctx)
    if kind == outputs.DOC_BILAN:
        return annexes.bilan(c, sheet_values, today)
    if kind == outputs.DOC_FICHE:
        return annexes.fiche(c, sheet_values)
    if kind == outputs.DOC_PLAN:
        return annexes.plan(c, sheet_values)
    if kind == outputs.DOC_GRILLE:
        return grille.grille(c)
    return None
