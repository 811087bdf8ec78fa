"""What leaves the workbook: exportable documents and their file names, formats,
pseudonymous codes, Word and e-mail templates, side files, backups and the output option."""

from __future__ import annotations


def side_file_name(classeur_stem: str, name: str) -> str:
    """File name of side file ``name`` of the classeur named ``classeur_stem`` (both adapters)."""
    return f"{classeur_stem}-{name}"


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
# Documents that list the students by name; the grille is pseudonymised unless asked not
# to (it is what a team sends most often, to members of several schools).
STUDENT_NAMES_DOCUMENTS = (DOC_GRILLE, DOC_CLASSEUR)
PSEUDONYMISED_BY_DEFAULT = (DOC_GRILLE,)
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
# Word templates shipped in classeur/text/templates (built by tools/build_docx_templates.py).
DOCX_TEMPLATE = "document.docx"
EMAIL_HTML_TEMPLATE = "courriel.html"
EMAIL_TEXT_TEMPLATE = "courriel.txt"
EMAIL_SUBJECT_PREFIX = "Classeur"


BACKUP_FOLDER = ".classeur-sauvegardes"  # beside the classeur; previous versions
BACKUP_KEEP = 5  # versions kept per classeur
BACKUP_STAMP = "%Y%m%d-%H%M%S"  # in the backup's file name: equipe.20261125-143000.xlsx
# Beside the classeur while a command rewrites it: one writer at a time (hidden file).
WRITE_LOCK_NAME = ".{name}.classeur-verrou"
# When another program changed the classeur during a command, the command's result is
# kept beside it under this name (both versions kept): « equipe (version Classeur
# 2026-11-25 14 h 30).xlsx ».
CONFLICT_NAME = "{stem} (version Classeur {stamp}){suffix}"
CONFLICT_STAMP = "%Y-%m-%d %H h %M"
OUTPUT_OPTION = "-o"  # the option every rewriting command offers to write a new file
OUTPUT_OPTION_LONG = "--sortie"

# The language of every document sent (Word styles and properties, PDF /Lang).
DOC_LANG = "fr-CA"
