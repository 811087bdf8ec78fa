"""Export adapter: PDF, Word, macro-free .xlsx and .eml drafts of a classeur's documents,
optionally pseudonymised, and the journal entry of every export.

What goes in a document is decided by the core (``partage``, ``pseudo``, ``journal``);
this module reads the classeur, writes the files and checks them before they leave:

- every file is written in a temporary folder, checked, then moved into place (never a
  half-written export);
- a pseudonymised export is scanned (every part of every zip, the whole email decoded,
  the PDF's text) for every student name; one found cancels the export;
- the .xlsx keeps only the sheets the recipient needs: no hidden sheet, no comment, no
  author metadata, no macro; formulas that refer to removed sheets become their values.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import mimetypes
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.packaging.core import DocumentProperties
from openpyxl.packaging.custom import CustomPropertyList
from openpyxl.worksheet.worksheet import Worksheet

from classeur.domain import journal
from classeur.domain.model import Classeur
from classeur.domain.pseudo import Pseudonymizer
from classeur.errors import ClasseurError
from classeur.files import filecheck, office, workbook, xlsxparts
from classeur.files.safewrite import write_atomic
from classeur.files.xlsxio import put, save_atomic
from classeur.layout import outputs, structure, styling
from classeur.text import french, partage, templates

MAX_ROWS = 5000  # bounds on what is read from one sheet (hostile <dimension> values)
MAX_COLS = 200


# ======================================================================================
# Pseudonym key: ONLY in a file beside the classeur
# ======================================================================================
def key_path(classeur: str | os.PathLike[str]) -> Path:
    p = Path(classeur)
    return p.with_name(p.stem + outputs.PSEUDO_KEY_SUFFIX)


_KEY_HEADER = (
    "# Clé des codes d'élèves de Classeur. Gardez ce fichier sur votre ordinateur : sans lui,\n"
    "# personne ne peut retrouver qui se cache derrière un code. Ne l'envoyez jamais.\n"
)


def load_or_create_key(classeur: str | os.PathLike[str]) -> bytes:
    """The classeur's secret key; created (readable by its owner only) on first use."""
    path = key_path(classeur)
    if path.exists():
        lines = [
            ln.strip()
            for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")
        ]
        try:
            key = bytes.fromhex(lines[0]) if lines else b""
        except ValueError:
            key = b""
        if len(key) < 16:
            raise ClasseurError(
                f"Le fichier de clé « {path.name} » est illisible.",
                hint="Restaurez-le depuis une copie; sinon supprimez-le (les codes "
                "des élèves changeront).",
            )
        return key
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(_KEY_HEADER + key.hex() + "\n")
    return key


def student_names(c: Classeur) -> list[str]:
    return sorted({e.eleve for e in c.grid if e.eleve.strip()})


def pseudonymizer(path: str | os.PathLike[str], c: Classeur) -> Pseudonymizer:
    """The classeur's pseudonymizer: the Grille's students, the Équipe's members in clear."""
    members = [m.full_name for m in c.members]
    return Pseudonymizer(student_names(c), load_or_create_key(path), members)


# ======================================================================================
# Reading displayed text
# ======================================================================================
def _display(value: Any, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return french.date_longue(value.date())
        if value.date() == dt.date(1899, 12, 30):
            return french.heure(value.time())
        return f"{french.date_longue(value.date())}, {french.heure(value.time())}"
    if isinstance(value, dt.date):
        return french.date_longue(value)
    if isinstance(value, dt.time):
        return french.heure(value)
    if isinstance(value, int | float):
        if "%" in (number_format or ""):
            return french.pourcentage(float(value))
        if isinstance(value, float) and not value.is_integer():
            from babel.numbers import format_decimal

            return format_decimal(round(value, 2), locale=french.LOCALE)
        return str(int(value))
    return str(value)


def sheet_text(ws: Worksheet, values: Worksheet) -> list[list[str]]:
    """What the sheet shows, as text: formulas by their computed value."""
    out = []
    max_row = min(ws.max_row, MAX_ROWS)
    max_col = min(ws.max_column, MAX_COLS)
    for row in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col):
        line = []
        for cell in row:
            value = cell.value
            if cell.data_type == "f":
                value = values[cell.coordinate].value
            line.append(_display(value, cell.number_format))
        out.append(line)
    return out


NO_VALUES = (
    "Attention : ce classeur n'a pas été enregistré par Excel depuis sa dernière mise à jour "
    "et LibreOffice est introuvable; les cases calculées (formules) sont vides dans les "
    "documents. Ouvrez le classeur dans Excel, enregistrez-le, puis exportez de nouveau."
)


