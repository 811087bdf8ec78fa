"""Exporting a document: every file written in a temporary folder, checked, then moved
into place (never a half-written export)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from classeur.domain import journal, sharing
from classeur.domain.model import Classeur
from classeur.errors import ClasseurError
from classeur.files import scratch, xlsx_read
from classeur.files.export import invitation
from classeur.files.export.displayed import (
    MAX_COLS,
    MAX_ROWS,
    beyond,
    sheet_text,
    values_workbook,
)
from classeur.files.export.mail import write_eml
from classeur.files.export.pdf import write_pdf
from classeur.files.export.pseudonyms import key_path, pseudonymizer
from classeur.files.export.scan import check_pseudonymised
from classeur.files.export.word import write_docx
from classeur.files.export.word_document import write_document
from classeur.files.export.xlsx_copy import write_trimmed
from classeur.files.safewrite import copy_atomic
from classeur.layout import outputs, structure
from classeur.text import documents, partage
from classeur.text.resultats import phrases_pour_rencontre


# ======================================================================================
# The command
# ======================================================================================
@dataclass
class Result:
    files: list[Path] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    document: partage.Document | None = None
    messages: list[str] = field(default_factory=list)
    # students named in clear before people of other schools: what to ask (domain.sharing)
    question: str | None = None


# The e-mail body of a rencontre: (model, sheet_values, kind, numero, today) -> (HTML, text).
MeetingBody = Callable[[Classeur, Callable[[str], Any], str, int, dt.date], tuple[str, str]]


def _sheet_values(wb: Workbook) -> Callable[[str], list[list[Any]] | None]:
    def sheet_values(name: str) -> list[list[Any]] | None:
        if name not in wb.sheetnames:
            return None
        return xlsx_read.sheet_rows(wb[name])

    return sheet_values


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower().lstrip(".") for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in outputs.FORMATS]
    if unknown or not formats:
        raise ClasseurError(
            f"Format inconnu : « {', '.join(unknown) or text} ».",
            hint="Formats permis : " + ", ".join(outputs.FORMATS) + " (séparés par des virgules).",
        )
    return [f for f in outputs.FORMATS if f in formats]


def export(
    path: str | os.PathLike[str],
    kind: str,
    numero: int | None,
    formats: list[str],
    *,
    pseudonymise: bool = False,
    outdir: str | os.PathLike[str] | None = None,
    to: str | None = None,
    word_template: str | os.PathLike[str] | None = None,
    replace_existing: bool = False,
    today: dt.date | None = None,
    key: Path | None = None,
    body: MeetingBody | None = None,
    now: dt.datetime | None = None,
) -> Result:
    """Write document ``kind`` of the classeur at ``path`` in every format asked.

    The PDF and the Word file render the same document, designed from the model
    (``text.documents``; the whole classeur: a document of its sheets), in pure Python:
    the same file whether the command or the ribbon asks, on any system. Only the .xlsx
    copy is made from the sheets. ``key``: the pseudonym key's file (beside the classeur
    by default). ``body``: the e-mail's body of a rencontre (its ordre du jour, with its
    invitation stamped ``now``, or compte rendu). Logging the export is the caller's
    next step."""
    src = Path(path)
    out, template = _where(src, outdir, word_template)
    # One parse with formulas (the copy to send is made from it); the values Excel
    # computed are read once more, below (a second view of the file, not a re-read).
    wb = xlsx_read.open_workbook(src, data_only=False)
    c = xlsx_read.read_classeur_from(wb, src)
    sheets = partage.sheets_for(c, kind, numero, wb.sheetnames)
    pz, key_notes = _pseudonymizer(src, c, key, wb) if pseudonymise else (None, [])
    bodies: tuple[str, str] | None = None
    if body and "eml" in formats and kind in outputs.MEETING_DOCUMENTS and numero is not None:
        html_body, text_body = body(c, _sheet_values(wb), kind, numero, today or dt.date.today())
        bodies = (pz.markup(html_body), pz.text(text_body)) if pz else (html_body, text_body)
    recipients = partage.recipients(c, to) if ("eml" in formats or to) else []
    # The classeur's own name may hold a student's (« Plan Léa Diallo.xlsx »).
    stem = partage.file_stem(pz.text(src.stem) if pz else src.stem, kind, numero, pseudonymise)
    targets = _targets(out, stem, formats, replace_existing)
    asked = sharing.question(c, kind, recipients, pseudonymise)
    result = Result(recipients=recipients, messages=key_notes, question=asked)
    # Every copy of the classeur made while exporting stays in the run's private folder.
    with scratch.in_private_folder("export-") as tmp_name:
        tmp = Path(tmp_name)
        doc, designed, values = _documents(
            src, wb, c, (kind, numero), sheets, formats, tmp, today, pz, result.messages
        )
        result.document = doc
        made = _write_files(wb, values, sheets, (doc, designed), tmp / stem, formats, pz, template)
        if "eml" in formats:
            ics = _invitation(c, kind, numero, doc, today or dt.date.today(), now)
            made["eml"] = write_eml(
                doc, recipients, [*made.values()], tmp / f"{stem}.eml", bodies, ics
            )
            if not recipients:
                result.messages.append(
                    "Aucune adresse courriel dans la feuille "
                    f"« {structure.SHEET_EQUIPE} » : ajoutez les destinataires dans le brouillon."
                )
        result.files = _checked_into_place(made, targets, pz, out)
    return result


def _documents(
    src: Path,
    wb: Workbook,
    c: Classeur,
    what: tuple[str, int | None],
    sheets: list[str],
    formats: list[str],
    tmp: Path,
    today: dt.date | None,
    pz: Any,
    messages: list[str],
) -> tuple[partage.Document, documents.Document, Workbook | None]:
    """The designed document (pseudonymised when asked), its shared form (label, title,
    sections: the e-mail and a teacher's Word template), and the formulas' values (Excel's,
    else LibreOffice's) when needed: for the .xlsx copy and the whole classeur's document
    only, since a designed document is made from the model."""
    kind, numero = what
    designed = documents.build(
        c, _sheet_values(wb), kind, numero, today or dt.date.today(), phrases_pour_rencontre
    )
    values = None
    if "xlsx" in formats or designed is None:
        values = values_workbook(src, wb, sheets, tmp, messages)
    if designed is None:  # the whole classeur: a document of its sheets
        assert values is not None
        texts = {name: sheet_text(wb[name], values[name]) for name in sheets}
        messages += _outside_the_document(wb, sheets)
        designed = partage.designed_of(partage.make_document(c, kind, numero, texts))
    label = partage.document_label(c, kind, numero)
    if pz is not None:
        designed = designed.map_text(pz.text)
        label = pz.text(label)
    return (
        partage.from_designed(designed, kind, label, c.settings.annee_scolaire),
        designed,
        values,
    )


def _invitation(
    c: Classeur,
    kind: str,
    numero: int | None,
    doc: partage.Document,
    today: dt.date,
    now: dt.datetime | None,
) -> tuple[str, bytes] | None:
    """(file name, .ics) of the rencontre when the e-mail sends its ordre du jour."""
    if numero is None or kind not in outputs.MEETING_DOCUMENTS:
        return None
    if partage.meeting_body(c, kind, numero, today) != outputs.DOC_ODJ:
        return None
    ics = invitation.invitation(c, numero, partage.subject(doc), now or dt.datetime.now())
    return (f"invitation-{structure.meeting_sheet(numero)}.ics", ics) if ics else None


def _pseudonymizer(src: Path, c: Classeur, key: Path | None, wb: Workbook) -> tuple[Any, list[str]]:
    """The classeur's pseudonymizer, and a warning when its key is made now although the
    journal des envois already shows exports with codes: those codes will not match."""
    keyfile = key or key_path(src)
    made_now = not keyfile.exists()
    pz = pseudonymizer(src, c, key)
    earlier = journal.pseudonymised_count(_sheet_values(wb)) if made_now else 0
    return pz, [partage.new_key_warning(str(keyfile), earlier)] if earlier else []


def _checked_into_place(
    made: dict[str, Path], targets: dict[str, Path], pz: Any, out: Path
) -> list[Path]:
    """Every file made, checked for students' names when pseudonymised (all before any
    is moved: one found cancels the whole export), then moved to its target in ``out``
    (created when missing, like ``pip wheel -w``: only now, when all is checked)."""
    if pz is not None:
        for f in targets:
            check_pseudonymised(made[f], pz)
    _make_folder(out)
    return [_move_into(made[f], targets[f]) for f in targets]


def _where(
    src: Path,
    outdir: str | os.PathLike[str] | None,
    word_template: str | os.PathLike[str] | None,
) -> tuple[Path, Path | None]:
    """The folder the files go to (created at the end when missing, like ``pip wheel -w``;
    a path that is a file is refused) and the Word template, checked to exist."""
    out = Path(outdir) if outdir else (src.parent if str(src.parent) else Path("."))
    if out.exists() and not out.is_dir():
        raise ClasseurError(
            f"« {out} » est un fichier, pas un dossier; rien n'a été exporté.",
            hint="Choisissez un dossier (il est créé s'il n'existe pas).",
        )
    template = Path(word_template) if word_template else None
    if template is not None and not template.is_file():
        raise ClasseurError(
            f"Le modèle Word « {template} » est introuvable.", hint="Vérifiez le chemin."
        )
    return out, template


def _targets(out: Path, stem: str, formats: list[str], replace: bool) -> dict[str, Path]:
    """Where each format goes; an existing file is replaced only when asked."""
    targets = {f: out / f"{stem}.{f}" for f in formats}
    existing = [t for t in targets.values() if t.exists()]
    if existing and not replace:
        raise ClasseurError(
            f"Le fichier « {existing[0]} » existe déjà; rien n'a été exporté.",
            hint="Ajoutez --remplacer pour le remplacer, ou choisissez un autre dossier (-o).",
        )
    return targets


def _outside_the_document(wb: Workbook, sheets: list[str]) -> list[str]:
    """What the Word, PDF and e-mail documents leave out: a value beyond their area."""
    out = []
    for name in sheets:
        far = beyond(wb[name])
        if far is not None:
            out.append(
                f"La feuille « {name} » contient une valeur en {far}, hors de la zone "
                f"exportée ({MAX_COLS} colonnes, {MAX_ROWS} lignes) : elle n'apparaît pas "
                "dans les documents Word, PDF et courriel (la copie .xlsx la garde)."
            )
    return out


def _make_folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClasseurError(
            f"Impossible de créer le dossier « {out} »; rien n'a été exporté.",
            hint="Vérifiez que vous pouvez enregistrer des fichiers à cet endroit, ou "
            "choisissez un autre dossier.",
        ) from exc


def _write_files(
    wb: Workbook,
    values: Workbook | None,
    sheets: list[str],
    docs: tuple[partage.Document, documents.Document],
    stem: Path,
    formats: list[str],
    pz: Any,
    template: Path | None,
) -> dict[str, Path]:
    """The attachments, in a temporary folder: the PDF and the Word file of the designed
    document (a teacher's Word template gets the shared document's variables), the .xlsx
    copy of the sheets."""
    doc, designed = docs
    made: dict[str, Path] = {}
    if "xlsx" in formats:
        assert values is not None  # read for the copy
        made["xlsx"] = write_trimmed(
            wb, values, sheets, stem.parent / f"{stem.name}.xlsx", pz, doc.label, doc.classeur_title
        )
    if "pdf" in formats:
        made["pdf"] = write_pdf(designed, stem.parent / f"{stem.name}.pdf")
    if "docx" in formats:
        target = stem.parent / f"{stem.name}.docx"
        if template is None:
            made["docx"] = write_document(designed, target)
        else:
            made["docx"] = write_docx(doc, target, template)
    return {f: made[f] for f in ("pdf", "docx", "xlsx") if f in formats}


def _move_into(made: Path, target: Path) -> Path:
    """Copy the checked file ``made`` to ``target`` atomically (no backup: an export); an
    ordinary file, with the permissions the user's umask gives."""
    return copy_atomic(made, target, backup=False)
