"""The canevas of the projet CAR (« Rencontres collaboratives dans la séquence
d’enseignement-apprentissage », CTREQ): rencontres R1–R5, their durations, every agenda
item in the canevas's wording (PDF line breaks joined, typographic apostrophe ’ kept), the
guiding question and the bloc each item refers to, and the COMPTE-RENDU blocks with the
canevas's suggested bullets.

Where the canevas is silent, choices are marked ``# choice:``:
- In the canevas's table, R1's items sit in rows under each guiding question; R2–R5's
  items 3+ sit in one cell spanning the three rows. Their question is assigned by analogy
  with R1 (targeting learnings → question 1; evidence, evaluation, observation tools →
  question 2; strategies, hypotheses about interventions → question 3).
- Default « temps prévu » (minutes) are not in the canevas: they fit its durations.
"""

from __future__ import annotations

from classeur.domain.canevas.base import (
    KIND_ACCUEIL,
    KIND_CLOTURE,
    KIND_NORMES,
    BlocCompteRendu,
    Canevas,
    Item,
)
from classeur.layout import vocabulary

QUESTION_APPRENDRE = "Que voulons-nous que nos élèves apprennent?"
QUESTION_SAVOIR = "Comment saurons-nous s’ils ont appris?"
QUESTION_AIDER = "Que ferons-nous pour les aider à apprendre?"
QUESTIONS_DIRECTRICES = (QUESTION_APPRENDRE, QUESTION_SAVOIR, QUESTION_AIDER)

DUREE_JOURNEE_ET_PLUS = "une journée et plus..."
DUREE_JUSQU_DEMI = "jusqu’à une demi-journée"
DUREE_DEMI = "une demi-journée"

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
