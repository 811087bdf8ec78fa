"""Issue 7: safe writes (kill during save, Excel's lock file, backups, full disk), nothing
silently lost (images and shapes), schema migrations."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from classeur.domain import demo, migrations
from classeur.errors import ClasseurError, ClasseurProblems
from classeur.excel import addin
from classeur.files import filebook, lossy, safewrite, xlsx_new, xlsx_read
from classeur.layout import excel_addin, outputs, structure, vocabulary
from classeur.sheets.sheetdoc import Chart, SheetDoc, Update
from tests import clirun
from tests.hostile import (
    assert_image_and_shape_kept,
    patch_sheet,
    version_zero,
    write_zip,
    xlsxwriter_classeur,
    zip_parts,
)
from tests.typography import plain


def _retitle(title: str):
    return lambda edit: Update(settings={structure.PARAM_TITRE: title})


# --------------------------------------------------------------------------------------
# Kill -9 during a save
# --------------------------------------------------------------------------------------
_CHILD = textwrap.dedent(
    """
    import os, sys, zipfile
    from classeur.layout import structure
    from classeur.files import filebook
    from classeur.sheets.sheetdoc import Update

    where = sys.argv[2]
    def pause():  # until killed: stdin stays open and silent, however long that takes
        print("PAUSE", flush=True)
        sys.stdin.read()

    if where == "writing":  # in the middle of writing the zip
        original = zipfile.ZipFile.writestr
        calls = []
        def writestr(self, *args, **kwargs):
            calls.append(1)
            if len(calls) == 6:
                pause()
            return original(self, *args, **kwargs)
        zipfile.ZipFile.writestr = writestr
    else:  # the new file is complete, just before it replaces the old one
        original_replace = os.replace
        def replace(src, dst):
            pause()
            original_replace(src, dst)
        os.replace = replace
    filebook.update_classeur(
        sys.argv[1], lambda edit: Update(settings={structure.PARAM_TITRE: "Nouveau titre"})
    )
    print("FINI", flush=True)
    """
)


@pytest.mark.parametrize("where", ["writing", "before-replace"])
def test_kill_during_save_leaves_the_original_intact(
    tmp_path: Path, demo_path: Path, where: str
) -> None:
    before = demo_path.read_bytes()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(clirun.SRC), os.environ.get("PYTHONPATH", "")]),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(demo_path), where],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "PAUSE", child.stderr.read() if child.stderr else ""
        temps = list(tmp_path.glob(safewrite.TEMP_PREFIX + "*"))
        assert temps, "the save had started: its temporary file exists"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait()  # SIGKILL cannot be ignored
        assert child.stdin is not None
        child.stdin.close()
    assert child.returncode == -signal.SIGKILL
    assert demo_path.read_bytes() == before
    assert xlsx_read.read_classeur(demo_path) == demo.demo()
    # The next save works and is complete.
    filebook.update_classeur(demo_path, _retitle("Après"))
    assert xlsx_read.read_classeur(demo_path).settings.titre == "Après"


def test_failed_write_keeps_original_and_leaves_no_temp(
    tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    before = demo_path.read_bytes()

    def full_disk(self: Workbook, filename: str) -> None:
        Path(filename).write_bytes(b"PK\x03\x04partiel")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "save", full_disk)
    with pytest.raises(ClasseurError) as info:
        filebook.update_classeur(demo_path, _retitle("X"))
    assert str(info.value) == (
        "Impossible d'écrire « demo.xlsx » : le disque est plein. Le fichier d'origine est "
        "intact. Libérez de l'espace puis recommencez."
    )
    assert demo_path.read_bytes() == before
    # Nothing but the classeur: no partial save, no lock file left.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.xlsx"]


def test_stale_temporary_files_are_cleaned(tmp_path: Path, demo_path: Path) -> None:
    """A partial save left by a crash is removed by the next write; one that a live
    save holds (locked by its writer) is left alone."""
    import fcntl

    stale = tmp_path / (safewrite.TEMP_PREFIX + "demo.xlsx.abandonne.xlsx")
    busy = tmp_path / (safewrite.TEMP_PREFIX + "autre.xlsx.en-cours.xlsx")
    stale.write_bytes(b"x")
    busy.write_bytes(b"x")
    fd = os.open(busy, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # what a save in progress holds
        filebook.update_classeur(demo_path, _retitle("X"))
        assert not stale.exists()
        assert busy.exists()
    finally:
        os.close(fd)
    assert safewrite.clean_partials(tmp_path) == [busy]  # its writer is gone


# --------------------------------------------------------------------------------------
# Excel's lock file
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("lock", ["~$demo.xlsx", ".~lock.demo.xlsx#"])
def test_refuses_while_open_in_excel(demo_path: Path, lock: str) -> None:
    (demo_path.parent / lock).write_bytes(b"\0" * 165)
    before = demo_path.read_bytes()
    with pytest.raises(ClasseurError) as info:
        filebook.update_classeur(demo_path, _retitle("X"))
    assert str(info.value) == (
        "Le fichier « demo.xlsx » est ouvert dans Excel (ou LibreOffice) : il n'a pas été "
        "modifié. Fermez-le puis recommencez. Si aucun tableur ne l'a ouvert, supprimez le "
        f"fichier de verrouillage « {lock} » qui se trouve à côté."
    )
    assert demo_path.read_bytes() == before
    # Writing to another file is allowed.
    out = demo_path.parent / "copie.xlsx"
    filebook.update_classeur(demo_path, _retitle("Copie"), output=out)
    assert xlsx_read.read_classeur(out).settings.titre == "Copie"


def test_cli_refuses_to_replace_a_file_open_in_excel(tmp_path: Path) -> None:
    target = tmp_path / "equipe.xlsx"
    assert clirun.run(["nouveau", str(target), "--modele", "car"], tmp_path).returncode == 0
    (tmp_path / "~$equipe.xlsx").write_bytes(b"\0")
    r = clirun.run(["nouveau", str(target), "--modele", "reseau", "--remplacer"], tmp_path)
    assert r.returncode == 1
    assert "est ouvert dans Excel" in r.stderr and not clirun.defects(r)
    assert xlsx_read.read_classeur(target).settings.modele == "car"


def test_verifier_warns_about_lock_file(demo_path: Path) -> None:
    (demo_path.parent / "~$demo.xlsx").write_bytes(b"\0")
    r = clirun.run(["verifier", str(demo_path)], demo_path.parent)
    assert r.returncode == 0
    assert r.stdout.splitlines()[1].startswith("  ⚠ Le fichier est ouvert dans Excel")


# --------------------------------------------------------------------------------------
# Backups
# --------------------------------------------------------------------------------------
def test_previous_version_is_kept_and_backups_rotate(demo_path: Path) -> None:
    original = demo_path.read_bytes()
    filebook.update_classeur(demo_path, _retitle("Version 1"))
    saved = safewrite.backups(demo_path)
    assert len(saved) == 1
    assert saved[0].parent == demo_path.parent / outputs.BACKUP_FOLDER
    assert saved[0].read_bytes() == original
    for i in range(2, 9):
        filebook.update_classeur(demo_path, _retitle(f"Version {i}"))
    saved = safewrite.backups(demo_path)
    assert len(saved) == outputs.BACKUP_KEEP
    titles = [xlsx_read.read_classeur(p).settings.titre for p in saved]
    assert titles == [f"Version {i}" for i in range(8 - outputs.BACKUP_KEEP, 8)]
    assert xlsx_read.read_classeur(demo_path).settings.titre == "Version 8"


def test_backups_of_another_file_are_left_alone(tmp_path: Path) -> None:
    a = xlsx_new.write_classeur(demo.blank("car"), tmp_path / "a.xlsx")
    ab = xlsx_new.write_classeur(demo.blank("car"), tmp_path / "a.b.xlsx")
    for _ in range(outputs.BACKUP_KEEP + 2):
        filebook.update_classeur(ab, _retitle("x"))
    filebook.update_classeur(a, _retitle("y"))
    assert len(safewrite.backups(a)) == 1
    assert len(safewrite.backups(ab)) == outputs.BACKUP_KEEP


# --------------------------------------------------------------------------------------
# Nothing silently lost
# --------------------------------------------------------------------------------------
@pytest.fixture
def decorated(tmp_path: Path, demo_path: Path) -> Path:
    path = xlsxwriter_classeur(demo_path, tmp_path / "decore.xlsx")
    assert xlsx_read.read_classeur(path) == demo.demo()
    return path


def test_rewriting_in_place_refuses_and_offers_a_new_file(decorated: Path) -> None:
    before = decorated.read_bytes()
    with pytest.raises(ClasseurError) as info:
        filebook.update_classeur(decorated, _retitle("X"))
    assert str(info.value) == (
        "Le classeur « decore.xlsx » contient des éléments que Classeur ne sait pas conserver "
        "en réécrivant le fichier : images (feuille « Accueil »); formes ou zones de texte "
        "(feuille « Accueil »). Pour ne rien perdre, il n'a pas été modifié. Relancez la "
        "commande avec « -o NOUVEAU.xlsx » pour écrire le résultat dans un nouveau fichier "
        "(sans ces éléments), ou lancez-la depuis le ruban Classeur dans Excel, qui conserve "
        "tout."
    )
    assert decorated.read_bytes() == before


def test_writing_a_new_file_is_allowed_and_says_what_it_lacks(decorated: Path) -> None:
    before = decorated.read_bytes()
    out = decorated.parent / "nouveau.xlsx"
    update = filebook.update_classeur(decorated, _retitle("Nouveau"), output=out)
    assert decorated.read_bytes() == before
    assert_image_and_shape_kept(decorated)
    assert xlsx_read.read_classeur(out).settings.titre == "Nouveau"
    assert update.messages == [
        "Le nouveau fichier « nouveau.xlsx » ne contient pas : images (feuille « Accueil »); "
        "formes ou zones de texte (feuille « Accueil »). L'original « decore.xlsx » est intact."
    ]


REWRITERS = [
    (path, cmd)
    for path, cmd in clirun.discover()
    if clirun.has_output_option(cmd)
    and clirun.argv_for(path, cmd, Path("x.xlsx"), Path("."), probe=True).uses_input
]


@pytest.mark.parametrize(
    ("path", "cmd"), REWRITERS, ids=[" ".join(p) for p, _ in REWRITERS] or None
)
def test_every_rewriting_command_keeps_images_or_refuses(
    path: tuple[str, ...], cmd, decorated: Path, tmp_path: Path
) -> None:
    """In place: the image and the shape are still there, or the command refused. With
    -o: the original is untouched and the new file is written (or a French message)."""
    work = tmp_path / "w"
    work.mkdir()
    r = clirun.run(clirun.argv_for(path, cmd, decorated, work).argv, work)
    assert not clirun.defects(r), r.text
    assert_image_and_shape_kept(decorated)
    if r.returncode == 1:
        assert "-o NOUVEAU.xlsx" in r.text or "Erreur" in r.text
    before = decorated.read_bytes()
    out = work / "nouveau.xlsx"
    r = clirun.run(clirun.argv_for(path, cmd, decorated, work, ("-o", str(out))).argv, work)
    assert not clirun.defects(r), r.text
    if path == ("exporter",):
        # Its -o names the folder of the exported files (created when missing); the export
        # is logged in the classeur's own journal, image and shape kept.
        assert_image_and_shape_kept(decorated)
        assert r.returncode != 0 or [p.suffix for p in out.iterdir()]
        return
    assert decorated.read_bytes() == before
    if r.returncode == 0 and " ".join(path) in clirun.READS_MANY:
        assert load_workbook(out).sheetnames  # written, and an .xlsx
    elif r.returncode == 0:
        xlsx_read.read_classeur(out)


def test_generated_charts_and_comments_are_not_losses(demo_path: Path) -> None:
    from openpyxl.comments import Comment

    doc = SheetDoc("Graphique")
    doc.add("Bloc", "Réussite")
    doc.add("Bloc 1", 3)
    doc.add("Bloc 2", 4)
    doc.charts.append(Chart("bar", "Réussite", "D2", "A2:A3", [("B1", "B2:B3")]))
    filebook.update_classeur(demo_path, lambda edit: Update(sheets=[doc]))
    wb = load_workbook(demo_path)
    wb[structure.SHEET_EQUIPE]["A5"].comment = Comment("Note", "Prof")
    wb.save(demo_path)
    assert lossy.lossy_parts(demo_path) == []
    filebook.update_classeur(demo_path, _retitle("Encore"))  # in place: allowed
    assert load_workbook(demo_path)["Graphique"]._charts


def _with_part(src: Path, dst: Path, name: str, data: bytes) -> Path:
    parts = zip_parts(src)
    parts[name] = data
    return write_zip(dst, parts)


_EXT = (
    '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    "<x14:sparklineGroups/></ext></extLst></worksheet>"
)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda s, d: _with_part(s, d, "xl/threadedComments/threadedComment1.xml", b"<x/>"),
            "commentaires modernes (conversations)",
        ),
        (
            lambda s, d: _with_part(s, d, "xl/metadata.xml", b"<metadata/>"),
            "formules matricielles dynamiques (TRIER, FILTRE, UNIQUE…)",
        ),
        (
            lambda s, d: _with_part(s, d, "xl/slicerCaches/slicerCache1.xml", b"<x/>"),
            "segments (slicers) ou chronologies",
        ),
        (
            lambda s, d: _with_part(s, d, "xl/ctrlProps/ctrlProp1.xml", b"<x/>"),
            "contrôles de formulaire ou ActiveX (cases à cocher, boutons…)",
        ),
        (
            lambda s, d: _with_part(s, d, "xl/richData/rdrichvalue.xml", b"<x/>"),
            "images dans les cellules",
        ),
        (
            lambda s, d: _with_part(s, d, "xl/vbaProject.bin", b"\0"),
            "macros VBA",
        ),
        (
            lambda s, d: _with_part(s, d, "xl/mystere.xml", b"<x/>"),
            "contenu non reconnu (« xl/mystere.xml »)",
        ),
        (
            lambda s, d: patch_sheet(
                s, d, structure.SHEET_GRILLE, lambda x: x.replace("</worksheet>", _EXT)
            ),
            "graphiques sparkline (feuille « Grille »)",
        ),
    ],
    ids=["threaded", "dynamic", "slicers", "controls", "richdata", "vba", "unknown", "spark"],
)
def test_parts_openpyxl_drops_are_detected(
    demo_path: Path, tmp_path: Path, make, expected: str
) -> None:
    path = make(demo_path, tmp_path / "x.xlsx")
    assert [str(loss) for loss in lossy.lossy_parts(path)] == [expected]
    with pytest.raises(ClasseurError, match=r"NOUVEAU\.xlsx"):
        filebook.update_classeur(path, _retitle("X"))


# --------------------------------------------------------------------------------------
# Schema migrations
# --------------------------------------------------------------------------------------
@pytest.fixture
def old_path(tmp_path: Path, demo_path: Path) -> Path:
    return version_zero(tmp_path, demo_path)


def _equipe_headers(path: Path) -> list[str]:
    wb = load_workbook(path)
    ws = wb[structure.SHEET_EQUIPE]
    return [c.value for c in ws[structure.TABLE_HEADER_ROW] if c.value]


def _version(path: Path) -> str:
    ws = load_workbook(path)[structure.SHEET_PARAMETRES]
    return next(r[1].value for r in ws.iter_rows() if r[0].value == structure.PARAM_SCHEMA)


def test_older_classeur_is_read_migrated(old_path: Path) -> None:
    assert "Service" not in _equipe_headers(old_path)
    expected = demo.demo()
    for m in expected.members:
        m.service = ""
    assert xlsx_read.read_classeur(old_path) == expected


def test_older_classeur_is_migrated_when_rewritten(old_path: Path) -> None:
    update = filebook.update_classeur(old_path, _retitle("Migré"))
    assert update.messages == [
        "Classeur mis à jour au format 1 : ajout de la colonne « Service » au tableau de l'équipe."
    ]
    assert _equipe_headers(old_path)[-1] == "Service"
    assert _version(old_path) == str(vocabulary.SCHEMA_VERSION)
    c = xlsx_read.read_classeur(old_path)
    assert c.settings.titre == "Migré"
    assert [m.nom for m in c.members] == [m.nom for m in demo.demo().members]
    # the table really has the column (Excel would refuse a header outside the table)
    wb = load_workbook(old_path)
    table = wb[structure.SHEET_EQUIPE].tables[structure.EQUIPE.name]
    assert [tc.name for tc in table.tableColumns][-1] == "Service"
    assert table.ref.split(":")[1].startswith("G")


def test_migrations_chain(old_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vocabulary, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(
        migrations.MIGRATIONS,
        1,
        migrations.Migration(
            1,
            "ajout de la colonne « Priorité »",
            (migrations.AddColumn("tblSuivi", "Priorité", "Moyenne"),),
        ),
    )
    update = filebook.update_classeur(old_path, _retitle("x"))
    assert [m.split(" :")[0] for m in update.messages] == [
        "Classeur mis à jour au format 1",
        "Classeur mis à jour au format 2",
    ]
    assert _version(old_path) == "2"
    ws = load_workbook(old_path)[structure.SHEET_SUIVI]
    headers = [c.value for c in ws[structure.TABLE_HEADER_ROW]]
    assert headers[-1] == "Priorité"
    assert ws.cell(row=structure.TABLE_HEADER_ROW + 1, column=len(headers)).value == "Moyenne"


def test_a_migration_finds_a_column_the_team_typed_in_the_other_apostrophe(
    old_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A column a migration adds is recognised, as every header is, whatever the apostrophe
    or the non-breaking spaces it was typed with: a team that already made it by hand
    keeps its one column and what it typed there, read and rewritten."""
    from classeur.files.xlsx_tables import add_table_column, find_table

    wb = load_workbook(old_path)
    add_table_column(wb, structure.SUIVI.name, "Rôle d'appui\u00a0", "typé")
    wb.save(old_path)
    monkeypatch.setattr(vocabulary, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(
        migrations.MIGRATIONS,
        1,
        migrations.Migration(
            1, "ajout de la colonne « Rôle d’appui »",
            (migrations.AddColumn(structure.SUIVI.name, "Rôle d’appui", "défaut"),),
        ),
    )  # fmt: skip
    tables = xlsx_read.raw_tables(load_workbook(old_path))
    migrations.migrate_tables(tables)
    read = tables[structure.SUIVI.name]
    assert [plain(str(h)).strip() for h in read.headers].count("Rôle d'appui") == 1
    filebook.update_classeur(old_path, _retitle("x"))
    assert _version(old_path) == "2"
    ws, table = find_table(load_workbook(old_path), structure.SUIVI.name)
    headers = [c.value for c in ws[structure.TABLE_HEADER_ROW] if c.value]
    assert [plain(h).strip() for h in headers].count("Rôle d'appui") == 1
    assert table.tableColumns[-1].name == "Rôle d'appui\u00a0"
    column = headers.index("Rôle d'appui\u00a0") + 1
    assert ws.cell(row=structure.TABLE_HEADER_ROW + 1, column=column).value == "typé"


def test_missing_migration_is_a_french_message(
    old_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(migrations.MIGRATIONS, 0)
    with pytest.raises(ClasseurProblems) as info:
        xlsx_read.read_classeur(old_path)
    assert "ancien format (0)" in str(info.value)


def test_migration_refuses_to_overwrite_data_beside_the_table(old_path: Path) -> None:
    wb = load_workbook(old_path)
    ws = wb[structure.SHEET_EQUIPE]
    ws.cell(row=structure.TABLE_HEADER_ROW + 2, column=7).value = "notes perso"
    wb.save(old_path)
    before = old_path.read_bytes()
    with pytest.raises(ClasseurError) as info:
        filebook.update_classeur(old_path, _retitle("x"))
    assert "la colonne G, à sa droite, contient déjà des données" in str(info.value)
    assert old_path.read_bytes() == before


def test_newer_classeur_is_refused_and_untouched(demo_path: Path) -> None:
    wb = load_workbook(demo_path)
    ws = wb[structure.SHEET_PARAMETRES]
    for row in ws.iter_rows():
        if row[0].value == structure.PARAM_SCHEMA:
            row[1].value = str(vocabulary.SCHEMA_VERSION + 1)
    wb.save(demo_path)
    before = demo_path.read_bytes()
    with pytest.raises(ClasseurProblems, match="version plus récente"):
        filebook.update_classeur(demo_path, _retitle("x"))
    assert demo_path.read_bytes() == before


def test_verifier_reports_everything_in_one_pass(
    tmp_path: Path, demo_path: Path, old_path: Path, decorated: Path
) -> None:
    bad = tmp_path / "liste.xlsx"
    bad.write_text("a;b\n1;2\n", encoding="utf-8")
    shutil.copy2(demo_path, tmp_path / "ouvert.xlsx")
    (tmp_path / "~$ouvert.xlsx").write_bytes(b"\0")
    r = clirun.run(
        ["verifier", str(bad), str(old_path), str(decorated), str(tmp_path / "ouvert.xlsx")],
        tmp_path,
    )
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines[0] == "✗ liste.xlsx\u00a0: 1 problème"
    assert "fichier texte (CSV)" in lines[1]
    assert lines[2] == "✓ ancien.xlsx\u00a0: aucun problème"
    assert plain(lines[3]).startswith("  ⚠ Classeur d'une version précédente (format 0)")
    assert lines[4] == "✓ decore.xlsx\u00a0: aucun problème"
    assert plain(lines[5]).startswith(
        "  ⚠ Contient des éléments qu'une réécriture par Classeur perdrait"
    )
    assert lines[6] == "✓ ouvert.xlsx\u00a0: aucun problème"
    assert plain(lines[7]).startswith("  ⚠ Le fichier est ouvert dans Excel")
    assert not clirun.defects(r)


def test_zip_helper_round_trip(demo_path: Path, tmp_path: Path) -> None:
    copy = write_zip(tmp_path / "copie.xlsx", zip_parts(demo_path))
    with zipfile.ZipFile(copy) as zf:
        assert zf.testzip() is None
    assert xlsx_read.read_classeur(copy) == demo.demo()


def test_macros_are_kept_when_rewriting_a_macro_workbook(demo_path: Path) -> None:
    """An .xlsm keeps its VBA project (openpyxl's keep_vba); a new .xlsx says it has none."""
    xlam = addin.data_dir() / excel_addin.ADDIN_FILE
    wb = load_workbook(demo_path)
    wb.vba_archive = zipfile.ZipFile(xlam)
    macro_book = demo_path.with_suffix(".xlsm")
    wb.save(macro_book)
    vba = zipfile.ZipFile(macro_book).read("xl/vbaProject.bin")
    filebook.update_classeur(macro_book, _retitle("Avec macros"))
    with zipfile.ZipFile(macro_book) as z:
        assert z.read("xl/vbaProject.bin") == vba
        assert b"macroEnabled" in z.read("[Content_Types].xml")
    assert xlsx_read.read_classeur(macro_book).settings.titre == "Avec macros"
    out = demo_path.parent / "sans-macros.xlsx"
    update = filebook.update_classeur(macro_book, _retitle("x"), output=out)
    with zipfile.ZipFile(out) as z:
        assert "xl/vbaProject.bin" not in z.namelist()
    assert "macros VBA" in update.messages[-1]
