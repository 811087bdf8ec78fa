"""The ONE reading of cell values: what a cell holds, as either adapter hands it over
(text, whole or decimal numbers, dates, times, ``None``: openpyxl and xlwings give the same
types), turned into what the model needs.

- :func:`text`: the text a teacher typed, as typed (« 3 », « 23 novembre 2026 »,
  « 8 h 45 »); :func:`shown`: the same without surrounding spaces, for labels and
  documents;
- :func:`parse_date` and :func:`parse_time`: THE date and time parser, accepting what
  teachers type (« 2026-10-15 », « 15/10/2026 », « 15 oct. 2026 », « 1er octobre 2026 »,
  « 12h45 », « 12 h 45 », « 12:45 »);
- :func:`to_int`, :func:`to_percent`, :func:`choice`, :func:`level`: the other kinds of
  column, each raising :class:`Invalid` (a French message and how to fix it).
Every reader of the workbook goes through here, so a value reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from classeur.text.french import date_courte, heure


class Invalid(ValueError):
    """A cell value of the wrong kind: French message and how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def is_blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def text(v: Any) -> str:
    """A cell value as the text a teacher typed: whole numbers without « .0 », dates and
    times in French, spaces and line breaks kept."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return date_courte(v.date()) if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return date_courte(v)
    if isinstance(v, dt.time):
        return heure(v)
    return str(v)


def shown(v: Any) -> str:
    """:func:`text` without surrounding spaces: a label, or a value in a document."""
    return text(v).strip()


def to_int(v: Any) -> int | None:
    if is_blank(v):
        return None
    if isinstance(v, bool):
        raise Invalid(f"« {v} » n'est pas un nombre entier.", "Inscrivez un nombre entier.")
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    typed = str(v).strip()
    if typed.isdigit():
        return int(typed)
    raise Invalid(f"« {v} » n'est pas un nombre entier.", "Inscrivez un nombre entier, p. ex. 3.")


# Numeric dates: ISO first (the Québec standard), then day first (as typed in Québec).
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d")
_WORDS_DATE = re.compile(r"^(?:[a-z]+\.?,?\s+)?(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})$")
_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:h|:|H)\s*(\d{2})?\s*$")


def _folded(s: str) -> str:
    """Lower case without accents: « Févr. » and « fevr » read the same."""
    decomposed = unicodedata.normalize("NFKD", s.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _month_numbers() -> dict[str, int]:
    """French month names, wide and abbreviated, as babel's fr_CA data spells them."""
    from babel.dates import get_month_names

    out: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="fr_CA").items():
            out[_folded(name).rstrip(".")] = number
    return out


def _date_in_words(typed: str) -> dt.date | None:
    """« 15 oct. 2026 », « 1er octobre 2026 », « jeudi 15 octobre 2026 »."""
    match = _WORDS_DATE.match(" ".join(_folded(typed).split()))
    if match is None:
        return None
    month = _month_numbers().get(match.group(2))
    if month is None:
        return None
    try:
        return dt.date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None


def parse_date(v: Any) -> dt.date | None:
    """A date cell, or a date typed as text; ``None`` when blank; :class:`Invalid` else."""
    if is_blank(v):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    typed = str(v).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(typed, fmt).date()
        except ValueError:
            continue
    found = _date_in_words(typed)
    if found is not None:
        return found
    raise Invalid(
        f"« {typed} » n'est pas une date.",
        "Inscrivez une date, p. ex. 2026-11-23 (année-mois-jour) ou 23 novembre 2026.",
    )


def date_or_none(v: Any) -> dt.date | None:
    """:func:`parse_date`, or ``None`` for text that is not a date (kept as text elsewhere)."""
    try:
        return parse_date(v)
    except Invalid:
        return None


def parse_time(v: Any) -> dt.time | None:
    """A time cell, a fraction of a day, or a time typed as text (« 8 h 45 », « 8:45 »)."""
    if is_blank(v):
        return None
    if isinstance(v, dt.datetime):
        return v.time()
    if isinstance(v, dt.time):
        return v
    if isinstance(v, float) and 0 <= v < 1:
        minutes = round(v * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    match = _TIME.match(str(v))
    if match:
        h, mnt = int(match.group(1)), int(match.group(2) or 0)
        if h < 24 and mnt < 60:
            return dt.time(h, mnt)
    raise Invalid(f"« {v} » n'est pas une heure.", "Inscrivez une heure, p. ex. 8:45 ou 8 h 45.")


def to_percent(v: Any) -> float | None:
    if is_blank(v):
        return None
    if isinstance(v, bool):
        raise Invalid(f"« {v} » n'est pas un pourcentage.", "Inscrivez p. ex. 80 %.")
    if isinstance(v, int | float):
        value = float(v)
    else:
        typed = str(v).replace("%", "").replace(",", ".").replace("\u00a0", "").strip()
        try:
            value = float(typed) / 100
        except ValueError:
            raise Invalid(f"« {v} » n'est pas un pourcentage.", "Inscrivez p. ex. 80 %.") from None
    if value > 1:  # typed 80 in a cell formatted as a percentage
        value = value / 100
    if not 0 <= value <= 1:
        raise Invalid(f"« {v} » n'est pas entre 0 % et 100 %.", "Inscrivez p. ex. 80 %.")
    return round(value, 6)


def choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    """A value of a dropdown list, whatever its case; :class:`Invalid` when not in it."""
    by_fold = {c.casefold(): c for c in choices}

    def convert(v: Any) -> str:
        typed = shown(v)
        if not typed:
            return ""
        if typed.casefold() in by_fold:
            return by_fold[typed.casefold()]
        raise Invalid(
            f"« {typed} » n'est pas une valeur permise.",
            "Choisissez dans la liste : " + ", ".join(choices) + ".",
        )

    return convert


def level(scale: tuple[int | str, ...]) -> Callable[[Any], int | str | None]:
    """A level of ``scale`` (``None`` when blank), whatever its case or surrounding spaces."""
    by_text = {str(lvl).casefold(): lvl for lvl in scale}
    exact = {lvl: lvl for lvl in scale}

    def convert(v: Any) -> int | str | None:
        if is_blank(v):
            return None
        if type(v) in (int, str) and v in exact:  # fast path: a level as written
            return exact[v]
        typed = shown(v)
        if typed.casefold() in by_text:
            return by_text[typed.casefold()]
        raise Invalid(
            f"« {typed} » n'est pas un niveau de l'échelle.",
            "Niveaux permis : " + ", ".join(str(x) for x in scale) + " (ou laissez vide).",
        )

    return convert
