"""Text a user typed never becomes a formula (or markup, or template code) in any output.
A teacher's own template (``--modele-word``, the only one) is attacked in
tests/test_word_templates.py."""

from __future__ import annotations

import csv
import email
import io
import shutil
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import defusedxml.ElementTree as SafeET
from openpyxl import load_workbook

from classeur.domain import demo
from classeur.domain.model import Action, Member
from classeur.files import xlsx_new
from classeur.text import templates
from tests import clirun

# A CSV cell starting with one of these runs as a formula when opened (OWASP).
CSV_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def test_header_safe_removes_line_breaks() -> None:
    assert (
        templates.header_safe("Compte rendu\r\nBcc: tous@ex.ca") == "Compte rendu Bcc: tous@ex.ca"
    )


# --------------------------------------------------------------------------------------
# Every command's outputs, from a classeur full of hostile text
# --------------------------------------------------------------------------------------
MARK = "evil"
POISON = {
    "formula": '=HYPERLINK("http://evil.example","clic")',
    "markup": "<script>alert('evil')</script>",
    "at": "@SUM(1+1)*evil",
    "plus": "+evil",
    "minus": "-evil",
    "tab": "\tevil",
    "template": "{{ 7*7 }}evil{% raw %}",
}


def poisoned(path: Path) -> Path:
    c = demo.demo()
    c.members[0].prenom = POISON["formula"]
    c.members[0].nom = POISON["markup"]
    c.members[1].fonction = POISON["tab"]
    c.members[1].prenom = POISON["plus"]
    c.members.append(Member(POISON["minus"], POISON["template"], role="Participant"))
    c.learnings[0].criteres = POISON["at"]
    c.actions.append(Action(99, POISON["at"], POISON["formula"], notes=POISON["template"]))
    return xlsx_new.write_classeur(c, path)


def _scan(path: Path) -> list[str]:
    """Where hostile text became live in output ``path``."""
    found = []
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if b"49evil" in data:
        found.append("du texte a été exécuté comme modèle Jinja")
    if suffix in (".xlsx", ".xlsm"):
        wb = load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f" and MARK in str(cell.value):
                        found.append(f"formule {ws.title}!{cell.coordinate} = {cell.value}")
    elif suffix in (".csv", ".tsv", ".txt") and suffix != ".txt":
        text = data.decode("utf-8-sig", errors="replace")
        delimiter = ";" if text.count(";") >= text.count(",") else ","
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            for value in row:
                if MARK in value and value.startswith(CSV_DANGEROUS_START):
                    found.append(f"cellule CSV dangereuse : {value!r}")
    elif suffix in (".html", ".htm"):
        if b"<script>alert" in data:
            found.append("balise <script> non échappée")
    elif suffix == ".eml":
        msg = email.message_from_bytes(data)
        for part in msg.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True) or b""
                if b"<script>alert" in payload:
                    found.append("balise <script> non échappée dans le courriel")
        for header in ("Subject", "To", "Cc", "Bcc"):
            if MARK in str(msg.get(header, "")) and "\n" in str(msg.get(header, "")):
                found.append(f"en-tête {header} avec saut de ligne")
    elif suffix == ".docx":
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.startswith("word/") and name.endswith(".xml"):
                    xml = zf.read(name)
                    SafeET.fromstring(xml)  # still well-formed XML
                    if b"instrText" in xml and MARK.encode() in xml.split(b"instrText", 1)[1]:
                        found.append(f"champ Word avec du texte saisi dans {name}")
    return found


COMMANDS = [
    (path, cmd)
    for path, cmd in clirun.discover()
    if clirun.argv_for(path, cmd, Path("x.xlsx"), Path("."), probe=True).uses_input
]


def test_poisoned_classeur_through_every_command(tmp_path: Path) -> None:
    source = poisoned(tmp_path / "source.xlsx")

    def one(item: tuple[tuple[str, ...], object]) -> list[str]:
        path, cmd = item
        folder = tmp_path / "-".join(path)
        (folder / "in").mkdir(parents=True)
        (folder / "work").mkdir()
        infile = Path(shutil.copy2(source, folder / "in" / "equipe.xlsx"))
        r = clirun.run(clirun.argv_for(path, cmd, infile, folder / "work").argv, folder / "work")
        problems = clirun.defects(r)
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                problems += [f"{f.name} : {p}" for p in _scan(f)]
        return [f"{' '.join(path)} : {p}" for p in problems]

    with ThreadPoolExecutor(2) as pool:
        failures = [f for found in pool.map(one, COMMANDS) for f in found]
    assert not failures, "\n".join(failures)


def test_scanner_catches_a_live_formula(tmp_path: Path) -> None:
    """The scanner above can fail: a formula with the mark is reported."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = POISON["formula"]  # openpyxl makes it a formula
    wb.save(tmp_path / "x.xlsx")
    assert _scan(tmp_path / "x.xlsx")
    (tmp_path / "x.csv").write_text("a;+evil\n", encoding="utf-8")
    assert _scan(tmp_path / "x.csv")
