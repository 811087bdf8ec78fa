"""The CEE's dashboard (« tableau de bord du CEE »): its sheets, tables, headers, the
states it shows, the rules with the guide's own words, and the committee's criteria.

Every réseau classeur of a school year is consolidated into one workbook; nothing here is
written into a classeur.
"""

from __future__ import annotations

from dataclasses import dataclass

from classeur.layout.annexes import FICHE_FIELDS, FICHE_RESUME
from classeur.layout.structure import Column, TableSpec

DEFAULT_OUTPUT = "tableau-cee.xlsx"
CLASSEUR_SUFFIX = ".xlsx"
# Files that are never a classeur sent by an animator: Excel's and LibreOffice's lock files.
LOCK_PREFIXES = ("~$", ".~lock.")
# The school year ends on 30 June (the bilan is due « avant la fin de l'année en cours »).
SCHOOL_YEAR_END = (6, 30)
# Reading in parallel pays off from this many files (each worker starts Python again).
PARALLEL_MIN_FILES = 16
MAX_WORKERS = 8

SHEET_RESEAUX = "Réseaux"
SHEET_PARTICIPANTS = "Participants"
SHEET_REGLES = "Règles"
SHEET_LIBERATIONS = "Libérations"
SHEET_PROPOSITIONS = "Analyse des propositions"
SHEET_GRAPHIQUES = "Graphiques"
SHEETS = (
    SHEET_RESEAUX,
    SHEET_PARTICIPANTS,
    SHEET_REGLES,
    SHEET_LIBERATIONS,
    SHEET_PROPOSITIONS,
    SHEET_GRAPHIQUES,
)
TITLE = "Tableau de bord des réseaux d’entraide"
SUBTITLE = "Année {annee}, échéances au {today}\u00a0: {n_reseaux}, lus dans {n_fichiers}."
HEADER_ROW = 4  # every table's header row (title on row 1, subtitle on row 2)
TABLE_STYLE = "TableStyleMedium2"

OUI = "Oui"
NON = "Non"
A_VERIFIER = "À vérifier"

# --- Réseaux ----------------------------------------------------------------------------
RESEAUX = TableSpec(
    name="tblReseaux",
    sheet=SHEET_RESEAUX,
    title="Réseaux",
    subtitle="Un réseau par ligne (un classeur reçu). Les nombres suivent les feuilles "
    "Participants et Libérations.",
    columns=(
        Column("numero", "N°", "int", width=6),
        Column("titre", "Titre", width=40),
        Column("animation", "Animation", width=24),
        Column("etab_animation", "Établissement de l’animation", width=28),
        Column("etablissements", "Établissements des participants", width=40),
        Column("thematique", "Thématique", width=26),
        Column("horaire", "Horaire", width=22),
        Column("dates", "Dates des rencontres", width=36),
        Column("premiere", "Première rencontre", "date", width=13),
        Column("participants", "Participants", "int", width=13),
        Column("prevues", "Rencontres prévues", "int", width=12),
        Column("tenues", "Rencontres tenues", "int", width=12),
        Column("presence", "Taux de présence", "percent", width=12),
        Column("plan", "Plan de réseau", width=22),
        Column("odj", "Ordres du jour", width=30),
        Column("bilan", "Bilan", width=30),
        Column("objectifs", "Atteinte des objectifs (bilan)", width=48),
        Column("continuation", "Continuation demandée", width=14),
        Column("etat", "État", width=15),
        Column("fichier", "Fichier", width=34),
    ),
)
ETAT_A_TEMPS = "À temps"
ETAT_EN_RETARD = "En retard"
ETAT_BILAN_MANQUANT = "Bilan manquant"
ETATS = (ETAT_A_TEMPS, ETAT_EN_RETARD, ETAT_BILAN_MANQUANT)
HORAIRE_AUTRE = "Autre horaire ({n})"  # « (5 rencontres) », « (1 rencontre) »

