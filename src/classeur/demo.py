"""Blank and demo classeurs, as models (no I/O). Deterministic: same model every run."""

from __future__ import annotations

import datetime as dt
import random

from classeur import layout
from classeur.model import Action, Classeur, GridEntry, Learning, Meeting, Member, Settings

# The demo's "today": the demo is the same on every run (R1–R3 held, R4–R5 to come).
DEMO_TODAY = dt.date(2026, 11, 25)

DEFAULT_TITLES = {
    layout.MODELE_CAR: "Équipe collaborative",
    layout.MODELE_RESEAU: "Réseau d'entraide",
}


def blank(modele: str, titre: str | None = None, annee: str = "") -> Classeur:
    """A new, empty classeur of kind ``modele`` with its rencontres numbered."""
    settings = Settings(modele=modele, titre=titre or DEFAULT_TITLES[modele], annee_scolaire=annee)
    if modele == layout.MODELE_CAR:
        meetings = [
            Meeting(numero=i + 1, canevas=canevas, bloc=_car_bloc(i + 1))
            for i, canevas in enumerate(layout.CANEVAS_CAR)
        ]
    else:
        meetings = [
            Meeting(numero=i + 1, canevas=layout.CANEVAS_CEE_DEMI, mode=layout.MODE_PRESENTIEL)
            for i in range(4)
        ]
    return Classeur(settings, meetings=meetings)


def _car_bloc(numero: int) -> str:
    """The bloc a CAR rencontre plans for: R1→bloc 1 … R4→finale; R5 looks back."""
    return {1: layout.BLOC_1, 2: layout.BLOC_2, 3: layout.BLOC_3, 4: layout.BLOC_FINALE}.get(
        numero, layout.BLOC_FINALE
    )


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
        layout.ROLE_ANIMATION,
    ),
    (
        "Mathieu",
        "Tremblay",
        0,
        "Enseignant en univers social",
        "Univers social",
        layout.ROLE_PARTICIPANT,
    ),
    ("Sophie", "Gagnon", 1, "Enseignante en histoire", "Univers social", layout.ROLE_PARTICIPANT),
    ("Karim", "Benali", 1, "Enseignant en histoire", "Univers social", layout.ROLE_PARTICIPANT),
    ("Émilie", "Côté", 2, "Enseignante en français", "Français", layout.ROLE_PARTICIPANT),
    (
        "Jean-François",
        "L'Heureux",
        2,
        "Enseignant en histoire",
        "Univers social",
        layout.ROLE_PARTICIPANT,
    ),
    (
        "Nadia",
        "Ouellet",
        3,
        "Enseignante-ressource",
        "Adaptation scolaire",
        layout.ROLE_PARTICIPANT,
    ),
    ("Louis", "Bergeron", 3, "Directeur adjoint", "Direction", layout.ROLE_DIRECTION),
    (
        "Chantal",
        "Roy",
        0,
        "Conseillère pédagogique",
        "Services éducatifs",
        layout.ROLE_PROFESSIONNEL,
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


def demo(modele: str = layout.MODELE_CAR) -> Classeur:
    """A complete, realistic demo classeur. Fully deterministic."""
    rng = random.Random(2026)
    settings = Settings(
        modele=modele,
        titre=(
            "Histoire 4e secondaire : préparer l'épreuve ministérielle"
            if modele == layout.MODELE_CAR
            else "Réseau d'entraide : outils pour l'examen d'histoire de 4e secondaire"
        ),
        annee_scolaire="2026-2027",
        organisme="Centre de services scolaire de Montréal",
        but="Développer ensemble des outils pour aider les élèves de 4e secondaire "
        "à réussir l'épreuve d'histoire du Québec et du Canada.",
        echelle=layout.ECHELLE_1_4,
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
    if modele == layout.MODELE_CAR:
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
                mode=layout.MODE_VISIO if i == 3 else layout.MODE_PRESENTIEL,
                lieu="Plateforme Teams" if i == 3 else "École secondaire Pierre-Dupuy, local B-214",
                canevas=layout.CANEVAS_CAR[i],
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
                mode=layout.MODE_PRESENTIEL,
                lieu="Centre des enseignantes et des enseignants (CEE)",
                canevas=layout.CANEVAS_CEE_DEMI,
                bloc="",
            )
            for i, d in enumerate(days)
        ]
    learnings = [
        Learning(f"A{i}", desc, crit, level, goal)
        for i, (desc, crit, level, goal) in enumerate(_LEARNINGS, start=1)
    ]
    teachers = [m for m in members if m.role == layout.ROLE_PARTICIPANT][:3]
    grid: list[GridEntry] = []
    used: set[str] = set()
    # Results exist for the blocs already evaluated in the demo year (blocs 1 and 2).
    evaluated = (layout.BLOC_1, layout.BLOC_2)
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
            layout.STATUT_FAIT,
            1,
        ),
        Action(
            2,
            "Construire la grille d'observation de la question longue",
            "Sophie Gagnon",
            dt.date(2026, 10, 13),
            layout.STATUT_FAIT,
            1,
        ),
        Action(
            3,
            "Rassembler des travaux exemplaires pour chaque niveau de réussite",
            "Émilie Côté",
            dt.date(2026, 11, 10),
            layout.STATUT_EN_COURS,
            2,
        ),
        Action(
            4,
            "Adapter les activités pour les élèves de l'immigration récente",
            "Nadia Ouellet",
            dt.date(2026, 11, 10),
            layout.STATUT_A_FAIRE,
            2,
        ),
        Action(
            5,
            "Compiler les résultats du bloc 2 dans la grille",
            "Karim Benali",
            dt.date(2026, 11, 13),
            layout.STATUT_FAIT,
            2,
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
