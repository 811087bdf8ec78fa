"""A year of a team's hand edits, mixed with every command (hypothesis stateful test).

The machine edits a real classeur file as Excel would (openpyxl: rows typed, inserted,
cleared, deleted — the table's range following as Excel resizes it —, columns the team
adds, levels and dates typed, rows hidden, teachers' copies merged with conflicts and new
students) and runs the commands through the real command line. After each step:

- every cell typed (in Classeur's columns or the team's) is still on the row of the same
  student or action, in the same column; nothing typed is gone; hidden rows hide the same
  student or action; a student the team removed is not brought back by a copy;
- at checkpoints, LibreOffice recalculates the workbook, and every number in a sentence
  (the agenda's results, the Bilan's attendance rates) equals what the formulas give.

Few steps by default (the suite runs on 2 cores); set ``CLASSEUR_YEAR_EXAMPLES`` (e.g. 25)
for a longer year.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from classeur.cli.main import cli
from classeur.domain import bilan, demo
from classeur.domain.grille import roster
from classeur.domain.identity import name_key, student_key
from classeur.domain.model import GridEntry
from classeur.domain.rencontres.saisie import Saisie
from classeur.files import filebook, libreoffice, xlsx_new, xlsx_read
from classeur.files.xlsx_tables import add_table_column, find_table
from classeur.layout import bilan_sheet, compilation, structure, vocabulary
from classeur.sheets import rencontre
from tests.conftest import needs_libreoffice

EXAMPLES = int(os.environ.get("CLASSEUR_YEAR_EXAMPLES", "2"))
STEPS = int(os.environ.get("CLASSEUR_YEAR_STEPS", "14"))
TODAY = "2026-11-25"
GRILLE, SUIVI = structure.GRILLE_NAME, structure.SUIVI.name
TEAM_HEADERS = {GRILLE: ["Remarques (PI, allergies…)", "Commentaire A1"], SUIVI: ["Priorité"]}
LEVEL_HEADERS = [structure.grille_header(c, b) for c in ("A1", "A2") for b in vocabulary.BLOCS]
SENTENCE = re.compile(
    r"(\d+) élèves? sur (\d+) \(\d+\xa0%\) atteignent le niveau visé en (\S+) au (bloc \d)"
)

Key = tuple[str, ...]


def _identity(table: str, row: dict[str, Any]) -> Key:
    if table == GRILLE:
        return student_key(row["Élève"], row["Groupe"], row["Enseignant·e"])
    return (name_key(row["N°"]),)


class Table:
    """A table of the file as an Excel user sees it: rows of {header: value}."""

    def __init__(self, wb: Any, name: str) -> None:
        self.ws, self.t = find_table(wb, name)
        self.min_col, self.top, self.max_col, self.bottom = range_boundaries(self.t.ref)
        self.headers = [
            self.ws.cell(row=self.top, column=c).value
            for c in range(self.min_col, self.max_col + 1)
        ]

    def rows(self) -> list[tuple[int, dict[str, Any]]]:
        return [
            (
                r,
                {
                    h: self.ws.cell(row=r, column=self.min_col + j).value
                    for j, h in enumerate(self.headers)
                },
            )
            for r in range(self.top + 1, self.bottom + 1)
        ]

    def cell(self, r: int, header: str) -> Any:
        return self.ws.cell(row=r, column=self.min_col + self.headers.index(header))

    def resize(self, bottom: int) -> None:
        ref = (
            self.t.ref.split(":")[0] + ":" + re.sub(r"\d+$", str(bottom), self.t.ref.split(":")[1])
        )
        self.t.ref = ref
        if self.t.autoFilter is not None:
            self.t.autoFilter.ref = ref


def _value(v: Any) -> Any:
    return v.date() if isinstance(v, dt.datetime) and v.time() == dt.time(0) else v


class YearOfEdits(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="annee-"))
        self.path = xlsx_new.write_classeur(demo.demo(), self.folder / "classeur.xlsx")
        self.typed: dict[tuple[str, Key, str], Any] = {}  # (table, who, header) -> value
        self.hidden: dict[str, set[Key]] = {GRILLE: set(), SUIVI: set()}
        self.removed: set[Key] = set()  # students the team cleared or deleted
        self.copies: list[GridEntry] = []  # the Grille when the copies were handed out
        self.presences: dict[tuple[int, str], str] = {}  # (rencontre, name_key) -> typed
        self.n = 0

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # ---------------------------------------------------------------- helpers
    def _edit(self, table: str) -> tuple[Any, Table]:
        wb = load_workbook(self.path)
        return wb, Table(wb, table)

    def _live(self, t: Table) -> list[tuple[int, dict[str, Any]]]:
        return [(r, row) for r, row in t.rows() if any(row[h] for h in t.headers[:2])]

    def _run(self, *argv: str) -> str:
        out = CliRunner().invoke(cli, list(argv))
        assert out.exception is None or isinstance(out.exception, SystemExit), out.output
        assert "Traceback" not in out.output and "Erreur inattendue" not in out.output
        return out.output

    def _forget(self, table: str, who: Key) -> None:
        for k in [k for k in self.typed if k[:2] == (table, who)]:
            del self.typed[k]
        self.hidden[table].discard(who)
        if table == GRILLE:
            self.removed.add(who)

    # ---------------------------------------------------------------- hand edits
    @rule(table=st.sampled_from([GRILLE, SUIVI]), which=st.integers(0, 1))
    def add_team_column(self, table: str, which: int) -> None:
        header = TEAM_HEADERS[table][min(which, len(TEAM_HEADERS[table]) - 1)]
        wb, t = self._edit(table)
        if header in t.headers:
            return
        add_table_column(wb, table, header)
        t = Table(wb, table)
        for r, row in self._live(t):
            fact = f"{header} de {' / '.join(_identity(table, row))}"
            t.cell(r, header).value = fact
            self.typed[(table, _identity(table, row), header)] = fact
        wb.save(self.path)

    @rule(i=st.integers(0, 80), header=st.sampled_from(LEVEL_HEADERS), level=st.integers(1, 4))
    def type_level(self, i: int, header: str, level: int) -> None:
        wb, t = self._edit(GRILLE)
        live = self._live(t)
        if not live:
            return
        r, row = live[i % len(live)]
        t.cell(r, header).value = level
        self.typed[(GRILLE, _identity(GRILLE, row), header)] = level
        wb.save(self.path)

    @rule(i=st.integers(0, 20), days=st.integers(0, 200))
    def type_due_date(self, i: int, days: int) -> None:
        wb, t = self._edit(SUIVI)
        live = self._live(t)
        if not live:
            return
        r, row = live[i % len(live)]
        due = dt.date(2026, 9, 1) + dt.timedelta(days=days)
        t.cell(r, "Échéance").value = due
        self.typed[(SUIVI, _identity(SUIVI, row), "Échéance")] = due
        wb.save(self.path)

    @rule(table=st.sampled_from([GRILLE, SUIVI]), i=st.integers(0, 80))
    def hide_row(self, table: str, i: int) -> None:
        wb, t = self._edit(table)
        live = self._live(t)
        if not live:
            return
        r, row = live[i % len(live)]
        t.ws.row_dimensions[r].hidden = True
        self.hidden[table].add(_identity(table, row))
        wb.save(self.path)

    @rule(table=st.sampled_from([GRILLE, SUIVI]), i=st.integers(0, 80))
    def clear_row(self, table: str, i: int) -> None:
        """Select the row's cells in the table, press Delete."""
        wb, t = self._edit(table)
        live = self._live(t)
        if len(live) < 3:
            return
        r, row = live[i % len(live)]
        for h in t.headers:
            t.cell(r, h).value = None
        self._forget(table, _identity(table, row))
        wb.save(self.path)

    @rule(table=st.sampled_from([GRILLE, SUIVI]), i=st.integers(0, 80))
    def delete_row(self, table: str, i: int) -> None:
        """Right-click › Supprimer › Lignes du tableau: rows below move up, the table shrinks."""
        wb, t = self._edit(table)
        live = self._live(t)
        if len(live) < 3:
            return
        r, row = live[i % len(live)]
        hidden = {x for x in range(r + 1, t.bottom + 1) if t.ws.row_dimensions[x].hidden}
        t.ws.delete_rows(r)
        for x in range(r, t.bottom + 1):  # openpyxl leaves row formats where they were
            t.ws.row_dimensions[x].hidden = x + 1 in hidden
        t.resize(t.bottom - 1)
        self._forget(table, _identity(table, row))
        wb.save(self.path)

    @rule(i=st.integers(0, 80))
    def insert_student(self, i: int) -> None:
        """Insert a table row and type a new student in it (a level too)."""
        wb, t = self._edit(GRILLE)
        live = self._live(t)
        r = live[i % len(live)][0] if live else t.top + 1
        hidden = {x for x in range(r, t.bottom + 1) if t.ws.row_dimensions[x].hidden}
        t.ws.insert_rows(r)
        for x in range(r, t.bottom + 2):
            t.ws.row_dimensions[x].hidden = x - 1 in hidden
        t.resize(t.bottom + 1)
        self.n += 1
        row = {
            "Élève": f"Nouvel élève {self.n}",
            "Groupe": "401",
            "Enseignant·e": "Mathieu Tremblay",
        }
        for h, v in row.items():
            t.cell(r, h).value = v
        t.cell(r, LEVEL_HEADERS[0]).value = 3
        who = _identity(GRILLE, row)
        self.typed[(GRILLE, who, "Élève")] = row["Élève"]
        self.typed[(GRILLE, who, LEVEL_HEADERS[0])] = 3
        self.removed.discard(who)
        wb.save(self.path)

    # ---------------------------------------------------------------- the team's members
    @rule(n=st.integers(1, 3), i=st.integers(0, 20), value=st.sampled_from(vocabulary.PRESENCES))
    def type_presence(self, n: int, i: int, value: str) -> None:
        """A presence typed in rencontre ``n``'s tab."""
        members = xlsx_read.read_classeur(self.path).members
        if not members:
            return
        name = members[i % len(members)].full_name
        filebook.update_classeur(
            self.path,
            lambda e: rencontre.saisir(
                e.model, e.sheet_values, n, Saisie(presences={name: value}), dt.date(2026, 11, 25)
            ),
        )
        self.presences[(n, name_key(name))] = value

    @rule(i=st.integers(0, 20), how=st.sampled_from(["spaces", "case", "accents"]))
    def respell_member(self, i: int, how: str) -> None:
        """A first name corrected in the Équipe: spaces, case or accents."""
        wb, t = self._edit(structure.EQUIPE.name)
        live = [(r, row) for r, row in t.rows() if row["Prénom"]]
        if not live:
            return
        r, row = live[i % len(live)]
        prenom = str(row["Prénom"])
        t.cell(r, "Prénom").value = {
            "spaces": prenom.strip() + "  " if prenom == prenom.strip() else prenom.strip(),
            "case": prenom.swapcase(),
            "accents": name_key(prenom).title(),
        }[how]
        wb.save(self.path)

    @rule(i=st.integers(0, 20))
    def remove_member(self, i: int) -> None:
        """A member leaves: their row of the Équipe cleared."""
        wb, t = self._edit(structure.EQUIPE.name)
        live = [(r, row) for r, row in t.rows() if row["Prénom"]]
        if len(live) < 4:
            return
        r, _ = live[i % len(live)]
        for h in t.headers:
            t.cell(r, h).value = None
        wb.save(self.path)

    # ---------------------------------------------------------------- commands
    @rule()
    def hand_out_copies(self) -> None:
        """The Grille as it is goes to each teacher (their copy, to fill in)."""
        self.copies = xlsx_read.read_classeur(self.path).grid

    @precondition(lambda self: bool(self.copies))
    @rule(seed=st.integers(0, 3))
    def merge_copies(self, seed: int) -> None:
        """Each teacher fills blanks, changes one value (a conflict) and adds a student."""
        c = xlsx_read.read_classeur(self.path)
        known = roster.known(c)
        paths = []
        for t_i, teacher in enumerate(dict.fromkeys(e.enseignant for e in self.copies)):
            mine = [
                GridEntry(e.eleve, e.groupe, e.enseignant, dict(e.resultats))
                for e in self.copies
                if e.enseignant == teacher
            ]
            for k, e in enumerate(mine):
                for header_code in ("A3", "A4"):
                    e.resultats.setdefault((header_code, vocabulary.BLOC_3), 1 + (k + seed) % 4)
            if mine:
                first = mine[0].resultats
                first[("A1", vocabulary.BLOC_1)] = 1 + (first.get(("A1", vocabulary.BLOC_1), 1)) % 4
            self.n += 1
            mine.append(
                GridEntry(
                    f"Arrivée {self.n}",
                    mine[0].groupe if mine else "401",
                    teacher,
                    {("A1", vocabulary.BLOC_3): 2},
                )
            )
            copy = demo.demo()
            copy.grid = mine
            paths.append(
                str(xlsx_new.write_classeur(copy, self.folder / f"copie{t_i}-{self.n}.xlsx"))
            )
        self._run("fusionner", str(self.path), *paths)
        # A removed student the classeur never remembered (typed and cleared between two
        # commands) comes back as new: no longer « removed ».
        self.removed = {w for w in self.removed if roster.fingerprint(w) in known}

    @rule(n=st.integers(1, 3))
    def type_action(self, n: int) -> None:
        """An action typed in a rencontre tab's « Qui fait quoi? » (compte-rendu adds it
        to Suivi)."""
        self.n += 1
        typed = Saisie(actions=[(f"Action tapée {self.n}", "Sophie Gagnon", None)])
        self._run("ordre-du-jour", str(self.path), "-r", str(n), "--aujourdhui", TODAY)
        filebook.update_classeur(
            self.path,
            lambda e: rencontre.saisir(e.model, e.sheet_values, n, typed, dt.date(2026, 11, 25)),
        )

    @rule()
    def compiler(self) -> None:
        self._run("compiler", str(self.path))

    @rule(n=st.integers(1, 3))
    def ordre_du_jour(self, n: int) -> None:
        self._run("ordre-du-jour", str(self.path), "-r", str(n), "--aujourdhui", TODAY)

    @rule(n=st.integers(1, 3))
    def compte_rendu(self, n: int) -> None:
        self._run("compte-rendu", str(self.path), "-r", str(n), "--aujourdhui", TODAY)

    @rule()
    def bilan(self) -> None:
        self._run("bilan", str(self.path))

    @rule()
    def verifier(self) -> None:
        self._run("verifier", str(self.path))

    @rule()
    def checkpoint(self) -> None:
        """Sentences against the formulas, after LibreOffice recalculated the workbook."""
        self._run("compiler", str(self.path))
        self._run("ordre-du-jour", str(self.path), "-r", "3", "--aujourdhui", TODAY)
        self._run("bilan", str(self.path))
        out = libreoffice.convert(self.path, "xlsx", self.folder / "lo")
        _sentences_match_formulas(self.path, out)
        _bilan_rates_match_formulas(self.path, out)

    # ---------------------------------------------------------------- invariants
    @invariant()
    def every_presence_stays_with_its_person(self) -> None:
        wb = load_workbook(self.path)
        for (n, who), value in self.presences.items():
            sheet = structure.meeting_sheet(n)
            p = bilan.read_presences(
                [list(r) for r in wb[sheet].iter_rows(values_only=True)], sheet
            )
            assert p is not None and p.values.get(who) == value, (n, who, value)

    @invariant()
    def every_typed_cell_is_on_its_row(self) -> None:
        wb = load_workbook(self.path)
        for table in (GRILLE, SUIVI):
            t = Table(wb, table)
            rows = {_identity(table, row): (r, row) for r, row in self._live(t)}
            for (tab, who, header), value in self.typed.items():
                if tab != table:
                    continue
                assert who in rows, (table, who, header, "gone")
                assert _value(rows[who][1][header]) == value, (table, who, header)
            for who in self.hidden[table]:
                assert t.ws.row_dimensions[rows[who][0]].hidden, (table, who, "shown")
            if table == GRILLE:
                assert not self.removed & set(rows), self.removed & set(rows)


