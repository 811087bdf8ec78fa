"""Pseudonymizer rules for parts of names typed alone (« Léa a progressé »)."""

from __future__ import annotations

import unicodedata

from classeur.domain.pseudo import Pseudonymizer, code, name_parts
from classeur.layout import outputs

KEY = b"k" * 32
STUDENTS = [
    "Léa Diallo",
    "Liam Boucher",
    "Liam Girard",
    "Marie-Ève Lévesque-Roy",
    "Paul Petit",
    "Rose Côté",
    "Jean L'Heureux",
    "Min Park",
    "Bo Li",
    "Hugo de la Fontaine",
]


def pz(others: tuple[str, ...] = ()) -> Pseudonymizer:
    return Pseudonymizer(STUDENTS, KEY, others)


def test_a_first_or_family_name_alone_becomes_the_students_code() -> None:
    p = pz()
    lea = code("Léa Diallo", KEY)
    assert p.text("Léa a progressé en A2; suivi avec DIALLO.") == (
        f"{lea} a progressé en A2; suivi avec {lea}."
    )
    assert p.text("Léa Diallo et Léa") == f"{lea} et {lea}"  # the full name: one code
    assert p.text("Bo et Li") == f"{code('Bo Li', KEY)} et {code('Bo Li', KEY)}"
    assert p.text("Léanne, Diallou, Léa2") == "Léanne, Diallou, Léa2"  # whole words only


def test_a_shared_part_gets_a_neutral_code() -> None:
    p = pz()
    liam = p.text("Liam a lu.").removesuffix(" a lu.")
    assert liam == code("liam", KEY)  # the part's own code, stable
    assert liam not in {code("Liam Boucher", KEY), code("Liam Girard", KEY)}
    assert Pseudonymizer(list(reversed(STUDENTS)), KEY).text("Liam") == liam
    assert p.text("Liam Girard") == code("Liam Girard", KEY)  # full names first


def test_a_part_a_team_member_also_has_gets_a_neutral_code() -> None:
    """A teacher named Roy stays in clear elsewhere: « Roy » must not become the code of
    the one student named Roy, or the code would tell that student's name."""
    alone = pz().text("Roy")
    with_teacher = pz(("Chantal Roy",)).text("Roy")
    assert alone == code("Marie-Ève Lévesque-Roy", KEY)
    assert with_teacher == code("roy", KEY) != alone
    # The safe side: the teacher's family name is replaced too.
    assert pz(("Chantal Roy",)).text("Chantal Roy") == f"Chantal {with_teacher}"


def test_compound_names_as_a_whole_and_by_pieces() -> None:
    p = pz()
    me = code("Marie-Ève Lévesque-Roy", KEY)
    assert name_parts("Marie-Ève Lévesque-Roy") == [
        "Marie-Ève",
        "Marie",
        "Ève",
        "Lévesque-Roy",
        "Lévesque",
        "Roy",
    ]
    for typed in ("Marie-Ève", "MARIE-ÈVE", "Marie\u2011Ève", "Marie", "Ève", "Lévesque"):
        assert p.text(f"avec {typed}.") == f"avec {me}.", typed
    assert p.text("Lévesque-Roy") == me  # one code, not two


def test_particles_initials_and_code_words_are_not_parts() -> None:
    assert name_parts("Hugo de la Fontaine") == ["Hugo", "Fontaine"]
    assert name_parts("Jean-Luc St-Pierre D. Van Damme") == [
        "Jean-Luc",
        "Jean",
        "Luc",
        "St-Pierre",
        "Pierre",
        "Damme",
    ]
    assert name_parts("Élève 12") == []  # a classeur already pseudonymised by hand
    p = pz()
    hugo = code("Hugo de la Fontaine", KEY)
    assert p.text("Le groupe De La Fontaine, D. et L.") == f"Le groupe De La {hugo}, D. et L."
    assert p.found(f"Voir {code('Léa Diallo', KEY)}") == []


def test_lowercase_words_are_not_names_but_capitals_are() -> None:
    p = pz()
    paul, rose = code("Paul Petit", KEY), code("Rose Côté", KEY)
    text = "un petit groupe à côté de la rose; léa absente"
    assert p.text(text) == text
    assert p.found(text) == []
    assert p.text("Petit et PETIT, Côté") == f"{paul} et {paul}, {rose}"
    assert p.text("Petit à petit") == f"{paul} à petit"  # the safe side
    assert p.text("paul petit") == paul  # a full name, any case


def test_spreadsheet_functions_are_not_names() -> None:
    p = pz()
    assert p.text("=MIN(A1:A4)+_xlfn.MIN(B1)") == "=MIN(A1:A4)+_xlfn.MIN(B1)"
    assert p.found("=MIN(A1:A4)") == []
    mi = code("Min Park", KEY)
    assert p.text("Min (absent), MIN a lu") == f"{mi} (absent), {mi} a lu"


def test_accents_apostrophes_and_markup() -> None:
    p = pz()
    lea, jean = code("Léa Diallo", KEY), code("Jean L'Heureux", KEY)
    assert p.text(unicodedata.normalize("NFD", "Léa et Côté")) == (
        f"{lea} et {code('Rose Côté', KEY)}"
    )
    assert p.text("L’Heureux, L'Heureux, Jean L’Heureux") == f"{jean}, {jean}, {jean}"
    assert p.markup("<p>L&#x27;Heureux &amp; Léa&nbsp;Diallo, Léa</p>") == (
        f"<p>{jean} &amp; {lea}, {lea}</p>"
    )
    assert p.markup("<p>un petit mot</p>") == "<p>un petit mot</p>"


def test_found_sees_what_text_replaces() -> None:
    p = pz()
    note = "Léa et Liam en petit groupe avec Marie; DIALLO absent."
    assert p.found(note) == ["DIALLO", "Liam", "Léa", "Marie"]
    assert p.found(note, parts=False) == []
    assert p.found(p.text(note)) == []
    assert all(code.startswith(outputs.PSEUDO_PREFIX) for code in p.part_codes.values())
