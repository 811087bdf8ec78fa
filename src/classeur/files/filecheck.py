"""Checks a file BEFORE any parser sees it.

Teachers' workbooks travel by email and arrive in every state: encrypted, truncated,
renamed from .xls/.ods/.csv, or hostile (zip bombs, XML entity bombs, a cell at
XFD1048576). :func:`check_file` looks at the container only (magic bytes, the zip
directory, then every part inflated under a hard cap by :mod:`classeur.files.archive`,
the XML parts scanned for DOCTYPEs, far cells and huge ranges) so that it runs in
bounded time and memory whatever the file holds, and raises a French
:class:`ClasseurError` naming the file and saying what to do. A Word template
(``--modele-word``) passes the same checks (:func:`check_docx`).

Only the standard library and ``olefile`` are used here (no parser).
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from collections.abc import Collection
from pathlib import Path

from classeur.errors import ClasseurError
from classeur.files import archive
from classeur.files.filekind import OLE_MAGIC, RESAVE_HINT, check_ole, file_error, not_a_zip
from classeur.files.xlsx_package import main_part, relationships, sheet_parts

# Bounds. A real classeur is a few hundred KB; see archive for the container's bounds.
MAX_FILE_BYTES = archive.MAX_FILE_BYTES
# Deflate compresses at most about 1032:1: a part near that ratio is made of one repeated
# byte (a bomb); long repeated text typed by a teacher stays well below it.
MAX_RATIO = 900
RATIO_MIN_SIZE = 10 * 1024 * 1024
MAX_ROWS = 100_000  # cells with a value beyond these bounds are refused
MAX_COLUMNS = 2_000
XML_HEAD_BYTES = 8192  # where a DOCTYPE would have to be

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"

# What reading a damaged zip raises (bad CRC, bad deflate stream, cut short…).
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)

# Files already checked in this process, by identity: a command opens its classeur a few
# times (structure, losses, parse) and the archive is verified once.
_CHECKED: set[tuple[str, int, int, int]] = set()


def identity_key(p: Path) -> tuple[str, int, int, int]:
    """A file's identity in this process: path, size, modification time, inode."""
    st = p.stat()
    return (str(p.resolve()), st.st_size, st.st_mtime_ns, st.st_ino)


def check_file(path: str | os.PathLike[str]) -> None:
    """Raise a French ClasseurError unless ``path`` looks like a sane .xlsx container.

    Checks only the container (never parses the workbook): existence, size, magic bytes
    (encrypted Office file, .xls, text/CSV, truncated zip), the zip directory (.ods,
    .docx, .xlsb), every part really inflated under a cap (zip bombs, lying headers,
    compression methods Excel never writes), XML DOCTYPEs (entity bombs), values and
    ranges far beyond a classeur's extent.
    """
    p = Path(path)
    head = _head(p)
    if head.startswith(OLE_MAGIC):
        check_ole(p)
    if not head.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        not_a_zip(p, head)
    identity = identity_key(p)
    if identity in _CHECKED:
        return
    with _zip(p) as zf:
        error = _error_for(p)
        archive.check_directory(zf, error)
        _check_declared_ratios(p, zf)
        _check_kind(p, zf)
        _verify(p, zf, sheet_parts(zf))
    _CHECKED.add(identity)


def check_docx(path: str | os.PathLike[str]) -> None:
    """Raise a French ClasseurError unless ``path`` is a sane Word (.docx) container: the
    same checks as a workbook's (bombs, lying headers, methods, DOCTYPEs)."""
    p = Path(path)
    head = _head(p)
    hint = "Enregistrez-le dans Word au format « Document Word (.docx) »."
    if not head.startswith(_ZIP_MAGIC):
        raise file_error(p, "n'est pas un document Word (.docx).", hint)
    with _zip(p) as zf:
        archive.check_directory(zf, _error_for(p))
        _check_declared_ratios(p, zf)
        main = main_part(zf)
        if main is None or not main.startswith("word/"):
            raise file_error(p, "n'est pas un document Word (.docx).", hint)
        _verify(p, zf, {})


def _head(p: Path) -> bytes:
    """The first bytes of ``p``; existence, kind and size checked."""
    if not p.exists():
        raise ClasseurError(
            f"Le fichier « {p} » est introuvable.",
            hint="Vérifiez le chemin et le nom du fichier.",
        )
    if p.is_dir():
        raise ClasseurError(
            f"« {p} » est un dossier, pas un classeur.",
            hint="Indiquez le chemin d'un fichier .xlsx.",
        )
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(XML_HEAD_BYTES)
    except PermissionError as exc:
        raise file_error(
            p,
            "ne peut pas être lu : accès refusé.",
            "Vérifiez que vous avez le droit de lire ce fichier (ou copiez-le ailleurs).",
        ) from exc
    except OSError as exc:
        raise file_error(
            p,
            "ne peut pas être lu.",
            "Copiez-le dans un autre dossier puis recommencez.",
        ) from exc
    if size == 0:
        raise file_error(
            p,
            "est vide (0 octet).",
            "Le téléchargement ou la copie a peut-être échoué : récupérez le fichier de nouveau.",
        )
    if size > MAX_FILE_BYTES:
        raise file_error(
            p,
            f"est trop volumineux ({size // (1024 * 1024)} Mo) pour un classeur.",
            "Vérifiez qu'il s'agit du bon fichier; retirez-en les images ou les données inutiles.",
        )
    return head


