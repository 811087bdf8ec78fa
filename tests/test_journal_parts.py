"""Logging an export in a classeur openpyxl cannot rewrite without loss (images, shapes,
OneDrive properties): only the journal's sheet and table parts are edited, every other
part is kept byte for byte, and the row reads back in openpyxl and LibreOffice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from classeur.domain import demo, journal
from classeur.errors import ClasseurError
from classeur.files import lossy, safewrite, xlsx_new, xlsx_parts, xlsx_read
from classeur.layout import outputs, structure
from tests import exporting
from tests.conftest import needs_libreoffice, recalculated
from tests.hostile import (
    assert_image_and_shape_kept,
    sheet_part,
    write_zip,
    xlsxwriter_classeur,
    zip_parts,
)

NOW = dt.datetime(2026, 11, 25, 9, 30)
ONEDRIVE = b'<?xml version="1.0"?><ds:datastoreItem xmlns:ds="urn:x"/>'


def _journal_rows(path: Path) -> list[tuple]:
    ws = load_workbook(path)[structure.SHEET_JOURNAL]
    ref = ws.tables[structure.JOURNAL.name].ref
    return [tuple(c.value for c in row) for row in ws[ref]][1:]


def _journal_table_part(parts: dict[str, bytes]) -> str:
    return next(n for n, d in parts.items() if n.startswith("xl/tables/") and b"tblJournal" in d)


def _onedrive_classeur(tmp_path: Path) -> Path:
    """A classeur Classeur wrote, then synced by OneDrive (customXml: openpyxl drops it)."""
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "base.xlsx")
    parts = zip_parts(path)
    parts["customXml/item1.xml"] = ONEDRIVE
    return write_zip(tmp_path / "equipe.xlsx", parts)


def test_a_new_classeur_has_an_empty_formatted_journal(demo_path: Path) -> None:
    ws = load_workbook(demo_path)[structure.SHEET_JOURNAL]
    assert ws.tables[structure.JOURNAL.name].ref == "A4:F5"
    assert [c.value for c in ws[5]] == [None] * 6
    assert ws["A5"].number_format == structure.JOURNAL_DATETIME_FORMAT
    assert journal.existing_rows(lambda name: [list(r) for r in ws.values]) == []


def test_export_of_a_onedrive_classeur_is_logged_and_nothing_else_changes(
    tmp_path: Path,
) -> None:
    path = _onedrive_classeur(tmp_path)
    assert lossy.lossy_parts(path)  # openpyxl would drop the OneDrive part
    before = zip_parts(path)
    exporting.export(path, outputs.DOC_RENCONTRE, 1, ["docx"], outdir=tmp_path, now=NOW)
    exporting.export(path, outputs.DOC_RENCONTRE, 2, ["docx"], outdir=tmp_path, now=NOW)
    after = zip_parts(path)
    journal_table = _journal_table_part(after)
    changed = {name for name in before if before[name] != after[name]}
    assert set(after) == set(before)
    assert changed == {sheet_part(path, structure.SHEET_JOURNAL), journal_table}
    assert after["customXml/item1.xml"] == ONEDRIVE
    rows = _journal_rows(path)
    assert rows == [
        (NOW, "Rencontre 1 du mardi 15 septembre 2026", "docx", "(non précisé)", "Non",
         "equipe-R1.docx"),
        (NOW, "Rencontre 2 du mardi 20 octobre 2026", "docx", "(non précisé)", "Non",
         "equipe-R2.docx"),
    ]  # fmt: skip
    # The date is a real date with the journal's format (copied from the row above).
    ws = load_workbook(path)[structure.SHEET_JOURNAL]
    assert ws["A6"].number_format == structure.JOURNAL_DATETIME_FORMAT
    assert ws["B6"].alignment.wrap_text
    assert len(safewrite.backups(path)) == 2  # each edit kept the previous version
    xlsx_read.read_classeur(path)  # still a classeur


@needs_libreoffice
def test_libreoffice_reads_the_appended_rows(tmp_path: Path) -> None:
    path = _onedrive_classeur(tmp_path)
    entry = ["=1+1", "« Texte » & <balises>", 3, None, "Oui", "f.docx"]
    xlsx_parts.append_table_row(path, structure.JOURNAL.name, [NOW, *entry[:5]])
    ws = recalculated(path, tmp_path / "lo")[structure.SHEET_JOURNAL]
    assert [c.value for c in ws[5]] == [NOW, "=1+1", "« Texte » & <balises>", 3, None, "Oui"]


def test_an_image_and_a_shape_survive_the_journal(tmp_path: Path) -> None:
    base = xlsx_new.write_classeur(demo.demo(), tmp_path / "base.xlsx")
    path = xlsxwriter_classeur(base, tmp_path / "decore.xlsx")
    result = exporting.export(path, outputs.DOC_RENCONTRE, 1, ["docx"], outdir=tmp_path, now=NOW)
    assert [p.name for p in result.files] == ["decore-R1.docx"]
    assert_image_and_shape_kept(path)
    (row,) = _journal_rows(path)
    # XlsxWriter wrote no format in the empty row: the date is written as readable text.
    assert row[0] == "2026-11-25 09:30" and row[1].startswith("Rencontre 1")


def test_something_below_the_table_is_never_overwritten(tmp_path: Path) -> None:
    path = _onedrive_classeur(tmp_path)
    xlsx_parts.append_table_row(path, structure.JOURNAL.name, [NOW, "a", "b", "c", "d", "e"])
    part = sheet_part(path, structure.SHEET_JOURNAL)
    parts = zip_parts(path)
    note = b'<row r="6"><c r="A6" t="inlineStr"><is><t>Note de Nadia</t></is></c></row>'
    parts[part] = parts[part].replace(b"</sheetData>", note + b"</sheetData>")
    write_zip(path, parts)
    before = path.read_bytes()
    with pytest.raises(ClasseurError, match="n'a pas pu être complété") as err:
        xlsx_parts.append_table_row(path, structure.JOURNAL.name, [NOW, "x", "y", "z", "w", "v"])
    assert "inscrivez la ligne à la main" in str(err.value)
    assert path.read_bytes() == before


def test_a_table_ending_with_a_totals_row_is_left_alone(tmp_path: Path) -> None:
    path = _onedrive_classeur(tmp_path)
    parts = zip_parts(path)
    table = _journal_table_part(parts)
    parts[table] = parts[table].replace(b'ref="A4:F5"', b'ref="A4:F5" totalsRowCount="1"', 1)
    write_zip(path, parts)
    before = path.read_bytes()
    with pytest.raises(ClasseurError, match="n'a pas pu être complété"):
        xlsx_parts.append_table_row(path, structure.JOURNAL.name, [NOW, "a", "b", "c", "d", "e"])
    assert path.read_bytes() == before


def test_an_older_classeur_without_journal_says_what_to_do(tmp_path: Path) -> None:
    path = _onedrive_classeur(tmp_path)
    wb_parts = zip_parts(path)
    table = _journal_table_part(wb_parts)
    wb_parts[table] = wb_parts[table].replace(b"tblJournal", b"tblAutre")
    write_zip(path, wb_parts)
    with pytest.raises(ClasseurError) as err:
        exporting.export(path, outputs.DOC_RENCONTRE, 1, ["docx"], outdir=tmp_path, now=NOW)
    message = str(err.value)
    assert "Les fichiers ont été écrits (equipe-R1.docx)" in message
    assert "Journal des envois" in message and "à la main" in message
    assert (tmp_path / "equipe-R1.docx").exists()


def test_a_row_in_a_prefixed_sheet_keeps_the_prefix() -> None:
    sheet = (
        b'<x:worksheet xmlns:x="urn:s"><x:dimension ref="A1:B2"/><x:sheetData>'
        b'<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>H</x:t></x:is></x:c></x:row>'
        b'<x:row r="2"><x:c r="A2" s="4"/><x:c r="B2" s="5"/></x:row>'
        b"</x:sheetData></x:worksheet>"
    )
    table = b'<table xmlns="urn:t" ref="A1:B2"><autoFilter ref="A1:B2"/></table>'
    new_sheet, new_table, row = xlsx_parts._patched(sheet, table, ["a & b", 7])
    assert row == 2
    assert (
        b'<x:row r="2"><x:c r="A2" s="4" t="inlineStr"><x:is><x:t xml:space="preserve">'
        b'a &amp; b</x:t></x:is></x:c><x:c r="B2" s="5"><x:v>7</x:v></x:c></x:row>'
    ) in new_sheet
    again, table2, row2 = xlsx_parts._patched(new_sheet, new_table, ["c", 8])
    assert row2 == 3 and b'ref="A1:B3"' in table2 and b'<x:dimension ref="A1:B3"/>' in again
    assert table2.count(b'ref="A1:B3"') == 2  # the table and its filter
