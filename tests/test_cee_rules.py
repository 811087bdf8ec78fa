"""The CEE's rules and deadlines on small networks built in code: who is the same person,
the animation excluded from the school count, what counts as late or missing."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from classeur.domain.cee import deadlines, identity
from classeur.domain.cee.consolidate import consolidate
from classeur.domain.cee.network import figures as network_figures
from classeur.domain.cee.source import NetworkSource, Sent
from classeur.domain.model import Classeur, Meeting, Member, Settings
from classeur.layout import bilan_sheet, cee, vocabulary
from classeur.sheets.cee import dashboard_sheets
from classeur.text.french import days as jours
from classeur.text.french import typography as french

P, A = vocabulary.ROLE_PARTICIPANT, vocabulary.ROLE_ANIMATION
TODAY = dt.date(2027, 7, 2)


def member(name: str, school: str, role: str = P, email: str = "", fonction: str = "") -> Member:
    prenom, nom = name.split(" ", 1)
    return Member(prenom, nom, email, school, fonction or "Enseignante", "", role)


def network(
    file: str, members: list[Member], titre: str | None = None, **kw: object
) -> NetworkSource:
    meetings = [
        Meeting(1, dt.date(2026, 10, 15), dt.time(8, 45), dt.time(15, 45)),
        Meeting(2, dt.date(2027, 3, 18), dt.time(8, 45), dt.time(15, 45)),
    ]
    settings = Settings(vocabulary.MODELE_RESEAU, titre or f"Réseau {file}", "2026-2027")
    src = NetworkSource(file, f"/recus/{file}", Classeur(settings, members, meetings))
    for key, value in kw.items():
        setattr(src, key, value)
    return src


def team(prefix: str, n: int = 6, school_of: str = "École {i}") -> list[Member]:
    anim = member(f"Anim {prefix}", "École A", A, f"anim.{prefix}@ex.ca")
    return [anim] + [
        member(f"Part {prefix}{i}", school_of.format(i=i), P, f"p{prefix}{i}@ex.ca")
        for i in range(n)
    ]


def rules_of(*sources: NetworkSource) -> set[tuple[str, tuple[str, ...]]]:
    dash = consolidate(list(sources), "2026-2027", TODAY)
    return {(v.rule, tuple(sorted(v.files))) for v in dash.violations if v.rule not in _DUE}


_DUE = (cee.RULE_PLAN, cee.RULE_ODJ, cee.RULE_BILAN)


def test_clean_networks_break_no_rule() -> None:
    assert rules_of(network("a.xlsx", team("a")), network("b.xlsx", team("b"))) == set()


def test_animation_is_not_counted_among_a_schools_participants() -> None:
    members = team("a")
    members[1].etablissement = members[2].etablissement = "École A"  # the animation's school
    assert rules_of(network("a.xlsx", members)) == set()
    members[3].etablissement = "école a "  # a third participant, typed otherwise
    assert rules_of(network("a.xlsx", members)) == {(cee.RULE_ETABLISSEMENT, ("a.xlsx",))}


def test_size_limits() -> None:
    assert rules_of(network("a.xlsx", team("a", 5))) == {(cee.RULE_MOINS_DE_SIX, ("a.xlsx",))}
    assert rules_of(network("a.xlsx", team("a", 10))) == set()
    assert rules_of(network("a.xlsx", team("a", 11))) == {(cee.RULE_PLUS_DE_DIX, ("a.xlsx",))}


def test_same_person_by_email_or_by_name_typed_otherwise() -> None:
    a, b = team("a"), team("b")
    b[1] = member(" ANDRÉE-anne   Côté", "École 9", P)  # no e-mail: recognised by name
    a[1] = member("Andrée Anne Cote", "École 0", P, "aa.cote@ex.ca")
    assert rules_of(network("a.xlsx", a), network("b.xlsx", b)) == {
        (cee.RULE_PARTICIPANT, ("a.xlsx", "b.xlsx"))
    }
    b[1] = member("Andrée Anne Cote", "École 9", P, "autre.cote@ex.ca")  # a namesake
    assert rules_of(network("a.xlsx", a), network("b.xlsx", b)) == set()


def test_participating_in_one_and_animating_another_is_allowed() -> None:
    a, b = team("a"), team("b")
    b[1] = member("Anim a", "École A", P, "anim.a@ex.ca")
    assert rules_of(network("a.xlsx", a), network("b.xlsx", b)) == set()
    c = team("c")
    c[0] = member("Anim a", "École A", A, "ANIM.A@EX.CA")
    assert rules_of(network("a.xlsx", a), network("c.xlsx", c)) == {
        (cee.RULE_ANIMATION, ("a.xlsx", "c.xlsx"))
    }


def test_same_title_twice_but_not_the_default_title() -> None:
    a = network("a.xlsx", team("a"), "Réseau d'entraide : la lecture")
    b = network("b.xlsx", team("b"), "  RÉSEAU D’ENTRAIDE :  LA LECTURE ")
    assert rules_of(a, b) == {(cee.RULE_DOUBLON, ("a.xlsx", "b.xlsx"))}
    a.model.settings.titre = b.model.settings.titre = "Réseau d'entraide"
    assert rules_of(a, b) == set()


@pytest.mark.parametrize(
    ("fonction", "broken"),
    [
        ("Enseignante en univers social", False),
        ("Enseignant-ressource", False),
        ("Professeur de musique", False),
        ("Conseillère pédagogique", True),
        ("Directeur adjoint", True),
        ("", False),  # not given: shown « À vérifier » in Analyse des propositions
    ],
)
def test_animated_by_a_teacher(fonction: str, broken: bool) -> None:
    members = team("a")
    members[0].fonction = fonction
    expected = {(cee.RULE_ENSEIGNANT, ("a.xlsx",))} if broken else set()
    assert rules_of(network("a.xlsx", members, fiche={"fonction": ""})) == expected


def test_a_network_without_animation_is_reported() -> None:
    members = [m for m in team("a") if m.role != A]
    assert rules_of(network("a.xlsx", members)) == {(cee.RULE_ENSEIGNANT, ("a.xlsx",))}


def test_long_summary() -> None:
    fiche = {"resume": " ".join(["mot"] * 150)}
    assert rules_of(network("a.xlsx", team("a"), fiche=fiche)) == set()
    fiche = {"resume": " ".join(["mot"] * 151)}
    assert rules_of(network("a.xlsx", team("a"), fiche=fiche)) == {(cee.RULE_RESUME, ("a.xlsx",))}


def test_plan_deadline_from_the_journal() -> None:
    src = network("a.xlsx", team("a"), has_plan=True)
    due = dt.date(2026, 10, 8)
    assert deadlines.plan(src, TODAY) == deadlines.Due(deadlines.Status.UNDATED, due)
    src.sent = [Sent(dt.date(2026, 10, 8), "Plan de réseau")]
    assert deadlines.plan(src, TODAY).status is deadlines.Status.ON_TIME
    src.sent = [Sent(dt.date(2026, 10, 11), "Plan de réseau"), Sent(dt.date(2026, 9, 1), "Bilan")]
    late = deadlines.plan(src, TODAY)
    assert (late.status, late.days_late) == (deadlines.Status.LATE, 3)
    assert deadlines.label(late) == "En retard de 3 jours"
    src.sent, src.has_plan = [], False
    assert deadlines.plan(src, TODAY).status is deadlines.Status.MISSING
    assert deadlines.plan(src, dt.date(2026, 10, 1)).status is deadlines.Status.UPCOMING


def test_agenda_deadline_from_the_tab_or_an_earlier_export() -> None:
    src = network("a.xlsx", team("a"), prepared={1: dt.date(2026, 10, 10)})
    dues = deadlines.agendas(src, TODAY)
    assert dues[1].days_late == 2 and dues[2].status is deadlines.Status.MISSING
    assert deadlines.agendas_label(dues) == french("Manquant : R2")
    # exported before it was marked prepared, and R2 sent as « Rencontre 2 »
    src.sent = [
        Sent(dt.date(2026, 10, 7), "Ordre du jour de la rencontre 1 du jeudi 15 octobre 2026"),
        Sent(dt.date(2027, 3, 1), "Rencontre 2 du jeudi 18 mars 2027"),
        Sent(dt.date(2027, 3, 1), "Rencontre 12"),  # not R2
    ]
    dues = deadlines.agendas(src, TODAY)
    assert [d.status for d in dues.values()] == [deadlines.Status.ON_TIME] * 2
    assert deadlines.agendas_label(dues) == cee.DOC_A_TEMPS
    src.sent = [Sent(dt.date(2027, 3, 20), "Rencontre 2 du jeudi 18 mars 2027")]  # minutes
    assert deadlines.agendas(src, TODAY)[2].status is deadlines.Status.MISSING
    src.prepared = {}
    assert deadlines.agendas_label(deadlines.agendas(src, dt.date(2026, 10, 1))) == "À venir"


def test_bilan_present_complete_late_or_missing() -> None:
    answers = {label: "Oui" for label in deadlines.BILAN_REQUIRED}
    src = network("a.xlsx", team("a"), bilan=dict(answers))
    due = deadlines.bilan(src, "2026-2027", TODAY)
    assert due.status is deadlines.Status.UNDATED and due.due == dt.date(2027, 6, 30)
    assert deadlines.bilan_label(src, due) == cee.BILAN_COMPLET
    src.bilan[bilan_sheet.BILAN_CONTINUATION] = ""  # type: ignore[index]
    assert deadlines.bilan_label(src, due) == (
        french("Incomplet (manque : 6. Demande de continuation du réseau)")
    )
    src.sent = [Sent(dt.date(2027, 7, 1), "Bilan")]
    late = deadlines.bilan(src, "2026-2027", TODAY)
    assert late.violated and deadlines.bilan_label(src, late).endswith("remis en retard de 1 jour")
    src.bilan, src.sent = None, []
    assert deadlines.bilan(src, "2026-2027", TODAY).status is deadlines.Status.MISSING
    upcoming = deadlines.bilan(src, "2026-2027", dt.date(2027, 6, 30))
    assert deadlines.bilan_label(src, upcoming) == "À venir (au plus tard le 30 juin 2027)"


def test_school_year_end() -> None:
    assert deadlines.school_year_end("2026-2027") == dt.date(2027, 6, 30)
    assert deadlines.school_year_end("2026–2027") == dt.date(2027, 6, 30)
    src = network("a.xlsx", team("a"))
    assert deadlines.school_year_end("", src) == dt.date(2027, 6, 30)
    assert deadlines.school_year_end("", None) is None


def _accents_off(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


names = st.text(
    alphabet=st.sampled_from("abcdeéèêëàâçîïôûùAÉÈÇ-' "), min_size=1, max_size=20
).filter(lambda s: any(c.isalpha() for c in s))


@given(name=names, spaces=st.integers(0, 3))
def test_a_name_typed_otherwise_is_the_same_person(name: str, spaces: int) -> None:
    typed = " " * spaces + _accents_off(name).upper().replace(" ", "  ") + " " * spaces
    assert identity.fold(typed) == identity.fold(name)
    keys = identity.person_keys([(name, "x@ex.ca"), (typed, ""), (name + "z", "")])
    assert keys[0] == keys[1] == "x@ex.ca"
    assert keys[2] != keys[0]


def test_days_in_french() -> None:
    assert [jours(x, "utilisé") for x in (0.5, 1, 1.5, 2, 1234.5)] == [
        "½ jour utilisé",
        "1 jour utilisé",
        "1,5 jour utilisé",
        "2 jours utilisés",
        "1\u00a0234,5 jours utilisés",
    ]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Bilans : 3", "Bilans\u00a0: 3"),
        ("« Règles »", "«\u00a0Règles\u00a0»"),
        ("«Règles»", "«\u00a0Règles\u00a0»"),
        ("8:45; pourquoi? oui!", "8:45; pourquoi? oui!"),
    ],
)
def test_quebec_typography(typed: str, shown: str) -> None:
    assert french(typed) == shown
    assert french(shown) == shown


@given(emails=st.lists(st.emails(), min_size=2, max_size=2, unique_by=str.casefold))
def test_two_emails_are_two_people_even_with_one_name(emails: list[str]) -> None:
    keys = identity.person_keys([("Marie Roy", emails[0]), ("Marie Roy", emails[1].upper())])
    assert keys[0] != keys[1]
    # the same name without an e-mail cannot be told apart: it stays a person of its own
    assert identity.person_keys([*(("Marie Roy", e) for e in emails), ("marie roy", "")])[
        2
    ] not in {e.casefold() for e in emails}


def test_what_a_team_typed_is_shown_as_typed_in_french_sentences() -> None:
    """The constats are in Québec typography, but a name, a school or a title typed in a
    classeur (straight apostrophes, a colon after a space) is shown exactly as typed."""
    a, b = team("a"), team("b")
    a[1] = member("Luc D'Amours", "École l'Envolée", P, "luc@ex.ca")
    b[1] = member("Luc D'Amours", "École 9", P, "luc@ex.ca")
    for i in (2, 3):
        a[i] = member(f"Part a{i}", "École l'Envolée", P, f"pa{i}@ex.ca")
    title = "Réseau d'entraide : l'oral"
    dash = consolidate(
        [network("a.xlsx", a, title), network("b.xlsx", b, title), network("c.xlsx", team("c"))],
        "2026-2027",
        TODAY,
    )
    constats = {v.rule: v.constat for v in dash.violations}
    assert constats[cee.RULE_PARTICIPANT] == "Luc D'Amours participe à 2 réseaux cette année."
    assert constats[cee.RULE_DOUBLON] == f"«\u00a0{title}\u00a0» figure dans 2 classeurs."
    assert constats[cee.RULE_ETABLISSEMENT] == (
        "3 participants viennent de «\u00a0École l'Envolée\u00a0»\u00a0: Luc D'Amours, "
        "Part a2, Part a3 (l’animation n’est pas comptée)."
    )
    reseaux = dashboard_sheets(dash, {}, 3).docs[0]
    assert reseaux.name == cee.SHEET_RESEAUX
    assert [c.value for row in reseaux.rows for c in row if c is not None].count(title) == 2


@pytest.mark.parametrize(("n", "shown"), [(1, "1 rencontre"), (3, "3 rencontres")])
def test_another_horaire_says_its_number_of_rencontres(n: int, shown: str) -> None:
    src = network("a.xlsx", team("a"))
    src.model.meetings = [
        Meeting(i, dt.date(2026, 10, 1 + i), dt.time(9), dt.time(10)) for i in range(1, n + 1)
    ]
    assert network_figures(src, "2026-2027", TODAY).horaire == f"Autre horaire ({shown})"
