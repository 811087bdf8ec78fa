"""The final check of a pseudonymised export: every text of every file (each part of a zip,
the whole e-mail decoded, the PDF's text) scanned for a student's name; one found
cancels the export."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path

from classeur.domain.pseudo import Pseudonymizer
from classeur.errors import ClasseurError
from classeur.files.xlsx_package import sheet_parts

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


@dataclass(frozen=True)
class Scanned:
    """A text to scan; whether parts of names (a first name alone) count in it; where it
    is, said to the teacher; and, for a zip part, the part itself (to find the cell)."""

    text: str
    parts: bool
    where: str
    part: str | None = None


def _where_in_zip(name: str, sheets: dict[str, str]) -> str:
    """Where a part of an .xlsx or .docx is, in a teacher's words."""
    if name in sheets:
        return f"feuille « {sheets[name]} »"
    for prefix, what in _PARTS:
        if name.startswith(prefix) or prefix in name:
            return f"{what} (partie « {name} »)"
    return f"partie « {name} »"


_PARTS = (
    ("xl/sharedStrings", "texte des cellules"),
    ("xl/workbook.xml", "noms des feuilles ou noms définis"),
    ("xl/charts/", "graphique"),
    ("xl/drawings/", "dessin ou graphique"),
    ("xl/comments", "commentaire"),
    ("xl/tables/", "en-têtes d'un tableau"),
    ("_rels/", "lien ou cible d'un lien"),
    ("docProps/", "propriétés du document (titre, auteur)"),
    ("word/document.xml", "corps du document Word"),
    ("word/header", "en-tête du document Word"),
    ("word/footer", "pied de page du document Word"),
    ("word/", "document Word"),
)


