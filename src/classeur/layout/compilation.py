"""The compiled grille: the Résultats and Paliers sheets, the palier rule's settings, how
sentences name a bloc, and the limits on merged copies."""

from __future__ import annotations

from classeur.layout.structure import SHEET_SUIVI, Column
from classeur.layout.vocabulary import BLOC_1, BLOC_2, BLOC_3, BLOC_FINALE, BLOCS

# Both generated sheets go right after the Grille (before Suivi).
RESULTATS_BEFORE = SHEET_SUIVI

RESULTATS_TITLE = "Résultats de la grille de compilation"
RESULTATS_SUBTITLE = (
    "Feuille refaite par «\u00a0classeur compiler\u00a0». Les nombres sont des formules liées à la "
    "Grille\u00a0: ils se mettent à jour d’eux-mêmes quand on y saisit des résultats."
)
RESULTATS_SCALE_LABEL = "Échelle"
RESULTATS_BLANK_NOTE = "Case vide dans la Grille\u00a0: pas encore évalué (ce n’est pas un échec)."
RESULTATS_SYNTH_HEADING = "Synthèse\u00a0: % d’élèves qui atteignent le niveau visé"
RESULTATS_DETAIL_HEADING = "Par apprentissage et par bloc"
RESULTATS_GROUPES_HEADING = "Par enseignant·e et par groupe"
RESULTATS_GROUPES_TABLE = "tblResultatsGroupes"
RESULTATS_NONE = "—"  # shown instead of a percentage when nobody was evaluated
RESULTATS_CHART_TITLE = "% d’élèves qui atteignent le niveau visé, par bloc"
RESULTATS_CHART_Y = "% d’élèves"
RESULTATS_OBJECTIF_SERIES = "Objectif commun"
RESULTATS_CHART_WIDTH_CM = 18
RESULTATS_CHART_HEIGHT_CM = 9

# Synthesis matrix: apprentissage, one % per bloc, objectif.
RESULTATS_SYNTH_HEADERS = ("Apprentissage", *BLOCS, "Objectif commun")
# Detail (one row per apprentissage × bloc).
RESULTATS_DETAIL_COLUMNS = (
    Column("code", "Code", width=22),
    Column("description", "Apprentissage", width=40),
    Column("bloc", "Bloc", width=10),
    Column("niveau_vise", "Niveau visé", width=11),
    Column("objectif", "Objectif commun", "percent", width=12),
    Column("evalues", "Élèves évalués", "int", width=11),
    Column("atteints", "Atteignent le niveau visé", "int", width=13),
    Column("pourcentage", "% atteint", "percent", width=10),
    Column("ecart", "Écart à l’objectif", "percent", width=12),
    Column("progression", "Progression depuis le bloc précédent", "percent", width=14),
)


def resultats_detail_col(key: str) -> int:
    """Column number (1-based) of ``key`` in the detail rows of the Résultats sheet."""
    return next(i for i, c in enumerate(RESULTATS_DETAIL_COLUMNS, start=1) if c.key == key)


RESULTATS_WIDTHS = (*(c.width for c in RESULTATS_DETAIL_COLUMNS), 11, 11, 11, 11, 11, 11)
# Per teacher and group: identity, then (évalués, atteints, %) for each bloc.
RESULTATS_GROUPES_FIXED = ("Enseignant·e", "Groupe", "Code", "Objectif commun")
RESULTATS_GROUPES_MEASURES = ("évalués", "atteints", "%")


def resultats_groupe_header(bloc: str, measure: str) -> str:
    return f"{bloc}\u00a0: {measure}"


NUMBER_FORMAT_GAP = "+0 %;-0 %;0 %"
NUMBER_FORMAT_COUNT = "0"
COLOR_BELOW = "FCE4D6"  # below the objectif commun
COLOR_REACHED = "E2EFDA"  # objectif commun reached

