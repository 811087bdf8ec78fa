"""The meeting models of the seeds, as data (no code branches per rencontre).

- CAR (seed 000, « Rencontres collaboratives dans la séquence d’enseignement-apprentissage »):
  rencontres R1–R5, their durations, every agenda item in the seed's wording (PDF line
  breaks joined, typographic apostrophe ’ kept), the guiding question and the bloc each
  item refers to, and the COMPTE-RENDU blocks with the seed's suggested bullets.
- CEE (seed 004, réseaux d'entraide): the ordre du jour model (annexe 3), the compte rendu
  model (annexe 4) and the day plans (annexe 2 and section 8.2: 8 h 45–15 h 45 and
  12 h 45–15 h 45, pauses, dîner).

These are the starting point of a rencontre's tab; the team then adds, removes, rewords and
times items in the classeur itself.

Where the seed is silent, choices are marked ``# choice:``:
- In the seed's table, R1's items sit in rows under each guiding question; R2–R5's items 3+
  sit in one cell spanning the three rows. Their question is assigned by analogy with R1
  (targeting learnings → question 1; evidence, evaluation, observation tools → question 2;
  strategies, hypotheses about interventions → question 3).
- Default « temps prévu » (minutes) are not in the seeds: they fit the seed's durations.
- Times of pauses and dîner in a CEE day are not in the seed (only the day's bounds).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from classeur.layout import vocabulary

# --------------------------------------------------------------------------------------
# CAR (seed 000)
# --------------------------------------------------------------------------------------
QUESTION_APPRENDRE = "Que voulons-nous que nos élèves apprennent?"
QUESTION_SAVOIR = "Comment saurons-nous s’ils ont appris?"
QUESTION_AIDER = "Que ferons-nous pour les aider à apprendre?"
QUESTIONS_DIRECTRICES = (QUESTION_APPRENDRE, QUESTION_SAVOIR, QUESTION_AIDER)

DUREE_JOURNEE_ET_PLUS = "une journée et plus..."
DUREE_JUSQU_DEMI = "jusqu’à une demi-journée"
DUREE_DEMI = "une demi-journée"

# Kinds of items: what a regeneration or a compte rendu may need to recognise.
KIND_ACCUEIL = "accueil"
KIND_NORMES = "normes"
KIND_CONTENU = "contenu"
KIND_CLOTURE = "cloture"
KIND_OUVERTURE = "ouverture"
KIND_PRESENCES = "presences"
KIND_LECTURE = "lecture"
KIND_ELEMENT = "element"
KIND_SUIVI = "suivi"
KIND_AUTRE = "autre"
KIND_DIVERS = "divers"
KIND_LEVEE = "levee"


@dataclass(frozen=True)
class Item:
    """One agenda item of a canevas."""

    numero: int  # the number in the seed
    texte: str  # the seed's wording
    question: str = ""  # one of QUESTIONS_DIRECTRICES, or "" (accueil, normes, clôture…)
    bloc: str = ""  # layout.BLOC_*: the bloc the item refers to ("" when none)
    minutes: int | None = None  # default « temps prévu » (choice: not in the seeds)
    kind: str = KIND_CONTENU


@dataclass(frozen=True)
class BlocCompteRendu:
    """A block of the COMPTE-RENDU with the seed's suggested content."""

    titre: str
    puces: tuple[str, ...] = ()


@dataclass(frozen=True)
class Canevas:
    """The model of one kind of rencontre."""

    key: str  # the value of the « Canevas » column of tblRencontres
    titre: str  # « Rencontre 2 », « Réseau d'entraide : demi-journée »
    duree: str  # the seed's duration, as written
    items: tuple[Item, ...]
    compte_rendu: tuple[BlocCompteRendu, ...]
    prochaine: tuple[str, ...] = ()  # « Quoi apporter? », « Quoi discuter? », « Qui fait quoi? »
    # CAR: the « Points de suivi » come just before this kind of item (choice: the seed
    # has none; before the clôture keeps the seed's numbers). CEE: annexe 3 has its own.
    suivi_before: str = KIND_CLOTURE
    plan: DayPlan | None = None


