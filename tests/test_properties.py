"""Property-based tests (hypothesis): the réseau rules, and round trips of arbitrary text
(formula-like, control characters, very long) through writing, reading and regeneration."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from classeur.domain import demo, rules
from classeur.domain.model import Action, Classeur, Member
from classeur.files import filebook, xlsx_new, xlsx_read
from classeur.files.xlsx_cells import MAX_CELL_CHARS, clean_text
from classeur.layout import structure, vocabulary
from classeur.sheets.sheetdoc import Cell, SheetDoc, Update

SCHOOLS = ["École A", "école a ", "École B", "École C", "", "Centre D"]

members_st = st.lists(
    st.builds(
        lambda i, role, school: Member(f"P{i}", "Nom", f"p{i}@ex.ca", school, role=role),
        st.integers(0, 10**6),
        st.sampled_from(vocabulary.ROLES),
        st.sampled_from(SCHOOLS),
    ),
    max_size=16,
)


@given(members_st)
def test_check_reseau_matches_the_rules(members: list[Member]) -> None:
    c = demo.blank("reseau")
    c.members = members
    problems = rules.check_reseau(c, "r.xlsx")
    participants = [m for m in members if m.role == vocabulary.ROLE_PARTICIPANT]
    n = len(participants)
    per_school = Counter(
        m.etablissement.strip().casefold() for m in participants if m.etablissement
    )
    crowded = [s for s, k in per_school.items() if k > vocabulary.RESEAU_MAX_PER_ETABLISSEMENT]
    animators = sum(m.role == vocabulary.ROLE_ANIMATION for m in members)
    count_problem = (
        not vocabulary.RESEAU_MIN_PARTICIPANTS <= n <= vocabulary.RESEAU_MAX_PARTICIPANTS
    )
    expected = int(count_problem) + len(crowded) + int(animators != vocabulary.RESEAU_ANIMATORS)
    assert len(problems) == expected
    assert all(p.sheet == structure.SHEET_EQUIPE and p.file == "r.xlsx" for p in problems)
    assert any(p.message.startswith("Le réseau compte") for p in problems) == count_problem
    assert all(p.hint for p in problems)
    # The animator never counts toward the per-school limit.
    c.members = [*members, Member("A", "B", "", "École A", role=vocabulary.ROLE_ANIMATION)]
    school_problems = [p for p in rules.check_reseau(c) if "viennent de" in p.message]
    assert len(school_problems) == len(crowded)


@given(members_st)
def test_car_classeur_has_no_network_rules(members: list[Member]) -> None:
    c = demo.blank("car")
    c.members = members
    assert rules.check_reseau(c) == []


# Text a teacher may type or paste: formulas, markup, control characters, accents, long.
hostile_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            '=HYPERLINK("http://evil","x")',
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tTab",
            "a\nb",
            "_x0041_",
            "<b>&amp;</b>",
            "{{ 7*7 }}",
            "\x00\x01\x1f",
        ]
    ),
    st.builds(lambda s: (s or "x") * MAX_CELL_CHARS, st.text(min_size=1, max_size=3)).map(
        lambda s: s[:MAX_CELL_CHARS]
    ),
)


def _stored(text: str) -> str:
    """What a cell keeps of ``text``: control characters removed (XML forbids them)."""
    return clean_text(text)


def _name(text: str) -> str:
    """A required name: something must remain once cleaned."""
    return text if _stored(text).strip() else ("x" + text)[:MAX_CELL_CHARS]


SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(hostile_text, hostile_text, hostile_text)
def test_any_text_round_trips_as_text(prenom: str, nom: str, notes: str) -> None:
    c = demo.blank("car")
    c.members = [Member(_name(prenom), _name(nom), role=vocabulary.ROLE_PARTICIPANT)]
    c.actions = [Action(1, "Action", notes=notes)]
    with tempfile.TemporaryDirectory() as tmp:
        path = xlsx_new.write_classeur(c, Path(tmp) / "c.xlsx")
        back = xlsx_read.read_classeur(path)
        ws = load_workbook(path)[structure.SHEET_EQUIPE]
        first = ws.cell(row=structure.TABLE_HEADER_ROW + 1, column=1)
        assert first.data_type == "s"  # never a formula
    assert back.members[0].prenom == _stored(_name(prenom))
    assert back.members[0].nom == _stored(_name(nom))
    assert back.actions[0].notes == _stored(notes)


@SLOW
@given(st.lists(hostile_text, min_size=1, max_size=4), hostile_text)
def test_regeneration_keeps_typed_text(texts: list[str], typed: str) -> None:
    """A table refilled and a generated sheet rebuilt keep what a teacher typed, as text."""
    with tempfile.TemporaryDirectory() as tmp:
        base = demo.blank("car")
        base.actions = [Action(1, "Première action", notes="=déjà là")]
        path = xlsx_new.write_classeur(base, Path(tmp) / "c.xlsx")

        def make(edit: filebook.Edit) -> Update:
            rows = [
                (a.numero, a.action, a.responsable, a.echeance, a.statut, a.rencontre, a.notes)
                for a in edit.model.actions
            ]
            rows += [
                (100 + i, _name(t), "", None, vocabulary.STATUT_A_FAIRE, None, t)
                for i, t in enumerate(texts)
            ]
            doc = SheetDoc("Notes")
            doc.add("Titre", Cell(typed))
            return Update(sheets=[doc], tables={structure.SUIVI.name: rows})

        filebook.update_classeur(path, make)

        # A second regeneration from what the sheet holds now keeps the text too.
        def again(edit: filebook.Edit) -> Update:
            values = edit.sheet_values("Notes") or [[]]
            doc = SheetDoc("Notes")
            doc.add(*(Cell(v) for v in values[0]))
            return Update(sheets=[doc])

        filebook.update_classeur(path, again)
        back = xlsx_read.read_classeur(path)
        with filebook.edit_classeur(path, Path(tmp) / "autre.xlsx") as edit:
            notes_sheet = edit.sheet_values("Notes")
            cell = edit.wb["Notes"].cell(row=1, column=2)
            assert cell.data_type == "s" or cell.value is None
    assert back.actions[0] == base.actions[0]
    added = back.actions[1:]
    assert [a.notes for a in added] == [_stored(t) for t in texts]
    assert [a.action for a in added] == [_stored(_name(t)) for t in texts]
    assert notes_sheet is not None
    first_row = [*notes_sheet[0], None, None]
    assert (first_row[1] or "") == _stored(typed)


def test_classeur_model_is_unchanged_by_a_noop_update(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "c.xlsx")
    filebook.update_classeur(path, lambda edit: Update())
    assert xlsx_read.read_classeur(path) == demo.demo()
    assert isinstance(xlsx_read.read_classeur(path), Classeur)
