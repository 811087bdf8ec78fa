"""Sheet Libérations: release days planned and used per network and per établissement,
against the guide's budget (section 6), with totals and the overruns flagged."""

from __future__ import annotations

from typing import Any

from classeur.domain.cee.consolidate import ANIMATION_DAYS, FUNDED_MAX, Dashboard
from classeur.layout import a1, cee, styling, vocabulary
from classeur.layout.structure import TableSpec
from classeur.sheets.cee.common import Book, Live, clean, col, quote, this, title, widths
from classeur.sheets.cee.common import write_table as table
from classeur.sheets.sheetdoc import Cell, Highlight, SheetDoc

L, E, P, R = cee.LIB_RESEAUX, cee.LIB_ETABLISSEMENTS, cee.PARTICIPANTS, cee.RESEAUX
PARTICIPANT = quote(vocabulary.ROLE_PARTICIPANT)


def _per_network(rec: dict[str, Any]) -> dict[str, Any]:
    n = this(L, "numero")

    def of_people(key: str) -> str:
        return f"SUMIFS({col(P, key)},{col(P, 'reseau')},{n})"

    budget_days = vocabulary.BUDGET_PARTICIPANT_DAYS
    over = (
        f"=COUNTIFS({col(P, 'reseau')},{n},{col(P, 'role')},{PARTICIPANT},"
        f'{col(P, "jours")},">{budget_days:g}")'
    )
    prevus, utilises, budget = this(L, "prevus"), this(L, "utilises"), this(L, "budget")
    state = (
        f"=IF(OR({prevus}>{budget},{utilises}>{budget},{this(L, 'au_dela')}>0),"
        f"{quote(cee.LIB_DEPASSEMENT)},{quote(cee.LIB_RESPECTE)})"
    )
    return {
        "numero": rec["numero"],
        "titre": rec["titre"],
        "participants": Live(
            f"=INDEX({col(R, 'participants')},MATCH({n},{col(R, 'numero')},0))",
            rec["participants"],
        ),
        "finances": Live(f"=MIN({this(L, 'participants')},{FUNDED_MAX})", rec["finances"]),
        "par_participant": rec["par_participant"],
        "prevus": Live("=" + of_people("jours_prevus"), rec["prevus"]),
        "utilises": Live("=" + of_people("jours"), rec["utilises"]),
        "budget": Live(f"={budget_days:g}*{this(L, 'finances')}+{ANIMATION_DAYS:g}", rec["budget"]),
        "solde": Live(f"={budget}-{utilises}", rec["solde"]),
        "au_dela": Live(over, rec["au_dela"]),
        "etat": Live(state, rec["lib_etat"]),
    }


def _per_school(rec: dict[str, Any]) -> dict[str, Any]:
    same = f"({col(P, 'etablissement')}={this(E, 'etablissement')})"

    def count(role: str) -> str:
        return f"=SUMPRODUCT({same}*({col(P, 'role')}={quote(role)}))"

    return {
        "etablissement": rec["etablissement"],
        "participants": Live(count(vocabulary.ROLE_PARTICIPANT), rec["participants"]),
        "animation": Live(count(vocabulary.ROLE_ANIMATION), rec["animation"]),
        "prevus": Live(f"=SUMPRODUCT({same}*{col(P, 'jours_prevus')})", rec["prevus"]),
        "utilises": Live(f"=SUMPRODUCT({same}*{col(P, 'jours')})", rec["utilises"]),
    }


def _totals(
    book: Book, doc: SheetDoc, spec: TableSpec, sums: dict[str, Any], first_col: int = 1
) -> None:
    cells: list[Any] = [None] * (first_col - 1)
    cells.append(Cell(cee.LIB_TOTAL, style=styling.STYLE_LABEL, bold=True))
    for c in spec.columns[1:]:
        cells.append(Live(f"=SUM({col(spec, c.key)})", sums[c.key]) if c.key in sums else None)
    book.add(doc, cells)


def liberations(book: Book, dash: Dashboard) -> None:
    doc = book.sheet(cee.SHEET_LIBERATIONS, widths(L))
    title(doc, L.title, book.context, L.subtitle, len(L.columns))
    nets = dash.networks
    top, bottom = table(book, doc, L, [_per_network(r) for r in nets.to_dict("records")])
    summed = ("participants", "finances", "prevus", "utilises", "budget", "solde", "au_dela")
    _totals(book, doc, L, {k: clean(nets[k].sum()) if len(nets) else 0 for k in summed})
    state_col = [c.key for c in L.columns].index("etat") + 1
    first = a1.cell_ref(top + 1, state_col)
    doc.highlights.append(
        Highlight(
            a1.range_ref(top + 1, state_col, bottom, state_col),
            f"{first}={quote(cee.LIB_DEPASSEMENT)}",
            styling.COLOR_WARNING,
        )
    )
    doc.blank()
    doc.blank()
    # Below the networks, from column B: the établissement under the network's title.
    doc.add(None, Cell(E.title, style=styling.STYLE_LABEL, bold=True))
    doc.add(None, Cell(E.subtitle, style=styling.STYLE_SUBTITLE))
    schools = dash.schools
    rows = [_per_school(r) for r in schools.to_dict("records")]
    table(book, doc, E, rows, first_col=cee.LIB_ETABLISSEMENTS_FIRST_COL)
    summed_by_school = ("participants", "animation", "prevus", "utilises")
    sums = {k: clean(schools[k].sum()) if len(schools) else 0 for k in summed_by_school}
    _totals(book, doc, E, sums, cee.LIB_ETABLISSEMENTS_FIRST_COL)
