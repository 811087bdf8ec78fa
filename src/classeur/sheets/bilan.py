"""The Bilan sheet (annexe 5 du CEE): ``bilan(model, sheet_values, today)`` returns the
Update that rebuilds it.

- members with ☑/☐ (present at least once), dates des rencontres, and the five texts of
  annexe 5; what the teacher typed there is kept (an empty box is filled again);
- attendance per member and per rencontre, read live from each rencontre tab's
  « Présences » section by formulas (``domain.bilan`` computes the same numbers for the
  messages);
- for a réseau, release days against the CEE's budget, overruns flagged;
- the grille's progression per apprentissage and bloc, against the objectif commun, with
  a chart.

A rebuild never loses text: the answers are read back by their label, a note typed in a
free cell is kept where it is, and text typed over what Classeur writes refuses the
command (:mod:`classeur.sheets.notes`, as every generated sheet).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from classeur.domain import cellvalues
from classeur.domain.bilan import Figures, at_or_above, figures, typed_answers
from classeur.domain.model import Classeur, Learning
from classeur.domain.tables import scale_of
from classeur.layout import a1, bilan_sheet, structure, styling, vocabulary
from classeur.sheets import notes
from classeur.sheets.bilan_formulas import last_formula, progression_formula, reached_formula
from classeur.sheets.bilan_presences import (
    FIRST_MEETING_COL,
    Columns,
    attendance,
    bar,
    checkboxes,
    computed,
)
from classeur.sheets.sheetdoc import Cell, Chart, SheetDoc, Update, Validation
from classeur.text import french
from classeur.text.bilan import answers, member_line, warnings

SheetValues = Callable[[str], list[list[Any]] | None]


def _answers(values: list[list[Any]] | None) -> notes.Taken:
    """The answer cells :func:`_typed` reads (beside each annexe 5 label): the Bilan's
    own, not free notes."""
    labels = {*bilan_sheet.BILAN_TYPED_LABELS, *bilan_sheet.BILAN_LABELS_CAR.values()}
    keys = {cellvalues.label_key(label) for label in labels}
    rows = {
        r
        for r, row in enumerate(values or [], start=1)
        if row and cellvalues.label_key(row[0]) in keys
    }
    return lambda r, c: r in rows and c == bilan_sheet.BILAN_VALUE_COL


def _new_doc(c: Classeur, cols: Columns) -> SheetDoc:
    """The sheet with its title, the team's title and the school year."""
    widths: dict[int, float] = dict(bilan_sheet.BILAN_WIDTHS)
    for j in range(FIRST_MEETING_COL, cols.span + 1):
        widths[j] = bilan_sheet.BILAN_MATRIX_WIDTH
    doc = SheetDoc(
        structure.SHEET_BILAN, widths=widths, landscape=False, before=structure.SHEET_PARAMETRES
    )
    doc.add(Cell(structure.BILAN_TITLE, style=styling.STYLE_TITLE, merge=cols.span))
    subtitle = bilan_sheet.BILAN_SUBTITLES[c.settings.modele]
    doc.add(Cell(subtitle, style=styling.STYLE_SUBTITLE, merge=cols.span))
    doc.blank()
    doc.add(
        Cell(bilan_sheet.BILAN_LABEL_TITRE[c.settings.modele], style=styling.STYLE_LABEL),
        Cell(c.settings.titre, merge=cols.text_span),
    )
    doc.add(
        Cell(bilan_sheet.BILAN_LABEL_ANNEE, style=styling.STYLE_LABEL),
        Cell(c.settings.annee_scolaire, merge=cols.text_span),
    )
    doc.blank()
    return doc


def _members(doc: SheetDoc, f: Figures, cols: Columns) -> int:
    """The members' lines; their ☑ is written once the attendance table's rows are known
    (:func:`bilan_presences.checkboxes`). Returns the first member's row."""
    bar(doc, f"{bilan_sheet.BILAN_SECTION_MEMBRES} ({bilan_sheet.BILAN_MEMBRES_NOTE})", cols.span)
    first = len(doc.rows) + 1
    for m in f.people:
        doc.add(None, Cell(member_line(m), merge=cols.text_span))
    doc.blank()
    return first


def _notes(doc: SheetDoc, c: Classeur, cols: Columns, texts: dict[str, Any]) -> None:
    """The annexe 5 texts: the dates, then each answer (``texts``, by réseau label)."""
    bar(doc, bilan_sheet.BILAN_SECTION_NOTES, cols.span)
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    dates = "; ".join(french.date_longue(m.date) for m in meetings if m.date) or "—"
    doc.add(
        Cell(bilan_sheet.BILAN_DATES, style=styling.STYLE_LABEL),
        Cell(dates, style=styling.STYLE_WRAP, merge=cols.text_span),
    )
    # A CAR équipe's bilan asks no continuation, unless the team wrote one there already.
    labels: tuple[str, ...] = bilan_sheet.BILAN_TYPED_LABELS
    if not cols.reseau and texts.get(bilan_sheet.BILAN_CONTINUATION) in (None, ""):
        labels = bilan_sheet.BILAN_TYPED_LABELS_CAR
    for label in labels:
        shown = label if cols.reseau else bilan_sheet.BILAN_LABELS_CAR.get(label, label)
        value = texts[label]
        row = doc.add(
            Cell(shown, style=styling.STYLE_LABEL),
            Cell(
                value if value != "" else None,
                style=styling.STYLE_WRAP,
                merge=cols.text_span,
                typed=True,
            ),
        )
        if label == bilan_sheet.BILAN_CONTINUATION:
            col = bilan_sheet.BILAN_VALUE_COL
            doc.validations.append(
                Validation(
                    a1.cell_ref(row, col), bilan_sheet.BILAN_CONTINUATION_CHOICES, title=label
                )
            )
    doc.blank()


