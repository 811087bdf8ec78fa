"""Edits of an .xlsx at the level of its parts, every other part kept byte for byte.

openpyxl rewrites a whole workbook and drops what it does not model (images, shapes…), so
a classeur a teacher decorated is never rewritten in place (see ``filecheck.lossy_parts``).
One small edit is still needed on such a classeur: logging an export in the Journal des
envois. :func:`append_table_row` does it by editing only two parts, the table's sheet and
the table itself: one row written below the table (or into its empty last row), the
table's range extended. The result is read back by openpyxl before it replaces the file
(atomically, the previous version kept as a backup).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from classeur.errors import ClasseurError
from classeur.files import filecheck, xlsx_package
from classeur.files.safewrite import write_atomic
from classeur.files.writelock import identity_of
from classeur.files.xlsx_cells import MAX_CELL_CHARS, clean_text
from classeur.layout.a1 import column_letter, range_ref

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_DATETIME_TEXT = "%Y-%m-%d %H:%M"  # a date written as text when its column has no format
_TABLE_TAG = re.compile(rb"<(?:\w+:)?table\b[^>]*>")
_AUTOFILTER_TAG = re.compile(rb"<(?:\w+:)?autoFilter\b[^>]*>")
_DIMENSION_TAG = re.compile(rb"<(?:\w+:)?dimension\b[^>]*>")
_REF_ATTR = re.compile(rb'(\sref=")[^"]*(")')
_SHEETDATA_END = re.compile(rb"</(?:\w+:)?sheetData>")
_EMPTY_SHEETDATA = re.compile(rb"<((?:\w+:)?)sheetData\s*/>")
_ROW = re.compile(rb'<((?:\w+:)?)row\b[^>]*?\br="(\d+)"[^>]*?(?:/>|>.*?</\1row>)', re.DOTALL)
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b([^>]*?)/?>")
_CELL_COLUMN = re.compile(rb'\br="([A-Z]{1,3})\d+"')
_CELL_STYLE = re.compile(rb'\bs="(\d+)"')
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is|f)\b")


class _Unpatchable(Exception):
    """The file does not have the shape this edit expects."""


@dataclass(frozen=True)
class _Area:
    first_col: int
    header: int
    last_col: int
    last: int

    def ref(self, last: int) -> bytes:
        return range_ref(self.header, self.first_col, last, self.last_col).encode()


def _area(ref: str) -> _Area:
    bounds = filecheck.range_area(ref)
    if bounds is None:
        raise _Unpatchable(f"range {ref!r}")
    top, left, bottom, right = bounds
    return _Area(left, top, right, bottom)


def _with_ref(xml: bytes, tag: re.Match[bytes], ref: bytes) -> bytes:
    fixed = _REF_ATTR.sub(lambda x: x.group(1) + ref + x.group(2), tag.group(0), count=1)
    return xml[: tag.start()] + fixed + xml[tag.end() :]


def _element(ns: bytes, name: bytes, attrs: bytes, body: bytes | None) -> bytes:
    """``<ns:name attrs>body</ns:name>`` (``<ns:name attrs/>`` without a body)."""
    if body is None:
        return b"<%s%s%s/>" % (ns, name, attrs)
    return b"<%s%s%s>%s</%s%s>" % (ns, name, attrs, body, ns, name)


def _cell(ref: str, value: Any, style: bytes | None, ns: bytes) -> bytes:
    """One cell element: text always as text (never a formula), numbers, dates as serial
    numbers when their column has a format (else as text: a bare serial means nothing)."""
    attrs = b' r="%s"' % ref.encode() + (b' s="%s"' % style if style is not None else b"")
    if value is None or value == "":
        return _element(ns, b"c", attrs, None)
    if isinstance(value, dt.datetime) and style is None:
        value = value.strftime(_DATETIME_TEXT)
    if isinstance(value, dt.datetime):
        number = repr(round((value - _EXCEL_EPOCH).total_seconds() / 86400, 8))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = repr(value)
    else:
        text = escape(clean_text(str(value))[:MAX_CELL_CHARS]).encode("utf-8")
        inline = _element(ns, b"t", b' xml:space="preserve"', text)
        return _element(ns, b"c", attrs + b' t="inlineStr"', _element(ns, b"is", b"", inline))
    return _element(ns, b"c", attrs, _element(ns, b"v", b"", number.encode()))


def _find_table(zf: zipfile.ZipFile, name: str) -> tuple[str, str]:
    """(sheet part, table part) of the table named ``name``."""
    for part in xlsx_package.sheet_parts(zf):
        for rel in xlsx_package.relationships(zf, part):
            if not rel.get("Type", "").endswith("/table"):
                continue
            tag = _TABLE_TAG.search(zf.read(rel["Target"]))
            attrs = xlsx_package.tag_attributes(tag.group(0)) if tag else {}
            if name in (attrs.get("displayName"), attrs.get("name")):
                return part, rel["Target"]
    raise _Unpatchable(f"no table {name}")


def _patched(sheet: bytes, table: bytes, values: list[Any]) -> tuple[bytes, bytes, int]:
    """The sheet and table parts with ``values`` in the table's next row, and that row."""
    tag = _TABLE_TAG.search(table)
    if tag is None:
        raise _Unpatchable("no table tag")
    attrs = xlsx_package.tag_attributes(tag.group(0))
    if attrs.get("totalsRowCount", "0") != "0":
        raise _Unpatchable("a totals row ends the table")
    area = _area(attrs.get("ref", ""))
    if area.last_col - area.first_col + 1 != len(values):
        raise _Unpatchable("columns")
    rows = {int(r.group(2)): r for r in _ROW.finditer(sheet)}
    last = rows.get(area.last)
    last_is_empty = last is None or _HAS_VALUE.search(last.group(0)) is None
    # A table's empty last row (a new journal's) is filled; otherwise a row is added.
    target = area.last if area.last > area.header and last_is_empty else area.last + 1
    if target != area.last and target in rows and _HAS_VALUE.search(rows[target].group(0)):
        raise _Unpatchable("something right below the table")
    # The new row looks like the table's last row (its formats: date, wrapped text).
    styles: dict[int, bytes] = {}
    if last is not None and area.last > area.header:
        for c in _CELL_TAG.finditer(last.group(0)):
            col, style = _CELL_COLUMN.search(c.group(1)), _CELL_STYLE.search(c.group(1))
            if col and style:
                styles[filecheck.column_number(col.group(1).decode())] = style.group(1)
    sample = last or next(iter(rows.values()), None)
    ns = sample.group(1) if sample is not None else b""  # the sheet's element prefix
    cells = b"".join(
        _cell(f"{column_letter(area.first_col + i)}{target}", v, styles.get(area.first_col + i), ns)
        for i, v in enumerate(values)
    )
    row = _element(ns, b"row", b' r="%d"' % target, cells)
    sheet = _insert_row(sheet, rows, target, row)
    if (dim := _DIMENSION_TAG.search(sheet)) is not None:
        sheet = _with_ref(sheet, dim, _dimension(dim, area, target))
    table = _with_ref(table, tag, area.ref(target))
    if (auto := _AUTOFILTER_TAG.search(table)) is not None:
        table = _with_ref(table, auto, area.ref(target))
    return sheet, table, target