class _zip:
    """``zipfile.ZipFile(p)`` with a French message when the directory cannot be read."""

    def __init__(self, p: Path) -> None:
        self.p = p
        self.zf: zipfile.ZipFile | None = None

    def __enter__(self) -> zipfile.ZipFile:
        if not zipfile.is_zipfile(self.p):
            raise file_error(
                self.p,
                "est incomplet (tronqué) : sa fin manque.",
                "La copie ou le téléchargement a été interrompu : récupérez le fichier de "
                "nouveau (ou reprenez une copie de sauvegarde).",
            )
        try:
            self.zf = zipfile.ZipFile(self.p)
        except DAMAGED as exc:
            raise file_error(self.p, "est endommagé.", RESAVE_HINT) from exc
        return self.zf

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if self.zf is not None:
            self.zf.close()
        if isinstance(exc, DAMAGED) and not isinstance(exc, ClasseurError):
            raise file_error(self.p, "est endommagé.", RESAVE_HINT) from exc


def _error_for(p: Path) -> archive.FileError:
    return lambda what, hint: file_error(p, what, hint)


def _check_declared_ratios(p: Path, zf: zipfile.ZipFile) -> None:
    """A part declaring the ratio of one repeated byte: refused before inflating it."""
    for info in zf.infolist():
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise archive.bomb(_error_for(p), info.filename)


def _check_kind(p: Path, zf: zipfile.ZipFile) -> None:
    """What kind of package this is (.ods, .xlsb, .docx…): only an .xlsx goes on."""
    names = set(zf.NameToInfo)
    if "mimetype" in names:
        info = zf.getinfo("mimetype")
        raw = archive.read_part(p, zf, info, _error_for(p), limit=200)
        mime = raw.decode("ascii", errors="replace").strip()
        if "opendocument.spreadsheet" in mime:
            raise file_error(
                p,
                "est un classeur LibreOffice / OpenDocument (.ods) renommé en .xlsx.",
                "Dans LibreOffice : Fichier > Enregistrer sous, type « Excel 2007-365 (.xlsx) ».",
            )
        raise file_error(p, "est un document OpenDocument, pas un classeur Excel.", RESAVE_HINT)
    main = main_part(zf)
    if "xl/workbook.bin" in names or (main or "").endswith(".bin"):
        raise file_error(p, "est au format binaire Excel (.xlsb).", RESAVE_HINT)
    if main is None and "xl/workbook.xml" in names:
        main = "xl/workbook.xml"  # a package without its own relationships
    if main is None or not sheet_parts(zf):
        if any(n.startswith("word/") for n in names):
            what = "est un document Word, pas un classeur Excel."
        elif any(n.startswith("ppt/") for n in names):
            what = "est une présentation PowerPoint, pas un classeur Excel."
        else:
            what = "est une archive ZIP, pas un classeur Excel (.xlsx)."
        raise file_error(p, what, "Indiquez le fichier .xlsx du classeur.")


_XML_SUFFIXES = (".xml", ".rels", ".vml")


def _verify(p: Path, zf: zipfile.ZipFile, names: dict[str, str]) -> None:
    """Every part inflated under the caps; XML parts scanned for DOCTYPEs, the sheets of
    ``names`` (part -> sheet) for values and ranges far beyond a classeur's extent."""

    def check(info: zipfile.ZipInfo, data: bytes) -> None:
        head = data[:XML_HEAD_BYTES]
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise file_error(
                p,
                "contient des déclarations XML (DOCTYPE) qu'Excel et Word n'écrivent jamais "
                f"(partie « {info.filename} »); il n'a pas été ouvert par prudence.",
                "Si ce fichier vient d'une source sûre, ouvrez-le dans Excel (ou Word) et "
                "enregistrez-le de nouveau. Sinon, supprimez-le.",
            )
        if info.filename in names:
            _check_sheet_ranges(p, names[info.filename], data)

    archive.verify_parts(
        p, zf, _error_for(p), lambda name: name.lower().endswith(_XML_SUFFIXES), check
    )


_RANGE_ATTR = re.compile(rb'<(?:\w+:)?(mergeCell|hyperlink)\b[^>]*?\bref="([^"]+)"')
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
MAX_RANGE_CELLS = 1_000_000  # a merge or a hyperlink range: openpyxl creates every cell


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def range_area(ref: str) -> tuple[int, int, int, int] | None:
    """(min_row, min_col, max_row, max_col) of ``A1`` or ``A1:B2``; None when unparsable."""
    first, _, last = ref.partition(":")
    a, b = _CELL_REF.match(first), _CELL_REF.match(last or first)
    if a is None or b is None:
        return None
    r1, c1 = int(a.group(2)), column_number(a.group(1))
    r2, c2 = int(b.group(2)), column_number(b.group(1))
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


