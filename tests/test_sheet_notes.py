"""Text typed in a generated sheet is never erased without a word: a note in a free cell
of Résultats, Paliers or the Fiche survives regeneration; text typed over what Classeur
writes there (a title, a label, an R tab's « Quand ») refuses the command with the sheet
and the cell named, and the file is left as it was; a Plan's days that a new horaire
drops are kept under it (« Notes retirées ») and come back when the horaire comes back.
The same on the open book (xlwings' remote engine), where formula cells arrive as the
words they compute."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from classeur import features
from classeur.domain import cellvalues, demo, links
from classeur.errors import ClasseurError
from classeur.excel.book import XlBook
from classeur.files import filebook, xlsx_new
from classeur.layout import a1, annexes, rencontre_tab, structure, vocabulary
from classeur.sheets import fiche, grille, notes, plan, rencontre
from tests import remote
from tests.conftest import needs_libreoffice

TODAY = dt.date(2026, 11, 1)
NOTE = "Note de l'équipe : revoir le bloc 2 avec la conseillère"


def _compile(path: Path) -> Any:
    return filebook.update_classeur(path, lambda e: grille.compiler(e.model, e.sheet_values))


def _type(path: Path, sheet: str, cell: str, value: Any, hyperlink: str | None = None) -> None:
    wb = load_workbook(path)
    wb[sheet][cell] = value
    if hyperlink:
        wb[sheet][cell].hyperlink = hyperlink
    wb.save(path)


def _free_cell(path: Path, sheet: str) -> str:
    """A cell two columns right of everything the sheet holds, on row 3."""
    ws = load_workbook(path)[sheet]
    return f"{ws.cell(3, ws.max_column + 2).column_letter}3"


@pytest.fixture
def compiled(tmp_path: Path) -> Path:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    _compile(path)
    return path


def test_a_note_in_a_free_cell_of_resultats_and_paliers_survives(compiled: Path) -> None:
    res = _free_cell(compiled, structure.SHEET_RESULTATS)
    pal = _free_cell(compiled, structure.SHEET_PALIERS)
    _type(compiled, structure.SHEET_RESULTATS, res, NOTE)
    _type(compiled, structure.SHEET_PALIERS, pal, "Voir le plan d'intervention", DOC_URL)
    _compile(compiled)
    _compile(compiled)
    wb = load_workbook(compiled)
    assert wb[structure.SHEET_RESULTATS][res].value == NOTE
    kept = wb[structure.SHEET_PALIERS][pal]
    assert kept.value == "Voir le plan d'intervention" and kept.hyperlink.target == DOC_URL


DOC_URL = "https://example.org/pi"


def test_text_typed_over_resultats_refuses_and_names_the_cell(compiled: Path) -> None:
    ws = load_workbook(compiled)[structure.SHEET_RESULTATS]
    title = ws["A1"].value
    assert title  # generated
    _type(compiled, structure.SHEET_RESULTATS, "A1", NOTE)
    before = compiled.read_bytes()
    with pytest.raises(ClasseurError) as err:
        _compile(compiled)
    assert err.value.problem.sheet == structure.SHEET_RESULTATS
    assert (err.value.problem.row, err.value.problem.column) == (1, "A")
    assert "écrit par-dessus" in str(err.value) and "case libre" in err.value.problem.hint
    assert compiled.read_bytes() == before  # nothing lost, nothing written
    _type(compiled, structure.SHEET_RESULTATS, "A1", None)  # the fix the message gives
    _compile(compiled)
    assert load_workbook(compiled)[structure.SHEET_RESULTATS]["A1"].value == title


def test_text_typed_over_one_of_its_formulas_refuses_on_a_file(compiled: Path) -> None:
    """Read with its formulas (the file adapter), a value where Classeur wrote a formula was
    typed over it: refused with the cell named, not rebuilt away."""
    ws = load_workbook(compiled)[structure.SHEET_RESULTATS]
    cell = next(c for row in ws.iter_rows() for c in row if str(c.value).startswith("="))
    _type(compiled, structure.SHEET_RESULTATS, cell.coordinate, NOTE)
    before = compiled.read_bytes()
    with pytest.raises(ClasseurError) as err:
        _compile(compiled)
    assert (err.value.problem.row, err.value.problem.column) == (cell.row, cell.column_letter)
    assert "par-dessus une formule" in str(err.value) and NOTE[:30] in str(err.value)
    assert compiled.read_bytes() == before
    _type(compiled, structure.SHEET_RESULTATS, cell.coordinate, None)  # the fix it gives
    _compile(compiled)
    again = load_workbook(compiled)[structure.SHEET_RESULTATS][cell.coordinate].value
    assert again == cell.value


def test_new_data_changes_generated_text_without_refusing(compiled: Path) -> None:
    """What Classeur wrote last time, now different because the classeur changed, is
    generated content, not a teacher's note (no refusal, no stale copy kept)."""
    wb = load_workbook(compiled)
    ws = wb[structure.SHEET_APPRENTISSAGES]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value)
    for r in range(header, ws.max_row + 1):
        for c in range(1, ws.max_column + 1):
            if ws.cell(r, c).value == "A1":
                ws.cell(r, c + 1).value = "Apprentissage renommé pour l'essai"
    wb.save(compiled)
    old = [[c.value for c in row] for row in load_workbook(compiled)["Résultats"].iter_rows()]
    _compile(compiled)
    new = [[c.value for c in row] for row in load_workbook(compiled)["Résultats"].iter_rows()]
    assert any("Apprentissage renommé pour l'essai" in str(v) for row in new for v in row)
    assert old != new


