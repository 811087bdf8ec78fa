"""What a command may do to files, whatever the file: a read-only classeur is refused like a
read-only folder; new files get the user's permissions, replaced ones keep theirs (the
pseudonym key stays private); a backup is never half-written; a file that did not exist
has no backups; « not a classeur » comes before « would lose images »; valid packages with
unusual part paths are read; a genuine .xls is called a .xls."""

from __future__ import annotations

import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from classeur import features
from classeur.domain import demo
from classeur.errors import ClasseurError
from classeur.excel import addin
from classeur.files import filebook, safewrite, xlsx_new, xlsx_read
from classeur.files.export import pseudonyms
from classeur.layout import outputs, structure
from classeur.sheets.sheetdoc import Update
from tests import clirun, exporting
from tests.hostile import ole_file, png_bytes, zip_parts
from tests.typography import plain

REWRITING = [
    (p, c)
    for p, c in clirun.discover()
    if clirun.has_output_option(c)
    and clirun.argv_for(p, c, Path("x.xlsx"), Path("."), probe=True).uses_input
    and " ".join(p) not in clirun.READS_MANY  # they never rewrite what they read
]


def _retitle(title: str):
    return lambda edit: Update(settings={structure.PARAM_TITRE: title})


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("path", "cmd"), REWRITING, ids=[" ".join(p) for p, _ in REWRITING])
def test_a_read_only_classeur_is_refused_by_every_rewriting_command(
    demo_path: Path, tmp_path: Path, path: tuple[str, ...], cmd: object
) -> None:
    os.chmod(demo_path, 0o444)
    before = demo_path.read_bytes()
    work = tmp_path / "travail"
    work.mkdir()
    argv = clirun.argv_for(path, cmd, demo_path, work).argv  # type: ignore[arg-type]
    if path == ("fusionner",):  # the classeur rewritten is the first argument
        copy = shutil.copy(demo_path, work / "copie.xlsx")
        argv = ["fusionner", str(demo_path), str(copy)]
    r = clirun.run(argv, work)
    assert r.returncode == 1, r.text
    assert "est en lecture seule : il n'a pas été modifié" in plain(r.text), r.text
    assert demo_path.read_bytes() == before
    assert _mode(demo_path) == 0o444
    assert not (demo_path.parent / outputs.BACKUP_FOLDER).exists()


