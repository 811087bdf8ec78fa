"""A classeur made before Classeur wrote its own labels in Québec typography keeps working.

The two files in tests/data are the demos as Classeur shipped them the day before (built by
workbooks/build.sh): their headers and labels have the straight apostrophe and ordinary
spaces (« Rencontre d'origine », « Échéance de l'ordre du jour », « Nombre d'absents »,
« Notes de l'équipe », « 2. But de l'équipe »). Such a file is read exactly as a classeur
made today (every header and label recognised through ``cellvalues.label_key``), every
command runs on it, a team's table keeps its own header, and the formulas give the same
values once LibreOffice recalculates them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from classeur.cli.main import cli
from classeur.domain import cellvalues
from classeur.domain.model import Classeur
from classeur.domain.rencontres import read_tab
from classeur.features import cee as features_cee
from classeur.files import xlsx_read
from classeur.layout import a1, compilation, rencontre_tab, structure, vocabulary
from classeur.text import french
from tests.conftest import needs_libreoffice, recalculated

DATA = Path(__file__).parent / "data"
OLD = {
    vocabulary.MODELE_CAR: DATA / "ancien-classeur-demo.xlsx",
    vocabulary.MODELE_RESEAU: DATA / "ancien-reseau-demo.xlsx",
}
OLD_HEADER = "Rencontre d'origine"
TODAY = dt.date(2027, 6, 30)  # the demo year is over: every rencontre held


def _run(*args: str) -> None:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output


def _commands(path: Path, modele: str) -> None:
    """Every command that rewrites part of a classeur."""
    for command in (["fiche"], ["plan"]) if modele == vocabulary.MODELE_RESEAU else ():
        _run(*command, str(path))
    _run("ordre-du-jour", str(path), "-r", "4")
    _run("compte-rendu", str(path), "-r", "2")
    _run("compiler", str(path))
    _run("bilan", str(path))


def _words(x: Any) -> Any:
    """A model's content with its text compared without typography (the demo's own text
    is in Québec typography now, the old file's is not)."""
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        fields = (f.name for f in dataclasses.fields(x) if f.compare)
        return {name: _words(getattr(x, name)) for name in fields}
    if isinstance(x, dict):
        return {_words(k): _words(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return tuple(_words(v) for v in x)
    return cellvalues.label_key(x) if isinstance(x, str) else x


def _content(c: Classeur) -> dict[str, Any]:
    s = c.settings
    return {
        "settings": _words((s.modele, s.titre, s.but, s.echelle, s.annee_scolaire)),
        "members": _words(c.members),
        "meetings": _words(c.meetings),
        "learnings": _words(c.learnings),
        "grid": _words(c.grid),
        "actions": _words(c.actions),
    }


def _tabs(path: Path) -> dict[str, Any]:
    """What each rencontre tab holds (presences, agenda, minutes, actions)."""
    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        if structure.meeting_number_from_sheet(ws.title) is None:
            continue
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        state = read_tab(values, ws.title)  # raises on a label it would not recognise
        out[ws.title] = _words(state)
        out[ws.title]["presences"] = _meanings(state.presences)
    return out


def _meanings(presences: dict[str, Any]) -> dict[str, str]:
    """Presences as Classeur reads them: the old file holds the masculine words its lists
    offered (« Présent »), a classeur made today the inclusive ones (« Présent·e »)."""
    return {_words(n): cellvalues.list_word(v, vocabulary.PRESENCES) for n, v in presences.items()}


_WORD = st.text(alphabet=st.sampled_from("aéÉ'’-"), min_size=1, max_size=6)
_SPACE = st.sampled_from([" ", "\u00a0", "\u202f", " : ", "\u00a0: ", "\u202f: "])


@given(st.lists(st.tuples(_WORD, _SPACE), min_size=1, max_size=5))
def test_a_label_is_recognised_whatever_its_typography(parts: list[tuple[str, str]]) -> None:
    """Words with a straight or typographic apostrophe, between ordinary or non-breaking
    spaces: one key; a label set in Québec typography by the rules is the same label."""
    label = "".join(w + sep for w, sep in parts[:-1]) + parts[-1][0]
    old = label.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    assert cellvalues.label_key(label) == cellvalues.label_key(old)
    assert cellvalues.label_key(french.typography(old)) == cellvalues.label_key(old)
    assert cellvalues.label_key("Rencontre d’origine") == "Rencontre d'origine"
    assert cellvalues.label_key("Rencontre d'origine") != cellvalues.label_key(
        "rencontre d'origine"
    )


@pytest.fixture(params=vocabulary.MODELES)
def modele(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_the_old_files_have_the_old_spelling(modele: str) -> None:
    wb = load_workbook(OLD[modele])
    suivi = wb[structure.SHEET_SUIVI]
    assert OLD_HEADER in [c.value for c in suivi[structure.TABLE_HEADER_ROW]]
    labels = {c.value for c in wb["R1"]["A"]}
    assert "Échéance de l'ordre du jour" in labels
    assert rencontre_tab.RT_LABEL_ECHEANCE not in labels  # the new spelling: ’


def test_the_old_files_hold_the_masculine_list_words(modele: str) -> None:
    """The old demos' presences and roles were picked from the masculine lists; Classeur
    reads each as the inclusive word of today's lists, and never rewrites them."""
    wb = load_workbook(OLD[modele])
    column = a1.column_letter(rencontre_tab.RT_COL_RESP)
    picked = {c.value for ws in wb.worksheets if ws.title[1:].isdigit() for c in ws[column]}
    assert {"Présent", "Excusé"} <= picked and vocabulary.PRESENT not in picked
    roles = {c.value for c in wb[structure.SHEET_EQUIPE]["G"]}
    assert "Participant" in roles and vocabulary.ROLE_PARTICIPANT not in roles
    members = xlsx_read.read_classeur(OLD[modele]).members
    assert vocabulary.ROLE_PARTICIPANT in {m.role for m in members}


def test_an_old_classeur_reads_as_one_made_today(modele: str, tmp_path: Path) -> None:
    new = tmp_path / "demo.xlsx"
    _run("demo", "-o", str(new), "-m", modele)
    old = xlsx_read.read_classeur(OLD[modele])
    assert old.actions and all(a.rencontre for a in old.actions)  # the old header, read
    assert _content(old) == _content(xlsx_read.read_classeur(new))
    assert _tabs(OLD[modele]) == _tabs(new)


@needs_libreoffice
@pytest.mark.libreoffice
def test_every_command_runs_on_an_old_classeur(modele: str, tmp_path: Path) -> None:
    """The commands change what Classeur generates (new spelling), never the team's
    table headers or what it typed, and the formulas compute what they compute in a
    classeur made today."""
    old, new = tmp_path / "ancien.xlsx", tmp_path / "demo.xlsx"
    shutil.copy(OLD[modele], old)
    _run("demo", "-o", str(new), "-m", modele)
    typed_before = _tabs(old)
    for path in (old, new):
        _commands(path, modele)
    assert _content(xlsx_read.read_classeur(old)) == _content(xlsx_read.read_classeur(new))
    after = _tabs(old)
    assert after == _tabs(new)
    assert after["R1"] == typed_before["R1"]  # a tab no command rewrote reads the same
    wb = load_workbook(old)
    assert OLD_HEADER in [c.value for c in wb[structure.SHEET_SUIVI][structure.TABLE_HEADER_ROW]]
    assert rencontre_tab.RT_LABEL_ECHEANCE in {c.value for c in wb["R4"]["A"]}  # regenerated
    notes = compilation.PALIERS_COLUMNS[-1].header
    assert notes in {c.value for row in wb[structure.SHEET_PALIERS].iter_rows() for c in row}
    assert _computed(recalculated(old, tmp_path / "lo-old")) == _computed(
        recalculated(new, tmp_path / "lo-new")
    )


def _computed(wb: Any) -> dict[tuple[str, str], Any]:
    """Every number and date a visible sheet shows (formulas as LibreOffice computed
    them): the same cells, the same values."""
    out = {}
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and not isinstance(c.value, str):
                    out[(ws.title, c.coordinate)] = c.value
    assert out
    return out


def test_the_cee_dashboard_counts_an_old_network_as_one_made_today(tmp_path: Path) -> None:
    """A réseau classeur whose presences and roles are the masculine words of the lists
    before (« Présent », « Participant ») gives the CEE's dashboard the same numbers as the
    same réseau made today (« Présent·e », « Participant·e »)."""
    dashboards = []
    for name, source in (("ancien", OLD[vocabulary.MODELE_RESEAU]), ("nouveau", None)):
        folder = tmp_path / name
        folder.mkdir()
        if source is None:
            _run("demo", "-o", str(folder / "reseau.xlsx"), "-m", vocabulary.MODELE_RESEAU)
        else:
            shutil.copy(source, folder / "reseau.xlsx")
        result = features_cee.tableau_cee([folder], tmp_path / f"{name}.xlsx", today=TODAY)
        dashboards.append(result)
    old, new = (r.dashboard for r in dashboards)
    numbers = [c for c in new.people.columns if new.people[c].dtype.kind in "if"]
    assert {"presences", "jours"} <= set(numbers)
    assert old.people["presences"].sum() > 0
    assert set(old.people["role"]) == set(new.people["role"])
    assert vocabulary.ROLE_PARTICIPANT in set(old.people["role"])
    assert old.people[[*numbers, "role"]].equals(new.people[[*numbers, "role"]])
    assert old.networks.select_dtypes("number").equals(new.networks.select_dtypes("number"))
    expected = [
        {k: v for k, v in r.expected.items() if isinstance(v, int | float)} for r in dashboards
    ]
    assert expected[0] == expected[1]
