"""French (Québec) text for people: dates, times, durations and percentages.

One place formats what a teacher reads: « lundi 23 novembre 2026 », « 8 h 45 »,
« de 12 h 45 à 15 h 45 », « 72 % » (non-breaking space, decimal comma). Dates and numbers
come from babel's fr_CA data.
"""

from __future__ import annotations

import datetime as dt
import re

LOCALE = "fr_CA"


def date_longue(d: dt.date | None) -> str:
    """« lundi 23 novembre 2026 » (empty for None)."""
    if d is None:
        return ""
    from babel.dates import format_date

    return format_date(d, "EEEE d MMMM y", locale=LOCALE)


def date_courte(d: dt.date | None) -> str:
    """« 23 novembre 2026 » (empty for None)."""
    if d is None:
        return ""
    from babel.dates import format_date

    return format_date(d, "d MMMM y", locale=LOCALE)


def heure(t: dt.time | None) -> str:
    """« 8 h 45 », « 12 h » (empty for None): the Office québécois de la langue française way."""
    if t is None:
        return ""
    return f"{t.hour} h {t.minute:02d}" if t.minute else f"{t.hour} h"


def plage(debut: dt.time | None, fin: dt.time | None) -> str:
    """« de 8 h 45 à 15 h 45 »; one end alone says which end it is (« à partir de
    8 h 45 », « jusqu'à 15 h 45 »): an end time shown bare would read as the start."""
    if debut and fin:
        return f"de {heure(debut)} à {heure(fin)}"
    if debut:
        return f"à partir de {heure(debut)}"
    return f"jusqu'à {heure(fin)}" if fin else ""


def pourcentage(x: float | None, decimals: int = 0) -> str:
    """« 72 % » with a non-breaking space, French decimal comma."""
    if x is None:
        return ""
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0%"
    return format_percent(x, pattern, locale=LOCALE)


def duree(minutes: int | None) -> str:
    """« 45 min », « 1 h », « 1 h 30 »."""
    if not minutes:
        return ""
    h, m = divmod(int(minutes), 60)
    if h and m:
        return f"{h} h {m:02d}"
    return f"{h} h" if h else f"{m} min"


def plural(n: float, singular: str, plural_form: str | None = None) -> str:
    """« 0 fichier », « 1 fichier », « 1,5 jour », « 2 fichiers » (below 2: singular)."""
    word = singular if abs(n) < 2 else (plural_form or singular + "s")
    return f"{number(n)} {word}"


def number(x: float) -> str:
    """« 3 », « 1,5 », « 1 234 » (non-breaking space between thousands, decimal comma)."""
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", "\u00a0")
    return f"{x:,.2f}".rstrip("0").replace(",", "\u00a0").replace(".", ",")


def days(x: float, participle: str = "") -> str:
    """« ½ jour », « 1 jour », « 1,5 jour », « 2 jours »; with a participle: « 1 jour
    utilisé », « 2 jours utilisés »."""
    one = "jour" + (f" {participle}" if participle else "")
    many = "jours" + (f" {participle}s" if participle else "")
    return f"½ {one}" if x == 0.5 else plural(x, one, many)


def day_month_year(d: dt.date | None) -> str:
    """« 1er octobre 2026 », « 15 octobre 2026 » (empty for None)."""
    text = date_courte(d)
    return "1er" + text[1:] if d is not None and d.day == 1 else text


_BEFORE_COLON = re.compile(r"[ \t]+:")
_AFTER_OPENING = re.compile(r"«[ \t\u00a0]*")
_BEFORE_CLOSING = re.compile(r"[ \t\u00a0]*»")


def typography(text: str) -> str:
    """Québec typography: a non-breaking space before « : » and inside « » (the Office
    québécois de la langue française puts none before ; ! ?)."""
    text = _BEFORE_COLON.sub("\u00a0:", text)
    text = _AFTER_OPENING.sub("«\u00a0", text)
    return _BEFORE_CLOSING.sub("\u00a0»", text)