def test_a_note_where_the_sheet_now_writes_is_refused(compiled: Path) -> None:
    ws = load_workbook(compiled)[structure.SHEET_PALIERS]
    last = ws.max_row
    # A note typed just under the table: the table grows over it when a student arrives.
    _type(compiled, structure.SHEET_PALIERS, f"B{last + 1}", NOTE)
    wb = load_workbook(compiled)
    grid = wb[structure.SHEET_GRILLE]
    row = grid.max_row + 1
    grid.cell(row, 1).value, grid.cell(row, 2).value = "Zoé Nouvelle", "101"
    grid.cell(row, 3).value = grid.cell(row - 1, 3).value
    from openpyxl.worksheet.table import Table

    table: Table = grid.tables[structure.GRILLE_NAME]
    first, _ = table.ref.split(":")
    table.ref = f"{first}:{grid.cell(row, grid.max_column).column_letter}{row}"
    wb.save(compiled)
    with pytest.raises(ClasseurError, match="Classeur a maintenant besoin") as err:
        _compile(compiled)
    assert (err.value.problem.sheet, err.value.problem.row, err.value.problem.column) == (
        structure.SHEET_PALIERS,
        last + 1,
        "B",
    )


# --------------------------------------------------------------------------------------
# Fiche and Plan (réseau)
# --------------------------------------------------------------------------------------
@pytest.fixture
def reseau(tmp_path: Path) -> Path:
    path = xlsx_new.write_classeur(demo.demo(vocabulary.MODELE_RESEAU), tmp_path / "r.xlsx")
    filebook.update_classeur(path, lambda e: fiche.fiche(e.model, e.sheet_values))
    return path


def test_a_note_in_the_fiche_survives_and_a_label_typed_over_refuses(reseau: Path) -> None:
    free = _free_cell(reseau, structure.SHEET_FICHE)
    _type(reseau, structure.SHEET_FICHE, free, NOTE)
    row = annexes.FICHE_FIRST_ROW
    _type(reseau, structure.SHEET_FICHE, f"B{row}", "Réponse tapée")  # the answer: kept
    filebook.update_classeur(reseau, lambda e: fiche.fiche(e.model, e.sheet_values))
    ws = load_workbook(reseau)[structure.SHEET_FICHE]
    assert ws[free].value == NOTE and ws[f"B{row}"].value == "Réponse tapée"
    _type(reseau, structure.SHEET_FICHE, f"A{row}", "Ma question à moi")
    with pytest.raises(ClasseurError) as err:
        filebook.update_classeur(reseau, lambda e: fiche.fiche(e.model, e.sheet_values))
    assert (err.value.problem.sheet, err.value.problem.row, err.value.problem.column) == (
        structure.SHEET_FICHE,
        row,
        "A",
    )