ACCUEIL = "Accueil"
NORMES_R1 = (
    "Établir les normes de fonctionnement de l’équipe (en lien avec les valeurs du projet "
    "éducatif)."
)
NORMES = "Rappeler les normes de fonctionnement de l’équipe."
CLOTURE = (
    "Clôture (p. ex. : apprentissages, réussites et défis de l’équipe, appréciation de la "
    "rencontre)"
)


def _retour(bloc: int) -> str:
    return (
        f"Faire un retour sur le bloc {bloc} : apprentissages travaillés avec les élèves, "
        "stratégies d’enseignement utilisées, activités d’évaluation formative réalisées."
    )


ANALYSER = (
    "Analyser les données d’observation ou preuves de l’apprentissage disponibles "
    "(p. ex. : travaux, résultats d’entretiens, portraits de classe) pour évaluer le "
    "progrès des élèves."
)
RETOUR_FINALE = (
    "Faire un retour sur la tâche d’évaluation finale : analyser les données pour "
    "identifier les élèves qui ont atteint le niveau de réussite visé et ceux qui ne "
    "l’ont pas atteint."
)
# The agenda items that analyse the grille's data: the agenda documents show the
# compiled results under them.
ANALYSIS_ITEMS = (ANALYSER, RETOUR_FINALE)
PARTAGER_R2 = (
    "Partager des travaux exemplaires pour améliorer sa compréhension des attentes face aux "
    "élèves (ou s’entendre sur les éléments observables qui correspondent au niveau de "
    "réussite visé)."
)
PARTAGER = (
    "Partager des travaux exemplaires pour améliorer sa compréhension des attentes face aux "
    "élèves (éléments observables qui correspondent au niveau de réussite visé)."
)
AJUSTER = "Ajuster les évaluations formatives et outils d’observation."
HYPOTHESES = "Formuler des hypothèses quant à l’efficacité des interventions réalisées."
REVISER = (
    "Réviser les stratégies à mettre en œuvre pour aider les élèves qui ont déjà réalisé les "
    "apprentissages ciblés et ceux qui ne les ont pas encore réalisés."
)

Q1, Q2, Q3 = QUESTIONS_DIRECTRICES
B1, B2, B3, BF = vocabulary.BLOC_1, vocabulary.BLOC_2, vocabulary.BLOC_3, vocabulary.BLOC_FINALE


def _open(normes: str, minutes_normes: int) -> tuple[Item, Item]:
    return (
        Item(1, ACCUEIL, minutes=10, kind=KIND_ACCUEIL),
        Item(2, normes, minutes=minutes_normes, kind=KIND_NORMES),
    )


def _middle(before: str, after: str, ajuster: str, cibler: str, partager: str) -> tuple[Item, ...]:
    """Items 3–9 of R2, R3 and R4 (same structure, different blocs)."""
    return (
        Item(3, _retour(int(before[-1])), Q2, before, 20),
        Item(4, ANALYSER, Q2, before, 30),
        Item(5, cibler, Q1, after, 15),
        Item(6, partager, Q1, after, 20),
        Item(7, ajuster, Q2, after, 20),
        Item(8, HYPOTHESES, Q3, before, 15),
        Item(9, REVISER, Q3, after, 25),
    )


def _cibler(what: str) -> str:
    return f"Cibler les apprentissages à travailler en priorité d’ici {what}."


