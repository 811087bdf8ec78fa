"""The Bilan sheet's formulas: release days from the Rencontres table, attendance read from
the rencontre tabs, rates, budgets, and the grille's progression from ``tblGrille``. They
compute live what ``classeur.domain.bilan`` computes for the messages."""

from __future__ import annotations

from collections.abc import Sequence

from classeur.domain.bilan import Presences
from classeur.layout import a1, bilan_sheet, structure, vocabulary


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _structured(header: str) -> str:
    """A column name inside a structured reference (``[ ] # '`` escaped with ``'``)."""
    return "".join("'" + ch if ch in "[]#'" else ch for ch in header)


def _criterion(level: int | str) -> str:
    return str(level) if isinstance(level, int) else '"' + str(level).replace('"', '""') + '"'


def days_formula(numero: int) -> str:
    """Release days of rencontre ``numero``: 1 when it lasts 5 h or more, else ½."""

    def col(key: str) -> str:
        return (
            f"INDEX({structure.ref(structure.RENCONTRES, key)},"
            f"MATCH({numero},{structure.ref(structure.RENCONTRES, 'numero')},0))"
        )

    debut, fin = col("debut"), col("fin")
    return (
        f'=IFERROR(IF(OR({debut}="",{fin}=""),"",'
        f'IF(ROUND(({fin}-{debut})*1440,0)>={vocabulary.FULL_DAY_HOURS * 60},1,0.5)),"")'
    )


def presence_formula(p: Presences, row: int, spelled: str | None = None) -> str:
    """What the rencontre tab ``p`` says of the member named on ``row`` of the Bilan:
    looked up as the tab spells the name (``spelled``, when the tab spells it another
    way than the Équipe now does), else as the Bilan's row names them."""
    names = f"{_quote(p.sheet)}!" + a1.range_ref(
        p.first_row, p.name_col, p.last_row, p.name_col, absolute=True
    )
    values = f"{_quote(p.sheet)}!" + a1.range_ref(
        p.first_row, p.value_col, p.last_row, p.value_col, absolute=True
    )
    name = a1.cell_ref(row, bilan_sheet.BILAN_LABEL_COL)
    if spelled is not None:
        name = '"' + spelled.replace('"', '""') + '"'
    return f'=IFERROR(INDEX({values},MATCH({name},{names},0))&"","")'


def rate_formula(rng: str) -> str:
    """Share of « Présent·e » (any spelling, as :func:`domain.bilan.is_present`) among the
    recorded values of ``rng`` (blank: none recorded)."""
    recorded = f'SUMPRODUCT(--({rng}<>""))'
    present = vocabulary.criterion(vocabulary.PRESENT)
    return f'=IF({recorded}=0,"",COUNTIF({rng},"{present}")/{recorded})'


def state_formula(row: int, used_col: int, budget_col: int) -> str:
    """« Dépassement » or « Respecté »: the days used on ``row`` against its budget."""
    used = a1.cell_ref(row, used_col)
    budget = a1.cell_ref(row, budget_col)
    over, ok = bilan_sheet.BILAN_OVER, bilan_sheet.BILAN_OK
    return f'=IF({budget}="","",IF({used}>{budget},"{over}","{ok}"))'


def progression_formula(header: str, good: Sequence[int | str]) -> str:
    """% of the grille's column ``header`` at one of the ``good`` levels (blank: none)."""
    column = f"{structure.GRILLE_NAME}[{_structured(header)}]"
    count = "+".join(f"COUNTIF({column},{_criterion(level)})" for level in good) or "0"
    return f'=IFERROR(IF(COUNTA({column})=0,"",({count})/COUNTA({column})),"")'


def last_formula(cells: Sequence[str]) -> str:
    """The last non-blank of ``cells`` (blank when all are)."""
    nested = '""'
    for ref in cells:
        nested = f'IF({ref}<>"",{ref},{nested})'
    return "=" + nested


def reached_formula(last_ref: str, goal_ref: str) -> str:
    """« Atteint » or « Non atteint »: the last result against the objectif commun."""
    atteint, non_atteint = bilan_sheet.ATTEINT, bilan_sheet.NON_ATTEINT
    return f'=IF({last_ref}="","",IF({last_ref}>={goal_ref},"{atteint}","{non_atteint}"))'
