"""Rencontre tabs through LibreOffice: the formulas agree with Python, and the tabs print
on Letter paper, one page wide, with typed text rendered literally.

One classeur (the demo, plus hostile text typed in R4) is converted twice for the module.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from classeur.cli.main import main
from classeur.domain import demo, rencontres, rules
from classeur.files import filebook, libreoffice, xlsx_new, xlsx_read
from classeur.layout import rencontre_tab, structure, vocabulary
from classeur.sheets import rencontre
from tests.conftest import needs_libreoffice, recalculated

pytestmark = [needs_libreoffice, pytest.mark.libreoffice]

HOSTILE = '=1+1 & <b>gras</b> "cité"'


@pytest.fixture(scope="module")
def classeur(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rencontres")
    path = folder / "demo.xlsx"
    main(["demo", "-o", str(path)])
    saisie = rencontres.Saisie(
        # The words of a classeur made before the lists were inclusive and of one made
        # today, and a feminine word typed by hand, mixed in one tab.
        presences={
            "Karim Benali": "Absent",
            "Nadia Ouellet": "Absent·e",
            "Sophie Gagnon": "Présent",
            "Émilie Côté": "présente",
            "Mathieu Tremblay": "Présent·e",
            "Louis Bergeron": "Excusé",
            "Chantal Roy": "excusée",
        },
        items={4: {"notes": HOSTILE}},
        blocks={"Actions/Décisions": HOSTILE},
    )
    filebook.update_classeur(
        path, lambda e: rencontre.saisir(e.model, e.sheet_values, 4, saisie, dt.date.today())
    )
    return path


@pytest.fixture(scope="module")
def recalc(classeur: Path, tmp_path_factory: pytest.TempPathFactory):
    return recalculated(classeur, tmp_path_factory.mktemp("lo"))


@pytest.fixture(scope="module")
def pdf_text(classeur: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(pdfinfo, pdftotext) of the rencontre tabs alone."""
    folder = tmp_path_factory.mktemp("pdf")
    wb = load_workbook(classeur)
    for ws in wb.worksheets:
        if structure.meeting_number_from_sheet(ws.title) is None:
            ws.sheet_state = "hidden"
    wb.active = wb.sheetnames.index(structure.meeting_sheet(1))
    only = folder / "rencontres.xlsx"
    wb.save(only)
    pdf = libreoffice.convert(only, "pdf", folder)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return info.stdout, unicodedata.normalize("NFC", text)


def _label_value(ws, label: str, label_col: int, value_col: int):
    for row in ws.iter_rows(values_only=True):
        if row[label_col - 1] == label:
            return row[value_col - 1]
    raise AssertionError(label)


def test_tab_formulas_agree_with_python(classeur: Path, recalc) -> None:
    c = xlsx_read.read_classeur(classeur)
    formulas = load_workbook(classeur)
    today = dt.date.today()
    for m in c.meetings:
        name = structure.meeting_sheet(m.numero)
        state = rencontres.read_tab(
            [list(r) for r in formulas[name].iter_rows(values_only=True)], name
        )
        ws = recalc[name]
        counts = rencontres.presence_counts(state)
        for presence, label in rencontre_tab.RT_COUNT_LABELS.items():
            value = _label_value(ws, label, rencontre_tab.RT_COL_TEXT, rencontre_tab.RT_COL_RESP)
            assert value == counts[presence], (name, presence)
        total = _label_value(
            ws, rencontre_tab.RT_ODJ_TOTAL, rencontre_tab.RT_COL_TEXT, rencontre_tab.RT_COL_MINUTES
        )
        assert total == rencontres.minutes_total(state.items)
        deadline = _label_value(ws, rencontre_tab.RT_LABEL_ECHEANCE, 1, rencontre_tab.RT_VALUE_COL)
        assert deadline.date() == rules.odj_deadline(m)
        etat = _label_value(ws, rencontre_tab.RT_LABEL_ETAT, 1, rencontre_tab.RT_VALUE_COL)
        assert etat == rencontres.etat_odj(rules.odj_deadline(m), state.prepare_le, today)
    # The demo's R3 agenda was prepared late; R1 on time; R4 holds every spelling.
    assert (
        _label_value(recalc["R3"], rencontre_tab.RT_LABEL_ETAT, 1, 3)
        == rencontre_tab.ETAT_PREPARE_EN_RETARD
    )
    assert (
        _label_value(recalc["R1"], rencontre_tab.RT_LABEL_ETAT, 1, 3) == rencontre_tab.ETAT_PREPARE
    )
    assert _label_value(recalc["R4"], "Nombre d’absent·es", 2, 5) == 2
    assert _label_value(recalc["R4"], "Nombre de présent·es", 2, 5) == 3
    assert _label_value(recalc["R4"], "Nombre d’excusé·es", 2, 5) == 2
    assert _label_value(recalc["R1"], "Nombre de présent·es", 2, 5) == 8


