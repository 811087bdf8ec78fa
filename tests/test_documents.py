"""Every document of both demos, exported as PDF and Word and read back (pdftotext,
python-docx), holds every element of its source document in the seed's wording and order:
the canevas du projet CAR (ordre du jour, COMPTE-RENDU), annexes 1 to 5 du CEE (fiche,
plan, ordre du jour, compte rendu, bilan). The expected lists are read from the seeds'
text here, never from Classeur's code. The PDF and the .docx carry the same text in the
same order; an agenda fits on one page.

Reading order: ``pdftotext -layout`` puts the lines of a table's columns side by side
(a wrapped cell's second line lands after its neighbours' first lines), so the order is
read with ``-raw`` (the PDF's own order); ``-layout`` is read for the page layout.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn

from classeur.domain import demo
from classeur.files import xlsx_read
from classeur.layout import outputs
from tests import exporting

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
TODAY = demo.DEMO_TODAY

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler absent")


# --------------------------------------------------------------------------------------
# Text, normalised the same way for the seeds and the documents
# --------------------------------------------------------------------------------------
def norm(text: str) -> str:
    """One space between words; ’ as '; no space before « : ? ! ; » (the seeds write
    « CEE ? », Québec typography « CEE? »), nor inside « (s) » (« Objectif (s) »)."""
    text = re.sub(r"([-/])[ \t]*\n\s*(?=\S)", r"\1", text)  # a word cut at a line's end
    text = text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" ([:?!;])", r"\1", text)
    return text.replace(" (s)", "(s)").strip()


def seed(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def between(text: str, start: str, end: str | None) -> str:
    a = text.index(start) + len(start)
    return text[a : text.index(end, a)] if end else text[a:]


def in_order(text: str, expected: list[str]) -> list[str]:
    """The elements of ``expected`` not found in ``text`` after the previous one."""
    missing, pos = [], 0
    for element in expected:
        found = text.find(norm(element), pos)
        if found < 0:
            missing.append(element)
        else:
            pos = found + len(norm(element))
    return missing


# --------------------------------------------------------------------------------------
# The expected elements, read from the seeds
# --------------------------------------------------------------------------------------
QUESTIONS = (
    "Que voulons-nous que nos élèves apprennent?",
    "Comment saurons-nous s’ils ont appris?",
    "Que ferons-nous pour les aider à apprendre?",
)


def car_items() -> dict[int, list[str]]:
    """The canevas du projet CAR's agenda items per rencontre (1 to 5). The seed's five
    columns come out in stream order: items 1 and 2 of each rencontre in turn, then each
    rencontre's run of items 3…, then R1's items 7 to 9, then the five clôtures."""
    odj = norm(between(seed("seed-000-car.txt"), "ORDRE DU JOUR ORDRE DU JOUR", "COMPTE-RENDU"))
    for q in QUESTIONS:
        odj = odj.replace(norm(q), " ")
    items = re.findall(r"(?<![\d,])(\d{1,2})\. (.+?)(?= (?<![\d,])\d{1,2}\. [A-ZÉÀÈ]|$)", odj)
    items = [(int(n), " ".join(t.split())) for n, t in items]
    out: dict[int, list[str]] = {r: [] for r in range(1, 6)}
    for i, (_, text) in enumerate(items[:10]):
        out[i % 5 + 1].append(text)
    runs: list[list[str]] = []
    previous = 0
    for n, text in items[10:-5]:
        if n <= previous or not runs:
            runs.append([])
        runs[-1].append(text)
        previous = n
    for r, run in enumerate(runs):
        out[r % 5 + 1] += run
    for r, (_, text) in enumerate(items[-5:], start=1):
        out[r].append(text)
    return out


def car_minutes() -> dict[int, list[str]]:
    """The COMPTE-RENDU column of each rencontre: the blocks' titles with their bullets,
    then « Prochaine rencontre : Quoi apporter? Quoi discuter? Qui fait quoi? ». The
    Données à recueillir of rencontre 4 has one bullet (the seed's line shows it)."""
    cr = between(norm(seed("seed-000-car.txt")), "COMPTE-RENDU", "NOS QUESTIONS")
    titles = ("Actions/Décisions", "Données à recueillir", "Résultats attendus")
    counts = {titles[0]: [2] * 5, titles[1]: [2, 2, 2, 1, 2], titles[2]: [2] * 5}
    out: dict[int, list[str]] = {r: [] for r in range(1, 6)}
    for k, title in enumerate(titles):
        end = f"{titles[k + 1]}:" if k + 1 < len(titles) else "Prochaine rencontre:"
        bullets = [b.strip() for b in between(cr, f"{title}:", end).split("•") if b.strip()]
        assert len(bullets) == sum(counts[title]), title
        for r, n in enumerate(counts[title], start=1):
            out[r] += [title, *bullets[:n]]
            bullets = bullets[n:]
    tail = between(cr, "Prochaine rencontre:", None)
    prochaine = ["Prochaine rencontre", *re.findall(r"Qu[io][^?]*\?", tail)[:3]]
    for r in out:
        out[r] += prochaine
    return out


ANNEXES = {
    1: ("Annexe 1-", "Annexe 2 :"),
    2: ("Annexe 2 :", "Annexe 3 :"),
    3: ("Annexe 3 :", "Annexe 4 :"),
    4: ("Annexe 4 :", "Annexe 5 :"),
    5: ("Annexe 5 :", None),
}


def annex(number: int) -> str:
    """The text of annexe ``number`` of the CEE's guide."""
    start, end = ANNEXES[number]
    return between(seed("seed-004-cee.txt"), start, end)


def numbered(text: str) -> list[str]:
    return [
        " ".join(t.split())
        for t in re.findall(r"(?<![\d/])\d\.\s+(.+?)(?=\s\d\.\s|$)", norm(text), flags=re.S)
    ]


def annexe_3() -> list[str]:
    """Ordre du jour: its title, then its items without « (temps prévu) » and without
    the placeholders (« …élément de la journée… », « … »): the team writes those."""
    text = annex(3)
    items = [re.sub(r"\s*\(temps prévu\)\.?$", "", t) for t in numbered(text)]
    items = [t.split(" (date")[0] for t in items if not t.startswith(("…", "..."))]
    return ["Ordre du jour", *items]


def annexe_4() -> list[str]:
    """Compte-rendu (« Compte rendu »: the noun takes no hyphen), the members to tick, the
    two column headers, then the six rows (the first with « L'assemblée débute à »)."""
    text = norm(annex(4))
    rows = numbered(text.split("Réalisation", 1)[1])
    first, debut = rows[0].split(" L'assemblée")
    return [
        "Compte rendu",
        "Membres (cocher les membres présents)",
        "Documents, notes et décisions",
        "Réalisation",
        first,
        "L'assemblée" + debut,
        *rows[1:],
    ]


def annexe_5(reseau: bool) -> list[str]:
    """Bilan: title, « Titre du réseau », « Année », « Membres », the column, its rows.
    A CAR équipe's bilan says « équipe » for « réseau » and asks for no continuation
    (it is not a réseau of the CEE)."""
    text = norm(annex(5))
    rows = numbered(text.split("décisions", 1)[1])
    heads = ["Bilan", "Titre du réseau", "Année", "Membres", "Documents, notes, commentaire"]
    expected = heads + rows
    if not reseau:
        expected = [
            e.replace("du réseau", "de l'équipe")
            for e in expected
            if "continuation" not in e and e != "Titre du réseau"
        ]
        expected.insert(1, "Titre de l'équipe")
    return expected


def annexe_1() -> list[str]:
    """Fiche de proposition: its title, each question of the form, then « Respect de la
    mission du CEE », the mission and the thanks.

    The annex is a filled form, each question followed by its answer. A question is a
    line ending in « : » or « ? », or a question written with no colon: a label-sized
    line (at most eight words, a capital first, no closing punctuation) right after a
    complete answer (a one-line answer, or a line ending a sentence). A line right after
    a question is its answer, even when it ends in « : »; a question's « [catalogue]
    (utilisez…) » instruction is for the CEE's own form."""
    lines = [ln.strip() for ln in annex(1).splitlines() if ln.strip()]
    joined: list[str] = []
    for ln in lines:
        if joined and re.match(r"(choix|votre choix)\) :$", ln):
            joined[-1] += " " + ln
        else:
            joined.append(ln)
    start = next(i for i, ln in enumerate(joined) if ln.endswith(":"))
    questions: list[str] = []
    previous = "complete"  # what the line before was: question, answer, or a full answer
    for ln in joined[start:]:
        colon = ln.endswith((":", "?")) and previous != "question"
        bare = (
            previous == "complete"
            and len(ln.split()) <= 8
            and ln[0].isupper()
            and not ln.endswith((".", ":", "?", "!", ")", ";", ","))
        )
        if colon or bare:
            questions.append(ln.rstrip(" :").split(" [")[0])
            previous = "question"
        elif previous == "question" or ln.endswith((".", ")")):
            previous = "complete"  # a one-line answer, or the end of a sentence
        else:
            previous = "answer"
    mission = norm(annex(1)).split("Respect de la mission du CEE:")[1]
    text, thanks = mission.split(" Merci")
    return ["Fiche de proposition de réseau", *questions, text.strip(), "Merci" + thanks]


def annexe_2() -> tuple[list[str], list[str]]:
    """Plan de réseau: its title, and every item of its two days' work periods (a line
    starting in lowercase continues the previous one). The items are checked present,
    each where the schedule puts it, not in the annex's two-column order."""
    lines = [ln.strip() for ln in annex(2).splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Jour 1"))
    items: list[str] = []
    for ln in lines[start + 1 :]:
        if ln in ("Pause Pause", "Dîner Dîner"):
            continue
        if items and ln[0].islower():
            items[-1] += " " + ln
        else:
            items.append(ln)
    return ["Plan de réseau", "Réseau d'entraide"], items


# --------------------------------------------------------------------------------------
# Reading the documents back
# --------------------------------------------------------------------------------------
def _runs_text(element: Any) -> str:
    """A paragraph's text: its texts, line breaks and tabs in order."""
    out = []
    for el in element.iter(qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:tab")):
        out.append(el.text or "" if el.tag == qn("w:t") else "\n")
    return "".join(out)


def docx_text(path: Path) -> tuple[str, list[str]]:
    """The body's text in order (paragraphs, and tables row by row, cell by cell) and
    the tables' header rows."""
    d = WordDocument(str(path))
    parts, headers = [], []
    for child in d.element.body:
        if child.tag == qn("w:p"):
            parts.append(_runs_text(child))
        elif child.tag == qn("w:tbl"):
            for i, row in enumerate(child.iter(qn("w:tr"))):
                cells = [
                    "\n".join(
                        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))
                    )
                    for tc in row.iter(qn("w:tc"))
                ]
                if i == 0:
                    headers.append(norm(" ".join(cells)))
                parts += cells
    return norm("\n".join(parts)), headers


def pdf_pages(path: Path, mode: str = "-raw") -> list[str]:
    out = subprocess.run(
        ["pdftotext", mode, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [p for p in out.split("\f") if p.strip()]


def pdf_body(path: Path, header: str, table_headers: list[str]) -> str:
    """The PDF's text without what repeats on every page: the running header, the footer
    « Page X de Y », and a table's header row repeated at the top of a page."""
    body = []
    for i, page in enumerate(pdf_pages(path)):
        lines = [ln for ln in page.splitlines() if ln.strip()]
        if lines and norm(lines[0]) == norm(header):
            lines = lines[1:]
        if lines and re.fullmatch(r"Page \d+ de \d+", lines[-1].strip()):
            lines = lines[:-1]
        text = norm("\n".join(lines))
        if i > 0:
            for h in table_headers:
                if h and text.startswith(h):
                    text = text[len(h) :].strip()
        body.append(text)
    return norm(" ".join(body))


# --------------------------------------------------------------------------------------
# The demos' documents
# --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, int | None], Any]:
    """Every document of both demos as PDF and Word: the ordre du jour of every
    rencontre, the compte rendu of the rencontres held (of every rencontre for the
    réseau: annexe 4's form before the rencontre too), the bilan, the grille's summary;
    the fiche and the plan of the réseau."""
    root = tmp_path_factory.mktemp("documents")
    made: dict[tuple[str, str, int | None], Any] = {}
    for model, name in (("car", "classeur-demo.xlsx"), ("reseau", "reseau-demo.xlsx")):
        path = root / name
        shutil.copy(ROOT / "workbooks" / name, path)
        c = xlsx_read.read_classeur(path)
        todo: list[tuple[str, int | None]] = [(outputs.DOC_ODJ, m.numero) for m in c.meetings]
        todo += [
            (outputs.DOC_CR, m.numero)
            for m in c.meetings
            if (m.date and m.date < TODAY) or model == "reseau"
        ]
        todo += [(outputs.DOC_BILAN, None), (outputs.DOC_GRILLE, None)]
        if model == "reseau":
            todo += [(outputs.DOC_FICHE, None), (outputs.DOC_PLAN, None)]
        for kind, numero in todo:
            out = root / f"{model}-{kind}-{numero}"
            out.mkdir()
            result = exporting.export(path, kind, numero, ["pdf", "docx"], outdir=out, today=TODAY)
            pdf, docx = result.files
            made[(model, kind, numero)] = (pdf, docx, result.document)
    return made


def _texts(made: Any) -> tuple[str, str]:
    pdf, docx, _ = made
    text, headers = docx_text(docx)
    header = WordDocument(str(docx)).sections[0].header.paragraphs[0].text
    return pdf_body(pdf, header, headers), text


def test_car_agendas_have_the_canevas_items_in_order(exported: dict) -> None:
    expected = car_items()
    durations = re.findall(
        r"RENCONTRE (\d) Durée: (.+?)(?= RENCONTRE| ORDRE)", norm(seed("seed-000-car.txt"))
    )
    for numero in range(1, 6):
        elements = ["Ordre du jour", durations[numero - 1][1], *expected[numero]]
        for text in _texts(exported[("car", outputs.DOC_ODJ, numero)]):
            assert in_order(text, elements) == [], numero


def test_car_minutes_have_the_compte_rendu_blocks_in_order(exported: dict) -> None:
    expected = car_minutes()
    held = [k[2] for k in exported if k[:2] == ("car", outputs.DOC_CR)]
    assert held  # the demo has rencontres already held
    for numero in held:
        for text in _texts(exported[("car", outputs.DOC_CR, numero)]):
            assert in_order(text, ["Compte rendu", *expected[numero]]) == [], numero


def test_reseau_agendas_follow_annexe_3(exported: dict) -> None:
    expected = annexe_3()
    assert len(expected) >= 6
    for numero in range(1, 5):
        for text in _texts(exported[("reseau", outputs.DOC_ODJ, numero)]):
            # rencontre 1 has no previous rencontre, so no « Points de suivi »
            elements = [e for e in expected if numero > 1 or not e.startswith("Points de suivi")]
            assert in_order(text, elements) == [], numero


def test_reseau_minutes_follow_annexe_4(exported: dict) -> None:
    """Every rencontre's compte rendu, held or not yet, has annexe 4's elements; the
    first row says when the assembly began: typed in the tab, else the calendar's time."""
    expected = annexe_4()
    assert len(expected) == 11
    c = xlsx_read.read_classeur(ROOT / "workbooks" / "reseau-demo.xlsx")
    numeros = [k[2] for k in exported if k[:2] == ("reseau", outputs.DOC_CR)]
    assert numeros == [m.numero for m in c.meetings]
    not_held = [m for m in c.meetings if m.date is None or m.date >= TODAY]
    assert not_held  # the demo has rencontres to come
    for m in not_held:
        assert m.debut is not None
        time = f"{m.debut.hour} h {m.debut.minute:02d}" if m.debut.minute else f"{m.debut.hour} h"
        for text in _texts(exported[("reseau", outputs.DOC_CR, m.numero)]):
            assert f"L'assemblée débute à {time}." in text, m.numero
    for numero in numeros:
        for text in _texts(exported[("reseau", outputs.DOC_CR, numero)]):
            assert in_order(text, expected) == [], numero
            assert "☑" in text or "☐" in text  # members to tick
            # not the CAR's layout
            assert "Quoi apporter" not in text.split("À faire pour la prochaine")[0]


@pytest.mark.parametrize("model", ["car", "reseau"])
def test_bilans_follow_annexe_5(exported: dict, model: str) -> None:
    for text in _texts(exported[(model, outputs.DOC_BILAN, None)]):
        assert in_order(text, annexe_5(model == "reseau")) == []
        if model == "car":
            assert "continuation" not in text and "CEE" not in text


def test_fiche_follows_annexe_1(exported: dict) -> None:
    expected = annexe_1()
    # the title, 19 questions (two written with no colon), the mission's heading, its
    # text and the thanks
    assert len(expected) == 23 and expected[-3] == "Respect de la mission du CEE"
    for text in _texts(exported[("reseau", outputs.DOC_FICHE, None)]):
        assert in_order(text, expected) == []


def test_plan_holds_every_item_of_annexe_2(exported: dict) -> None:
    heads, items = annexe_2()
    assert len(items) >= 25
    for text in _texts(exported[("reseau", outputs.DOC_PLAN, None)]):
        assert in_order(text, heads) == []
        assert [i for i in items if norm(i) not in text] == []


def test_pdf_and_docx_carry_the_same_text_in_the_same_order(exported: dict) -> None:
    for key, made in exported.items():
        # a list's bullet is Word's numbering, not text: only the words are compared
        pdf_words, docx_words = ([w for w in t.split() if w != "•"] for t in _texts(made))
        assert pdf_words == docx_words, key


def test_agendas_fit_on_one_page(exported: dict) -> None:
    for key, (pdf, _, _) in exported.items():
        if key[1] == outputs.DOC_ODJ:
            assert len(pdf_pages(pdf, "-layout")) == 1, key
    assert len(pdf_pages(exported[("car", outputs.DOC_ODJ, 4)][0], "-layout")) == 1


def test_agendas_carry_nothing_for_the_team_only(exported: dict) -> None:
    """No instructions to type, preparation status, attendance or empty minutes."""
    for key, made in exported.items():
        if key[1] != outputs.DOC_ODJ:
            continue
        for text in _texts(made):
            for forbidden in ("Tapez", "Préparé", "Présences", "Compte rendu", "Réalisation"):
                assert forbidden not in text, (key, forbidden)


def test_word_files_are_letter_fr_ca_with_header_footer_and_fitted_columns(
    exported: dict,
) -> None:
    from docx.shared import Inches

    _, docx, doc = exported[("car", outputs.DOC_ODJ, 4)]
    d = WordDocument(str(docx))
    section = d.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    styles = d.styles.element
    langs = {el.get(qn("w:val")) for el in styles.iter(qn("w:lang"))}
    assert langs == {"fr-CA"}
    assert d.core_properties.language == "fr-CA" and d.core_properties.author == doc.classeur_title
    assert section.header.paragraphs[0].text == f"{doc.classeur_title} – Rencontre 4"
    footer = section.footer._element.xml
    assert (
        "PAGE" in footer and "NUMPAGES" in footer and "Page " in section.footer.paragraphs[0].text
    )
    (table,) = d.tables
    widths = [c.width for c in table.rows[0].cells]
    assert widths[1] > 4 * widths[0]  # the item's text widest, the number narrow
    assert sum(widths) <= section.page_width - section.left_margin - section.right_margin
