"""The typography test: every output of both demos — the workbook's cells as written
(text, and the words inside its formulas), the rencontres' HTML and text files, every
document exported in every format (PDF read with pdftotext, Word read back, the .xlsx
copy, the e-mail: subject, bodies, calendar invitation) — has no ordinary space before
« : » or inside « », no « (s) » after a number, no straight apostrophe, no ISO date in
running text, no decimal point in a number, no English word."""

from __future__ import annotations

import email
import shutil
import subprocess
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as WordDocument

from classeur.cli.main import cli
from classeur.files import xlsx_read
from classeur.layout import outputs, vocabulary
from tests.conftest import needs_libreoffice
from tests.typography import html_text, pdf_faults, scan, workbook_cells

pytestmark = [
    needs_libreoffice,
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler absent"),
]

# The documents of a classeur that are not a rencontre's (fiche and plan: réseaux only).
OTHER_DOCUMENTS = {
    vocabulary.MODELE_CAR: ("bilan", "grille", "classeur"),
    vocabulary.MODELE_RESEAU: ("bilan", "grille", "classeur", "fiche", "plan"),
}


def _run(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.output


def _outputs(folder: Path, modele: str) -> list[Path]:
    """The demo after every command that writes in it, its rencontres' files, and every
    document it can export, in every format."""
    path = folder / "demo.xlsx"
    _run("demo", "-o", str(path), "-m", modele)
    for command in (["fiche"], ["plan"]) if modele == vocabulary.MODELE_RESEAU else ():
        _run(*command, str(path))
    _run("compiler", str(path))
    _run("bilan", str(path))
    exports = folder / "exports"
    exports.mkdir()
    meetings = xlsx_read.read_classeur(path).meetings
    asked = [["-d", d] for d in OTHER_DOCUMENTS[modele]]
    asked += [
        ["-r", str(m.numero), "-d", d] for m in meetings for d in (outputs.DOC_ODJ, outputs.DOC_CR)
    ]
    for args in asked:
        # The .xlsx copy of one document is enough: every copy is made the same way.
        formats = "pdf,docx,eml,xlsx" if args == ["-d", "classeur"] else "pdf,docx,eml"
        _run("exporter", str(path), *args, "-f", formats, "-o", str(exports))
    return sorted(p for p in [*folder.iterdir(), *exports.iterdir()] if p.is_file())


def _eml(path: Path) -> list[tuple[str, str]]:
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    found = [(f"{path.name} (objet)", str(msg["Subject"]))]
    for part in msg.walk():
        kind = part.get_content_type()
        if kind == "text/plain" and not part.get_filename():
            found.append((f"{path.name} (texte)", part.get_content()))
        elif kind == "text/html":
            found.append((f"{path.name} (HTML)", html_text(part.get_content())))
        elif kind == "text/calendar":
            ics = part.get_payload(decode=True).decode("utf-8")
            found += [(f"{path.name} (invitation)", _ics_text(ics))]
    return found


def _texts(path: Path) -> list[tuple[str, str]]:
    """(where, text a reader sees) of an output file."""
    if path.suffix == ".txt":
        return [(path.name, path.read_text(encoding="utf-8"))]
    if path.suffix == ".html":
        return [(path.name, html_text(path.read_text(encoding="utf-8")))]
    if path.suffix == ".docx":
        d = WordDocument(str(path))
        cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
        parts = [*(p.text for p in d.paragraphs), *cells]
        for s in d.sections:
            parts += [p.text for p in (*s.header.paragraphs, *s.footer.paragraphs)]
        return [(path.name, "\n".join(parts))]
    if path.suffix == ".pdf":
        out = subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
        )
        return [(f"{path.name} (PDF)", out.stdout)]
    if path.suffix == ".xlsx":
        return workbook_cells(path)
    if path.suffix == ".eml":
        return _eml(path)
    return []


def _ics_text(ics: str) -> str:
    """What a member reads of the invitation: its summary, description and place."""
    import icalendar

    event = next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))
    return "\n".join(str(event.get(k, "")) for k in ("summary", "description", "location"))


@pytest.fixture(scope="module", params=vocabulary.MODELES)
def read(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list:
    """(where, text) of every output of a demo, each kind of file read, with words in it
    (an empty reading would find nothing)."""
    files = _outputs(tmp_path_factory.mktemp(request.param), request.param)
    kinds = {p.suffix for p in files}
    assert {".txt", ".html", ".docx", ".eml", ".pdf", ".xlsx"} <= kinds
    found = [(where, text) for p in files for where, text in _texts(p)]
    for kind in kinds:
        assert any(where.split(" ")[0].endswith(kind) and text.strip() for where, text in found)
    assert any("(invitation)" in where for where, _ in found)
    return found


def _faults(read: list[tuple[str, str]]) -> list[str]:
    return [
        f
        for where, text in read
        for f in (pdf_faults(text, where) if where.endswith("(PDF)") else scan(text, where))
    ]


def test_no_typography_fault_in_any_document(read: list[tuple[str, str]]) -> None:
    """The rencontres' files, every exported document (PDF, Word, e-mail, invitation)."""
    faults = _faults([(w, t) for w, t in read if ".xlsx" not in w])
    assert not faults, f"{len(faults)} fautes :\n" + "\n".join(faults[:60])


def test_no_typography_fault_in_the_workbook(read: list[tuple[str, str]]) -> None:
    """The demo after every command and its exported .xlsx copy: every cell as written."""
    faults = _faults([(w, t) for w, t in read if ".xlsx" in w])
    assert not faults, f"{len(faults)} fautes :\n" + "\n".join(faults[:60])


def test_the_scan_finds_what_a_copy_editor_would() -> None:
    bad = "Présents : 8 présent(s). L'élève « Léa » a 0.5 jour le 2026-10-15, see the file."
    rules = {f.split(" | ")[1] for f in scan(bad, "x")}
    assert rules >= {
        "espace ordinaire avant « : »",
        "espace ordinaire dans « »",
        "« (s) »",
        "apostrophe droite",
        "date ISO dans le texte",
        "point décimal",
    }
    assert any("mot anglais" in r for r in rules)
    good = "Présents\u00a0: 8. L’élève «\u00a0Léa\u00a0» a 0,5 jour le 15 octobre 2026."
    assert scan(good, "x") == []