def test_tabs_print_on_letter_one_page_wide(pdf_text: tuple[str, str]) -> None:
    info, text = pdf_text
    assert "792 x 612 pts (letter)" in info  # Letter, landscape
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    assert 5 <= pages <= 15  # each of the five tabs on one to three pages
    for n in range(1, 6):
        assert f"Rencontre {n}" in text
    # The last column is printed (the sheet fits the page width).
    assert text.count("Réalisation") >= 10
    assert "Préparé en retard" in text
    # The compte rendu starts a new page, after the header, présences and agenda.
    pages = text.split("\f")
    for page in pages:
        if "Durée totale prévue" in page:
            assert "Pistes du canevas" not in page


@pytest.mark.parametrize("modele", vocabulary.MODELES)
def test_a_fresh_agenda_prints_on_one_page(tmp_path: Path, modele: str) -> None:
    """Every rencontre's fresh ordre du jour prints on its tab's first page: the header,
    the présences of the largest team (an équipe collaborative of 4 to 8 people, guide
    de la mesure 15014; a réseau of up to 10 participants, guide du CEE) and the whole
    agenda, rows as high as their text."""
    c = demo.demo(modele)
    if modele == vocabulary.MODELE_CAR:
        c.members = c.members[:8]
    else:
        extra = [replace(m, prenom=f"{m.prenom}-Ann", courriel=f"x{m.courriel}") for m in c.members]
        c.members = (c.members + extra)[: vocabulary.RESEAU_MAX_PARTICIPANTS]
    c.actions = c.actions[:1]  # one open action: a « Points de suivi » item
    c.actions[0].statut = vocabulary.STATUT_A_FAIRE
    path = xlsx_new.write_classeur(c, tmp_path / "c.xlsx")
    numeros = [m.numero for m in c.meetings]
    for n in numeros:
        filebook.update_classeur(
            path,
            lambda e, n=n: rencontre.ordre_du_jour(e.model, e.sheet_values, n, dt.date(2026, 9, 1)),
        )
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if structure.meeting_number_from_sheet(ws.title) is None:
            ws.sheet_state = "hidden"
    wb.active = wb.sheetnames.index(structure.meeting_sheet(1))
    wb.save(path)
    pdf = libreoffice.convert(path, "pdf", tmp_path / "pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [" ".join(unicodedata.normalize("NFC", p).split()) for p in text.split("\f")]
    last = "Clôture" if modele == vocabulary.MODELE_CAR else "Levée de la séance"
    for n in numeros:
        (first,) = [p for p in pages if f"Rencontre {n} : " in p]
        assert "Durée totale prévue" in first and last in first, n
        assert "Nombre de présent·es" in first and "Pistes du canevas" not in first, n
        assert c.members[-1].prenom in first, n
        if n > 1:
            assert "Points de suivi du" in first, n


def test_typed_text_prints_literally(pdf_text: tuple[str, str]) -> None:
    _, text = pdf_text
    flat = " ".join(text.split())
    assert '=1+1 & <b>gras</b> "cité"' in flat


def test_demo_shows_agendas_minutes_and_carry_forward(classeur: Path) -> None:
    wb = load_workbook(classeur)
    for n in range(1, 6):
        state = rencontres.read_tab(
            [list(r) for r in wb[f"R{n}"].iter_rows(values_only=True)], f"R{n}"
        )
        assert state.has_agenda and state.prepare_le is not None
        held = n <= 3
        assert any(r.notes for r in state.items) == (held or n == 4)
        assert bool(state.actions) == held
        assert all(isinstance(a.suivi, int) for a in state.actions)
    r4 = rencontres.read_tab([list(r) for r in wb["R4"].iter_rows(values_only=True)], "R4")
    assert [r.suivi_numero for r in r4.items if r.suivi_numero] == [3, 4, 6, 7]