def _plan(path: Path, horaire: str) -> Any:
    return filebook.update_classeur(path, lambda e: plan.plan(e.model, e.sheet_values, horaire))


def _day_cells(path: Path) -> dict[tuple[str, int], Any]:
    ws = load_workbook(path)[structure.SHEET_PLAN]
    out = {}
    for r in range(annexes.PLAN_HEADER_ROW + 1, ws.max_row + 1):
        period = ws.cell(r, annexes.PLAN_PERIOD_COL).value
        if period == annexes.PLAN_RETIRED_TITLE:
            break
        for c in range(annexes.PLAN_FIRST_DAY_COL, ws.max_column + 1):
            out[(period, c - annexes.PLAN_FIRST_DAY_COL + 1)] = ws.cell(r, c).value
    return out


BREAKS = {annexes.PAUSE, annexes.DINER, annexes.PLAN_OFF}


def test_plan_days_an_horaire_drops_are_kept_and_come_back(reseau: Path) -> None:
    four, two = annexes.HORAIRE_4_AM, annexes.HORAIRE_2_JOURNEES
    _plan(reseau, four)
    ws = load_workbook(reseau)[structure.SHEET_PLAN]
    work = [
        r
        for r in range(annexes.PLAN_HEADER_ROW + 1, ws.max_row + 1)
        if ws.cell(r, annexes.PLAN_FIRST_DAY_COL + 2).value not in BREAKS
    ]
    day3 = ws.cell(work[0], annexes.PLAN_FIRST_DAY_COL + 2).coordinate
    day4 = ws.cell(work[-1], annexes.PLAN_FIRST_DAY_COL + 3).coordinate
    _type(reseau, structure.SHEET_PLAN, day3, "Jour 3 : visite de la classe de Nadia")
    _type(reseau, structure.SHEET_PLAN, day4, "Jour 4 : bilan avec la direction")
    typed = {k: v for k, v in _day_cells(reseau).items() if isinstance(v, str) and "Jour" in v}
    assert len(typed) == 2

    update = _plan(reseau, two)
    ws = load_workbook(reseau)[structure.SHEET_PLAN]
    texts = [ws.cell(r, 3).value for r in range(1, ws.max_row + 1)]
    assert "Jour 3 : visite de la classe de Nadia" in texts
    assert "Jour 4 : bilan avec la direction" in texts
    assert any(m.startswith("2 textes tapés pour des jours") for m in update.messages)
    assert all(k[1] <= 2 for k in _day_cells(reseau))

    _plan(reseau, four)
    back = _day_cells(reseau)
    assert {k: back[k] for k in typed} == typed
    ws = load_workbook(reseau)[structure.SHEET_PLAN]
    assert annexes.PLAN_RETIRED_TITLE not in [c.value for c in ws["A"]]


def test_notes_under_the_plan_and_right_of_its_days_stay_where_they_were_typed(
    reseau: Path,
) -> None:
    """A note typed under the plan (H12, four empty rows below it) or right of its last
    day, on a period's row, is a free note: it stays in its cell, with the same horaire
    or another one; the days typed in the plan still move as the horaire says."""
    four, two = annexes.HORAIRE_4_AM, annexes.HORAIRE_2_JOURNEES
    _plan(reseau, four)
    ws = load_workbook(reseau)[structure.SHEET_PLAN]
    below = f"H{ws.max_row + 4}"
    beside = f"H{annexes.PLAN_HEADER_ROW + 1}"
    day = f"E{annexes.PLAN_HEADER_ROW + 1}"  # day 4's first period
    _type(reseau, structure.SHEET_PLAN, below, "Note sous le plan")
    _type(reseau, structure.SHEET_PLAN, beside, "Note à droite du jour 4")
    _type(reseau, structure.SHEET_PLAN, day, "Jour 4 : visite")
    for horaire in (four, two, four):
        _plan(reseau, horaire)
        ws = load_workbook(reseau)[structure.SHEET_PLAN]
        assert ws[below].value == "Note sous le plan", horaire
        assert ws[beside].value == "Note à droite du jour 4", horaire
        texts = [c.value for row in ws.iter_rows() for c in row]
        assert texts.count("Jour 4 : visite") == 1, horaire
    assert ws[day].value == "Jour 4 : visite"


