"""The parts of an .xlsx package, read without parsing the workbook: sheets, relationships,
tag attributes, and whether a fast reader can be trusted with the file."""

from __future__ import annotations

import os
import posixpath
import re
import zipfile

from classeur.files.filecheck import MAX_COLUMNS, MAX_ROWS, range_area

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
