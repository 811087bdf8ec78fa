"""A year of a team's hand edits, mixed with every command (hypothesis stateful test).

The machine edits a real classeur file as Excel would (openpyxl: rows typed, inserted,
cleared, deleted — the table's range following as Excel resizes it —, columns the team
adds to the Grille, the Suivi and the Équipe, levels, dates and times typed in every form
Classeur accepts, members respelled, removed and added back, rows hidden, notes and links
typed in the rencontre tabs, teachers' copies merged with conflicts and new students) and
runs the commands through the real command line, ``exporter`` included (its Word minutes
read back). A second machine plays a réseau's year, with ``fiche`` and ``plan``. After
each step:

- every cell typed (in Classeur's columns or the team's) is still on the row of the same
  student, action, member or rencontre, in the same column, and means what was typed (a
  date typed « 15/12/2026 » is that date); once a writing command ran, a date, time or
  level typed as text is a real one (an ambiguous day/month date stays text); nothing
  typed is gone; hidden rows hide the same student or action; a student the team removed
  is not brought back by a copy; a presence stays with its member;
- every note typed in a rencontre tab is in the exported minutes, in its row, with no
  formula's text; a ``=HYPERLINK`` typed there is a real link of the Word file;
- at checkpoints, LibreOffice recalculates the workbook, and every number in a sentence
  (the agenda's results, the Bilan's attendance rates) equals what the formulas give, as
  do the agendas' deadlines computed from the dates typed.

Few steps by default (the suite runs on 2 cores); set ``CLASSEUR_YEAR_EXAMPLES`` (e.g. 25)
for a longer year (``CLASSEUR_YEAR_STEPS`` for longer examples).
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
from docx import Document as WordDocument
from docx.oxml.ns import qn
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from classeur.cli.main import cli
from classeur.domain import bilan, cellvalues, demo
from classeur.domain.grille import roster
from classeur.domain.identity import name_key, student_key
from classeur.domain.model import GridEntry
from classeur.domain.rencontres.saisie import Saisie
from classeur.files import filebook, libreoffice, xlsx_new, xlsx_read
from classeur.files.xlsx_tables import add_table_column, find_table
from classeur.layout import annexes, bilan_sheet, compilation, rencontre_tab, structure, vocabulary
from classeur.sheets import rencontre
from classeur.text import french
from tests.conftest import needs_libreoffice
from tests.year_forms import DATE_FORMS, LEVEL_FORMS, TIME_FORMS, ambiguous

EXAMPLES = int(os.environ.get("CLASSEUR_YEAR_EXAMPLES", "2"))
STEPS = int(os.environ.get("CLASSEUR_YEAR_STEPS", "14"))
TODAY = "2026-11-25"
GRILLE, SUIVI = structure.GRILLE_NAME, structure.SUIVI.name
EQUIPE, RENCONTRES = structure.EQUIPE.name, structure.RENCONTRES.name
TABLES = (GRILLE, SUIVI, EQUIPE, RENCONTRES)
TEAM_HEADERS = {
    GRILLE: ["Remarques (PI, allergies…)", "Commentaire A1"],
    SUIVI: ["Priorité"],
    EQUIPE: ["Disponibilités", "Cellulaire"],
}
LEVEL_HEADERS = [structure.grille_header(c, b) for c in ("A1", "A2") for b in vocabulary.BLOCS]
SENTENCE = re.compile(
    r"(\d+) élèves? sur (\d+) \(\d+\xa0%\) atteignent le niveau visé en (\S+) au (bloc \d)"
)
# Commands that write the classeur, so first write typed dates, times and levels back.
WRITING = {"ordre-du-jour", "compte-rendu", "compiler", "fusionner", "bilan", "fiche", "plan"}
SCALE = cellvalues.level((1, 2, 3, 4))
LINK = '=HYPERLINK("https://exemple.org/doc{n}","Document partagé {n}")'

Key = tuple[str, ...]


def _identity(table: str, row: dict[str, Any]) -> Key:
    if table == GRILLE:
        return student_key(row["Élève"], row["Groupe"], row["Enseignant·e"])
    if table == EQUIPE:
        return ("@", cellvalues.shown(row["Courriel"]).casefold())
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

    def live(self) -> list[tuple[int, dict[str, Any]]]:
        """The rows that hold something (not cleared)."""
        return [(r, row) for r, row in self.rows() if any(row[h] for h in self.headers[:2])]

    def cell(self, r: int, header: str) -> Any:
        return self.ws.cell(row=r, column=self.min_col + self.headers.index(header))

    def resize(self, bottom: int) -> None:
        ref = (
            self.t.ref.split(":")[0] + ":" + re.sub(r"\d+$", str(bottom), self.t.ref.split(":")[1])
        )
        self.t.ref, self.bottom = ref, bottom
        if self.t.autoFilter is not None:
            self.t.autoFilter.ref = ref

    def insert_row(self, r: int) -> None:
        """Right-click › Insérer › Lignes du tableau au-dessus: rows below move down (their
        hidden marks with them), the table grows."""
        hidden = {x for x in range(r, self.bottom + 1) if self.ws.row_dimensions[x].hidden}
        self.ws.insert_rows(r)
        for x in range(r, self.bottom + 2):
            self.ws.row_dimensions[x].hidden = x - 1 in hidden
        self.resize(self.bottom + 1)


def _value(v: Any) -> Any:
    return v.date() if isinstance(v, dt.datetime) and v.time() == dt.time(0) else v


def _means(kind: str, v: Any) -> Any:
    """What cell value ``v`` means, for a cell typed as ``kind``."""
    if kind == "date":
        return cellvalues.date_or_none(v)
    if kind == "time":
        return cellvalues.parse_time(v)
    if kind == "level":
        return SCALE(v)
    return _value(v)


def _agenda_rows(ws: Any) -> list[int]:
    """Rows of a rencontre tab's agenda whose n° is a number (its items)."""
    col = rencontre_tab.RT_COL_NUM
    labels = {ws.cell(r, col).value: r for r in range(1, ws.max_row + 1)}
    start = labels.get(rencontre_tab.RT_SECTION_ODJ, 0)
    ends = [r for lbl, r in labels.items() if lbl in rencontre_tab.RT_SECTIONS and r > start]
    end = min(ends, default=ws.max_row + 1)
    return [r for r in range(start + 1, end) if isinstance(ws.cell(r, col).value, int)]


