"""The Bilan sheet (annexe 5 du CEE, with attendance, release days and the grille's
progression)."""

from __future__ import annotations

from classeur.layout.vocabulary import MODELE_CAR, MODELE_RESEAU

# --- Bilan (annexe 5 + attendance, release days, the grille's progression) -----------
_KEEP_TYPED = (
    "Écrivez dans les cases blanches\u00a0: Classeur garde votre texte quand il régénère le "
    "bilan (videz une case pour qu’il la remplisse de nouveau)."
)
# The réseau's bilan is the CEE's annexe 5; a CAR équipe's is Classeur's own year-end
# summary: it names no CEE annex and asks for no continuation of a réseau.
BILAN_SUBTITLES = {
    MODELE_RESEAU: f"Annexe 5 du CEE. {_KEEP_TYPED}",
    MODELE_CAR: f"Bilan de l’année de l’équipe collaborative. {_KEEP_TYPED}",
}
BILAN_LABEL_COL = 1
BILAN_VALUE_COL = 2
BILAN_FIRST_MATRIX_COL = 3  # attendance: one column per rencontre from here
BILAN_WIDTHS = {1: 34, 2: 14}
BILAN_MATRIX_WIDTH = 11
BILAN_TEXT_SPAN = 8  # typed answers span columns B… (merged)
BILAN_LABEL_TITRE = {MODELE_RESEAU: "Titre du réseau", MODELE_CAR: "Titre de l’équipe"}
BILAN_LABEL_ANNEE = "Année"
BILAN_SECTION_MEMBRES = "Membres"
BILAN_MEMBRES_NOTE = "☑\u00a0: présent à au moins une rencontre"
BILAN_SECTION_NOTES = "Documents, notes, commentaire et décisions"
BILAN_DATES = "1. Date des rencontres"
BILAN_BUT = "2. But du réseau"
BILAN_RESUME = "3. Résumé du travail accompli"
BILAN_REALISATIONS = "4. Principales réalisations et atteinte des objectifs"
BILAN_QUESTIONS = "5. Questions et commentaires"
BILAN_CONTINUATION = "6. Demande de continuation du réseau"
BILAN_TYPED_LABELS = (
    BILAN_BUT,
    BILAN_RESUME,
    BILAN_REALISATIONS,
    BILAN_QUESTIONS,
    BILAN_CONTINUATION,
)
# How a label reads in a CAR équipe's bilan (the annexe 5 wording is the réseau's).
BILAN_LABELS_CAR = {BILAN_BUT: "2. But de l’équipe"}
# The answers a CAR équipe's bilan asks: annexe 5's but the réseau's continuation.
BILAN_TYPED_LABELS_CAR = tuple(x for x in BILAN_TYPED_LABELS if x != BILAN_CONTINUATION)
BILAN_CR_HEADING = "Comptes rendus\u00a0:"
BILAN_CONTINUATION_CHOICES = ("Oui", "Non", "À déterminer")
BILAN_SECTION_PRESENCES = "Présences aux rencontres"
BILAN_MEMBER_HEADER = "Membre"
BILAN_ROLE_HEADER = "Rôle"
# A person the rencontre tabs list who is no longer in the Équipe: kept in the year's
# attendance (the rates of the rencontres they attended count them).
BILAN_LEFT = "a quitté"
BILAN_PRESENT_COUNT = "Présences"
BILAN_RATE_HEADER = "Taux de présence"
BILAN_RATE_ROW = "Taux de présence par rencontre"
BILAN_DAYS_ROW = "Durée (jours de libération)"
BILAN_SECTION_LIBERATIONS = "Jours de libération"
BILAN_USED_HEADER = "Jours utilisés"
BILAN_BUDGET_HEADER = "Budget (jours)"
BILAN_STATE_HEADER = "État"
BILAN_OVER = "Dépassement"
BILAN_OK = "Respecté"
BILAN_PLANIFICATION = "Animation\u00a0: planification du réseau"
BILAN_REDACTION = "Animation\u00a0: rédaction du bilan"
BILAN_TOTAL = "Total du réseau"
BILAN_SECTION_PROGRESSION = "Progression de la grille"
BILAN_PROGRESSION_NOTE = "% des élèves évalués au niveau visé ou au-delà, par bloc"
BILAN_PROG_HEADERS = ("Apprentissage", "Niveau visé", "Objectif commun")
BILAN_LAST_HEADER = "Dernier résultat"
BILAN_ATTEINTE_HEADER = "Objectif"
ATTEINT = "Atteint"
NON_ATTEINT = "Non atteint"
BILAN_CHART_TITLE = "% des élèves au niveau visé, par bloc"
BILAN_CHART_ROWS = 18  # rows left free below the progression table for the chart
