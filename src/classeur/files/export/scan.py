"""The final check of a pseudonymised export: every text of every file (each part of a zip,
the whole e-mail decoded, the PDF's text) scanned for a student's name; one found
cancels the export."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import zipfile
from email import policy
from email.parser import BytesParser
from pathlib import Path

from classeur.domain.pseudo import Pseudonymizer
from classeur.errors import ClasseurError

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
