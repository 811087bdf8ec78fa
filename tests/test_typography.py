"""The typography test: every document of both demos that Classeur writes from its own
text — the rencontres' HTML and text files, the e-mails (subject, bodies, invitation),
the Word files — has no ordinary space before « : » or inside « », no « (s) », no straight
apostrophe, no ISO date in running text, no decimal point, no English word."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as WordDocument

from classeur.cli.main import cli
from classeur.layout import vocabulary
from tests.conftest import needs_libreoffice
from tests.typography import html_text, scan

pytestmark = [needs_libreoffice, pytest.mark.libreoffice]

EXPORTS = {
    vocabulary.MODELE_CAR: (["-r", "2", "-d", "ordre-du-jour"], ["-r", "1", "-d", "compte-rendu"],
                            ["-d", "bilan"], ["-d", "grille"]),
    vocabulary.MODELE_RESEAU: (["-r", "2", "-d", "ordre-du-jour"],
                               ["-r", "1", "-d", "compte-rendu"], ["-d", "bilan"],
                               ["-d", "grille"], ["-d", "fiche"], ["-d", "plan"]),
}  # fmt: skip


def _outputs(folder: Path, modele: str) -> list[Path]:
    """Every file of the demo (its rencontres' documents) and its exports (Word, e-mail)."""
    path = folder / "demo.xlsx"
    out = CliRunner().invoke(cli, ["demo", "-o", str(path), "-m", modele])
    assert out.exit_code == 0, out.output
    for command in (["fiche"], ["plan"]) if modele == vocabulary.MODELE_RESEAU else ():
        assert CliRunner().invoke(cli, [*command, str(path)]).exit_code == 0
    assert CliRunner().invoke(cli, ["bilan", str(path)]).exit_code == 0
    exports = folder / "exports"
    exports.mkdir()
    for args in EXPORTS[modele]:
        out = CliRunner().invoke(
            cli, ["exporter", str(path), *args, "-f", "docx,eml", "-o", str(exports)]
        )
        assert out.exit_code == 0, out.output
    return sorted(p for p in [*folder.iterdir(), *exports.iterdir()] if p.is_file())


def _texts(path: Path) -> list[tuple[str, str]]:
    """(where, text a reader sees) of an output file."""
    if path.suffix == ".txt":
        return [(path.name, path.read_text(encoding="utf-8"))]
    if path.suffix == ".html":
        return [(path.name, html_text(path.read_text(encoding="utf-8")))]
    if path.suffix == ".docx":
        d = WordDocument(str(path))
        cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
        return [(path.name, "\n".join([*(p.text for p in d.paragraphs), *cells]))]
    if path.suffix == ".eml":
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
    return []


def _ics_text(ics: str) -> str:
    """What a member reads of the invitation: its summary, description and place."""
    import icalendar

    event = next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))
    return "\n".join(str(event.get(k, "")) for k in ("summary", "description", "location"))


@pytest.mark.parametrize("modele", vocabulary.MODELES)
def test_no_typography_fault_in_any_document(tmp_path: Path, modele: str) -> None:
    files = _outputs(tmp_path, modele)
    kinds = {p.suffix for p in files}
    assert {".txt", ".html", ".docx", ".eml"} <= kinds
    faults = [f for p in files for where, text in _texts(p) for f in scan(text, where)]
    assert not faults, "\n".join(faults[:40])


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
