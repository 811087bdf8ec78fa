"""The add-in classeur.xlam: built on Linux from the package's excel/data/ and the xlwings
template, checked with oletools (modules, callback, no stomping); installed into Excel's
startup folder."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from oletools.olevba import VBA_Parser
from pyopenvba import ExcelFile

from classeur.errors import ClasseurError
from classeur.excel import addin, addin_install
from classeur.layout import excel_addin
from tests.typography import plain

ROOT = Path(__file__).resolve().parents[1]
CUI = "{http://schemas.microsoft.com/office/2009/07/customui}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return addin.build(tmp_path_factory.mktemp("addin"))


RUN_PYTHON = (
    'RunPython "import classeur.excel.ribbon; '
    'classeur.excel.ribbon.button_pressed(\'" & control.Id & "\')"'
)


def test_oletools_finds_every_module_the_callback_and_no_stomping(built: Path) -> None:
    parser = VBA_Parser(str(built))
    try:
        assert parser.detect_vba_macros()
        modules = {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
        assert not parser.detect_vba_stomping()
    finally:
        parser.close()
    assert set(modules) == {"ThisWorkbook", "Sheet2", "Dictionary", "xlwings", "Classeur"}
    assert addin.TEMPLATE_SAMPLE_MODULE not in modules
    callback = modules[excel_addin.ADDIN_VBA_MODULE]
    assert f"Public Sub {excel_addin.ADDIN_CALLBACK}(control As IRibbonControl)" in callback
    assert RUN_PYTHON in callback
    module, function = excel_addin.ADDIN_PYTHON_ENTRY.rsplit(".", 1)
    assert f"import {module}; {module}.{function}(" in callback
    assert callable(getattr(importlib.import_module(module), function))
    # The French messages survive the VBA project's code page (cp1252).
    assert "rien n’a été modifié" in callback and "«\u00a0.conf\u00a0»" in callback


def _mraptor(path: Path) -> subprocess.CompletedProcess[str]:
    # Run beside the file: mraptor's table cuts long paths.
    return subprocess.run(
        [sys.executable, "-m", "oletools.mraptor", path.name],
        capture_output=True,
        text=True,
        cwd=path.parent,
    )


def test_mraptor_says_macro_ok(built: Path) -> None:
    out = _mraptor(built)
    (row,) = [line for line in out.stdout.splitlines() if line.rstrip().endswith(built.name)]
    assert row.split("|")[0].strip() == "Macro OK", out.stdout
    assert "A" not in row.split("|")[1]  # no auto-run pattern anywhere in the project
    assert out.returncode == 2  # mraptor's exit code for « Macro OK »
    shipped = addin.shipped_addin()
    assert shipped is not None and _mraptor(shipped).returncode == 2


def test_mraptor_would_flag_a_click_handler_name(tmp_path: Path) -> None:
    """The check above can fail: the former entry point's name is flagged."""
    customui, vba = addin.read_sources()
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / addin.CUSTOMUI_FILE).write_text(customui, encoding="utf-8")
    (sources / addin.VBA_FILE).write_text(
        vba.replace("button_pressed", "on_click"), encoding="utf-8"
    )
    flagged = addin.build(tmp_path / "flagged.xlam", sources=sources)
    assert _mraptor(flagged).returncode == 20  # SUSPICIOUS


def _olevba_findings(path: Path) -> set[tuple[str, str]]:
    parser = VBA_Parser(str(path))
    try:
        return {(kind, keyword.lower()) for kind, keyword, _ in parser.analyze_macros()}
    finally:
        parser.close()


def test_olevba_finds_nothing_beyond_xlwings_own_template(built: Path) -> None:
    ours = _olevba_findings(built)
    assert not [f for f in ours if f[0] == "AutoExec"], ours
    # Everything olevba notes (xlwings starting Python, reading its settings…) is already
    # in the xlwings template every xlwings add-in starts from: Classeur adds nothing.
    assert ours <= _olevba_findings(addin.template_path())


def test_every_module_is_source_only_and_the_project_is_named(built: Path) -> None:
    with ExcelFile(built) as wb:
        project = wb.vba_project()
        assert project.name == excel_addin.ADDIN_PROJECT_NAME
        # MODULEOFFSET 0: the stream holds the compressed source and no compiled p-code.
        assert {m.name: m.text_offset for m in project.modules} == dict.fromkeys(
            ["ThisWorkbook", "Dictionary", "Sheet2", "xlwings", "Classeur"], 0
        )
    with zipfile.ZipFile(built) as z:
        from pyopenvba.cfb import CFB

        cfb = CFB.from_bytes(z.read("xl/vbaProject.bin"))
    assert 'Name="Classeur"' in cfb.get_stream("PROJECT").decode("cp1252")
    cache = cfb.get_stream_in_storage("VBA", "_VBA_PROJECT")
    assert cache[5:] == bytes(len(cache) - 5), "the p-code cache must be invalidated"


