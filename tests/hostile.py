"""A corpus of hostile files, generated in code (nothing binary is committed).

Each entry builds one file from a clean demo classeur and says what must happen to it:
``refused`` entries must be refused with a French message containing ``expect``;
``classeur`` entries are (messy but) valid classeurs: a command may work on them, and
``check`` says what must still hold in the file afterwards.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils.cell import range_boundaries

from classeur.domain import demo
from classeur.files import lossy, xlsx_new, xlsx_package, xlsx_read
from classeur.layout import structure
from tests import bombs


@dataclass(frozen=True)
class Hostile:
    name: str
    build: Callable[[Path, Path], Path]  # (folder, clean demo classeur) -> the file
    expect: str | None = None  # refused: a phrase of the French message (case-insensitive)
    check: Callable[[Path], None] | None = None  # classeur: what must still hold after
    rewritable: bool = True  # False: a command that rewrites it in place must refuse
    lenient: bool = False  # a reader may also read it correctly (python-calamine does)


# --------------------------------------------------------------------------------------
# Zip surgery
# --------------------------------------------------------------------------------------
def zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def sheet_part(path: Path, sheet: str) -> str:
    with zipfile.ZipFile(path) as zf:
        parts = xlsx_package.sheet_parts(zf)
    return next(part for part, name in parts.items() if name == sheet)


def patch_sheet(src: Path, dst: Path, sheet: str, edit: Callable[[str], str]) -> Path:
    parts = zip_parts(src)
    part = sheet_part(src, sheet)
    parts[part] = edit(parts[part].decode("utf-8")).encode("utf-8")
    return write_zip(dst, parts)


def add_cells(xml: str, cells: str) -> str:
    return xml.replace("</sheetData>", cells + "</sheetData>", 1)


# --------------------------------------------------------------------------------------
# OLE compound files (what .xls and encrypted .xlsx are), written by hand: one stream
# --------------------------------------------------------------------------------------
def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal valid Compound File Binary (v3, 512-byte sectors), streams >= 4096 bytes."""
    end, free, fat_sect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    data = {n: s.ljust(4096, b"\0") for n, s in streams.items()}
    fat = [fat_sect, end]  # sector 0: FAT, sector 1: directory
    starts = {}
    body = b""
    for name, content in data.items():
        n = len(content) // 512 + (1 if len(content) % 512 else 0)
        start = len(fat)
        starts[name] = start
        fat += [start + i + 1 for i in range(n - 1)] + [end]
        body += content.ljust(n * 512, b"\0")
    assert len(fat) <= 128
    fat_sector = b"".join(struct.pack("<I", x) for x in fat + [free] * (128 - len(fat)))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", nostream, right, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    names = list(data)
    entries = [entry("Root Entry", 5, 1 if names else nostream, nostream, end, 0)]
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else nostream
        entries.append(entry(name, 2, nostream, right, starts[name], len(streams[name])))
    directory = b"".join(entries).ljust(512, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIII", 0, 1, 1, 0)
        + struct.pack("<IIIII", 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    assert len(header) == 512
    return header + fat_sector + directory + body


# --------------------------------------------------------------------------------------
# A classeur made with XlsxWriter, with an image and a shape (text box) on Accueil
# --------------------------------------------------------------------------------------
def png_bytes() -> bytes:
    """A 2x2 red PNG (no Pillow needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\0" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def xlsxwriter_classeur(src: Path, dst: Path) -> Path:
    """Copy classeur ``src`` cell by cell and table by table with XlsxWriter, then add an
    image and a text box on the Accueil sheet (what a teacher decorating it would do)."""
    import xlsxwriter

    wb = load_workbook(src)
    out = xlsxwriter.Workbook(str(dst))
    date_fmt = out.add_format({"num_format": "yyyy-mm-dd"})
    time_fmt = out.add_format({"num_format": "h:mm"})
    for ws in wb.worksheets:
        xs = out.add_worksheet(ws.title)
        for row in ws.iter_rows():
            for c in row:
                v, r, col = c.value, c.row - 1, c.column - 1
                if v is None:
                    continue
                if c.data_type == "f" and isinstance(v, str):
                    xs.write_formula(r, col, v)
                elif isinstance(v, dt.time):
                    xs.write_datetime(r, col, v, time_fmt)
                elif isinstance(v, dt.date):
                    xs.write_datetime(r, col, v, date_fmt)
                elif isinstance(v, str):
                    xs.write_string(r, col, v)
                else:
                    xs.write(r, col, v)
        for t in ws.tables.values():
            min_col, min_row, max_col, max_row = range_boundaries(t.ref)
            headers = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
            xs.add_table(
                min_row - 1,
                min_col - 1,
                max_row - 1,
                max_col - 1,
                {"name": t.displayName, "columns": [{"header": h} for h in headers]},
            )
        if ws.sheet_state == "hidden":
            xs.hide()
        if ws.title == structure.SHEET_ACCUEIL:
            xs.activate()
            xs.insert_image(
                "D2", "logo.png", {"image_data": io.BytesIO(png_bytes()), "x_scale": 20}
            )
            xs.insert_textbox("D8", "Notre équipe de 1re année", {"width": 240, "height": 60})
    out.close()
    return dst


def assert_image_and_shape_kept(path: Path) -> None:
    whats = {loss.what for loss in lossy.lossy_parts(path)}
    assert "images" in whats and "formes ou zones de texte" in whats, whats


# --------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------
def _bytes(name: str, data: bytes) -> Callable[[Path, Path], Path]:
    def build(folder: Path, base: Path) -> Path:
        p = folder / name
        p.write_bytes(data)
        return p

    return build


def _truncated(folder: Path, base: Path) -> Path:
    data = base.read_bytes()
    p = folder / "tronque.xlsx"
    p.write_bytes(data[: len(data) // 2])
    return p


def _encrypted(folder: Path, base: Path) -> Path:
    p = folder / "chiffre.xlsx"
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:  # the CFB shape of an encrypted file, written by hand
        p.write_bytes(ole_file({"EncryptionInfo": b"\4\0\4\0", "EncryptedPackage": b"x"}))
        return p
    out = io.BytesIO()
    with base.open("rb") as fh:
        OOXMLFile(fh).encrypt("secret", out)
    p.write_bytes(out.getvalue())
    return p


def _corrupted_member(folder: Path, base: Path) -> Path:
    """A zip whose directory is fine but one compressed part is garbage."""
    p = folder / "abime.xlsx"
    data = bytearray(base.read_bytes())
    with zipfile.ZipFile(base) as zf:
        info = zf.getinfo(sheet_part(base, structure.SHEET_EQUIPE))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + min(info.compress_size, 200)):
        data[i] ^= 0x5A
    p.write_bytes(bytes(data))
    return p


def _ods(folder: Path, base: Path) -> Path:
    return write_zip(
        folder / "libreoffice.xlsx",
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": b"<office:document-content/>",
        },
    )


def _docx(folder: Path, base: Path) -> Path:
    return write_zip(
        folder / "document.xlsx",
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"},
    )


def _xlsb(folder: Path, base: Path) -> Path:
    return write_zip(
        folder / "binaire.xlsx",
        {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\0" * 64},
    )


def _zip_bomb(folder: Path, base: Path) -> Path:
    """60 MB of text in one cell, in a file of about 100 KB (the real bomb was 1.5 GB)."""
    p = folder / "bombe.xlsx"
    parts = zip_parts(base)
    part = sheet_part(base, structure.SHEET_EQUIPE)
    head, _, tail = parts[part].partition(b"<sheetData>")
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in parts.items():
            if name != part:
                zf.writestr(name, data)
        with zf.open(part, "w", force_zip64=True) as fh:
            fh.write(head + b'<sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>')
            block = b"a" * (1024 * 1024)
            for _ in range(60):
                fh.write(block)
            fh.write(b"</t></is></c></row>" + tail)
    return p


def _entity_bomb(folder: Path, base: Path) -> Path:
    doctype = (
        '<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
        + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
        + "]>"
    )

    def edit(x: str) -> str:
        x = add_cells(x, '<row r="3"><c r="A3" t="inlineStr"><is><t>&lol9;</t></is></c></row>')
        return '<?xml version="1.0"?>' + doctype + x

    return patch_sheet(base, folder / "entites.xlsx", structure.SHEET_EQUIPE, edit)


def _far_cell(folder: Path, base: Path) -> Path:
    return patch_sheet(
        base,
        folder / "loin.xlsx",
        "R1",
        lambda x: add_cells(
            x, '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>z</t></is></c></row>'
        ),
    )


def _far_cell_in_table_sheet(folder: Path, base: Path) -> Path:
    """On a sheet holding a table: python-calamine would allocate 17 billion cells."""
    return patch_sheet(
        base,
        folder / "loin-grille.xlsx",
        structure.SHEET_GRILLE,
        lambda x: add_cells(x, '<row r="1048576"><c r="XFD1048576"><v>3</v></c></row>'),
    )


def _far_empty_cell(folder: Path, base: Path) -> Path:
    """A FORMATTED but empty cell at the bottom right: harmless, must not cost memory."""
    return patch_sheet(
        base,
        folder / "loin-vide.xlsx",
        "R1",
        lambda x: re.sub(
            r'<dimension ref="[^"]*"/>',
            '<dimension ref="A1:XFD1048576"/>',
            add_cells(x, '<row r="1048576"><c r="XFD1048576" s="0"/></row>'),
        ),
    )


def _huge_merge(folder: Path, base: Path) -> Path:
    cell = '<mergeCell ref="C30:XFD1048576"/>'

    def edit(x: str) -> str:
        if "<mergeCells" in x:
            return re.sub(
                r'<mergeCells count="(\d+)">',
                lambda m: f'<mergeCells count="{int(m.group(1)) + 1}">{cell}',
                x,
                count=1,
            )
        return x.replace(
            "</sheetData>", f'</sheetData><mergeCells count="1">{cell}</mergeCells>', 1
        )

    return patch_sheet(base, folder / "fusion-geante.xlsx", structure.SHEET_ACCUEIL, edit)


def _stretched_table(folder: Path, base: Path) -> Path:
    """tblSuivi stretched to the last row of the sheet (Excel allows it)."""
    parts = zip_parts(base)
    for name, data in parts.items():
        if name.startswith("xl/tables/") and b'displayName="tblSuivi"' in data:
            parts[name] = re.sub(rb'ref="A4:G(\d+)"', b'ref="A4:G1048576"', data)
    return write_zip(folder / "tableau-etire.xlsx", parts)


def _illegal_xml_char(folder: Path, base: Path) -> Path:
    return patch_sheet(
        base,
        folder / "caractere-illegal.xlsx",
        structure.SHEET_EQUIPE,
        lambda x: x.replace("<t>", "<t>&#1;", 1),
    )


def _control_chars(folder: Path, base: Path) -> Path:
    """What Excel writes for control characters (_x0001_), plus tabs and line breaks."""
    p = folder / "controle.xlsx"
    wb = load_workbook(base)
    ws = wb[structure.SHEET_EQUIPE]
    ws.cell(row=structure.TABLE_HEADER_ROW + 1, column=1).value = "Ana_x0001_ïs\tB\nC"
    wb.save(p)
    return p


def _check_control_chars(p: Path) -> None:
    c = xlsx_read.read_classeur(p)
    assert c.members[0].prenom == "Ana_x0001_ïs\tB\nC"


LONG_TEXT = ("Long texte « accentué » =pas une formule; " * 1000)[:32767]


def _long_cell(folder: Path, base: Path) -> Path:
    p = folder / "long.xlsx"
    wb = load_workbook(base)
    ws = wb[structure.SHEET_SUIVI]
    notes = structure.SUIVI.headers.index(structure.SUIVI.column("notes").header) + 1
    ws.cell(row=structure.TABLE_HEADER_ROW + 1, column=notes).value = LONG_TEXT
    wb.save(p)
    return p


def _check_long_cell(p: Path) -> None:
    assert xlsx_read.read_classeur(p).actions[0].notes == LONG_TEXT


def _merged_in_table(folder: Path, base: Path) -> Path:
    p = folder / "fusion-tableau.xlsx"
    wb = load_workbook(base)
    wb[structure.SHEET_EQUIPE].merge_cells("B6:C6")
    wb.save(p)
    return p


def _hidden_rows(folder: Path, base: Path) -> Path:
    p = folder / "lignes-masquees.xlsx"
    wb = load_workbook(base)
    ws = wb[structure.SHEET_EQUIPE]
    for r in (6, 7):
        ws.row_dimensions[r].hidden = True
    wb.save(p)
    return p


def _check_hidden_rows(p: Path) -> None:
    assert len(xlsx_read.read_classeur(p).members) == len(demo.demo().members)


def _not_a_classeur(folder: Path, base: Path) -> Path:
    p = folder / "autre-classeur.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Liste d'épicerie"
    wb.save(p)
    return p


def _set_version(src: Path, dst: Path, version: str) -> Workbook:
    wb = load_workbook(src)
    ws = wb[structure.SHEET_PARAMETRES]
    for row in ws.iter_rows():
        if row[0].value == structure.PARAM_SCHEMA:
            row[1].value = version
    return wb


def _newer(folder: Path, base: Path) -> Path:
    p = folder / "futur.xlsx"
    _set_version(base, p, "99").save(p)
    return p


def version_zero(folder: Path, base: Path) -> Path:
    """A hand-made format-0 classeur: no « Service » column in the team table."""
    from classeur.files import xlsx_cells, xlsx_tables

    p = folder / "ancien.xlsx"
    model = xlsx_read.read_classeur(base)
    wb = xlsx_new.build_workbook(model)
    old = wb[structure.SHEET_EQUIPE]
    index = wb.index(old)
    wb.remove(old)
    ws = wb.create_sheet(structure.SHEET_EQUIPE, index)
    spec = structure.EQUIPE
    old_spec = structure.TableSpec(
        spec.name,
        spec.sheet,
        spec.title,
        spec.subtitle,
        tuple(c for c in spec.columns if c.key != "service"),
    )
    xlsx_cells.write_title(ws, spec.title, spec.subtitle)
    xlsx_tables.write_table(
        ws,
        old_spec,
        [(m.prenom, m.nom, m.courriel, m.etablissement, m.fonction, m.role) for m in model.members],
    )
    params = wb[structure.SHEET_PARAMETRES]
    for row in params.iter_rows():
        if row[0].value == structure.PARAM_SCHEMA:
            row[1].value = "0"
    wb.save(p)
    return p


def _check_version_zero(p: Path) -> None:
    expected = demo.demo().members
    for m in expected:
        m.service = ""
    assert xlsx_read.read_classeur(p).members == expected


def _image_and_shape(folder: Path, base: Path) -> Path:
    return xlsxwriter_classeur(base, folder / "decore.xlsx")


def _check_image_and_shape(p: Path) -> None:
    assert_image_and_shape_kept(p)
    xlsx_read.read_classeur(p)


def _folder(folder: Path, base: Path) -> Path:
    p = folder / "dossier.xlsx"
    p.mkdir()
    return p


def _missing(folder: Path, base: Path) -> Path:
    return folder / "absent.xlsx"


def _lying(build: Callable[[Path, Path, str], Path], name: str) -> Callable[[Path, Path], Path]:
    """A zip bomb of ``tests.bombs`` in the Équipe sheet of the demo classeur."""

    def make(folder: Path, base: Path) -> Path:
        return build(base, folder / name, sheet_part(base, structure.SHEET_EQUIPE))

    return make


_rng = random.Random(7)
CORPUS: tuple[Hostile, ...] = (
    Hostile("vide", _bytes("vide.xlsx", b""), expect="est vide"),
    Hostile(
        "octets-au-hasard",
        _bytes("hasard.xlsx", b"\0\1" + _rng.randbytes(5000)),
        expect="n'est pas un classeur Excel",
    ),
    Hostile(
        "csv-renomme",
        _bytes("liste.xlsx", "Prénom;Nom;Courriel\nAna;Roy;a@ex.ca\n".encode()),
        expect="CSV",
    ),
    Hostile(
        "html-renomme",
        _bytes("page.xlsx", b"<html><body><table></table></body></html>"),
        expect="HTML",
    ),
    Hostile("tronque", _truncated, expect="tronqué"),
    Hostile("chiffre", _encrypted, expect="mot de passe"),
    Hostile(
        "xls-renomme",
        _bytes("ancien-excel.xlsx", ole_file({"Workbook": b"\x09\x08" + b"\0" * 100})),
        expect="(.xls)",
    ),
    Hostile("ods-renomme", _ods, expect="(.ods)"),
    Hostile("docx-renomme", _docx, expect="document Word"),
    Hostile("xlsb-renomme", _xlsb, expect="(.xlsb)"),
    Hostile("zip-abime", _corrupted_member, expect="endommagé"),
    Hostile("bombe-zip", _zip_bomb, expect="bombe ZIP"),
    Hostile("bombe-entites-xml", _entity_bomb, expect="DOCTYPE"),
    Hostile("bombe-bzip2-menteuse", _lying(bombs.bzip2_bomb, "bzip2.xlsx"), expect="bzip2"),
    Hostile(
        "bombe-deflate64-menteuse",
        _lying(bombs.deflate64_bomb, "deflate64.xlsx"),
        expect="Deflate64",
    ),
    Hostile(
        "deflate-taille-menteuse",
        _lying(bombs.lying_deflate, "menteur.xlsx"),
        expect="ne sont pas les vraies",
    ),
    Hostile("partie-en-double", _lying(bombs.duplicated_part, "double.xlsx"), expect="deux fois"),
    # Excel itself calls it damaged; what Classeur says is that it cannot read it.
    Hostile("caractere-xml-illegal", _illegal_xml_char, expect="ne sait pas lire", lenient=True),
    Hostile("cellule-XFD1048576", _far_cell, expect="XFD1048576"),
    Hostile("cellule-XFD1048576-grille", _far_cell_in_table_sheet, expect="XFD1048576"),
    Hostile("fusion-geante", _huge_merge, expect="zone démesurée"),
    Hostile("fusion-dans-un-tableau", _merged_in_table, expect="cellules fusionnées (B6:C6)"),
    Hostile("pas-un-classeur", _not_a_classeur, expect="n'est pas un classeur"),
    Hostile("version-future", _newer, expect="version plus récente"),
    Hostile("dossier", _folder, expect="est un dossier"),
    Hostile("absent", _missing, expect="introuvable"),
    # Messy but valid classeurs: read correctly, nothing lost.
    Hostile("cellule-vide-lointaine", _far_empty_cell, check=_check_hidden_rows),
    Hostile("tableau-etire", _stretched_table, check=_check_hidden_rows),
    Hostile("caracteres-de-controle", _control_chars, check=_check_control_chars),
    Hostile("cellule-32767-caracteres", _long_cell, check=_check_long_cell),
    Hostile("lignes-masquees", _hidden_rows, check=_check_hidden_rows),
    Hostile("version-0", version_zero, check=_check_version_zero),
    Hostile(
        "image-et-forme-xlsxwriter",
        _image_and_shape,
        check=_check_image_and_shape,
        rewritable=False,
    ),
)


def build_corpus(folder: Path) -> dict[str, tuple[Hostile, Path]]:
    """Write every hostile file into ``folder``; name -> (entry, path)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = xlsx_new.write_classeur(demo.demo(), folder / "base-demo.xlsx")
    out = {}
    for h in CORPUS:
        sub = folder / h.name
        sub.mkdir()
        out[h.name] = (h, h.build(sub, base))
    return out