def _sentences_match_formulas(path: Path, recalculated: Path) -> None:
    """Each « X élèves sur Y » of R3's agenda equals the Résultats formulas' numbers."""
    text = "\n".join(
        str(v) for row in load_workbook(path)["R3"].iter_rows(values_only=True) for v in row if v
    )
    ws = load_workbook(recalculated, data_only=True)[structure.SHEET_RESULTATS]
    col = {c.key: i for i, c in enumerate(compilation.RESULTATS_DETAIL_COLUMNS)}
    formulas = {
        (r[col["code"]], str(r[col["bloc"]]).casefold()): (r[col["atteints"]], r[col["evalues"]])
        for r in ws.iter_rows(values_only=True)
        if len(r) > col["evalues"] and isinstance(r[col["evalues"]], int | float)
    }
    found = SENTENCE.findall(text)
    assert found, "R3's agenda has no sentence on results"
    for atteints, evalues, code, bloc in found:
        assert formulas[(code, bloc)] == (int(atteints), int(evalues)), (code, bloc)


def _bilan_rates_match_formulas(path: Path, recalculated: Path) -> None:
    """The Bilan's attendance rate of each rencontre: formulas = Python's figures."""
    wb = load_workbook(path)
    model = xlsx_read.read_classeur(path)

    def values(name: str) -> list[list[Any]] | None:
        return (
            [list(r) for r in wb[name].iter_rows(values_only=True)]
            if name in wb.sheetnames
            else None
        )

    figures = bilan.figures(model, values)
    ws = load_workbook(recalculated, data_only=True)[structure.SHEET_BILAN]
    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == bilan_sheet.BILAN_RATE_ROW)
    meetings = sorted(m.numero for m in model.meetings)
    for j, n in enumerate(meetings):
        got = row[bilan_sheet.BILAN_FIRST_MATRIX_COL - 1 + j]
        want = figures.meeting_rates[n]
        assert (got in ("", None)) if want is None else got == pytest.approx(want), (n, got, want)


