"""The typography check of everything Classeur writes for people (Québec rules, see
text/french.py): what a copy-editor would circle in red."""

from __future__ import annotations

import html
import re
from pathlib import Path

from openpyxl import load_workbook

# The CEE's own form labels are quoted as the annex writes them (annexe 1 du CEE).
ANNEX_WORDING = ("Objectif(s)", "Compétence(s) professionnelle(s) visée(s)")

ENGLISH_WORDS = (
    "the", "and", "with", "from", "undefined", "error", "none", "true", "false", "null",
    "monday", "tuesday", "wednesday", "thursday", "friday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december",
    "page", "of", "is", "not", "file", "sheet", "value", "total", "date",
)  # fmt: skip
# French shares a few of these: « page », « total », « date », « file » are French too;
# only whole English phrases with them are errors, so they are checked in pairs below.
_FRENCH_TOO = {"page", "total", "date", "file", "note"}
_ENGLISH = re.compile(
    r"\b(" + "|".join(w for w in ENGLISH_WORDS if w not in _FRENCH_TOO) + r")\b", re.I
)
_ENGLISH_PAIRS = re.compile(r"\b(page \d+ of \d+|total:|date:|file not found)\b", re.I)

RULES: dict[str, re.Pattern[str]] = {
    "espace ordinaire avant « : »": re.compile(r"[ \u202f]:|(?<=[^\W\d_]):(?=\s)"),
    "espace ordinaire dans « »": re.compile(r"« |«(?=[^\u00a0])| »|(?<=[^\u00a0])»"),
    "« (s) »": re.compile(r"\(s\)|\(e\)s?\b"),
    "apostrophe droite": re.compile(r"'"),
    "date ISO dans le texte": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "point décimal": re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])"),
}


def scan(text: str, where: str) -> list[str]:
    """Every typography fault of ``text`` (plain text), as « where | rule | context »."""
    for label in ANNEX_WORDING:
        text = text.replace(label, "")
    faults = []
    for rule, pattern in RULES.items():
        for m in pattern.finditer(text):
            context = text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ")
            faults.append(f"{where} | {rule} | …{context}…")
    for m in [*_ENGLISH.finditer(text), *_ENGLISH_PAIRS.finditer(text)]:
        context = text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ")
        faults.append(f"{where} | mot anglais « {m.group(0)} » | …{context}…")
    return faults


_TAGS = re.compile(r"<style\b.*?</style>|<script\b.*?</script>|<[^>]*>", re.S | re.I)


def html_text(page: str) -> str:
    """The text a reader sees in an HTML page (tags, styles and scripts removed)."""
    return html.unescape(_TAGS.sub("\n", page))


def plain(text: str) -> str:
    """A document's text without its typography (non-breaking spaces, typographic
    apostrophe), to check its wording against the canevas and the annexes."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


def unquoted(text: str) -> str:
    """``text`` with what it quotes left out (« » kept): a quote shows a path, a name, a
    value or a form to type as it is, not Classeur's French."""
    return re.sub(r"«\u00a0[^«»]*\u00a0»", "«\u00a0…\u00a0»", text)


SPACE_RULES = ("espace ordinaire avant « : »", "espace ordinaire dans « »")
_CUT = re.compile(r"^[ \t]*[:»;!?].*|.*«[ \t]*$", re.M)


def pdf_faults(text: str, where: str) -> list[str]:
    """A PDF's faults. fpdf2 breaks its lines without cutting at a non-breaking space,
    then writes that space as an ordinary one (PDF viewers ignore U+00A0 when they
    justify), so pdftotext reads « Titre : » either way: in a PDF, what the non-breaking
    space guarantees is checked instead (no line begins with « : » or « » », none ends
    with « « »); the spaces themselves are checked in the .docx of the same document
    (test_documents: the PDF and the .docx carry the same text)."""
    faults = [f for f in scan(text, where) if f.split(" | ")[1] not in SPACE_RULES]
    return faults + [
        f"{where} | ligne coupée avant « : » ou dans « » | {m.group(0)}"
        for m in _CUT.finditer(text)
    ]


FORMULA_WORDS = re.compile(r'"((?:[^"]|"")*)"')


def workbook_cells(path: Path) -> list[tuple[str, str]]:
    """(where, text) of every cell a person reads: text as written, and the words of a
    formula (its strings: « ="Préparé le "&… »)."""
    found = []
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue  # Classeur's own bookkeeping (Paramètres), read by no one
        for row in ws.iter_rows():
            for c in row:
                if not isinstance(c.value, str):
                    continue
                where = f"{path.name} {ws.title}!{c.coordinate}"
                if c.value.startswith("="):
                    words = [w.replace('""', '"') for w in FORMULA_WORDS.findall(c.value)]
                    found += [(where, w) for w in words]
                else:
                    found.append((where, c.value))
        for dv in ws.data_validations.dataValidation:
            # what Excel shows on a cell with a list, a date or a time to type; the form to
            # type is quoted in « » and shown as Excel reads it, as in the command's messages
            texts = (dv.promptTitle, dv.prompt, dv.errorTitle, dv.error)
            where = f"{path.name} {ws.title}!{dv.sqref} (liste)"
            found += [(where, unquoted(t)) for t in texts if t]
    return found