ACTIONS_R1 = BlocCompteRendu(
    "Actions/Décisions",
    (
        "Apprentissages à travailler;",
        "Stratégies d’enseignement, activités d’apprentissage et d’évaluation formative à "
        "mettre en œuvre, organisation des interventions avec les membres de l’équipe.",
    ),
)
ACTIONS = BlocCompteRendu(
    "Actions/Décisions",
    (
        "Apprentissages à travailler;",
        "Stratégies d’enseignement, activités d’apprentissage et d’évaluation formative à "
        "mettre en œuvre (ajustement), organisation des interventions.",
    ),
)
DONNEES = BlocCompteRendu(
    "Données à recueillir",
    (
        "Preuves de l’apprentissage recueillies à l’aide d’outils d’observation;",
        "Travaux exemplaires (pour les différents niveaux de réussite).",
    ),
)
DONNEES_R4 = BlocCompteRendu("Données à recueillir", ("Tâche d’évaluation finale.",))
RESULTATS = BlocCompteRendu(
    "Résultats attendus",
    (
        "Nombre d’élèves qui auront réalisé les apprentissages ciblés ou atteint l’objectif "
        "de la séquence d’ici la prochaine rencontre;",
        "Apprentissages qui seront réalisés ou à travailler.",
    ),
)
RESULTATS_R4 = BlocCompteRendu(
    "Résultats attendus",
    (
        "Nombre d’élèves qui auront atteint l’objectif de la séquence;",
        "Apprentissages qui seront réalisés ou à travailler.",
    ),
)
RESULTATS_R5 = BlocCompteRendu(
    "Résultats attendus",
    (
        "Pistes d’amélioration de la séquence d’enseignement-apprentissage (garder des traces);",
        "Apprentissages à travailler lors de la séquence d’enseignement-apprentissage suivante.",
    ),
)
BLOC_ACTIONS = ACTIONS.titre
BLOC_DONNEES = DONNEES.titre
BLOC_RESULTATS = RESULTATS.titre

QUOI_APPORTER = "Quoi apporter?"
QUOI_DISCUTER = "Quoi discuter?"
QUI_FAIT_QUOI = "Qui fait quoi?"
PROCHAINE_CAR = (QUOI_APPORTER, QUOI_DISCUTER, QUI_FAIT_QUOI)

CAR_R1 = Canevas(
    key=vocabulary.CANEVAS_CAR[0],
    titre="Rencontre 1",
    duree=DUREE_JOURNEE_ET_PLUS,
    items=(
        *_open(NORMES_R1, 30),
        Item(
            3,
            "Déterminer les apprentissages essentiels pour la première séquence "
            "d’enseignement-apprentissage (en lien avec un objectif du projet éducatif).",
            Q1,
            B1,
            60,
        ),
        Item(
            4,
            "Définir les éléments observables (critères d’évaluation) qui correspondent au "
            "niveau de réussite visé pour chaque apprentissage essentiel, par exemple à l’aide "
            "de travaux exemplaires.",
            Q1,
            B1,
            60,
        ),
        Item(
            5,
            "Préciser le résultat d’apprentissage désiré (objectif commun) pour la séquence "
            "d’enseignement-apprentissage (p. ex. : % d’élèves qui auront atteint le niveau "
            "de réussite visé à la tâche d’évaluation finale).",
            Q1,
            BF,
            30,
        ),
        Item(
            6,
            "Cibler les apprentissages à travailler en priorité d’ici la prochaine rencontre "
            "collaborative (bloc 1).",
            Q1,
            B1,
            30,
        ),
        Item(7, "Élaborer la tâche d’évaluation finale.", Q2, BF, 60),
        Item(
            8,
            "Convenir des activités d’évaluation formative et des outils d’observation "
            "(p. ex. : grille de compilation) à utiliser pour recueillir des preuves de "
            "l’apprentissage d’ici la prochaine rencontre.",
            Q2,
            B1,
            45,
        ),
        Item(
            9,
            "Choisir les stratégies d’enseignement et les activités d’apprentissage à mettre "
            "en œuvre pour aider les élèves à apprendre, organiser les interventions.",
            Q3,
            B1,
            60,
        ),
        Item(10, CLOTURE, minutes=15, kind=KIND_CLOTURE),
    ),
    compte_rendu=(ACTIONS_R1, DONNEES, RESULTATS),
    prochaine=PROCHAINE_CAR,
)

