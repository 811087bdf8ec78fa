"""French (Québec) text for people: dates, times, durations, numbers, plurals, typography.

One place formats what a teacher reads: « lundi 1er novembre 2026 », « 8 h 45 »,
« de 12 h 45 à 15 h 45 », « 72 % », « 0,5 », « 3 élèves », « 1 élève ». Dates, numbers
and plural rules come from babel's fr_CA data (CLDR), never from hand-written tables.

Choices (Office québécois de la langue française, Banque de dépannage linguistique):

- the space before « : » and inside « » is the non-breaking space U+00A0, everywhere
  (babel's fr_CA separators use it too; the narrow U+202F is missing from fonts that
  Excel and older Word versions fall back on, and one space everywhere keeps the checks
  simple);
- the apostrophe is the typographic ’ (U+2019), as in the canevas and the CEE's guide;
- plurals are chosen from the number by CLDR's French rule (0 and 1 singular; « 1,5 jour »),
  never written « (s) »;
- the first day of a month is « 1er ».
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

    return _premier(format_date(d, "EEEE d MMMM y", locale=LOCALE), d)


def date_courte(d: dt.date | None) -> str:
    """« 23 novembre 2026 » (empty for None)."""
    if d is None:
        return ""
    from babel.dates import format_date

    return _premier(format_date(d, "d MMMM y", locale=LOCALE), d)


def _premier(text: str, d: dt.date) -> str:
    """« 1er octobre »: French writes the first day of a month as an ordinal."""
    return re.sub(r"(?<!\d)1(?= )", "1er", text, count=1) if d.day == 1 else text


def day_month_year(d: dt.date | None) -> str:
    """« 1er octobre 2026 », « 15 octobre 2026 » (empty for None)."""
    return date_courte(d)


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


def number(x: float, decimals: int = 2) -> str:
    """« 3 », « 0,5 », « 1 234,25 »: decimal comma, non-breaking space between thousands,
    at most ``decimals`` decimals (babel, fr_CA)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(x, pattern, locale=LOCALE)


def is_singular(n: float) -> bool:
    """CLDR's French plural rule (babel): 0, 1 and 1,5 take the singular."""
    from babel import Locale

    return Locale.parse(LOCALE).plural_form(abs(n)) == "one"


def agree(n: float, singular: str, plural_form: str | None = None) -> str:
    """The word alone, agreed with ``n``: « ajouté » / « ajoutés »."""
    return singular if is_singular(n) else (plural_form or singular + "s")


def plural(n: float, singular: str, plural_form: str | None = None) -> str:
    """« 0 élève », « 1 élève », « 1,5 jour », « 2 élèves », « 1 234 élèves »: the number
    and the word agreed with it (``plural_form`` when it is not ``singular`` + « s »)."""
    return f"{number(n)} {agree(n, singular, plural_form)}"


def days(x: float, participle: str = "") -> str:
    """« ½ jour », « 1 jour », « 1,5 jour », « 2 jours »; with a participle: « 1 jour
    utilisé », « 2 jours utilisés »."""
    one = "jour" + (f" {participle}" if participle else "")
    many = "jours" + (f" {participle}s" if participle else "")
    return f"½ {one}" if x == 0.5 else plural(x, one, many)


_BREAKING_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def spaced(text: str) -> str:
    """Typed text as a person reads it: no spaces before, after or twice inside (line
    breaks and tabs become one space); a non-breaking space stays where it is (« : »)."""
    return _BREAKING_SPACES.sub(" ", str(text)).strip(" ")


NBSP = "\u00a0"
# A progress bar (tqdm's format) in French: « Lecture des copies : 40 % (4 sur 10) ».
PROGRESS_BAR = "{desc}\u00a0: {percentage:.0f}\u00a0% |{bar}| {n_fmt} sur {total_fmt}"
APOSTROPHE = "\u2019"
_BEFORE_COLON = re.compile(r"[ \t\u202f]+:|(?<=\w):(?=[ \n]|$)")
_AFTER_OPENING = re.compile(r"«[ \t\u00a0\u202f]*")
_BEFORE_CLOSING = re.compile(r"[ \t\u00a0\u202f]*»")
_STRAIGHT_APOSTROPHE = re.compile(r"(?<=[^\W\d_])(?:'|&#39;|&#x27;|&apos;)(?=[^\W\d_])")
_TAG = re.compile(r"(<style\b.*?</style>|<script\b.*?</script>|<[^>]*>)", re.S | re.I)


def typography(text: str) -> str:
    """Québec typography on text Classeur writes: a non-breaking space before « : » and
    inside « », the typographic apostrophe between two letters (« l’élève »). None before
    ; ! ? (the Office québécois de la langue française puts none there). A colon between
    digits (« 8:45 ») or inside a link (« https:// ») is left alone."""
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _AFTER_OPENING.sub("«" + NBSP, text)
    text = _BEFORE_CLOSING.sub(NBSP + "»", text)
    return _STRAIGHT_APOSTROPHE.sub(APOSTROPHE, text)


_QUOTED_VALUE = re.compile(r"«[ \t\u00a0\u202f]*([^«»]*?)[ \t\u00a0\u202f]*»")


def typeset(text: str) -> str:
    """Québec typography (:func:`typography`) on a message for the teacher (a line the
    command prints, the text of the ribbon's message boxes), outside « »: what a message
    quotes (a path, a sheet's or a person's name, a value a teacher typed) is shown as it
    is, between non-breaking spaces."""
    parts, last = [], 0
    for quoted in _QUOTED_VALUE.finditer(text):
        parts.append(typography(text[last : quoted.start()]))
        parts.append(f"«{NBSP}{quoted.group(1)}{NBSP}»")
        last = quoted.end()
    parts.append(typography(text[last:]))
    return "".join(parts)


def message(text: str, *values: object) -> str:
    """``text`` typeset (:func:`typeset`), then its ``{}`` filled with ``values`` in order,
    shown as they are (a path, a book's name, what a teacher typed): never typeset, and a
    brace in a value or elsewhere in ``text`` is only a brace."""
    shown = typeset(text)
    if not values:
        return shown
    pieces = shown.split("{}", len(values))
    if len(pieces) != len(values) + 1:
        raise ValueError(f"{len(values)} values for {len(pieces) - 1} {{}} in {text!r}")
    filled = [pieces[0]]
    for value, piece in zip(values, pieces[1:], strict=True):
        filled += [str(value), piece]
    return "".join(filled)


def typography_html(html: str) -> str:
    """:func:`typography` on the text of an HTML page, never inside its tags, styles or
    scripts (« color: red » is CSS, not French; an escaped ' is an apostrophe too)."""
    parts = _TAG.split(html)
    return "".join(p if i % 2 else typography(p) for i, p in enumerate(parts))
