"""Exporting a document: every file written in a temporary folder, checked, then moved
into place (never a half-written export), and the export logged in the classeur's
journal des envois."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from classeur.domain import journal
from classeur.domain.model import Classeur
from classeur.errors import ClasseurError
from classeur.files import filebook, libreoffice, lossy, xlsx_parts, xlsx_read
from classeur.files.export.displayed import sheet_text, values_workbook
from classeur.files.export.mail import write_eml
from classeur.files.export.pseudonyms import pseudonymizer
from classeur.files.export.scan import check_pseudonymised
from classeur.files.export.word import write_docx
from classeur.files.export.xlsx_copy import write_trimmed
from classeur.files.safewrite import write_atomic
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


def meeting_email_body(
    c: Classeur, wb: Workbook, kind: str, numero: int, today: dt.date
) -> tuple[str, str]:
    """(HTML, text) of the rencontre's ordre du jour or compte rendu, as the rencontres
    feature renders them (the same documents as `classeur ordre-du-jour/compte-rendu`)."""
    from classeur.domain import grille, rencontres

    def sheet_values(name: str) -> list[list[Any]] | None:
        if name not in wb.sheetnames:
            return None
        return [list(r) for r in wb[name].iter_rows(values_only=True)]

    which = partage.meeting_body(c, kind, numero, today)
    feature = rencontres.ordre_du_jour if which == outputs.DOC_ODJ else rencontres.compte_rendu
    files = feature(c, sheet_values, numero, today, results=grille.phrases_pour_rencontre).files
    html_body = next(v for k, v in files.items() if k.endswith(".html"))
    text_body = next(v for k, v in files.items() if k.endswith(".txt"))
    return html_body, text_body


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
    now: dt.datetime | None = None,
    today: dt.date | None = None,
    pdf_maker: PdfMaker = libreoffice_pdf,
) -> Result:
    """Export document ``kind`` of the classeur at ``path``; log it in the classeur.

    The PDF is rendered by ``pdf_maker`` from the .xlsx copy to send (pseudonymised when
    asked), so the PDF shows exactly what that copy holds.
    """
    src = Path(path)
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
    c = xlsx_read.read_classeur(src)
    wb = xlsx_read.open_workbook(src, data_only=False)
    sheets = partage.sheets_for(c, kind, numero, wb.sheetnames)
    pz = pseudonymizer(src, c) if pseudonymise else None
    body: tuple[str, str] | None = None
    if "eml" in formats and kind in outputs.MEETING_DOCUMENTS and numero is not None:
        html_body, text_body = meeting_email_body(
            c, wb, kind, numero, today or (now or dt.datetime.now()).date()
        )
        body = (pz.markup(html_body), pz.text(text_body)) if pz else (html_body, text_body)
    recipients = partage.recipients(c, to) if ("eml" in formats or to) else []
    stem = partage.file_stem(src.stem, kind, numero, pseudonymise)
    targets = {f: out / f"{stem}.{f}" for f in formats}
    existing = [t for t in targets.values() if t.exists()]
    if existing and not replace_existing:
        raise ClasseurError(
            f"Le fichier « {existing[0]} » existe déjà; rien n'a été exporté.",
            hint="Ajoutez --remplacer pour le remplacer, ou choisissez un autre dossier (-o).",
        )
    result = Result(recipients=recipients)
    with tempfile.TemporaryDirectory(prefix="classeur-export-") as tmp_name:
        tmp = Path(tmp_name)
        values = values_workbook(src, wb, sheets, tmp, result.messages)
        texts = {name: sheet_text(wb[name], values[name]) for name in sheets}
        doc = partage.make_document(c, kind, numero, texts)
        if pz is not None:
            doc = doc.map_text(pz.text)
        result.document = doc
        made: dict[str, Path] = {}
        if "xlsx" in formats or "pdf" in formats:
            made["xlsx"] = write_trimmed(wb, values, sheets, tmp / f"{stem}.xlsx", pz, doc.label)
        if "pdf" in formats:
            made["pdf"] = pdf_maker(made["xlsx"], tmp / "pdf")
            if not made["pdf"].is_file() or made["pdf"].read_bytes()[:5] != b"%PDF-":
                raise ClasseurError(
                    "Le PDF n'a pas été produit; rien n'a été exporté.",
                    hint="Réessayez; si le problème persiste, exportez sans le format pdf.",
                )
        if "docx" in formats:
            made["docx"] = write_docx(doc, tmp / f"{stem}.docx", template)
        attachments = [made[f] for f in ("pdf", "docx", "xlsx") if f in formats]
        if "eml" in formats:
            made["eml"] = write_eml(doc, recipients, attachments, tmp / f"{stem}.eml", body)
            if not recipients:
                result.messages.append(
                    "Aucune adresse courriel dans la feuille "
                    f"« {structure.SHEET_EQUIPE} » : ajoutez les destinataires dans le brouillon."
                )
        if pz is not None:
            for f in formats:
                check_pseudonymised(made[f], pz)
        for f in formats:
            result.files.append(_move_into(made[f], targets[f]))
    entry = journal.Entry(
        quand=now or dt.datetime.now(),
        document=doc.label,
        formats=formats,
        destinataires=recipients,
        pseudonymise=pseudonymise,
        fichiers=[p.name for p in result.files],
    )
    try:
        if lossy.lossy_parts(src):
            # openpyxl would drop the teacher's images or shapes: only the journal's two
            # parts are edited, the rest of the file is kept byte for byte.
            xlsx_parts.append_table_row(src, structure.JOURNAL.name, entry.row())
        else:
            filebook.update_classeur(src, lambda edit: journal.log(edit.sheet_values, entry))
    except ClasseurError as exc:
        written = ", ".join(p.name for p in result.files)
        raise ClasseurError(
            f"Les fichiers ont été écrits ({written}), mais l'envoi n'a pas pu être inscrit "
            f"dans le journal du classeur : {exc.problem.message}",
            sheet=structure.SHEET_JOURNAL,
            hint=(exc.problem.hint or "")
            + " Inscrivez sinon cet envoi à la main dans la feuille "
            + f"« {structure.SHEET_JOURNAL} ».",
        ) from exc
    return result


def _move_into(made: Path, target: Path) -> Path:
    """Copy the checked file ``made`` to ``target`` atomically (no backup: an export)."""

    def write(tmp: Path) -> None:
        shutil.copyfile(made, tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # an ordinary file, like any other document

    return write_atomic(target, write, backup=False)
