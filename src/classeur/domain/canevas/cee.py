"""The models of the CEE's réseaux d'entraide (guide « Réseaux d'entraide » of the Centre
des enseignantes et enseignants, CSSDM): the ordre du jour (annexe 3), the compte rendu
(annexe 4), the example plan (annexe 2) and the day plans (annexe 2 and section 8.2:
8 h 45–15 h 45 and 12 h 45–15 h 45, pauses, dîner).

Where the guide is silent, choices are marked ``# choice:``: default « temps prévu »
(minutes), and the times of pauses and dîner in a day (the guide gives only its bounds).
"""

from __future__ import annotations

import datetime as dt

from classeur.domain.canevas.base import (
    KIND_AUTRE,
    KIND_DIVERS,
    KIND_ELEMENT,
    KIND_LECTURE,
    KIND_LEVEE,
    KIND_OUVERTURE,
    KIND_PRESENCES,
    KIND_SUIVI,
    BlocCompteRendu,
    Canevas,
    DayPlan,
    Item,
    Period,
)
from classeur.domain.canevas.car import QUI_FAIT_QUOI, QUOI_APPORTER, QUOI_DISCUTER
from classeur.layout import vocabulary

TRAVAIL = "Travail en réseau"
PAUSE = "Pause"
DINER = "Dîner"


def _t(h: int, m: int = 0) -> dt.time:
    return dt.time(h, m)


# Guide du CEE, section 8.2: « 2 journées complètes (8 :45 à 15 :45) ; 1 journée complète
# (8 :45 à 15 :45) et 2 après-midis (12h45 à 15h45) ; 4 Après-midis (12h45 à 15h45) ».
# Annexe 2 du CEE splits a full day as: work, Pause, work, Dîner, work, Pause, work.
# choice: the times of the pauses and of the dîner are not in the guide.
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

# Guide du CEE, section 8.2: the schedule options of a réseau, as (label, day plans).
HORAIRES_RESEAU = (
    ("2 journées complètes", (PLAN_JOURNEE, PLAN_JOURNEE)),
    (
        "1 journée complète et 2 demi-journées",
        (PLAN_JOURNEE, PLAN_APRES_MIDI, PLAN_APRES_MIDI),
    ),
    ("4 demi-journées", (PLAN_APRES_MIDI,) * 4),
)

# Annexe 2 du CEE: the example plan of a réseau on two full days, period by period (work
# periods only; Pause and Dîner separate them), as read from the annexe's two columns.
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

# Annexe 3 du CEE: Ordre du jour. « (temps prévu) » after each item: default minutes
# (choice).
OUVERTURE = "Ouverture de la séance"
BIENVENUE = "Mot de bienvenue et vérification des présences"
LECTURE_ADOPTION = "Lecture et adoption de l’ordre du jour"
ELEMENT = "Élément de la journée"  # annexe 3: « ….élément de la journée… »
SUIVI_CEE = "Points de suivi du (date de la dernière rencontre)"
AUTRE = "Autre point"  # annexe 3: « … (temps prévu) »
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


# Annexe 4 du CEE: Compte-rendu. Rows: (n°, text, what fills « Documents, notes et
# décisions »).
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
