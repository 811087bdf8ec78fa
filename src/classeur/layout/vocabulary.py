"""Words and numbers of the domain as the workbook shows them: kinds of classeur, roles,
modes, canevas, blocs, statuts, result scales, presences, and the CEE guide's numbers
(network size, deadlines, release-day budget)."""

from __future__ import annotations

SCHEMA_VERSION = 1

# Réseau rules (guide du CEE, section 3): shown on Accueil, checked by `rules`.
RESEAU_MIN_PARTICIPANTS = 6
RESEAU_MAX_PARTICIPANTS = 10
RESEAU_MAX_PER_ETABLISSEMENT = 2
RESEAU_ANIMATORS = 1
ODJ_DAYS_BEFORE = 7

MODELE_CAR = "car"
MODELE_RESEAU = "reseau"
MODELES = (MODELE_CAR, MODELE_RESEAU)
MODELE_LABELS = {
    MODELE_CAR: "Équipe collaborative (projet CAR)",
    MODELE_RESEAU: "Réseau d’entraide (CEE)",
}

# Validation lists (French, as the teacher sees them)
ROLE_ANIMATION = "Animation"
ROLE_PARTICIPANT = "Participant·e"
ROLE_DIRECTION = "Direction"
ROLE_PROFESSIONNEL = "Professionnel·le"
ROLE_INVITE = "Invité·e"
ROLES = (ROLE_ANIMATION, ROLE_PARTICIPANT, ROLE_DIRECTION, ROLE_PROFESSIONNEL, ROLE_INVITE)

MODE_PRESENTIEL = "Présentiel"
MODE_VISIO = "Visioconférence"
MODES = (MODE_PRESENTIEL, MODE_VISIO)

CANEVAS_CAR = ("CAR R1", "CAR R2", "CAR R3", "CAR R4", "CAR R5")
CANEVAS_CEE_JOURNEE = "CEE journée"
CANEVAS_CEE_DEMI = "CEE demi-journée"
CANEVAS_CEE = (CANEVAS_CEE_JOURNEE, CANEVAS_CEE_DEMI)
CANEVAS = (*CANEVAS_CAR, *CANEVAS_CEE)

BLOC_1 = "Bloc 1"
BLOC_2 = "Bloc 2"
BLOC_3 = "Bloc 3"
BLOC_FINALE = "Finale"
BLOCS = (BLOC_1, BLOC_2, BLOC_3, BLOC_FINALE)

STATUT_A_FAIRE = "À faire"
STATUT_EN_COURS = "En cours"
STATUT_FAIT = "Fait"
STATUT_ABANDONNE = "Abandonné"
STATUTS = (STATUT_A_FAIRE, STATUT_EN_COURS, STATUT_FAIT, STATUT_ABANDONNE)
STATUTS_OUVERTS = (STATUT_A_FAIRE, STATUT_EN_COURS)

# Result scales: key -> ordered levels, worst first. Numbers are stored as numbers.
ECHELLE_1_4 = "1-4"
ECHELLE_A_E = "A-E"
ECHELLE_ANP = "Atteint/Partiellement/Non atteint"
ECHELLES: dict[str, tuple[int | str, ...]] = {
    ECHELLE_1_4: (1, 2, 3, 4),
    ECHELLE_A_E: ("E", "D", "C", "B", "A"),
    ECHELLE_ANP: ("Non atteint", "Partiellement", "Atteint"),
}
ECHELLE_DEFAUT = ECHELLE_1_4
CHECKED = "☑"
UNCHECKED = "☐"
# CEE budget (guide du CEE, section 6): days of release per person and for the animator.
BUDGET_PARTICIPANT_DAYS = 2.0
BUDGET_PLANIFICATION_DAYS = 1.0
BUDGET_BILAN_DAYS = 0.5
FULL_DAY_HOURS = 5  # a rencontre of at least 5 hours is a full day, else half a day
PRESENT = "Présent·e"
ABSENT = "Absent·e"
EXCUSE = "Excusé·e"
PRESENCES = (PRESENT, ABSENT, EXCUSE)
# The list words written with the point médian are recognised by their stem, in every
# spelling that starts with it, case ignored: « Présent » (what classeurs made before
# offered and still hold), « Présent·e », « présente ». The workbook's formulas count the
# same values with the criterion « stem* » (COUNTIF's wildcard), so Python and the sheet agree.
STEMS = {
    PRESENT: "Présent",
    ABSENT: "Absent",
    EXCUSE: "Excusé",
    ROLE_PARTICIPANT: "Participant",
    ROLE_PROFESSIONNEL: "Professionnel",
    ROLE_INVITE: "Invité",
}


def criterion(word: str) -> str:
    """What COUNTIF, COUNTIFS and SUMIF match ``word`` of a list with: its stem and « * »
    for an inclusive word (every spelling starting with the stem), else the word itself."""
    return f"{STEMS[word]}*" if word in STEMS else word


# What a dropdown list says when something else is typed in its cell.
LIST_ERROR = "Choisissez une valeur de la liste\u00a0: {choices}"
# What a date or a time cell says when Excel cannot read what was typed as one: the example
# is what Excel itself turns into a date or a time, quoted as the form to type.
DATE_ERROR = "Entrez une date, par exemple «\u00a02026-11-23\u00a0»."
TIME_ERROR = "Entrez une heure, par exemple «\u00a08:45\u00a0»."
