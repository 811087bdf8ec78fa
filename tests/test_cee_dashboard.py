"""The CEE's dashboard on the demo year of 40 networks, read back from the files: every
planted breach reported with its files and nothing else, release days equal to a hand
computation, every formula recalculated by LibreOffice to the number pandas computed, and
no student's name anywhere in the workbook."""

from __future__ import annotations

import html
import math
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from classeur.domain.cee import demo, demo_plan
from classeur.features import cee as features_cee
from classeur.layout import a1, annexes, bilan_sheet, cee, vocabulary
from classeur.text.french import typography as french
from tests.conftest import needs_libreoffice


@pytest.fixture(scope="session")
def year() -> demo.DemoYear:
    return demo.year()


@pytest.fixture(scope="session")
def demo_folder(cee_demo_folder: Path) -> Path:
    return cee_demo_folder


def table_rows(wb: Any, name: str) -> list[dict[str, Any]]:
    """A table of the workbook as dicts (header -> value)."""
    for ws in wb.worksheets:
        if name in ws.tables:
            rows = [list(r) for r in ws[ws.tables[name].ref]]
            headers = [c.value for c in rows[0]]
            return [dict(zip(headers, (c.value for c in r), strict=True)) for r in rows[1:]]
    raise AssertionError(f"pas de tableau {name}")


def test_demo_writes_forty_network_classeurs(demo_folder: Path, year: demo.DemoYear) -> None:
    files = sorted(p.name for p in demo_folder.glob("*.xlsx"))
    assert files == sorted(n.file for n in year.networks)
    assert len(files) == demo.N_NETWORKS


def test_every_planted_breach_is_reported_with_its_files_and_nothing_else(
    cee_result: features_cee.CeeResult, year: demo.DemoYear
) -> None:
    wb = load_workbook(cee_result.output)
    by_label = {r.label: key for key, r in cee.RULES.items()}
    reported = [
        (by_label[row["Règle"]], frozenset(row["Fichiers"].split(cee.LIST_SEPARATOR)))
        for row in table_rows(wb, cee.REGLES.name)
    ]
    planted = [(p.rule, frozenset(p.files)) for p in year.planted]
    assert len(reported) == len(set(reported))
    assert set(reported) == set(planted)
    # every rule of the list is planted (a few times each) and found
    assert {rule for rule, _ in reported} == set(cee.RULES)
    guide = {row["Règle"]: row["Texte du guide"] for row in table_rows(wb, cee.REGLES.name)}
    for label, text in guide.items():
        assert text == french(f"« {cee.RULES[by_label[label]].guide} »")


def test_networks_sheet_shows_horaires_states_and_links(
    cee_result: features_cee.CeeResult, year: demo.DemoYear, demo_folder: Path
) -> None:
    wb = load_workbook(cee_result.output)
    rows = table_rows(wb, cee.RESEAUX.name)
    assert len(rows) == demo.N_NETWORKS
    horaires = {r["Horaire"] for r in rows}
    assert {"2 journées", "1 journée et 2 après-midis", "4 après-midis"} < horaires
    assert "Autre horaire (5 rencontres)" in horaires
    by_file = {r["Fichier"]: r for r in rows}
    files = {i: n.file for i, n in enumerate(year.networks, start=1)}
    for i in (16, 28, 38):
        assert by_file[files[i]]["État"] == cee.ETAT_BILAN_MANQUANT
        assert by_file[files[i]]["Bilan"] == cee.DOC_MANQUANT
    for i in (19, 32):
        assert by_file[files[i]]["Bilan"].startswith(french("Incomplet (manque : 6. Demande"))
    assert by_file[files[18]]["Plan de réseau"] == "En retard de 1 jour"
    assert by_file[files[29]]["Plan de réseau"] == "En retard de 6 jours"
    assert by_file[files[1]]["Plan de réseau"] == cee.DOC_SANS_DATE
    assert by_file[files[26]]["Ordres du jour"] == french("Manquant : R2")
    assert by_file[files[21]]["Ordres du jour"] == french("En retard : R1 (1 jour), R2 (4 jours)")
    deadlines = (cee.RULE_PLAN, cee.RULE_ODJ, cee.RULE_BILAN)
    late = {f for p in year.planted if p.rule in deadlines for f in p.files}
    on_time = {r["Fichier"] for r in rows if r["État"] == cee.ETAT_A_TEMPS}
    assert on_time == set(files.values()) - late
    ws = wb[cee.SHEET_RESEAUX]
    column = a1.column_letter([c.key for c in cee.RESEAUX.columns].index("fichier") + 1)
    links = [c.hyperlink.target for c in ws[column] if c.hyperlink is not None]
    assert len(links) == demo.N_NETWORKS
    for target in links:
        assert (cee_result.output.parent / target).is_file()