# --------------------------------------------------------------------------------------
# Rencontre tab header
# --------------------------------------------------------------------------------------
def _odj(path: Path, numero: int = 2) -> Any:
    return filebook.update_classeur(
        path, lambda e: rencontre.ordre_du_jour(e.model, e.sheet_values, numero, TODAY)
    )


def _header_cell(path: Path, label: str) -> str:
    ws = load_workbook(path)["R2"]
    r = next(r for r in range(1, 15) if ws.cell(r, 1).value == label)
    return ws.cell(r, rencontre_tab.RT_VALUE_COL).coordinate


def test_text_typed_over_an_r_tab_header_cell_refuses(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "c.xlsx")
    _odj(path)
    where = _header_cell(path, rencontre_tab.RT_LABEL_OU)
    _type(path, "R2", where, "Salle 214, apporter les portables")
    before = path.read_bytes()
    with pytest.raises(ClasseurError, match="écrit par-dessus") as err:
        _odj(path)
    problem = err.value.problem
    assert problem.sheet == "R2" and f"{problem.column}{problem.row}" == where
    assert path.read_bytes() == before


def test_a_new_date_in_the_calendar_is_not_a_typed_header(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "c.xlsx")
    _odj(path)
    quand = _header_cell(path, rencontre_tab.RT_LABEL_QUAND)
    before = load_workbook(path)["R2"][quand].value
    wb = load_workbook(path)
    ws = wb[structure.SHEET_RENCONTRES]
    cell = next(
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, dt.datetime) and ws.cell(c.row, 1).value == 2
    )
    cell.value = cell.value + dt.timedelta(days=7)
    wb.save(path)
    _odj(path)
    assert load_workbook(path)["R2"][quand].value != before


# --------------------------------------------------------------------------------------
# The memory and the cells
# --------------------------------------------------------------------------------------
def test_the_memory_reads_back_what_it_wrote() -> None:
    from classeur.sheets.sheetdoc import Cell, SheetDoc

    doc = SheetDoc("X")
    doc.add(Cell("Titre"), None, Cell("=1+1", formula=True), Cell("tapé", typed=True))
    memory = notes.read_memory(notes.memory_of(doc))
    assert memory == {(1, 1): notes.digest("Titre"), (1, 3): notes.FORMULA}
    assert notes.read_memory("pas une mémoire") is None
    assert notes.digest(" Titre\n") == notes.digest("Titre")


def test_a_typed_cell_is_given_back_as_it_was() -> None:
    link = notes.typed_cell(links.Link("Doc", "https://e.example"))
    assert (link.value, link.url, link.formula) == ("Doc", "https://e.example", False)
    formula = notes.typed_cell(links.from_formula("=B4*2"))
    assert formula.formula and formula.value == "=B4*2"
    text = notes.typed_cell("=B4*2")  # typed as text: stays text
    assert not text.formula and text.value == "=B4*2"


# --------------------------------------------------------------------------------------
# The open book (xlwings remote engine): formulas arrive as their computed words
# --------------------------------------------------------------------------------------
@needs_libreoffice
def test_the_open_book_keeps_notes_and_refuses_the_same(compiled: Path, tmp_path: Path) -> None:
    from tests.conftest import recalculated

    free = _free_cell(compiled, structure.SHEET_RESULTATS)
    _type(compiled, structure.SHEET_RESULTATS, free, NOTE)
    recalc = recalculated(compiled, tmp_path / "recalcul")
    computed = tmp_path / "computed.xlsx"
    recalc.save(computed)
    words = {
        v
        for row in recalc[structure.SHEET_RESULTATS].iter_rows(values_only=True)
        for v in row
        if isinstance(v, str)
    }
    assert words  # formula cells carry words, as Excel hands them over
    book = remote.book(compiled, values_from=computed)
    features.compiler(XlBook(book))
    written = [
        a
        for a in remote.actions(book, "setValues")
        if a["sheet_position"] == _position(book, structure.SHEET_RESULTATS)
    ]
    assert any(NOTE in str(a["values"]) for a in written)

    _type(compiled, structure.SHEET_RESULTATS, "A1", NOTE)
    book = remote.book(compiled, values_from=computed)
    with pytest.raises(ClasseurError) as err:
        features.compiler(XlBook(book))
    assert (err.value.problem.sheet, err.value.problem.row, err.value.problem.column) == (
        structure.SHEET_RESULTATS,
        1,
        "A",
    )


