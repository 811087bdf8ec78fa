"""Blank and demo classeurs, as models (no I/O). Deterministic: same model every run."""

from __future__ import annotations

import datetime as dt
import random

from classeur.domain.model import Action, Classeur, GridEntry, Learning, Meeting, Member, Settings
from classeur.domain.rencontres.saisie import Saisie
from classeur.layout import compilation, vocabulary

# The demo's "today": the demo is the same on every run (R1–R3 held, R4–R5 to come).
DEMO_TODAY = dt.date(2026, 11, 25)

DEFAULT_TITLES = {
    vocabulary.MODELE_CAR: "Équipe collaborative",
    vocabulary.MODELE_RESEAU: "Réseau d'entraide",
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


# --------------------------------------------------------------------------------------
# Demo: an équipe collaborative of 9 members from 4 schools, 5 rencontres, 60 students.
# --------------------------------------------------------------------------------------
_SCHOOLS = (
    "École secondaire Pierre-Dupuy",
    "École Saint-Louis",
    "École secondaire Jeanne-Mance",
    "École Marguerite-De Lajemmerais",
)

_MEMBERS = (
    (
        "Andrée-Anne",
        "Despard",
        0,
        "Enseignante en univers social",
        "Univers social",
        vocabulary.ROLE_ANIMATION,
    ),
    (
        "Mathieu",
        "Tremblay",
        0,
        "Enseignant en univers social",
        "Univers social",
        vocabulary.ROLE_PARTICIPANT,
    ),
    (
        "Sophie",
        "Gagnon",
        1,
        "Enseignante en histoire",
        "Univers social",
        vocabulary.ROLE_PARTICIPANT,
    ),
    ("Karim", "Benali", 1, "Enseignant en histoire", "Univers social", vocabulary.ROLE_PARTICIPANT),
    ("Émilie", "Côté", 2, "Enseignante en français", "Français", vocabulary.ROLE_PARTICIPANT),
    (
        "Jean-François",
        "L'Heureux",
        2,
        "Enseignant en histoire",
        "Univers social",
        vocabulary.ROLE_PARTICIPANT,
    ),
    (
        "Nadia",
        "Ouellet",
        3,
        "Enseignante-ressource",
        "Adaptation scolaire",
        vocabulary.ROLE_PARTICIPANT,
    ),
    ("Louis", "Bergeron", 3, "Directeur adjoint", "Direction", vocabulary.ROLE_DIRECTION),
    (
        "Chantal",
        "Roy",
        0,
        "Conseillère pédagogique",
        "Services éducatifs",
        vocabulary.ROLE_PROFESSIONNEL,
    ),
)

# Apprentissages essentiels: (description, critères observables, niveau visé, objectif).
# Their codes are A1, A2, … in this order.
_LEARNINGS = (
    (
        "Interpréter une réalité sociale à l'aide de documents historiques",
        "Sélectionne les documents pertinents; établit des liens de causalité; "
        "justifie son interprétation.",
        3,
        0.8,
    ),
    (
        "Situer des faits dans le temps et l'espace",
        "Ordonne chronologiquement; situe sur une carte; repère continuités et changements.",
        3,
        0.85,
    ),
    (
        "Rédiger une réponse à développement long",
        "Introduit, développe et conclut; utilise le vocabulaire disciplinaire; cite ses sources.",
        3,
        0.75,
    ),
    (
        "Analyser un document iconographique",
        "Identifie la source et le contexte; décrit; interprète le message.",
        3,
        0.8,
    ),
)

_FIRST_NAMES = (
    "Léa",
    "Noah",
    "Emma",
    "Liam",
    "Olivia",
    "William",
    "Alice",
    "Thomas",
    "Chloé",
    "Nathan",
    "Florence",
    "Jacob",
    "Rosalie",
    "Félix",
    "Zoé",
    "Samuel",
    "Béatrice",
    "Raphaël",
    "Juliette",
    "Logan",
    "Charlotte",
    "Édouard",
    "Maëlle",
    "Adam",
    "Mia",
    "Antoine",
    "Laurence",
    "Mohamed",
    "Aïcha",
    "Hugo",
)
_LAST_NAMES = (
    "Lavoie",
    "Fortin",
    "Gauthier",
    "Morin",
    "Pelletier",
    "Bélanger",
    "Lévesque",
    "Bouchard",
    "Girard",
    "Caron",
    "Nguyen",
    "Diallo",
    "Haddad",
    "Paquette",
    "Simard",
    "Boucher",
    "Leblanc",
    "Dubé",
    "Poirier",
    "Martel",
)


def demo(modele: str = vocabulary.MODELE_CAR) -> Classeur:
    """A complete, realistic demo classeur. Fully deterministic."""
    rng = random.Random(2026)
    settings = Settings(
        modele=modele,
        titre=(
            "Histoire 4e secondaire : préparer l'épreuve ministérielle"
            if modele == vocabulary.MODELE_CAR
            else "Réseau d'entraide : outils pour l'examen d'histoire de 4e secondaire"
        ),
        annee_scolaire="2026-2027",
        organisme="Centre de services scolaire de Montréal",
        but="Développer ensemble des outils pour aider les élèves de 4e secondaire "
        "à réussir l'épreuve d'histoire du Québec et du Canada.",
        echelle=vocabulary.ECHELLE_1_4,
        extra=dict(compilation.PALIER_DEFAULTS),
    )
    members = [
        Member(
            prenom=p,
            nom=n,
            courriel=_email(p, n),
            etablissement=_SCHOOLS[s],
            fonction=f,
            service=svc,
            role=role,
        )
        for p, n, s, f, svc, role in _MEMBERS
    ]
    if modele == vocabulary.MODELE_CAR:
        days: tuple[dt.date, ...] = (
            dt.date(2026, 9, 15),
            dt.date(2026, 10, 20),
            dt.date(2026, 11, 17),
            dt.date(2027, 1, 19),
            dt.date(2027, 2, 23),
        )
        meetings = [
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
        meetings = [
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
    learnings = [
        Learning(f"A{i}", desc, crit, level, goal)
        for i, (desc, crit, level, goal) in enumerate(_LEARNINGS, start=1)
    ]
    teachers = [m for m in members if m.role == vocabulary.ROLE_PARTICIPANT][:3]
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
            "Construire la grille d'observation de la question longue",
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
            "Adapter les activités pour les élèves de l'immigration récente",
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
        actions += [
            Action(
                6,
                "Préparer la tâche d'évaluation finale commune",
                "Sophie Gagnon",
                dt.date(2027, 1, 12),
                vocabulary.STATUT_A_FAIRE,
                3,
            ),
            Action(
                7,
                "Planifier les ateliers de rattrapage pour A3",
                "Jean-François L'Heureux",
                dt.date(2026, 12, 11),
                vocabulary.STATUT_A_FAIRE,
                3,
            ),
        ]
    return Classeur(settings, members, meetings, learnings, grid, actions)


def _email(prenom: str, nom: str) -> str:
    import unicodedata

    def ascii_(s: str) -> str:
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
        return "".join(ch for ch in s.lower() if ch.isalnum() or ch == "-")

    return f"{ascii_(nom)}.{ascii_(prenom)}@exemple.cssdm.gouv.qc.ca"


def _student(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        if name not in used:
            used.add(name)
            return name


# --------------------------------------------------------------------------------------
# Rencontres in the demo: when each agenda was prepared, and what the team typed during
# the rencontres already held (before DEMO_TODAY). Item keys are agenda positions.
# --------------------------------------------------------------------------------------
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


def _all_present(**others: str) -> dict[str, str]:
    names = [f"{p} {n}" for p, n, *_ in _MEMBERS]
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
    return {
        1: Saisie(
            presences=_all_present(**{"Louis Bergeron": vocabulary.EXCUSE}),
            debut="8 h 50",
            items={
                2: {
                    "notes": "Normes adoptées : ponctualité, parole à tour de rôle, "
                    "décisions au consensus."
                },
                3: {
                    "notes": "Quatre apprentissages essentiels retenus (A1 à A4), en lien "
                    "avec l'objectif du projet éducatif sur la réussite en histoire.",
                    "realisation": "Fait",
                },
                4: {
                    "notes": "Critères observables rédigés pour chaque apprentissage; "
                    "travaux exemplaires de l'an dernier utilisés comme repères."
                },
                5: {
                    "notes": "Objectif commun : 80 % des élèves au niveau 3 ou plus "
                    "(85 % pour A2, 75 % pour A3)."
                },
                6: {"notes": "Bloc 1 : A1 et A2 en priorité."},
                7: {
                    "notes": "Dossier documentaire et question à développement long, "
                    "sur le modèle de l'épreuve."
                },
                8: {
                    "notes": "Grille de compilation commune (feuille Grille), "
                    "remplie après chaque activité formative."
                },
                9: {
                    "notes": "Modelage de l'analyse de documents; pratique guidée en dyades; "
                    "ateliers de rattrapage le jeudi midi."
                },
                10: {"notes": "Belle énergie; défi : trouver du temps de concertation."},
            },
            blocks={
                "Actions/Décisions": "Bloc 1 : travailler A1 et A2.\nModelage de l'analyse "
                "de documents et pratique guidée en dyades dans les trois groupes.",
                "Données à recueillir": "Résultats du bloc 1 dans la grille; deux copies "
                "exemplaires par niveau de réussite.",
                "Résultats attendus": "Au moins 70 % des élèves au niveau 3 en A1 et A2 "
                "d'ici la rencontre 2.",
            },
            apporter="Trois copies d'élèves (forte, moyenne, faible) pour A1.",
            discuter="Premiers résultats du bloc 1 et ajustements des activités.",
            actions=_typed_actions((1, 2), vocabulary.MODELE_CAR),
        ),
        2: Saisie(
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
                    "notes": "Grille du bloc 1 : A2 bien réussi; A3 plus difficile "
                    "(réponses peu développées)."
                },
                5: {"notes": "Bloc 2 : A3 et A4."},
                6: {"notes": "Copies exemplaires comparées; entente sur le niveau 3 de A3."},
                7: {"notes": "Grille d'observation de A3 simplifiée (trois critères)."},
                8: {"notes": "Le modelage semble plus efficace que les fiches seules."},
                9: {"notes": "Ateliers de rattrapage ciblés pour les élèves sous le niveau 3."},
            },
            blocks={
                "Actions/Décisions": "Bloc 2 : A3 et A4; ateliers de rattrapage en A1.",
                "Données à recueillir": "Résultats du bloc 2 dans la grille; travaux "
                "exemplaires de A3.",
                "Résultats attendus": "75 % des élèves au niveau 3 en A3 d'ici la rencontre 3.",
            },
            apporter="Résultats du bloc 2 compilés dans la grille.",
            discuter="Adaptations pour les élèves de l'immigration récente.",
            actions=_typed_actions((3, 4, 5), vocabulary.MODELE_CAR),
        ),
        3: Saisie(
            presences=_all_present(**{"Karim Benali": vocabulary.EXCUSE}),
            debut="12 h 47",
            items={
                3: {"notes": "Bloc 2 terminé; A4 abordé plus tard dans le groupe 403."},
                4: {"notes": "Progrès nets en A1 et A2; A3 reste sous l'objectif."},
                5: {"notes": "Bloc 3 : A3 (question longue) et A4."},
                7: {"notes": "Ajout d'une autoévaluation avant la remise de la question longue."},
                9: {"notes": "Rétroaction écrite ciblée sur un critère à la fois."},
                11: {"notes": "Niveaux 1 à 3 déposés dans Teams; niveau 4 à venir."},
                12: {"notes": "Reporté : présentation des adaptations à la rencontre 4."},
            },
            blocks={
                "Actions/Décisions": "Bloc 3 : A3 et A4; autoévaluation avant chaque "
                "question longue.",
                "Données à recueillir": "Résultats du bloc 3 dans la grille.",
                "Résultats attendus": "80 % des élèves au niveau 3 en A3 d'ici la rencontre 4.",
            },
            apporter="Une copie de question longue par groupe, annotée.",
            discuter="Version finale de la tâche d'évaluation commune.",
            actions=_typed_actions((6, 7), vocabulary.MODELE_CAR),
        ),
    }


def _reseau_saisies() -> dict[int, Saisie]:
    return {
        1: Saisie(
            presences=_all_present(**{"Louis Bergeron": vocabulary.EXCUSE}),
            debut="12 h 50",
            items={
                2: {"notes": "Tour de table des participants et de leurs écoles."},
                3: {"notes": "Ordre du jour adopté sans modification."},
                4: {
                    "texte": "Regard sur ce qui existe déjà : ce que les participants font "
                    "déjà dans leur classe",
                    "notes": "Partage des dossiers documentaires utilisés dans chaque école.",
                },
                5: {
                    "texte": "Détermination des objectifs du réseau et des moyens de communication",
                    "notes": "Objectif : une banque commune d'exercices; équipe Teams créée.",
                    "realisation": "Fait",
                },
                6: {"notes": "Aucune."},
            },
            blocks={
                "Résumé de la rencontre": "Lancement du réseau : objectifs communs "
                "et partage des outils existants."
            },
            apporter="Un exercice de préparation à l'examen déjà utilisé en classe.",
            discuter="Types de questions de l'examen du ministère.",
            actions=_typed_actions((1, 2), vocabulary.MODELE_RESEAU),
        ),
        2: Saisie(
            presences=_all_present(**{"Nadia Ouellet": vocabulary.ABSENT}),
            debut="12 h 45",
            items={
                4: {
                    "texte": "Développement de matériels : questions à développement long",
                    "notes": "Six exercices rédigés en dyades et mis en commun.",
                },
                6: {
                    "texte": "Évaluation d'outil",
                    "notes": "Grille d'autocorrection testée sur deux exercices.",
                },
                7: {"notes": "Calendrier de dépôt des exercices dans Teams."},
            },
            blocks={
                "Résumé de la rencontre": "Production de matériel et essai d'une "
                "grille d'autocorrection."
            },
            apporter="Les exercices terminés.",
            discuter="Aide aux référents culturels.",
            actions=_typed_actions((3, 4, 5), vocabulary.MODELE_RESEAU),
        ),
    }
