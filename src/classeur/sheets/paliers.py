"""The « Paliers » sheet: the rule in words, then an Excel table with the palier suggested
for each student and why. The notes a teacher typed in the table are kept by student, even
for a student who left the grille (at the bottom of the table)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from classeur.domain import cellvalues
from classeur.domain.grille.paliers import PalierRule, Suggestion, suggestions
from classeur.domain.identity import student_key
from classeur.domain.model import Classeur
from classeur.layout import compilation, structure, styling
from classeur.sheets.notes import Taken, typed_cell
from classeur.sheets.resultats import HEADER_HEIGHT, header_cell, heading_cell
from classeur.sheets.sheetdoc import Cell, SheetDoc, SheetTable, area

SheetValues = Callable[[str], list[list[Any]] | None]
Notes = dict[tuple[str, str, str], tuple[list[Any], Any]]


def _table_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """The current Paliers table's header row (0-based) and its columns by key."""
    headers = [cellvalues.label_key(col.header) for col in compilation.PALIERS_COLUMNS]
    keys = [col.key for col in compilation.PALIERS_COLUMNS]
    for i, row in enumerate(rows):
        found = cellvalues.header_positions(row)
        if not all(h in found for h in headers[:3]) or headers[-1] not in found:
            continue
        return i, {k: found[h] for k, h in zip(keys, headers, strict=True) if h in found}
    return None


def _existing_notes(rows: list[list[Any]] | None) -> Notes:
    """Notes typed in the current Paliers table, by student: (identity values, note)."""
    found = _table_header(rows or [])
    if not rows or found is None:
        return {}
    i, pos = found
    out = {}
    for data in rows[i + 1 :]:
        cell = {k: data[j] if j < len(data) else None for k, j in pos.items()}
        note = cell.get("notes")
        if cellvalues.is_blank(note):
            continue
        ident = [cell.get("eleve"), cell.get("groupe"), cell.get("enseignant")]
        out[student_key(*ident)] = (ident, note)
    return out


def notes_zone(rows: list[list[Any]] | None) -> Taken:
    """The cells :func:`_existing_notes` reads (the notes column under the header): the
    Paliers module's own, not free notes (:mod:`classeur.sheets.notes`)."""
    found = _table_header(rows or [])
    if found is None or "notes" not in found[1]:
        return lambda r, c: False
    header, col = found[0] + 1, found[1]["notes"] + 1
    return lambda r, c: r > header and c == col


def _rule(doc: SheetDoc, c: Classeur, rule: PalierRule) -> None:
    """The rule in words and its parameters as the settings hold them."""
    doc.add(heading_cell(compilation.PALIERS_RULE_HEADING))
    for line in rule.describe():
        doc.add(Cell(line, merge=compilation.RESULTATS_HEADING_SPAN))
    params = ", ".join(
        f"{k} = {v}"
        for k, v in {**compilation.PALIER_DEFAULTS, **c.settings.extra}.items()
        if k in compilation.PALIER_DEFAULTS
    )
    doc.add(
        Cell(
            f"Paramètres\u00a0: {params}.",
            style=styling.STYLE_SUBTITLE,
            merge=compilation.RESULTATS_HEADING_SPAN,
        )
    )


def _students(doc: SheetDoc, suggested: list[Suggestion], notes: Notes) -> None:
    """One row per student; their note moves from ``notes`` to the row."""
    for s in suggested:
        e = s.entry
        note = notes.pop(student_key(e.eleve, e.groupe, e.enseignant), (None, None))[1]
        doc.add(
            Cell(e.eleve),
            Cell(e.groupe),
            Cell(e.enseignant),
            Cell(compilation.PALIER_LABELS[s.palier], bold=s.palier > 1),
            Cell(len(s.non_atteints)),
            Cell(", ".join(s.non_atteints)),
            Cell(s.tendance),
            Cell(s.manques),
            Cell(s.raison),
            typed_cell(note) if note is not None else None,
        )


def _gone(doc: SheetDoc, notes: Notes) -> None:
    """The notes of students who left the grille: kept, under the others."""
    for ident, note in notes.values():
        doc.add(
            Cell(ident[0]),
            Cell(ident[1]),
            Cell(ident[2]),
            Cell(compilation.RESULTATS_NONE),
            None,
            None,
            None,
            None,
            Cell(compilation.PALIERS_GONE),
            typed_cell(note),
        )


def paliers_sheet(
    c: Classeur,
    sheet_values: SheetValues,
    rule: PalierRule,
    suggested: list[Suggestion] | None = None,
) -> tuple[SheetDoc, int]:
    """The « Paliers » sheet and the number of teacher notes kept for vanished students."""
    if suggested is None:
        suggested = suggestions(c, rule)
    doc = SheetDoc(
        structure.SHEET_PALIERS,
        widths={j: col.width for j, col in enumerate(compilation.PALIERS_COLUMNS, start=1)},
        landscape=True,
        before=compilation.RESULTATS_BEFORE,
    )
    doc.add(Cell(compilation.PALIERS_TITLE, style=styling.STYLE_TITLE))
    doc.add(Cell(compilation.PALIERS_SUBTITLE, style=styling.STYLE_SUBTITLE))
    doc.blank()
    _rule(doc, c, rule)
    doc.blank()
    header = doc.add(*(header_cell(col.header) for col in compilation.PALIERS_COLUMNS))
    doc.heights[header] = HEADER_HEIGHT
    notes = _existing_notes(sheet_values(structure.SHEET_PALIERS))
    _students(doc, suggested, notes)
    _gone(doc, notes)
    last = max(len(doc.rows), header + 1)
    while len(doc.rows) < last:
        doc.blank()
    doc.tables.append(
        SheetTable(
            compilation.PALIERS_TABLE, area(header, 1, last, len(compilation.PALIERS_COLUMNS))
        )
    )
    doc.freeze = (header + 1, 2)
    doc.title_rows = (header, header)
    return doc, len(notes)