def _position(book: Any, name: str) -> int:
    return remote.payload_sheet_names(book).index(name)


# --------------------------------------------------------------------------------------
# Bilan: answers by label, notes in free cells, formulas' words on the open book
# --------------------------------------------------------------------------------------
def _bilan(path: Path) -> Any:
    from classeur.sheets import bilan

    return filebook.update_classeur(path, lambda e: bilan.bilan(e.model, e.sheet_values, TODAY))


@needs_libreoffice
def test_bilan_keeps_notes_and_reads_formula_words_as_generated(tmp_path: Path) -> None:
    from tests.conftest import recalculated

    path = xlsx_new.write_classeur(demo.demo(vocabulary.MODELE_RESEAU), tmp_path / "r.xlsx")
    _bilan(path)
    free = _free_cell(path, structure.SHEET_BILAN)
    _type(path, structure.SHEET_BILAN, free, NOTE)
    _bilan(path)
    assert load_workbook(path)[structure.SHEET_BILAN][free].value == NOTE
    recalc = recalculated(path, tmp_path / "recalcul")
    words = {
        v
        for row in recalc[structure.SHEET_BILAN].iter_rows(values_only=True)
        for v in row
        if isinstance(v, str) and v.strip()
    }
    generated_text = {
        v
        for row in load_workbook(path)[structure.SHEET_BILAN].iter_rows(values_only=True)
        for v in row
        if isinstance(v, str)
    }
    assert words - generated_text  # words only formulas show (« Respecté »…)
    computed = tmp_path / "computed.xlsx"
    recalc.save(computed)
    book = remote.book(path, values_from=computed)
    from classeur.excel.book import XlBook

    features.bilan(XlBook(book), TODAY)  # formula words are not typed text
    assert any(NOTE in str(a["values"]) for a in remote.actions(book, "setValues"))
    _type(path, structure.SHEET_BILAN, "A1", NOTE)
    with pytest.raises(ClasseurError) as err:
        _bilan(path)
    assert (err.value.problem.row, err.value.problem.column) == (1, "A")


def test_a_long_memory_takes_several_settings_and_reads_back_whole() -> None:
    """A school's Paliers (thousands of cells): the memory is split under Excel's limit
    per cell, read back whole, and a shorter one empties the keys it no longer needs."""
    from classeur.sheets.sheetdoc import Cell, SheetDoc, Update

    doc = SheetDoc("Paliers")
    for r in range(1200):
        doc.add(*(Cell(f"Élève {r}-{c}") for c in range(9)))
    update = Update()
    notes.keep(update, doc, None, {})
    key = structure.generated_key("Paliers")
    assert len(update.settings) > 1
    assert all(len(v) <= notes.CHUNK_CHARS for v in update.settings.values())
    old = [[cell.value for cell in row] for row in doc.rows]
    old[5][3] = NOTE  # typed over a generated name: found through the whole memory
    with pytest.raises(ClasseurError, match="écrit par-dessus"):
        notes.keep(Update(), doc, old, update.settings)
    small = SheetDoc("Paliers")
    small.add(Cell("Seul"))
    again = Update()
    notes.keep(again, small, None, update.settings)
    assert again.settings[f"{key}#2"] == "" and len(again.settings) == len(update.settings)


