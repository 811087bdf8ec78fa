"""The CEE's dashboard of the demo year in Québec typography: every cell of every sheet (its
text as written, the words inside its formulas, and what a formula shows once LibreOffice
has recalculated it), its charts' and lists' titles, and the summary `classeur cee` prints
pass tests/typography.py's scan (no ordinary space before « : » or inside « », no « (s) »
after a number, no straight apostrophe, no ISO date in running text, no decimal point, no
English word)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from classeur.cli.french import typeset
from classeur.features import cee as features_cee
from classeur.layout import cee
from tests.conftest import needs_libreoffice
from tests.typography import FORMULA_WORDS, scan, unquoted, workbook_cells


def _cell_texts(wb: Any, recalculated: Any) -> list[tuple[str, str, str]]:
    """(where, kind, text) of every cell a reader sees: « texte » as written, « formule »
    for the strings of a formula (« =IF(…,"Dépassement","Respecté") »), « calcul » for the
    text a formula shows after recalculation (« Dépassement », a network's title)."""
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if not isinstance(c.value, str):
                    continue
                where = f"{ws.title}!{c.coordinate}"
                if c.data_type != "f":
                    found.append((where, "texte", c.value))
                    continue
                words = FORMULA_WORDS.findall(c.value)
                found += [(where, "formule", w.replace('""', '"')) for w in words]
                shown = recalculated[ws.title][c.coordinate].value
                if isinstance(shown, str):
                    found.append((where, "calcul", shown))
    return found


def _titles(wb: Any) -> list[tuple[str, str, str]]:
    """The charts' titles and axis titles, the lists' titles, messages and choices."""
    found = []
    for ws in wb.worksheets:
        for chart in ws._charts:
            for title in (chart.title, chart.y_axis.title, chart.x_axis.title):
                if title is not None and title.tx is not None and title.tx.rich is not None:
                    text = "".join(r.t for p in title.tx.rich.p for r in (p.r or []))
                    found.append((ws.title, "graphique", text))
        for dv in ws.data_validations.dataValidation:
            texts = (
                dv.promptTitle,
                dv.prompt,
                dv.errorTitle,
                dv.error,
                (dv.formula1 or "").strip('"'),
            )
            found += [(ws.title, "liste", t) for t in texts if t]
    return found


@needs_libreoffice
def test_no_typography_fault_in_the_dashboard(
    cee_result: features_cee.CeeResult, cee_recalculated: Any
) -> None:
    wb = load_workbook(cee_result.output)
    assert wb.sheetnames == list(cee.SHEETS)
    read = _cell_texts(wb, cee_recalculated) + _titles(wb)
    kinds = {kind for _, kind, _ in read}
    assert kinds == {"texte", "formule", "calcul", "graphique", "liste"}
    # what is read is the dashboard's French: its titles, headers, states and sentences
    texts = {text for _, _, text in read}
    assert {cee.LIB_DEPASSEMENT, cee.CHART_ETATS, cee.REGLES.subtitle} <= texts
    assert sum(kind == "calcul" for _, kind, _ in read) >= 2 * len(cee_result.dashboard.networks)
    faults = [f for where, kind, text in read for f in scan(text, f"{where} ({kind})")]
    assert not faults, f"{len(faults)} fautes :\n" + "\n".join(faults[:60])


def test_summary_lines_are_typeset_at_the_source(cee_result: features_cee.CeeResult) -> None:
    """The lines `classeur cee` prints, as the use case returns them: already in Québec
    typography (the command's typesetting changes nothing), the dashboard's path quoted as
    it is."""
    lines = cee_result.lines
    assert len(lines) >= 7
    faults = [f for line in lines for f in scan(unquoted(line), "classeur cee")]
    assert not faults, "\n".join(faults)
    assert [typeset(line) for line in lines] == lines
    assert lines[-1] == f"Tableau de bord enregistré\u00a0: «\u00a0{cee_result.output}\u00a0»"
    # the demo plans half days: a decimal comma, the plural from the number
    assert re.search(
        r"Jours de libération\u00a0: \d+ jours utilisés, \d+,5 jours prévus", lines[-3]
    )


def test_no_typography_fault_in_the_demo_networks_classeurs(cee_demo_folder: Path) -> None:
    """The 40 réseau classeurs of the demo year (what `classeur demo --cee` writes, each
    team's typed text included): every cell and list message, as a team's own classeur."""
    files = sorted(cee_demo_folder.glob("*.xlsx"))
    assert len(files) == 40
    found = [(where, text) for path in files for where, text in workbook_cells(path)]
    assert any("«\u00a0" in text for _, text in found)  # the labels were read
    faults = [f for where, text in found for f in scan(text, where)]
    assert not faults, f"{len(faults)} fautes :\n" + "\n".join(faults[:60])
