"""What a rewrite by openpyxl would lose from a valid .xlsx (images, shapes, threaded
comments, sparklines, slicers…), by sheet, so that a decorated classeur is never
rewritten in place without a word."""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from classeur.errors import ClasseurError
from classeur.files.filecheck import DAMAGED, RESAVE_HINT, file_error
from classeur.files.xlsx_package import relationships, sheet_parts
from classeur.layout import outputs

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


def lossy_parts(path: str | os.PathLike[str], *, keep_vba: bool = False) -> list[Loss]:
    """What openpyxl would drop if it rewrote ``path`` (call after :func:`check_file`).

    ``keep_vba``: the workbook is loaded with openpyxl's ``keep_vba``, which copies the
    VBA project and unreferenced custom ribbon parts back; they are then not losses.
    """
    try:
        return _lossy_parts(path, keep_vba)
    except DAMAGED as exc:
        raise file_error(Path(path), "est endommagé.", RESAVE_HINT) from exc


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