# Paliers (guide de mise en œuvre de la mesure 15014: systèmes à paliers multiples; the
# "élève 360" risk from pre-set criteria).
PALIERS_TITLE = "Paliers d’intervention suggérés"
PALIERS_SUBTITLE = (
    "Suggestion transparente, refaite par «\u00a0classeur compiler\u00a0»\u00a0: la règle "
    "est écrite ci-dessous et sur chaque ligne. L’équipe décide; triez et filtrez le tableau."
)
PALIERS_RULE_HEADING = (
    "Règle appliquée (modifiable dans la feuille masquée Paramètres\u00a0: clic droit sur un "
    "onglet › Afficher…)"
)
PALIERS_TABLE = "tblPaliers"
PALIER_NAMES = {1: "universel", 2: "ciblé", 3: "intensif"}
PALIER_LABELS = {p: f"{p} – {name}" for p, name in PALIER_NAMES.items()}
TENDANCE_HAUSSE = "En progrès"
TENDANCE_BAISSE = "En recul"
TENDANCE_STABLE = "Stable"
TENDANCE_INCONNUE = "—"
PALIERS_GONE = "Élève absent de la grille\u00a0: note conservée"
PALIERS_COLUMNS = (
    Column("eleve", "Élève", width=24),
    Column("groupe", "Groupe", width=10),
    Column("enseignant", "Enseignant·e", width=22),
    Column("palier", "Palier suggéré", width=15),
    Column("non_atteints", "Apprentissages non atteints", "int", width=14),
    Column("liste", "Lesquels", width=22),
    Column("tendance", "Tendance", width=12),
    Column("manques", "Évaluations manquées", "int", width=13),
    Column("raison", "Pourquoi (règle)", width=80),
    Column("notes", "Notes de l’équipe", width=36, hint="Conservées à chaque compilation."),
)

# Palier rule parameters: settings keys (Paramètres sheet), default values, descriptions.
PARAM_PALIER2 = "palier2_non_atteints"
PARAM_PALIER3 = "palier3_non_atteints"
PARAM_PALIER_RECUL = "palier_recul_plus_un"
PARAM_PALIER_MANQUES = "palier_evaluations_manquees"
PALIER_DEFAULTS = {
    PARAM_PALIER2: "1",
    PARAM_PALIER3: "3",
    PARAM_PALIER_RECUL: "oui",
    PARAM_PALIER_MANQUES: "3",
}
GRILLE_PARAM_DESCRIPTIONS = {
    PARAM_PALIER2: "Palier 2 (ciblé) à partir de ce nombre d’apprentissages non atteints",
    PARAM_PALIER3: "Palier 3 (intensif) à partir de ce nombre d’apprentissages non atteints",
    PARAM_PALIER_RECUL: "oui\u00a0: un élève en recul d’un bloc à l’autre monte d’un palier; "
    "non\u00a0: sans effet",
    PARAM_PALIER_MANQUES: "Évaluations manquées (case vide alors que le groupe a été évalué) "
    "à partir desquelles l’élève monte d’un palier; vide\u00a0: sans effet",
}
# The students the classeur has held (fingerprints, never names): a student no longer in
# the Grille but still in a teacher's copy was removed by the team, not added by the copy.
PARAM_ELEVES_CONNUS = "eleves_connus"
GRILLE_PARAM_DESCRIPTIONS[PARAM_ELEVES_CONNUS] = (
    "Empreintes des élèves déjà inscrits dans la Grille (tenues à jour par Classeur; "
    "ne pas modifier)\u00a0: un élève retiré n’est pas rajouté par la copie d’un·e enseignant·e"
)
YES_WORDS = ("oui", "o", "vrai", "1", "yes")
NO_WORDS = ("non", "n", "faux", "0", "no", "")

# How a sentence names a bloc, and which bloc each CAR rencontre analyses (canevas du projet CAR:
# R2 looks back on bloc 1, R3 on bloc 2, R4 on bloc 3, R5 on the final evaluation).
BLOC_PHRASES = {
    BLOC_1: "au bloc 1",
    BLOC_2: "au bloc 2",
    BLOC_3: "au bloc 3",
    BLOC_FINALE: "à l’évaluation finale",
}
RENCONTRE_BLOC_ANALYSE = {2: BLOC_1, 3: BLOC_2, 4: BLOC_3, 5: BLOC_FINALE}
RESULTATS_HEADER_HEIGHT = 45  # points: table headers on up to three lines
RESULTATS_HEADING_SPAN = 8  # columns a section heading spans
RESULTATS_CHART_ROWS = 19  # rows kept free below the synthesis for the chart
FUSION_PROGRESS_MIN_FILES = 5  # merging this many files or more shows a progress bar
# A teacher's copy arrives by email: refuse archives that would expand beyond reason
# (zip bombs) before any parser sees them.
FUSION_MAX_UNCOMPRESSED_BYTES = 300_000_000
FUSION_MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MB
FUSION_RATIO_MIN_BYTES = 1_000_000
