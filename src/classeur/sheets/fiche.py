"""The fiche de proposition sheet (annexe 1 du CEE): one row per question, the answers the
teacher typed kept, blanks filled from the classeur, and the résumé's word count as a live
formula against the CEE's limit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from classeur.domain import cellvalues
from classeur.domain.model import Classeur
from classeur.domain.reseau import (
    check_fiche_values,
    fiche_defaults,
    fiche_row,
    fiche_values,
    word_count,
)
from classeur.layout import a1, annexes, structure, styling
from classeur.sheets import notes
from classeur.sheets.sheetdoc import Cell, SheetDoc, Update
from classeur.text import french

SheetValues = Callable[[str], list[list[Any]] | None]


def _word_count_rows(doc: SheetDoc) -> None:
    """The résumé's word count (counted as :func:`domain.reseau.word_count` counts) and
    what it means against the limit, both live."""
    resume = a1.cell_ref(fiche_row(annexes.FICHE_RESUME), annexes.FICHE_VALUE_COL)
    clean = f'TRIM(SUBSTITUTE(SUBSTITUTE({resume},CHAR(13)," "),CHAR(10)," "))'
    count_row = doc.add(
        Cell(annexes.FICHE_WORDS_LABEL, style=styling.STYLE_LABEL),
        Cell(
            f'=IF(LEN({clean})=0,0,LEN({clean})-LEN(SUBSTITUTE({clean}," ",""))+1)',
            formula=True,
            style=styling.STYLE_COMPUTED,
        ),
    )
    count = a1.cell_ref(count_row, annexes.FICHE_VALUE_COL)
    limit = annexes.FICHE_RESUME_MAX_WORDS
    doc.add(
        None,
        Cell(
            f'=IF({count}>{limit},"Trop long\u00a0: {limit} mots maximum; retranchez "'
            f"&({count}-{limit})"
            f'&IF({count}-{limit}>1," mots."," mot."),'
            f'"Le résumé respecte la limite de {limit} mots.")',
            formula=True,
            style=styling.STYLE_COMPUTED,
        ),
    )


def _answers(old: list[list[Any]] | None) -> notes.Taken:
    """The answer cells :func:`fiche_values` reads (beside each question's label): the
    fiche's own, not free notes."""
    labels = {cellvalues.label_key(label) for _, label in annexes.FICHE_FIELDS}
    rows = {
        r
        for r, row in enumerate(old or [], start=1)
        if len(row) >= annexes.FICHE_LABEL_COL
        and cellvalues.label_key(row[annexes.FICHE_LABEL_COL - 1]) in labels
    }
    return lambda r, c: r in rows and c == annexes.FICHE_VALUE_COL


def fiche(c: Classeur, sheet_values: SheetValues, answers: dict[str, str] | None = None) -> Update:
    """The fiche de proposition sheet: typed answers kept, blanks filled from the classeur
    (or from ``answers``), with the résumé's word count as a live formula."""
    old = sheet_values(structure.SHEET_FICHE)
    typed = fiche_values(sheet_values)
    values = {**fiche_defaults(c), **(answers or {}), **typed}
    doc = SheetDoc(
        structure.SHEET_FICHE,
        widths=dict(annexes.FICHE_WIDTHS),
        before=structure.SHEET_BILAN,
    )
    doc.add(Cell(annexes.FICHE_TITLE, style=styling.STYLE_TITLE, merge=2))
    doc.add(Cell(annexes.FICHE_SUBTITLE, style=styling.STYLE_SUBTITLE, merge=2))
    while len(doc.rows) < annexes.FICHE_FIRST_ROW - 1:
        doc.blank()
    for key, label in annexes.FICHE_FIELDS:
        doc.add(
            Cell(label, style=styling.STYLE_LABEL),
            Cell(values.get(key), style=styling.STYLE_WRAP, typed=True),
        )
    _word_count_rows(doc)
    # The end of annexe 1 du CEE, as the annex prints it (not an answer: never read back),
    # after the résumé's word count (which stays beside the answers).
    doc.add(
        Cell(annexes.FICHE_MISSION_LABEL, style=styling.STYLE_LABEL),
        Cell(f"{annexes.FICHE_MISSION_TEXT}\n{annexes.FICHE_MERCI}", style=styling.STYLE_WRAP),
    )
    doc.fit_heights()
    update = Update(sheets=[doc])
    notes.keep(update, doc, old, c.settings.memories, _answers(old))
    n = word_count(values.get(annexes.FICHE_RESUME, ""))
    limit = annexes.FICHE_RESUME_MAX_WORDS
    words = french.plural(n, "mot")
    update.messages.append(f"Fiche de proposition : résumé de {words} sur {limit}.")
    update.messages += [str(p) for p in check_fiche_values(values)]
    return update
