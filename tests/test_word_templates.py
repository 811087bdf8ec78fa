"""A teacher's Word template (``exporter --modele-word``) is rendered only by the bounded
renderer, in a child process limited in CPU time and memory; the .docx itself passes the
same archive checks as a workbook. Each attack (loops, huge strings, recursion, billion
laughs, an expanding document.xml) ends in a French refusal that says what was refused,
within 10 s of CPU and 500 MB of memory for the whole command (measured by the kernel:
tests/measure.py)."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document as WordDocument

from classeur.domain import demo
from classeur.files import libreoffice, xlsx_new
from tests import bombs
from tests.conftest import needs_libreoffice
from tests.measure import measured
from tests.typography import plain

MAX_CPU_SECONDS = 10
MAX_PEAK_MB = 500
ENGLISH = ("Traceback", "Error", "undefined", "unsafe", "unexpected", "Range too big")


@pytest.fixture(scope="module")
def classeur(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo classeur as Excel would save it (formulas with their values), so that the
    export measured is the template's work, not a recalculation."""
    folder = tmp_path_factory.mktemp("classeur")
    (folder / "brut").mkdir()
    plain = xlsx_new.write_classeur(demo.demo(), folder / "brut" / "equipe.xlsx")
    if libreoffice.soffice() is None:
        return plain
    return libreoffice.convert(plain, "xlsx", folder)


def _template(folder: Path, text: str) -> Path:
    path = folder / "modele.docx"
    doc = WordDocument()
    doc.add_paragraph("Compte rendu : {{ doc.label }}")
    doc.add_paragraph(text)
    doc.save(path)
    return path


def _macro_laughs() -> str:
    """Ten macros, each calling the previous one ten times: 10⁹ « lol »."""
    text = "{% macro l0() %}lol{% endmacro %}"
    for i in range(1, 10):
        text += f"{{% macro l{i}() %}}" + f"{{{{ l{i - 1}() }}}}" * 10 + "{% endmacro %}"
    return text + "{{ l9() }}"


def _with_document_xml(folder: Path, build: object) -> Path:
    """A template whose word/document.xml is replaced by what ``build`` makes."""
    plain = _template(folder, "Bonjour")
    with zipfile.ZipFile(plain) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    return build(plain, parts)  # type: ignore[operator,no-any-return]


