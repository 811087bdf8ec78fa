"""The ONE place with sheet names, table names, column headers, styles and validation lists.

Nothing else in the package spells a sheet name, a table name, a header or a cell address:
every other module asks this one. Headers are French (what the teacher sees); keys are
English identifiers (what the code uses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SCHEMA_VERSION = 1

# Réseau rules (seed 004): shown on Accueil, checked by `rules`.
RESEAU_MIN_PARTICIPANTS = 6
RESEAU_MAX_PARTICIPANTS = 10
RESEAU_MAX_PER_ETABLISSEMENT = 2
RESEAU_ANIMATORS = 1
ODJ_DAYS_BEFORE = 7

# --------------------------------------------------------------------------------------
# Kinds of classeur
# --------------------------------------------------------------------------------------
MODELE_CAR = "car"
MODELE_RESEAU = "reseau"
MODELES = (MODELE_CAR, MODELE_RESEAU)
MODELE_LABELS = {
    MODELE_CAR: "Équipe collaborative (projet CAR)",
    MODELE_RESEAU: "Réseau d'entraide (CEE)",
}

# --------------------------------------------------------------------------------------
# Sheets
# --------------------------------------------------------------------------------------
SHEET_ACCUEIL = "Accueil"
SHEET_EQUIPE = "Équipe"
SHEET_RENCONTRES = "Rencontres"
SHEET_APPRENTISSAGES = "Apprentissages"
SHEET_GRILLE = "Grille"
SHEET_SUIVI = "Suivi"
SHEET_BILAN = "Bilan"
SHEET_JOURNAL = "Journal des envois"  # every export, logged (issue 6)
SHEET_PARAMETRES = "Paramètres"  # hidden: schema version, kind of classeur, settings

MEETING_SHEET_PREFIX = "R"


def meeting_sheet(number: int) -> str:
    """Name of the tab of rencontre ``number`` (R1, R2, …)."""
    return f"{MEETING_SHEET_PREFIX}{number}"


def meeting_number_from_sheet(name: str) -> int | None:
    """Inverse of :func:`meeting_sheet`; ``None`` when ``name`` is not a meeting tab."""
    if name.startswith(MEETING_SHEET_PREFIX) and name[len(MEETING_SHEET_PREFIX) :].isdigit():
        return int(name[len(MEETING_SHEET_PREFIX) :])
    return None


# Sheet order in a new classeur; meeting tabs are inserted before the Bilan.
SHEETS_BEFORE_MEETINGS = (
    SHEET_ACCUEIL,
    SHEET_EQUIPE,
    SHEET_RENCONTRES,
    SHEET_APPRENTISSAGES,
    SHEET_GRILLE,
    SHEET_SUIVI,
)
SHEETS_AFTER_MEETINGS = (SHEET_BILAN, SHEET_JOURNAL, SHEET_PARAMETRES)

SHEET_DESCRIPTIONS = {
    SHEET_ACCUEIL: "Identité, état du classeur et liens vers chaque feuille",
    SHEET_EQUIPE: "Membres : coordonnées, établissement, rôle",
    SHEET_RENCONTRES: "Calendrier des rencontres et échéances des ordres du jour",
    SHEET_APPRENTISSAGES: "Apprentissages essentiels, niveau visé et objectif commun",
    SHEET_GRILLE: "Grille de compilation des résultats des élèves",
    SHEET_SUIVI: "Suivi des actions : qui fait quoi, pour quand",
    SHEET_BILAN: "Bilan de fin d'année",
    SHEET_JOURNAL: "Chaque exportation : quoi, quand, à qui",
}

# Rows on every list sheet: title on row 1, subtitle on row 2, table header on row 4.
TITLE_CELL = "A1"
SUBTITLE_CELL = "A2"
TABLE_HEADER_ROW = 4
TABLE_FIRST_COLUMN = 1

# --------------------------------------------------------------------------------------
# Validation lists (French, as the teacher sees them)
# --------------------------------------------------------------------------------------
ROLE_ANIMATION = "Animation"
ROLE_PARTICIPANT = "Participant"
ROLE_DIRECTION = "Direction"
ROLE_PROFESSIONNEL = "Professionnel"
ROLE_INVITE = "Invité"
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

ColumnKind = Literal["text", "email", "int", "float", "percent", "date", "time", "choice", "level"]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: ColumnKind = "text"
    width: float = 16
    required: bool = False
    choices: tuple[str, ...] | None = None
    formula: str | None = None  # computed column: structured-reference formula, same on every row
    hint: str = ""  # shown as the data-validation input message


@dataclass(frozen=True)
class TableSpec:
    name: str
    sheet: str
    title: str
    subtitle: str
    columns: tuple[Column, ...]
    style: str = "TableStyleMedium2"
    landscape: bool = True

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(col.header for col in self.columns)

    @property
    def input_columns(self) -> tuple[Column, ...]:
        return tuple(col for col in self.columns if col.formula is None)


EQUIPE = TableSpec(
    name="tblEquipe",
    sheet=SHEET_EQUIPE,
    title="Équipe",
    subtitle="Une ligne par membre. Le rôle « Animation » désigne la personne qui anime.",
    columns=(
        Column("prenom", "Prénom", width=16, required=True),
        Column("nom", "Nom", width=18, required=True),
        Column("courriel", "Courriel", "email", width=40),
        Column("etablissement", "Établissement", width=30),
        Column("fonction", "Fonction / titre", width=28),
        Column("service", "Service", width=22),
        Column("role", "Rôle", "choice", width=16, required=True, choices=ROLES),
    ),
)

RENCONTRES = TableSpec(
    name="tblRencontres",
    sheet=SHEET_RENCONTRES,
    title="Rencontres",
    subtitle="Calendrier. L'ordre du jour est dû 7 jours avant chaque rencontre.",
    columns=(
        Column("numero", "N°", "int", width=6, required=True),
        Column("date", "Date", "date", width=14),
        Column("debut", "Début", "time", width=9),
        Column("fin", "Fin", "time", width=9),
        Column("mode", "Mode", "choice", width=17, choices=MODES),
        Column("lieu", "Lieu", width=30),
        Column("canevas", "Canevas", "choice", width=17, choices=CANEVAS),
        Column("bloc", "Bloc", "choice", width=10, choices=BLOCS),
        Column(
            "echeance_odj",
            "Échéance ordre du jour",
            "date",
            width=14,
            formula=(
                '=IF(tblRencontres[[#This Row],[Date]]="","",'
                f"tblRencontres[[#This Row],[Date]]-{ODJ_DAYS_BEFORE})"
            ),
        ),
    ),
)

APPRENTISSAGES = TableSpec(
    name="tblApprentissages",
    sheet=SHEET_APPRENTISSAGES,
    title="Apprentissages essentiels",
    subtitle="Niveau de réussite visé et objectif commun (% d'élèves) pour chaque apprentissage.",
    columns=(
        Column("code", "Code", width=8, required=True),
        Column("description", "Description", width=46, required=True),
        Column("criteres", "Critères observables", width=46),
        Column("niveau_vise", "Niveau visé", "level", width=12, required=True),
        Column("objectif", "Objectif commun (%)", "percent", width=14, required=True),
    ),
)

SUIVI = TableSpec(
    name="tblSuivi",
    sheet=SHEET_SUIVI,
    title="Suivi des actions",
    subtitle="Qui fait quoi, pour quand. Les actions ouvertes reviennent à la rencontre suivante.",
    columns=(
        Column("numero", "N°", "int", width=6, required=True),
        Column("action", "Action", width=46, required=True),
        Column("responsable", "Responsable", width=22),
        Column("echeance", "Échéance", "date", width=14),
        Column("statut", "Statut", "choice", width=12, required=True, choices=STATUTS),
        Column("rencontre", "Rencontre d'origine", "int", width=12),
        Column("notes", "Notes", width=36),
    ),
)

# The grille has fixed identity columns, then one column per apprentissage × bloc.
GRILLE_NAME = "tblGrille"
GRILLE_FIXED = (
    Column("eleve", "Élève", width=24, required=True),
    Column("groupe", "Groupe", width=10, required=True),
    Column("enseignant", "Enseignant·e", width=20, required=True),
)
GRILLE_SEPARATOR = " · "


def grille_header(code: str, bloc: str) -> str:
    """Header of the grille column holding apprentissage ``code`` at ``bloc``."""
    return f"{code}{GRILLE_SEPARATOR}{bloc}"


def parse_grille_header(header: str) -> tuple[str, str] | None:
    code, sep, bloc = header.rpartition(GRILLE_SEPARATOR)
    if not sep or bloc not in BLOCS or not code:
        return None
    return code, bloc


def grille_spec(codes: list[str] | tuple[str, ...], blocs: tuple[str, ...] = BLOCS) -> TableSpec:
    result_cols = tuple(
        Column(f"{code}|{bloc}", grille_header(code, bloc), "level", width=11)
        for code in codes
        for bloc in blocs
    )
    return TableSpec(
        name=GRILLE_NAME,
        sheet=SHEET_GRILLE,
        title="Grille de compilation",
        subtitle="Un élève par ligne. Case vide : pas encore évalué "
        "(différent d'un niveau faible).",
        columns=(*GRILLE_FIXED, *result_cols),
    )


# Settings, on the hidden sheet: key, value, description.
PARAMETRES = TableSpec(
    name="tblParametres",
    sheet=SHEET_PARAMETRES,
    title="Paramètres du classeur",
    subtitle="Feuille technique. Modifiez les valeurs avec prudence.",
    columns=(
        Column("cle", "Clé", width=24, required=True),
        Column("valeur", "Valeur", width=40),
        Column("description", "Description", width=60),
    ),
    style="TableStyleLight9",
)

# Keys of the settings table, with their French description.
PARAM_SCHEMA = "version_schema"
PARAM_MODELE = "modele"
PARAM_TITRE = "titre"
PARAM_ANNEE = "annee_scolaire"
PARAM_ORGANISME = "organisme"
PARAM_BUT = "but"
PARAM_ECHELLE = "echelle"
PARAM_DESCRIPTIONS = {
    PARAM_SCHEMA: "Version du format du classeur (ne pas modifier)",
    PARAM_MODELE: "Type de classeur : car (équipe collaborative) ou reseau (réseau d'entraide)",
    PARAM_TITRE: "Titre de l'équipe ou du réseau",
    PARAM_ANNEE: "Année scolaire, p. ex. 2026-2027",
    PARAM_ORGANISME: "École, centre de services ou organisme",
    PARAM_BUT: "But du réseau ou de l'équipe",
    PARAM_ECHELLE: "Échelle des résultats : 1-4, A-E ou Atteint/Partiellement/Non atteint",
}

ALL_TABLES = (EQUIPE, RENCONTRES, APPRENTISSAGES, SUIVI, PARAMETRES)

# --------------------------------------------------------------------------------------
# Styles (named cell styles, so a teacher sees them in Excel's style gallery)
# --------------------------------------------------------------------------------------
FONT_NAME = "Calibri"
COLOR_PRIMARY = "1F4E79"
COLOR_ACCENT = "DDEBF7"
COLOR_COMPUTED = "F2F2F2"
COLOR_WARNING = "FCE4D6"

STYLE_TITLE = "Classeur titre"
STYLE_SUBTITLE = "Classeur sous-titre"
STYLE_HEADER = "Classeur en-tête"
STYLE_LABEL = "Classeur étiquette"
STYLE_DATE = "Classeur date"
STYLE_TIME = "Classeur heure"
STYLE_PERCENT = "Classeur pourcentage"
STYLE_COMPUTED = "Classeur calcul"
STYLE_LINK = "Classeur lien"
STYLE_WRAP = "Classeur texte"

NUMBER_FORMAT_DATE = "yyyy-mm-dd"
NUMBER_FORMAT_TIME = 'h" h "mm'
NUMBER_FORMAT_PERCENT = "0 %"

# Print setup
PAPER_LETTER = 1  # openpyxl / OOXML paper size code for US Letter

# --------------------------------------------------------------------------------------
# Accueil
# --------------------------------------------------------------------------------------
ACCUEIL_TITLE = "Classeur"
ACCUEIL_IDENTITY_FIRST_ROW = 3  # label in column A, value in column B
ACCUEIL_LABEL_COL = 1
ACCUEIL_VALUE_COL = 2
ACCUEIL_WIDTHS = {"A": 34, "B": 58}
ACCUEIL_IDENTITY_LABELS = {
    PARAM_TITRE: "Titre",
    PARAM_MODELE: "Type",
    PARAM_ANNEE: "Année scolaire",
    PARAM_ORGANISME: "Organisme",
    PARAM_BUT: "But",
}
ACCUEIL_STATUS_HEADING = "État du classeur"
ACCUEIL_LINKS_HEADING = "Feuilles"


@dataclass(frozen=True)
class StatusLine:
    label: str
    formula: str
    number_format: str = "General"
    only_for: tuple[str, ...] = field(default=MODELES)


def ref(table: TableSpec | str, key_or_header: str) -> str:
    """Structured reference ``tblX[Header]`` to a column, by key (or header for the grille)."""
    if isinstance(table, TableSpec):
        return f"{table.name}[{table.column(key_or_header).header}]"
    return f"{table}[{key_or_header}]"


def param_formula(key: str) -> str:
    """Formula returning the value of setting ``key`` from the hidden settings table."""
    return (
        f'=IFERROR(INDEX({ref(PARAMETRES, "valeur")},MATCH("{key}",{ref(PARAMETRES, "cle")},0)),"")'
    )


_ROLE = ref(EQUIPE, "role")
_DATE = ref(RENCONTRES, "date")
_STATUT = ref(SUIVI, "statut")
_NEXT = f'_xlfn.MINIFS({_DATE},{_DATE},">="&TODAY())'
_HAS_NEXT = f'COUNTIFS({_DATE},">="&TODAY())>0'
_PARTICIPANTS = f'COUNTIFS({_ROLE},"{ROLE_PARTICIPANT}")'

ACCUEIL_STATUS = (
    StatusLine("Membres", f"=COUNTA({ref(EQUIPE, 'nom')})"),
    StatusLine("Participants (sans l'animation)", f"={_PARTICIPANTS}"),
    StatusLine(
        f"Règle : {RESEAU_MIN_PARTICIPANTS} à {RESEAU_MAX_PARTICIPANTS} participants",
        f"=IF(AND({_PARTICIPANTS}>={RESEAU_MIN_PARTICIPANTS},"
        f'{_PARTICIPANTS}<={RESEAU_MAX_PARTICIPANTS}),"Respectée","À vérifier")',
        only_for=(MODELE_RESEAU,),
    ),
    StatusLine(
        "Règle : une seule personne à l'animation",
        f'=IF(COUNTIFS({_ROLE},"{ROLE_ANIMATION}")={RESEAU_ANIMATORS},"Respectée","À vérifier")',
        only_for=(MODELE_RESEAU,),
    ),
    StatusLine(
        "Prochaine rencontre",
        f'=IF({_HAS_NEXT},{_NEXT},"Aucune")',
        NUMBER_FORMAT_DATE,
    ),
    StatusLine(
        "Ordre du jour à envoyer au plus tard le",
        f'=IF({_HAS_NEXT},{_NEXT}-{ODJ_DAYS_BEFORE},"")',
        NUMBER_FORMAT_DATE,
    ),
    StatusLine(
        "Actions ouvertes (Suivi)",
        "=" + "+".join(f'COUNTIFS({_STATUT},"{s}")' for s in STATUTS_OUVERTS),
    ),
    StatusLine("Élèves dans la grille", f"=COUNTA({GRILLE_NAME}[{GRILLE_FIXED[0].header}])"),
)

# --------------------------------------------------------------------------------------
# Meeting tabs (R1 … Rn) and Bilan: the header block; the rest belongs to the
# rencontres / bilan features.
# --------------------------------------------------------------------------------------
MEETING_TITLE_CELL = "A1"
MEETING_WIDTHS = {"A": 6, "B": 48, "C": 30, "D": 12, "E": 20, "F": 40, "G": 30}
BILAN_TITLE = "Bilan"

# --------------------------------------------------------------------------------------
# The Excel add-in (ribbon) and the Excel binding (issue 5)
# --------------------------------------------------------------------------------------
ADDIN_FILE = "classeur.xlam"
ADDIN_PROJECT_NAME = "Classeur"  # the VBA project's name, as the VBA editor shows it
ADDIN_VBA_MODULE = "Classeur"  # the module holding the single ribbon callback
ADDIN_CALLBACK = "ClasseurClick"
# xlwings reads the add-in's settings from the sheet "<PROJECT_NAME>.conf" of the add-in;
# PROJECT_NAME is the constant of the xlwings VBA module (lower case by convention).
ADDIN_XLWINGS_PROJECT = "classeur"
SHEET_ADDIN_CONF = f"{ADDIN_XLWINGS_PROJECT}.conf"
# Settings rows of that sheet (key in column A, value in column B), in order.
ADDIN_SETTING_INTERPRETER_WIN = "Interpreter_Win"
ADDIN_SETTING_INTERPRETER_MAC = "Interpreter_Mac"
ADDIN_SETTINGS: tuple[tuple[str, str | bool], ...] = (
    (ADDIN_SETTING_INTERPRETER_WIN, ""),
    (ADDIN_SETTING_INTERPRETER_MAC, ""),
    ("PYTHONPATH", ""),
    ("Conda Path", ""),
    ("Conda Env", ""),
    ("UDF Modules", ""),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
    # Never put the teacher's folder on sys.path: a stray .py file there must not run.
    ("ADD_WORKBOOK_TO_PYTHONPATH", False),
)
ADDIN_SETTINGS_COLUMN_WIDTHS = (26.0, 60.0)

# Side files (Update.files) written by the ribbon when the classeur has no local folder
# (OneDrive / SharePoint): ~/Documents/Classeur/<classeur name>/
SIDE_FILES_DOCUMENTS = "Documents"
SIDE_FILES_FOLDER = "Classeur"


def side_file_name(classeur_stem: str, name: str) -> str:
    """File name of side file ``name`` of the classeur named ``classeur_stem`` (both adapters)."""
    return f"{classeur_stem}-{name}"


# Engine-neutral look of each named style, for the Excel binding (xlwings cannot apply
# named styles on every engine). Must agree with xlsxio.named_styles (a test checks).


@dataclass(frozen=True)
class Look:
    bold: bool = False
    italic: bool = False
    size: float = 11
    font_color: str | None = None  # hex RGB
    fill: str | None = None  # hex RGB
    number_format: str | None = None
    wrap: bool = False


STYLE_LOOKS: dict[str, Look] = {
    STYLE_TITLE: Look(bold=True, size=18, font_color=COLOR_PRIMARY),
    STYLE_SUBTITLE: Look(italic=True, font_color="595959"),
    STYLE_HEADER: Look(bold=True, font_color="FFFFFF", fill=COLOR_PRIMARY, wrap=True),
    STYLE_LABEL: Look(bold=True, font_color=COLOR_PRIMARY, wrap=True),
    STYLE_DATE: Look(number_format=NUMBER_FORMAT_DATE),
    STYLE_TIME: Look(number_format=NUMBER_FORMAT_TIME),
    STYLE_PERCENT: Look(number_format=NUMBER_FORMAT_PERCENT),
    STYLE_COMPUTED: Look(font_color="404040", fill=COLOR_COMPUTED),
    STYLE_LINK: Look(font_color="0563C1"),
    STYLE_WRAP: Look(wrap=True),
}


def table_spec(name: str, learning_codes: list[str] | tuple[str, ...] = ()) -> TableSpec:
    """The spec of table ``name`` (the grille's columns depend on the apprentissages)."""
    if name == GRILLE_NAME:
        return grille_spec(learning_codes)
    for spec in ALL_TABLES:
        if spec.name == name:
            return spec
    raise KeyError(name)


# ===============================================================================


# Partage (issue 6): exports, journal des envois, pseudonymes, fiche de proposition,
# plan de réseau, bilan. Everything a teacher sees of these features is named here.
# ======================================================================================


def column_letter(col: int) -> str:
    """Excel column letters of column number ``col`` (1 -> A, 27 -> AA)."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def cell_ref(row: int, col: int, *, absolute: bool = False) -> str:
    """A1-style reference of (row, col); ``$A$1`` when ``absolute``."""
    d = "$" if absolute else ""
    return f"{d}{column_letter(col)}{d}{row}"


def range_ref(row1: int, col1: int, row2: int, col2: int, *, absolute: bool = False) -> str:
    return f"{cell_ref(row1, col1, absolute=absolute)}:{cell_ref(row2, col2, absolute=absolute)}"


# --- Journal des envois ---------------------------------------------------------------
JOURNAL = TableSpec(
    name="tblJournal",
    sheet=SHEET_JOURNAL,
    title="Journal des envois",
    subtitle="Chaque exportation y est inscrite : quoi, quand, à qui, pseudonymisée ou non. "
    "Classeur ajoute les lignes; ne les modifiez pas.",
    columns=(
        Column("quand", "Date et heure", "date", width=18),
        Column("document", "Document", width=34),
        Column("formats", "Formats", width=14),
        Column("destinataires", "Destinataires", width=48),
        Column("pseudonymise", "Pseudonymisé", width=14),
        Column("fichiers", "Fichiers", width=56),
    ),
    style="TableStyleLight9",
)
JOURNAL_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
JOURNAL_OUI = "Oui"
JOURNAL_NON = "Non"
JOURNAL_NO_RECIPIENT = "(non précisé)"

# --- Pseudonymes ----------------------------------------------------------------------
# The key lives ONLY in this file beside the classeur (never in an export).
PSEUDO_KEY_SUFFIX = ".cle-pseudonymes.txt"
PSEUDO_PREFIX = "Élève-"
PSEUDO_CODE_LENGTH = 6
# A part of a student's name (first name, family name, each piece of a compound name) is
# replaced alone too, except the particles below and parts of fewer letters than this:
# alone they are ordinary words (« Le groupe », « De plus ») and identify no one.
PSEUDO_PART_MIN_LETTERS = 2
PSEUDO_PARTICLES = frozenset(
    {
        "al", "bin", "d", "da", "das", "de", "del", "della", "den", "der", "des", "di",
        "dos", "du", "el", "et", "ibn", "l", "la", "le", "les", "saint", "sainte", "st",
        "ste", "ten", "ter", "van", "von", "y",
    }
)  # fmt: skip

# --- Documents one can export ---------------------------------------------------------
DOC_RENCONTRE = "rencontre"
DOC_BILAN = "bilan"
DOC_PLAN = "plan"
DOC_FICHE = "fiche"
DOC_GRILLE = "grille"
DOC_CLASSEUR = "classeur"
DOC_ODJ = "ordre-du-jour"
DOC_CR = "compte-rendu"
DOCUMENTS = (
    DOC_RENCONTRE,
    DOC_ODJ,
    DOC_CR,
    DOC_BILAN,
    DOC_PLAN,
    DOC_FICHE,
    DOC_GRILLE,
    DOC_CLASSEUR,
)
MEETING_DOCUMENTS = (DOC_RENCONTRE, DOC_ODJ, DOC_CR)  # need a rencontre number (-r N)
DOCUMENT_LABELS = {
    DOC_RENCONTRE: "Rencontre",
    DOC_ODJ: "Ordre du jour de la rencontre",
    DOC_CR: "Compte rendu de la rencontre",
    DOC_BILAN: "Bilan",
    DOC_PLAN: "Plan de réseau",
    DOC_FICHE: "Fiche de proposition de réseau",
    DOC_GRILLE: "Grille de compilation",
    DOC_CLASSEUR: "Classeur",
}
# Short names used in exported file names (no spaces, no accents).
DOCUMENT_FILE_TAGS = {
    DOC_ODJ: "ordre-du-jour",
    DOC_CR: "compte-rendu",
    DOC_BILAN: "bilan",
    DOC_PLAN: "plan-de-reseau",
    DOC_FICHE: "fiche-de-proposition",
    DOC_GRILLE: "grille",
    DOC_CLASSEUR: "classeur",
}
FORMATS = ("pdf", "docx", "xlsx", "eml")
PSEUDO_FILE_TAG = "pseudonymise"
# Word templates shipped in classeur/templates (built by classeur.text.docx_templates).
DOCX_TEMPLATE = "document.docx"
EMAIL_HTML_TEMPLATE = "courriel.html"
EMAIL_TEXT_TEMPLATE = "courriel.txt"
EMAIL_SUBJECT_PREFIX = "Classeur"

# --- Réseau: fiche de proposition (annexe 1) ------------------------------------------
SHEET_FICHE = "Fiche de proposition"
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
    ("type", "Type d'activité"),
    ("groupe", "Groupe d'enseignants visé"),
    ("discipline", "À quelle discipline se rapporte votre activité"),
    ("titre", "Titre souhaité pour l'activité"),
    ("materiel", "Matériel requis par les participants"),
    ("objectifs", "Objectif(s) de l'activité"),
    ("competences", "Compétence(s) professionnelle(s) visée(s)"),
    (FICHE_RESUME, "Résumé du contenu (150 mots maximum)"),
    ("prealables", "Préalables"),
    ("duree", "Durée de l'activité"),
    ("disponibilites", "Disponibilités pour donner votre réseau"),
    ("biographie", "Biographie"),
    ("commentaires", "Autres commentaires en lien avec votre proposition de formation"),
    ("source", "Comment avez-vous entendu parler du CEE?"),
)
FICHE_TYPE_RESEAU = "Réseau d'entraide"
FICHE_WORDS_LABEL = "Nombre de mots du résumé"

# --- Réseau: plan de réseau (annexe 2) ------------------------------------------------
SHEET_PLAN = "Plan de réseau"
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
# Each option: the kinds of its rencontres, in order (seed 004, section 8.2).
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
# Suggested content (wording of the annexe 2 example): first rencontre, middle ones, last.
PLAN_FIRST_DAY = (
    "Mot de bienvenue. Lecture de l'ordre du jour. Présentation de la personne faisant "
    "l'animation. Présentation des participants. Présentation du réseau.",
    "Détermination des objectifs du réseau en équipe. Détermination des moyens de "
    "communication. Séparation des tâches.",
    "Regard sur ce qui existe déjà : ce que les participants font déjà dans leur classe.",
    "Développement de matériels. Bilan de la journée. Préparation pour la prochaine rencontre.",
)
PLAN_MIDDLE_DAY = (
    "Mot de bienvenue. Lecture de l'ordre du jour. Regard sur le travail accompli depuis "
    "la dernière rencontre.",
    "Développement de matériels. Évaluation d'outil.",
    "Développement de matériels. Préparation pour la prochaine rencontre.",
    "Développement de matériels. Préparation pour la prochaine rencontre.",
)
PLAN_LAST_DAY = (
    "Mot de bienvenue. Lecture de l'ordre du jour. Regard sur le travail accompli depuis "
    "le début de l'année. Partage de bons coups et des idées gagnantes.",
    "Développement de matériels. Évaluation d'outil.",
    "Type de questions de l'examen. Développement de matériels.",
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

# --- Bilan (annexe 5 + attendance, release days, the grille's progression) -----------
BILAN_SUBTITLE = (
    "Annexe 5 du CEE. Écrivez dans les cases blanches : Classeur garde votre texte quand il "
    "régénère le bilan (videz une case pour qu'il la remplisse de nouveau)."
)
BILAN_LABEL_COL = 1
BILAN_VALUE_COL = 2
BILAN_FIRST_MATRIX_COL = 3  # attendance: one column per rencontre from here
BILAN_WIDTHS = {1: 34, 2: 14}
BILAN_MATRIX_WIDTH = 11
BILAN_TEXT_SPAN = 8  # typed answers span columns B… (merged)
BILAN_LABEL_TITRE = {MODELE_RESEAU: "Titre du réseau", MODELE_CAR: "Titre de l'équipe"}
BILAN_LABEL_ANNEE = "Année"
BILAN_SECTION_MEMBRES = "Membres"
BILAN_MEMBRES_NOTE = "☑ : présent à au moins une rencontre"
CHECKED = "☑"
UNCHECKED = "☐"
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
BILAN_LABELS_CAR = {BILAN_BUT: "2. But de l'équipe"}
BILAN_CR_HEADING = "Comptes rendus :"
BILAN_CONTINUATION_CHOICES = ("Oui", "Non", "À déterminer")
BILAN_SECTION_PRESENCES = "Présences aux rencontres"
BILAN_MEMBER_HEADER = "Membre"
BILAN_ROLE_HEADER = "Rôle"
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
BILAN_PLANIFICATION = "Animation : planification du réseau"
BILAN_REDACTION = "Animation : rédaction du bilan"
BILAN_TOTAL = "Total du réseau"
# CEE budget (seed 004, section 6): days of release per person and for the animator.
BUDGET_PARTICIPANT_DAYS = 2.0
BUDGET_PLANIFICATION_DAYS = 1.0
BUDGET_BILAN_DAYS = 0.5
FULL_DAY_HOURS = 5  # a rencontre of at least 5 hours is a full day, else half a day
BILAN_SECTION_PROGRESSION = "Progression de la grille"
BILAN_PROGRESSION_NOTE = "% des élèves évalués au niveau visé ou au-delà, par bloc"
BILAN_PROG_HEADERS = ("Apprentissage", "Niveau visé", "Objectif commun")
BILAN_LAST_HEADER = "Dernier résultat"
BILAN_ATTEINTE_HEADER = "Objectif"
ATTEINT = "Atteint"
NON_ATTEINT = "Non atteint"
BILAN_CHART_TITLE = "% des élèves au niveau visé, par bloc"
BILAN_CHART_ROWS = 18  # rows left free below the progression table for the chart
# Attendance is read from the rencontre tabs' « Présences » section (RT_* names below).


# --------------------------------------------------------------------------------------
# Rencontres (issue 3): the rencontre tabs R1 … Rn, ordres du jour and comptes rendus.
# A tab is rebuilt from a SheetDoc; sections are found again by the labels in column A,
# so rows the team inserts inside a section stay with it.
# --------------------------------------------------------------------------------------
RT_COL_NUM = 1  # N° / labels (merged with the next column for labels)
RT_COL_TEXT = 2  # item text, member, action
RT_COL_QUESTION = 3  # guiding question, fonction, responsable of an action, suggestions
RT_COL_MINUTES = 4  # temps prévu, rôle, échéance of an action
RT_COL_RESP = 5  # responsable, présence, n° au suivi
RT_COL_NOTES = 6  # Documents, notes et décisions
RT_COL_DONE = 7  # Réalisation
RT_LAST_COL = RT_COL_DONE
RT_VALUE_COL = RT_COL_QUESTION  # header values and typed block texts start here
RT_WIDTHS = {1: 5, 2: 56, 3: 30, 4: 13, 5: 16, 6: 34, 7: 22}
RT_LANDSCAPE = True

RT_TITLE = "Rencontre {numero}"
RT_TAB_TITLE = "Rencontre {numero} : {titre}"
RT_SUBTITLE = (
    "Les informations d'en-tête viennent de la feuille Rencontres (modifiez-les là). "
    "Tapez vos notes dans les cases blanches : Classeur les garde quand il régénère."
)
RT_LABEL_EQUIPE = "Équipe ou réseau"
RT_LABEL_DATE = "Date"
RT_LABEL_HEURE = "Heure"
RT_LABEL_MODE = "Mode de rencontre"
RT_LABEL_LIEU = "Lieu"
RT_LABEL_CANEVAS = "Canevas"
RT_LABEL_DUREE = "Durée prévue"
RT_LABEL_HORAIRE = "Horaire de la journée"
RT_LABEL_ECHEANCE = "Échéance de l'ordre du jour"
RT_LABEL_PREPARE = "Ordre du jour préparé le"
RT_LABEL_ETAT = "État de l'ordre du jour"
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
PRESENT = "Présent"
ABSENT = "Absent"
EXCUSE = "Excusé"
PRESENCES = (PRESENT, ABSENT, EXCUSE)
RT_COUNT_LABELS = {
    PRESENT: "Nombre de présents",
    ABSENT: "Nombre d'absents",
    EXCUSE: "Nombre d'excusés",
}

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
RT_SUIVI_ITEM = "Suivi n° {numero} : {action}"
RT_SUIVI_ITEM_PATTERN = r"^\s*Suivi n°\s*(\d+)\s*:"

RT_LABEL_DEBUT = "L’assemblée débute à"
RT_CR_HEADERS = {
    RT_COL_TEXT: "Rubrique",
    RT_COL_QUESTION: "Pistes du canevas",
    RT_COL_NOTES: "Documents, notes et décisions",
    RT_COL_DONE: "Réalisation",
}
RT_GRILLE = "Résultats de la grille :"
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


# --------------------------------------------------------------------------------------
# Grille de compilation: compiled results, paliers, merging (issue 4)
# --------------------------------------------------------------------------------------
SHEET_RESULTATS = "Résultats"
SHEET_PALIERS = "Paliers"
# Both generated sheets go right after the Grille (before Suivi).
RESULTATS_BEFORE = SHEET_SUIVI

RESULTATS_TITLE = "Résultats de la grille de compilation"
RESULTATS_SUBTITLE = (
    "Feuille refaite par « classeur compiler ». Les nombres sont des formules liées à la "
    "Grille : ils se mettent à jour d'eux-mêmes quand on y saisit des résultats."
)
RESULTATS_SCALE_LABEL = "Échelle"
RESULTATS_BLANK_NOTE = "Case vide dans la Grille : pas encore évalué (ce n'est pas un échec)."
RESULTATS_SYNTH_HEADING = "Synthèse : % d'élèves qui atteignent le niveau visé"
RESULTATS_DETAIL_HEADING = "Par apprentissage et par bloc"
RESULTATS_GROUPES_HEADING = "Par enseignant·e et par groupe"
RESULTATS_GROUPES_TABLE = "tblResultatsGroupes"
RESULTATS_NONE = "—"  # shown instead of a percentage when nobody was evaluated
RESULTATS_CHART_TITLE = "% d'élèves qui atteignent le niveau visé, par bloc"
RESULTATS_CHART_Y = "% d'élèves"
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
    Column("ecart", "Écart à l'objectif", "percent", width=12),
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
    return f"{bloc} : {measure}"


NUMBER_FORMAT_GAP = "+0 %;-0 %;0 %"
NUMBER_FORMAT_COUNT = "0"
COLOR_BELOW = "FCE4D6"  # below the objectif commun
COLOR_REACHED = "E2EFDA"  # objectif commun reached

# Paliers (seed 001: systèmes à paliers multiples; "élève 360" risk from pre-set criteria).
PALIERS_TITLE = "Paliers d'intervention suggérés"
PALIERS_SUBTITLE = (
    "Suggestion transparente, refaite par « classeur compiler » : la règle est écrite "
    "ci-dessous et sur chaque ligne. L'équipe décide; triez et filtrez le tableau."
)
PALIERS_RULE_HEADING = (
    "Règle appliquée (modifiable dans la feuille masquée Paramètres : clic droit sur un "
    "onglet › Afficher…)"
)
PALIERS_TABLE = "tblPaliers"
PALIER_NAMES = {1: "universel", 2: "ciblé", 3: "intensif"}
PALIER_LABELS = {p: f"{p} – {name}" for p, name in PALIER_NAMES.items()}
TENDANCE_HAUSSE = "En progrès"
TENDANCE_BAISSE = "En recul"
TENDANCE_STABLE = "Stable"
TENDANCE_INCONNUE = "—"
PALIERS_GONE = "Élève absent de la grille : note conservée"
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
    Column("notes", "Notes de l'équipe", width=36, hint="Conservées à chaque compilation."),
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
    PARAM_PALIER2: "Palier 2 (ciblé) à partir de ce nombre d'apprentissages non atteints",
    PARAM_PALIER3: "Palier 3 (intensif) à partir de ce nombre d'apprentissages non atteints",
    PARAM_PALIER_RECUL: "oui : un élève en recul d'un bloc à l'autre monte d'un palier; "
    "non : sans effet",
    PARAM_PALIER_MANQUES: "Évaluations manquées (case vide alors que le groupe a été évalué) "
    "à partir desquelles l'élève monte d'un palier; vide : sans effet",
}
YES_WORDS = ("oui", "o", "vrai", "1", "yes")
NO_WORDS = ("non", "n", "faux", "0", "no", "")

# How a sentence names a bloc, and which bloc each CAR rencontre analyses (seed 000:
# R2 looks back on bloc 1, R3 on bloc 2, R4 on bloc 3, R5 on the final evaluation).
BLOC_PHRASES = {
    BLOC_1: "au bloc 1",
    BLOC_2: "au bloc 2",
    BLOC_3: "au bloc 3",
    BLOC_FINALE: "à l'évaluation finale",
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


# --------------------------------------------------------------------------------------
# Reliability (issue 7): backups, the option to write a new file, schema migrations
# --------------------------------------------------------------------------------------
BACKUP_FOLDER = ".classeur-sauvegardes"  # beside the classeur; previous versions
BACKUP_KEEP = 5  # versions kept per classeur
BACKUP_STAMP = "%Y%m%d-%H%M%S"  # in the backup's file name: equipe.20261125-143000.xlsx
OUTPUT_OPTION = "-o"  # the option every rewriting command offers to write a new file
OUTPUT_OPTION_LONG = "--sortie"
