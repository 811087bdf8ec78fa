"""Checks a file BEFORE any parser sees it, and lists what a rewrite would lose.

Teachers' workbooks travel by email and arrive in every state: encrypted, truncated,
renamed from .xls/.ods/.csv, or hostile (zip bombs, XML entity bombs, a cell at
XFD1048576). :func:`check_file` looks at the container only (magic bytes, zip directory,
declared sizes, the first bytes of each XML part) so that it runs in bounded time and
memory whatever the file holds, and raises a French :class:`ClasseurError` naming the file
and saying what to do.

:func:`lossy_parts` lists the parts of a valid .xlsx that openpyxl would drop when it
rewrites the file (images, shapes, threaded comments, sparklines, slicers…), by sheet.

Only the standard library, ``olefile`` and ``defusedxml`` are used here (no openpyxl)."""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from pathlib import Path

from classeur.errors import ClasseurError
from classeur.files.xlsx_package import relationships, sheet_parts

# --------------------------------------------------------------------------------------
# Bounds. A real classeur is a few hundred KB; these leave a wide margin while keeping
# openpyxl well under 1 GB of memory.
# --------------------------------------------------------------------------------------
MAX_FILE_BYTES = 100 * 1024 * 1024  # on disk
MAX_TOTAL_UNCOMPRESSED = 150 * 1024 * 1024  # sum of the declared sizes of all parts
MAX_PART_UNCOMPRESSED = 40 * 1024 * 1024  # one sheet, the shared strings…
# Deflate compresses at most about 1032:1: a part near that ratio is made of one repeated
# byte (a bomb); long repeated text typed by a teacher stays well below it.
MAX_RATIO = 900
RATIO_MIN_SIZE = 10 * 1024 * 1024
MAX_PARTS = 10_000
MAX_ROWS = 100_000  # cells with a value beyond these bounds are refused
MAX_COLUMNS = 2_000
XML_HEAD_BYTES = 8192  # where a DOCTYPE would have to be

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"

# What reading a damaged zip raises (bad CRC, bad deflate stream, cut short…).
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)

RESAVE_HINT = "Ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) »."


def file_error(path: Path, what: str, hint: str) -> ClasseurError:
    return ClasseurError(f"Le fichier « {path.name} » {what}", hint=hint)


def check_file(path: str | os.PathLike[str]) -> None:
    """Raise a French ClasseurError unless ``path`` looks like a sane .xlsx container.

    Checks only the container (never parses the workbook): existence, size, magic bytes
    (encrypted Office file, .xls, text/CSV, truncated zip), the zip directory (.ods,
    .docx, .xlsb), declared sizes and ratios (zip bombs) and XML DOCTYPEs (entity bombs).
    """
    p = Path(path)
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
    if head.startswith(_OLE_MAGIC):
        _check_ole(p)
    if not head.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        _not_a_zip(p, head)
    if not zipfile.is_zipfile(p):
        raise file_error(
            p,
            "est incomplet (tronqué) : sa fin manque.",
            "La copie ou le téléchargement a été interrompu : récupérez le fichier de "
            "nouveau (ou reprenez une copie de sauvegarde).",
        )
    try:
        with zipfile.ZipFile(p) as zf:
            _check_zip(p, zf)
    except DAMAGED as exc:
        raise file_error(p, "est endommagé.", RESAVE_HINT) from exc


def _check_ole(p: Path) -> None:
    """An OLE compound file: an encrypted .xlsx, an .xls, a .doc…"""
    import olefile

    try:
        with olefile.OleFileIO(str(p)) as ole:
            streams = {"/".join(s).casefold() for s in ole.listdir()}
    except Exception as exc:  # olefile raises many kinds on damaged files
        raise file_error(
            p,
            "est un ancien fichier Office endommagé.",
            RESAVE_HINT,
        ) from exc
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        raise file_error(
            p,
            "est protégé par un mot de passe (chiffré) : Classeur ne peut pas le lire.",
            "Dans Excel : Fichier > Informations > Protéger le classeur > Chiffrer avec "
            "mot de passe, effacez le mot de passe, enregistrez, puis recommencez.",
        )
    if "workbook" in streams or "book" in streams:
        raise file_error(
            p,
            "est au format Excel 97-2003 (.xls), renommé en .xlsx.",
            RESAVE_HINT,
        )
    if "worddocument" in streams:
        raise file_error(p, "est un document Word, pas un classeur Excel.", RESAVE_HINT)
    raise file_error(p, "est un ancien fichier Office, pas un classeur Excel (.xlsx).", RESAVE_HINT)


