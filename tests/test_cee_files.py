"""`classeur cee` on real folders: damaged, password-protected, CAR and foreign files get
their French line and the dashboard is still written; the other year, the openpyxl path,
the PDF and the command line."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from classeur.domain import demo as classeur_demo
from classeur.domain.cee import demo
from classeur.features import cee as features_cee
from classeur.files import network_read, safewrite, xlsx_new
from classeur.layout import cee, outputs, structure
from classeur.text.french import typography as french
from tests.conftest import needs_libreoffice
from tests.hostile import sheet_part, version_zero, write_zip, zip_parts
from tests.typography import pdf_faults

SRC = Path(__file__).resolve().parents[1] / "src"


def _networks(source: Path, folder: Path, n: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(p, folder)) for p in sorted(source.glob("*.xlsx"))[:n]]


def _encrypted(base: Path, target: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with base.open("rb") as fh:
        OOXMLFile(fh).encrypt("secret", out)
    target.write_bytes(out.getvalue())
    return target


def _bad_files(base: Path, folder: Path) -> dict[str, Path]:
    data = base.read_bytes()
    (folder / "tronque.xlsx").write_bytes(data[: len(data) // 2])
    parts = zip_parts(base)
    parts[sheet_part(base, structure.SHEET_EQUIPE)] = b"<worksheet><sheetData><row>"
    broken = write_zip(folder / "abime.xlsx", parts)
    car = xlsx_new.write_classeur(classeur_demo.demo("car"), folder / "equipe-car.xlsx")
    other = folder / "epicerie.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Liste d'épicerie"
    wb.save(other)
    return {
        "incomplet (tronqué)": folder / "tronque.xlsx",
        "endommagé": broken,
        "mot de passe": _encrypted(base, folder / "protege.xlsx"),
        "équipe collaborative (projet CAR)": car,
        "n'est pas un classeur de Classeur": other,
    }


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "classeur", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_bad_files_get_their_french_line_and_the_dashboard_is_written(
    cee_demo_folder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "recus"
    good = _networks(cee_demo_folder, folder)
    bad = _bad_files(good[0], folder)
    (folder / f"~${good[1].name}").write_bytes(b"lock")  # Excel's lock file: not a classeur
    r = run_cli("cee", str(folder), "--aujourdhui", "2027-07-02", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout.replace("\u00a0", " ")
    assert "\u00a0:" in r.stdout  # Québec typography
    for why, path in bad.items():
        line = next(x for x in out.splitlines() if f"« {path.name} »" in x)
        assert line.startswith("Écarté : ")
        assert french(why) in line
    assert "~$" not in out
    assert (
        f"{len(good) + len(bad)} fichiers lus : 3 réseaux dans le tableau de bord, 5 écartés."
        in out
    )
    for word in ("Traceback", "Error", "Exception"):
        assert word not in out + r.stderr
    # the progress bar over the files, on the terminal's error stream (not in the summary)
    files = len(good) + len(bad)
    assert f"{cee.PROGRESS}\u00a0: 100\u00a0% " in r.stderr and f"{files} sur {files}" in r.stderr
    assert cee.PROGRESS not in r.stdout
    wb = load_workbook(tmp_path / cee.DEFAULT_OUTPUT)
    titles = {
        row[1]
        for row in wb[cee.SHEET_RESEAUX].iter_rows(min_row=cee.HEADER_ROW + 1, values_only=True)
    }
    assert len(titles) == len(good)
    # and the dashboard is not rewritten without being asked
    again = run_cli("cee", str(folder), cwd=tmp_path)
    assert again.returncode == 1 and "--remplacer" in again.stderr


def test_nothing_readable_is_a_french_error(tmp_path: Path) -> None:
    folder = tmp_path / "vide"
    folder.mkdir()
    r = run_cli("cee", str(folder), cwd=tmp_path)
    assert r.returncode == 1
    assert "Aucun classeur (.xlsx) trouvé dans" in r.stderr
    (folder / "a.xlsx").write_bytes(b"not a zip")
    r = run_cli("cee", str(folder), cwd=tmp_path)
    assert r.returncode == 1
    assert french(cee.MSG_NO_NETWORK) in r.stderr and french("« a.xlsx »") in r.stderr
    assert not (tmp_path / cee.DEFAULT_OUTPUT).exists()


def test_a_network_of_another_year_is_left_out(cee_demo_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "recus"
    paths = _networks(cee_demo_folder, folder)
    wb = load_workbook(paths[0])
    ws = wb[structure.SHEET_PARAMETRES]
    for row in ws.iter_rows():
        if row[0].value == structure.PARAM_ANNEE:
            row[1].value = "2025-2026"
    wb.save(paths[0])
    result = features_cee.tableau_cee([folder], tmp_path / "t.xlsx", today=demo.TODAY)
    assert len(result.dashboard.networks) == 2
    assert any(
        f"«\u00a0{paths[0].name}\u00a0» est un réseau de l’année 2025-2026, pas de 2026-2027"
        in line
        for line in result.lines
    )
    other = features_cee.tableau_cee(
        [paths[0]], tmp_path / "u.xlsx", annee="2025-2026", today=demo.TODAY
    )
    assert len(other.dashboard.networks) == 1


def _view(src: Any) -> tuple[Any, ...]:
    return (
        src.model.settings.titre,
        [(m.full_name, m.role, m.etablissement) for m in src.model.members],
        [(m.numero, m.date, m.debut, m.fin) for m in src.model.meetings],
        src.presences,
        src.prepared,
        src.sent,
        src.bilan,
        src.fiche,
        src.has_plan,
        src.model.grid,
    )


def test_openpyxl_path_reads_what_calamine_reads(cee_demo_folder: Path, tmp_path: Path) -> None:
    """A classeur a fast reader could misread (merged cells beside a table) is read by
    openpyxl, to the same result; the grille's rows are never read."""
    path = _networks(cee_demo_folder, tmp_path / "recus", 1)[0]
    fast = network_read.read_network(path)
    wb = load_workbook(path)
    wb[structure.SHEET_EQUIPE].merge_cells("K1:L1")
    careful = tmp_path / "fusion.xlsx"
    wb.save(careful)
    slow = network_read.read_network(careful)
    assert _view(slow) == _view(fast)
    assert fast.model.grid == [] and fast.presences and fast.sent and fast.bilan


