"""Blank and demo classeurs, as models (no I/O). Deterministic: same model every run."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from classeur.domain.demo.people import FIRST_NAMES, LAST_NAMES, LEARNINGS, MEMBERS, SCHOOLS
from classeur.domain.model import Action, Classeur, GridEntry, Learning, Meeting, Member, Settings
from classeur.layout import compilation, vocabulary

# The demo's "today": the demo is the same on every run (R1–R3 held, R4–R5 to come).
DEMO_TODAY = dt.date(2026, 11, 25)

DEFAULT_TITLES = {
    vocabulary.MODELE_CAR: "Équipe collaborative",
    vocabulary.MODELE_RESEAU: "Réseau d’entraide",
}


def blank(modele: str, titre: str | None = None, annee: str = "") -> Classeur:
    """A new, empty classeur of kind ``modele`` with its rencontres numbered."""
    settings = Settings(
        modele=modele,
        titre=titre or DEFAULT_TITLES[modele],
        annee_scolaire=annee,
        extra=dict(compilation.PALIER_DEFAULTS),
    )
    if modele == vocabulary.MODELE_CAR:
        meetings = [
            Meeting(numero=i + 1, canevas=canevas, bloc=_car_bloc(i + 1))
            for i, canevas in enumerate(vocabulary.CANEVAS_CAR)
        ]
    else:
        meetings = [
            Meeting(
                numero=i + 1, canevas=vocabulary.CANEVAS_CEE_DEMI, mode=vocabulary.MODE_PRESENTIEL
            )
            for i in range(4)
        ]
    return Classeur(settings, meetings=meetings)


def _car_bloc(numero: int) -> str:
    """The bloc a CAR rencontre plans for: R1→bloc 1 … R4→finale; R5 looks back."""
    return {
        1: vocabulary.BLOC_1,
        2: vocabulary.BLOC_2,
        3: vocabulary.BLOC_3,
        4: vocabulary.BLOC_FINALE,
    }.get(numero, vocabulary.BLOC_FINALE)


def demo(modele: str = vocabulary.MODELE_CAR) -> Classeur:
    """A complete, realistic demo classeur. Fully deterministic."""
    rng = random.Random(2026)
    members = _members()
    learnings = [
        Learning(f"A{i}", desc, crit, level, goal)
        for i, (desc, crit, level, goal) in enumerate(LEARNINGS, start=1)
    ]
    teachers = [m for m in members if m.role == vocabulary.ROLE_PARTICIPANT][:3]
    return Classeur(
        _settings(modele),
        members,
        _meetings(modele),
        learnings,
        _grid(rng, teachers, learnings),
        _actions(modele),
    )


def _settings(modele: str) -> Settings:
    return Settings(
        modele=modele,
        titre=(
            "Histoire 4e secondaire\u00a0: préparer l’épreuve ministérielle"
            if modele == vocabulary.MODELE_CAR
            else "Réseau d’entraide\u00a0: outils pour l’examen d’histoire de 4e secondaire"
        ),
        annee_scolaire="2026-2027",
        organisme="Centre de services scolaire de Montréal",
        but="Développer ensemble des outils pour aider les élèves de 4e secondaire "
        "à réussir l’épreuve d’histoire du Québec et du Canada.",
        echelle=vocabulary.ECHELLE_1_4,
        extra=dict(compilation.PALIER_DEFAULTS),
    )


def _members() -> list[Member]:
    return [
        Member(
            prenom=p,
            nom=n,
            courriel=_email(p, n),
            etablissement=SCHOOLS[s],
            fonction=f,
            service=svc,
            role=role,
        )
        for p, n, s, f, svc, role in MEMBERS
    ]


def _meetings(modele: str) -> list[Meeting]:
    """The CAR's five rencontres (R4 by videoconference), or the réseau's four afternoons."""
    if modele == vocabulary.MODELE_CAR:
        days: tuple[dt.date, ...] = (
            dt.date(2026, 9, 15),
            dt.date(2026, 10, 20),
            dt.date(2026, 11, 17),
            dt.date(2027, 1, 19),
            dt.date(2027, 2, 23),
        )
        return [
            Meeting(
                numero=i + 1,
                date=d,
                debut=dt.time(8, 45) if i == 0 else dt.time(12, 45),
                fin=dt.time(15, 45),
                mode=vocabulary.MODE_VISIO if i == 3 else vocabulary.MODE_PRESENTIEL,
                lieu="Plateforme Teams" if i == 3 else "École secondaire Pierre-Dupuy, local B-214",
                canevas=vocabulary.CANEVAS_CAR[i],
                bloc=_car_bloc(i + 1),
            )
            for i, d in enumerate(days)
        ]
    else:
        days = (
            dt.date(2026, 10, 15),
            dt.date(2026, 11, 19),
            dt.date(2027, 2, 11),
            dt.date(2027, 4, 15),
        )
        return [
            Meeting(
                numero=i + 1,
                date=d,
                debut=dt.time(12, 45),
                fin=dt.time(15, 45),
                mode=vocabulary.MODE_PRESENTIEL,
                lieu="Centre des enseignantes et des enseignants (CEE)",
                canevas=vocabulary.CANEVAS_CEE_DEMI,
                bloc="",
            )
            for i, d in enumerate(days)
        ]


def _grid(rng: random.Random, teachers: list[Member], learnings: list[Learning]) -> list[GridEntry]:
    """20 students per teacher, each with an ability and results drawn around it (the
    draws' order makes the demo: keep it)."""
    grid: list[GridEntry] = []
    used: set[str] = set()
    # Results exist for the blocs already evaluated in the demo year (blocs 1 and 2).
    evaluated = (vocabulary.BLOC_1, vocabulary.BLOC_2)
    for t_i, teacher in enumerate(teachers):
        groupe = f"40{t_i + 1}"
        for _ in range(20):
            name = _student(rng, used)
            ability = rng.gauss(2.8, 0.7)
            results: dict[tuple[str, str], int | str] = {}
            for lrn in learnings:
                for b_i, bloc in enumerate(evaluated):
                    if rng.random() < 0.04:
                        continue  # absent: not evaluated
                    level = round(ability + 0.35 * b_i + rng.gauss(0, 0.5))
                    results[(lrn.code, bloc)] = min(4, max(1, level))
            grid.append(GridEntry(name, groupe, teacher.full_name, results))
    return grid


def _actions(modele: str) -> list[Action]:
    """The Suivi's actions: five born in R1 and R2, two more in the CAR's R3."""
    actions = [
        Action(
            1,
            "Préparer la banque de documents historiques pour le bloc 1",
            "Mathieu Tremblay",
            dt.date(2026, 10, 6),
            vocabulary.STATUT_FAIT,
            1,
        ),
        Action(
            2,
            "Construire la grille d’observation de la question longue",
            "Sophie Gagnon",
            dt.date(2026, 10, 13),
            vocabulary.STATUT_FAIT,
            1,
        ),
        Action(
            3,
            "Rassembler des travaux exemplaires pour chaque niveau de réussite",
            "Émilie Côté",
            dt.date(2026, 11, 10),
            vocabulary.STATUT_EN_COURS,
            2,
        ),
        Action(
            4,
            "Adapter les activités pour les élèves de l’immigration récente",
            "Nadia Ouellet",
            dt.date(2026, 11, 10),
            vocabulary.STATUT_A_FAIRE,
            2,
        ),
        Action(
            5,
            "Compiler les résultats du bloc 2 dans la grille",
            "Karim Benali",
            dt.date(2026, 11, 13),
            vocabulary.STATUT_FAIT,
            2,
        ),
    ]
    if modele == vocabulary.MODELE_CAR:
        actions += _car_r3_actions()
    return actions


def _car_r3_actions() -> list[Action]:
    """The two actions born in the CAR's R3 (held before DEMO_TODAY; the réseau's is to come)."""
    return [
        Action(
            6,
            "Préparer la tâche d’évaluation finale commune",
            "Sophie Gagnon",
            dt.date(2027, 1, 12),
            vocabulary.STATUT_A_FAIRE,
            3,
        ),
        Action(
            7,
            "Planifier les ateliers de rattrapage pour A3",
            "Jean-François L’Heureux",
            dt.date(2026, 12, 11),
            vocabulary.STATUT_A_FAIRE,
            3,
        ),
    ]


def _email(prenom: str, nom: str) -> str:
    def ascii_(s: str) -> str:
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
        return "".join(ch for ch in s.lower() if ch.isalnum() or ch == "-")

    return f"{ascii_(nom)}.{ascii_(prenom)}@exemple.cssdm.gouv.qc.ca"


def _student(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in used:
            used.add(name)
            return name


# R3's agenda was prepared two days after its deadline: the demo shows the late flag.
DEMO_ODJ_PREPARE = {
    vocabulary.MODELE_CAR: {
        1: dt.date(2026, 9, 4),
        2: dt.date(2026, 10, 9),
        3: dt.date(2026, 11, 12),
    },
    vocabulary.MODELE_RESEAU: {1: dt.date(2026, 10, 6), 2: dt.date(2026, 11, 12)},
}


def odj_day(modele: str, numero: int) -> dt.date:
    """The day the demo's agenda of rencontre ``numero`` was prepared."""
    return DEMO_ODJ_PREPARE[modele].get(numero, DEMO_TODAY)