def _not_a_zip(p: Path, head: bytes) -> None:
    sample = head[:4096]
    if b"\x00" not in sample:
        try:
            text = sample.decode("utf-8")
        except UnicodeDecodeError:
            text = sample.decode("cp1252", errors="replace")
        low = text.lower()
        if "<html" in low or "<!doctype html" in low:
            raise file_error(
                p,
                "est une page Web (HTML) renommée, pas un classeur Excel.",
                RESAVE_HINT,
            )
        if low.lstrip().startswith("<?xml"):
            raise file_error(
                p,
                "est un fichier XML (p. ex. « Feuille de calcul XML 2003 »), pas un "
                "classeur Excel (.xlsx).",
                RESAVE_HINT,
            )
        if any(sep in text for sep in (",", ";", "\t")):
            raise file_error(
                p,
                "est un fichier texte (CSV) renommé, pas un classeur Excel.",
                "Ouvrez-le dans Excel, vérifiez les colonnes, puis enregistrez-le au format "
                "« Classeur Excel (.xlsx) ».",
            )
        raise file_error(p, "est un fichier texte, pas un classeur Excel.", RESAVE_HINT)
    raise file_error(p, "n'est pas un classeur Excel (.xlsx).", RESAVE_HINT)


def _check_zip(p: Path, zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    names = {i.filename for i in infos}
    if "mimetype" in names:
        mime = zf.read("mimetype")[:200].decode("ascii", errors="replace").strip()
        if "opendocument.spreadsheet" in mime:
            raise file_error(
                p,
                "est un classeur LibreOffice / OpenDocument (.ods) renommé en .xlsx.",
                "Dans LibreOffice : Fichier > Enregistrer sous, type « Excel 2007-365 (.xlsx) ».",
            )
        raise file_error(p, "est un document OpenDocument, pas un classeur Excel.", RESAVE_HINT)
    if "xl/workbook.bin" in names:
        raise file_error(
            p,
            "est au format binaire Excel (.xlsb).",
            RESAVE_HINT,
        )
    if "xl/workbook.xml" not in names:
        if any(n.startswith("word/") for n in names):
            what = "est un document Word, pas un classeur Excel."
        elif any(n.startswith("ppt/") for n in names):
            what = "est une présentation PowerPoint, pas un classeur Excel."
        else:
            what = "est une archive ZIP, pas un classeur Excel (.xlsx)."
        raise file_error(p, what, "Indiquez le fichier .xlsx du classeur.")
    too_big = file_error(
        p,
        "déclare un contenu démesuré une fois décompressé (possible « bombe ZIP »); "
        "il n'a pas été ouvert.",
        "Si ce fichier vient d'une source sûre, ouvrez-le dans Excel, supprimez les "
        "données inutiles et enregistrez-le de nouveau. Sinon, supprimez-le.",
    )
    if len(infos) > MAX_PARTS:
        raise too_big
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise file_error(
                p,
                "est protégé par un mot de passe (archive chiffrée).",
                "Retirez le mot de passe, enregistrez, puis recommencez.",
            )
        total += info.file_size
        if info.file_size > MAX_PART_UNCOMPRESSED or total > MAX_TOTAL_UNCOMPRESSED:
            raise too_big
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise too_big
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            with zf.open(info) as fh:
                head = fh.read(XML_HEAD_BYTES)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise file_error(
                    p,
                    "contient des déclarations XML (DOCTYPE) qu'Excel n'écrit jamais "
                    f"(partie « {info.filename} »); il n'a pas été ouvert par prudence.",
                    "Si ce fichier vient d'une source sûre, ouvrez-le dans Excel et "
                    "enregistrez-le de nouveau. Sinon, supprimez-le.",
                )
    _check_ranges(p, zf)


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


def _check_ranges(p: Path, zf: zipfile.ZipFile) -> None:
    """Values far away (readers allocate the whole rectangle up to them), merges and
    hyperlinks over huge ranges (openpyxl creates every cell): gigabytes."""
    for part, sheet in sheet_parts(zf).items():
        try:
            xml = zf.read(part)
        except KeyError:
            continue
        # Usually no cell is beyond column ZZ or row 99,999: found by a fast scan.
        if _FAR_CANDIDATE.search(xml) is not None:
            _check_far_cells(p, sheet, xml)
        if b"mergeCell" not in xml and b"hyperlink" not in xml:
            continue
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


def needs_careful_read(path: str | os.PathLike[str]) -> bool:
    """Whether a fast reader that trusts table ranges (python-calamine) would misread or
    blow up on ``path``: a table stretched far below its data, or merged cells on a sheet
    holding a table. The openpyxl path (``workbook.open_workbook``) bounds and reports
    both. Call after :func:`check_file`."""
    with zipfile.ZipFile(path) as zf:
        for part in sheet_parts(zf):
            rels = relationships(zf, part)
            tables = [r["Target"] for r in rels if r.get("Type", "").endswith("/table")]
            if not tables:
                continue
            try:
                if b"<mergeCell " in zf.read(part):
                    return True
            except KeyError:
                continue
            for t in tables:
                try:
                    ref = _TABLE_REF.search(zf.read(t))
                except KeyError:
                    continue
                area = range_area(ref.group(1).decode("ascii", "replace")) if ref else None
                if area is not None and (area[2] > MAX_ROWS or area[3] > MAX_COLUMNS):
                    return True
    return False
