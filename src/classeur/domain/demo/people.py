"""The demo's people and learnings: an équipe collaborative of 9 members from 4 schools,
4 apprentissages essentiels, and the names its 60 students are drawn from. Invented."""

from __future__ import annotations

from classeur.layout import vocabulary

SCHOOLS = (
    "École secondaire Pierre-Dupuy",
    "École Saint-Louis",
    "École secondaire Jeanne-Mance",
    "École Marguerite-De Lajemmerais",
)

MEMBERS = (
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
        "L’Heureux",
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
LEARNINGS = (
    (
        "Interpréter une réalité sociale à l’aide de documents historiques",
        "Sélectionne les documents pertinents; établit des liens de causalité; "
        "justifie son interprétation.",
        3,
        0.8,
    ),
    (
        "Situer des faits dans le temps et l’espace",
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

FIRST_NAMES = (
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
LAST_NAMES = (
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