def test_a_sheet_written_before_the_memory_keeps_its_notes(compiled: Path) -> None:
    """A classeur compiled by an earlier version (no memory in « Paramètres »): its notes
    in free cells are kept, the generated cells are rebuilt, nothing is refused."""
    wb = load_workbook(compiled)
    ws = wb[structure.SHEET_PARAMETRES]
    for row in ws.iter_rows():
        if str(row[0].value or "").startswith(structure.PARAM_GENERATED_PREFIX):
            row[1].value = None
    wb.save(compiled)
    free = _free_cell(compiled, structure.SHEET_RESULTATS)
    _type(compiled, structure.SHEET_RESULTATS, free, NOTE)
    _compile(compiled)
    assert load_workbook(compiled)[structure.SHEET_RESULTATS][free].value == NOTE


# --------------------------------------------------------------------------------------
# Property: any note in any free cell comes back as typed; any text over generated text
# is refused at its cell (Résultats of the demo, built twice from the same classeur)
# --------------------------------------------------------------------------------------
def _as_read(doc: Any) -> list[list[Any]]:
    """``doc`` as the file adapter reads it back (formulas as marked text)."""
    return [
        [
            None if cell is None else links.Formula(cell.value) if cell.formula else cell.value
            for cell in row
        ]
        for row in doc.rows
    ]


_NOTES = st.one_of(
    st.text(min_size=1, max_size=30).filter(lambda s: s.strip()),
    st.sampled_from(["=1+1", '=HYPERLINK("https://x.invalid")', "+33", "'=A1"]),
    st.builds(links.Link, st.just("Document"), st.just("https://example.org/d")),
)


@settings(max_examples=40)
@given(st.data())
def test_notes_in_free_cells_come_back_and_text_over_generated_is_refused(
    data: st.DataObject,
) -> None:
    from classeur.sheets.resultats import resultats_sheet
    from classeur.sheets.sheetdoc import Update

    model = demo.demo()
    first = resultats_sheet(model)
    remembered: dict[str, str] = {}
    notes.keep(Update(settings=remembered), first, None, {})
    old = _as_read(first)
    width = max(len(r) for r in old)
    free = [
        (r, c)
        for r in range(1, len(old) + 4)
        for c in range(1, width + 4)
        if not notes._occupied(first, r, c)
    ]
    chosen = data.draw(st.lists(st.sampled_from(free), min_size=1, max_size=6, unique=True))
    # words Classeur writes elsewhere in the sheet are a note too, in a free cell
    own_words = sorted(
        {c.value for row in first.rows for c in row if c and isinstance(c.value, str)}
        - {c.value for row in first.rows for c in row if c and c.formula}
    )
    typed = {pos: data.draw(st.one_of(_NOTES, st.sampled_from(own_words))) for pos in chosen}
    for (r, c), value in typed.items():
        while len(old) < r:
            old.append([])
        old[r - 1].extend([None] * (c - len(old[r - 1])))
        old[r - 1][c - 1] = value
    again = resultats_sheet(model)
    notes.keep(Update(), again, old, remembered)
    for (r, c), value in typed.items():
        cell = again.cell(r, c)
        assert cell is not None and cell.typed
        if isinstance(value, links.Link):
            assert (cell.value, cell.url, cell.formula) == (str(value), value.target, False)
        else:  # text stays text, even « =1+1 »; only a formula the engine reported is one
            assert (cell.value, cell.formula) == (value, isinstance(value, links.Formula))

    generated = [
        (r, c)
        for r, row in enumerate(first.rows, start=1)
        for c, cell in enumerate(row, start=1)
        if cell is not None and isinstance(cell.value, str) and not cell.formula
    ]
    r, c = data.draw(st.sampled_from(generated))
    over = data.draw(st.text(min_size=1, max_size=30).filter(lambda s: s.strip()))
    texts = {cellvalues.shown(v) for row in first.rows for v in (x.value for x in row if x)}
    if " ".join(over.split()) in {" ".join(t.split()) for t in texts}:
        return  # the same words Classeur writes elsewhere: not told apart (documented)
    old = _as_read(first)
    old[r - 1][c - 1] = over
    with pytest.raises(ClasseurError) as err:
        notes.keep(Update(), resultats_sheet(model), old, remembered)
    assert (err.value.problem.row, err.value.problem.column) == (r, a1.column_letter(c))
