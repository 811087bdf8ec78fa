"""Sharing without exposing students, and exporting safely: a pseudonymised export fails
closed and says where a name was left (file, part, sheet and cell, element), ignoring case
and accents, file names included; a team member with a student's name is refused; a stray
value far away costs nothing; a title with a line break makes a valid e-mail; nothing is
exported while Excel has the classeur open."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from classeur.domain import demo
from classeur.domain.model import Member
from classeur.domain.pseudo import fold
from classeur.errors import ClasseurError
from classeur.files import xlsx_new, xlsx_read
from classeur.layout import outputs, structure
from tests import exporting
from tests.conftest import needs_libreoffice
from tests.measure import env_for, measured

STUDENT = "Léa Diallo"


def _grille_sheet(path: Path, edit: object) -> Path:
    wb = load_workbook(path)
    edit(wb[structure.SHEET_GRILLE])  # type: ignore[operator]
    wb.save(path)
    return path


def _names_in(data: str) -> bool:
    folded = fold(data)
    return "lea" in folded and "diallo" in folded


def test_a_team_member_with_a_students_name_is_refused(tmp_path: Path) -> None:
    c = demo.demo()
    c.members.append(Member("Lea", "DIALLO", role="Participant", courriel="l.diallo@ex.ca"))
    path = xlsx_new.write_classeur(c, tmp_path / "equipe.xlsx")
    out = tmp_path / "envois"
    out.mkdir()
    with pytest.raises(ClasseurError) as info:
        exporting.export(path, outputs.DOC_GRILLE, None, ["xlsx"], pseudonymise=True, outdir=out)
    message = str(info.value)
    assert "« Léa Diallo » est à la fois un membre de l'équipe (feuille « Équipe »)" in message
    assert "Distinguez l'élève dans la Grille" in message
    assert list(out.iterdir()) == []


def test_file_names_carry_no_students_name(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / f"Plan {STUDENT}.xlsx")
    out = tmp_path / "envois"
    out.mkdir()
    result = exporting.export(
        path, outputs.DOC_GRILLE, None, ["xlsx", "eml"], pseudonymise=True, outdir=out
    )
    assert result.files
    for f in result.files:
        assert not _names_in(f.name), f.name
        assert "Eleve-" in f.name
    msg = email.message_from_bytes(
        (out / next(f.name for f in result.files if f.suffix == ".eml")).read_bytes(),
        policy=email.policy.default,
    )
    assert all(not _names_in(p.get_filename() or "") for p in msg.walk())


def test_a_name_typed_without_accents_is_replaced(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    _grille_sheet(path, lambda ws: ws.cell(200, 2, "Suivi : LEA diallo a progressé."))
    out = tmp_path / "envois"
    out.mkdir()
    (copy,) = exporting.export(
        path, outputs.DOC_GRILLE, None, ["xlsx"], pseudonymise=True, outdir=out
    ).files
    wb = load_workbook(copy)
    text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    assert "Suivi : Élève-" in text and " a progressé." in text
    assert not _names_in(text)


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (  # a full-width L: the replacement misses it, the check (NFKC) does not
            lambda ws: ws.cell(200, 2, "Suivi : \uff2céa Diallo."),
            "feuille « Grille », cellule B200",
        ),
        (
            lambda ws: setattr(
                ws.cell(201, 2, "dossier"), "hyperlink", "https://ecole.qc.ca/Lea-Diallo"
            ),
            "lien ou cible d'un lien (partie « xl/worksheets/_rels/",
        ),
    ],
    ids=["pleine-chasse", "adresse-de-lien"],
)
def test_a_cancelled_export_says_where_the_name_is(
    tmp_path: Path, edit: object, where: str
) -> None:
    path = _grille_sheet(xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx"), edit)
    out = tmp_path / "envois"
    out.mkdir()
    with pytest.raises(ClasseurError) as info:
        exporting.export(path, outputs.DOC_GRILLE, None, ["xlsx"], pseudonymise=True, outdir=out)
    message = str(info.value)
    assert "L'exportation a été annulée" in message and where in message, message
    assert "écrivez le nom exactement comme dans la Grille" in message
    assert list(out.iterdir()) == []


def test_a_stray_value_far_away_costs_nothing(tmp_path: Path) -> None:
    """One value at BXH5000 in the Grille (within the documented limits): exporting the
    classeur (whose documents are made of its sheets) visits only the cells that exist
    (it took 123 s and 3.3 GB), keeps the value in the .xlsx copy, and says that the
    documents leave it out. (The grille's own documents are its summary, made from the
    model: a stray cell is never in them.)"""
    path = _grille_sheet(
        xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx"),
        lambda ws: ws.__setitem__("BXH5000", "égaré"),
    )
    out = tmp_path / "envois"
    out.mkdir()
    run = measured(
        ["exporter", str(path), "-d", "classeur", "-f", "xlsx", "-o", str(out)], tmp_path
    )
    assert run.returncode == 0, run.text
    assert "contient une valeur en BXH5000, hors de la zone exportée" in run.text
    assert run.cpu_seconds < 15, run.cpu_seconds  # LibreOffice's recalculation included
    assert run.peak_mb < 600, run.peak_mb
    (copy,) = out.glob("*.xlsx")
    assert load_workbook(copy)[structure.SHEET_GRILLE]["BXH5000"].value == "égaré"


def test_a_title_with_a_line_break_makes_a_valid_email(tmp_path: Path) -> None:
    c = demo.demo()
    c = dataclasses.replace(c, settings=dataclasses.replace(c.settings, titre="Histoire\nSec. 4"))
    path = xlsx_new.write_classeur(c, tmp_path / "equipe.xlsx")
    (eml,) = exporting.export(path, outputs.DOC_BILAN, None, ["eml"], outdir=tmp_path).files
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert msg["Subject"].endswith("Histoire Sec. 4")
    assert "\n" not in msg["Subject"]


def test_nothing_is_exported_while_excel_has_the_classeur_open(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    (tmp_path / "~$equipe.xlsx").write_bytes(b"\0" * 165)  # Excel's lock file
    before = path.read_bytes()
    out = tmp_path / "envois"
    out.mkdir()
    with pytest.raises(ClasseurError) as info:
        exporting.export(path, outputs.DOC_BILAN, None, ["xlsx", "eml"], outdir=out)
    assert "est ouvert dans Excel" in str(info.value)
    assert "bouton « Exporter » du ruban" in str(info.value)
    assert list(out.iterdir()) == []
    assert path.read_bytes() == before
    assert xlsx_read.read_classeur(path) == demo.demo()


def test_the_pseudonymised_copy_keeps_no_name_in_any_part(tmp_path: Path) -> None:
    """Every part of the pseudonymised copy, read without accents or case."""
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    (copy,) = exporting.export(
        path, outputs.DOC_GRILLE, None, ["xlsx"], pseudonymise=True, outdir=tmp_path
    ).files
    with zipfile.ZipFile(copy) as zf:
        for info in zf.infolist():
            assert not _names_in(zf.read(info).decode("utf-8", "ignore")), info.filename


@needs_libreoffice
def test_pdf_with_a_relative_temporary_folder_and_a_space_in_its_path(tmp_path: Path) -> None:
    """LibreOffice's profile is given as a proper file URI of an absolute path: TMPDIR=.
    or « Marie Tremblay » in the path made it wait for ever (the export then failed after
    two minutes)."""
    folder = tmp_path / "Marie Tremblay"
    folder.mkdir()
    path = xlsx_new.write_classeur(demo.demo(), folder / "equipe.xlsx")
    out = folder / "envois"
    out.mkdir()
    env = env_for(folder) | {"TMPDIR": "."}
    argv = ["exporter", str(path), "-d", "grille", "-f", "pdf", "-o", str(out)]
    run = subprocess.run(
        [sys.executable, "-m", "classeur", *argv],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    (pdf,) = out.glob("*.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert not list(folder.glob("classeur-tmp-*"))  # the private folder, removed