def test_vba_differs_from_xlwings_only_where_classeur_needs_it(built: Path) -> None:
    with ExcelFile(addin.template_path()) as wb:
        template = {n: wb.get_module(n) for n in wb.module_names()}
    modules = addin.inspect(built).modules
    for name in ("ThisWorkbook", "Dictionary", "Sheet2"):
        assert modules[name] == template[name]
    old = template["xlwings"].splitlines()
    new = modules["xlwings"].splitlines()
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed == [
        (
            'Public Const PROJECT_NAME As String = "myaddin"',
            'Public Const PROJECT_NAME As String = "classeur"',
        )
    ]
    assert 'XLWINGS_VERSION As String = "0.37.8"' in modules["xlwings"]


def test_callback_checks_the_book_then_runs_python_with_the_button_id() -> None:
    source = (ROOT / "src" / "classeur" / "excel" / "data" / "Classeur.bas").read_text(
        encoding="utf-8"
    )
    code = [
        line.strip()
        for line in source.splitlines()
        if line.strip() and not line.strip().startswith(("'", "Attribute", "Option"))
    ]
    start = code.index(f"Public Sub {excel_addin.ADDIN_CALLBACK}(control As IRibbonControl)")
    body = code[start : code.index("End Sub", start)]
    run = body.index(RUN_PYTHON)
    assert run == len(body) - 1  # Python starts last, after every check
    before = "\n".join(body[:run])
    # No workbook, a workbook with an xlwings settings or code sheet, no Python set up:
    # each ends the click (Exit Sub) with a French message before RunPython.
    assert before.count("Exit Sub") == 3 and before.count("MsgBox") == 3
    assert "If ActiveWorkbook Is Nothing Then" in before
    assert "If HasXlwingsSheet(ActiveWorkbook) Then" in before
    assert 'If InterpreterSetting() = "" Then' in before
    suffixes = [s for s in excel_addin.XLWINGS_SHEET_SUFFIXES]
    test = next(line for line in code if line.startswith("If Right$(lowered"))
    assert test == (
        f'If Right$(lowered, {len(suffixes[0])}) = "{suffixes[0]}" '
        f'Or Right$(lowered, {len(suffixes[1])}) = "{suffixes[1]}" Then'
    )
    assert "lowered = LCase$(sht.Name)" in code and "For Each sht In wb.Sheets" in code


def test_ribbon_part_settings_sheet_and_relationship(built: Path) -> None:
    with zipfile.ZipFile(built) as z:
        names = set(z.namelist())
        rels = z.read("_rels/.rels").decode("utf-8")
        workbook_xml = z.read("xl/workbook.xml").decode("utf-8")
    assert addin.CUSTOMUI_PART in names and "customUI/customUI.xml" not in names
    assert re.search(
        rf'Type="{re.escape(addin.CUSTOMUI_REL_TYPE)}"\s+Target="{addin.CUSTOMUI_PART}"', rels
    )
    assert rels.count("ui/extensibility") == 1
    assert "felix" not in workbook_xml  # no path of the template author's machine
    contents = addin.inspect(built)
    assert contents.sheets == [excel_addin.SHEET_ADDIN_CONF]
    assert contents.settings == dict(excel_addin.ADDIN_SETTINGS)
    assert contents.settings["ADD_WORKBOOK_TO_PYTHONPATH"] is False
    root = ET.fromstring(
        (ROOT / "src" / "classeur" / "excel" / "data" / "customUI.xml").read_bytes()
    )
    assert contents.customui is not None
    assert ET.fromstring(contents.customui.encode()).tag == root.tag == f"{CUI}customUI"


def test_build_is_reproducible(tmp_path: Path, built: Path) -> None:
    again = addin.build(tmp_path / "again.xlam")
    assert again.read_bytes() == built.read_bytes()


def test_the_addin_shipped_in_the_package_is_current(built: Path) -> None:
    shipped = addin.shipped_addin()
    rebuild = "relancez « classeur addin build -o src/classeur/excel/data --remplacer »"
    assert shipped is not None, rebuild
    assert shipped == ROOT / "src" / "classeur" / "excel" / "data" / excel_addin.ADDIN_FILE
    assert addin.inspect(shipped) == addin.inspect(built), rebuild


def test_with_settings_points_the_addin_at_a_python(tmp_path: Path, built: Path) -> None:
    target = addin.with_settings(
        built, tmp_path / "x.xlam", interpreter_win=r"C:\Python311\pythonw.exe"
    )
    contents = addin.inspect(target)
    assert (
        contents.settings[excel_addin.ADDIN_SETTING_INTERPRETER_WIN] == r"C:\Python311\pythonw.exe"
    )
    assert contents.modules == addin.inspect(built).modules


# --------------------------------------------------------------------------------------
# Installing
# --------------------------------------------------------------------------------------
def test_startup_folders() -> None:
    home = Path("/home/prof")
    assert (
        addin_install.startup_folder("win32", {"APPDATA": r"C:\Users\prof\AppData\Roaming"}, home)
        == Path(r"C:\Users\prof\AppData\Roaming") / "Microsoft" / "Excel" / "XLSTART"
    )
    assert addin_install.startup_folder("darwin", {}, home) == home.joinpath(
        "Library", "Group Containers", "UBF8T346G9.Office", "User Content", "Startup", "Excel"
    )
    assert addin_install.startup_folder("linux", {}, home) is None