YearOfEdits.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
test_a_year_of_edits = needs_libreoffice(pytest.mark.libreoffice(YearOfEdits.TestCase))


@needs_libreoffice
@pytest.mark.libreoffice
def test_a_scripted_year() -> None:
    """The same machine through one realistic year, so that every rule and both
    checkpoints run on every CI run (hypothesis' first examples are the simplest ones)."""
    year = YearOfEdits()
    steps = [
        lambda: year.add_team_column(GRILLE, 0),
        lambda: year.add_team_column(SUIVI, 0),
        year.compiler,
        year.hand_out_copies,
        lambda: year.type_level(4, LEVEL_HEADERS[2], 4),
        lambda: year.hide_row(GRILLE, 5),
        lambda: year.hide_row(SUIVI, 2),
        lambda: year.clear_row(GRILLE, 7),
        lambda: year.clear_row(SUIVI, 3),
        lambda: year.type_action(3),
        lambda: year.type_presence(1, 4, vocabulary.PRESENT),
        lambda: year.type_presence(2, 6, vocabulary.ABSENT),
        lambda: year.type_presence(1, 6, vocabulary.PRESENT),
        lambda: year.respell_member(4, "spaces"),
        lambda: year.respell_member(3, "accents"),
        lambda: year.compte_rendu(3),
        lambda: year.add_team_column(GRILLE, 1),
        lambda: year.merge_copies(0),
        lambda: year.delete_row(GRILLE, 10),
        lambda: year.insert_student(3),
        lambda: year.delete_row(SUIVI, 1),
        lambda: year.type_due_date(2, 40),
        lambda: year.ordre_du_jour(2),
        year.checkpoint,
        year.verifier,
        lambda: year.remove_member(6),
        lambda: year.compte_rendu(1),
        lambda: year.merge_copies(1),
        year.bilan,
        year.checkpoint,
    ]
    try:
        for step in steps:
            step()
            year.every_typed_cell_is_on_its_row()
            year.every_presence_stays_with_its_person()
    finally:
        year.teardown()