def _expanding(plain: Path, parts: dict[str, bytes]) -> Path:
    """document.xml declared and really 512 MB (a 2 MB .docx that expands)."""
    out = plain.with_name("gonfle.docx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            if name != "word/document.xml":
                zf.writestr(name, data)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b" " * (8 * 1024 * 1024)
            for _ in range(64):
                fh.write(block)
    return out


def _lying(plain: Path, parts: dict[str, bytes]) -> Path:
    """document.xml declaring 1 MB, really 100 MB."""
    return bombs.lying_deflate(plain, plain.with_name("menteur.docx"), "word/document.xml")


def _xml_laughs(plain: Path, parts: dict[str, bytes]) -> Path:
    """document.xml with the classic entity expansion (billion laughs)."""
    doctype = (
        '<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
        + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
        + "]>"
    )
    xml = parts["word/document.xml"].decode()
    head, _, body = xml.partition("?>")
    xml = head + "?>" + doctype + body.replace("Bonjour", "&lol9;")
    out = plain.with_name("entites.docx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in {**parts, "word/document.xml": xml.encode()}.items():
            zf.writestr(name, data)
    return out


ATTACKS = {
    "boucles": (
        "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}",
        "demande trop de calcul près de « {% for a in range(99999) %}",
    ),
    "chaine-geante": ("{{ 'x'|center(1000000000) }}", "nombre démesuré (1000000000)"),
    "repetition": ("{{ 'x' * 10**9 }}", "opération interdite (répétition)"),
    "recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "sans fin (macro récursive)"),
    "rires-macros": (_macro_laughs(), "Le modèle"),
    "rires-xml": (_xml_laughs, "DOCTYPE"),
    "document-gonfle": (_expanding, "bombe ZIP"),
    "document-menteur": (_lying, "ne sont pas les vraies"),
    "code": (
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "opération interdite « type » près de « {{ cycler",
    ),
    "puissance": ("{{ 2 ** 100000000 }}", "opération interdite (exposant)"),
    "texte-geant": (
        "{% for i in range(99999) %}{{ 'abcdefghij' * 1000 }}{% endfor %}",
        "produit un texte trop long",
    ),
    "liste-geante": ("{{ range(10**9)|list }}", "boucle trop longue (range)"),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_each_template_attack_is_refused_in_french_within_bounds(
    classeur: Path, tmp_path: Path, attack: str
) -> None:
    content, expected = ATTACKS[attack]
    if isinstance(content, str):
        template = _template(tmp_path, content)
    else:
        template = _with_document_xml(tmp_path, content)
    out = tmp_path / "envois"
    out.mkdir()
    argv = ["exporter", str(classeur), "-r", "1", "-f", "docx", "-o", str(out)]
    run = measured([*argv, "--modele-word", str(template)], tmp_path)
    assert run.returncode == 1, run.text
    assert run.stderr.startswith("Erreur\u00a0: "), run.text
    assert expected in plain(run.text), run.text
    assert "modele.docx" in run.text or template.name in run.text, run.text
    assert not any(word in run.text for word in ENGLISH), run.text
    assert run.cpu_seconds < MAX_CPU_SECONDS, run.cpu_seconds
    assert run.peak_mb < MAX_PEAK_MB, run.peak_mb
    assert list(out.iterdir()) == []  # nothing exported


MISTAKES = {
    "variable": ("Bonjour {{ inconnu }}", "valeur inconnue « inconnu » près de « Bonjour"),
    "filtre": ("{{ doc.label|majuscules }}", "filtre inconnu « majuscules » près de « {{ doc"),
    "test": ("{% if doc is vide %}x{% endif %}", "test inconnu « vide » près de « {% if doc"),
    "calcul": ("{{ doc.label + 1 }}", "calcul impossible près de « {{ doc.label + 1 }} »"),
    "balise": ("{% if doc.label %}sans fin", "contient une erreur près de « {% if doc.label"),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_template_mistake_is_said_in_french_with_its_place(
    classeur: Path, tmp_path: Path, mistake: str
) -> None:
    """A Word document's XML lines mean nothing to a teacher: the place is its text."""
    content, expected = MISTAKES[mistake]
    template = _template(tmp_path, content)
    out = tmp_path / "envois"
    out.mkdir()
    argv = ["exporter", str(classeur), "-r", "1", "-f", "docx", "-o", str(out)]
    run = measured([*argv, "--modele-word", str(template)], tmp_path)
    assert run.returncode == 1, run.text
    assert plain(run.stderr).startswith("Erreur : Modèle Word « modele.docx » : Le modèle "), (
        run.text
    )
    assert expected in plain(run.text), run.text
    assert "à la ligne" not in run.text, run.text
    assert not any(word in run.text for word in ENGLISH), run.text
    assert list(out.iterdir()) == []


def test_a_good_team_template_still_works(classeur: Path, tmp_path: Path) -> None:
    """Loops and Classeur's French filters work in a teacher's template."""
    template = _template(
        tmp_path,
        "{% for s in doc.sections %}{{ s.title }} ; {% endfor %}{{ 0.7241|pourcentage }}",
    )
    out = tmp_path / "envois"
    out.mkdir()
    argv = ["exporter", str(classeur), "-r", "1", "-f", "docx", "-o", str(out)]
    run = measured([*argv, "--modele-word", str(template)], tmp_path)
    assert run.returncode == 0, run.text
    (docx,) = out.glob("*.docx")
    text = "\n".join(p.text for p in WordDocument(str(docx)).paragraphs)
    assert "Compte rendu : " in text and " ; " in text
    assert " ; 72\u00a0%" in text


pytestmark = needs_libreoffice
_ = zlib  # the expanding part is written by zipfile's own deflate
