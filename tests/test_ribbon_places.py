"""Where things are on a teacher's computer: the folder side files and the pseudonym key go
to (the same for the ribbon and the command), the Documents folder the system shows, the
OneDrive copy of a book opened from the cloud, LibreOffice at its default locations."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from classeur.cli.main import cli
from classeur.domain import demo
from classeur.excel import places, ribbon
from classeur.files import libreoffice, xlsx_new
from classeur.files.export import pseudonyms
from classeur.layout import structure
from tests import remote
from tests.typography import plain


def alerts(book: Any) -> list[str]:
    return [a["args"][0] for a in remote.actions(book, "alert")]


# --------------------------------------------------------------------------------------
# Known folders
# --------------------------------------------------------------------------------------
def test_documents_is_the_folder_the_system_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a guessed ~/Documents: here the XDG setting a desktop writes (on Windows, the
    known folder Windows reports, OneDrive-redirected or not)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config" / "user-dirs.dirs").write_text(
        'XDG_DOCUMENTS_DIR="$HOME/OneDrive - CSS/Mes documents"\n', encoding="utf-8"
    )
    assert places.documents_folder() == tmp_path / "OneDrive - CSS" / "Mes documents"


def test_a_book_with_no_local_file_writes_into_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    for var in ("OneDrive", "OneDriveConsumer", "OneDriveCommercial"):
        monkeypatch.delenv(var, raising=False)
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config" / "user-dirs.dirs").write_text(
        'XDG_DOCUMENTS_DIR="$HOME/Documents redirigés"\n', encoding="utf-8"
    )
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    url = "https://cssdm-my.sharepoint.com/personal/prof/Documents/equipe.xlsx"
    book = remote.book(path, active="R3", name=url)
    xb = ribbon.button_pressed("ordre_du_jour", book, today=demo.DEMO_TODAY)
    assert xb is not None
    folder = tmp_path / "Documents redirigés" / "Classeur" / "equipe"
    assert xb.side_folder() == folder
    assert sorted(p.name for p in folder.iterdir()) == [
        "equipe-R3-ordre-du-jour.html",
        "equipe-R3-ordre-du-jour.txt",
    ]
    (message,) = alerts(book)
    assert f"Fichiers enregistrés dans\u00a0: «\u00a0{folder}\u00a0»" in message


# --------------------------------------------------------------------------------------
# OneDrive: the synced copy of a book opened from the cloud
# --------------------------------------------------------------------------------------
@pytest.fixture
def onedrive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A OneDrive folder synced on this computer, as OneDrive's own variable names it."""
    root = tmp_path / "OneDrive"
    (root / "Équipe 3e cycle").mkdir(parents=True)
    monkeypatch.setenv("OneDrive", str(root))
    monkeypatch.delenv("OneDriveConsumer", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no ~/.xlwings settings here
    return root


def test_a_onedrive_book_writes_beside_its_synced_copy(onedrive: Path) -> None:
    local = onedrive / "Équipe 3e cycle" / "equipe.xlsx"
    xlsx_new.write_classeur(demo.demo(), local)
    url = "https://d.docs.live.net/8f3c2a1b/Équipe 3e cycle/equipe.xlsx"
    assert places.local_file(url) == local
    book = remote.book(local, active="R3", name=url)
    xb = ribbon.button_pressed("ordre_du_jour", book, today=demo.DEMO_TODAY)
    assert xb is not None and xb.side_folder() == local.parent
    assert (local.parent / "equipe-R3-ordre-du-jour.html").exists()
    # The command run on the synced file finds the same key as the ribbon.
    assert xb.key_path() == pseudonyms.key_path(local)


def test_a_onedrive_url_without_a_synced_copy_has_no_local_file(onedrive: Path) -> None:
    assert places.local_file("https://d.docs.live.net/8f3c2a1b/Autre/absent.xlsx") is None
    assert places.local_file("https://exemple.sharepoint.com/sites/Equipe/Docs/x.xlsx") is None


# --------------------------------------------------------------------------------------
# The pseudonym key: one per classeur, the same for the ribbon and the command, private
# --------------------------------------------------------------------------------------
def _codes(xlsx: Path) -> list[Any]:
    ws = load_workbook(xlsx)[structure.SHEET_GRILLE]
    return [
        row[0] for row in ws.iter_rows(min_row=structure.TABLE_HEADER_ROW + 1, values_only=True)
    ]


@pytest.mark.skipif(os.name != "posix", reason="modes POSIX")
def test_the_ribbon_and_the_command_share_one_private_key(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    out = CliRunner().invoke(
        cli,
        [
            "exporter",
            str(path),
            "-d",
            "grille",
            "-f",
            "xlsx",
            "--pseudonymiser",
            "-o",
            str(tmp_path / "cli"),
        ],
        catch_exceptions=False,
    )
    assert out.exit_code == 0, out.output
    key = pseudonyms.key_path(path)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    secret = key.read_bytes()
    key.chmod(0o644)  # restored from a backup, say: readable by others
    book = remote.book(path, active=structure.SHEET_GRILLE, name=str(path))
    ribbon.button_pressed("exporter_codes", book, today=demo.DEMO_TODAY)
    (message,) = alerts(book)
    assert "exporté" in message and "nouvelle clé" not in message
    assert key.read_bytes() == secret  # the same key, not a new one
    assert stat.S_IMODE(key.stat().st_mode) == 0o600  # private again
    by_cli = tmp_path / "cli" / "equipe-grille-pseudonymise.xlsx"
    by_ribbon = tmp_path / "equipe-grille-pseudonymise.xlsx"
    assert _codes(by_ribbon) == _codes(by_cli) and _codes(by_cli)
    names = {e.eleve for e in demo.demo().grid}
    assert not names & set(_codes(by_ribbon))


def test_a_key_made_anew_after_pseudonymised_exports_is_announced(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    runner = CliRunner()
    args = ["exporter", str(path), "-d", "grille", "-f", "xlsx", "--pseudonymiser"]
    first = runner.invoke(cli, [*args, "-o", str(tmp_path / "1")], catch_exceptions=False)
    assert "nouvelle clé" not in first.output  # a first key: nothing was sent before
    pseudonyms.key_path(path).unlink()  # the key is lost
    second = runner.invoke(cli, [*args, "-o", str(tmp_path / "2")], catch_exceptions=False)
    assert second.exit_code == 0
    assert (
        f"Attention : une nouvelle clé de codes d'élèves vient d'être créée "
        f"(« {pseudonyms.key_path(path)} »), alors que le journal des envois montre un envoi "
        "avec codes." in plain(second.output)
    )
    # The ribbon says the same, from the journal of the open book.
    pseudonyms.key_path(path).unlink()
    book = remote.book(path, active=structure.SHEET_GRILLE, name=str(path))
    ribbon.button_pressed("exporter_codes", book, today=demo.DEMO_TODAY)
    (message,) = alerts(book)
    assert "le journal des envois montre 2 envois avec codes" in message


# --------------------------------------------------------------------------------------
# -o DOSSIER
# --------------------------------------------------------------------------------------
def test_exporter_creates_a_missing_output_folder_and_refuses_a_file(tmp_path: Path) -> None:
    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    target = tmp_path / "envois" / "2026-2027"
    ok = CliRunner().invoke(
        cli, ["exporter", str(path), "-r", "1", "-f", "xlsx", "-o", str(target)]
    )
    assert ok.exit_code == 0, ok.output
    assert (target / "equipe-R1.xlsx").exists()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("à garder", encoding="utf-8")
    refused = CliRunner().invoke(
        cli, ["exporter", str(path), "-r", "1", "-f", "xlsx", "-o", str(a_file)]
    )
    assert refused.exit_code == 2
    assert "est un fichier" in refused.output
    assert a_file.read_text(encoding="utf-8") == "à garder"


# --------------------------------------------------------------------------------------
# LibreOffice where its installers put it
# --------------------------------------------------------------------------------------
def _nowhere(name: str) -> None:
    return None


def test_libreoffice_on_windows_in_program_files() -> None:
    env = {
        "ProgramFiles": r"C:\Program Files",
        "ProgramFiles(x86)": r"C:\Program Files (x86)",
        "LOCALAPPDATA": r"C:\Users\prof\AppData\Local",
    }
    installed = {
        PureWindowsPath(r"C:\Program Files\LibreOffice\program\soffice.exe"),
        PureWindowsPath(r"C:\Users\prof\AppData\Local\Programs\LibreOffice\program\soffice.exe"),
    }
    found = libreoffice.soffice("win32", env, Path("/x"), _nowhere, installed.__contains__)
    assert found == r"C:\Program Files\LibreOffice\program\soffice.exe"
    per_user = {
        PureWindowsPath(r"C:\Users\prof\AppData\Local\Programs\LibreOffice\program\soffice.exe")
    }
    assert libreoffice.soffice("win32", env, Path("/x"), _nowhere, per_user.__contains__) == (
        r"C:\Users\prof\AppData\Local\Programs\LibreOffice\program\soffice.exe"
    )
    assert libreoffice.soffice("win32", env, Path("/x"), _nowhere, lambda p: False) is None


def test_libreoffice_on_macos_in_applications(tmp_path: Path) -> None:
    bundle = tmp_path / "Applications" / "LibreOffice.app" / "Contents" / "MacOS"
    bundle.mkdir(parents=True)
    (bundle / "soffice").write_bytes(b"")
    assert libreoffice.soffice("darwin", {}, tmp_path, _nowhere) == str(bundle / "soffice")
    system = {PurePosixPath("/Applications/LibreOffice.app/Contents/MacOS/soffice")}
    assert libreoffice.soffice("darwin", {}, tmp_path, _nowhere, system.__contains__) == (
        "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    )


def test_libreoffice_on_the_path_comes_first() -> None:
    assert libreoffice.soffice("win32", {}, Path("/x"), lambda n: rf"D:\LO\{n}.exe") == (
        r"D:\LO\soffice.exe"
    )


def test_the_profile_url_is_a_real_file_url() -> None:
    windows = PureWindowsPath(r"C:\Users\Jean Tremblay\AppData\Local\Temp\classeur-lo-ab12")
    assert libreoffice.profile_url(windows) == (
        "file:///C:/Users/Jean%20Tremblay/AppData/Local/Temp/classeur-lo-ab12"
    )
    assert libreoffice.profile_url(PurePosixPath("/tmp/classeur lo/é")) == (
        "file:///tmp/classeur%20lo/%C3%A9"
    )