class YearOfEdits(RuleBasedStateMachine):
    MODELE = vocabulary.MODELE_CAR

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="annee-"))
        self.path = xlsx_new.write_classeur(demo.demo(self.MODELE), self.folder / "classeur.xlsx")
        # (table, who, header) -> (kind, meaning): kind "text" (as typed), "date", "time",
        # "level" (what the typed value means)
        self.typed: dict[tuple[str, Key, str], tuple[str, Any]] = {}
        self.as_text: dict[tuple[str, Key, str], int] = {}  # typed as text, at write n°
        self.writes = 0  # writing commands that ran
        self.hidden: dict[str, set[Key]] = {t: set() for t in TABLES}
        self.removed: set[Key] = set()  # students the team cleared or deleted
        self.copies: list[GridEntry] = []  # the Grille when the copies were handed out
        self.presences: dict[tuple[int, str], str] = {}  # (rencontre, name_key) -> typed
        self.left: list[dict[str, Any]] = []  # Équipe rows of members who left
        self.notes: dict[tuple[int, int], tuple[str, str]] = {}  # (R n, item n°) -> shown
        self.n = 0

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # ---------------------------------------------------------------- helpers
    def _edit(self, table: str) -> tuple[Any, Table]:
        wb = load_workbook(self.path)
        return wb, Table(wb, table)

    def _run(self, *argv: str) -> str:
        out = CliRunner().invoke(cli, list(argv))
        assert out.exception is None or isinstance(out.exception, SystemExit), out.output
        assert "Traceback" not in out.output and "Erreur inattendue" not in out.output
        if argv[0] in WRITING and out.exit_code == 0:
            self.writes += 1
        return out.output

    def _type(self, t: Table, r: int, header: str, value: Any, kind: str, meaning: Any) -> None:
        """``value`` typed in row ``r``'s ``header`` cell, meaning ``meaning``."""
        t.cell(r, header).value = value
        key = (t.t.name, _identity(t.t.name, dict(t.rows())[r]), header)
        self.typed[key] = (kind, meaning)
        self.as_text.pop(key, None)
        if isinstance(value, str) and kind != "text" and not ambiguous(value):
            self.as_text[key] = self.writes

    def _forget(self, table: str, who: Key) -> None:
        for k in [k for k in self.typed if k[:2] == (table, who)]:
            del self.typed[k]
            self.as_text.pop(k, None)
        self.hidden[table].discard(who)
        if table == GRILLE:
            self.removed.add(who)

    # ---------------------------------------------------------------- hand edits
    @rule(table=st.sampled_from([GRILLE, SUIVI, EQUIPE]), which=st.integers(0, 1))
    def add_team_column(self, table: str, which: int) -> None:
        header = TEAM_HEADERS[table][min(which, len(TEAM_HEADERS[table]) - 1)]
        wb, t = self._edit(table)
        if header in t.headers:
            return
        add_table_column(wb, table, header)
        t = Table(wb, table)
        for r, row in t.live():
            fact = f"{header} de {' / '.join(_identity(table, row))}"
            self._type(t, r, header, fact, "text", fact)
        wb.save(self.path)

    @rule(
        i=st.integers(0, 80),
        header=st.sampled_from(LEVEL_HEADERS),
        level=st.integers(1, 4),
        form=st.sampled_from(sorted(LEVEL_FORMS)),
    )
    def type_level(self, i: int, header: str, level: int, form: str) -> None:
        """A level typed in any accepted form: a number, text, with spaces around."""
        wb, t = self._edit(GRILLE)
        live = t.live()
        if not live:
            return
        r, _ = live[i % len(live)]
        self._type(t, r, header, LEVEL_FORMS[form](level), "level", level)
        wb.save(self.path)

    @rule(i=st.integers(0, 20), days=st.integers(0, 300), form=st.sampled_from(sorted(DATE_FORMS)))
    def type_due_date(self, i: int, days: int, form: str) -> None:
        """An action's due date typed in any accepted form (« 15/12/2026 », « 2026-12-15 »…)."""
        wb, t = self._edit(SUIVI)
        live = t.live()
        if not live:
            return
        r, _ = live[i % len(live)]
        due = dt.date(2026, 9, 1) + dt.timedelta(days=days)
        self._type(t, r, "Échéance", DATE_FORMS[form](due), "date", due)
        wb.save(self.path)

    @rule(
        i=st.integers(0, 20),
        date_form=st.sampled_from(sorted(DATE_FORMS)),
        start_form=st.sampled_from(sorted(TIME_FORMS)),
        end_form=st.sampled_from(sorted(TIME_FORMS)),
    )
    def retype_meeting(self, i: int, date_form: str, start_form: str, end_form: str) -> None:
        """A rencontre's date and hours typed again, as text or real values (same meaning)."""
        wb, t = self._edit(RENCONTRES)
        live = [(r, row) for r, row in t.rows() if row["N°"] is not None]
        r, row = live[i % len(live)]
        when = cellvalues.date_or_none(row["Date"])
        if when is not None:
            self._type(t, r, "Date", DATE_FORMS[date_form](when), "date", when)
        for header, form in (("Début", start_form), ("Fin", end_form)):
            hour = cellvalues.parse_time(row[header])
            if hour is not None:
                self._type(t, r, header, TIME_FORMS[form](hour), "time", hour)
        wb.save(self.path)

    @rule(table=st.sampled_from([GRILLE, SUIVI]), i=st.integers(0, 80))
    def hide_row(self, table: str, i: int) -> None:
        wb, t = self._edit(table)
        live = t.live()
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
        live = t.live()
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
        live = t.live()
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

    @rule(i=st.integers(0, 80), form=st.sampled_from(sorted(LEVEL_FORMS)))
    def insert_student(self, i: int, form: str) -> None:
        """Insert a table row and type a new student in it (a level too)."""
        wb, t = self._edit(GRILLE)
        live = t.live()
        r = live[i % len(live)][0] if live else t.top + 1
        t.insert_row(r)
        self.n += 1
        row = {
            "Élève": f"Nouvel élève {self.n}",
            "Groupe": "401",
            "Enseignant·e": "Mathieu Tremblay",
        }
        for h, v in row.items():
            t.cell(r, h).value = v
        self._type(t, r, "Élève", row["Élève"], "text", row["Élève"])
        self._type(t, r, LEVEL_HEADERS[0], LEVEL_FORMS[form](3), "level", 3)
        self.removed.discard(_identity(GRILLE, row))
        wb.save(self.path)

    @rule(i=st.integers(0, 20), days=st.integers(0, 300), form=st.sampled_from(sorted(DATE_FORMS)))
    def insert_action(self, i: int, days: int, form: str) -> None:
        """Insert a table row in the Suivi and type an action in it, its due date in any form."""
        wb, t = self._edit(SUIVI)
        live = t.live()
        r = live[i % len(live)][0] if live else t.top + 1
        numero = 1 + max((int(row["N°"]) for _, row in live if row["N°"] is not None), default=0)
        t.insert_row(r)
        self.n += 1
        t.cell(r, "N°").value = numero
        self._type(t, r, "Action", f"Action insérée {self.n}", "text", f"Action insérée {self.n}")
        self._type(t, r, "Statut", vocabulary.STATUT_A_FAIRE, "text", vocabulary.STATUT_A_FAIRE)
        due = dt.date(2026, 9, 1) + dt.timedelta(days=days)
        self._type(t, r, "Échéance", DATE_FORMS[form](due), "date", due)
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
        wb, t = self._edit(EQUIPE)
        live = [(r, row) for r, row in t.rows() if row["Prénom"]]
        if not live:
            return
        r, row = live[i % len(live)]
        prenom = str(row["Prénom"])
        respelled = {
            "spaces": prenom.strip() + "  " if prenom == prenom.strip() else prenom.strip(),
            "case": prenom.swapcase(),
            "accents": name_key(prenom).title(),
        }[how]
        t.cell(r, "Prénom").value = respelled
        key = (EQUIPE, _identity(EQUIPE, row), "Prénom")
        if key in self.typed:  # a member typed back in: their name is now this spelling
            self.typed[key] = ("text", respelled)
        wb.save(self.path)

    @rule(i=st.integers(0, 20))
    def remove_member(self, i: int) -> None:
        """A member leaves: their row of the Équipe cleared."""
        wb, t = self._edit(EQUIPE)
        live = [(r, row) for r, row in t.rows() if row["Prénom"]]
        if len(live) < 4:
            return
        r, row = live[i % len(live)]
        self.left.append(row)
        for h in t.headers:
            t.cell(r, h).value = None
        self._forget(EQUIPE, _identity(EQUIPE, row))
        wb.save(self.path)

    @precondition(lambda self: bool(self.left))
    @rule(i=st.integers(0, 20), blank_row=st.booleans())
    def add_member_back(self, i: int, blank_row: bool) -> None:
        """A member who left comes back: typed again in a blank row of the Équipe, or just
        below the table (Excel extends it)."""
        row = self.left.pop(i % len(self.left))
        wb, t = self._edit(EQUIPE)
        blanks = [r for r, values in t.rows() if not any(values.values())]
        if blank_row and blanks:
            r = blanks[0]
        else:
            r = t.bottom + 1
            t.resize(r)
        for h in structure.EQUIPE.headers:
            t.cell(r, h).value = row[h]
        self._type(t, r, "Prénom", row["Prénom"], "text", row["Prénom"])
        wb.save(self.path)

    # ---------------------------------------------------------------- rencontre tabs
    @rule(n=st.integers(1, 3), i=st.integers(0, 20), link=st.booleans())
    def type_note(self, n: int, i: int, link: bool) -> None:
        """A note (text, or a =HYPERLINK formula) typed in an agenda item of rencontre ``n``."""
        self._run("ordre-du-jour", str(self.path), "-r", str(n), "--aujourdhui", TODAY)
        wb = load_workbook(self.path)
        ws = wb[structure.meeting_sheet(n)]
        rows = _agenda_rows(ws)
        if not rows:
            return
        r = rows[i % len(rows)]
        self.n += 1
        shown = f"Document partagé {self.n}" if link else f"Note {self.n} : décision prise"
        ws.cell(r, rencontre_tab.RT_COL_NOTES).value = LINK.format(n=self.n) if link else shown
        numero = ws.cell(r, rencontre_tab.RT_COL_NUM).value
        self.notes[(n, numero)] = (
            shown,
            cellvalues.shown(ws.cell(r, rencontre_tab.RT_COL_TEXT).value),
        )
        wb.save(self.path)

    @rule(n=st.integers(1, 3))
    def exporter(self, n: int) -> None:
        """The minutes exported as Word and read back: every note in its item's row."""
        out = self.folder / "envoi"
        out.mkdir(exist_ok=True)
        said = self._run(
            "exporter", str(self.path), "-r", str(n), "-d", "compte-rendu", "-f", "docx",
            "-o", str(out), "--remplacer",
        )  # fmt: skip
        made = sorted(out.glob(f"*R{n}*.docx"), key=lambda p: p.stat().st_mtime)
        assert made, said
        self.minutes_hold_every_note(n, _docx_tables(made[-1]), _docx_all_text(made[-1]))
        links = _docx_links(made[-1])
        for (m, _), (shown, _) in self.notes.items():
            if m == n and shown.startswith("Document partagé "):  # typed as =HYPERLINK
                target = "https://exemple.org/doc" + shown.rsplit(" ", 1)[1]
                # the réseau's annexe 4 puts the item's name before it: « Point : lien »
                # (typeset: a non-breaking space before « : »)
                after = {(re.split("[ \u00a0]: ", t)[-1], u) for t, u in links.items()}
                assert (shown, target) in after, (
                    shown,
                    links,
                )

    def minutes_hold_every_note(self, n: int, tables: list[list[list[str]]], text: str) -> None:
        assert "=HYPERLINK" not in text.upper() and "=LIEN" not in text.upper(), text
        notes = [t for t in tables if t and t[0][2:3] == ["Documents, notes et décisions"]]
        assert len(notes) == 1 or not any(k[0] == n for k in self.notes), tables
        rows = notes[0][1:] if notes else []
        for (m, numero), (typed, item) in self.notes.items():
            if m != n:
                continue
            # the document is typeset (Québec typography), the team's words included
            shown, point = french.typography(typed), french.typography(item)
            if self.MODELE == vocabulary.MODELE_CAR:  # the item's own row
                mine = [row for row in rows if row[0] == str(numero) and row[1] == point]
            else:  # annexe 4 du CEE: the row of its kind of item, the résumé by default
                mine = [row for row in rows if shown in row[2]]
            assert len(mine) == 1 and shown in mine[0][2], (n, numero, shown, rows)

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
            copy = demo.demo(self.MODELE)
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
        _deadlines_match_dates(self.path, out)

    # ---------------------------------------------------------------- invariants
    @invariant()
    def nothing_typed_moved_or_gone(self) -> None:
        wb = load_workbook(self.path)
        self.every_presence_stays_with_its_person(wb)
        self.every_typed_cell_is_on_its_row(wb)
        self.every_note_stays_in_its_item(wb)
        self.more_checks(wb)

    def more_checks(self, wb: Any) -> None:
        """What a machine for another kind of classeur checks too."""

    def every_presence_stays_with_its_person(self, wb: Any) -> None:
        for (n, who), value in self.presences.items():
            sheet = structure.meeting_sheet(n)
            p = bilan.read_presences(
                [list(r) for r in wb[sheet].iter_rows(values_only=True)], sheet
            )
            assert p is not None and p.values.get(who) == value, (n, who, value)

    def every_note_stays_in_its_item(self, wb: Any) -> None:
        for (n, numero), (shown, _) in self.notes.items():
            ws = wb[structure.meeting_sheet(n)]
            row = [
                r for r in _agenda_rows(ws) if ws.cell(r, rencontre_tab.RT_COL_NUM).value == numero
            ]
            assert row, (n, numero, "item gone")
            value = str(ws.cell(row[0], rencontre_tab.RT_COL_NOTES).value)
            assert shown in value, (n, numero, shown, value)

    def every_typed_cell_is_on_its_row(self, wb: Any) -> None:
        for table in TABLES:
            t = Table(wb, table)
            rows = {_identity(table, row): (r, row) for r, row in t.live()}
            for key, (kind, meaning) in self.typed.items():
                tab, who, header = key
                if tab != table:
                    continue
                assert who in rows, (table, who, header, "gone")
                value = rows[who][1][header]
                assert _means(kind, value) == meaning, (table, who, header, value, meaning)
                if key in self.as_text and self.writes > self.as_text[key]:
                    assert not isinstance(value, str), (table, who, header, value, "still text")
            for who in self.hidden[table]:
                assert t.ws.row_dimensions[rows[who][0]].hidden, (table, who, "shown")
            if table == GRILLE:
                assert not self.removed & set(rows), self.removed & set(rows)