def _values_workbook(
    path: Path, wb: Workbook, sheets: list[str], tmp: Path, messages: list[str]
) -> Workbook:
    """The classeur with formulas' values: cached ones, or recalculated by LibreOffice."""
    values = load_workbook(path, data_only=True)
    missing = any(
        cell.data_type == "f" and values[name][cell.coordinate].value is None
        for name in sheets
        for row in wb[name].iter_rows(max_row=min(wb[name].max_row, MAX_ROWS))
        for cell in row
    )
    if missing and office.soffice() is not None:
        values = load_workbook(office.convert(path, "xlsx", tmp / "recalcul"), data_only=True)
    elif missing:
        messages.append(NO_VALUES)
    return values


# ======================================================================================
# The trimmed, macro-free .xlsx
# ======================================================================================
_TABLE_REF = re.compile(r"\b([A-Za-z_][\w.]*)\[")
_SHEET_REF = re.compile(r"(?:'((?:[^']|'')+)'|([^\s'!=(),;&+\-*/<>^\"]+))!")


def _referenced(formula: str) -> tuple[set[str], set[str]]:
    tables = set(_TABLE_REF.findall(formula))
    sheets = {(q.replace("''", "'") if q else u) for q, u in _SHEET_REF.findall(formula)}
    return tables, sheets


_STRING_LITERAL = re.compile(r'("(?:[^"]|"")*")')


def _pseudonymised_formula(formula: str, pz: Pseudonymizer) -> str:
    """``formula`` with names replaced, where a sheet named after a student (``Léa!A1``)
    becomes a quoted reference to its code (``'Élève-K3QF2M'!A1``)."""

    def quoted(m: re.Match[str]) -> str:
        bare = m.group(2)
        new = pz.text(bare) if bare else bare
        return "'" + new.replace("'", "''") + "'!" if new != bare else m.group(0)

    pieces = _STRING_LITERAL.split(formula)
    for i in range(0, len(pieces), 2):  # outside the string literals
        pieces[i] = _SHEET_REF.sub(quoted, pieces[i])
    return pz.text("".join(pieces))


def write_trimmed(
    wb: Workbook,
    values: Workbook,
    keep: list[str],
    target: Path,
    pz: Pseudonymizer | None,
    title: str,
) -> Path:
    """Save a copy of ``wb`` with only the visible sheets of ``keep``, cleaned."""
    kept = [n for n in keep if n in wb.sheetnames and wb[n].sheet_state == "visible"]
    removed = [n for n in wb.sheetnames if n not in kept]
    all_tables = {t for ws in wb.worksheets for t in ws.tables}
    kept_tables = {t for n in kept for t in wb[n].tables}
    for name in removed:
        wb.remove(wb[name])
    for ws in wb.worksheets:
        vws = values[ws.title]
        for row in ws.iter_rows(max_row=min(ws.max_row, MAX_ROWS)):
            for cell in row:
                if isinstance(cell, MergedCell):
                    continue  # covered by a merge: holds nothing
                cell.comment = None
                if cell.data_type == "f" and isinstance(cell.value, str):
                    tables, sheets = _referenced(cell.value)
                    if (tables & all_tables) - kept_tables or sheets & set(removed):
                        put(cell, vws[cell.coordinate].value)
                if cell.hyperlink is not None and any(
                    r in (cell.hyperlink.location or "") for r in removed
                ):
                    cell.hyperlink = None
                if pz is not None and isinstance(cell.value, str):
                    if cell.data_type == "s":
                        put(cell, pz.text(cell.value))
                    elif cell.data_type == "f":  # names in literals, student-named sheets
                        cell.value = _pseudonymised_formula(cell.value, pz)
                if pz is not None and cell.hyperlink is not None:
                    for attr in ("location", "tooltip", "display"):
                        text = getattr(cell.hyperlink, attr, None)
                        if isinstance(text, str):
                            located = attr == "location"  # Léa!A1 -> 'Élève-…'!A1
                            new = _pseudonymised_formula(text, pz) if located else pz.text(text)
                            setattr(cell.hyperlink, attr, new)
        ws.data_validations.dataValidation = [
            dv
            for dv in ws.data_validations.dataValidation
            if not any(r in (dv.formula1 or "") for r in removed)
        ]
        # Pivot caches hold copies of their source data (other sheets, every student).
        ws._pivots = []
        if pz is not None:
            for dv in ws.data_validations.dataValidation:
                for attr in ("prompt", "promptTitle", "error", "errorTitle", "formula1"):
                    text = getattr(dv, attr, None)
                    if isinstance(text, str):
                        setattr(dv, attr, pz.text(text))
        ws.page_setup.paperSize = styling.PAPER_LETTER
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.sheet_view.tabSelected = False
        if pz is not None:
            for part in (ws.oddHeader, ws.oddFooter, ws.evenHeader, ws.evenFooter):
                for side in (part.left, part.center, part.right):
                    if side.text:
                        side.text = pz.text(side.text)
            for chart in ws._charts:
                _pseudonymise_chart(chart, pz)
    for name in list(wb.defined_names):
        if any(r in str(wb.defined_names[name].attr_text) for r in removed):
            del wb.defined_names[name]
    if pz is not None:
        for ws in wb.worksheets:
            new = pz.text(ws.title)
            if new != ws.title:
                ws.title = new[:31]
    if wb.worksheets:
        wb.active = 0
        wb.worksheets[0].sheet_view.tabSelected = True
    wb._external_links = []
    wb.properties = DocumentProperties(
        creator=None, lastModifiedBy=None, title=pz.text(title) if pz else title
    )
    wb.custom_doc_props = CustomPropertyList()
    return save_atomic(wb, target)


