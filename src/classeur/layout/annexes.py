"""The réseau's annexes as sheets: fiche de proposition (annexe 1 du CEE) and plan de réseau
(annexe 2), with the guide's schedule options."""

from __future__ import annotations

FICHE_TITLE = "Fiche de proposition de réseau"
FICHE_SUBTITLE = "Annexe 1 du CEE. Remplissez la colonne B; Classeur garde ce que vous écrivez."
FICHE_FIRST_ROW = 4  # label in column A, answer in column B
FICHE_LABEL_COL = 1
FICHE_VALUE_COL = 2
FICHE_WIDTHS = {1: 44, 2: 80}
FICHE_RESUME_MAX_WORDS = 150
FICHE_RESUME = "resume"
# (key, label): wording of annexe 1.
FICHE_FIELDS = (
    ("nom", "Nom de la personne présentant le projet de formation"),
    ("courriel", "Adresse courriel (du CSSDM si vous êtes un employé)"),
    ("lieu", "Lieu de travail (école)"),
    ("fonction", "Fonction sur votre lieu de travail régulier"),
    ("experience", "Expérience en lien avec cette offre de service"),
    ("type", "Type d’activité"),
    ("groupe", "Groupe d’enseignants visé"),
    ("discipline", "À quelle discipline se rapporte votre activité"),
    ("titre", "Titre souhaité pour l’activité"),
    ("materiel", "Matériel requis par les participants"),
    ("objectifs", "Objectif(s) de l’activité"),
    ("competences", "Compétence(s) professionnelle(s) visée(s)"),
    (FICHE_RESUME, "Résumé du contenu (150 mots maximum)"),
    ("prealables", "Préalables"),
    ("duree", "Durée de l’activité"),
    ("disponibilites", "Disponibilités pour donner votre réseau"),
    ("biographie", "Biographie"),
    ("commentaires", "Autres commentaires en lien avec votre proposition de formation"),
    ("source", "Comment avez-vous entendu parler du CEE?"),
)
# The end of annexe 1 du CEE: the mission the proposal must respect, and the thanks.
FICHE_MISSION_LABEL = "Respect de la mission du CEE"
FICHE_MISSION_TEXT = (
    "La mission du CEE est avant tout le partage par les pairs, au sein du CSSDM. Lorsque "
    "vous présentez une formation au CEE, nous vous invitons à garder en tête cette mission "
    "qui est l’entraide et le partage d’expertise, entre collègues."
)
FICHE_MERCI = (
    "Merci de votre implication. Vous contribuez grandement au rayonnement de l’expertise de "
    "nos enseignants à travers le CSSDM."
)
FICHE_TYPE_RESEAU = "Réseau d’entraide"
FICHE_WORDS_LABEL = "Nombre de mots du résumé"
PLAN_SUBTITLE = (
    "Annexe 2 du CEE. À déposer 7 jours avant la première rencontre. "
    "Écrivez le contenu de chaque période; Classeur le garde."
)
PARAM_HORAIRE = "horaire_reseau"
HORAIRE_2_JOURNEES = "2 journées"
HORAIRE_JOURNEE_2_AM = "1 journée et 2 après-midis"
HORAIRE_4_AM = "4 après-midis"
HORAIRES = (HORAIRE_2_JOURNEES, HORAIRE_JOURNEE_2_AM, HORAIRE_4_AM)
JOURNEE = "journée"
APRES_MIDI = "après-midi"
# Each option: the kinds of its rencontres, in order (guide du CEE, section 8.2).
HORAIRE_SESSIONS = {
    HORAIRE_2_JOURNEES: (JOURNEE, JOURNEE),
    HORAIRE_JOURNEE_2_AM: (JOURNEE, APRES_MIDI, APRES_MIDI),
    HORAIRE_4_AM: (APRES_MIDI, APRES_MIDI, APRES_MIDI, APRES_MIDI),
}
PAUSE = "Pause"
DINER = "Dîner"
# Periods of each kind of rencontre: (start, end, label or "" for a work period).
PLAN_PERIODS = {
    JOURNEE: (
        ("8:45", "10:15", ""),
        ("10:15", "10:30", PAUSE),
        ("10:30", "11:45", ""),
        ("11:45", "12:45", DINER),
        ("12:45", "14:15", ""),
        ("14:15", "14:30", PAUSE),
        ("14:30", "15:45", ""),
    ),
    APRES_MIDI: (
        ("12:45", "14:15", ""),
        ("14:15", "14:30", PAUSE),
        ("14:30", "15:45", ""),
    ),
}
PLAN_HEADER_ROW = 5
PLAN_PERIOD_COL = 1
PLAN_FIRST_DAY_COL = 2
PLAN_WIDTHS = {1: 22}
PLAN_DAY_WIDTH = 40
# What earlier versions of the plan proposed (first rencontre, middle ones, last): still
# recognised as Classeur's own text, so a regeneration replaces it by the periods of
# annexe 2 du CEE (domain.reseau.plan_suggestions).
PLAN_FIRST_DAY = (
    "Mot de bienvenue. Lecture de l’ordre du jour. Présentation de la personne faisant "
    "l’animation. Présentation des participants. Présentation du réseau.",
    "Détermination des objectifs du réseau en équipe. Détermination des moyens de "
    "communication. Séparation des tâches.",
    "Regard sur ce qui existe déjà\u00a0: ce que les participants font déjà dans leur classe.",
    "Développement de matériels. Bilan de la journée. Préparation pour la prochaine rencontre.",
)
PLAN_MIDDLE_DAY = (
    "Mot de bienvenue. Lecture de l’ordre du jour. Regard sur le travail accompli depuis "
    "la dernière rencontre.",
    "Développement de matériels. Évaluation d’outil.",
    "Développement de matériels. Préparation pour la prochaine rencontre.",
    "Développement de matériels. Préparation pour la prochaine rencontre.",
)
PLAN_LAST_DAY = (
    "Mot de bienvenue. Lecture de l’ordre du jour. Regard sur le travail accompli depuis "
    "le début de l’année. Partage de bons coups et des idées gagnantes.",
    "Développement de matériels. Évaluation d’outil.",
    "Type de questions de l’examen. Développement de matériels.",
    "Bilan du réseau. Commentaire sur le réseau.",
)
# Command-line keys of the schedule options.
HORAIRE_KEYS = {
    "2-journees": HORAIRE_2_JOURNEES,
    "journee-2-apres-midis": HORAIRE_JOURNEE_2_AM,
    "4-apres-midis": HORAIRE_4_AM,
}
PLAN_TITLE = "Plan de réseau"
PLAN_DEADLINE_LABEL = "À déposer au plus tard le"
PLAN_HORAIRE_LABEL = "Horaire"
PLAN_PERIOD_HEADER = "Période"
PLAN_OFF = "—"  # a period outside a half-day rencontre
# Text typed for a day or a period the chosen horaire does not have: kept under the plan
# (never erased), and put back in its place when an horaire has that day and period again.
PLAN_RETIRED_TITLE = "Notes retirées"
PLAN_RETIRED_NOTE = (
    "Textes tapés pour des jours ou des périodes que l’horaire choisi ne prévoit pas\u00a0: "
    "gardés ici, ils reviennent à leur place si l’horaire les prévoit de nouveau."
)
PLAN_DAY_LABEL = "Jour {numero}"
PLAN_DAY_PATTERN = r"Jour\s+(\d+)"
