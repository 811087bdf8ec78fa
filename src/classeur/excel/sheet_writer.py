"""Writing a generated sheet (``SheetDoc``) through xlwings: looks grouped into rectangles,
row heights in runs, merges, links, tables, validations, charts, frozen panes."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from classeur.domain import cellvalues
from classeur.domain.cellvalues import clean_text
from classeur.domain.rawtable import RawTable
from classeur.errors import ClasseurError
from classeur.layout import a1, styling
from classeur.sheets.sheetdoc import Cell, Chart, SheetDoc


# ======================================================================================
# Formatting helpers
# ======================================================================================
class screen_frozen:
    """Screen updating off while writing (when the engine supports reading it back)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __enter__(self) -> None:
        with contextlib.suppress(Exception):
            self.app.screen_updating = False

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):
            self.app.screen_updating = True


def look_of(cell: Cell) -> styling.Look | None:
    base = styling.STYLE_LOOKS.get(cell.style) if cell.style else None
    if base is None and not (cell.number_format or cell.bold or cell.fill):
        return None
    base = base or styling.Look()
    return styling.Look(
        bold=base.bold or cell.bold,
        italic=base.italic,
        size=base.size,
        font_color=base.font_color,
        fill=cell.fill or base.fill,
        number_format=cell.number_format or base.number_format,
        wrap=base.wrap,
    )


def rectangles(doc: SheetDoc) -> Iterator[tuple[tuple[int, int, int, int], styling.Look]]:
    """Cells of the same look, as rectangles: runs along a row, stacked when identical."""
    runs: list[tuple[int, int, int, styling.Look]] = []  # row, first col, last col, look
    for r, row in enumerate(doc.rows, start=1):
        c = 0
        while c < len(row):
            cell = row[c]
            look = look_of(cell) if cell is not None else None
            if look is None:
                c += 1
                continue
            end = c
            while end + 1 < len(row):
                nxt = row[end + 1]
                if nxt is None or look_of(nxt) != look:
                    break
                end += 1
            runs.append((r, c + 1, end + 1, look))
            c = end + 1
    open_rects: dict[tuple[int, int, styling.Look], list[int]] = {}
    done: list[tuple[tuple[int, int, int, int], styling.Look]] = []
    for r, c1, c2, look in runs:
        key = (c1, c2, look)
        rect = open_rects.get(key)
        if rect is not None and rect[1] == r - 1:
            rect[1] = r
        else:
            if rect is not None:
                done.append(((rect[0], c1, rect[1], c2), look))
            open_rects[key] = [r, r]
    for (c1, c2, look), (r1, r2) in open_rects.items():
        done.append(((r1, c1, r2, c2), look))
    yield from sorted(done, key=lambda d: d[0])


def apply_look(rng: Any, look: styling.Look) -> None:
    default = styling.Look()
    if look.bold:
        rng.font.bold = True
    if look.italic:
        rng.font.italic = True
    if look.size != default.size:
        rng.font.size = look.size
    if look.font_color:
        rng.font.color = f"#{look.font_color}"
    if look.fill:
        rng.color = f"#{look.fill}"
    if look.number_format:
        rng.number_format = look.number_format
    if look.wrap:
        rng.wrap_text = True


def height_runs(heights: dict[int, float]) -> Iterator[tuple[tuple[int, int], float]]:
    """Consecutive rows of the same height, as (first, last) row ranges."""
    for start, stop in runs(sorted(heights)):
        first = start
        for r in range(start + 1, stop + 1):
            if heights[r] != heights[first]:
                yield (first, r - 1), heights[first]
                first = r
        yield (first, stop), heights[first]


