"""What the demo team typed in the tabs of the rencontres already held (before
``DEMO_TODAY``): presences, notes, compte rendu blocks and actions. Item keys are agenda
positions."""

from __future__ import annotations

import datetime as dt

from classeur.domain.demo.builders import demo
from classeur.domain.demo.people import MEMBERS
from classeur.domain.rencontres.saisie import Saisie
from classeur.layout import vocabulary


def _all_present(**others: str) -> dict[str, str]:
    names = [f"{p} {n}" for p, n, *_ in MEMBERS]
    return {name: others.get(name, vocabulary.PRESENT) for name in names}


def _typed_actions(numeros: tuple[int, ...], modele: str) -> list[tuple[str, str, dt.date | None]]:
    by_number = {a.numero: a for a in demo(modele).actions}
    return [(by_number[n].action, by_number[n].responsable, by_number[n].echeance) for n in numeros]


def saisies(modele: str) -> dict[int, Saisie]:
    """What the team typed in the tabs of the rencontres already held."""
    if modele == vocabulary.MODELE_CAR:
        return _car_saisies()
    return _reseau_saisies()


def _car_saisies() -> dict[int, Saisie]:
    return {1: _car_r1(), 2: _car_r2(), 3: _car_r3()}


def _car_r1() -> Saisie:
    """R1 (a full day): the team's norms, its four apprentissages essentiels, the bloc 1 plan."""
    return Saisie(
        presences=_all_present(**{"Louis Bergeron": vocabulary.EXCUSE}),
        debut="8 h 50",
        items={
            2: {
                "notes": "Normes adoptées\u00a0: ponctualité, parole à tour de rôle, "
                "décisions au consensus."
            },
            3: {
                "notes": "Quatre apprentissages essentiels retenus (A1 à A4), en lien "
                "avec l’objectif du projet éducatif sur la réussite en histoire.",
                "realisation": "Fait",
            },
            4: {
                "notes": "Critères observables rédigés pour chaque apprentissage; "
                "travaux exemplaires de l’an dernier utilisés comme repères."
            },
            5: {
                "notes": "Objectif commun\u00a0: 80 % des élèves au niveau 3 ou plus "
                "(85 % pour A2, 75 % pour A3)."
            },
            6: {"notes": "Bloc 1\u00a0: A1 et A2 en priorité."},
            7: {
                "notes": "Dossier documentaire et question à développement long, "
                "sur le modèle de l’épreuve."
            },
            8: {
                "notes": "Grille de compilation commune (feuille Grille), "
                "remplie après chaque activité formative."
            },
            9: {
                "notes": "Modelage de l’analyse de documents; pratique guidée en dyades; "
                "ateliers de rattrapage le jeudi midi."
            },
            10: {"notes": "Belle énergie; défi\u00a0: trouver du temps de concertation."},
        },
        blocks={
            "Actions/Décisions": "Bloc 1\u00a0: travailler A1 et A2.\nModelage de l’analyse "
            "de documents et pratique guidée en dyades dans les trois groupes.",
            "Données à recueillir": "Résultats du bloc 1 dans la grille; deux copies "
            "exemplaires par niveau de réussite.",
            "Résultats attendus": "Au moins 70 % des élèves au niveau 3 en A1 et A2 "
            "d’ici la rencontre 2.",
        },
        apporter="Trois copies d’élèves (forte, moyenne, faible) pour A1.",
        discuter="Premiers résultats du bloc 1 et ajustements des activités.",
        actions=_typed_actions((1, 2), vocabulary.MODELE_CAR),
    )


def _car_r2() -> Saisie:
    """R2: bloc 1 looked back on, bloc 2 planned; one member absent, one excused."""
    return Saisie(
        presences=_all_present(
            **{"Nadia Ouellet": vocabulary.ABSENT, "Chantal Roy": vocabulary.EXCUSE}
        ),
        debut="12 h 50",
        items={
            3: {
                "notes": "A1 et A2 travaillés dans les trois groupes; deux activités "
                "formatives par groupe."
            },
            4: {
                "notes": "Grille du bloc 1\u00a0: A2 bien réussi; A3 plus difficile "
                "(réponses peu développées)."
            },
            5: {"notes": "Bloc 2\u00a0: A3 et A4."},
            6: {"notes": "Copies exemplaires comparées; entente sur le niveau 3 de A3."},
            7: {"notes": "Grille d’observation de A3 simplifiée (trois critères)."},
            8: {"notes": "Le modelage semble plus efficace que les fiches seules."},
            9: {"notes": "Ateliers de rattrapage ciblés pour les élèves sous le niveau 3."},
        },
        blocks={
            "Actions/Décisions": "Bloc 2\u00a0: A3 et A4; ateliers de rattrapage en A1.",
            "Données à recueillir": "Résultats du bloc 2 dans la grille; travaux "
            "exemplaires de A3.",
            "Résultats attendus": "75 % des élèves au niveau 3 en A3 d’ici la rencontre 3.",
        },
        apporter="Résultats du bloc 2 compilés dans la grille.",
        discuter="Adaptations pour les élèves de l’immigration récente.",
        actions=_typed_actions((3, 4, 5), vocabulary.MODELE_CAR),
    )