def _pseudonymise_chart(chart: Any, pz: Pseudonymizer) -> None:
    titles = [getattr(chart, "title", None)]
    for axis in ("x_axis", "y_axis"):
        titles.append(getattr(getattr(chart, axis, None), "title", None))
    for t in titles:
        rich = getattr(getattr(t, "tx", None), "rich", None)
        for p in getattr(rich, "p", None) or []:
            for r in p.r or []:
                r.t = pz.text(r.t)
    # Cached labels and values of the series: Excel reads them again from the cells
    # (pseudonymised above); a stale cache would keep the names.
    for series in getattr(chart, "series", None) or []:
        tx = getattr(series, "tx", None)
        if tx is not None:
            if tx.strRef is not None:
                tx.strRef.strCache = None
            if isinstance(getattr(tx, "v", None), str):
                tx.v = pz.text(tx.v)
        for data in (getattr(series, "cat", None), getattr(series, "val", None)):
            for ref_name in ("strRef", "numRef", "multiLvlStrRef"):
                ref = getattr(data, ref_name, None) if data is not None else None
                for cache in ("strCache", "numCache", "multiLvlStrCache"):
                    if ref is not None and getattr(ref, cache, None) is not None:
                        setattr(ref, cache, None)


# ======================================================================================
# Word
# ======================================================================================
def docx_context(doc: partage.Document) -> dict[str, Any]:
    """Variables of the Word templates: ``doc`` (label, classeur_title, annee, sections
    with title, subtitle and blocks of rows of text), ``aujourdhui``."""
    padded = replace(
        doc,
        sections=[
            replace(
                s,
                blocks=[
                    partage.Block([r + [""] * (b.width - len(r)) for r in b.rows]) for b in s.blocks
                ],
            )
            for s in doc.sections
        ],
    )
    return {"doc": padded, "aujourdhui": french.date_longue(dt.date.today())}


def write_docx(doc: partage.Document, target: Path, template: Path | None = None) -> Path:
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    source = (
        template
        or Path(__file__).resolve().parents[1] / "text" / "templates" / outputs.DOCX_TEMPLATE
    )
    try:
        tpl = DocxTemplate(str(source))
        tpl.render(docx_context(doc), jinja_env=templates.sandboxed(), autoescape=True)
    except TemplateError as exc:
        raise ClasseurError(
            f"Le modèle Word « {source.name} » contient une erreur : {exc}.",
            hint="Vérifiez les balises {{ … }} et {% … %} du modèle "
            "(variables permises : doc.label, doc.classeur_title, doc.annee, doc.sections).",
        ) from exc
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ClasseurError(
            f"Le modèle Word « {source.name} » n'est pas un document Word (.docx) valide.",
            hint="Enregistrez-le dans Word au format .docx.",
        ) from exc
    props = tpl.docx.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""
    props.title = doc.label
    tpl.save(str(target))
    return target


# ======================================================================================
# Email draft
# ======================================================================================
def write_eml(
    doc: partage.Document,
    to: list[str],
    attachments: list[Path],
    target: Path,
    body: tuple[str, str] | None = None,
) -> Path:
    """An email draft; ``body`` is (HTML, text) when the document has its own rendering
    (the rencontres' ordre du jour and compte rendu), else the generic one is used."""
    if body is None:
        env = templates.environment()
        context = partage.email_context(doc, [a.name for a in attachments])
        body = (
            env.get_template(outputs.EMAIL_HTML_TEMPLATE).render(**context),
            env.get_template(outputs.EMAIL_TEXT_TEMPLATE).render(**context),
        )
    html_body, text_body = body
    msg = EmailMessage()
    msg["Subject"] = partage.subject(doc)
    if to:
        msg["To"] = ", ".join(to)
    msg["X-Unsent"] = "1"  # Outlook opens it as a new message, ready to send
    msg.set_content(text_body)
    msg.add_alternative(html_body, subtype="html")
    for path in attachments:
        ctype, _ = mimetypes.guess_type(path.name)
        maintype, subtype = (ctype or "application/octet-stream").split("/", 1)
        msg.add_attachment(
            path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name
        )
    target.write_bytes(msg.as_bytes(policy=policy.SMTP))
    return target