def runs(columns: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive runs of column indexes: [0, 1, 2, 5] → (0, 2), (5, 5)."""
    start = prev = None
    for j in columns:
        if start is None:
            start = prev = j
        elif prev is not None and j == prev + 1:
            prev = j
        else:
            yield start, prev  # type: ignore[misc]
            start = prev = j
    if start is not None and prev is not None:
        yield start, prev


def add_chart(sheet: Any, spec: Chart) -> None:
    # Series drawn over the bars (e.g. the objectif) become one more series here.
    refs = [spec.categories, *(r for pair in spec.series + spec.line_series for r in pair)]
    ranges = [sheet.range(r) for r in refs]
    top = min(r.row for r in ranges)
    left = min(r.column for r in ranges)
    bottom = max(r.row + r.shape[0] - 1 for r in ranges)
    right = max(r.column + r.shape[1] - 1 for r in ranges)
    points_per_cm = 72 / 2.54
    chart = sheet.charts.add(
        width=spec.width_cm * points_per_cm,
        height=spec.height_cm * points_per_cm,
        anchor=sheet.range(spec.anchor),
        chart_type="column_clustered" if spec.kind == "bar" else "line",
    )
    chart.set_source_data(sheet.range((top, left), (bottom, right)))
    with contextlib.suppress(NotImplementedError):
        chart.title = spec.title


def freeze(sheet: Any, row: int, col: int) -> bool:
    """Freeze the rows above ``row`` and the columns left of ``col`` (the first cell that
    scrolls); False when the engine could not (the caller tells the teacher).

    xlwings implements ``freeze_panes`` only on its remote engine (0.37.8); in desktop
    Excel, freezing is a property of the window showing the sheet, set through Excel's own
    object model: COM on Windows, AppleScript on macOS."""
    if row <= 1 and col <= 1:
        return True
    if col <= 1:
        target = f"1:{row - 1}"
    elif row <= 1:
        target = f"{a1.column_letter(1)}:{a1.column_letter(col - 1)}"
    else:
        target = a1.range_ref(1, 1, row - 1, col - 1)
    try:
        sheet.freeze_panes.freeze_at(target)
        return True
    except NotImplementedError:
        pass
    try:
        sheet.activate()  # the window's panes belong to the sheet it shows
        api = sheet.book.app.api
    except Exception:
        return False
    return _freeze_com(api, row - 1, col - 1) or _freeze_applescript(api, row - 1, col - 1)


def _freeze_com(api: Any, rows: int, cols: int) -> bool:
    """Windows: Window.SplitRow/SplitColumn count from the top-left VISIBLE cell, so the
    window is scrolled home first."""
    try:
        window = api.ActiveWindow
        window.FreezePanes = False
        window.ScrollRow = 1
        window.ScrollColumn = 1
        window.SplitColumn = cols
        window.SplitRow = rows
        window.FreezePanes = True
        return bool(window.FreezePanes)
    except Exception:
        return False


def _freeze_applescript(api: Any, rows: int, cols: int) -> bool:
    """macOS: the same properties of Excel's AppleScript « window » class."""
    try:
        window = api.active_window
        window.freeze_panes.set(False)
        window.scroll_row.set(1)
        window.scroll_column.set(1)
        window.split_column.set(cols)
        window.split_row.set(rows)
        window.freeze_panes.set(True)
        return bool(window.freeze_panes.get())
    except Exception:
        return False


def freeze_note(doc: SheetDoc) -> str:
    """What to tell the teacher when the panes of ``doc`` could not be frozen."""
    assert doc.freeze is not None
    row, col = doc.freeze
    what = []
    if row > 1:
        what.append("la première ligne" if row == 2 else f"les {row - 1} premières lignes")
    if col > 1:
        what.append("la première colonne" if col == 2 else f"les {col - 1} premières colonnes")
    return (
        f"Feuille « {doc.name} » : Excel n'a pas pu figer {' et '.join(what)}; faites-le "
        "au besoin avec Affichage › Figer les volets."
    )


# ======================================================================================
# Values
# ======================================================================================
# Excel reads a string written to a cell as if it were typed (COM, AppleScript and
# Office.js alike): « 1-4 » becomes a date, « 001 » the number 1, « 1/2 » a date or a
# fraction, « 3e2 » 300, « VRAI » a boolean, « #N/A » an error, « =A1 » a formula. A
# leading apostrophe makes Excel keep the rest as text (the apostrophe is not part of the
# value; it is what xlwings' maintainers advise). The apostrophe is added only where Excel
# could read something else: every such reading needs a digit, a leading = + - @ or #, or
# a boolean word of a French or English Excel; any other text stays as typed (no stray
# apostrophe in the formula bar of every label). Text is written this way everywhere;
# a number, a date or a formula Classeur generates is written as itself.
_NOT_TEXT_STARTS = ("=", "+", "-", "@", "#", "'", "\t", "\r", "\n")
_BOOLEAN_WORDS = {"vrai", "faux", "true", "false"}


def needs_text_mark(value: str) -> bool:
    """Whether Excel could read ``value`` as something other than this text."""
    return (
        value.startswith(_NOT_TEXT_STARTS)
        or any(ch.isdigit() for ch in value)
        or value.strip().casefold() in _BOOLEAN_WORDS
    )


def as_text(value: str) -> str:
    """``value`` as Excel must receive it to keep it as this very text."""
    return "'" + value if needs_text_mark(value) else value


def to_excel(value: Any) -> Any:
    """A cell value as xlwings writes it on every engine: text stays text."""
    if isinstance(value, str):
        return as_text(clean_text(value))
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    return value


def cell_value(cell: Cell | None) -> Any:
    if cell is None:
        return None
    if cell.formula:
        return cell.value  # a formula Classeur generated
    return to_excel(cell.value)


def write_sheet(book: Any, doc: SheetDoc) -> list[str]:
    """Create or rebuild sheet ``doc.name`` of ``book`` from ``doc``; French notes on what
    the engine could not do (frozen panes)."""
    names = [s.name for s in book.sheets]
    if doc.name in names:
        sheet = book.sheets[doc.name]
        for chart in list(sheet.charts):
            chart.delete()
        sheet.clear()
    else:
        # Insert after the sheet that precedes ``doc.before`` (else at the end):
        # "after" places the sheet the same way on every engine.
        position = names.index(doc.before) if doc.before in names else len(names)
        if position == 0:
            sheet = book.sheets.add(doc.name, before=book.sheets[0])
        else:
            sheet = book.sheets.add(doc.name, after=book.sheets[position - 1])
    width = max((len(r) for r in doc.rows), default=0)
    if doc.rows and width:
        grid = [[cell_value(c) for c in row] + [None] * (width - len(row)) for row in doc.rows]
        sheet.range((1, 1)).value = grid  # the whole sheet in one write
    for (r1, c1, r2, c2), look in rectangles(doc):
        apply_look(sheet.range((r1, c1), (r2, c2)), look)
    for r, row in enumerate(doc.rows, start=1):
        for c, cell in enumerate(row, start=1):
            if cell is None:
                continue
            if cell.merge > 1:
                sheet.range((r, c), (r, c + cell.merge - 1)).merge()
            if cell.link:
                sheet.range((r, c)).add_hyperlink(
                    f"#'{cell.link}'!{a1.cell_ref(1, 1)}", str(cell.value)
                )
            elif cell.url:
                sheet.range((r, c)).add_hyperlink(cell.url, str(cell.value))
    for col, w in doc.widths.items():
        sheet.range((1, col)).column_width = w
    for (first, last), height in height_runs(doc.heights):
        sheet.range((first, 1), (last, 1)).row_height = height
    existing = {t.name: t for t in sheet.tables}
    for spec in doc.tables:
        if spec.name in existing:
            existing[spec.name].resize(sheet.range(spec.ref))
        else:
            sheet.tables.add(
                source=sheet.range(spec.ref),
                name=spec.name,
                table_style_name=spec.style,
                has_headers=True,
            )
    for v in doc.validations:
        sheet.range(v.ref).data_validation.set_list(list(v.choices))
    for chart in doc.charts:
        add_chart(sheet, chart)
    notes = []
    if doc.freeze and not freeze(sheet, *doc.freeze):
        notes.append(freeze_note(doc))
    if doc.hidden:
        sheet.visible = False
    return notes


def add_columns(table: Any, raw: RawTable, headers: list[str]) -> None:
    """Add empty columns ``headers`` at the right end of the Excel ``table`` (``raw``: its
    values); refused (French, nothing written) when the cells there hold something."""
    there = cellvalues.header_positions(raw.headers)
    new = [h for h in headers if cellvalues.label_key(h) not in there]
    if not new:
        return
    sheet = table.range.sheet
    first, last = table.range.column, table.range.column + len(raw.headers) - 1
    bottom = raw.header_row + max(len(raw.rows), 1)
    beside = sheet.range((raw.header_row, last + 1), (bottom, last + len(new)))
    values = beside.options(ndim=2).value or []
    if any(v not in (None, "") for row in values for v in row):
        raise ClasseurError(
            f"Impossible d'ajouter les colonnes {', '.join(f'« {h} »' for h in new)} "
            f"au tableau « {raw.name} » : "
            "les cellules à sa droite contiennent déjà des données.",
            sheet=sheet.name,
            hint="Déplacez ces données ailleurs (ou insérez des colonnes vides à droite du "
            "tableau), puis recommencez.",
        )
    sheet.range((raw.header_row, last + 1)).value = [new]
    table.resize(sheet.range((raw.header_row, first), (bottom, last + len(new))))