# States of a document due at a date (plan de réseau, ordre du jour, bilan).
DOC_A_TEMPS = "À temps"
DOC_EN_RETARD = "En retard de {jours}"
DOC_MANQUANT = "Manquant"
DOC_A_VENIR = "À venir"
DOC_SANS_DATE = "Préparé, date d’envoi inconnue"
DOC_SANS_CALENDRIER = "Aucune date au calendrier"
ODJ_LATE_ITEM = "{rencontre} ({jours})"
ODJ_EN_RETARD = "En retard\u00a0: {items}"
ODJ_MANQUANT = "Manquant\u00a0: {items}"
ODJ_A_VENIR_SUFFIX = " ({n} à venir)"
BILAN_COMPLET = "Complet"
BILAN_INCOMPLET = "Incomplet (manque\u00a0: {champs})"
BILAN_A_VENIR = "À venir (au plus tard le {date})"
BILAN_REMIS_EN_RETARD = "{etat}, remis en retard de {jours}"

# --- Participants ---------------------------------------------------------------------
PARTICIPANTS = TableSpec(
    name="tblParticipants",
    sheet=SHEET_PARTICIPANTS,
    title="Participants",
    subtitle="Une ligne par personne et par réseau. Une personne est reconnue par son courriel, "
    "sinon par son nom (sans tenir compte des majuscules, des accents ni des espaces).",
    columns=(
        Column("personne", "Personne", width=26),
        Column("courriel", "Courriel", width=34),
        Column("cle", "Identifiant", width=34),
        Column("etablissement", "Établissement", width=30),
        Column("fonction", "Fonction", width=26),
        Column("role", "Rôle", width=13),
        Column("reseau", "Réseau n°", "int", width=9),
        Column("titre", "Réseau", width=40),
        Column("nb_participant", "Réseaux comme participant", "int", width=13),
        Column("nb_animation", "Réseaux animés", "int", width=11),
        Column("presences", "Présences", "int", width=11),
        Column("notees", "Présences notées", "int", width=11),
        Column("jours_prevus", "Jours prévus", "float", width=10),
        Column("jours", "Jours utilisés", "float", width=10),
        Column("fichier", "Fichier", width=34),
    ),
)

# --- Règles -------------------------------------------------------------------------------
REGLES = TableSpec(
    name="tblRegles",
    sheet=SHEET_REGLES,
    title="Règles",
    subtitle="Chaque règle du guide du CEE qui n’est pas respectée, avec les fichiers en cause.",
    columns=(
        Column("numero", "N°", "int", width=6),
        Column("regle", "Règle", width=30),
        Column("guide", "Texte du guide", width=56),
        Column("source", "Source", width=22),
        Column("constat", "Constat", width=60),
        Column("reseaux", "Réseaux", width=44),
        Column("fichiers", "Fichiers", width=44),
    ),
)
REGLES_AUCUNE = "Aucune règle enfreinte parmi les réseaux lus."
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Rule:
    label: str  # short name, in the Règle column
    guide: str  # the guide's words (quoted as they are written there)
    source: str


