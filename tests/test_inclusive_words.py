"""The lists' inclusive words (« Présent·e », « Absent·e », « Excusé·e », « Participant·e »)
and the masculine words a classeur made before holds (« Présent », « Participant »): Python
recognises a value through ``cellvalues.list_word``, the workbook's formulas with COUNTIF's
criterion ``vocabulary.criterion`` (« Présent* »); LibreOffice's recalculation counts what
Python counts, spelling by spelling."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from classeur.domain import cellvalues
from classeur.layout import vocabulary
from tests.conftest import needs_libreoffice, recalculated

WORDS = (*vocabulary.PRESENCES, vocabulary.ROLE_PARTICIPANT)
# Spellings a team may have: the lists' words of before and of today, a feminine or plural
# word typed by hand, other case, and values that are none of the words.
SPELLINGS = (
    "Présent",
    "présent",
    "PRÉSENT",
    "Présent·e",
    "présente",
    "Présentes",
    "Présent ",
    "Absent",
    "absent·e",
    "Absente",
    "Excusé",
    "excusé·e",
    "Excusée",
    "Excuse",
    "Participant",
    "participant·e",
    "Participante",
    "Animation",
    "Non présent",
    "P",
    "",
)


@given(
    st.sampled_from(WORDS),
    st.text(alphabet=st.sampled_from("·e.sS -"), max_size=4),
    st.sampled_from([str.lower, str.upper, str.title, lambda s: s]),
)
def test_every_spelling_that_starts_with_the_stem_is_the_word(
    word: str, ending: str, case: Callable[[str], str]
) -> None:
    typed = case(vocabulary.STEMS[word] + ending)
    choices = vocabulary.PRESENCES if word in vocabulary.PRESENCES else vocabulary.ROLES
    assert cellvalues.list_word(typed, choices) == word
    assert cellvalues.choice(choices)(typed) == word


@given(st.text(alphabet=st.sampled_from("abcéxnoNP ·"), max_size=8))
def test_a_value_without_a_stem_is_no_presence(typed: str) -> None:
    assert cellvalues.list_word(typed, vocabulary.PRESENCES) == ""


def test_criteria_are_the_stems() -> None:
    assert vocabulary.criterion(vocabulary.PRESENT) == "Présent*"
    assert vocabulary.criterion(vocabulary.ROLE_PARTICIPANT) == "Participant*"
    assert vocabulary.criterion(vocabulary.ROLE_ANIMATION) == vocabulary.ROLE_ANIMATION
    assert vocabulary.PRESENT == "Présent·e" and vocabulary.ROLE_PARTICIPANT == "Participant·e"


@needs_libreoffice
@pytest.mark.libreoffice
def test_libreoffice_counts_each_spelling_as_python(tmp_path: Path) -> None:
    """One COUNTIF per list word over each spelling alone, then over all of them mixed."""
    wb = Workbook()
    ws = wb.active
    for i, typed in enumerate(SPELLINGS, start=1):
        ws.cell(i, 1, typed or None)
        for j, word in enumerate(WORDS, start=2):
            ws.cell(i, j, f'=COUNTIF(A{i},"{vocabulary.criterion(word)}")')
    last = len(SPELLINGS) + 1
    for j, word in enumerate(WORDS, start=2):
        ws.cell(last, j, f'=COUNTIF(A1:A{last - 1},"{vocabulary.criterion(word)}")')
    path = tmp_path / "mots.xlsx"
    wb.save(path)
    values = recalculated(path, tmp_path / "lo").active
    choices = {
        w: vocabulary.PRESENCES if w in vocabulary.PRESENCES else vocabulary.ROLES for w in WORDS
    }
    for i, typed in enumerate(SPELLINGS, start=1):
        for j, word in enumerate(WORDS, start=2):
            python = int(cellvalues.list_word(typed, choices[word]) == word)
            assert values.cell(i, j).value == python, (typed, word)
    for j, word in enumerate(WORDS, start=2):
        python = sum(cellvalues.list_word(t, choices[word]) == word for t in SPELLINGS)
        assert values.cell(last, j).value == python, word
    assert values.cell(last, 2).value == 7  # the « Présent… » spellings, « Non présent » not
