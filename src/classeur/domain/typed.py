"""Dates and times typed as text in the input tables: found once, written back as real
dates and times by every writing command, reported by `verifier`.

Text in a date or time column reads fine in Python (the one parser, ``cellvalues``) but
the workbook's own formulas (Bilan « Jours utilisés », the Plan's deadlines, the
rencontre tabs' « Échéance ») see text and give 0, blank or #VALUE!. Only the date and
time columns of Classeur's tables are touched: a note column stays text whatever it
says, and a date that can be read two ways is left as typed for the teacher to settle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from classeur.domain import cellvalues
from classeur.domain.model import Classeur
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
        headers = [cellvalues.shown(h) for h in raw.headers]
        for col in columns:
            if col.header not in headers:
                continue
            j = headers.index(col.header)
            for i, cells in enumerate(raw.rows):
                found = cellvalues.typed_as_text(cells[j] if j < len(cells) else None, col.kind)
                if found is not None:
                    row = raw.header_row + 1 + i
                    out.append(TextCell(raw.sheet, row, raw.first_column + j, col.header, found))
    return sorted(out, key=lambda t: (t.sheet, t.row, t.column))


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
        if t.found.ambiguous is not None:
            message = (
                f"« {t.found.typed} » peut se lire le {shown_value(t.found)} "
                f"(jour/mois, la règle au Québec) ou le {french.date_longue(t.found.ambiguous)} "
                "(mois/jour); Classeur la lit jour/mois mais la laisse en texte, et les "
                "formules du classeur ne la voient pas."
            )
            hint = (
                "Retapez-la sous la forme année-mois-jour, p. ex. "
                f"{t.found.value.isoformat()} ou {t.found.ambiguous.isoformat()}."
            )
        else:
            message = (
                f"La {kind} « {t.found.typed} » est du texte : Classeur la lit "
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