def _car_r3() -> Saisie:
    """R3: bloc 2 looked back on, bloc 3 planned, notes on the open actions (suivi)."""
    return Saisie(
        presences=_all_present(**{"Karim Benali": vocabulary.EXCUSE}),
        debut="12 h 47",
        items={
            3: {"notes": "Bloc 2 terminé; A4 abordé plus tard dans le groupe 403."},
            4: {"notes": "Progrès nets en A1 et A2; A3 reste sous l’objectif."},
            5: {"notes": "Bloc 3\u00a0: A3 (question longue) et A4."},
            7: {"notes": "Ajout d’une autoévaluation avant la remise de la question longue."},
            9: {"notes": "Rétroaction écrite ciblée sur un critère à la fois."},
            11: {"notes": "Niveaux 1 à 3 déposés dans Teams; niveau 4 à venir."},
            12: {"notes": "Reporté\u00a0: présentation des adaptations à la rencontre 4."},
        },
        blocks={
            "Actions/Décisions": (
                "Bloc 3\u00a0: A3 et A4; autoévaluation avant chaque question longue."
            ),
            "Données à recueillir": "Résultats du bloc 3 dans la grille.",
            "Résultats attendus": "80 % des élèves au niveau 3 en A3 d’ici la rencontre 4.",
        },
        apporter="Une copie de question longue par groupe, annotée.",
        discuter="Version finale de la tâche d’évaluation commune.",
        actions=_typed_actions((6, 7), vocabulary.MODELE_CAR),
    )


def _reseau_saisies() -> dict[int, Saisie]:
    return {
        1: Saisie(
            presences=_all_present(**{"Louis Bergeron": vocabulary.EXCUSE}),
            debut="12 h 50",
            items={
                2: {"notes": "Tour de table des participants et de leurs écoles."},
                3: {"notes": "Ordre du jour adopté sans modification."},
                4: {
                    "texte": "Regard sur ce qui existe déjà\u00a0: ce que les participants font "
                    "déjà dans leur classe",
                    "notes": "Partage des dossiers documentaires utilisés dans chaque école.",
                },
                5: {
                    "texte": "Détermination des objectifs du réseau et des moyens de communication",
                    "notes": "Objectif\u00a0: une banque commune d’exercices; équipe Teams créée.",
                    "realisation": "Fait",
                },
                6: {"notes": "Aucune."},
            },
            blocks={
                "Résumé de la rencontre": "Lancement du réseau\u00a0: objectifs communs "
                "et partage des outils existants."
            },
            apporter="Un exercice de préparation à l’examen déjà utilisé en classe.",
            discuter="Types de questions de l’examen du ministère.",
            actions=_typed_actions((1, 2), vocabulary.MODELE_RESEAU),
        ),
        2: Saisie(
            presences=_all_present(**{"Nadia Ouellet": vocabulary.ABSENT}),
            debut="12 h 45",
            items={
                4: {
                    "texte": "Développement de matériels\u00a0: questions à développement long",
                    "notes": "Six exercices rédigés en dyades et mis en commun.",
                },
                6: {
                    "texte": "Évaluation d’outil",
                    "notes": "Grille d’autocorrection testée sur deux exercices.",
                },
                7: {"notes": "Calendrier de dépôt des exercices dans Teams."},
            },
            blocks={
                "Résumé de la rencontre": "Production de matériel et essai d’une "
                "grille d’autocorrection."
            },
            apporter="Les exercices terminés.",
            discuter="Aide aux référents culturels.",
            actions=_typed_actions((3, 4, 5), vocabulary.MODELE_RESEAU),
        ),
    }
