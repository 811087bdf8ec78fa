"""The parts of an .xlsx package, read without parsing the workbook: sheets, relationships,
tag attributes."""

from __future__ import annotations

import posixpath
import re
import zipfile

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


DEFAULT_WORKBOOK = "xl/workbook.xml"


def main_part(zf: zipfile.ZipFile) -> str | None:
    """The package's main document (the workbook of an .xlsx, the body of a .docx), as the
    package's own relationships name it: Excel always writes ``xl/workbook.xml``, other
    valid writers may put it elsewhere. None when the package names none."""
    for rel in relationships(zf, ""):
        if rel.get("Type", "").endswith("/officeDocument") and rel["Target"] in zf.NameToInfo:
            return rel["Target"]
    return None


def workbook_part(zf: zipfile.ZipFile) -> str:
    """The workbook part of an .xlsx package (``xl/workbook.xml`` when none is named)."""
    main = main_part(zf)
    return main if main is not None and main.endswith(".xml") else DEFAULT_WORKBOOK


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part -> sheet name, from the workbook and its relationships."""
    part = workbook_part(zf)
    try:
        workbook = zf.read(part)
    except KeyError:
        return {}
    targets = {r.get("Id"): r["Target"] for r in relationships(zf, part)}
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