def _docx_all_text(path: Path) -> str:
    return "\n".join(t.text or "" for t in WordDocument(str(path)).element.body.iter(qn("w:t")))


def _docx_links(path: Path) -> dict[str, str]:
    """Text of each hyperlink of a Word file -> its target."""
    doc = WordDocument(str(path))
    rels = {r.rId: r.target_ref for r in doc.part.rels.values() if r.is_external}
    out = {}
    for link in doc.element.body.iter(qn("w:hyperlink")):
        text = "".join(t.text or "" for t in link.iter(qn("w:t")))
        out[text] = rels.get(link.get(qn("r:id")), "")
    return out


def _docx_tables(path: Path) -> list[list[list[str]]]:
    """Each table of a Word file: its rows, each a list of cell texts (paragraphs joined)."""
    out = []
    for table in WordDocument(str(path)).element.body.iter(qn("w:tbl")):
        rows = []
        for tr in table.iter(qn("w:tr")):
            rows.append(
                [
                    "\n".join(
                        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))
                    ).strip()
                    for tc in tr.iter(qn("w:tc"))
                ]
            )
        out.append(rows)
    return out


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


def _deadlines_match_dates(path: Path, recalculated: Path) -> None:
    """Each rencontre's « Échéance ordre du jour » (a formula on the date typed) is 7 days
    before the date Classeur reads: the formulas see the dates typed as text too."""
    model = xlsx_read.read_classeur(path)
    t = Table(load_workbook(recalculated, data_only=True), RENCONTRES)
    got = {row["N°"]: _value(row["Échéance ordre du jour"]) for _, row in t.rows() if row["N°"]}
    for m in model.meetings:
        want = m.date - dt.timedelta(days=vocabulary.ODJ_DAYS_BEFORE) if m.date else None
        assert got[m.numero] == (want or ""), (m.numero, got[m.numero], want)