CAR_R2 = Canevas(
    key=vocabulary.CANEVAS_CAR[1],
    titre="Rencontre 2",
    duree=DUREE_JUSQU_DEMI,
    items=(
        *_open(NORMES, 5),
        *_middle(B1, B2, AJUSTER, _cibler("la prochaine rencontre (bloc 2)"), PARTAGER_R2),
        Item(10, CLOTURE, minutes=10, kind=KIND_CLOTURE),
    ),
    compte_rendu=(ACTIONS, DONNEES, RESULTATS),
    prochaine=PROCHAINE_CAR,
)

CAR_R3 = Canevas(
    key=vocabulary.CANEVAS_CAR[2],
    titre="Rencontre 3",
    duree=DUREE_JUSQU_DEMI,
    items=(
        *_open(NORMES, 5),
        *_middle(B2, B3, AJUSTER, _cibler("la prochaine rencontre (bloc 3)"), PARTAGER),
        Item(10, CLOTURE, minutes=10, kind=KIND_CLOTURE),
    ),
    compte_rendu=(ACTIONS, DONNEES, RESULTATS),
    prochaine=PROCHAINE_CAR,
)

CAR_R4 = Canevas(
    key=vocabulary.CANEVAS_CAR[3],
    titre="Rencontre 4",
    duree=DUREE_JUSQU_DEMI,
    items=(
        *_open(NORMES, 5),
        *_middle(
            B3,
            BF,
            "Ajuster la tâche d’évaluation finale.",
            _cibler("l’évaluation finale commune"),
            PARTAGER,
        ),
        Item(10, CLOTURE, minutes=10, kind=KIND_CLOTURE),
    ),
    compte_rendu=(ACTIONS, DONNEES_R4, RESULTATS_R4),
    prochaine=PROCHAINE_CAR,
)

CAR_R5 = Canevas(
    key=vocabulary.CANEVAS_CAR[4],
    titre="Rencontre 5",
    duree=DUREE_DEMI,
    items=(
        *_open(NORMES, 5),
        Item(
            3,
            RETOUR_FINALE,
            Q2,
            BF,
            40,
        ),
        Item(4, "Cibler les apprentissages à travailler de nouveau.", Q1, BF, 20),
        Item(
            5,
            "Formuler des hypothèses quant à l’efficacité des interventions réalisées pendant "
            "la séquence.",
            Q3,
            BF,
            20,
        ),
        Item(
            6,
            "Déterminer et répertorier les stratégies qui semblent avoir eu le plus d’impact "
            "sur l’apprentissage des élèves.",
            Q3,
            BF,
            25,
        ),
        Item(
            7,
            "Choisir les stratégies à mettre en œuvre pour aider les élèves qui ont appris et "
            "ceux qui n’ont pas suffisamment progressé.",
            Q3,
            BF,
            25,
        ),
        Item(
            8,
            "Consigner des idées pour améliorer la séquence avant qu’elle soit reprise l’année "
            "prochaine (p. ex. : organisation des apprentissages essentiels, stratégies "
            "d’enseignement à privilégier, ajustement des activités d’apprentissage et "
            "d’évaluation) et en vue de planifier la séquence d’enseignement-apprentissage "
            "suivante.",
            Q3,
            BF,
            20,
        ),
        Item(9, CLOTURE, minutes=15, kind=KIND_CLOTURE),
    ),
    compte_rendu=(ACTIONS, DONNEES, RESULTATS_R5),
    prochaine=PROCHAINE_CAR,
)

CAR = (CAR_R1, CAR_R2, CAR_R3, CAR_R4, CAR_R5)

# --------------------------------------------------------------------------------------
# CEE réseaux d'entraide (seed 004)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A period of a day plan: work, pause or dîner, with its bounds."""

    label: str
    debut: dt.time
    fin: dt.time


@dataclass(frozen=True)
class DayPlan:
    """A day of a réseau (annexe 2 and section 8.2 of seed 004)."""

    label: str
    debut: dt.time
    fin: dt.time
    periods: tuple[Period, ...] = field(default=())