def test_permissions_of_new_and_replaced_files(demo_path: Path, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        new = xlsx_new.write_classeur(demo.demo(), tmp_path / "nouveau.xlsx")
        assert _mode(new) == 0o640  # what the umask gives, not the temporary file's 0600
        os.chmod(demo_path, 0o604)
        filebook.update_classeur(demo_path, _retitle("Autre"))
        assert _mode(demo_path) == 0o604  # a replaced file keeps its own
        (backup,) = safewrite.backups(demo_path)
        assert _mode(backup) == 0o604
        key = pseudonyms.key_path(demo_path)
        pseudonyms.load_or_create_key(key)
        assert _mode(key) == 0o600  # the pseudonym key stays private
    finally:
        os.umask(old)


def test_side_files_exports_and_the_addin_get_the_users_permissions(
    demo_path: Path, tmp_path: Path
) -> None:
    """A shared folder: the side files of a command, the exported documents and the
    add-in are readable by colleagues as the user's umask says, never 0600."""
    old = os.umask(0o022)
    try:
        sent = tmp_path / "envoi"
        sent.mkdir()
        made = exporting.export(
            demo_path, outputs.DOC_RENCONTRE, 2, list(outputs.FORMATS), outdir=sent
        )
        features.demo(tmp_path / "partage.xlsx", "car")
        written = [*made.files, *tmp_path.glob("partage-R*.*"), tmp_path / "partage.xlsx"]
        written.append(addin.build(tmp_path))
        assert len(written) > len(outputs.FORMATS) + 2
        assert {p.name: _mode(p) for p in written} == {p.name: 0o644 for p in written}
    finally:
        os.umask(old)


def test_a_backup_cut_short_is_never_counted(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filebook.update_classeur(demo_path, _retitle("Un"))
    assert len(safewrite.backups(demo_path)) == 1
    before = demo_path.read_bytes()

    def cut(src: str, dst: str, **kwargs: object) -> None:
        Path(dst).write_bytes(Path(src).read_bytes()[:1000])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", cut)
    with pytest.raises(ClasseurError, match="le disque est plein"):
        filebook.update_classeur(demo_path, _retitle("Deux"))
    assert demo_path.read_bytes() == before
    backups = safewrite.backups(demo_path)
    assert len(backups) == 1 and zipfile.ZipFile(backups[0]).testzip() is None
    folder = demo_path.parent / outputs.BACKUP_FOLDER
    assert sorted(p.name for p in folder.iterdir()) == [backups[0].name]


def test_demo_keeps_no_backups_of_a_file_that_did_not_exist(tmp_path: Path) -> None:
    from classeur import features

    target = tmp_path / "demo.xlsx"
    features.demo(target, "car")
    assert not (tmp_path / outputs.BACKUP_FOLDER).exists()
    assert list(tmp_path.glob("demo-R1-ordre-du-jour.*"))  # its side files, beside it
    assert list(tmp_path.glob(".~classeur-*")) == []
    features.demo(target, "car")  # over an existing file: that one is kept, once
    assert len(safewrite.backups(target)) == 1


def test_not_a_classeur_is_said_before_would_lose_images(tmp_path: Path) -> None:
    path = tmp_path / "inventaire.xlsx"
    image = tmp_path / "image.png"
    image.write_bytes(png_bytes())
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Inventaire")
    ws.write("A1", "Liste d'épicerie")
    ws.insert_image("C3", str(image))
    wb.close()
    for edit in (lambda: filebook.update_classeur(path, _retitle("x")),):
        with pytest.raises(ClasseurError) as info:
            edit()
        assert "n'est pas un classeur de Classeur" in str(info.value)
        assert outputs.OUTPUT_OPTION not in str(info.value)


def test_a_valid_package_with_unusual_part_paths_is_read(demo_path: Path, tmp_path: Path) -> None:
    """The workbook and its sheets where another valid writer may put them."""
    parts = zip_parts(demo_path)
    renamed: dict[str, bytes] = {}
    for name, data in parts.items():
        new = name.replace("xl/workbook.xml", "xl/classeur-principal.xml").replace(
            "xl/_rels/workbook.xml.rels", "xl/_rels/classeur-principal.xml.rels"
        )
        data = data.replace(b"/xl/workbook.xml", b"/xl/classeur-principal.xml")
        data = data.replace(b'Target="xl/workbook.xml"', b'Target="xl/classeur-principal.xml"')
        renamed[new] = data
    path = tmp_path / "ailleurs.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in renamed.items():
            zf.writestr(name, data)
    assert "xl/workbook.xml" not in zipfile.ZipFile(path).namelist()
    assert xlsx_read.read_classeur(path) == demo.demo()


@pytest.mark.parametrize(("name", "renamed"), [("notes.xls", False), ("notes.xlsx", True)])
def test_a_genuine_xls_is_called_a_xls(tmp_path: Path, name: str, renamed: bool) -> None:
    path = tmp_path / name
    path.write_bytes(ole_file({"Workbook": b"\x09\x08" + b"\0" * 100}))
    with pytest.raises(ClasseurError) as info:
        xlsx_read.read_classeur(path)
    assert "est au format Excel 97-2003 (.xls)" in str(info.value)
    assert ("renommé" in str(info.value)) is renamed


@pytest.mark.parametrize(
    "argv",
    [
        ["verifier"],
        ["compiler"],
        ["bilan"],
        ["ordre-du-jour", "-r", "2"],
        ["compte-rendu", "-r", "1"],
    ],
    ids=lambda argv: argv[0],
)
def test_a_command_parses_the_classeur_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    """A compiled classeur (its Résultats table full of formulas) is parsed once per
    command: the values of formulas in the tables Classeur generates are never needed."""
    from click.testing import CliRunner
    from openpyxl.reader import excel

    from classeur.cli.main import cli
    from classeur.files import filebook as fb

    path = xlsx_new.write_classeur(demo.demo(), tmp_path / "equipe.xlsx")
    with fb.open_book(path) as book:
        from classeur import features

        features.compiler(book)
    parsed: list[bool] = []
    real = excel.load_workbook

    def counted(*args: object, **kwargs: object) -> object:
        parsed.append(bool(kwargs.get("data_only")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(xlsx_read, "load_workbook", counted)
    run = CliRunner().invoke(cli, [argv[0], str(path), *argv[1:]])
    assert run.exit_code == 0, run.output
    assert parsed == [False], parsed  # once, with its formulas
