"""Sheet Graphiques: networks by state, release days by établissement, attendance by
network; small tables of live formulas on the other sheets, and a native chart of each."""

from __future__ import annotations

from classeur.domain.cee.consolidate import Dashboard
from classeur.layout import a1, cee, styling
from classeur.sheets.cee.common import Book, Live, clean, col, index, title
from classeur.sheets.sheetdoc import Cell, Chart, SheetDoc

R, E = cee.RESEAUX, cee.LIB_ETABLISSEMENTS


def _headers(doc: SheetDoc, headers: tuple[str, ...]) -> int:
    return doc.add(*(Cell(h, style=styling.STYLE_HEADER) for h in headers))


def _chart(
    doc: SheetDoc,
    name: str,
    y_title: str,
    header: int,
    series: int,
    *,
    percent: bool = False,
    width_cm: float = cee.GRAPH_CHART_CM,
) -> Chart:
    """A column chart of the table whose header is on row ``header`` (categories in
    column A, ``series`` series beside), placed beside the tables, one under the other."""
    last = max(len(doc.rows), header + 1)
    at = len(doc.charts) * cee.GRAPH_CHART_ROWS + cee.HEADER_ROW
    return Chart(
        "bar",
        name,
        a1.cell_ref(at, cee.GRAPH_CHART_COLUMN),
        a1.range_ref(header + 1, 1, last, 1),
        [
            (a1.cell_ref(header, c), a1.range_ref(header + 1, c, last, c))
            for c in range(2, 2 + series)
        ],
        y_title=y_title,
        y_max=1 if percent else None,
        number_format=styling.NUMBER_FORMAT_PERCENT if percent else None,
        width_cm=width_cm,
    )


def graphiques(book: Book, dash: Dashboard) -> None:
    doc = book.sheet(cee.SHEET_GRAPHIQUES, dict(cee.GRAPH_WIDTHS), freeze=0)
    title(doc, cee.GRAPHIQUES_TITLE, book.context, cee.GRAPHIQUES_SUBTITLE, 3)
    nets = dash.networks

    header = _headers(doc, cee.GRAPH_ETAT_HEADERS)
    for state in cee.ETATS:
        count = int((nets["etat"] == state).sum()) if len(nets) else 0
        row = len(doc.rows) + 1
        book.add(doc, [state, Live(f"=COUNTIF({col(R, 'etat')},{a1.cell_ref(row, 1)})", count)])
    doc.charts.append(_chart(doc, cee.CHART_ETATS, cee.CHART_Y_RESEAUX, header, 1))
    doc.blank()

    header = _headers(doc, cee.GRAPH_ETAB_HEADERS)
    for k, rec in enumerate(dash.schools.to_dict("records"), start=1):
        book.add(
            doc,
            [
                Live("=" + index(E, "etablissement", k), rec["etablissement"]),
                Live("=" + index(E, "prevus", k), clean(rec["prevus"])),
                Live("=" + index(E, "utilises", k), clean(rec["utilises"])),
            ],
        )
    doc.charts.append(_chart(doc, cee.CHART_ETABLISSEMENTS, cee.CHART_Y_JOURS, header, 2))
    doc.blank()

    header = _headers(doc, cee.GRAPH_PRESENCE_HEADERS)
    width = cee.GRAPH_LABEL_MAX
    for k, rec in enumerate(nets.to_dict("records"), start=1):
        rate = f"{index(R, 'presence', k)}"
        book.add(
            doc,
            [
                Live(f"={index(R, 'numero', k)}", rec["numero"]),
                Live(
                    f'=IF({rate}="","",{rate})',
                    clean(rec["presence"]),
                    styling.NUMBER_FORMAT_PERCENT,
                ),
                Live(
                    f"=LEFT({index(R, 'titre', k)},{width})",
                    str(rec["titre"])[:width],
                ),
            ],
        )
    doc.charts.append(
        _chart(
            doc,
            cee.CHART_PRESENCES,
            cee.CHART_Y_PRESENCE,
            header,
            1,
            percent=True,
            width_cm=cee.GRAPH_WIDE_CHART_CM,
        )
    )