def _texts_of_bytes(name: str, data: bytes, where: str) -> list[Scanned]:
    """Every readable text in a file (zip parts, PDF text). Parts of names are looked
    for in text, not in binary data (where « Li » or « Emma » may be noise)."""
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                sheets = sheet_parts(z)
                out = []
                for info in z.infolist():
                    inner = _where_in_zip(info.filename, sheets)
                    out += [
                        Scanned(t.text, t.parts, f"{where}, {t.where}", info.filename)
                        for t in _texts_of_bytes(info.filename, z.read(info), inner)
                    ]
                    out.append(Scanned(info.filename, True, f"{where}, nom de partie"))
                return out
        except zipfile.BadZipFile:
            pass
    if data[:5] == b"%PDF-":
        return [Scanned(text, True, f"{where}, page {i}") for i, text in _pdf_text(data)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [Scanned(data.decode("utf-8", errors="ignore"), False, where)]
    return [
        Scanned(text, False, where),
        Scanned(_FONT_OR_LANGUAGE.sub(" ", text), True, where),
        Scanned(html.unescape(_TAG.sub("", text)), True, where),
        Scanned(html.unescape(_TAG.sub(" ", text)), True, where),
    ]


def _pdf_text(data: bytes) -> list[tuple[int | str, str]]:
    """The text of a PDF by page, read by pypdf and, where it is installed, by pdftotext
    too (two readers: what one misses, the other may find). Empty is never assumed: a PDF
    that pypdf cannot read is refused by the check."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        texts: list[tuple[int | str, str]] = [
            (i, page.extract_text() or "") for i, page in enumerate(reader.pages, start=1)
        ]
        meta = " ".join(str(v) for v in (reader.metadata or {}).values())
        texts.append(("propriétés", meta))
    except (PyPdfError, ValueError, KeyError) as exc:
        raise ClasseurError(
            "L'exportation a été annulée : le PDF produit n'a pas pu être relu pour "
            "vérifier qu'il ne contient aucun nom d'élève.",
            hint="Réessayez; si le problème persiste, exportez sans le format pdf.",
        ) from exc
    exe = shutil.which("pdftotext")
    if exe is not None:
        out = subprocess.run([exe, "-", "-"], input=data, capture_output=True, check=False)
        pages = out.stdout.decode("utf-8", errors="ignore").split("\f")
        texts += [(i, text) for i, text in enumerate(pages, start=1) if text.strip()]
    return texts


_ADDRESS_HEADERS = {"to", "cc", "bcc", "from", "reply-to"}


def texts_of(path: Path) -> list[Scanned]:
    data = path.read_bytes()
    own = [Scanned(path.name, True, "nom du fichier")]
    if path.suffix.lower() == ".eml":
        msg = BytesParser(policy=policy.default).parsebytes(data)
        # The recipients' addresses are the adults the teacher chose (Chantal.Roy@…): a
        # student's full name is looked for there, not a part of one.
        out = own + [
            Scanned(str(v), k.lower() not in _ADDRESS_HEADERS, f"en-tête « {k} » du courriel")
            for k, v in msg.items()
        ]
        for part in msg.walk():
            if part.is_multipart():
                continue
            filename = part.get_filename()
            where = f"pièce jointe « {filename} »" if filename else "texte du courriel"
            out += [
                Scanned(str(v), k.lower() not in _ADDRESS_HEADERS, f"{where}, en-tête « {k} »")
                for k, v in part.items()
            ]
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                out += _texts_of_bytes(filename or "", payload, where)
        return out
    return own + _texts_of_bytes(path.name, data, "contenu")


_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+\d+)"[^>]*?(?:/>|>(.*?)</(?:\w+:)?c>)', re.S)
_SHARED = re.compile(rb"<(?:\w+:)?si\b.*?</(?:\w+:)?si>", re.S)


def _cell_of(zip_bytes: bytes, part: str, name: str, pz: Pseudonymizer) -> str:
    """`` cellule B12`` (with its sheet when it came from the shared strings) where
    ``name`` is in an .xlsx part; empty when it cannot be told."""
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as z:
        xml = z.read(part)
        sheets = sheet_parts(z)
        if part in sheets:
            for ref, body in _CELL.findall(xml):
                if name in pz.found(_plain(body)):
                    return f", cellule {ref.decode()}"
            return ""
        if not part.startswith("xl/sharedStrings"):
            return ""
        strings = (_plain(m.group(0)) for m in _SHARED.finditer(xml))
        index = next((i for i, text in enumerate(strings) if name in pz.found(text)), None)
        if index is None:
            return ""
        shared = re.compile(rb'r="([A-Z]+\d+)"[^>]*\bt="s"[^>]*>\s*<(?:\w+:)?v>%d<' % index)
        for sheet_part, sheet in sheets.items():
            hit = shared.search(z.read(sheet_part))
            if hit:
                return f" — feuille « {sheet} », cellule {hit.group(1).decode()}"
    return ""


def _plain(xml: bytes) -> str:
    """The text of an XML element, in its compatibility form (as the check reads it)."""
    text = html.unescape(_TAG.sub("", xml.decode("utf-8", errors="ignore")))
    return unicodedata.normalize("NFKC", text)


MAX_PLACES = 3


def check_pseudonymised(path: Path, pz: Pseudonymizer) -> None:
    """Cancel the export (French) if ``path`` still holds a student's name, in its content
    or its name, saying where (file, part, sheet and cell, element) and how to fix it.
    Case and accents are ignored, and the text is also read in its compatibility form
    (NFKC: full-width letters, ligatures)."""
    places: dict[str, list[str]] = {}
    for t in texts_of(path):
        for text in {t.text, unicodedata.normalize("NFKC", t.text)}:
            for name in pz.found(text, parts=t.parts):
                where = t.where
                if t.part is not None and path.suffix.lower() in (".xlsx", ".xlsm"):
                    where += _cell_of(path.read_bytes(), t.part, name, pz)
                places.setdefault(name, [])
                if where not in places[name]:
                    places[name].append(where)
    if places:
        described = "; ".join(
            f"« {name} » ({', '.join(where[:MAX_PLACES])})"
            for name, where in sorted(places.items())
        )
        raise ClasseurError(
            f"L'exportation a été annulée : « {path.name} » contenait encore un nom ou un "
            f"prénom d'élève : {described}.",
            hint="Ce texte n'a pas été remplacé par un code : à cet endroit du classeur, "
            "écrivez le nom exactement comme dans la Grille (il sera alors remplacé) ou "
            "retirez-le, puis exportez de nouveau. Aucun fichier n'a été écrit.",
        )
