"""French (Québec) text for people: dates, times, durations and percentages.

One place formats what a teacher reads: « lundi 23 novembre 2026 », « 8 h 45 »,
« de 12 h 45 à 15 h 45 », « 72 % » (non-breaking space, decimal comma). Dates and numbers
come from babel's fr_CA data.
"""

from __future__ import annotations

import datetime as dt

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
