"""French (Québec) formatting: one place, by rules (babel's CLDR data), never « (s) »."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from classeur.text import french

NBSP = "\u00a0"


def test_first_of_the_month_is_an_ordinal() -> None:
    assert french.date_longue(dt.date(2026, 10, 1)) == "jeudi 1er octobre 2026"
    assert french.date_courte(dt.date(2027, 1, 1)) == "1er janvier 2027"
    assert french.date_courte(dt.date(2026, 10, 11)) == "11 octobre 2026"
    assert french.date_courte(dt.date(2026, 10, 21)) == "21 octobre 2026"
    assert french.day_month_year(None) == ""


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_date_reads_as_french(d: dt.date) -> None:
    text = french.date_longue(d)
    day = text.split()[1]
    assert day == ("1er" if d.day == 1 else str(d.day))
    assert text.endswith(str(d.year))


def test_plural_from_the_number() -> None:
    # CLDR's French rule: 0 and 1 (and 1,5) singular, 2 and more plural.
    assert french.plural(0, "élève") == "0 élève"
    assert french.plural(1, "élève") == "1 élève"
    assert french.plural(1.5, "jour") == "1,5 jour"
    assert french.plural(2, "élève") == "2 élèves"
    assert french.plural(1234, "résultat") == f"1{NBSP}234 résultats"
    assert french.plural(3, "travail", "travaux") == "3 travaux"
    assert french.agree(1, "ajouté", "ajoutés") == "ajouté"
    assert french.agree(5, "ajouté", "ajoutés") == "ajoutés"


@given(st.integers(min_value=0, max_value=10**7))
def test_no_plural_is_ever_a_parenthesis(n: int) -> None:
    text = french.plural(n, "apprentissage non atteint", "apprentissages non atteints")
    assert "(" not in text
    assert text.endswith("atteint" if n < 2 else "atteints")


def test_numbers_have_a_decimal_comma() -> None:
    assert french.number(0.5) == "0,5"
    assert french.number(9.5) == "9,5"
    assert french.number(3.0) == "3"
    assert french.number(2.25) == "2,25"
    assert french.pourcentage(0.51) == f"51{NBSP}%"


def test_typography() -> None:
    assert french.typography("Résultats : l'élève « Marie »") == (
        f"Résultats{NBSP}: l\u2019élève «{NBSP}Marie{NBSP}»"
    )
    # a time, a link, a formula's range are not French colons
    assert french.typography("8:45 https://exemple.qc.ca A1:B2") == (
        "8:45 https://exemple.qc.ca A1:B2"
    )
    # already right: unchanged (idempotent)
    once = french.typography("Note : « oui » d'accord")
    assert french.typography(once) == once


def test_spaces_typed_around_a_name_are_not_copied() -> None:
    from classeur.domain.model import Member
    from classeur.text import bilan

    m = Member("Marie-Ève  ", " D'Amours", fonction="Enseignante ", service="")
    assert french.spaced(m.full_name) == "Marie-Ève D'Amours"
    assert bilan.member_line(m) == "Marie-Ève D'Amours, Enseignante"
