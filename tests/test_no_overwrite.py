"""Every command that creates a file refuses an existing one unless told to replace it
(« --remplacer »): `demo -o`, `nouveau`, `addin build`, and the rewriting commands'
« -o NOUVEAU.xlsx »; told to, the replaced version goes to the backups."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from classeur.files import safewrite, xlsx_read
from classeur.layout import excel_addin
from tests.typography import plain


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "classeur", *args], capture_output=True, text=True)


def refused(out: subprocess.CompletedProcess[str], target: Path) -> bool:
    return (
        out.returncode == 1
        and f"Erreur : Le fichier « {target} » existe déjà; il n'a pas été modifié."
        in plain(out.stderr)
        and "--remplacer" in out.stderr
        and "Traceback" not in out.stderr
    )


def test_demo_does_not_replace_a_teams_classeur(tmp_path: Path) -> None:
    """`classeur demo -o FICHIER` run twice over the team's file: refused both times, the
    file and its backups untouched; with --remplacer, the team's version is in the backups."""
    team = tmp_path / "classeur.xlsx"
    assert run("nouveau", str(team), "--modele", "car", "--titre", "Notre équipe").returncode == 0
    before = team.read_bytes()
    for _ in range(2):
        assert refused(run("demo", "-o", str(team)), team)
    assert team.read_bytes() == before
    assert safewrite.backups(team) == []
    out = run("demo", "-o", str(team), "--remplacer")
    assert out.returncode == 0, out.stderr
    assert xlsx_read.read_classeur(team).settings.titre != "Notre équipe"
    kept = safewrite.backups(team)
    assert len(kept) == 1 and kept[0].read_bytes() == before


def test_a_new_file_of_a_rewriting_command_refuses_an_existing_one(tmp_path: Path) -> None:
    classeur = tmp_path / "classeur.xlsx"
    other = tmp_path / "autre.xlsx"
    assert run("demo", "-m", "reseau", "-o", str(classeur)).returncode == 0
    assert run("nouveau", str(other), "--modele", "reseau").returncode == 0
    before = other.read_bytes()
    for command in (["bilan"], ["plan"], ["fiche"], ["ordre-du-jour", "-r", "1"]):
        assert refused(run(*command, str(classeur), "-o", str(other)), other), command
    assert other.read_bytes() == before
    out = run("bilan", str(classeur), "-o", str(other), "--remplacer")
    assert out.returncode == 0, out.stderr
    assert xlsx_read.read_classeur(other).members  # the demo's, written over it
    assert [b.read_bytes() for b in safewrite.backups(other)] == [before]
    # -o naming the classeur itself is an ordinary rewrite, not a new file.
    assert run("bilan", str(classeur), "-o", str(classeur)).returncode == 0


@pytest.mark.parametrize("as_folder", [True, False])
def test_addin_build_refuses_an_existing_addin(tmp_path: Path, as_folder: bool) -> None:
    xlam = tmp_path / excel_addin.ADDIN_FILE
    xlam.write_bytes(b"someone's add-in")
    where = tmp_path if as_folder else xlam
    assert refused(run("addin", "build", "-o", str(where)), xlam)
    assert xlam.read_bytes() == b"someone's add-in"
    out = run("addin", "build", "-o", str(where), "--remplacer")
    assert out.returncode == 0, out.stderr
    assert xlam.read_bytes() != b"someone's add-in"