RULE_PARTICIPANT = "participant"
RULE_ANIMATION = "animation"
RULE_DOUBLON = "doublon"
RULE_MOINS_DE_SIX = "moins-de-six"
RULE_PLUS_DE_DIX = "plus-de-dix"
RULE_ETABLISSEMENT = "etablissement"
RULE_RESUME = "resume"
RULE_ENSEIGNANT = "enseignant"
RULE_PLAN = "plan"
RULE_ODJ = "ordre-du-jour"
RULE_BILAN = "bilan"
_SECTION_3 = "Guide du CEE, section 3"
_SECTION_5 = "Guide du CEE, section 5"
_ONE_A_YEAR = (
    "Un enseignant peut faire partie d’un seul réseau par année en tant que participant. "
    "Il peut aussi en animer qu’un seul."
)
_SIZE = "Les réseaux doivent comprendre un minimum de six participants et un maximum de dix."
RULES = {
    RULE_PARTICIPANT: Rule("Participation à plus d’un réseau", _ONE_A_YEAR, _SECTION_3),
    RULE_ANIMATION: Rule("Animation de plus d’un réseau", _ONE_A_YEAR, _SECTION_3),
    RULE_DOUBLON: Rule(
        "Même réseau plus d’une fois dans l’année",
        "Un réseau ne peut avoir lieu qu’une seule fois par année.",
        _SECTION_3,
    ),
    RULE_MOINS_DE_SIX: Rule("Moins de 6 participants", _SIZE, _SECTION_3),
    RULE_PLUS_DE_DIX: Rule("Plus de 10 participants", _SIZE, _SECTION_3),
    RULE_ETABLISSEMENT: Rule(
        "Plus de 2 participants d’un établissement",
        "Deux participants par établissement (excluant l’animateur) peuvent participer au "
        "même réseau d’entraide durant la même année.",
        _SECTION_3,
    ),
    RULE_RESUME: Rule(
        "Résumé de plus de 150 mots",
        "Résumé du contenu (150 mots maximum)",
        "Guide du CEE, annexe 1 (fiche de proposition)",
    ),
    RULE_ENSEIGNANT: Rule(
        "Réseau non animé par une personne enseignante",
        "La personne animant le réseau d’entraide doit enseigner au CSSDM. […] Tous les "
        "réseaux déposés après 2024 devront être exclusivement animer par un enseignant.",
        "Guide du CEE, sections 1 et 3",
    ),
    RULE_PLAN: Rule(
        "Plan de réseau en retard ou manquant",
        "Produire un plan de réseau expliquant le contenu des rencontres (dois être déposé "
        "7 jours avant la tenue du réseau).",
        _SECTION_5,
    ),
    RULE_ODJ: Rule(
        "Ordre du jour en retard ou manquant",
        "Remettre un ordre du jour aux membres participants (7 jours avant la tenue du réseau)",
        _SECTION_5,
    ),
    RULE_BILAN: Rule(
        "Bilan en retard ou manquant",
        "Produire un bilan à la fin de chaque année du réseau (avant la fin de l’année en cours).",
        _SECTION_5,
    ),
}
# A role or function says « teacher » when it contains one of these (folded) words.
TEACHER_WORDS = ("enseignant", "enseignante", "prof")

# --- Libérations ----------------------------------------------------------------------
LIB_RESEAUX = TableSpec(
    name="tblLiberationsReseaux",
    sheet=SHEET_LIBERATIONS,
    title="Libérations",
    subtitle="Budget du guide (section 6)\u00a0: 2 jours par participant financé (10 au plus par "
    "réseau), plus 1 jour de planification et ½ jour pour le bilan pour l’animation. "
    "Une rencontre de 5 h ou plus compte pour 1 jour, sinon ½.",
    columns=(
        Column("numero", "N°", "int", width=6),
        Column("titre", "Réseau", width=40),
        Column("participants", "Participants", "int", width=13),
        Column("finances", "Participants financés", "int", width=12),
        Column("par_participant", "Jours par participant au calendrier", "float", width=14),
        Column("prevus", "Jours prévus", "float", width=10),
        Column("utilises", "Jours utilisés", "float", width=10),
        Column("budget", "Budget (jours)", "float", width=10),
        Column("solde", "Solde (jours)", "float", width=10),
        Column("au_dela", "Participants au-delà de 2 jours", "int", width=14),
        Column("etat", "État", width=14),
    ),
)
LIB_ETABLISSEMENTS = TableSpec(
    name="tblLiberationsEtablissements",
    sheet=SHEET_LIBERATIONS,
    title="Par établissement",
    subtitle="Les établissements organisent la suppléance\u00a0: jours de libération de leur "
    "personnel, participants et animation.",
    columns=(
        Column("etablissement", "Établissement", width=40),
        Column("participants", "Participants", "int", width=13),
        Column("animation", "Animation", "int", width=12),
        Column("prevus", "Jours prévus", "float", width=10),
        Column("utilises", "Jours utilisés", "float", width=10),
    ),
)
LIB_ETABLISSEMENTS_FIRST_COL = 2  # below the networks' titles
LIB_TOTAL = "Total"
LIB_DEPASSEMENT = "Dépassement"
LIB_RESPECTE = "Respecté"
LIB_SANS_ETABLISSEMENT = "(établissement non précisé)"

