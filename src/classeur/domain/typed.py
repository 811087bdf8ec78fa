"""Dates, times and levels typed as text in the input tables: found once, written back
as real values by every writing command, reported by `verifier`.

Text in a date or time column reads fine in Python (the one parser, ``cellvalues``) but
the workbook's own formulas (Bilan « Jours utilisés », the Plan's deadlines, the
rencontre tabs' « Échéance ») see text and give 0, blank or #VALUE!. Only the date and
time columns of Classeur's tables are touched: a note column stays text whatever it
says, and a date that can be read two ways is left as typed for the teacher to settle.

Levels of the Grille typed with spaces or as text (« 3 » with a space, a number stored as
text) read as their level in Python, but COUNTIFS in Résultats does not count them: the
cell is given the level as the scale spells it (rather than TRIM in every formula, which
would turn each COUNTIFS into a much slower SUMPRODUCT over the whole grille), so the
sentences and the sheets always count the same students.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from classeur.domain import cellvalues
from classeur.domain.model import Classeur
from classeur.domain.tables import scale_of
from classeur.errors import Problem
from classeur.layout import structure
from classeur.text import french


@dataclass(frozen=True)
class TextCell:
    """A date or time typed as text in a table cell (sheet row and column numbers)."""

    sheet: str
    row: int
    column: int
    header: str
    found: cellvalues.TypedText


def text_cells(c: Classeur) -> list[TextCell]:
    """Every date or time typed as text in the input tables of ``c``, in sheet order."""
    out: list[TextCell] = []
    for spec in structure.ALL_TABLES:
        raw = c.raw.get(spec.name)
        columns = [col for col in spec.input_columns if col.kind in ("date", "time")]
        if raw is None or not columns:
            continue
        positions = cellvalues.header_positions(raw.headers)
        for col in columns:
            j = positions.get(cellvalues.label_key(col.header))
            if j is None:
                continue
            for i, cells in enumerate(raw.rows):
                found = cellvalues.typed_as_text(cells[j] if j < len(cells) else None, col.kind)
                if found is not None:
                    row = raw.header_row + 1 + i
                    out.append(TextCell(raw.sheet, row, raw.first_column + j, col.header, found))
    return sorted(out, key=lambda t: (t.sheet, t.row, t.column))


@dataclass(frozen=True)
class LevelCell:
    """A level of the Grille typed otherwise than the scale spells it."""

    sheet: str
    row: int
    column: int
    header: str
    typed: str
    value: int | str


def level_cells(c: Classeur) -> list[LevelCell]:
    """Every level of the Grille typed as text or with spaces, in sheet order."""
    raw = c.raw.get(structure.GRILLE_NAME)
    if raw is None:
        return []
    convert = cellvalues.level(scale_of(c.settings))
    out = []
    for j, header in enumerate(cellvalues.shown(h) for h in raw.headers):
        parsed = structure.parse_grille_header(header)
        if parsed is None or parsed[0] not in c.learning_codes:
            continue
        for i, cells in enumerate(raw.rows):
            v = cells[j] if j < len(cells) else None
            if not isinstance(v, str) or cellvalues.is_blank(v):
                continue
            try:
                level = convert(v)
            except cellvalues.Invalid:
                continue  # reading reports it
            if level is not None and level != v:
                row = raw.header_row + 1 + i
                out.append(LevelCell(raw.sheet, row, raw.first_column + j, header, v, level))
    return out


def shown_value(found: cellvalues.TypedText) -> str:
    """The value in words, to tell the teacher how the text was read."""
    value = found.value
    if isinstance(value, dt.time):
        return french.heure(value)
    return french.date_longue(value)


def problems(c: Classeur, file: str | None = None) -> list[Problem]:
    """What `verifier` says of each date or time typed as text."""
    out = []
    for t in text_cells(c):
        kind = "heure" if isinstance(t.found.value, dt.time) else "date"
        the = "L'heure" if kind == "heure" else "La date"
        if t.found.ambiguous is not None:
            message = (
                f"« {t.found.typed} » peut se lire le {shown_value(t.found)} "
                f"(jour/mois, la règle au Québec) ou le {french.date_longue(t.found.ambiguous)} "
                "(mois/jour); Classeur la lit jour/mois mais la laisse en texte, et les "
                "formules du classeur ne la voient pas."
            )
            hint = (
                "Retapez-la sous la forme année-mois-jour, p. ex. "
                f"«\u00a0{t.found.value.isoformat()}\u00a0» ou "
                f"«\u00a0{t.found.ambiguous.isoformat()}\u00a0»."
            )
        else:
            message = (
                f"{the} « {t.found.typed} » est du texte : Classeur la lit "
                f"({shown_value(t.found)}), mais les formules du classeur ne la voient pas."
            )
            hint = (
                "La prochaine commande qui écrit dans le classeur (p. ex. « classeur "
                f"compiler ») la remplacera par une vraie {kind}, affichée de la même façon."
            )
        out.append(
            Problem(message, sheet=t.sheet, row=t.row, column=t.header, hint=hint, file=file)
        )
    return out


def level_problems(c: Classeur, file: str | None = None) -> list[Problem]:
    """What `verifier` says of each level typed as text or with spaces."""
    return [
        Problem(
            f"Le niveau « {t.typed} » est tapé {_how(t.typed)} : Classeur le compte comme "
            f"{t.value}, mais les formules de la feuille Résultats ne le comptent pas.",
            sheet=t.sheet,
            row=t.row,
            column=t.header,
            hint="La prochaine commande qui écrit dans le classeur (p. ex. « classeur "
            f"compiler ») inscrira {t.value} à sa place; ou retapez-le vous-même.",
            file=file,
        )
        for t in level_cells(c)
    ]


def _how(typed: str) -> str:
    return "avec des espaces" if typed != typed.strip() else "comme du texte"
