"""The workbook's structure: sheet names and order, the Excel tables (name, sheet, columns,
headers), the hidden settings and their keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from classeur.layout.vocabulary import BLOCS, CANEVAS, MODES, ODJ_DAYS_BEFORE, ROLES, STATUTS

SHEET_ACCUEIL = "Accueil"
SHEET_EQUIPE = "Équipe"
SHEET_RENCONTRES = "Rencontres"
SHEET_APPRENTISSAGES = "Apprentissages"
SHEET_GRILLE = "Grille"
SHEET_SUIVI = "Suivi"
SHEET_BILAN = "Bilan"
SHEET_JOURNAL = "Journal des envois"  # every export, logged
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
    SHEET_EQUIPE: "Membres\u00a0: coordonnées, établissement, rôle",
    SHEET_RENCONTRES: "Calendrier des rencontres et échéances des ordres du jour",
    SHEET_APPRENTISSAGES: "Apprentissages essentiels, niveau visé et objectif commun",
    SHEET_GRILLE: "Grille de compilation des résultats des élèves",
    SHEET_SUIVI: "Suivi des actions\u00a0: qui fait quoi, pour quand",
    SHEET_BILAN: "Bilan de fin d’année",
    SHEET_JOURNAL: "Chaque exportation\u00a0: quoi, quand, à qui",
}

# Rows on every list sheet: title on row 1, subtitle on row 2, table header on row 4.
TITLE_CELL = "A1"
SUBTITLE_CELL = "A2"
TABLE_HEADER_ROW = 4
TABLE_FIRST_COLUMN = 1

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
    subtitle="Une ligne par membre. Le rôle «\u00a0Animation\u00a0» désigne la personne qui anime.",
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
    subtitle="Calendrier. L’ordre du jour est dû 7 jours avant chaque rencontre.",
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
    subtitle="Niveau de réussite visé et objectif commun (% d’élèves) pour chaque apprentissage.",
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
        Column("rencontre", "Rencontre d’origine", "int", width=12),
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


# The header format, written on the Grille sheet itself (its subtitle) and in the README.
GRILLE_NOTE = (
    "Un élève par ligne. Case vide\u00a0: pas encore évalué (différent d’un niveau faible). "
    "Une colonne de résultats par apprentissage et par bloc, nommée «\u00a0code · bloc\u00a0» "
    "exactement comme «\u00a0A1 · Bloc 1\u00a0» (blocs\u00a0: "
    + ", ".join(BLOCS)
    + "); une colonne "
    "nommée autrement est une colonne de l’équipe, que Classeur ne compile pas."
)


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
        subtitle=GRILLE_NOTE,
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
    PARAM_MODELE: (
        "Type de classeur\u00a0: car (équipe collaborative) ou reseau (réseau d’entraide)"
    ),
    PARAM_TITRE: "Titre de l’équipe ou du réseau",
    PARAM_ANNEE: "Année scolaire, p. ex. 2026-2027",
    PARAM_ORGANISME: "École, centre de services ou organisme",
    PARAM_BUT: "But du réseau ou de l’équipe",
    PARAM_ECHELLE: "Échelle des résultats\u00a0: 1-4, A-E ou Atteint/Partiellement/Non atteint",
}

ALL_TABLES = (EQUIPE, RENCONTRES, APPRENTISSAGES, SUIVI, PARAMETRES)


def ref(table: TableSpec | str, key_or_header: str) -> str:
    """Structured reference ``tblX[Header]`` to a column, by key (or header for the grille)."""
    if isinstance(table, TableSpec):
        return f"{table.name}[{table.column(key_or_header).header}]"
    return f"{table}[{key_or_header}]"


# The memory of what Classeur last wrote in a generated sheet (hidden settings, one key
# per sheet): how a regeneration tells a teacher's note from generated content.
PARAM_GENERATED_PREFIX = "cases_generees:"


def generated_key(sheet: str) -> str:
    """The settings key of the memory of generated sheet ``sheet``."""
    return f"{PARAM_GENERATED_PREFIX}{sheet}"


def param_formula(key: str) -> str:
    """Formula returning the value of setting ``key`` from the hidden settings table."""
    return (
        f'=IFERROR(INDEX({ref(PARAMETRES, "valeur")},MATCH("{key}",{ref(PARAMETRES, "cle")},0)),"")'
    )


# Meeting tabs (R1 … Rn) and Bilan: the header block; the rest belongs to the
# rencontres / bilan features.
MEETING_TITLE_CELL = "A1"
MEETING_WIDTHS = {"A": 6, "B": 48, "C": 30, "D": 12, "E": 20, "F": 40, "G": 30}
BILAN_TITLE = "Bilan"


def table_spec(name: str, learning_codes: list[str] | tuple[str, ...] = ()) -> TableSpec:
    """The spec of table ``name`` (the grille's columns depend on the apprentissages)."""
    if name == GRILLE_NAME:
        return grille_spec(learning_codes)
    for spec in ALL_TABLES:
        if spec.name == name:
            return spec
    raise KeyError(name)


# --- Journal des envois ---------------------------------------------------------------
JOURNAL = TableSpec(
    name="tblJournal",
    sheet=SHEET_JOURNAL,
    title="Journal des envois",
    subtitle="Chaque exportation y est inscrite\u00a0: quoi, quand, à qui, pseudonymisée ou non. "
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

# --- Réseau: fiche de proposition (annexe 1) ------------------------------------------
SHEET_FICHE = "Fiche de proposition"

# --- Réseau: plan de réseau (annexe 2) ------------------------------------------------
SHEET_PLAN = "Plan de réseau"


SHEET_RESULTATS = "Résultats"
SHEET_PALIERS = "Paliers"