def _dimension(dim: re.Match[bytes], area: _Area, row: int) -> bytes:
    """The sheet's used range (``<dimension ref>``) once ``row`` of ``area`` is written."""
    ref = xlsx_package.tag_attributes(dim.group(0)).get("ref", "")
    top, left, bottom, right = filecheck.range_area(ref) or (
        area.header,
        area.first_col,
        area.header,
        area.first_col,
    )
    return range_ref(top, left, max(bottom, row), max(right, area.last_col)).encode()


def _insert_row(sheet: bytes, rows: dict[int, re.Match[bytes]], target: int, row: bytes) -> bytes:
    if target in rows:  # an empty row element there (formats only): replaced
        old = rows[target]
        return sheet[: old.start()] + row + sheet[old.end() :]
    after = [r.start() for n, r in rows.items() if n > target]
    if after:
        return sheet[: min(after)] + row + sheet[min(after) :]
    if (end := _SHEETDATA_END.search(sheet)) is not None:
        return sheet[: end.start()] + row + sheet[end.start() :]
    if (empty := _EMPTY_SHEETDATA.search(sheet)) is not None:
        block = _element(empty.group(1), b"sheetData", b"", row)
        return sheet[: empty.start()] + block + sheet[empty.end() :]
    raise _Unpatchable("no sheetData")


def append_table_row(path: str | os.PathLike[str], table_name: str, values: list[Any]) -> int:
    """Write ``values`` as the new last row of table ``table_name`` in the .xlsx at
    ``path``, every other part of the file unchanged. Returns the sheet row written.

    A French ClasseurError (the file left as it was) when the file has no such table, when
    something sits right below it, or when the result does not read back as expected.
    """
    p = Path(path)
    expected = identity_of(p)  # before reading: the save checks it is still this file
    filecheck.check_file(p)
    try:
        with zipfile.ZipFile(p) as zf:
            sheet_part, table_part = _find_table(zf, table_name)
            sheet, table, row = _patched(zf.read(sheet_part), zf.read(table_part), values)
            entries = [(info, zf.read(info)) for info in zf.infolist()]
    except (_Unpatchable, KeyError, zipfile.BadZipFile) as exc:
        raise ClasseurError(
            f"Le tableau « {table_name} » de « {p.name} » n'a pas pu être complété sans "
            "réécrire le classeur; le fichier n'a pas été modifié.",
            hint="Ouvrez le classeur dans Excel et inscrivez la ligne à la main.",
        ) from exc
    replaced = {sheet_part: sheet, table_part: table}

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w") as out:
            for info, data in entries:
                out.writestr(info, replaced.get(info.filename, data))
        _check_row(tmp, table_name, row, values)

    write_atomic(p, write, expect=expected)
    return row


def _check_row(path: Path, table_name: str, row: int, values: list[Any]) -> None:
    """Read the edited file back with openpyxl: the table ends at ``row``, which holds
    ``values``; else the edit is abandoned (the file is left as it was)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    got: list[Any] = []
    for ws in wb.worksheets:
        if table_name in ws.tables:
            area = _area(ws.tables[table_name].ref)
            if area.last == row:
                cells = ws.iter_rows(
                    min_row=row, max_row=row, min_col=area.first_col, max_col=area.last_col
                )
                got = [c.value for c in next(cells)]
            break
    wb.close()
    if [_comparable(v) for v in got] != [_comparable(v) for v in values]:
        raise ClasseurError(
            f"La ligne ajoutée au tableau « {table_name} » ne se relit pas correctement; "
            "le fichier n'a pas été modifié.",
            hint="Ouvrez le classeur dans Excel et inscrivez la ligne à la main.",
        )


def _comparable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime(_DATETIME_TEXT)
    if isinstance(value, str):
        return clean_text(value)[:MAX_CELL_CHARS] or None
    return value