_FIRST_BLOC_COL = len(bilan_sheet.BILAN_PROG_HEADERS) + 1
_LAST_BLOC_COL = _FIRST_BLOC_COL + len(vocabulary.BLOCS) - 1


def _progression_row(r: int, lrn: Learning, scale: tuple[int | str, ...]) -> list[Cell | None]:
    """Row ``r``: one apprentissage's % per bloc, the last one, and whether it reached
    the objectif commun."""
    cells: list[Cell | None] = [
        Cell(lrn.code),
        Cell(lrn.niveau_vise),
        Cell(lrn.objectif, number_format=styling.NUMBER_FORMAT_PERCENT),
    ]
    good = at_or_above(lrn, scale)
    for bloc in vocabulary.BLOCS:
        header = structure.grille_header(lrn.code, bloc)
        cells.append(computed(progression_formula(header, good), styling.NUMBER_FORMAT_PERCENT))
    bloc_cells = [a1.cell_ref(r, col) for col in range(_FIRST_BLOC_COL, _LAST_BLOC_COL + 1)]
    cells.append(computed(last_formula(bloc_cells), styling.NUMBER_FORMAT_PERCENT))
    last_ref = a1.cell_ref(r, _LAST_BLOC_COL + 1)
    goal_ref = a1.cell_ref(r, len(bilan_sheet.BILAN_PROG_HEADERS))
    cells.append(computed(reached_formula(last_ref, goal_ref)))
    return cells


def _progression_chart(header_row: int, last_row: int) -> Chart:
    return Chart(
        "bar",
        bilan_sheet.BILAN_CHART_TITLE,
        a1.cell_ref(last_row + 2, 1),
        a1.range_ref(header_row + 1, 1, last_row, 1),
        [
            (a1.cell_ref(header_row, col), a1.range_ref(header_row + 1, col, last_row, col))
            for col in range(_FIRST_BLOC_COL, _LAST_BLOC_COL + 1)
        ],
        y_title="% des élèves",
        y_max=1,
        number_format=styling.NUMBER_FORMAT_PERCENT,
    )


def _progression(doc: SheetDoc, c: Classeur, cols: Columns) -> None:
    """The grille's progression, on a printed page of its own with its chart."""
    doc.page_breaks.append(len(doc.rows))
    bar(
        doc,
        f"{bilan_sheet.BILAN_SECTION_PROGRESSION} ({bilan_sheet.BILAN_PROGRESSION_NOTE})",
        cols.span,
    )
    header_row = doc.add(
        *(Cell(h, style=styling.STYLE_HEADER) for h in bilan_sheet.BILAN_PROG_HEADERS),
        *(Cell(b, style=styling.STYLE_HEADER) for b in vocabulary.BLOCS),
        Cell(bilan_sheet.BILAN_LAST_HEADER, style=styling.STYLE_HEADER),
        Cell(bilan_sheet.BILAN_ATTEINTE_HEADER, style=styling.STYLE_HEADER),
    )
    scale = scale_of(c.settings)
    for lrn in c.learnings:
        doc.add(*_progression_row(len(doc.rows) + 1, lrn, scale))
    if c.learnings:
        doc.charts.append(_progression_chart(header_row, len(doc.rows)))
        for _ in range(bilan_sheet.BILAN_CHART_ROWS):
            doc.blank()


def bilan(c: Classeur, sheet_values: SheetValues, today: dt.date) -> Update:
    """The Update that (re)builds the Bilan sheet."""
    old = sheet_values(structure.SHEET_BILAN)
    typed = typed_answers(old)
    f = figures(c, sheet_values)
    meetings = sorted(c.meetings, key=lambda m: m.numero)
    cols = Columns(c.settings.modele == vocabulary.MODELE_RESEAU, len(meetings))
    doc = _new_doc(c, cols)
    members_at = _members(doc, f, cols)
    _notes(doc, c, cols, answers(c, f, sheet_values, today, typed))
    first_member = attendance(doc, c, f, meetings, cols)
    checkboxes(doc, f, cols, members_at, first_member)
    _progression(doc, c, cols)
    doc.fit_heights()
    update = Update(sheets=[doc])
    notes.keep(update, doc, old, c.settings.memories, _answers(old))
    update.messages.append(
        f"Bilan : {french.plural(len(f.presences), 'rencontre')} avec présences, "
        f"{french.plural(len(c.learnings), 'apprentissage')}, "
        f"{french.plural(len(c.grid), 'élève')} dans la grille."
    )
    update.messages += warnings(c, f)
    return update