@needs_libreoffice
def test_each_network_row_says_what_its_classeur_holds(
    cee_recalculated: Any, year: demo.DemoYear
) -> None:
    """Each row of Réseaux against what the demo typed in that classeur: its animation,
    participants, calendar, held rencontres, thematic (the fiche) and the bilan's answers
    (objectives reached, continuation asked)."""
    rows = {r["Fichier"]: r for r in table_rows(cee_recalculated, cee.RESEAUX.name)}
    for net in year.networks:
        row = rows[net.file]
        members = net.model.members
        anim = [m.full_name for m in members if m.role == vocabulary.ROLE_ANIMATION]
        parts = [m for m in members if m.role == vocabulary.ROLE_PARTICIPANT]
        assert row["Titre"] == net.model.settings.titre
        assert row["Animation"] == cee.LIST_SEPARATOR.join(anim)
        assert row["Participants"] == len(parts)
        schools = {s.strip() for s in row["Établissements des participants"].split(";")}
        assert schools == {m.etablissement for m in parts}
        assert row["Rencontres prévues"] == len(net.model.meetings)
        recorded = [n for n, p in net.presences.items() if any(p.values())]
        assert row["Rencontres tenues"] == len(recorded)
        marks = [net.presences[n][m.full_name] for n in recorded for m in parts]
        rate = sum(v == vocabulary.PRESENT for v in marks) / len(marks)
        assert row["Taux de présence"] == pytest.approx(rate)
        assert len(row["Dates des rencontres"].split(cee.LIST_SEPARATOR)) == len(net.model.meetings)
        assert row["Thématique"] == (net.fiche["discipline"] if net.fiche else None)
        answers = net.bilan or {}
        for header, label in (
            ("Atteinte des objectifs (bilan)", bilan_sheet.BILAN_REALISATIONS),
            ("Continuation demandée", bilan_sheet.BILAN_CONTINUATION),
        ):
            assert (row[header] or "") == answers.get(label, ""), (net.file, header)


@needs_libreoffice
def test_proposals_show_each_fiche_and_its_checks(
    cee_recalculated: Any, year: demo.DemoYear
) -> None:
    """One row per fiche de proposition (the networks without one have none), its résumé
    and the automatic checks: « Non » exactly where a rule of the fiche was planted."""
    rows = table_rows(cee_recalculated, cee.PROPOSITIONS.name)
    with_fiche = [n for n in year.networks if n.fiche is not None]
    assert len(rows) == len(with_fiche) < demo.N_NETWORKS
    titles = {n.model.settings.titre: n for n in year.networks}
    by_header = {c.key: c.header for c in cee.PROPOSITIONS.columns}
    broken = {(p.rule, f) for p in year.planted for f in p.files}
    checks = {
        "chk_resume": (cee.RULE_RESUME,),
        "chk_taille": (cee.RULE_MOINS_DE_SIX, cee.RULE_PLUS_DE_DIX),
        "chk_etab": (cee.RULE_ETABLISSEMENT,),
        "chk_anim": (cee.RULE_ANIMATION,),
        "chk_unique": (cee.RULE_DOUBLON,),
    }
    for row in rows:
        net = titles[row[by_header["titre"]]]
        assert net.fiche is not None
        assert row[by_header[annexes.FICHE_RESUME]] == net.fiche[annexes.FICHE_RESUME]
        for key, rule_keys in checks.items():
            planted = any((r, net.file) in broken for r in rule_keys)
            assert row[by_header[key]] == (cee.NON if planted else cee.OUI), (net.file, key)
        teaching = (cee.RULE_ENSEIGNANT, net.file) in broken
        assert row[by_header["chk_enseignant"]] == (cee.NON if teaching else cee.OUI)
        for i in range(1, len(cee.CRITERES) + 1):
            assert row[by_header[f"critere{i}"]] is None  # for the committee


