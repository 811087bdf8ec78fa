"""Checks a file BEFORE any parser sees it, and lists what a rewrite would lose.

Teachers' workbooks travel by email and arrive in every state: encrypted, truncated,
renamed from .xls/.ods/.csv, or hostile (zip bombs, XML entity bombs, a cell at
XFD1048576). :func:`check_file` looks at the container only (magic bytes, zip directory,
declared sizes, the first bytes of each XML part) so that it runs in bounded time and
memory whatever the file holds, and raises a French :class:`ClasseurError` naming the file
and saying what to do.

:func:`lossy_parts` lists the parts of a valid .xlsx that openpyxl would drop when it
rewrites the file (images, shapes, threaded comments, sparklines, slicers…), by sheet.

Only the standard library, ``olefile`` and ``defusedxml`` are used here (no openpyxl).
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from classeur.errors import ClasseurError
from classeur.layout import outputs

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

_RESAVE = "Ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) »."


def _error(path: Path, what: str, hint: str) -> ClasseurError:
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
        raise _error(
            p,
            "ne peut pas être lu : accès refusé.",
            "Vérifiez que vous avez le droit de lire ce fichier (ou copiez-le ailleurs).",
        ) from exc
    except OSError as exc:
        raise _error(
            p,
            "ne peut pas être lu.",
            "Copiez-le dans un autre dossier puis recommencez.",
        ) from exc
    if size == 0:
        raise _error(
            p,
            "est vide (0 octet).",
            "Le téléchargement ou la copie a peut-être échoué : récupérez le fichier de nouveau.",
        )
    if size > MAX_FILE_BYTES:
        raise _error(
            p,
            f"est trop volumineux ({size // (1024 * 1024)} Mo) pour un classeur.",
            "Vérifiez qu'il s'agit du bon fichier; retirez-en les images ou les données inutiles.",
        )
    if head.startswith(_OLE_MAGIC):
        _check_ole(p)
    if not head.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        _not_a_zip(p, head)
    if not zipfile.is_zipfile(p):
        raise _error(
            p,
            "est incomplet (tronqué) : sa fin manque.",
            "La copie ou le téléchargement a été interrompu : récupérez le fichier de "
            "nouveau (ou reprenez une copie de sauvegarde).",
        )
    try:
        with zipfile.ZipFile(p) as zf:
            _check_zip(p, zf)
    except DAMAGED as exc:
        raise _error(p, "est endommagé.", _RESAVE) from exc


def _check_ole(p: Path) -> None:
    """An OLE compound file: an encrypted .xlsx, an .xls, a .doc…"""
    import olefile

    try:
        with olefile.OleFileIO(str(p)) as ole:
            streams = {"/".join(s).casefold() for s in ole.listdir()}
    except Exception as exc:  # olefile raises many kinds on damaged files
        raise _error(
            p,
            "est un ancien fichier Office endommagé.",
            _RESAVE,
        ) from exc
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        raise _error(
            p,
            "est protégé par un mot de passe (chiffré) : Classeur ne peut pas le lire.",
            "Dans Excel : Fichier > Informations > Protéger le classeur > Chiffrer avec "
            "mot de passe, effacez le mot de passe, enregistrez, puis recommencez.",
        )
    if "workbook" in streams or "book" in streams:
        raise _error(
            p,
            "est au format Excel 97-2003 (.xls), renommé en .xlsx.",
            _RESAVE,
        )
    if "worddocument" in streams:
        raise _error(p, "est un document Word, pas un classeur Excel.", _RESAVE)
    raise _error(p, "est un ancien fichier Office, pas un classeur Excel (.xlsx).", _RESAVE)


def _not_a_zip(p: Path, head: bytes) -> None:
    sample = head[:4096]
    if b"\x00" not in sample:
        try:
            text = sample.decode("utf-8")
        except UnicodeDecodeError:
            text = sample.decode("cp1252", errors="replace")
        low = text.lower()
        if "<html" in low or "<!doctype html" in low:
            raise _error(
                p,
                "est une page Web (HTML) renommée, pas un classeur Excel.",
                _RESAVE,
            )
        if low.lstrip().startswith("<?xml"):
            raise _error(
                p,
                "est un fichier XML (p. ex. « Feuille de calcul XML 2003 »), pas un "
                "classeur Excel (.xlsx).",
                _RESAVE,
            )
        if any(sep in text for sep in (",", ";", "\t")):
            raise _error(
                p,
                "est un fichier texte (CSV) renommé, pas un classeur Excel.",
                "Ouvrez-le dans Excel, vérifiez les colonnes, puis enregistrez-le au format "
                "« Classeur Excel (.xlsx) ».",
            )
        raise _error(p, "est un fichier texte, pas un classeur Excel.", _RESAVE)
    raise _error(p, "n'est pas un classeur Excel (.xlsx).", _RESAVE)


def _check_zip(p: Path, zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    names = {i.filename for i in infos}
    if "mimetype" in names:
        mime = zf.read("mimetype")[:200].decode("ascii", errors="replace").strip()
        if "opendocument.spreadsheet" in mime:
            raise _error(
                p,
                "est un classeur LibreOffice / OpenDocument (.ods) renommé en .xlsx.",
                "Dans LibreOffice : Fichier > Enregistrer sous, type « Excel 2007-365 (.xlsx) ».",
            )
        raise _error(p, "est un document OpenDocument, pas un classeur Excel.", _RESAVE)
    if "xl/workbook.bin" in names:
        raise _error(
            p,
            "est au format binaire Excel (.xlsb).",
            _RESAVE,
        )
    if "xl/workbook.xml" not in names:
        if any(n.startswith("word/") for n in names):
            what = "est un document Word, pas un classeur Excel."
        elif any(n.startswith("ppt/") for n in names):
            what = "est une présentation PowerPoint, pas un classeur Excel."
        else:
            what = "est une archive ZIP, pas un classeur Excel (.xlsx)."
        raise _error(p, what, "Indiquez le fichier .xlsx du classeur.")
    too_big = _error(
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
            raise _error(
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
                raise _error(
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


# ======================================================================================
# What a rewrite by openpyxl would lose
# ======================================================================================


@dataclass(frozen=True)
class Loss:
    """Something in the file that openpyxl drops on save (French description)."""

    what: str
    sheet: str | None = None

    def __str__(self) -> str:
        return f"{self.what} (feuille « {self.sheet} »)" if self.sheet else self.what


_IMAGES = "images"
_SHAPES = "formes ou zones de texte"
_OBJECTS = "objets incorporés (SmartArt, encre, objets OLE…)"
_THREADED = "commentaires modernes (conversations)"
_CONTROLS = "contrôles de formulaire ou ActiveX (cases à cocher, boutons…)"
_SPARKLINES = "graphiques sparkline"
_X14_FORMATS = "mises en forme conditionnelles Excel 2010+ (barres de données, icônes…)"
_X14_VALIDATIONS = "listes de validation Excel 2010+"
_SLICERS = "segments (slicers) ou chronologies"
_EXTENSIONS = "extensions Excel non reconnues"
_DYNAMIC = "formules matricielles dynamiques (TRIER, FILTRE, UNIQUE…)"
_BACKGROUND = "image d'arrière-plan ou d'en-tête/pied de page"

# Parts openpyxl keeps, or whose loss changes nothing a teacher sees.
_KEPT = re.compile(
    r"^(\[Content_Types\]\.xml|_rels/\.rels|docProps/(app|core|custom)\.xml"
    r"|docProps/thumbnail\.\w+"
    r"|xl/(workbook\.xml|styles\.xml|sharedStrings\.xml|calcChain\.xml"
    r"|volatileDependencies\.xml|_rels/workbook\.xml\.rels)"
    r"|xl/theme/.*|xl/worksheets/(_rels/)?sheet\d+\.xml(\.rels)?"
    r"|xl/chartsheets/.*|xl/tables/.*|xl/charts/.*|xl/drawings/.*|xl/media/.*"
    r"|xl/comments\d*\.xml|xl/comments/.*|xl/pivotTables/.*|xl/pivotCache/.*|xl/externalLinks/.*"
    r"|xl/printerSettings/.*)$"
)
# Parts openpyxl drops: prefix -> what a teacher would lose.
_DROPPED_PARTS = (
    ("xl/vbaProject.bin", "macros VBA"),
    ("xl/threadedComments/", _THREADED),
    ("xl/persons/", _THREADED),
    ("xl/slicers/", _SLICERS),
    ("xl/slicerCaches/", _SLICERS),
    ("xl/timelines/", _SLICERS),
    ("xl/timelineCaches/", _SLICERS),
    ("xl/ctrlProps/", _CONTROLS),
    ("xl/activeX/", _CONTROLS),
    ("xl/embeddings/", _OBJECTS),
    ("xl/richData/", "images dans les cellules"),
    ("xl/metadata.xml", _DYNAMIC),
    ("xl/connections.xml", "connexions de données"),
    ("xl/queryTables/", "requêtes de données"),
    ("xl/model/", "modèle de données Power Pivot"),
    ("customXml/", "propriétés personnalisées (SharePoint, OneDrive…)"),
    ("docMetadata/", "étiquette de confidentialité"),
    ("xl/webextensions/", "compléments Office"),
    ("xl/customProperty", "propriétés personnalisées de feuille"),
)
# Markers in a sheet's XML: (literals one of which must occur, pattern, what is lost).
# The literals are searched first (a plain substring search, fast on the megabytes of a
# large grille); the pattern only runs when one is present.
_SHEET_MARKERS = (
    ((b"sparklineGroup",), re.compile(rb"sparklineGroup"), _SPARKLINES),
    ((b"<x14:conditionalFormatting",), re.compile(rb"<x14:conditionalFormatting"), _X14_FORMATS),
    ((b"<x14:dataValidation",), re.compile(rb"<x14:dataValidation"), _X14_VALIDATIONS),
    ((b"slicerList", b"timelineRefs"), re.compile(rb"slicerList|timelineRefs"), _SLICERS),
    (
        (b"controls", b"oleObjects"),
        re.compile(rb"<(\w+:)?(controls|oleObjects)\b"),
        _CONTROLS,
    ),
    (
        (b"picture", b"legacyDrawingHF"),
        re.compile(rb"<(\w+:)?(picture|legacyDrawingHF)\b"),
        _BACKGROUND,
    ),
    ((b'cm="',), re.compile(rb"<c [^>]*\bcm=\""), _DYNAMIC),
)


def _has(xml: bytes, needles: tuple[bytes, ...], pattern: re.Pattern[bytes]) -> bool:
    return any(n in xml for n in needles) and pattern.search(xml) is not None


_KNOWN_EXT = re.compile(
    rb"sparklineGroup|x14:conditionalFormatting|x14:dataValidation|slicerList|timelineRefs"
)
# Elements of a drawing part.
_DRAWING_MARKERS = (
    (re.compile(rb"<(\w+:)?pic\b"), _IMAGES),
    (re.compile(rb"<(\w+:)?(sp|grpSp|cxnSp)\b"), _SHAPES),
    (re.compile(rb"<(\w+:)?contentPart\b"), _OBJECTS),
    (re.compile(rb"<(\w+:)?AlternateContent\b"), _OBJECTS),
)
_GRAPHIC_URI = re.compile(rb'graphicData\s+uri="([^"]+)"')
_CHART_URI = b"http://schemas.openxmlformats.org/drawingml/2006/chart"
_REL = re.compile(rb"<Relationship\b[^>]*>")
_ATTR = re.compile(rb'(\w+)="([^"]*)"')
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")


def tag_attributes(tag: bytes) -> dict[str, str]:
    """The attributes of an XML start tag (names without their prefix)."""
    return {k.decode(): v.decode("utf-8", "replace") for k, v in _ATTR.findall(tag)}


def relationships(zf: zipfile.ZipFile, part: str) -> list[dict[str, str]]:
    """Relationships of ``part`` with absolute targets (empty when it has none)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    try:
        data = zf.read(rels_name)
    except KeyError:
        return []
    out = []
    for tag in _REL.findall(data):
        a = tag_attributes(tag)
        if a.get("TargetMode") == "External":
            continue
        target = a.get("Target", "")
        a["Target"] = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        out.append(a)
    return out


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part -> sheet name, from the workbook and its relationships."""
    try:
        workbook = zf.read("xl/workbook.xml")
    except KeyError:
        return {}
    targets = {r.get("Id"): r["Target"] for r in relationships(zf, "xl/workbook.xml")}
    out = {}
    for tag in _SHEET.findall(workbook):
        a = tag_attributes(tag)
        rid = next((v for k, v in a.items() if k == "id"), None)
        name = a.get("name", "")
        if rid in targets:
            out[targets[rid]] = _unescape(name)
    return out


def _unescape(text: str) -> str:
    from html import unescape

    return unescape(text)


def lossy_parts(path: str | os.PathLike[str], *, keep_vba: bool = False) -> list[Loss]:
    """What openpyxl would drop if it rewrote ``path`` (call after :func:`check_file`).

    ``keep_vba``: the workbook is loaded with openpyxl's ``keep_vba``, which copies the
    VBA project and unreferenced custom ribbon parts back; they are then not losses.
    """
    try:
        return _lossy_parts(path, keep_vba)
    except DAMAGED as exc:
        raise _error(Path(path), "est endommagé.", _RESAVE) from exc


def has_macros(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` carries a VBA project (an .xlsm)."""
    with zipfile.ZipFile(path) as zf:
        return "xl/vbaProject.bin" in zf.namelist()


