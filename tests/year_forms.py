"""How a teacher types a date, a time or a level in Excel: every form Classeur accepts
(README « Ce que vous tapez »), for the year-of-edits machine.

Each form gives the cell's value (text, or a real date/time/number as Excel stores it);
the meaning is what it was made from, so the test never asks Classeur's parser what it
means.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

# French month names as a teacher writes them, in full and abbreviated (OQLF).
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juill.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _day(d: dt.date) -> str:
    return "1er" if d.day == 1 else str(d.day)


DATE_FORMS: dict[str, Callable[[dt.date], Any]] = {
    "vraie date": lambda d: dt.datetime(d.year, d.month, d.day),
    "2026-12-15": lambda d: d.isoformat(),
    "15/12/2026": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "15-12-2026": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    "2026/12/15": lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    "15 décembre 2026": lambda d: f"{_day(d)} {MONTHS[d.month - 1]} {d.year}",
    "15 déc. 2026": lambda d: f"{_day(d)} {MONTHS_SHORT[d.month - 1]} {d.year}",
    "mardi 15 décembre 2026": lambda d: (
        f"{WEEKDAYS[d.weekday()]} {_day(d)} {MONTHS[d.month - 1]} {d.year}"
    ),
    " 2026-12-15 ": lambda d: f" {d.isoformat()}  ",
}

TIME_FORMS: dict[str, Callable[[dt.time], Any]] = {
    "vraie heure": lambda t: t,
    "12h45": lambda t: f"{t.hour}h{t.minute:02d}",
    "12 h 45": lambda t: f"{t.hour} h {t.minute:02d}",
    "12H45": lambda t: f"{t.hour}H{t.minute:02d}",
    "15:45": lambda t: f"{t.hour}:{t.minute:02d}",
    "08:45": lambda t: f"{t.hour:02d}:{t.minute:02d}",
    " 15:45 ": lambda t: f" {t.hour}:{t.minute:02d} ",
}

LEVEL_FORMS: dict[str, Callable[[int], Any]] = {
    "nombre": lambda n: n,
    "nombre à virgule": lambda n: float(n),
    "texte": str,
    "3 suivi d'une espace": lambda n: f"{n} ",
    "espace puis 3": lambda n: f" {n}",
    "espaces autour": lambda n: f"  {n}  ",
    "espace insécable": lambda n: f"{n}\u00a0",
}


def ambiguous(typed: Any) -> bool:
    """A day/month date that also reads month/day (« 03/04/2027 »): left as text."""
    if not isinstance(typed, str):
        return False
    parts = typed.strip().replace("-", "/").split("/")
    if len(parts) != 3 or len(parts[0]) == 4:
        return False
    day, month = int(parts[0]), int(parts[1])
    return day <= 12 and day != month