# ======================================================================================
# The final check of a pseudonymised export
# ======================================================================================
_TAG = re.compile(r"<[^>]+>")
# Font and language names in XML (a theme lists « Shruti », « Latha »…; « fr-CA »): not
# text anyone typed, and not scanned for parts of names (full names are).
_FONT_OR_LANGUAGE = re.compile(
    r"<(?:\w+:)?(?:latin|ea|cs|sym|font|rFonts|rFont|name|altName|lang|themeFontLang)\b[^>]*>"
    r"|\b(?:\w+:)?(?:typeface|lang|altLang)=\"[^\"]*\""
)

# A text to scan, and whether parts of names (a first name alone) count in it.
Scanned = tuple[str, bool]


def _texts_of_bytes(name: str, data: bytes) -> list[Scanned]:
    """Every readable text in a file (zip parts, email parts, PDF text). Parts of names
    are looked for in text, not in binary data (where « Li » or « Emma » may be noise)."""
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                out = []
                for info in z.infolist():
                    out += _texts_of_bytes(info.filename, z.read(info))
                    out.append((info.filename, True))
                return out
        except zipfile.BadZipFile:
            pass
    if data[:5] == b"%PDF-":
        return [(_pdf_text(data), True)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [(data.decode("utf-8", errors="ignore"), False)]
    return [
        (text, False),
        (_FONT_OR_LANGUAGE.sub(" ", text), True),
        (html.unescape(_TAG.sub("", text)), True),
        (html.unescape(_TAG.sub(" ", text)), True),
    ]


def _pdf_text(data: bytes) -> str:
    """The text of a PDF, read by pypdf and, where it is installed, by pdftotext too
    (two readers: what one misses, the other may find). Empty is never assumed: a PDF
    that pypdf cannot read is refused by the check."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        texts = [page.extract_text() or "" for page in reader.pages]
        texts += [str(v) for v in (reader.metadata or {}).values()]
    except (PyPdfError, ValueError, KeyError) as exc:
        raise ClasseurError(
            "L'exportation a été annulée : le PDF produit n'a pas pu être relu pour "
            "vérifier qu'il ne contient aucun nom d'élève.",
            hint="Réessayez; si le problème persiste, exportez sans le format pdf.",
        ) from exc
    exe = shutil.which("pdftotext")
    if exe is not None:
        out = subprocess.run([exe, "-", "-"], input=data, capture_output=True, check=False)
        texts.append(out.stdout.decode("utf-8", errors="ignore"))
    return "\n".join(texts)


_ADDRESS_HEADERS = {"to", "cc", "bcc", "from", "reply-to"}


def texts_of(path: Path) -> list[Scanned]:
    data = path.read_bytes()
    if path.suffix.lower() == ".eml":
        msg = BytesParser(policy=policy.default).parsebytes(data)
        # The recipients' addresses are the adults the teacher chose (Chantal.Roy@…): a
        # student's full name is looked for there, not a part of one.
        out = [(str(v), k.lower() not in _ADDRESS_HEADERS) for k, v in msg.items()]
        for part in msg.walk():
            if part.is_multipart():
                continue
            out += [(str(v), k.lower() not in _ADDRESS_HEADERS) for k, v in part.items()]
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                out += _texts_of_bytes(part.get_filename() or "", payload)
        return out
    return _texts_of_bytes(path.name, data)


def check_pseudonymised(path: Path, pz: Pseudonymizer) -> None:
    found = sorted({n for t, parts in texts_of(path) for n in pz.found(t, parts=parts)})
    if found:
        raise ClasseurError(
            f"L'exportation a été annulée : « {path.name} » contenait encore "
            f"{len(found)} nom(s) ou prénom(s) d'élève.",
            hint="Signalez ce problème; aucun fichier n'a été écrit.",
        )


# ======================================================================================
# The command
# ======================================================================================
# Renders the PDF of the .xlsx copy to send: (copy, folder) -> the PDF written in folder.
PdfMaker = Callable[[Path, Path], Path]


def libreoffice_pdf(xlsx: Path, folder: Path) -> Path:
    """The command line's renderer: LibreOffice headless (the ribbon uses Excel's own)."""
    return office.convert(xlsx, "pdf", folder)


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
    c = workbook.read_classeur(src)
    wb = workbook.open_workbook(src, data_only=False)
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
        values = _values_workbook(src, wb, sheets, tmp, result.messages)
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
        if filecheck.lossy_parts(src):
            # openpyxl would drop the teacher's images or shapes: only the journal's two
            # parts are edited, the rest of the file is kept byte for byte.
            xlsxparts.append_table_row(src, structure.JOURNAL.name, entry.row())
        else:
            workbook.update_classeur(src, lambda edit: journal.log(edit.sheet_values, entry))
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
