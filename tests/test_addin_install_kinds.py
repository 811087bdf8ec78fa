"""`classeur addin install` from every kind of installation a teacher may have: a virtual
environment, pipx (a virtual environment of its own, its script linked in ~/.local/bin),
`pip install --user` (what pip does by itself when Python sits in Program Files) and a
site-packages outside both. Each is a real installation of the wheel built from this
repository, run by its own interpreter, with Windows' and the Mac's folders simulated
(Excel cannot run here)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from classeur.errors import ClasseurError
from classeur.excel import addin, addin_install
from classeur.layout import excel_addin

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
# Each installation is made beside this machine's own: no dependency fetched, and nothing
# already installed is uninstalled (pip would otherwise remove the Classeur it finds).
ISOLATED = ("--no-deps", "--ignore-installed", "--no-warn-script-location")


@pytest.fixture(autouse=True)
def machine_install_untouched() -> Iterator[None]:
    """This machine's own Classeur installation is the same after each test."""
    from importlib import metadata

    def where() -> set[str]:
        return {
            str(getattr(d, "_path", "")) for d in metadata.distributions() if d.name == "classeur"
        }

    before = where()
    yield
    assert where() == before


def _env(**extra: str) -> dict[str, str]:
    """This process's environment without the test run's own source on the path."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    env.update(extra)
    return env


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this repository, built from a copy (the build leaves no file here)."""
    src = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "src", src / "src", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    built = _run([PYTHON, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)])
    assert built.returncode == 0, built.stderr
    (whl,) = out.glob("classeur-*.whl")
    return whl