def _lossy_parts(path: str | os.PathLike[str], keep_vba: bool) -> list[Loss]:
    losses: list[Loss] = []

    def add(what: str, sheet: str | None = None) -> None:
        loss = Loss(what, sheet)
        if loss not in losses:
            losses.append(loss)

    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        sheets = sheet_parts(zf)
        for part, sheet in sheets.items():
            try:
                xml = zf.read(part)
            except KeyError:
                continue
            for needles, marker, what in _SHEET_MARKERS:
                if _has(xml, needles, marker):
                    add(what, sheet)
            ext = xml.rfind(b"<extLst")
            if ext >= 0 and not _KNOWN_EXT.search(xml, ext):
                add(_EXTENSIONS, sheet)
            for rel in relationships(zf, part):
                target = rel["Target"]
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                if kind == "drawing" and target in names:
                    drawing = zf.read(target)
                    for marker, what in _DRAWING_MARKERS:
                        if marker.search(drawing):
                            add(what, sheet)
                    if any(uri != _CHART_URI for uri in _GRAPHIC_URI.findall(drawing)):
                        add(_OBJECTS, sheet)
                elif kind == "threadedComment":
                    add(_THREADED, sheet)
                elif kind in ("ctrlProp", "control"):
                    add(_CONTROLS, sheet)
                elif kind in ("oleObject", "package"):
                    add(_OBJECTS, sheet)
                elif kind in ("slicer", "timeline"):
                    add(_SLICERS, sheet)
                elif kind == "image":
                    add(_BACKGROUND, sheet)
        root_targets = {r["Target"] for r in relationships(zf, "")}
        for name in names:
            if name.endswith("/"):
                continue
            if keep_vba and (
                name == "xl/vbaProject.bin"
                or (name.startswith("customUI/") and name not in root_targets)
            ):
                continue  # copied back by openpyxl's keep_vba
            dropped = next(
                (what for prefix, what in _DROPPED_PARTS if name.startswith(prefix)), None
            )
            if dropped is not None:
                if not any(loss.what == dropped for loss in losses):
                    add(dropped)
            elif not _KEPT.match(name) and name not in sheets:
                add(f"contenu non reconnu (« {name} »)")
    return losses


def lossy_error(path: str | os.PathLike[str], losses: list[Loss]) -> ClasseurError:
    """The refusal to rewrite ``path`` in place, suggesting ``-o NOUVEAU.xlsx``."""
    p = Path(path)
    listing = "; ".join(str(loss) for loss in losses)
    return ClasseurError(
        f"Le classeur « {p.name} » contient des éléments que Classeur ne sait pas "
        f"conserver en réécrivant le fichier : {listing}. Pour ne rien perdre, il n'a pas "
        "été modifié.",
        hint=f"Relancez la commande avec « {outputs.OUTPUT_OPTION} NOUVEAU.xlsx » pour écrire "
        "le résultat dans un nouveau fichier (sans ces éléments), ou lancez-la depuis le "
        "ruban Classeur dans Excel, qui conserve tout.",
    )


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
