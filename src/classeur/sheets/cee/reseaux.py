"""Sheets Réseaux, Participants and Règles of the CEE's dashboard."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from classeur.domain.cee.consolidate import Dashboard
from classeur.layout import cee, styling, vocabulary
from classeur.sheets.cee.common import Book, Live, clean, col, quote, this, title, widths
from classeur.sheets.cee.common import write_table as table
from classeur.sheets.sheetdoc import Cell
from classeur.text import french as words

R, P, G = cee.RESEAUX, cee.PARTICIPANTS, cee.REGLES
PARTICIPANT = quote(vocabulary.ROLE_PARTICIPANT)


def participants_formula() -> str:
    """Participants of this network, counted in the Participants sheet."""
    return f"=COUNTIFS({col(P, 'reseau')},{this(R, 'numero')},{col(P, 'role')},{PARTICIPANT})"


def presence_formula() -> str:
    """Attendance of the participants: « Présent·e » (any spelling) among the presences noted."""

    def total(key: str) -> str:
        return (
            f"SUMIFS({col(P, key)},{col(P, 'reseau')},{this(R, 'numero')},"
            f"{col(P, 'role')},{PARTICIPANT})"
        )

    return f'=IF({total("notees")}=0,"",{total("presences")}/{total("notees")})'


def reseaux(book: Book, dash: Dashboard, links: Mapping[str, str]) -> None:
    doc = book.sheet(cee.SHEET_RESEAUX, widths(R))
    title(doc, cee.TITLE, book.context, R.subtitle, len(R.columns))
    rows = []
    for rec in dash.networks.to_dict("records"):
        row: dict[str, Any] = {c.key: rec.get(c.key) for c in R.columns}
        row["participants"] = Live(participants_formula(), int(rec["participants"]))
        row["presence"] = Live(presence_formula(), clean(rec["presence"]))
        row["fichier"] = Cell(rec["fichier"], url=links.get(rec["path"]), style=styling.STYLE_LINK)
        rows.append(row)
    table(book, doc, R, rows)


def participants(book: Book, dash: Dashboard) -> None:
    doc = book.sheet(cee.SHEET_PARTICIPANTS, widths(P), freeze=1)
    title(doc, P.title, book.context, P.subtitle, len(P.columns))
    people = dash.people.sort_values(["cle", "reseau"], kind="stable")  # a person's rows together
    rows = []
    for rec in people.to_dict("records"):
        row: dict[str, Any] = {c.key: rec.get(c.key) for c in P.columns}
        for key, role in (
            ("nb_participant", vocabulary.ROLE_PARTICIPANT),
            ("nb_animation", vocabulary.ROLE_ANIMATION),
        ):
            row[key] = Live(
                f"=SUMPRODUCT(({col(P, 'cle')}={this(P, 'cle')})*({col(P, 'role')}={quote(role)}))",
                int(rec[key]),
            )
        rows.append(row)
    table(book, doc, P, rows)


def regles(book: Book, dash: Dashboard) -> None:
    doc = book.sheet(cee.SHEET_REGLES, widths(G), freeze=2)
    title(doc, G.title, book.context, G.subtitle, len(G.columns))
    titles = dict(zip(dash.networks["numero"], dash.networks["titre"], strict=True))
    rows = []
    for i, v in enumerate(dash.violations, start=1):
        rule = cee.RULES[v.rule]
        rows.append(
            {
                "numero": i,
                "regle": rule.label,
                "guide": words.typography(f"«\u00a0{rule.guide}\u00a0»"),
                "source": rule.source,
                "constat": v.constat,
                "reseaux": cee.LIST_SEPARATOR.join(
                    f"{n}{cee.NUMBER_SEPARATOR}{titles[n]}" for n in v.numeros
                ),
                "fichiers": cee.LIST_SEPARATOR.join(v.files),
            }
        )
    table(book, doc, G, rows, empty=cee.REGLES_AUCUNE)
