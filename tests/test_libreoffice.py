"""LibreOffice headless opens, recalculates and prints the classeurs we write."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from classeur.domain import demo, rules
from classeur.domain.model import Classeur
from classeur.files import libreoffice, xlsx_new
from classeur.layout import structure, vocabulary
from tests.conftest import needs_libreoffice, recalculated

pytestmark = [needs_libreoffice, pytest.mark.libreoffice]


def _accueil_values(wb) -> dict[str, object]:
    ws = wb[structure.SHEET_ACCUEIL]
    return {
        row[0]: row[1]
        for row in ws.iter_rows(min_col=1, max_col=2, values_only=True)
        if isinstance(row[0], str)
    }


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return None


@pytest.mark.parametrize("modele", vocabulary.MODELES)
def test_demo_recalculates_to_python_numbers(tmp_path: Path, modele: str) -> None:
    c: Classeur = demo.demo(modele)
    path = xlsx_new.write_classeur(c, tmp_path / "demo.xlsx")
    wb = recalculated(path, tmp_path / "lo")
    values = _accueil_values(wb)
    assert values["Titre"] == c.settings.titre
    assert values["Année scolaire"] == "2026-2027"
    assert values["Membres"] == len(c.members)
    assert values["Participants (sans l’animation)"] == len(rules.participants(c.members))
    assert values["Élèves dans la grille"] == len(c.grid)
    open_actions = [a for a in c.actions if a.statut in vocabulary.STATUTS_OUVERTS]
    assert values["Actions ouvertes (Suivi)"] == len(open_actions)
    nxt = rules.next_meeting(c, dt.date.today())
    if nxt is None:
        assert values["Prochaine rencontre"] == "Aucune"
    else:
        assert _as_date(values["Prochaine rencontre"]) == nxt.date
        assert _as_date(values["Ordre du jour à envoyer au plus tard le"]) == (
            rules.odj_deadline(nxt)
        )
    if modele == vocabulary.MODELE_RESEAU:
        assert values["Règle\u00a0: 6 à 10 participants"] == "Respectée"
        assert values["Règle\u00a0: une seule personne à l’animation"] == "Respectée"
    deadlines = [
        _as_date(r[8])
        for r in wb[structure.SHEET_RENCONTRES].iter_rows(
            min_row=structure.TABLE_HEADER_ROW + 1, values_only=True
        )
        if r[0] is not None
    ]
    assert deadlines == [rules.odj_deadline(m) for m in c.meetings]


def test_blank_reseau_rule_checks_say_to_verify(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.blank("reseau"), tmp_path / "r.xlsx")
    values = _accueil_values(recalculated(path, tmp_path / "lo"))
    assert values["Règle\u00a0: 6 à 10 participants"] == "À vérifier"
    assert values["Prochaine rencontre"] == "Aucune"
    assert values["Membres"] == 0


def test_demo_prints_to_letter_pdf(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "demo.xlsx")
    pdf = libreoffice.convert(path, "pdf", tmp_path / "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "612 x 792 pts (letter)" in info.stdout
    text = unicodedata.normalize(
        "NFC",
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout,
    )
    assert "Grille de compilation" in text
    assert "Andrée-Anne" in text and "despard.andree-anne@exemple.cssdm.gouv.qc.ca" in text
    # Every sheet fits one page wide: the last (computed) column of Rencontres is printed.
    assert "2026-09-08" in text  # R1's agenda deadline, 7 days before 2026-09-15


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX limits (resource)")
def test_the_cpu_bound_kills_even_a_process_that_handles_its_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A process that catches SIGXCPU (LibreOffice's crash handler does; it may then hang)
    is still stopped at its CPU bound: by SIGKILL, which nothing can catch."""
    monkeypatch.setattr(libreoffice, "CPU_SECONDS", 1)
    spin = "import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\nwhile True: pass"
    child = subprocess.Popen(
        [sys.executable, "-c", spin],
        preexec_fn=libreoffice._bounded,  # what LibreOffice is started with
    )
    try:
        # A safety net only (a broken bound would spin forever), never a measure.
        assert child.wait(timeout=600) == -signal.SIGKILL
    finally:
        child.kill()
        child.wait()


def test_a_conversion_that_computes_endlessly_is_stopped_by_its_cpu_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bounded by what LibreOffice computes (15 s of CPU for this workbook), not by the
    clock: a busy machine never stops a healthy conversion, an endless one is stopped."""
    from openpyxl import Workbook

    from classeur.errors import ClasseurError

    wb = Workbook()
    for row in range(1, 401):  # recalculated on load: 400 sums over a whole column
        wb.active.cell(row, 1).value = f"=SUMPRODUCT(ROW(B1:B1048576)*1)+{row}"
    wb.save(tmp_path / "lourd.xlsx")
    monkeypatch.setattr(libreoffice, "CPU_SECONDS", 2)
    with pytest.raises(ClasseurError, match=r"LibreOffice n.a pas pu convertir « lourd\.xlsx »"):
        libreoffice.convert(tmp_path / "lourd.xlsx", "xlsx", tmp_path / "lo")
    assert not (tmp_path / "lo" / "lourd.xlsx").exists()