def _chart_title(chart: Any) -> str:
    return "".join(r.t for p in chart.title.tx.rich.p for r in (p.r or []))


def _series_values(book: Any, ref: str) -> list[Any]:
    sheet, cells = ref.rsplit("!", 1)
    ws = book[sheet.strip("'").replace("''", "'")]
    return [row[0].value for row in ws[cells.replace("$", "")]]


@needs_libreoffice
def test_charts_plot_the_year(
    cee_result: features_cee.CeeResult, cee_recalculated: Any, year: demo.DemoYear
) -> None:
    """The three native charts, read back: networks by state add up to every network,
    release days by établissement to the hand computation, one attendance bar a network."""
    charts = load_workbook(cee_result.output)[cee.SHEET_GRAPHIQUES]._charts
    by_title = {_chart_title(c): c for c in charts}
    assert set(by_title) == {cee.CHART_ETATS, cee.CHART_ETABLISSEMENTS, cee.CHART_PRESENCES}

    def values(title: str, k: int = 0) -> list[Any]:
        return _series_values(cee_recalculated, by_title[title].series[k].val.numRef.f)

    assert sum(values(cee.CHART_ETATS)) == demo.N_NETWORKS
    hand = hand_totals(year)
    assert sum(values(cee.CHART_ETABLISSEMENTS, 0)) == pytest.approx(hand["prevus"])
    assert sum(values(cee.CHART_ETABLISSEMENTS, 1)) == pytest.approx(hand["utilises"])
    rates = values(cee.CHART_PRESENCES)
    assert len(rates) == demo.N_NETWORKS and all(0 < r <= 1 for r in rates)


def _days(m: Any) -> float:
    minutes = (m.fin.hour * 60 + m.fin.minute) - (m.debut.hour * 60 + m.debut.minute)
    return 1.0 if minutes >= 5 * 60 else 0.5


def hand_totals(year: demo.DemoYear) -> dict[str, float]:
    """Release days of the year computed by hand from what the demo typed: a rencontre of
    5 h or more is 1 day, else ½; a participant uses the days where « Présent·e » is
    recorded; the animation 1 day of planning (a rencontre held) and ½ for the bilan."""
    used = planned = budget = 0.0
    for net in year.networks:
        days = {m.numero: _days(m) for m in net.model.meetings}
        parts = [m for m in net.model.members if m.role == vocabulary.ROLE_PARTICIPANT]
        for p in parts:
            used += sum(
                d
                for n, d in days.items()
                if net.presences[n][p.full_name] in ("Présent", "Présent·e")
            )
            planned += sum(days.values())
        used += 1 + (0.5 if net.bilan is not None else 0)
        planned += 1.5
        budget += 2 * min(len(parts), 10) + 1.5
    return {"utilises": used, "prevus": planned, "budget": budget}


@needs_libreoffice
def test_release_day_totals_equal_a_hand_computation(
    cee_result: features_cee.CeeResult, cee_recalculated: Any, year: demo.DemoYear
) -> None:
    hand = hand_totals(year)
    ws = cee_recalculated[cee.SHEET_LIBERATIONS]
    totals = [r for r in ws.iter_rows(values_only=True) if cee.LIB_TOTAL in r]
    assert len(totals) == 2  # below the networks, below the établissements
    net_headers = [c.header for c in cee.LIB_RESEAUX.columns]
    by_network = dict(zip(net_headers, totals[0], strict=False))
    assert by_network["Jours utilisés"] == pytest.approx(hand["utilises"])
    assert by_network["Jours prévus"] == pytest.approx(hand["prevus"])
    assert by_network["Budget (jours)"] == pytest.approx(hand["budget"])
    school_headers = [None] + [c.header for c in cee.LIB_ETABLISSEMENTS.columns]
    by_school = dict(zip(school_headers, totals[1], strict=False))
    assert by_school["Jours utilisés"] == pytest.approx(hand["utilises"])
    assert by_school["Jours prévus"] == pytest.approx(hand["prevus"])
    over = [
        r
        for r in table_rows(cee_recalculated, cee.LIB_RESEAUX.name)
        if r["État"] == cee.LIB_DEPASSEMENT
    ]
    files = {i: n.file for i, n in enumerate(year.networks, start=1)}
    titles = {n.file: n.model.settings.titre for n in year.networks}
    expected = {titles[files[i]] for i in (10, 27, demo_plan.FIVE_AFTERNOONS)}
    assert {r["Réseau"] for r in over} == expected


