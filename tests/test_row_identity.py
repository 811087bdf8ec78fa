"""A table row is a thing (a student, an action), not a position: rewriting a table keeps
each row's cells together — the columns a team added, hidden rows, rows cleared by hand —
in the file (openpyxl) and in the open book (xlwings' remote engine) alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from classeur import features
from classeur.cli.main import cli
from classeur.domain import demo, rowplan
from classeur.domain.identity import name_key, row_key
from classeur.domain.model import Classeur, GridEntry
from classeur.domain.rawtable import RawTable
from classeur.domain.rencontres.saisie import Saisie
from classeur.excel import book as xlbook
from classeur.files import filebook, xlsx_new, xlsx_read
from classeur.files.xlsx_tables import add_table_column, find_table, replace_table_rows
from classeur.layout import structure, vocabulary
from classeur.sheets import rencontre
from tests import remote
from tests.typography import plain

REMARQUES = "Remarques (PI, allergies…)"
COMMENTAIRE = "Commentaire A1"
B1, B3 = vocabulary.BLOC_1, vocabulary.BLOC_3


def _table_rows(path: Path, table: str) -> list[dict[str, Any]]:
    """Each data row of ``table`` as {header: value}, with its sheet row and hidden mark."""
    wb = load_workbook(path)
    ws, t = find_table(wb, table)
    min_col, min_row, max_col, max_row = range_boundaries(t.ref)
    headers = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
    out = []
    for r in range(min_row + 1, max_row + 1):
        row = {h: ws.cell(row=r, column=min_col + j).value for j, h in enumerate(headers)}
        row["#row"], row["#hidden"] = r, bool(ws.row_dimensions[r].hidden)
        out.append(row)
    return out


def _add_team_columns(path: Path, table: str, facts: dict[str, Any]) -> None:
    """Columns a team adds to ``table``: each row gets a fact naming its own thing."""
    wb = load_workbook(path)
    for header in facts:
        add_table_column(wb, table, header)
    ws, t = find_table(wb, table)
    min_col, min_row, max_col, max_row = range_boundaries(t.ref)
    headers = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
    for r in range(min_row + 1, max_row + 1):
        row = {h: ws.cell(row=r, column=min_col + j).value for j, h in enumerate(headers)}
        for header, fact in facts.items():
            ws.cell(row=r, column=min_col + headers.index(header)).value = fact(row)
    wb.save(path)


def _edit_rows(path: Path, table: str, *, clear: int | None = None, hide: int | None = None):
    """Clear data row ``clear`` (every cell, as Delete on the selected row) and hide data
    row ``hide`` (0-based)."""
    wb = load_workbook(path)
    ws, t = find_table(wb, table)
    min_col, min_row, max_col, _ = range_boundaries(t.ref)
    if clear is not None:
        for c in range(min_col, max_col + 1):
            ws.cell(row=min_row + 1 + clear, column=c).value = None
    if hide is not None:
        ws.row_dimensions[min_row + 1 + hide].hidden = True
    wb.save(path)


def _student_facts(row: dict[str, Any]) -> dict[str, Any]:
    return {
        REMARQUES: f"PI de {row['Élève']}",
        COMMENTAIRE: f"A1 : {row['Élève']}",
    }


# ======================================================================================
# fusionner: the team's columns, hidden rows and removed students (Grille)
# ======================================================================================
def test_fusionner_keeps_the_teams_columns_with_their_student(tmp_path: Path) -> None:
    """Grille with two team columns, a hidden row and a student row cleared with Delete:
    after merging two copies, every fact is still on its student's row, the hidden row
    hides the same student, and the student who left is reported by name, not re-added."""
    c = demo.demo()
    team = xlsx_new.write_classeur(c, tmp_path / "classeur.xlsx")
    with filebook.open_book(team) as book:  # any command remembers the Grille's students
        features.compiler(book)
    # The copies were handed out before the team removed Jacob: they still hold him.
    gone = c.grid[7]
    gone_name = gone.eleve
    copies = []
    for i, teacher in enumerate(dict.fromkeys(e.enseignant for e in c.grid)):
        mine = Classeur(c.settings, c.members, c.meetings, c.learnings, [], c.actions)
        mine.grid = [
            GridEntry(e.eleve, e.groupe, e.enseignant, {**e.resultats, ("A1", B3): 3})
            for e in c.grid
            if e.enseignant == teacher
        ]
        if i == 0:
            mine.grid.append(GridEntry("Zoé Nouvelle", mine.grid[0].groupe, teacher, {}))
        copies.append(xlsx_new.write_classeur(mine, tmp_path / f"copie{i + 1}.xlsx"))
    _add_team_columns(
        team,
        structure.GRILLE_NAME,
        {REMARQUES: lambda r: _student_facts(r)[REMARQUES], COMMENTAIRE: lambda r: None},
    )
    wb = load_workbook(team)  # a comment on some students only, as a team types them
    ws, t = find_table(wb, structure.GRILLE_NAME)
    _, min_row, col, _ = range_boundaries(t.ref)
    for k in range(2, 50, 5):
        ws.cell(row=min_row + 1 + k, column=col).value = f"A1 : {c.grid[k].eleve}"
    wb.save(team)
    _edit_rows(team, structure.GRILLE_NAME, clear=7, hide=20)
    hidden_student = c.grid[20].eleve
    before = _table_rows(team, structure.GRILLE_NAME)

    out = CliRunner().invoke(cli, ["fusionner", str(team), *map(str, copies)])
    assert out.exit_code == 0, out.output

    after = _table_rows(team, structure.GRILLE_NAME)
    students = [r for r in after if r["Élève"]]
    assert len(students) == len(c.grid)  # 59 kept + Zoé; Jacob not back
    moved = [
        r["Élève"]
        for r in students
        for h in (REMARQUES, COMMENTAIRE)
        if r[h] is not None and r[h] != _student_facts(r)[h]
    ]
    assert moved == []
    # Nothing typed is gone: each fact of the team is still there, on the same sheet row.
    for b, a in zip(before, after, strict=False):
        assert (b["#row"], b[REMARQUES], b[COMMENTAIRE]) == (
            a["#row"],
            a[REMARQUES],
            a[COMMENTAIRE],
        )
        if b["Élève"]:
            assert a["Élève"] == b["Élève"]
    assert [r["Élève"] for r in after if r["#hidden"]] == [hidden_student]
    assert after[7]["Élève"] is None and after[-1]["Élève"] == "Zoé Nouvelle"
    assert all(r[structure.grille_header("A1", B3)] == 3 for r in students[:-1])
    assert (
        f"Élève retiré du classeur, présent dans la copie de « {gone.enseignant} » "
        f"(« copie1.xlsx ») : « {gone_name} » (groupe « {gone.groupe} »)" in plain(out.output)
    )
    assert "1 élève ajouté," in out.output


# ======================================================================================
# compte-rendu: the team's « Priorité » column in Suivi
# ======================================================================================
def test_compte_rendu_keeps_each_actions_priority(tmp_path: Path) -> None:
    """Suivi with a team column « Priorité » and action 4's row cleared: the actions the
    compte rendu adds go below; action 5's priority is still action 5's."""
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "classeur.xlsx")
    with filebook.open_book(path) as book:
        features.ordre_du_jour(book, 3, dt.date(2026, 11, 10))
        model = book.model()
        typed = Saisie(actions=[("Relancer les parents du groupe 402", "Sophie Gagnon", None)])
        book.apply(
            rencontre.saisir(model, book.sheet_values, 3, typed, dt.date(2026, 11, 10)), model
        )
    _add_team_columns(path, structure.SUIVI.name, {"Priorité": lambda r: f"P-{r['N°']}"})
    _edit_rows(path, structure.SUIVI.name, clear=3, hide=5)
    out = CliRunner().invoke(
        cli, ["compte-rendu", str(path), "-r", "3", "--aujourdhui", "2026-11-25"]
    )
    assert out.exit_code == 0, out.output
    rows = _table_rows(path, structure.SUIVI.name)
    assert [r["N°"] for r in rows] == [1, 2, 3, None, 5, 6, 7, 8]
    assert [r["Priorité"] for r in rows] == [f"P-{n}" for n in (1, 2, 3)] + [None] + [
        f"P-{n}" for n in (5, 6, 7)
    ] + [None]
    assert rows[-1]["Action"] == "Relancer les parents du groupe 402"
    assert [r["N°"] for r in rows if r["#hidden"]] == [6]


# ======================================================================================
# The plan, and both adapters applying it the same way
# ======================================================================================
_names = st.sampled_from(["Léa Roy", "Lea Roy ", "Noah Côté", "Zoé Pham", "Liam Nguyen"])


@settings(max_examples=60)
@given(
    existing=st.lists(st.one_of(st.none(), _names), max_size=8),
    incoming=st.lists(_names, max_size=8),
    team=st.booleans(),
)
def test_plan_matches_each_row_with_the_same_thing(
    existing: list[str | None], incoming: list[str], team: bool
) -> None:
    """Every written row holds the same student as before (compared as names); no row is
    written twice; new rows go below every row holding anything; cleared rows stay."""
    spec = structure.grille_spec([])
    raw = RawTable(
        structure.GRILLE_NAME,
        structure.SHEET_GRILLE,
        4,
        [*spec.headers, "Remarques"],
        [
            [e, "401" if e else None, "M. T." if e else None, "x" if team else None]
            for e in existing
        ],
    )
    rows = [(name, "401", "M. T.") for name in incoming]
    plan = rowplan.plan_rows(spec, raw, rows)
    for i, values in plan.updates.items():
        assert name_key(raw.rows[i][0]) == name_key(values[0])
    written = [*plan.updates, *plan.appended_at()]
    assert len(written) == len(set(written)) == len(rows)
    holding = [i for i, r in enumerate(raw.rows) if any(v is not None for v in r)]
    assert all(i > max(holding, default=-1) for i in plan.appended_at())
    live = [
        row_key(spec.name, {"eleve": e, "groupe": "401", "enseignant": "M. T."})
        for e in existing
        if e
    ]
    assert len(plan.updates) == sum(
        min(
            live.count(k),
            [
                row_key(spec.name, {"eleve": r[0], "groupe": "401", "enseignant": "M. T."})
                for r in rows
            ].count(k),
        )
        for k in set(live)
    )


def _remote_values(book: Any, path: Path, sheet: str) -> list[list[Any]]:
    """The sheet's values once the remote engine's queued writes are applied."""
    names = remote.payload_sheet_names(book)
    grid = [list(r) for r in remote.payload(path)["sheets"][names.index(sheet)]["values"]]
    for a in remote.actions(book, "setValues"):
        if a["sheet_position"] != names.index(sheet):
            continue
        for i, row in enumerate(a["values"]):
            r = a["start_row"] + i
            while len(grid) <= r:
                grid.append([""] * len(grid[0]))
            for j, v in enumerate(row):
                grid[r][a["start_column"] + j] = v
    return grid


def _kept_by_excel(value: Any) -> Any:
    """What Excel keeps of a value the open book was sent: text behind the apostrophe that
    marks it as text (« '401 » is the text « 401 »; the remote engine stores the mark as
    sent); "" is an empty cell."""
    if value == "":
        return None
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


def test_file_and_open_book_write_the_same_rows(tmp_path: Path) -> None:
    """The same refill (a cleared row, a team column, changed and new students) gives the
    same Grille through openpyxl and through xlwings."""
    c = demo.demo()
    path = xlsx_new.write_classeur(c, tmp_path / "classeur.xlsx")
    _add_team_columns(
        path, structure.GRILLE_NAME, {REMARQUES: lambda r: _student_facts(r)[REMARQUES]}
    )
    _edit_rows(path, structure.GRILLE_NAME, clear=3)
    model = xlsx_read.read_classeur(path)
    spec = structure.grille_spec(model.learning_codes)
    width = len(spec.input_columns)
    rows = [(e.eleve.upper(), e.groupe, e.enseignant, *[1] * (width - 3)) for e in model.grid[::-1]]
    rows.append(("Zoé Nouvelle", "401", model.grid[0].enseignant, *[None] * (width - 3)))

    xb = xlbook.XlBook(remote.book(path))
    xb.refill_table(spec, rows)
    excel = _remote_values(xb.book, path, structure.SHEET_GRILLE)

    wb = load_workbook(path)
    replace_table_rows(wb, spec, rows)
    ws = wb[structure.SHEET_GRILLE]
    top = structure.TABLE_HEADER_ROW
    for r in range(top + 1, top + len(model.grid) + 3):
        file_row = [ws.cell(row=r, column=1 + j).value for j in range(width + 1)]
        book_row = [_kept_by_excel(v) for v in excel[r - 1][: width + 1]]
        assert file_row == book_row, r
        if file_row[0]:
            assert file_row[width] in (None, f"PI de {file_row[0].title()}") or name_key(
                file_row[width][len("PI de ") :]
            ) == name_key(file_row[0])
    assert ws.cell(row=top + 4, column=1).value is None  # the cleared row stays blank