# --- Analyse des propositions -------------------------------------------------------------
PROPOSITIONS_SUBTITLE = (
    "Une ligne par fiche de proposition (annexe 1). Vérifications automatiques, puis les "
    "critères de priorité du guide (section 4\u00a0: «\u00a0Une priorité sera donnée aux "
    "projets ou aux initiatives\u00a0:\u00a0») à coter de 0 à 3 par le comité, et sa décision."
)
# Section 4 of the guide, in its words.
CRITERES = (
    "qui se distinguent des réseaux déjà existants ou ayant un caractère novateur",
    "qui présentent un potentiel de réinvestissement",
    "qui privilégient le perfectionnement par les pairs",
    "dont le contenu vise un renouvellement et/ou une consolidation de pratiques pédagogiques",
    "qui lient approche pédagogique et contenu disciplinaire",
    "qui respectent les orientations et les priorités déterminées par le comité de gestion du CEE",
    "qui encourage la production et le rayonnement du réseau par diverses productions, "
    "selon la nature du réseau (ateliers, coaching, communauté sur le portail du CSSDM, "
    "production de matériel…)",
)
COTES = ("0", "1", "2", "3")
PROPOSITIONS_NOTE_SPAN = 10  # the note above the table spans these columns
DECISIONS = ("Retenu", "Non retenu", "À revoir")
COTE_TITLE = "Cote de 0 à 3"  # titles of the lists' messages (Excel: 32 characters at most)
DECISION_TITLE = "Décision du comité"
# The fiche's answers under the labels of annexe 1, spelled as the fiche spells them.
_FICHE_LABELS = dict(FICHE_FIELDS)
_FICHE_COLUMNS = (
    ("titre", 36),
    ("nom", 24),
    ("courriel", 30),
    ("lieu", 26),
    ("fonction", 24),
    ("discipline", 22),
    ("groupe", 22),
    ("objectifs", 40),
    (FICHE_RESUME, 60),
)
CHECK_COLUMNS = ("chk_resume", "chk_taille", "chk_etab", "chk_enseignant", "chk_anim", "chk_unique")
PROPOSITIONS = TableSpec(
    name="tblPropositions",
    sheet=SHEET_PROPOSITIONS,
    title="Analyse des propositions",
    subtitle=PROPOSITIONS_SUBTITLE,
    columns=(
        Column("numero", "Réseau n°", "int", width=9),
        # The fiche's answers under its own labels (annexe 1).
        *(Column(key, _FICHE_LABELS[key], width=w) for key, w in _FICHE_COLUMNS),
        Column("mots", "Mots du résumé", "int", width=9),
        Column("chk_resume", "Résumé de 150 mots au plus", width=11),
        Column("participants", "Participants", "int", width=12),
        Column("chk_taille", "De 6 à 10 participants", width=11),
        Column("chk_etab", "Au plus 2 participants par établissement", width=13),
        Column("chk_enseignant", "Animé par une personne enseignante", width=13),
        Column("chk_anim", "L’animation n’anime que ce réseau", width=13),
        Column("chk_unique", "Réseau unique dans l’année", width=11),
        Column("reussies", "Vérifications réussies", "int", width=12),
        *(Column(f"critere{i}", text, "int", width=16) for i, text in enumerate(CRITERES, 1)),
        Column("total", "Total des critères", "int", width=10),
        Column("decision", "Décision du CGCEE", width=14),
        Column("commentaires", "Commentaires du comité", width=40),
    ),
)
PROPOSITIONS_AUCUNE = "Aucune fiche de proposition dans les classeurs lus."

# --- Graphiques -------------------------------------------------------------------------
GRAPHIQUES_TITLE = "Graphiques"
GRAPHIQUES_SUBTITLE = "Les nombres suivent les feuilles Réseaux et Libérations."
GRAPH_ETAT_HEADERS = ("État", "Réseaux")
GRAPH_ETAB_HEADERS = ("Établissement", "Jours prévus", "Jours utilisés")
GRAPH_PRESENCE_HEADERS = ("Réseau n°", "Taux de présence", "Réseau")
CHART_ETATS = "Réseaux selon leur état"
CHART_ETABLISSEMENTS = "Jours de libération par établissement"
CHART_PRESENCES = "Taux de présence par réseau"
CHART_Y_RESEAUX = "Réseaux"
CHART_Y_JOURS = "Jours"
CHART_Y_PRESENCE = "% de présence"
NUMBER_SEPARATOR = ". "  # « 12. Titre du réseau »: a network by its N° and title
GRAPH_LABEL_MAX = 60  # characters of a network's title beside its N°
GRAPH_CHART_CM = 16
GRAPH_WIDE_CHART_CM = 28
GRAPH_WIDTHS = {1: 40, 2: 14, 3: 30}
GRAPH_CHART_COLUMN = 5  # charts start in this column, beside the tables
GRAPH_CHART_ROWS = 22  # rows a chart takes