@needs_libreoffice
def test_libreoffice_recalculates_every_formula_to_the_pandas_value(
    cee_result: features_cee.CeeResult, cee_recalculated: Any
) -> None:
    formulas = load_workbook(cee_result.output)
    checked = 0
    wrong = []
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                key = (ws.title, cell.coordinate)
                assert key in cee_result.expected, f"formule sans valeur attendue : {key}"
                got = cee_recalculated[ws.title][cell.coordinate].value
                want = cee_result.expected[key]
                checked += 1
                if not _same(got, want):
                    wrong.append((key, cell.value, got, want))
    assert not wrong, wrong[:10]
    assert checked == len(cee_result.expected) > 1500
    sheets = {sheet for sheet, _ in cee_result.expected}
    assert sheets == set(cee.SHEETS) - {cee.SHEET_REGLES}


def _same(got: Any, want: Any) -> bool:
    if want in (None, ""):
        return got in (None, "")
    if isinstance(want, int | float) and isinstance(got, int | float):
        return math.isclose(got, want, abs_tol=1e-9)
    return bool(got == want)


def xlsx_text(path: Path) -> str:
    """Every part of an .xlsx as text (XML entities decoded)."""
    with zipfile.ZipFile(path) as z:
        parts = [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
    return html.unescape("\n".join(parts))


def test_no_student_name_anywhere_in_the_dashboard(
    cee_result: features_cee.CeeResult, year: demo.DemoYear, demo_folder: Path
) -> None:
    assert len(year.students) > 200
    # the classeurs read do hold the students (in their grille and Paliers)
    inputs = xlsx_text(demo_folder / year.networks[4].file)
    assert any(name in inputs for name in year.students)
    text = xlsx_text(cee_result.output)
    found = [name for name in year.students if name in text]
    assert not found
    families = {name.split(" ", 1)[1] for name in year.students}
    assert not [f for f in families if re.search(rf"\b{re.escape(f)}\b", text)]


def test_summary_lines(cee_result: features_cee.CeeResult) -> None:
    lines = [line.replace("\u00a0", " ") for line in cee_result.lines]
    assert lines[0] == "40 fichiers lus : 40 réseaux dans le tableau de bord, 0 écarté."
    assert "Règles non respectées : 28 (feuille « Règles »)." in lines
    assert "Bilans : 35 complets, 2 incomplets, 3 manquants." in lines
    assert lines[-1] == f"Tableau de bord enregistré : « {cee_result.output} »"


def test_workbook_layout(cee_result: features_cee.CeeResult) -> None:
    wb = load_workbook(cee_result.output)
    assert wb.sheetnames == list(cee.SHEETS)
    for name in cee.SHEETS:
        ws = wb[name]
        assert ws.page_setup.paperSize == 1 and ws.page_setup.orientation == "landscape"
        if name != cee.SHEET_GRAPHIQUES:
            assert ws.freeze_panes is not None
            assert ws.tables, name
            for table in ws.tables.values():
                assert table.autoFilter is not None
    assert len(wb[cee.SHEET_GRAPHIQUES]._charts) == 3
    criteria = [c.header for c in cee.PROPOSITIONS.columns if c.key.startswith("critere")]
    assert criteria == list(cee.CRITERES)
    specs = (cee.RESEAUX, cee.PARTICIPANTS, cee.REGLES, cee.LIB_RESEAUX, cee.PROPOSITIONS)
    # headers are in Québec typography, spelled as the formulas' structured references
    # name them (test_libreoffice_recalculates_every_formula_to_the_pandas_value)
    for spec in (*specs, cee.LIB_ETABLISSEMENTS):
        assert all(french(c.header) == c.header for c in spec.columns)
    assert "Établissement de l’animation" in [c.header for c in cee.RESEAUX.columns]
