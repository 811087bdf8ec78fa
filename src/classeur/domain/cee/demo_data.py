"""Names and themes of the CEE's demo year (invented; teachers' and students' names are
drawn from separate lists, so that no student name can be mistaken for a teacher's)."""

from __future__ import annotations

from classeur.domain.demo.people import FIRST_NAMES

SCHOOLS = (
    "École Saint-Louis",
    "École secondaire Jeanne-Mance",
    "École secondaire Pierre-Dupuy",
    "École Marguerite-De Lajemmerais",
    "École Barclay",
    "École Saint-Pascal-Baylon",
    "École Lanaudière",
    "École Saint-Jean-de-la-Lande",
    "École Louis-Joseph-Papineau",
    "École Sophie-Barat",
    "École Père-Marquette",
    "École La Visitation",
    "École Saint-Arsène",
    "École Sans-Frontières",
    "École Saint-Gérard",
    "École Notre-Dame-des-Neiges",
    "École Face",
    "École Saint-Henri",
    "École Joseph-François-Perrault",
    "École Édouard-Montpetit",
    "École Lucien-Pagé",
    "École Saint-Luc",
    "École Chomedey-De Maisonneuve",
    "École Internationale de Montréal",
)

TEACHER_FIRST_F = (
    "Geneviève",
    "Isabelle",
    "Valérie",
    "Nathalie",
    "Caroline",
    "Mélanie",
    "Julie",
    "Catherine",
    "Annie",
    "Marie-Ève",
    "Karine",
    "Josée",
    "Marie-Claude",
    "Sylvie",
    "Nancy",
    "Chantale",
    "Émilie",
    "Hélène",
    "Lyne",
    "Véronique",
)
TEACHER_FIRST_M = (
    "Stéphane",
    "Martin",
    "François",
    "Patrick",
    "Sébastien",
    "Jonathan",
    "Maxime",
    "Alexandre",
    "Éric",
    "Simon",
    "Vincent",
    "Dominic",
    "Guillaume",
    "Jean-Philippe",
    "Olivier",
    "Benoît",
    "Mathieu",
    "Yannick",
    "Pascal",
    "Marc-André",
)
TEACHER_LAST = (
    "Tremblay",
    "Gagnon",
    "Roy",
    "Côté",
    "Bouchard",
    "Gauthier",
    "Ouellet",
    "Bergeron",
    "Lapointe",
    "Desjardins",
    "Pelchat",
    "Thibodeau",
    "Beaulieu",
    "Bélisle",
    "Paradis",
    "Vézina",
    "Giroux",
    "Turcotte",
    "Lacroix",
    "Boivin",
    "Fréchette",
    "Landry",
    "Rousseau",
    "Charbonneau",
    "Dufour",
    "Savard",
    "Plourde",
    "Lemieux",
    "Cloutier",
    "Ménard",
    "Asselin",
    "Bérubé",
    "Trudel",
    "Mercier",
    "Drouin",
    "Fontaine",
    "Brassard",
    "Carrier",
    "Lévesque",
    "Nadeau",
)
# The team demo's first names: one list of plausible Québec students for both demos.
STUDENT_FIRST = FIRST_NAMES[:20]
STUDENT_LAST = (
    "Lavoie",
    "Fortin",
    "Morin",
    "Pelletier",
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

# (title, discipline of the fiche, groupe d'enseignants visé)
THEMES = (
    (
        "Réseau d’entraide\u00a0: la lecture interactive au préscolaire",
        "Pédagogie – Français",
        "Préscolaire",
    ),
    (
        "Réseau d’entraide\u00a0: l’enseignement explicite de la lecture",
        "Pédagogie – Français",
        "1er cycle du primaire",
    ),
    (
        "Réseau d’entraide\u00a0: la résolution de problèmes en mathématique",
        "Pédagogie – Mathématique",
        "2e cycle du primaire",
    ),
    (
        "Réseau d’entraide\u00a0: l’écriture en 3e cycle",
        "Pédagogie – Français",
        "3e cycle du primaire",
    ),
    (
        "Réseau d’entraide\u00a0: outils pour l’examen d’histoire de 4e secondaire",
        "Pédagogie – Univers social",
        "Histoire, 4e secondaire",
    ),
    (
        "Réseau d’entraide\u00a0: la démarche scientifique au laboratoire",
        "Pédagogie – Science et technologie",
        "1er cycle du secondaire",
    ),
    (
        "Réseau d’entraide\u00a0: accueillir les élèves en francisation",
        "Pédagogie – Francisation",
        "Classes d’accueil",
    ),
    (
        "Réseau d’entraide\u00a0: la gestion de classe au quotidien",
        "Gestion de classe",
        "Tous les ordres",
    ),
    (
        "Réseau d’entraide\u00a0: l’éducation physique inclusive",
        "Pédagogie – Éducation physique",
        "Primaire et secondaire",
    ),
    (
        "Réseau d’entraide\u00a0: l’anglais langue seconde par projets",
        "Pédagogie – Anglais",
        "Secondaire",
    ),
    (
        "Réseau d’entraide\u00a0: la différenciation pédagogique",
        "Adaptation scolaire",
        "Tous les ordres",
    ),
    (
        "Réseau d’entraide\u00a0: les arts plastiques et le numérique",
        "Pédagogie – Arts",
        "Primaire",
    ),
    (
        "Réseau d’entraide\u00a0: la culture et la citoyenneté québécoise",
        "Pédagogie – CCQ",
        "Secondaire",
    ),
    (
        "Réseau d’entraide\u00a0: le programme de formation axée sur l’emploi",
        "Formation préparatoire au travail",
        "FPT et FMS",
    ),
    ("Réseau d’entraide\u00a0: l’évaluation formative au secondaire", "Évaluation", "Secondaire"),
    (
        "Réseau d’entraide\u00a0: la géométrie par la manipulation",
        "Pédagogie – Mathématique",
        "3e cycle du primaire",
    ),
    (
        "Réseau d’entraide\u00a0: le cercle de lecture en 2e cycle",
        "Pédagogie – Français",
        "2e cycle du primaire",
    ),
    ("Réseau d’entraide\u00a0: la musique au primaire", "Pédagogie – Musique", "Primaire"),
    (
        "Réseau d’entraide\u00a0: la robotique en classe",
        "Pédagogie – Science et technologie",
        "Primaire",
    ),
    (
        "Réseau d’entraide\u00a0: le soutien aux élèves autistes",
        "Adaptation scolaire",
        "Classes spécialisées",
    ),
    (
        "Réseau d’entraide\u00a0: la grammaire nouvelle au secondaire",
        "Pédagogie – Français",
        "Secondaire",
    ),
    (
        "Réseau d’entraide\u00a0: l’éducation à la sexualité",
        "Éducation à la sexualité",
        "Secondaire",
    ),
    (
        "Réseau d’entraide\u00a0: les mathématiques de 4e secondaire",
        "Pédagogie – Mathématique",
        "4e secondaire",
    ),
    (
        "Réseau d’entraide\u00a0: l’insertion professionnelle en enseignement",
        "Insertion professionnelle",
        "Tous les ordres",
    ),
    ("Réseau d’entraide\u00a0: l’oral au primaire", "Pédagogie – Français", "Primaire"),
    (
        "Réseau d’entraide\u00a0: la chimie de 5e secondaire",
        "Pédagogie – Science et technologie",
        "5e secondaire",
    ),
    (
        "Réseau d’entraide\u00a0: l’éducation financière",
        "Pédagogie – Univers social",
        "5e secondaire",
    ),
    ("Réseau d’entraide\u00a0: la classe flexible", "Aménagement de la classe", "Primaire"),
    ("Réseau d’entraide\u00a0: l’art dramatique au secondaire", "Pédagogie – Arts", "Secondaire"),
    (
        "Réseau d’entraide\u00a0: l’éducation des adultes et la littératie",
        "Formation générale des adultes",
        "FGA",
    ),
    ("Réseau d’entraide\u00a0: les élèves doués au primaire", "Adaptation scolaire", "Primaire"),
    (
        "Réseau d’entraide\u00a0: la collaboration avec les familles",
        "Relations école-famille",
        "Tous les ordres",
    ),
    (
        "Réseau d’entraide\u00a0: la programmation avec Scratch",
        "Pédagogie – Numérique",
        "3e cycle du primaire",
    ),
    (
        "Réseau d’entraide\u00a0: la lecture chez les garçons",
        "Pédagogie – Français",
        "1er cycle du secondaire",
    ),
    (
        "Réseau d’entraide\u00a0: l’éthique et la philosophie pour enfants",
        "Pédagogie – CCQ",
        "Primaire",
    ),
    (
        "Réseau d’entraide\u00a0: la géographie sur le terrain",
        "Pédagogie – Univers social",
        "1er cycle du secondaire",
    ),
    (
        "Réseau d’entraide\u00a0: la pleine conscience en classe",
        "Bien-être à l’école",
        "Tous les ordres",
    ),
    ("Réseau d’entraide\u00a0: l’espagnol au secondaire", "Pédagogie – Espagnol", "Secondaire"),
    (
        "Réseau d’entraide\u00a0: les sciences au préscolaire",
        "Pédagogie – Science et technologie",
        "Préscolaire",
    ),
    (
        "Réseau d’entraide\u00a0: l’enseignement en classe multiâge",
        "Organisation scolaire",
        "Primaire",
    ),
)

LIEU_CEE = "Centre des enseignantes et des enseignants (CEE)"
RESUME = (
    "Durant les rencontres, les membres du réseau mettront en commun leur expérience, leur "
    "matériel et leurs stratégies sur {theme}. Chaque rencontre alterne un court exposé, "
    "l’analyse de pratiques apportées par les participants et la production d’outils "
    "prêts à utiliser en classe, déposés dans l’équipe Teams du réseau."
)
# A summary the guide's 150 words would not allow (annexe 1).
LONG_RESUME_EXTRA = (
    " Nous prendrons aussi le temps de documenter chaque essai en classe, de comparer les "
    "traces recueillies auprès des élèves, d’ajuster les outils à la lumière de ces "
    "traces, de préparer une capsule vidéo pour chaque outil, de rédiger un guide "
    "d’utilisation, de planifier un atelier pour les collègues de nos écoles, de recenser "
    "la documentation scientifique la plus récente sur le sujet, d’inviter une personne "
    "conseillère pédagogique à une rencontre, de partager nos réussites et nos difficultés "
    "dans un journal de bord commun, et de présenter le fruit de nos travaux lors de la "
    "journée pédagogique du printemps, afin que l’ensemble du personnel enseignant du "
    "centre de services puisse en profiter pendant plusieurs années encore."
)
REALISATIONS = (
    "Objectifs atteints\u00a0: une banque d’outils commune a été produite et essayée en classe "
    "par chaque participant."
)
QUESTIONS = "Prévoir plus de temps de production lors de la dernière rencontre."
RESUME_BILAN = "Rencontres tenues selon le plan; outils produits et partagés dans Teams."
