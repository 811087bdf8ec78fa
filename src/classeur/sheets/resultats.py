"""The « Résultats » sheet: live COUNTIFS formulas over ``tblGrille`` and a native chart.

Three sections: a synthesis (% of students at the niveau visé per apprentissage and bloc,
the chart's data), the detail (one row per apprentissage × bloc: evaluated, reached, %, gap
to the objectif commun, progression), and an Excel table per teacher and group.

The formulas count level by level (one COUNTIFS per level), so the same formula shape works
for 1–4, A–E and « Atteint / Partiellement / Non atteint »; they follow the counting rule of
``classeur.domain.grille.stats``, which computes the same numbers for the text Classeur
writes (the tests recalculate the formulas with LibreOffice and compare).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from classeur.domain.grille.stats import groupes, target_rank
from classeur.domain.model import Classeur, Learning, Level
from classeur.domain.tables import scale_of
from classeur.layout import compilation, structure, styling, vocabulary
from classeur.sheets.sheetdoc import (
    Cell,
    Chart,
    Highlight,
    SheetDoc,
    SheetTable,
    address,
    area,
    column_letter,
)

# ======================================================================================
# Formulas
# ======================================================================================


@lru_cache(maxsize=4096)
def _text(value: str) -> str:
    """A formula string literal."""
    return '"' + value.replace('"', '""') + '"'


@lru_cache(maxsize=4096, typed=True)
def _criterion(value: Level) -> str:
    """COUNTIFS criterion matching exactly ``value`` (no operator, no wildcard surprises)."""
    text = str(value).replace("~", "~~").replace("*", "~*").replace("?", "~?")
    return _text("=" + text)


@lru_cache(maxsize=4096)
def _column(header: str) -> str:
    """Structured reference to a column of the grille, special characters escaped."""
    escaped = "".join("'" + ch if ch in "[]#'" else ch for ch in header)
    return f"{structure.GRILLE_NAME}[{escaped}]"


def _count(header: str, levels: Iterable[Level], where: Sequence[tuple[str, str]] = ()) -> str:
    """Sum of one COUNTIFS per level; ``where``: extra (column header, text) criteria."""
    extra = "".join(f",{_column(h)},{_criterion(v)}" for h, v in where)
    terms = [f"COUNTIFS({_column(header)},{_criterion(lv)}{extra})" for lv in levels]
    return "+".join(terms) if terms else "0"


def _count_evaluated(header: str, where: Sequence[tuple[str, str]] = ()) -> str:
    """COUNTIFS of the non-blank cells: every one holds a level (the grille is validated
    before compiling, and Excel's dropdown refuses other values)."""
    extra = "".join(f",{_column(h)},{_criterion(v)}" for h, v in where)
    return f'COUNTIFS({_column(header)},"<>"{extra})'


def _ratio(num: str, den: str) -> str:
    return f'=IF({den}=0,"{compilation.RESULTATS_NONE}",{num}/{den})'


def _reached_fill(ref: str, value_cell: str, objectif_cell: str) -> list[Highlight]:
    return [
        Highlight(
            ref,
            f"AND(ISNUMBER({value_cell}),{value_cell}>={objectif_cell})",
            compilation.COLOR_REACHED,
        ),
        Highlight(
            ref,
            f"AND(ISNUMBER({value_cell}),{value_cell}<{objectif_cell})",
            compilation.COLOR_BELOW,
        ),
    ]


# ======================================================================================
# Cells (the « Paliers » sheet uses the same headings and headers)
# ======================================================================================

_PCT = styling.NUMBER_FORMAT_PERCENT
_GAP = compilation.NUMBER_FORMAT_GAP
_COUNT = compilation.NUMBER_FORMAT_COUNT
HEADER_HEIGHT = compilation.RESULTATS_HEADER_HEIGHT


def heading_cell(text: str) -> Cell:
    """A section heading, spanning several columns."""
    return Cell(text, style=styling.STYLE_LABEL, merge=compilation.RESULTATS_HEADING_SPAN)


def header_cell(text: str) -> Cell:
    """A column header of a table."""
    return Cell(text, style=styling.STYLE_HEADER)


def _computed(formula: str, number_format: str | None = None) -> Cell:
    return Cell(formula, style=styling.STYLE_COMPUTED, number_format=number_format, formula=True)


# ======================================================================================
# The sheet
# ======================================================================================

_COL_OBJ = compilation.resultats_detail_col("objectif")
_COL_EVAL = compilation.resultats_detail_col("evalues")
_COL_REACH = compilation.resultats_detail_col("atteints")
_COL_PCT = compilation.resultats_detail_col("pourcentage")


@dataclass(frozen=True)
class _Rows:
    """Row numbers of the first two sections, known before they are written: the
    synthesis refers to the detail rows below it."""

    synth_heading: int
    n_learnings: int

    @property
    def synth_header(self) -> int:
        return self.synth_heading + 1

    @property
    def synth_first(self) -> int:
        return self.synth_header + 1

    @property
    def synth_last(self) -> int:
        return self.synth_first + self.n_learnings - 1

    @property
    def chart_row(self) -> int:
        return max(self.synth_last, self.synth_header) + 2

    @property
    def detail_heading(self) -> int:
        return self.chart_row + compilation.RESULTATS_CHART_ROWS + 1

    @property
    def detail_first(self) -> int:
        return self.detail_heading + 2  # after the heading and the table header

    def detail(self, i_learning: int, i_bloc: int) -> int:
        return self.detail_first + i_learning * len(vocabulary.BLOCS) + i_bloc


def _title(doc: SheetDoc, scale: Sequence[Level]) -> None:
    doc.add(Cell(compilation.RESULTATS_TITLE, style=styling.STYLE_TITLE))
    doc.add(Cell(compilation.RESULTATS_SUBTITLE, style=styling.STYLE_SUBTITLE))
    doc.add(
        Cell(
            f"{compilation.RESULTATS_SCALE_LABEL}\u00a0: "
            + ", ".join(str(x) for x in scale)
            + f" (du plus faible au plus fort). {compilation.RESULTATS_BLANK_NOTE}",
            style=styling.STYLE_SUBTITLE,
        )
    )
    doc.blank()


def _chart(rows: _Rows, obj_col: int) -> Chart:
    """Bars per bloc for each apprentissage, the objectif commun drawn over them."""
    first, last, n_blocs = rows.synth_first, rows.synth_last, len(vocabulary.BLOCS)
    return Chart(
        "bar",
        compilation.RESULTATS_CHART_TITLE,
        address(rows.chart_row, 1),
        area(first, 1, last, 1),
        series=[
            (address(rows.synth_header, 2 + b), area(first, 2 + b, last, 2 + b))
            for b in range(n_blocs)
        ],
        line_series=[(address(rows.synth_header, obj_col), area(first, obj_col, last, obj_col))],
        y_title=compilation.RESULTATS_CHART_Y,
        y_max=1,
        number_format=_PCT,
        width_cm=compilation.RESULTATS_CHART_WIDTH_CM,
        height_cm=compilation.RESULTATS_CHART_HEIGHT_CM,
    )


def _synthesis(doc: SheetDoc, learnings: list[Learning], rows: _Rows) -> None:
    """The synthesis matrix (the chart's data): each cell points at a detail row."""
    blocs = vocabulary.BLOCS
    doc.add(heading_cell(compilation.RESULTATS_SYNTH_HEADING))
    doc.heights[doc.add(*(header_cell(h) for h in compilation.RESULTATS_SYNTH_HEADERS))] = (
        HEADER_HEIGHT
    )
    for i, lrn in enumerate(learnings):
        cells: list[Cell | None] = [Cell(lrn.code, style=styling.STYLE_LABEL)]
        for b in range(len(blocs)):
            cells.append(_computed(f"={address(rows.detail(i, b), _COL_PCT)}", _PCT))
        cells.append(_computed(f"={address(rows.detail(i, 0), _COL_OBJ)}", _PCT))
        doc.add(*cells)
    if learnings:
        obj_col = len(compilation.RESULTATS_SYNTH_HEADERS)
        doc.highlights += _reached_fill(
            area(rows.synth_first, 2, rows.synth_last, 1 + len(blocs)),
            address(rows.synth_first, 2),
            f"${column_letter(obj_col)}{rows.synth_first}",
        )
        doc.charts.append(_chart(rows, obj_col))
    while len(doc.rows) < rows.detail_heading - 1:
        doc.blank()


def _detail_row(r: int, b: int, lrn: Learning, bloc: str, reached: Sequence[Level]) -> list[Cell]:
    """Row ``r``: apprentissage ``lrn`` at its ``b``-th bloc; ``reached``: the levels at
    or above its niveau visé."""
    header = structure.grille_header(lrn.code, bloc)
    prog: Cell
    if b == 0:
        prog = Cell(compilation.RESULTATS_NONE, style=styling.STYLE_COMPUTED)
    else:
        now, before = address(r, _COL_PCT), address(r - 1, _COL_PCT)
        prog = _computed(
            f"=IF(AND(ISNUMBER({now}),ISNUMBER({before})),{now}-{before},"
            f'"{compilation.RESULTATS_NONE}")',
            _GAP,
        )
    pct = address(r, _COL_PCT)
    return [
        Cell(lrn.code, style=styling.STYLE_LABEL),
        Cell(lrn.description),
        Cell(bloc),
        Cell(lrn.niveau_vise),
        Cell(lrn.objectif, number_format=_PCT),
        _computed("=" + _count_evaluated(header), _COUNT),
        _computed("=" + _count(header, reached), _COUNT),
        _computed(_ratio(address(r, _COL_REACH), address(r, _COL_EVAL)), _PCT),
        _computed(
            f'=IF(ISNUMBER({pct}),{pct}-{address(r, _COL_OBJ)},"{compilation.RESULTATS_NONE}")',
            _GAP,
        ),
        prog,
    ]


def _detail(doc: SheetDoc, c: Classeur, scale: Sequence[Level], rows: _Rows) -> None:
    """One row per apprentissage × bloc, at the rows the synthesis points at."""
    blocs = vocabulary.BLOCS
    doc.add(heading_cell(compilation.RESULTATS_DETAIL_HEADING))
    header_row = doc.add(*(header_cell(col.header) for col in compilation.RESULTATS_DETAIL_COLUMNS))
    doc.heights[header_row] = HEADER_HEIGHT
    for i, lrn in enumerate(c.learnings):
        target = target_rank(lrn, scale)
        for b, bloc in enumerate(blocs):
            doc.add(*_detail_row(rows.detail(i, b), b, lrn, bloc, scale[target:]))
    if c.learnings:
        last = rows.detail(len(c.learnings) - 1, len(blocs) - 1)
        doc.highlights += _reached_fill(
            area(rows.detail_first, _COL_PCT, last, _COL_PCT),
            address(rows.detail_first, _COL_PCT),
            f"${column_letter(_COL_OBJ)}{rows.detail_first}",
        )
    doc.blank()


def _group_row(
    r: int, ens: str, grp: str, lrn: Learning, reached: Sequence[Level]
) -> list[Cell | None]:
    """Row ``r`` of the groups' table: one apprentissage for one teacher's group, three
    measures (evaluated, reached, %) per bloc."""
    where = ((structure.GRILLE_FIXED[2].header, ens), (structure.GRILLE_FIXED[1].header, grp))
    cells: list[Cell | None] = [
        Cell(ens),
        Cell(grp),
        Cell(lrn.code),
        Cell(lrn.objectif, number_format=_PCT),
    ]
    n_fixed = len(compilation.RESULTATS_GROUPES_FIXED)
    for b, bloc in enumerate(vocabulary.BLOCS):
        header = structure.grille_header(lrn.code, bloc)
        first = n_fixed + 1 + 3 * b
        cells += [
            _computed("=" + _count_evaluated(header, where), _COUNT),
            _computed("=" + _count(header, reached, where), _COUNT),
            _computed(_ratio(address(r, first + 1), address(r, first)), _PCT),
        ]
    return cells


def _groups(doc: SheetDoc, c: Classeur, scale: Sequence[Level]) -> None:
    """Per teacher and group: an Excel table (sortable, filterable)."""
    blocs = vocabulary.BLOCS
    doc.add(heading_cell(compilation.RESULTATS_GROUPES_HEADING))
    headers = list(compilation.RESULTATS_GROUPES_FIXED) + [
        compilation.resultats_groupe_header(b, m)
        for b in blocs
        for m in compilation.RESULTATS_GROUPES_MEASURES
    ]
    table_header = doc.add(*(header_cell(h) for h in headers))
    doc.heights[table_header] = HEADER_HEIGHT
    for ens, grp, _entries in groupes(c):
        for lrn in c.learnings:
            reached = scale[target_rank(lrn, scale) :]
            doc.add(*_group_row(len(doc.rows) + 1, ens, grp, lrn, reached))
    table_last = max(len(doc.rows), table_header + 1)
    while len(doc.rows) < table_last:
        doc.blank()
    doc.tables.append(
        SheetTable(
            compilation.RESULTATS_GROUPES_TABLE, area(table_header, 1, table_last, len(headers))
        )
    )
    if table_last > table_header + 1 or c.learnings:
        n_fixed = len(compilation.RESULTATS_GROUPES_FIXED)
        for b in range(len(blocs)):
            col = n_fixed + 3 + 3 * b
            doc.highlights += _reached_fill(
                area(table_header + 1, col, table_last, col),
                address(table_header + 1, col),
                f"${column_letter(n_fixed)}{table_header + 1}",
            )


def resultats_sheet(c: Classeur) -> SheetDoc:
    """The « Résultats » sheet: synthesis + chart, detail, per teacher and group."""
    scale = scale_of(c.settings)
    doc = SheetDoc(
        structure.SHEET_RESULTATS,
        widths=dict(enumerate(compilation.RESULTATS_WIDTHS, start=1)),
        landscape=True,
        before=compilation.RESULTATS_BEFORE,
    )
    _title(doc, scale)
    rows = _Rows(len(doc.rows) + 1, len(c.learnings))
    _synthesis(doc, c.learnings, rows)
    _detail(doc, c, scale, rows)
    _groups(doc, c, scale)
    doc.freeze = (rows.synth_heading, 1)
    return doc
