"""What to share (pure): which sheets a document needs, the document's text as blocks,
the email's subject, recipients and file names.

The adapter (``export``) reads the sheets' displayed text and writes the files; this
module decides what goes in them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from classeur.domain import cellvalues, links
from classeur.domain.model import Classeur
from classeur.errors import ClasseurError
from classeur.layout import excel_addin, outputs, structure
from classeur.text import french, templates
from classeur.text.documents import model as designed


@dataclass
class Block:
    """Consecutive non-empty rows of a sheet (a table, a section)."""

    rows: list[list[str]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Section:
    """One sheet of the document: its title, subtitle and blocks."""

    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    """A document to share: what the recipient reads, in the Word file and the email."""

    kind: str  # layout.DOC_*
    label: str  # « Rencontre 2 », « Bilan »…
    classeur_title: str
    annee: str
    sections: list[Section] = field(default_factory=list)

    def map_text(self, f: Callable[[str], str]) -> Document:
        """A copy with every text passed through ``f`` (used to pseudonymise)."""
        return Document(
            self.kind,
            f(self.label),
            f(self.classeur_title),
            f(self.annee),
            [
                Section(
                    f(s.title),
                    f(s.subtitle),
                    [Block([[f(c) for c in r] for r in b.rows]) for b in s.blocks],
                )
                for s in self.sections
            ],
        )


def sheets_for(c: Classeur, kind: str, numero: int | None, sheetnames: list[str]) -> list[str]:
    """The sheets a recipient of document ``kind`` needs (only those)."""
    if kind in outputs.MEETING_DOCUMENTS:
        if numero is None:
            raise ClasseurError(
                "Indiquez le numéro de la rencontre à exporter.",
                hint="Ajoutez p. ex. « -r 2 ».",
            )
        name = structure.meeting_sheet(numero)
        if c.meeting(numero) is None or name not in sheetnames:
            raise ClasseurError(
                f"La rencontre {numero} n'existe pas dans ce classeur.",
                sheet=structure.SHEET_RENCONTRES,
                hint="Numéros existants : "
                + ", ".join(str(m.numero) for m in sorted(c.meetings, key=lambda m: m.numero))
                + ".",
            )
        return [name]
    single = {
        outputs.DOC_BILAN: structure.SHEET_BILAN,
        outputs.DOC_PLAN: structure.SHEET_PLAN,
        outputs.DOC_FICHE: structure.SHEET_FICHE,
        outputs.DOC_GRILLE: structure.SHEET_GRILLE,
    }
    if kind in single:
        name = single[kind]
        if name not in sheetnames:
            raise ClasseurError(
                f"La feuille « {name} » n'existe pas encore dans ce classeur.",
                hint=_HOW_TO_MAKE.get(kind, "Créez-la d'abord."),
            )
        return [name]
    if kind == outputs.DOC_CLASSEUR:
        private = {structure.SHEET_PARAMETRES, structure.SHEET_JOURNAL}
        # A sheet xlwings reads as settings or code never leaves with an export.
        return [
            s
            for s in sheetnames
            if s not in private and not s.casefold().endswith(excel_addin.XLWINGS_SHEET_SUFFIXES)
        ]
    raise ClasseurError(
        f"Document inconnu : « {kind} ».",
        hint="Choisissez parmi : " + ", ".join(outputs.DOCUMENTS) + ".",
    )


_HOW_TO_MAKE = {
    outputs.DOC_BILAN: "Produisez-la d'abord avec « classeur bilan ».",
    outputs.DOC_PLAN: "Produisez-la d'abord avec « classeur plan ».",
    outputs.DOC_FICHE: "Produisez-la d'abord avec « classeur fiche ».",
}


def document_label(c: Classeur, kind: str, numero: int | None) -> str:
    if kind in outputs.MEETING_DOCUMENTS and numero is not None:
        m = c.meeting(numero)
        when = f" du {french.date_longue(m.date)}" if m is not None and m.date else ""
        return f"{outputs.DOCUMENT_LABELS[kind]} {numero}{when}"
    return outputs.DOCUMENT_LABELS[kind]


def section_from_rows(rows: list[list[str]]) -> Section:
    """A sheet's displayed text -> title (row 1), subtitle (row 2), blocks (the rest).

    Rows are split into blocks at empty rows; trailing empty cells are dropped.
    """
    trimmed = [_trim(r) for r in rows]
    title = trimmed[0][0] if trimmed and trimmed[0] else ""
    subtitle = trimmed[1][0] if len(trimmed) > 1 and trimmed[1] else ""
    blocks: list[Block] = []
    current = Block()
    for row in trimmed[2:]:
        if not row:
            if current.rows:
                blocks.append(current)
                current = Block()
            continue
        current.rows.append(row)
    if current.rows:
        blocks.append(current)
    return Section(title, subtitle, blocks)


def _trim(row: list[str]) -> list[str]:
    # links.keep: a link a teacher made stays one (the Word document makes it clickable)
    cells = [links.keep(c, c.strip()) if isinstance(c, str) else "" for c in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def make_document(
    c: Classeur, kind: str, numero: int | None, sheets: dict[str, list[list[str]]]
) -> Document:
    """The document from the displayed text of its sheets (in order)."""
    return Document(
        kind,
        document_label(c, kind, numero),
        c.settings.titre,
        c.settings.annee_scolaire,
        [section_from_rows(rows) for rows in sheets.values()],
    )


def from_designed(doc: designed.Document, kind: str, label: str, annee: str) -> Document:
    """The shared document of a designed one: its label and title for the e-mail and the
    journal, and its text as sections of rows (a teacher's Word template and the generic
    e-mail read them): a section per heading, a row per paragraph, item or table row."""
    sections = [Section(doc.title, " / ".join(doc.subtitle))]
    rows: list[list[str]] = []

    def close() -> None:
        if rows:
            sections[-1].blocks.append(Block(list(rows)))
            rows.clear()

    for b in doc.blocks:
        if isinstance(b, designed.Heading) and b.level == 1:
            close()
            sections.append(Section(b.text))
        elif isinstance(b, designed.Table):
            close()
            cells = [[_shared_cell(c) for c in r] for r in b.rows]
            sections[-1].blocks.append(Block([list(b.header), *cells]))
        elif isinstance(b, designed.Checklist):
            rows += [[f"{designed.CHECKED if on else designed.UNCHECKED} {t}"] for on, t in b.items]
        elif isinstance(b, designed.Bullets):
            rows += [[t] for t in b.items]
        else:
            rows.append([b.text])
    close()
    return Document(kind, label, doc.team, annee, sections)


def _shared_cell(cell: designed.CellText) -> str:
    """A designed table's cell as a shared row's text: a cell that is one link stays a
    :class:`~classeur.domain.links.Link` (a teacher's Word template shows it as one)."""
    spans = designed.spans_of(cell)
    if len(spans) == 1 and spans[0].link:
        return links.Link(spans[0].text, spans[0].link)
    return designed.text_of(cell)


def designed_of(doc: Document) -> designed.Document:
    """A designed document of sheets' text (the whole classeur, which has no document
    of its own): each sheet a heading, each block a table (its first row as header),
    columns as wide as their longest text; in Québec typography, as every document."""
    widest = max((b.width for s in doc.sections for b in s.blocks), default=0)
    out = designed.Document(
        doc.label,
        doc.classeur_title,
        (doc.classeur_title,),
        doc.label,
        landscape=widest > 6,
    )
    for s in doc.sections:
        out.add(designed.Heading(s.title or "—"))
        if s.subtitle:
            out.add(designed.para(s.subtitle, note=True))
        for b in s.blocks:
            width = b.width
            rows = [tuple(r + [""] * (width - len(r))) for r in b.rows]
            weights = tuple(
                float(min(40, max(4, *(len(r[j]) for r in rows)))) for j in range(width)
            )
            out.add(designed.Table(rows[0], tuple(rows[1:]), weights))
    return out.map_text(french.typography)


def recipients(c: Classeur, override: str | None = None) -> list[str]:
    """The members' emails (or the ones given), checked, without duplicates."""
    given: list[tuple[str, int | None]]  # (address, its row in Équipe)
    if override:
        given = [(a.strip(" ,;"), None) for a in re.split(r"[;\s]+|,(?=[^,]*@)", override)]
    else:
        given = [
            (m.courriel.strip(), c.row_of(structure.EQUIPE.name, i))
            for i, m in enumerate(c.members)
        ]
    out: list[str] = []
    for address, row in given:
        if not address:
            continue
        # The one check of an address (the same as `verifier`'s), naming the row.
        invalid = cellvalues.email_invalid(address)
        if invalid is not None:
            raise ClasseurError(
                invalid.message + (" (option --a)" if override else ""),
                sheet=None if override else structure.SHEET_EQUIPE,
                row=row,
                column=None if override else structure.EQUIPE.column("courriel").header,
                hint=invalid.hint,
            )
        if address.casefold() not in {a.casefold() for a in out}:
            out.append(address)
    return out


def subject(doc: Document) -> str:
    """The email's subject, exactly as the recipient reads it: one line (a title typed
    with a line break, Alt+Entrée in Excel, must neither break the header nor add one),
    in Québec typography."""
    title = templates.header_safe(doc.classeur_title)
    line = templates.header_safe(doc.label) + (f" – {title}" if title else "")
    return french.typography(line)


def file_stem(classeur_stem: str, kind: str, numero: int | None, pseudonymise: bool) -> str:
    """« reseau-demo-R2 », « reseau-demo-bilan-pseudonymise »… (ASCII, no spaces)."""
    tag = outputs.DOCUMENT_FILE_TAGS.get(kind, kind)
    if kind in outputs.MEETING_DOCUMENTS and numero:
        meeting = structure.meeting_sheet(numero)
        tag = meeting if kind == outputs.DOC_RENCONTRE else f"{meeting}-{tag}"
    stem = f"{_ascii(classeur_stem)}-{tag}"
    return f"{stem}-{outputs.PSEUDO_FILE_TAG}" if pseudonymise else stem


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "classeur"


def meeting_body(c: Classeur, kind: str, numero: int, today: dt.date) -> str:
    """Which document of a rencontre the email carries: the one asked for, else the
    ordre du jour before the rencontre and the compte rendu after it."""
    if kind != outputs.DOC_RENCONTRE:
        return kind
    m = c.meeting(numero)
    if m is not None and m.date is not None and m.date < today:
        return outputs.DOC_CR
    return outputs.DOC_ODJ


def email_context(doc: Document, attachments: list[str]) -> dict[str, object]:
    return {"doc": doc, "pieces_jointes": attachments}


def pseudonym_note(key_name: str) -> str:
    return (
        "Noms des élèves remplacés par des codes; la clé reste dans "
        f"« {key_name} » (ne l'envoyez pas)."
    )


def new_key_warning(key: str, earlier: int) -> str:
    """Said when a new pseudonym key was just created for a classeur whose journal shows
    pseudonymised exports: their codes do not match the new ones."""
    sent = "un envoi" if earlier == 1 else f"{earlier} envois"
    return (
        f"Attention : une nouvelle clé de codes d'élèves vient d'être créée (« {key} »), "
        f"alors que le journal des envois montre {sent} avec codes. Les codes de ce nouvel "
        "envoi ne correspondent pas à ceux des envois précédents. Si vous avez l'ancienne "
        "clé (autre ordinateur, sauvegarde, ancien dossier du classeur), mettez-la à la place "
        "de la nouvelle, puis exportez de nouveau."
    )


# The ribbon's Exporter asks the sharing question in a box with Oui, Non and Annuler.
ASKED_BUTTONS = (
    "\n\nOui : remplacer les noms des élèves par des codes (la clé reste à côté du classeur)."
    "\nNon : garder les vrais noms."
    "\nAnnuler : ne rien exporter."
)
NOT_EXPORTED = (
    "Exportation annulée : aucun fichier n'a été écrit. Pour envoyer les élèves sous des "
    "codes, cliquez sur « Exporter avec codes élèves »."
)


def asked_in_excel(question: str) -> str:
    """The sharing question as the ribbon's box asks it: its buttons said, not the
    command's option."""
    from classeur.domain import sharing

    return question.replace(sharing.OPTION, "") + ASKED_BUTTONS


def share_question(
    c: Classeur, kind: str, to: str | None, formats: list[str], pseudonymise: bool | None
) -> str | None:
    """What to ask before exporting: students named in clear before people of other
    schools (domain.sharing); None when there is nothing to ask."""
    from classeur.domain import sharing

    shared_with = recipients(c, to) if "eml" in formats else []
    return sharing.question(c, kind, shared_with, sharing.pseudonymise(kind, pseudonymise))