YearOfEdits.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
test_a_year_of_edits = needs_libreoffice(pytest.mark.libreoffice(YearOfEdits.TestCase))


class ReseauYear(YearOfEdits):
    """A réseau's year: the same edits and commands, plus the Fiche de proposition and the
    Plan de réseau (annexes 1 and 2 du CEE), their answers and notes typed by hand."""

    MODELE = vocabulary.MODELE_RESEAU

    def __init__(self) -> None:
        super().__init__()
        self.answers: dict[str, str] = {}  # Fiche: question -> answer typed in column B
        self.sheet_notes: dict[tuple[str, int, int], str] = {}  # (sheet, row, col) -> note
        self._run("fiche", str(self.path))
        self._run("plan", str(self.path))

    @rule()
    def fiche(self) -> None:
        self._run("fiche", str(self.path))

    @rule(horaire=st.sampled_from(["", *annexes.HORAIRE_KEYS]))
    def plan(self, horaire: str) -> None:
        self._run("plan", str(self.path), *(("--horaire", horaire) if horaire else ()))

    @rule(i=st.integers(0, 30))
    def type_fiche_answer(self, i: int) -> None:
        """An answer typed in column B of the Fiche, next to its question."""
        wb = load_workbook(self.path)
        ws = wb[structure.SHEET_FICHE]
        blank = [
            r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value and not ws.cell(r, 2).value
        ]
        if not blank:
            return
        r = blank[i % len(blank)]
        self.n += 1
        self.answers[str(ws.cell(r, 1).value)] = ws.cell(r, 2).value = f"Réponse tapée {self.n}"
        wb.save(self.path)

    @rule(
        sheet=st.sampled_from([structure.SHEET_FICHE, structure.SHEET_PLAN]), row=st.integers(1, 40)
    )
    def type_sheet_note(self, sheet: str, row: int) -> None:
        """A note typed in a free cell, right of what Classeur writes."""
        wb = load_workbook(self.path)
        col = 4 if sheet == structure.SHEET_FICHE else 8
        self.n += 1
        self.sheet_notes[(sheet, row, col)] = wb[sheet].cell(row, col).value = f"Note {self.n}"
        wb.save(self.path)

    @rule()
    def checkpoint(self) -> None:
        """The Bilan's rates, the agendas' and the Plan's deadlines against the formulas,
        after LibreOffice recalculated the workbook."""
        self._run("bilan", str(self.path))
        self._run("plan", str(self.path))
        out = libreoffice.convert(self.path, "xlsx", self.folder / "lo")
        _bilan_rates_match_formulas(self.path, out)
        _deadlines_match_dates(self.path, out)
        _plan_deadline_matches_dates(self.path, out)

    def more_checks(self, wb: Any) -> None:
        ws = wb[structure.SHEET_FICHE]
        typed = {str(ws.cell(r, 1).value): ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
        for question, answer in self.answers.items():
            assert typed.get(question) == answer, (question, answer, typed.get(question))
        for (sheet, r, c), note in self.sheet_notes.items():
            assert wb[sheet].cell(r, c).value == note, (sheet, r, c, note)


def _plan_deadline_matches_dates(path: Path, recalculated: Path) -> None:
    """The Plan's « À déposer au plus tard le »: 7 days before the first rencontre."""
    dates = [m.date for m in xlsx_read.read_classeur(path).meetings if m.date]
    ws = load_workbook(recalculated, data_only=True)[structure.SHEET_PLAN]
    got = next(
        ws.cell(r, 2).value
        for r in range(1, ws.max_row + 1)
        if ws.cell(r, 1).value == annexes.PLAN_DEADLINE_LABEL
    )
    assert _value(got) == min(dates) - dt.timedelta(days=vocabulary.ODJ_DAYS_BEFORE), got


ReseauYear.TestCase.settings = YearOfEdits.TestCase.settings
test_a_reseau_year = needs_libreoffice(pytest.mark.libreoffice(ReseauYear.TestCase))


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
        lambda: year.type_level(4, LEVEL_HEADERS[2], 4, "3 suivi d'une espace"),
        lambda: year.type_level(9, LEVEL_HEADERS[1], 1, "texte"),
        lambda: year.add_team_column(EQUIPE, 0),
        lambda: year.retype_meeting(1, "15/12/2026", "12h45", "15:45"),
        lambda: year.retype_meeting(2, "2026-12-15", "12 h 45", "vraie heure"),
        lambda: year.type_due_date(1, 30, "15 déc. 2026"),
        lambda: year.type_note(2, 1, False),
        lambda: year.type_note(2, 2, True),
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
        lambda: year.insert_student(3, "espaces autour"),
        lambda: year.insert_action(2, 75, "15/12/2026"),
        lambda: year.exporter(2),
        lambda: year.delete_row(SUIVI, 1),
        lambda: year.type_due_date(2, 40, "vraie date"),
        lambda: year.type_due_date(3, 62, "15/12/2026"),  # 02/11/2026: stays text
        lambda: year.ordre_du_jour(2),
        year.checkpoint,
        year.verifier,
        lambda: year.remove_member(6),
        lambda: year.remove_member(2),
        lambda: year.add_member_back(0, True),
        lambda: year.compte_rendu(1),
        lambda: year.merge_copies(1),
        year.bilan,
        year.checkpoint,
    ]
    try:
        for step in steps:
            step()
            year.nothing_typed_moved_or_gone()
    finally:
        year.teardown()