def test_plan_on_windows() -> None:
    plan = addin_install.plan_install(
        "win32", {"APPDATA": "/appdata"}, Path("/home/p"), "/venv/Scripts/python.exe"
    )
    assert plan.addin == Path("/appdata/Microsoft/Excel/XLSTART/classeur.xlam")
    # No pythonw.exe beside it here (see test_addin_install_kinds for the preference).
    assert plan.interpreter_win == "/venv/Scripts/python.exe"
    assert plan.interpreter_mac == "" and plan.mac_script is None


def test_plan_on_macos_installs_the_applescript() -> None:
    plan = addin_install.plan_install("darwin", {}, Path("/Users/p"), "/usr/local/bin/python3")
    assert plan.interpreter_mac == "/usr/local/bin/python3"
    assert plan.mac_script is not None
    src, dst = plan.mac_script
    assert src.name == dst.name == "xlwings-0.37.8.applescript" and src.exists()
    assert dst.parent == Path("/Users/p/Library/Application Scripts/com.microsoft.Excel")


def test_install_windows_layout_clears_the_internet_mark(tmp_path: Path, built: Path) -> None:
    env = {"APPDATA": str(tmp_path / "Roaming")}
    target = tmp_path / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / "classeur.xlam"
    target.parent.mkdir(parents=True)
    # On NTFS the mark is the alternate stream "file:Zone.Identifier"; on this file
    # system the same name is an ordinary file, which install must remove just as well.
    mark = Path(addin_install.zone_identifier(target))
    mark.write_text("[ZoneTransfer]\nZoneId=3\n")
    plan = addin_install.install("win32", env, tmp_path, sys.executable, source=built)
    assert plan.addin == target and target.exists()
    assert not mark.exists()
    settings = addin.inspect(target).settings
    assert settings[excel_addin.ADDIN_SETTING_INTERPRETER_WIN] == sys.executable
    lines = addin_install.status("win32", env, tmp_path)
    assert lines[0] == f"Ruban Classeur installé : {target}"
    assert lines[1] == f"Python utilisé par le ruban : {sys.executable}"
    assert not lines[-1].startswith("Attention")
    # That Python removed (an upgrade, a deleted environment): status says so.
    gone = str(tmp_path / "ancien" / "pythonw.exe")
    addin.with_settings(built, target, interpreter_win=gone)
    assert addin_install.status("win32", env, tmp_path)[-1].startswith(
        "Attention : ce Python n'existe plus"
    )


def test_install_macos_layout(tmp_path: Path, built: Path) -> None:
    plan = addin_install.install("darwin", {}, tmp_path, sys.executable, source=built)
    assert plan.addin.exists()
    assert plan.mac_script is not None and plan.mac_script[1].exists()
    assert addin.inspect(plan.addin).settings[excel_addin.ADDIN_SETTING_INTERPRETER_MAC] == (
        sys.executable
    )
    assert addin_install.status("darwin", {}, tmp_path)[1] == (
        f"Python utilisé par le ruban : {sys.executable}"
    )


def test_status_when_not_installed(tmp_path: Path) -> None:
    lines = addin_install.status("darwin", {}, tmp_path)
    assert lines[0].startswith("Le ruban Classeur n'est pas installé")
    assert lines[1] == "Installez-le avec : classeur addin install"


def test_linux_refuses_in_french() -> None:
    with pytest.raises(ClasseurError, match="a besoin de Microsoft Excel"):
        addin_install.plan_install("linux", {}, Path("/home/p"), "/usr/bin/python3")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux seulement")
@pytest.mark.parametrize("command", ["install", "status"])
def test_cli_on_linux_explains_excel_is_needed(command: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "classeur", "addin", command], capture_output=True, text=True
    )
    assert out.returncode == 1
    assert out.stdout == ""
    assert plain(out.stderr).startswith(
        "Erreur : Le ruban Classeur a besoin de Microsoft Excel (Windows ou macOS)"
    )
    assert "Traceback" not in out.stderr


def test_cli_build(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "classeur", "addin", "build", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()) == tmp_path / excel_addin.ADDIN_FILE
    nested = tmp_path / "absent" / "dossier"
    created = subprocess.run(
        [sys.executable, "-m", "classeur", "addin", "build", "-o", str(nested)],
        capture_output=True,
        text=True,
    )
    assert created.returncode == 0, created.stderr
    assert addin.inspect(nested / excel_addin.ADDIN_FILE).customui is not None
    a_file = tmp_path / "notes.txt"
    a_file.write_text("à garder", encoding="utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "classeur", "addin", "build", "-o", str(a_file)],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1
    assert plain(refused.stderr.strip()) == (
        f"Erreur : « {a_file} » est un fichier, pas un dossier. Choisissez un dossier (il est "
        "créé s'il n'existe pas) ou un nom de fichier finissant par .xlam."
    )
    assert a_file.read_text(encoding="utf-8") == "à garder"
