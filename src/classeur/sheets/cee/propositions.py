"""Sheet « Analyse des propositions »: one row per fiche de proposition (annexe 1), its
automatic checks, and empty columns for the committee on the priority criteria of the
guide (section 4, in its words), ready to sort."""

from __future__ import annotations

from typing import Any

from classeur.domain.cee.consolidate import Dashboard
from classeur.layout import a1, annexes, cee, vocabulary
from classeur.sheets.cee.common import Book, Live, clean, col, quote, this, title, widths
from classeur.sheets.cee.common import write_table as table
from classeur.sheets.sheetdoc import Validation

S, R = cee.PROPOSITIONS, cee.RESEAUX
HEADER_HEIGHT = 150.0  # the criteria's words are long: the header row shows them whole
KEYS = [c.key for c in S.columns]


def _column(key: str) -> int:
    return KEYS.index(key) + 1


def words_formula() -> str:
    """Words of the résumé, counted as the fiche de proposition counts them."""
    text = this(S, "resume")
    spaced = f'TRIM(SUBSTITUTE(SUBSTITUTE({text},CHAR(13)," "),CHAR(10)," "))'
    return f'=IF(LEN({spaced})=0,0,LEN({spaced})-LEN(SUBSTITUTE({spaced}," ",""))+1)'


def _yes_no(condition: str) -> str:
    return f"=IF({condition},{quote(cee.OUI)},{quote(cee.NON)})"


def _row(rec: dict[str, Any], row: int) -> dict[str, Any]:
    out: dict[str, Any] = {k: clean(rec.get(k)) for k in KEYS if k in rec}
    limit = annexes.FICHE_RESUME_MAX_WORDS
    lo, hi = vocabulary.RESEAU_MIN_PARTICIPANTS, vocabulary.RESEAU_MAX_PARTICIPANTS
    n = this(S, "participants")
    out["mots"] = Live(words_formula(), rec["mots"])
    out["chk_resume"] = Live(_yes_no(f"{this(S, 'mots')}<={limit}"), rec["chk_resume"])
    out["participants"] = Live(
        f"=INDEX({col(R, 'participants')},MATCH({this(S, 'numero')},{col(R, 'numero')},0))",
        rec["participants"],
    )
    out["chk_taille"] = Live(_yes_no(f"AND({n}>={lo},{n}<={hi})"), rec["chk_taille"])
    checks = a1.range_ref(row, _column(cee.CHECK_COLUMNS[0]), row, _column(cee.CHECK_COLUMNS[-1]))
    out["reussies"] = Live(f"=COUNTIF({checks},{quote(cee.OUI)})", rec["reussies"])
    criteria = a1.range_ref(row, _column("critere1"), row, _column(f"critere{len(cee.CRITERES)}"))
    out["total"] = Live(f"=SUM({criteria})", 0)
    return out


def propositions(book: Book, dash: Dashboard) -> None:
    doc = book.sheet(cee.SHEET_PROPOSITIONS, widths(S), freeze=2)
    title(doc, S.title, book.context, S.subtitle, cee.PROPOSITIONS_NOTE_SPAN)
    first = cee.HEADER_ROW + 1
    records = dash.proposals.to_dict("records")
    rows = [_row(rec, first + i) for i, rec in enumerate(records)]
    _, bottom = table(book, doc, S, rows, empty=cee.PROPOSITIONS_AUCUNE)
    doc.heights[cee.HEADER_ROW] = HEADER_HEIGHT
    for i in range(1, len(cee.CRITERES) + 1):
        c = _column(f"critere{i}")
        doc.validations.append(
            Validation(a1.range_ref(first, c, bottom, c), cee.COTES, title=cee.COTE_TITLE)
        )
    c = _column("decision")
    doc.validations.append(
        Validation(a1.range_ref(first, c, bottom, c), cee.DECISIONS, title=cee.DECISION_TITLE)
    )
