"""How a table's rows are rewritten: ONE plan, applied the same way by both adapters (the
file with openpyxl, the open book with xlwings).

A row of a table is a thing (a student, an action, a member, a setting), not a position.
When a command rewrites a table, each row it brings is matched by identity
(``domain.identity.row_key``) with the row that already holds that thing, and updated
there, in place; the things that are new are written below the last row. Rows never move:
the columns a team added to the table, its formats, hidden or filtered rows all stay with
their row. A row the team cleared stays blank (a removal); a row the command does not
bring is left as it is (nothing is dropped). Only the blank rows at the very end of the
table (every cell blank, the team's columns too) are reused for new rows, as Excel does
when one types below the last row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from classeur.domain import cellvalues
from classeur.domain.identity import numbered, row_key
from classeur.domain.rawtable import RawTable
from classeur.layout import structure


@dataclass
class RowPlan:
    """What to write into table ``spec``: row indexes are 0-based among its data rows.

    ``columns``: for each input column of the spec, its index in the table's columns
    (headers as found); ``updates``: existing row -> its new input values (spec order);
    ``appended``: new rows, written from data row ``first_free`` on; ``computed``: the
    rows that need the computed columns' formulas (updated and appended rows).
    """

    spec: structure.TableSpec
    columns: list[int]
    updates: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    appended: list[tuple[Any, ...]] = field(default_factory=list)
    first_free: int = 0

    @property
    def n_rows(self) -> int:
        """The table's data rows once the plan is applied (at least one, as Excel keeps)."""
        return max(self.first_free + len(self.appended), 1)

    def appended_at(self) -> dict[int, tuple[Any, ...]]:
        """Data row index -> values of each appended row."""
        return {self.first_free + i: values for i, values in enumerate(self.appended)}

    def written(self) -> dict[int, tuple[Any, ...]]:
        """Every row the plan writes, by data row index, in order."""
        return dict(sorted({**self.updates, **self.appended_at()}.items()))


def _blank(v: Any) -> bool:
    return cellvalues.is_blank(v)


def _first_free(raw: RawTable, computed: set[int]) -> int:
    """The index after the last data row holding anything (computed columns aside)."""
    last = -1
    for i, cells in enumerate(raw.rows):
        if any(not _blank(v) for j, v in enumerate(cells) if j not in computed):
            last = i
    return last + 1


def plan_rows(spec: structure.TableSpec, raw: RawTable, rows: Sequence[Sequence[Any]]) -> RowPlan:
    """Match ``rows`` (input values in spec order) with the rows of ``raw`` by identity.

    Raises KeyError when one of the spec's input columns is not in the table (the reading
    reported it before any command could run).
    """
    index = cellvalues.header_positions(raw.headers)
    inputs = spec.input_columns
    columns = [index[cellvalues.label_key(c.header)] for c in inputs]
    computed = {
        index[key]
        for key in (cellvalues.label_key(c.header) for c in spec.columns if c.formula)
        if key in index
    }
    keys = [c.key for c in inputs]

    def values_of(cells: list[Any]) -> dict[str, Any]:
        return {k: cells[j] if j < len(cells) else None for k, j in zip(keys, columns, strict=True)}

    plan = RowPlan(spec, columns, first_free=_first_free(raw, computed))
    # Rows with something in Classeur's columns, by (identity, occurrence); rows that say
    # nothing about who they are match the incoming ones without identity, in order.
    live = [
        (i, values_of(cells))
        for i, cells in enumerate(raw.rows)
        if any(not _blank(v) for v in values_of(cells).values())
    ]
    where = dict(
        zip(numbered([row_key(spec.name, v) for _, v in live]), [i for i, _ in live], strict=True)
    )
    incoming = [tuple(r) for r in rows]
    identities = numbered([row_key(spec.name, dict(zip(keys, r, strict=True))) for r in incoming])
    for values, k in zip(incoming, identities, strict=True):
        target = where.get(k)
        if target is None:
            plan.appended.append(values)
        else:
            plan.updates[target] = values
    return plan