TRAVAIL = "Travail en réseau"
PAUSE = "Pause"
DINER = "Dîner"


def _t(h: int, m: int = 0) -> dt.time:
    return dt.time(h, m)


# Section 8.2: « 2 journées complètes (8 :45 à 15 :45) ; 1 journée complète (8 :45 à 15 :45)
# et 2 après-midis (12h45 à 15h45) ; 4 Après-midis (12h45 à 15h45) ».
# Annexe 2 splits a full day as: work, Pause, work, Dîner, work, Pause, work.
# choice: the times of the pauses and of the dîner are not in the seed.
PLAN_JOURNEE = DayPlan(
    "Journée complète",
    _t(8, 45),
    _t(15, 45),
    (
        Period(TRAVAIL, _t(8, 45), _t(10, 15)),
        Period(PAUSE, _t(10, 15), _t(10, 30)),
        Period(TRAVAIL, _t(10, 30), _t(11, 45)),
        Period(DINER, _t(11, 45), _t(12, 45)),
        Period(TRAVAIL, _t(12, 45), _t(14, 15)),
        Period(PAUSE, _t(14, 15), _t(14, 30)),
        Period(TRAVAIL, _t(14, 30), _t(15, 45)),
    ),
)
PLAN_APRES_MIDI = DayPlan(
    "Après-midi",
    _t(12, 45),
    _t(15, 45),
    (
        Period(TRAVAIL, _t(12, 45), _t(14, 15)),
        Period(PAUSE, _t(14, 15), _t(14, 30)),
        Period(TRAVAIL, _t(14, 30), _t(15, 45)),
    ),
)

# Section 8.2: the schedule options of a réseau, as (label, day plans).
HORAIRES_RESEAU = (
    ("2 journées complètes", (PLAN_JOURNEE, PLAN_JOURNEE)),
    (
        "1 journée complète et 2 demi-journées",
        (PLAN_JOURNEE, PLAN_APRES_MIDI, PLAN_APRES_MIDI),
    ),
    ("4 demi-journées", (PLAN_APRES_MIDI,) * 4),
)

# Annexe 2: the example plan of a réseau on two full days, period by period (work periods
# only; Pause and Dîner separate them). Reading of the two-column extract: see the seed.
PLAN_EXEMPLE_JOUR_1 = (
    (
        "Mot de bienvenue.",
        "Lecture de l’ordre du jour.",
        "Présentation de la personne faisant l’animation.",
        "Présentation des participants",
        "Présentation du réseau.",
        "Détermination des objectifs du réseau en équipe.",
        "Détermination des moyens de communication.",
        "Séparation des tâches.",
    ),
    (
        "Regard sur ce qui existe déjà : Ce que les participants font déjà dans leur classe.",
        "Regard sur les outils fournis par le ministère, les CP et les maisons d’édition",
        "Questionnements sur les difficultés des élèves.",
    ),
    (
        "Détermination des besoins en exercices et en outils pour les élèves.",
        "Ligne du temps de la préparation à l’examen.",
        "Aide pour les enseignants qui enseignent le programme pour la première fois.",
        "Type de questions de l’examen du ministère",
    ),
    (
        "Développement de matériels",
        "Bilan de la journée",
        "Préparation pour la prochaine rencontre",
    ),
)
PLAN_EXEMPLE_JOUR_2 = (
    (
        "Mot de bienvenue.",
        "Lecture de l’ordre du jour",
        "Regard sur le travail accompli depuis le début de l’année",
        "Partage de bons coups et des idées gagnantes.",
    ),
    ("Développement de matériels", "Évaluation d’outil"),
    ("Développement de matériel", "Développement de matériels", "Évaluation d’outil"),
    ("Bilan du réseau", "Commentaire sur le réseau"),
)

