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

from classeur.domain.model import Classeur
from classeur.errors import ClasseurError
from classeur.files import libreoffice, scratch, xlsx_read
from classeur.files.export.displayed import (
    MAX_COLS,
    MAX_ROWS,
    beyond,
    sheet_text,
    values_workbook,
)
from classeur.files.export.mail import write_eml
from classeur.files.export.pseudonyms import pseudonymizer
from classeur.files.export.scan import check_pseudonymised
from classeur.files.export.word import write_docx
from classeur.files.export.xlsx_copy import write_trimmed
from classeur.files.safewrite import copy_atomic
from classeur.layout import outputs, structure
from classeur.text import partage

# ======================================================================================
# The command
# ======================================================================================
# Renders the PDF of the .xlsx copy to send: (copy, folder) -> the PDF written in folder.
PdfMaker = Callable[[Path, Path], Path]


def libreoffice_pdf(xlsx: Path, folder: Path) -> Path:
    """The command line's renderer: LibreOffice headless (the ribbon uses Excel's own)."""
    return libreoffice.convert(xlsx, "pdf", folder)


@dataclass
class Result:
    files: list[Path] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    document: partage.Document | None = None
    messages: list[str] = field(default_factory=list)


# The e-mail body of a rencontre: (model, sheet_values, kind, numero, today) -> (HTML, text).
MeetingBody = Callable[[Classeur, Callable[[str], Any], str, int, dt.date], tuple[str, str]]


def _sheet_values(wb: Workbook) -> Callable[[str], list[list[Any]] | None]:
    def sheet_values(name: str) -> list[list[Any]] | None:
        if name not in wb.sheetnames:
            return None
        return [list(r) for r in wb[name].iter_rows(values_only=True)]

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
    pdf_maker: PdfMaker = libreoffice_pdf,
    key: Path | None = None,
    body: MeetingBody | None = None,
) -> Result:
    """Write document ``kind`` of the classeur at ``path`` in every format asked.

    The PDF is rendered by ``pdf_maker`` from the .xlsx copy to send (pseudonymised when
    asked), so the PDF shows exactly what that copy holds. ``key``: the pseudonym key's
    file (beside the classeur by default). ``body``: the e-mail's body of a rencontre (its
    ordre du jour or compte rendu). Logging the export is the caller's next step.
    """
    src = Path(path)
    out, template = _where(src, outdir, word_template)
    # One parse with formulas (the copy to send is made from it); the values Excel
    # computed are read once more, below (a second view of the file, not a re-read).
    wb = xlsx_read.open_workbook(src, data_only=False)
    c = xlsx_read.read_classeur_from(wb, src)
    sheets = partage.sheets_for(c, kind, numero, wb.sheetnames)
    pz = pseudonymizer(src, c, key) if pseudonymise else None
    bodies: tuple[str, str] | None = None
    if body and "eml" in formats and kind in outputs.MEETING_DOCUMENTS and numero is not None:
        html_body, text_body = body(c, _sheet_values(wb), kind, numero, today or dt.date.today())
        bodies = (pz.markup(html_body), pz.text(text_body)) if pz else (html_body, text_body)
    recipients = partage.recipients(c, to) if ("eml" in formats or to) else []
    # The classeur's own name may hold a student's (« Plan Léa Diallo.xlsx »).
    stem = partage.file_stem(pz.text(src.stem) if pz else src.stem, kind, numero, pseudonymise)
    targets = _targets(out, stem, formats, replace_existing)
    result = Result(recipients=recipients)
    # Every copy of the classeur made while exporting stays in the run's private folder.
    with scratch.in_private_folder("export-") as tmp_name:
        tmp = Path(tmp_name)
        values = values_workbook(src, wb, sheets, tmp, result.messages)
        texts = {name: sheet_text(wb[name], values[name]) for name in sheets}
        result.messages += _outside_the_document(wb, sheets)
        doc = partage.make_document(c, kind, numero, texts)
        if pz is not None:
            doc = doc.map_text(pz.text)
        result.document = doc
        made = _write_files(wb, values, sheets, doc, tmp / stem, formats, pz, pdf_maker, template)
        if "eml" in formats:
            made["eml"] = write_eml(
                doc, recipients, list(made.values()), tmp / f"{stem}.eml", bodies
            )
            if not recipients:
                result.messages.append(
                    "Aucune adresse courriel dans la feuille "
                    f"« {structure.SHEET_EQUIPE} » : ajoutez les destinataires dans le brouillon."
                )
        result.files = _checked_into_place(made, targets, pz)
    return result


def _checked_into_place(made: dict[str, Path], targets: dict[str, Path], pz: Any) -> list[Path]:
    """Every file made, checked for students' names when pseudonymised (all before any
    is moved: one found cancels the whole export), then moved to its target."""
    if pz is not None:
        for f in targets:
            check_pseudonymised(made[f], pz)
    return [_move_into(made[f], targets[f]) for f in targets]


def _where(
    src: Path,
    outdir: str | os.PathLike[str] | None,
    word_template: str | os.PathLike[str] | None,
) -> tuple[Path, Path | None]:
    """The folder the files go to and the Word template, both checked to exist."""
    out = Path(outdir) if outdir else (src.parent if str(src.parent) else Path("."))
    if not out.is_dir():
        raise ClasseurError(
            f"Le dossier « {out} » n'existe pas.", hint="Créez-le ou choisissez-en un autre."
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


def _write_files(
    wb: Workbook,
    values: Workbook,
    sheets: list[str],
    doc: partage.Document,
    stem: Path,
    formats: list[str],
    pz: Any,
    pdf_maker: PdfMaker,
    template: Path | None,
) -> dict[str, Path]:
    """The attachments, in a temporary folder: the PDF (rendered from the .xlsx copy to
    send, so that it shows exactly what the copy holds), the Word file, the .xlsx."""
    made: dict[str, Path] = {}
    if "xlsx" in formats or "pdf" in formats:
        made["xlsx"] = write_trimmed(
            wb, values, sheets, stem.parent / f"{stem.name}.xlsx", pz, doc.label
        )
    if "pdf" in formats:
        made["pdf"] = pdf_maker(made["xlsx"], stem.parent / "pdf")
        if not made["pdf"].is_file() or made["pdf"].read_bytes()[:5] != b"%PDF-":
            raise ClasseurError(
                "Le PDF n'a pas été produit; rien n'a été exporté.",
                hint="Réessayez; si le problème persiste, exportez sans le format pdf.",
            )
    if "docx" in formats:
        made["docx"] = write_docx(doc, stem.parent / f"{stem.name}.docx", template)
    return {f: made[f] for f in ("pdf", "docx", "xlsx") if f in formats}


def _move_into(made: Path, target: Path) -> Path:
    """Copy the checked file ``made`` to ``target`` atomically (no backup: an export); an
    ordinary file, with the permissions the user's umask gives."""
    return copy_atomic(made, target, backup=False)
