"""The canevas are the seeds' wording: every item, in order, compared with the seed text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from classeur.domain import canevas as cv
from classeur.layout import vocabulary

DATA = Path(__file__).parent / "data"


def normalise(text: str) -> str:
    """Join the PDF extract's line breaks: « -\\n » and « /\\n » join, other spaces collapse."""
    text = re.sub(r"([-/])[ \t]*\n\s*", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def car_seed() -> str:
    return normalise((DATA / "seed-000-car.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cee_seed() -> str:
    return normalise((DATA / "seed-004-cee.txt").read_text(encoding="utf-8"))


def odj_part(seed: str) -> str:
    start = seed.index("ORDRE DU JOUR")
    return seed[start : seed.index("COMPTE-RENDU", start)]


def cr_part(seed: str) -> str:
    start = seed.index("COMPTE-RENDU")
    return seed[start : seed.index("NOS QUESTIONS DIRECTRICES", start)]


@pytest.mark.parametrize("c", cv.CAR, ids=lambda c: c.key)
def test_car_items_are_the_seed_items_in_order(car_seed: str, c: cv.Canevas) -> None:
    odj = odj_part(car_seed)
    pos = 0
    for expected_number, item in enumerate(c.items, start=1):
        assert item.numero == expected_number
        found = odj.find(f"{item.numero}. {item.texte}", pos)
        assert found >= 0, f"{c.key} item {item.numero} absent du canevas : {item.texte}"
        pos = found + 1


def test_every_numbered_item_of_the_seed_is_in_a_canevas(car_seed: str) -> None:
    numbered = re.findall(r"(?<![\d,])(\d{1,2})\. (?=[A-ZÉÀÈ])", odj_part(car_seed))
    assert len(numbered) == sum(len(c.items) for c in cv.CAR) == 49


def test_car_durations_are_the_seed_durations(car_seed: str) -> None:
    durations = re.findall(r"RENCONTRE (\d) Durée : (.+?)(?= RENCONTRE| ORDRE)", car_seed)
    assert [(int(n), d) for n, d in durations[:5]] == [
        (i, c.duree) for i, c in enumerate(cv.CAR, start=1)
    ]


def test_r1_items_sit_under_their_guiding_question_in_the_seed(car_seed: str) -> None:
    odj = odj_part(car_seed)
    starts = [odj.index(q) for q in cv.QUESTIONS_DIRECTRICES]
    for item in cv.CAR_R1.items:
        at = odj.index(f"{item.numero}. {item.texte}")
        if not item.question:
            assert item.kind in (cv.KIND_ACCUEIL, cv.KIND_NORMES, cv.KIND_CLOTURE)
            continue
        section = max(i for i, s in enumerate(starts) if s < at)
        assert item.question == cv.QUESTIONS_DIRECTRICES[section], item.texte


@pytest.mark.parametrize("c", cv.CAR, ids=lambda c: c.key)
def test_car_questions_and_blocs(c: cv.Canevas) -> None:
    for item in c.items:
        if item.kind == cv.KIND_CONTENU:
            assert item.question in cv.QUESTIONS_DIRECTRICES
            assert item.bloc in vocabulary.BLOCS
        else:
            assert item.question == "" and item.bloc == ""
        # An item naming its bloc refers to it.
        named = re.search(r"\(bloc (\d)\)|sur le bloc (\d)", item.texte)
        if named:
            assert item.bloc == f"Bloc {named.group(1) or named.group(2)}"
        if "évaluation finale" in item.texte and "bloc" not in item.texte:
            assert item.bloc == vocabulary.BLOC_FINALE


@pytest.mark.parametrize("i", range(5))
def test_car_compte_rendu_blocks_are_the_seed_blocks(car_seed: str, i: int) -> None:
    cr = cr_part(car_seed)
    c = cv.CAR[i]
    assert [b.titre for b in c.compte_rendu] == [
        "Actions/Décisions",
        "Données à recueillir",
        "Résultats attendus",
    ]
    for block in c.compte_rendu:
        section = cr[cr.index(block.titre) :]
        # The five columns are extracted one after the other: the i-th group of bullets.
        for puce in block.puces:
            assert f"• {puce}" in section, puce
    assert c.prochaine == ("Quoi apporter?", "Quoi discuter?", "Qui fait quoi?")
    assert cr.count("Quoi apporter? Quoi discuter? Qui fait quoi?") == 5


def test_car_r4_and_r5_have_their_own_bullets(car_seed: str) -> None:
    cr = cr_part(car_seed)
    donnees = cr[cr.index("Données à recueillir") : cr.index("Résultats attendus")]
    groups = re.findall(r"• [^•]+", donnees)
    # R1–R3: two bullets each, R4: one, R5: two.
    assert [g.strip() for g in groups[6:7]] == [f"• {cv.DONNEES_R4.puces[0]}"]
    resultats = cr[cr.index("Résultats attendus") : cr.index("Prochaine rencontre")]
    bullets = [g.strip() for g in re.findall(r"• [^•]+", resultats)]
    expected = [f"• {p}" for c in cv.CAR for p in c.compte_rendu[2].puces]
    assert bullets == expected


def test_cee_agenda_is_annexe_3(cee_seed: str) -> None:
    annexe = cee_seed[cee_seed.index("Annexe 3 : Ordre du jour") :]
    annexe = annexe[: annexe.index("Annexe 4")]
    assert "Ordre du jour Titre du comité (réseau)" in annexe
    seed_texts = {
        cv.ELEMENT: "….élément de la journée…",
        cv.SUIVI_CEE: "Points de suivi du (date de la dernière rencontre)",
        cv.AUTRE: "…",
    }
    pos = 0
    for c in cv.CEE:
        assert [it.numero for it in c.items] == list(range(1, 9))
        pos = 0
        for it in c.items:
            wording = seed_texts.get(it.texte, it.texte)
            found = annexe.find(f"{it.numero}. {wording} (temps prévu)", pos)
            if found < 0:  # the day's element has no « (temps prévu) » in the seed
                found = annexe.find(f"{it.numero}. {wording}", pos)
            assert found >= 0, it.texte
            pos = found + 1
            assert it.minutes


def test_cee_compte_rendu_is_annexe_4(cee_seed: str) -> None:
    annexe = cee_seed[cee_seed.index("Annexe 4 : Compte rendu") :]
    annexe = annexe[: annexe.index("Annexe 5")]
    pos = 0
    for n, titre in cv.COMPTE_RENDU_CEE:
        found = annexe.find(f"{n}. {titre}", pos)
        assert found >= 0, titre
        pos = found
    for text in (cv.MEMBRES_COCHER, cv.DOCUMENTS_NOTES, cv.REALISATION, cv.ASSEMBLEE_DEBUTE):
        assert text in annexe
    assert "☐Prénom, Nom, titre, nom du service (Animation)" in annexe


def test_cee_day_plans(cee_seed: str) -> None:
    assert "2 journées complètes (8 :45 à 15 :45)" in cee_seed
    assert "4 Après-midis (12h45 à 15h45)" in cee_seed
    journee, apres_midi = cv.PLAN_JOURNEE, cv.PLAN_APRES_MIDI
    assert (journee.debut.hour, journee.debut.minute) == (8, 45)
    assert (journee.fin.hour, journee.fin.minute) == (15, 45)
    assert (apres_midi.debut.hour, apres_midi.debut.minute) == (12, 45)
    for plan in (journee, apres_midi):
        assert plan.periods[0].debut == plan.debut and plan.periods[-1].fin == plan.fin
        for a, b in zip(plan.periods, plan.periods[1:], strict=False):
            assert a.fin == b.debut
    assert [p.label for p in journee.periods].count(cv.DINER) == 1
    assert [p.label for p in journee.periods].count(cv.PAUSE) == 2
    annexe = cee_seed[cee_seed.index("Annexe 2") : cee_seed.index("Annexe 3")]
    for day in (cv.PLAN_EXEMPLE_JOUR_1, cv.PLAN_EXEMPLE_JOUR_2):
        for period in day:
            for line in period:
                assert line in annexe, line
    assert [len(days) for _, days in cv.HORAIRES_RESEAU] == [2, 3, 4]