# Annexe 3: Ordre du jour. « (temps prévu) » after each item: default minutes (choice).
OUVERTURE = "Ouverture de la séance"
BIENVENUE = "Mot de bienvenue et vérification des présences"
LECTURE_ADOPTION = "Lecture et adoption de l’ordre du jour"
ELEMENT = "Élément de la journée"  # the seed: « ….élément de la journée… »
SUIVI_CEE = "Points de suivi du (date de la dernière rencontre)"
AUTRE = "Autre point"  # the seed: « … (temps prévu) »
DIVERS = "Questions diverses"
LEVEE = "Levée de la séance et date de la prochaine rencontre"


def _cee_items(element_minutes: int) -> tuple[Item, ...]:
    return (
        Item(1, OUVERTURE, minutes=5, kind=KIND_OUVERTURE),
        Item(2, BIENVENUE, minutes=10, kind=KIND_PRESENCES),
        Item(3, LECTURE_ADOPTION, minutes=5, kind=KIND_LECTURE),
        Item(4, ELEMENT, minutes=element_minutes, kind=KIND_ELEMENT),
        Item(5, SUIVI_CEE, minutes=15, kind=KIND_SUIVI),
        Item(6, AUTRE, minutes=20, kind=KIND_AUTRE),
        Item(7, DIVERS, minutes=10, kind=KIND_DIVERS),
        Item(8, LEVEE, minutes=5, kind=KIND_LEVEE),
    )


# Annexe 4: Compte-rendu. Rows: (n°, text, what fills « Documents, notes et décisions »).
ASSEMBLEE_DEBUTE = "L’assemblée débute à"
LECTURE = "Lecture de l’ordre du jour"
RESUME = "Résumé de la rencontre"
A_FAIRE = "À faire pour la prochaine rencontre"
COMPTE_RENDU_CEE = (
    (1, BIENVENUE),
    (2, LECTURE),
    (3, RESUME),
    (4, A_FAIRE),
    (5, DIVERS),
    (6, LEVEE),
)
# Which annexe-3 items feed each annexe-4 row; items of other kinds go to the résumé.
COMPTE_RENDU_CEE_SOURCES = {
    BIENVENUE: (KIND_OUVERTURE, KIND_PRESENCES),
    LECTURE: (KIND_LECTURE,),
    DIVERS: (KIND_DIVERS,),
    LEVEE: (KIND_LEVEE,),
}
MEMBRES_COCHER = "Membres (cocher les membres présents)"
DOCUMENTS_NOTES = "Documents, notes et décisions"
REALISATION = "Réalisation"

CEE_BLOCS = (BlocCompteRendu(RESUME), BlocCompteRendu(A_FAIRE))

CEE_JOURNEE = Canevas(
    key=vocabulary.CANEVAS_CEE_JOURNEE,
    titre="Réseau d'entraide : journée complète",
    duree="une journée (8 h 45 à 15 h 45)",
    items=_cee_items(240),
    compte_rendu=(BlocCompteRendu(RESUME),),
    prochaine=(QUOI_APPORTER, QUOI_DISCUTER, QUI_FAIT_QUOI),
    plan=PLAN_JOURNEE,
)
CEE_DEMI = Canevas(
    key=vocabulary.CANEVAS_CEE_DEMI,
    titre="Réseau d'entraide : demi-journée",
    duree="une demi-journée (12 h 45 à 15 h 45)",
    items=_cee_items(95),
    compte_rendu=(BlocCompteRendu(RESUME),),
    prochaine=(QUOI_APPORTER, QUOI_DISCUTER, QUI_FAIT_QUOI),
    plan=PLAN_APRES_MIDI,
)
CEE = (CEE_JOURNEE, CEE_DEMI)

ALL = {c.key: c for c in (*CAR, *CEE)}


def for_meeting(canevas_key: str, modele: str, numero: int) -> Canevas:
    """The canevas of a rencontre: its « Canevas » column, else a default for the kind."""
    if canevas_key in ALL:
        return ALL[canevas_key]
    if modele == vocabulary.MODELE_CAR:
        return CAR[min(max(numero, 1), len(CAR)) - 1]
    return CEE_DEMI


def is_cee(c: Canevas) -> bool:
    return c.key in vocabulary.CANEVAS_CEE
