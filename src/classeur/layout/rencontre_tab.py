"""The rencontre tabs (R1 … Rn): columns, header labels, sections, the agenda and
minutes tables. Sections are found again by their labels in column A, so rows a team
inserts inside a section stay with it."""

from __future__ import annotations

from classeur.layout.structure import RENCONTRES, ref
from classeur.layout.vocabulary import ABSENT, EXCUSE, PRESENT

# Attendance is read from the rencontre tabs' « Présences » section (RT_* names below).


# A tab is rebuilt from a SheetDoc; sections are found again by the labels in column A,
# so rows the team inserts inside a section stay with it.
RT_COL_NUM = 1  # N° / labels (merged with the next column for labels)
RT_COL_TEXT = 2  # item text, member, action
RT_COL_QUESTION = 3  # guiding question, fonction, responsable of an action, suggestions
RT_COL_MINUTES = 4  # temps prévu, rôle, échéance of an action
RT_COL_RESP = 5  # responsable, présence, n° au suivi
RT_COL_NOTES = 6  # Documents, notes et décisions
RT_COL_DONE = 7  # Réalisation
RT_LAST_COL = RT_COL_DONE
RT_VALUE_COL = RT_COL_QUESTION  # header values and typed block texts start here
# Printed one page wide (the widths set the scale) with rows as high as their text: the
# item's text and the guiding question wide enough that a fresh ordre du jour (header,
# présences of up to 10 members, agenda) stays on its first page; the fourth column holds
# the longest word of the Rôle list (« Professionnel·le »): a word is never cut in print.
RT_WIDTHS = {1: 5, 2: 68, 3: 41, 4: 16, 5: 16, 6: 34, 7: 18}
RT_LANDSCAPE = True

RT_TITLE = "Rencontre {numero}"
RT_TAB_TITLE = "Rencontre {numero}\u00a0: {titre}"
RT_SUBTITLE = (
    "Les informations d’en-tête viennent de la feuille Rencontres (modifiez-les là). "
    "Tapez vos notes dans les cases blanches\u00a0: Classeur les garde quand il régénère."
)
RT_LABEL_EQUIPE = "Équipe ou réseau"
RT_LABEL_DATE = "Date"
RT_LABEL_HEURE = "Heure"
RT_LABEL_MODE = "Mode de rencontre"
RT_LABEL_LIEU = "Lieu"
RT_LABEL_CANEVAS = "Canevas"
RT_LABEL_DUREE = "Durée prévue"
RT_LABEL_HORAIRE = "Horaire de la journée"
RT_LABEL_ECHEANCE = "Échéance de l’ordre du jour"
RT_LABEL_PREPARE = "Ordre du jour préparé le"
RT_LABEL_ETAT = "État de l’ordre du jour"
RT_LABEL_QUAND = "Date et heure"
RT_LABEL_OU = "Mode et lieu"
RT_HEADER_LABELS = (
    RT_LABEL_QUAND,
    RT_LABEL_OU,
    RT_LABEL_CANEVAS,
    RT_LABEL_HORAIRE,
    RT_LABEL_ECHEANCE,
    RT_LABEL_PREPARE,
    RT_LABEL_ETAT,
    # Labels of the first version's header (tabs written before them still read).
    RT_LABEL_EQUIPE,
    RT_LABEL_DATE,
    RT_LABEL_HEURE,
    RT_LABEL_MODE,
    RT_LABEL_LIEU,
    RT_LABEL_DUREE,
)
# State of the agenda (formula and Python give the same text).
ETAT_A_PREPARER = "À préparer"
ETAT_EN_RETARD = "En retard"
ETAT_PREPARE = "Préparé à temps"
ETAT_PREPARE_EN_RETARD = "Préparé en retard"

RT_SECTION_PRESENCES = "Présences"
RT_SECTION_ODJ = "Ordre du jour"
RT_SECTION_CR = "Compte rendu"
RT_SECTION_PROCHAINE = "Prochaine rencontre"
RT_SECTIONS = (RT_SECTION_PRESENCES, RT_SECTION_ODJ, RT_SECTION_CR, RT_SECTION_PROCHAINE)

RT_PRESENCE_HEADERS = {
    RT_COL_TEXT: "Membre",
    RT_COL_QUESTION: "Fonction / titre",
    RT_COL_MINUTES: "Rôle",
    RT_COL_RESP: "Présence",
}
RT_COUNT_LABELS = {
    PRESENT: "Nombre de présent·es",
    ABSENT: "Nombre d’absent·es",
    EXCUSE: "Nombre d’excusé·es",
}
# The same labels in the classeurs written before the inclusive forms: still recognised
# where the tab's presences end (never rewritten in a tab the team keeps).
RT_COUNT_LABELS_BEFORE = ("Nombre de présents", "Nombre d’absents", "Nombre d’excusés")

RT_ODJ_HEADERS = {
    RT_COL_NUM: "N°",
    RT_COL_TEXT: "Point",
    RT_COL_QUESTION: "Question directrice",
    RT_COL_MINUTES: "Temps prévu",
    RT_COL_RESP: "Responsable",
    RT_COL_NOTES: "Documents, notes et décisions",
    RT_COL_DONE: "Réalisation",
}
RT_ODJ_TOTAL = "Durée totale prévue (min)"
NUMBER_FORMAT_MINUTES = '0" min"'
RT_SUIVI_HEADING = "Points de suivi du {date}"
RT_SUIVI_ITEM = "Suivi n° {numero}\u00a0: {action}"
RT_SUIVI_ITEM_PATTERN = r"^\s*Suivi n°\s*(\d+)\s*:"

RT_LABEL_DEBUT = "L’assemblée débute à"
RT_CR_HEADERS = {
    RT_COL_TEXT: "Rubrique",
    RT_COL_QUESTION: "Pistes du canevas",
    RT_COL_NOTES: "Documents, notes et décisions",
    RT_COL_DONE: "Réalisation",
}
RT_GRILLE = "Résultats de la grille\u00a0:"
RT_LABEL_APPORTER = "Quoi apporter?"
RT_LABEL_DISCUTER = "Quoi discuter?"
RT_LABEL_QUI = "Qui fait quoi?"
RT_LABEL_PROCHAINE_DATE = "Date de la prochaine rencontre"
RT_ACTION_HEADERS = {
    RT_COL_TEXT: "Action",
    RT_COL_QUESTION: "Responsable",
    RT_COL_MINUTES: "Échéance",
    RT_COL_RESP: "N° au suivi",
}
RT_BLANK_ACTION_ROWS = 4  # empty rows offered for typing new actions
RT_AUCUNE = "Aucune date au calendrier"

# Side files written next to the classeur (prefixed with the classeur's name).
ODJ_FILE = "R{numero}-ordre-du-jour"
CR_FILE = "R{numero}-compte-rendu"


def meeting_lookup_formula(numero: int, key: str) -> str:
    """Formula returning column ``key`` of rencontre ``numero`` in tblRencontres."""
    return (
        f'=IFERROR(INDEX({ref(RENCONTRES, key)},MATCH({numero},{ref(RENCONTRES, "numero")},0)),"")'
    )


def etat_odj_formula(echeance: str, prepare: str) -> str:
    """Formula of the agenda state from the cells holding the deadline and preparation date."""
    return (
        f'=IF({echeance}="","",IF({prepare}="",'
        f'IF(TODAY()>{echeance},"{ETAT_EN_RETARD}","{ETAT_A_PREPARER}"),'
        f'IF({prepare}>{echeance},"{ETAT_PREPARE_EN_RETARD}","{ETAT_PREPARE}")))'
    )
