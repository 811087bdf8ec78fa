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
  column, each raising :class:`Invalid` (a French message and how to fix it);
- :func:`typed_as_text`: a date or time typed as TEXT, as the real value to write back
  (with the number format that keeps its look), or why it must stay text (ambiguous);
- :func:`email_invalid`: why an e-mail address cannot be used (``None`` when it can).
Every reader of the workbook goes through here, so a value reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from classeur.layout import styling, vocabulary
from classeur.text.french import date_courte, heure

# What a cell can hold, for both writers (openpyxl and xlwings): Excel's length limit, and
# no control character (XML 1.0 forbids them in a cell; Excel would keep them unseen).
MAX_CELL_CHARS = 32767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_text(text: str) -> str:
    """Text as it can be stored in a cell: control characters removed."""
    return _ILLEGAL.sub("", text)


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


# Classeur's labels and headers are written in Québec typography (typographic apostrophe,
# non-breaking spaces); a classeur made before that holds them with a straight apostrophe
# and ordinary spaces, and a teacher may retype one either way.
_TYPOGRAPHY_APART = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " "}
)


def label_key(v: Any) -> str:
    """How a header or a label is recognised: :func:`shown`, its apostrophes and
    non-breaking spaces read as the straight apostrophe and the ordinary space (case and
    words count, as always): « Rencontre d’origine » is « Rencontre d'origine »."""
    return shown(v).translate(_TYPOGRAPHY_APART).strip()


def header_positions(headers: Sequence[Any]) -> dict[str, int]:
    """The position of each header of a row, by :func:`label_key` (the first one when a
    header repeats): THE matching of columns by their header text, looked up with
    ``label_key(header)``."""
    positions: dict[str, int] = {}
    for i, h in enumerate(headers):
        positions.setdefault(label_key(h), i)
    return positions


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


def folded(s: str) -> str:
    """Lower case without accents: « Févr. » and « fevr » read the same."""
    decomposed = unicodedata.normalize("NFKD", s.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _month_numbers() -> dict[str, int]:
    """French month names, wide and abbreviated, as babel's fr_CA data spells them."""
    from babel.dates import get_month_names

    out: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="fr_CA").items():
            out[folded(name).rstrip(".")] = number
    return out


def _date_in_words(typed: str) -> dt.date | None:
    """« 15 oct. 2026 », « 1er octobre 2026 », « jeudi 15 octobre 2026 »."""
    match = _WORDS_DATE.match(" ".join(folded(typed).split()))
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
        "Inscrivez une date, p. ex. « 2026-11-23 » (année-mois-jour) ou « 23 novembre 2026 ».",
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


def list_word(v: Any, choices: tuple[str, ...]) -> str:
    """The word of the dropdown list ``choices`` that the value ``v`` says ("" when none):
    the word whatever its case; an inclusive word (« Présent·e ») in every spelling that
    starts with its stem (« Présent », « présente »), as the sheet's formulas count it
    (:func:`classeur.layout.vocabulary.criterion`). The cell itself is never rewritten: a
    classeur made before keeps the masculine word a team picked, and reads the same."""
    typed = shown(v).casefold()
    if not typed:
        return ""
    for word in choices:
        stem = vocabulary.STEMS.get(word)
        if typed == word.casefold() or (stem is not None and typed.startswith(stem.casefold())):
            return word
    return ""


def choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    """A value of a dropdown list (:func:`list_word`); :class:`Invalid` when not in it."""

    def convert(v: Any) -> str:
        typed = shown(v)
        if not typed:
            return ""
        word = list_word(typed, choices)
        if word:
            return word
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


# ======================================================================================
# Dates and times typed as text, written back as real ones
# ======================================================================================
@dataclass(frozen=True)
class TypedText:
    """A date or time a teacher typed as text: the value it means and the number format
    that shows it as typed. ``ambiguous`` holds the other reading when the text can mean
    two dates (« 03/04/2027 »): such a cell is left as typed for the teacher to settle."""

    typed: str
    value: dt.date | dt.time
    number_format: str
    ambiguous: dt.date | None = None


def typed_as_text(v: Any, kind: str) -> TypedText | None:
    """``v`` when it is a date (``kind`` "date") or a time ("time") typed as text that the
    one parser reads; ``None`` for a real date/time, a blank, a formula or unreadable text
    (reading reports that one)."""
    if not isinstance(v, str) or is_blank(v) or v.lstrip().startswith("="):
        return None
    typed = v.strip()
    try:
        value: dt.date | dt.time | None = parse_date(v) if kind == "date" else parse_time(v)
    except Invalid:
        return None
    if value is None:
        return None
    if isinstance(value, dt.time):
        mark = ":" if ":" in typed else " h " if " " in typed else "h"
        return TypedText(typed, value, styling.NUMBER_FORMAT_TYPED_TIME[mark])
    fmt = _numeric_format(typed)
    number_format = styling.NUMBER_FORMAT_TYPED_DATE[fmt or "words"]
    return TypedText(typed, value, number_format, _other_reading(value, fmt))


def _numeric_format(typed: str) -> str | None:
    for fmt in _DATE_FORMATS:
        try:
            dt.datetime.strptime(typed, fmt)
        except ValueError:
            continue
        return fmt
    return None


def _other_reading(value: dt.date, fmt: str | None) -> dt.date | None:
    """The month-first reading of a day-first date, when it is another valid date.

    In Québec a date written with slashes is read day first (« 15/04/2027 », the Office
    québécois de la langue française's order for the all-numeric form, and what Excel
    set to fr-CA does), but an English-set Excel reads « 03/04/2027 » as March 4: when
    both readings are dates and differ, Classeur does not choose."""
    if fmt not in ("%d/%m/%Y", "%d-%m-%Y") or value.day > 12 or value.day == value.month:
        return None
    return dt.date(value.year, value.day, value.month)


# ======================================================================================
# E-mail addresses
# ======================================================================================
def email_invalid(v: Any) -> Invalid | None:
    """Why ``v`` is not a usable e-mail address (``None`` when blank or valid).

    The syntax rules are email-validator's (RFC 5322 and internationalised domains); no
    DNS look-up: a check must work offline. Its English reason is replaced by a French
    one naming the most common slips."""
    from email_validator import EmailNotValidError, validate_email

    address = shown(v)
    if not address:
        return None
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return Invalid(
            f"« {address} » n'est pas une adresse courriel valide{_email_slip(address)}.",
            "Corrigez l'adresse, p. ex. prenom.nom@cssdm.gouv.qc.ca.",
        )
    return None


def _email_slip(address: str) -> str:
    if address.count("@") != 1:
        return " (il faut un seul « @ »)"
    for char, name in ((",", "une virgule"), (";", "un point-virgule"), (" ", "une espace")):
        if char in address:
            return f" (elle contient {name} : « {char} »)"
    if "." not in address.rpartition("@")[2]:
        return " (il manque le domaine après « @ », p. ex. cssdm.gouv.qc.ca)"
    return ""