# --- Terminal summary ---------------------------------------------------------------------
MSG_READ = "{fichiers}\u00a0: {reseaux} dans le tableau de bord, {ecartes}."
MSG_SKIPPED = "Écarté\u00a0: {why}"
MSG_OTHER_YEAR = (
    "Écarté\u00a0: le fichier «\u00a0{file}\u00a0» est un réseau de l’année {annee}, "
    "pas de {voulue} (choisissez l’année avec --annee)."
)
MSG_NO_YEAR = (
    "Le fichier «\u00a0{file}\u00a0» n’indique pas son année scolaire\u00a0: il est compté "
    "en {annee}."
)
MSG_CAR = (
    "Le fichier «\u00a0{file}\u00a0» est le classeur d’une équipe collaborative (projet CAR), pas "
    "celui d’un réseau d’entraide."
)
MSG_TOO_BIG = "Le fichier «\u00a0{file}\u00a0» est trop volumineux pour être lu."
MSG_FORBIDDEN = "Le fichier «\u00a0{file}\u00a0» ne peut pas être lu\u00a0: accès refusé."
MSG_UNREADABLE = "Le fichier «\u00a0{file}\u00a0» n’a pas pu être lu (déplacé ou supprimé?)."
MSG_MORE_PROBLEMS = "(et {n}\u00a0: classeur verifier «\u00a0{file}\u00a0» les montre tous)"
MSG_RULES = "Règles non respectées\u00a0: {n} (feuille «\u00a0{sheet}\u00a0»)."
MSG_PLANS = "Plans de réseau\u00a0: {a_temps} à temps, {en_retard} en retard, {manquants}."
MSG_BILANS = "Bilans\u00a0: {complets}, {incomplets}, {manquants}."
MSG_DAYS = "Jours de libération\u00a0: {utilises}, {prevus}, budget de {budget}."
MSG_OVERRUNS = "Réseaux en dépassement de budget\u00a0: {n}."
MSG_SAVED = "Tableau de bord enregistré\u00a0: «\u00a0{path}\u00a0»"
MSG_PDF = "PDF\u00a0: «\u00a0{path}\u00a0»"
MSG_NOTHING = "Aucun classeur (.xlsx) trouvé dans {where}."
MSG_EMPTY_FOLDER = "«\u00a0{folder}\u00a0» est un dossier qui ne contient aucun classeur (.xlsx)."
MSG_MISSING = "«\u00a0{path}\u00a0» est introuvable."
MSG_MISSING_HINT = "Vérifiez le nom et l’emplacement du dossier ou du fichier."
MSG_NO_NETWORK = "Aucun réseau d’entraide lisible parmi les fichiers trouvés."
PROGRESS = "Lecture des réseaux"
PROGRESS_DEMO = "Écriture des réseaux"
MSG_DEMO = "{n} classeurs de réseau écrits dans «\u00a0{folder}\u00a0» (année {annee})."
MSG_DEMO_EXISTS = (
    "Le dossier «\u00a0{folder}\u00a0» contient déjà {n} des classeurs de la démonstration; "
    "ils n’ont pas été remplacés."
)
MSG_DEMO_EXISTS_HINT = (
    "Choisissez un dossier vide (ou nouveau), ou ajoutez --remplacer pour les remplacer "
    "(les versions précédentes sont gardées dans les copies de sécurité)."
)
MSG_DEMO_TRY = "Essayez\u00a0: «\u00a0classeur cee {folder} --aujourdhui {today}\u00a0»"