_FAR_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{3}|[A-Z]{1,3}(?=\d{6}))(\d+)"[^>]*?(/?)>')


def far_cell_error(file: str, sheet: str, coordinate: str, row: int) -> ClasseurError:
    return ClasseurError(
        f"Une valeur se trouve en {coordinate}, bien au-delà de la zone d'un classeur "
        f"({MAX_ROWS} lignes, {MAX_COLUMNS} colonnes); le fichier n'a pas été traité.",
        file=file,
        sheet=sheet,
        row=row,
        hint="Dans Excel, appuyez sur Ctrl+Fin pour atteindre cette cellule, effacez-la, "
        "enregistrez, puis recommencez.",
    )


# A cell reference with a 3-letter column or a row of 6+ digits. It starts with a
# literal, which the regex engine scans for quickly; _FAR_CELL then checks the element.
_FAR_CANDIDATE = re.compile(rb'r="(?:[A-Z]{3}|[A-Z]{1,3}\d{6})')


def _check_far_cells(p: Path, sheet: str, xml: bytes) -> None:
    for m in _FAR_CELL.finditer(xml):
        letters, digits, empty = m.group(1).decode(), m.group(2).decode(), m.group(3)
        row, col = int(digits), column_number(letters)
        if (row > MAX_ROWS or col > MAX_COLUMNS) and not empty:
            raise far_cell_error(p.name, sheet, f"{letters}{digits}", row)


def _check_sheet_ranges(p: Path, sheet: str, xml: bytes) -> None:
    """Values far away (readers allocate the whole rectangle up to them), merges and
    hyperlinks over huge ranges (openpyxl creates every cell): gigabytes."""
    # Usually no cell is beyond column ZZ or row 99,999: found by a fast scan.
    if _FAR_CANDIDATE.search(xml) is not None:
        _check_far_cells(p, sheet, xml)
    if b"mergeCell" not in xml and b"hyperlink" not in xml:
        return
    for kind, raw in _RANGE_ATTR.findall(xml):
        ref = raw.decode("ascii", errors="replace")
        area = range_area(ref)
        if area is None:
            continue
        r1, c1, r2, c2 = area
        if r2 > MAX_ROWS or c2 > MAX_COLUMNS or (r2 - r1 + 1) * (c2 - c1 + 1) > MAX_RANGE_CELLS:
            what = "des cellules fusionnées" if kind == b"mergeCell" else "un lien hypertexte"
            raise ClasseurError(
                f"Ce fichier contient {what} sur une zone démesurée ({ref}); "
                "il n'a pas été ouvert.",
                file=p.name,
                sheet=sheet,
                hint="Dans Excel, sélectionnez cette zone et annulez la fusion (ou "
                "supprimez le lien), enregistrez, puis recommencez.",
            )


def excel_lock_file(path: str | os.PathLike[str]) -> Path | None:
    """The lock file Excel (``~$name``) or LibreOffice (``.~lock.name#``) keeps beside
    ``path`` while it is open; None when there is none."""
    p = Path(path)
    folder = p.parent
    candidates = [
        folder / f"~${p.name}",
        folder / f".~lock.{p.name}#",
    ]
    return next((c for c in candidates if len(c.name) > 2 and c.is_file()), None)


_TABLE_REF = re.compile(rb'<(?:\w+:)?table\b[^>]*?\bref="([^"]+)"')
_TABLE_NAME = re.compile(rb'<(?:\w+:)?table\b[^>]*?\bdisplayName="([^"]+)"')


def needs_careful_read(path: str | os.PathLike[str], tables: Collection[str] | None = None) -> bool:
    """Whether a fast reader that trusts table ranges (python-calamine) would misread or
    blow up on ``path``: a table stretched far below its data, or merged cells on a sheet
    holding a table. The openpyxl path (``workbook.open_workbook``) bounds and reports
    both. Only the tables named in ``tables`` count, when given (a reader that reads no
    other). Call after :func:`check_file`."""
    with zipfile.ZipFile(path) as zf:
        for part in sheet_parts(zf):
            rels = relationships(zf, part)
            targets = [r["Target"] for r in rels if r.get("Type", "").endswith("/table")]
            found = []
            for t in targets:
                try:
                    xml = zf.read(t)
                except KeyError:
                    continue
                name = _TABLE_NAME.search(xml)
                if tables is None or (name and name.group(1).decode("utf-8", "replace") in tables):
                    found.append(xml)
            if not (targets if tables is None else found):
                continue
            try:
                if b"<mergeCell " in zf.read(part):
                    return True
            except KeyError:
                continue
            for xml in found:
                ref = _TABLE_REF.search(xml)
                area = range_area(ref.group(1).decode("ascii", "replace")) if ref else None
                if area is not None and (area[2] > MAX_ROWS or area[3] > MAX_COLUMNS):
                    return True
    return False