@needs_libreoffice
@pytest.mark.libreoffice
def test_a_scripted_reseau_year() -> None:
    """The réseau's machine through one year, so that the Fiche, the Plan (every
    horaire), the notes typed in them and the réseau's checkpoint run on every CI run."""
    year = ReseauYear()
    steps = [
        lambda: year.type_fiche_answer(0),
        lambda: year.type_sheet_note(structure.SHEET_FICHE, 3),
        lambda: year.type_sheet_note(structure.SHEET_PLAN, 12),
        lambda: year.retype_meeting(0, "15 déc. 2026", "12H45", "15:45"),
        lambda: year.retype_meeting(1, "mardi 15 décembre 2026", "08:45", " 15:45 "),
        lambda: year.plan("2-journees"),
        lambda: year.type_note(1, 0, False),
        lambda: year.type_note(1, 3, True),
        lambda: year.type_presence(1, 2, vocabulary.ABSENT),
        lambda: year.compte_rendu(1),
        lambda: year.exporter(1),
        lambda: year.respell_member(2, "case"),
        lambda: year.remove_member(3),
        year.fiche,
        lambda: year.plan("4-apres-midis"),
        lambda: year.type_fiche_answer(2),
        lambda: year.add_member_back(0, False),
        lambda: year.plan(""),
        year.checkpoint,
        year.verifier,
    ]
    try:
        for step in steps:
            step()
            year.nothing_typed_moved_or_gone()
    finally:
        year.teardown()