def test_a_read_only_classeur_is_read(cee_demo_folder: Path, tmp_path: Path) -> None:
    """The dashboard never rewrites what it reads: a read-only classeur is read as is."""
    path = _networks(cee_demo_folder, tmp_path / "recus", 1)[0]
    path.chmod(0o444)
    before = path.read_bytes()
    result = features_cee.tableau_cee([path.parent], tmp_path / "t.xlsx", today=demo.TODAY)
    assert len(result.dashboard.networks) == 1
    assert path.read_bytes() == before
    assert not (path.parent / outputs.BACKUP_FOLDER).exists()


def test_a_classeur_of_an_older_format_is_read(cee_demo_folder: Path, tmp_path: Path) -> None:
    """A réseau classeur written by an older version of Classeur (format 0: no « Service »
    column in the team) is read as every command reads it: migrated, in memory only."""
    folder = tmp_path / "recus"
    folder.mkdir()
    base = sorted(cee_demo_folder.glob("*.xlsx"))[0]
    old = version_zero(folder, base)
    before = old.read_bytes()
    headers = [
        c.value for c in load_workbook(old)[structure.SHEET_EQUIPE][structure.TABLE_HEADER_ROW]
    ]
    assert structure.EQUIPE.column("service").header not in headers
    result = features_cee.tableau_cee([folder], tmp_path / "t.xlsx", today=demo.TODAY)
    assert len(result.dashboard.networks) == 1
    expected = network_read.read_network(base).model.members
    people = result.dashboard.people
    assert sorted(people["personne"]) == sorted(" ".join(m.full_name.split()) for m in expected)
    assert old.read_bytes() == before


def test_read_network_refuses_a_car_classeur_in_french(tmp_path: Path) -> None:
    car = xlsx_new.write_classeur(classeur_demo.demo("car"), tmp_path / "car.xlsx")
    reason = network_read.read_network_or_error(str(car))
    assert isinstance(reason, str)
    assert reason == cee.MSG_CAR.format(file="car.xlsx")


@needs_libreoffice
def test_pdf_of_the_dashboard(cee_demo_folder: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    folder = tmp_path / "recus"
    _networks(cee_demo_folder, folder, 4)
    result = features_cee.tableau_cee(
        [folder], tmp_path / "tableau.xlsx", today=demo.TODAY, pdf=True
    )
    assert result.pdf == tmp_path / "tableau.pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(result.pdf).pages)
    for words in (cee.TITLE, cee.REGLES.title, cee.LIB_RESEAUX.title, cee.CHART_ETATS):
        assert french(words) in text
    assert f"PDF\u00a0: «\u00a0{result.pdf}\u00a0»" in result.lines
    # Its typography, as every document's: the cells of a date column show the numeric
    # form AAAA-MM-JJ that the OQLF recommends in tables; every other date is in words.
    drawn = subprocess.run(
        ["pdftotext", "-raw", str(result.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    dated = {
        c.value.date().isoformat()
        for ws in load_workbook(result.output).worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, dt.datetime)
    }
    assert dated and any(d in drawn for d in dated)
    words = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", lambda m: "" if m[0] in dated else m[0], drawn)
    assert not pdf_faults(words, result.pdf.name)


def test_demo_refuses_to_replace_classeurs(cee_demo_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "essai"
    _networks(cee_demo_folder, folder, 2)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    r = run_cli("demo", "--cee", str(folder), cwd=tmp_path)
    assert r.returncode == 1
    assert "contient déjà 2 des classeurs de la démonstration" in r.stderr.replace("\u00a0", " ")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert "--remplacer" in r.stderr


def test_demo_replaces_when_asked_and_keeps_the_previous_version(
    cee_demo_folder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "essai"
    _networks(cee_demo_folder, folder, 2)
    mine = sorted(folder.glob("*.xlsx"))[0]
    cee_demo_folder_copy = (cee_demo_folder / mine.name).read_bytes()
    edited = load_workbook(mine)
    edited[structure.SHEET_EQUIPE].cell(1, 20).value = "Note du CEE, à garder"
    edited.save(mine)
    kept = mine.read_bytes()
    r = run_cli("demo", "--cee", str(folder), "--remplacer", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert len(list(folder.glob("*.xlsx"))) == 40
    assert load_workbook(mine)[structure.SHEET_EQUIPE].cell(1, 20).value is None
    backups = list(safewrite.backups(mine))
    assert [b.read_bytes() for b in backups] == [kept], backups
    assert cee_demo_folder_copy != kept


def test_help_is_french() -> None:
    r = run_cli("cee", "--help", cwd=SRC)
    assert r.returncode == 0
    assert "Tableau de bord du CEE" in r.stdout and "--aujourdhui" in r.stdout
    assert "Utilisation\u00a0:" in r.stdout
    r = run_cli("demo", "--help", cwd=SRC)
    assert "--cee" in r.stdout