def test_the_wheel_carries_the_ribbon_and_the_licence(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for data in ("customUI.xml", "Classeur.bas", excel_addin.ADDIN_FILE):
        assert f"classeur/excel/data/{data}" in names
    assert [n for n in names if n.endswith("/LICENSE") and ".dist-info/" in n]


# The script each installation runs with its own interpreter: install on a simulated
# Windows or Mac (folders under HOME), then say where everything went.
DRIVER = """
import json, sys
from pathlib import Path
import classeur
from classeur.excel import addin, addin_install
platform, home = sys.argv[1], Path(sys.argv[2])
env = {"APPDATA": str(home / "AppData" / "Roaming")}
plan = addin_install.install(platform, env, home)
print(json.dumps({
    "package": classeur.__file__,
    "data": str(addin.data_dir()),
    "addin": str(plan.addin),
    "interpreter": plan.interpreter_win or plan.interpreter_mac,
    "settings": {k: str(v) for k, v in addin.inspect(plan.addin).settings.items()},
    "mac_script": str(plan.mac_script[1]) if plan.mac_script else None,
    "notes": plan.notes,
    "status": addin_install.status(platform, env, home),
}))
"""


def _install(python: Path | str, platform: str, home: Path, **env: str) -> dict:
    out = _run([str(python), "-c", DRIVER, platform, str(home)], env=_env(**env))
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


def _check(found: dict, platform: str, home: Path, python: Path, location: Path) -> None:
    # Classeur (and its ribbon files) came from this installation, not the repository.
    assert Path(found["package"]).is_relative_to(location), found["package"]
    assert Path(found["data"]).is_relative_to(location)
    assert (Path(found["data"]) / "customUI.xml").is_file()
    addin_path = Path(found["addin"])
    if platform == "win32":
        assert addin_path == home / "AppData/Roaming/Microsoft/Excel/XLSTART/classeur.xlam"
        key = excel_addin.ADDIN_SETTING_INTERPRETER_WIN
        assert found["mac_script"] is None
    else:
        assert addin_path == (
            home
            / "Library/Group Containers/UBF8T346G9.Office/User Content/Startup/Excel"
            / "classeur.xlam"
        )
        key = excel_addin.ADDIN_SETTING_INTERPRETER_MAC
        assert Path(found["mac_script"]).is_file()
    assert found["settings"][key] == found["interpreter"] == str(python)
    assert found["notes"] == []
    assert found["status"][:2] == [
        f"Ruban Classeur installé : {addin_path}",
        f"Python utilisé par le ruban : {python}",
    ]
    # Precompiled for that interpreter: a click (python -B) finds every module's .pyc.
    tag = sys.implementation.cache_tag
    package = Path(found["package"]).parent
    for module in (
        "excel/ribbon.py",
        "excel/book.py",
        "features/__init__.py",
        "domain/grille/stats.py",
    ):
        source = package / module
        assert (source.parent / "__pycache__" / f"{source.stem}.{tag}.pyc").is_file(), module


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_from_a_virtual_environment(wheel: Path, tmp_path: Path, platform: str) -> None:
    venv = tmp_path / "venv"
    # The environment sees this machine's packages (xlwings, pandas…): no download here.
    assert _run([PYTHON, "-m", "venv", "--system-site-packages", str(venv)]).returncode == 0
    python = venv / "bin" / "python"
    pip = _run([str(python), "-m", "pip", "install", "-q", *ISOLATED, "--no-compile", str(wheel)])
    assert pip.returncode == 0, pip.stderr
    found = _install(python, platform, tmp_path / "home")
    _check(found, platform, tmp_path / "home", python, venv)


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_from_pipx(wheel: Path, tmp_path: Path, platform: str) -> None:
    """pipx: a virtual environment under ~/.local/share/pipx/venvs, its `classeur` script
    linked into ~/.local/bin; the teacher types `classeur addin install`."""
    home = tmp_path / "home"
    venv = home / ".local/share/pipx/venvs/classeur"
    assert _run([PYTHON, "-m", "venv", "--system-site-packages", str(venv)]).returncode == 0
    python = venv / "bin" / "python"
    pip = _run([str(python), "-m", "pip", "install", "-q", *ISOLATED, str(wheel)])
    assert pip.returncode == 0, pip.stderr
    (home / ".local/bin").mkdir(parents=True)
    (home / ".local/bin/classeur").symlink_to(venv / "bin" / "classeur")
    # The command itself (Linux has no Excel: it says so, in French, from the pipx venv)...
    cli = _run([str(home / ".local/bin/classeur"), "addin", "install"], env=_env(HOME=str(home)))
    assert cli.returncode == 1 and "a besoin de Microsoft Excel" in cli.stderr
    # ...and what it does on Windows or a Mac, run by the same interpreter.
    found = _install(python, platform, home)
    _check(found, platform, home, python, venv)


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_from_pip_install_user(wheel: Path, tmp_path: Path, platform: str) -> None:
    userbase = tmp_path / "userbase"
    pip = _run(
        [PYTHON, "-m", "pip", "install", "-q", *ISOLATED, "--user", "--no-compile", str(wheel)],
        env=_env(PYTHONUSERBASE=str(userbase), PIP_BREAK_SYSTEM_PACKAGES="1"),
    )
    assert pip.returncode == 0, pip.stderr
    found = _install(PYTHON, platform, tmp_path / "home", PYTHONUSERBASE=str(userbase))
    _check(found, platform, tmp_path / "home", Path(PYTHON), userbase)


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_from_a_site_packages_outside_any_environment(
    wheel: Path, tmp_path: Path, platform: str
) -> None:
    """A system-wide installation: the package in a site-packages of its own prefix, not in
    sys.prefix/share, not in a virtual environment, not in the user's site."""
    prefix = tmp_path / "prefix"
    pip = _run(
        [PYTHON, "-m", "pip", "install", "-q", *ISOLATED, "--prefix", str(prefix), str(wheel)],
        env=_env(PIP_BREAK_SYSTEM_PACKAGES="1"),
    )
    assert pip.returncode == 0, pip.stderr
    site = Path(sysconfig.get_path("purelib", vars={"base": str(prefix)}))
    assert (site / "classeur").is_dir()
    found = _install(PYTHON, platform, tmp_path / "home", PYTHONPATH=str(site))
    _check(found, platform, tmp_path / "home", Path(PYTHON), prefix)


# --------------------------------------------------------------------------------------
# The interpreter Excel will start
# --------------------------------------------------------------------------------------
def test_mac_refuses_a_path_the_applescript_would_split(tmp_path: Path) -> None:
    spaced = "/Users/prof/Mes documents/classeur/.venv/bin/python"
    with pytest.raises(ClasseurError) as refused:
        addin_install.checked_interpreter("darwin", spaced)
    message = str(refused.value)
    assert message.startswith(
        "Excel pour Mac ne peut pas lancer ce Python : son chemin "
        f"(« {spaced} ») contient une espace ou un caractère spécial."
    )
    assert "python3 -m venv ~/classeur-env" in message and "pipx" in message
    for path in ("/Users/o'neil/py/bin/python", "/opt/$HOME/python", "/a/b(1)/python"):
        with pytest.raises(ClasseurError):
            addin_install.checked_interpreter("darwin", path)
    usual = (
        "/Library/Frameworks/Python.framework/Versions/3.12/bin/python3",
        "/opt/homebrew/bin/python3.12",
        "/Users/prof/.local/pipx/venvs/classeur/bin/python",
        "/Users/élise/classeur-env/bin/python",
    )
    for path in usual:
        assert addin_install.checked_interpreter("darwin", path) == path


def test_mac_install_with_a_spaced_path_changes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with pytest.raises(ClasseurError, match="Excel pour Mac ne peut pas lancer ce Python"):
        addin_install.install("darwin", {}, home, "/Users/p/Mes documents/bin/python")
    assert not home.exists()


def test_windows_quotes_spaces_and_prefers_pythonw(tmp_path: Path) -> None:
    exe = r"C:\Program Files\Python312\python.exe"
    pythonw = r"C:\Program Files\Python312\pythonw.exe"
    assert (
        addin_install.checked_interpreter("win32", exe, "", lambda p: str(p) == pythonw) == pythonw
    )
    assert addin_install.checked_interpreter("win32", exe, "", lambda p: False) == exe
    with pytest.raises(ClasseurError, match="contient un guillemet ou le signe %"):
        addin_install.checked_interpreter("win32", r"C:\100%\python.exe", "", lambda p: False)


def test_windows_refuses_the_microsoft_store_python() -> None:
    store = (
        r"C:\Users\prof\AppData\Local\Microsoft\WindowsApps"
        r"\PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0\python.exe"
    )
    with pytest.raises(ClasseurError) as refused:
        addin_install.checked_interpreter("win32", store, "", lambda p: True)
    assert str(refused.value).startswith("Ce Python vient du Microsoft Store")
    assert "python.org" in str(refused.value) and "py -m classeur addin install" in str(
        refused.value
    )
    # A virtual environment made from it is the same Python underneath.
    base = r"C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.12_3.12.2800.0_x64__q"
    with pytest.raises(ClasseurError, match="Microsoft Store"):
        addin_install.checked_interpreter("win32", r"C:\env\Scripts\python.exe", base, bool)


def test_an_interpreter_that_cannot_load_classeur_is_refused(tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    assert _run([PYTHON, "-m", "venv", "--without-pip", str(bare)]).returncode == 0
    with pytest.raises(ClasseurError, match="ne peut pas charger Classeur"):
        addin_install.install(
            "win32", {"APPDATA": str(tmp_path)}, tmp_path, str(bare / "bin/python")
        )
    assert not (tmp_path / "Microsoft").exists()


def test_the_shipped_addin_is_what_gets_installed(tmp_path: Path) -> None:
    plan = addin_install.install("win32", {"APPDATA": str(tmp_path)}, tmp_path, PYTHON)
    shipped = addin.shipped_addin()
    assert shipped is not None
    assert addin.inspect(plan.addin).modules == addin.inspect(shipped).modules


# --------------------------------------------------------------------------------------
# A copy signed by the school board
# --------------------------------------------------------------------------------------
def _signed_copy(source: Path, target: Path) -> bytes:
    """``source`` with a VBA signature part, as Excel adds one when the project is signed
    (Tools › Digital Signature in the VBA editor); its bytes stand for the signature."""
    signature = b"\x01\x00signature PKCS#7 du centre de services"
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w") as out:
        for item in z.infolist():
            out.writestr(item, z.read(item.filename))
        out.writestr("xl/vbaProjectSignature.bin", signature)
    return signature


def test_a_signed_copy_is_installed_with_its_signature(tmp_path: Path) -> None:
    shipped = addin.shipped_addin()
    assert shipped is not None
    signed = tmp_path / "classeur-signe.xlam"
    signature = _signed_copy(shipped, signed)
    env = {"APPDATA": str(tmp_path / "Roaming")}
    plan = addin_install.install("win32", env, tmp_path, PYTHON, source=signed)
    with zipfile.ZipFile(plan.addin) as z:
        assert z.read("xl/vbaProjectSignature.bin") == signature
        assert z.read("xl/vbaProject.bin") == zipfile.ZipFile(signed).read("xl/vbaProject.bin")
    assert addin.inspect(plan.addin).settings[excel_addin.ADDIN_SETTING_INTERPRETER_WIN] == PYTHON
    assert "Projet VBA signé : oui" in addin_install.status("win32", env, tmp_path)
    unsigned = addin_install.install("win32", env, tmp_path, PYTHON)
    assert "Projet VBA signé : non" in addin_install.status("win32", env, tmp_path)
    assert unsigned.addin == plan.addin


def test_an_addin_of_another_version_is_refused(tmp_path: Path) -> None:
    customui, vba = addin.read_sources()
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / addin.CUSTOMUI_FILE).write_text(
        customui.replace('label="Compiler la grille"', 'label="Compiler"'), encoding="utf-8"
    )
    (sources / addin.VBA_FILE).write_text(vba, encoding="utf-8")
    other = addin.build(tmp_path / "autre.xlam", sources=sources)
    with pytest.raises(ClasseurError, match="ne correspond pas à cette version de Classeur"):
        addin_install.install("win32", {"APPDATA": str(tmp_path)}, tmp_path, PYTHON, source=other)
    assert not (tmp_path / "Microsoft").exists()
