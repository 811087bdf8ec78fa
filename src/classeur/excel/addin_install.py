"""Installing the add-in into Excel's startup folder (XLSTART) with its interpreter
settings pointing at the Python that runs the command, and telling what is installed.
The path logic is pure and takes the platform and environment as arguments, so it is
tested on any OS."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PureWindowsPath

from classeur.errors import ClasseurError
from classeur.excel.addin import (
    build,
    inspect,
    read_sources,
    ribbon_ids,
    shipped_addin,
    with_settings,
    xlwings_dir,
    xlwings_version,
)
from classeur.layout import excel_addin


# ======================================================================================
# Installing (Windows, macOS)
# ======================================================================================
def startup_folder(platform: str, env: Mapping[str, str], home: Path) -> Path | None:
    """Excel's personal startup folder (XLSTART) on ``platform``; None where Excel is absent."""
    if platform.startswith("win"):
        appdata = env.get("APPDATA") or str(home / "AppData" / "Roaming")
        return Path(appdata) / "Microsoft" / "Excel" / "XLSTART"
    if platform == "darwin":
        return (
            home
            / "Library"
            / "Group Containers"
            / "UBF8T346G9.Office"
            / "User Content"
            / "Startup"
            / "Excel"
        )
    return None


def _startup_folder(platform: str, env: Mapping[str, str], home: Path) -> Path:
    folder = startup_folder(platform, env, home)
    if folder is None:
        raise ClasseurError(
            "Le ruban Classeur a besoin de Microsoft Excel (Windows ou macOS); "
            "Excel n'existe pas sur ce système.",
            hint="Ici, utilisez les commandes « classeur … » sur vos fichiers .xlsx "
            "(classeur --help), ou installez le complément sur un ordinateur avec Excel.",
        )
    return folder


def mac_script_folder(home: Path) -> Path:
    """Where Excel for Mac finds the AppleScript that RunPython uses (as xlwings installs it)."""
    return home / "Library" / "Application Scripts" / "com.microsoft.Excel"


def zone_identifier(path: Path) -> str:
    """The NTFS alternate stream holding Windows' "downloaded from the internet" mark."""
    return f"{path}:Zone.Identifier"


@dataclass
class InstallPlan:
    addin: Path
    interpreter_win: str
    interpreter_mac: str
    mac_script: tuple[Path, Path] | None  # (source, destination)
    notes: list[str] = field(default_factory=list)  # French, for the teacher


# Characters a POSIX shell would split or interpret in a word: xlwings' AppleScript (Excel
# for Mac) puts the interpreter's path unquoted at the head of a shell command, so such a
# path runs nothing, silently (exit 127).
_MAC_UNSAFE = re.compile(r"[\s'\"`$\\;&|<>()*?\[\]{}!#~%^]")
# cmd.exe expands %VAR% even inside the quotes xlwings puts around the path on Windows.
_WINDOWS_UNSAFE = re.compile(r'["%]')


def checked_interpreter(
    platform: str,
    executable: str,
    base_prefix: str = sys.base_prefix,
    is_file: Callable[[PurePath], bool] = os.path.isfile,
) -> str:
    """The interpreter the add-in will start on ``platform``, checked to be one Excel can
    start; a French ClasseurError naming the fix otherwise."""
    if platform.startswith("win"):
        if "windowsapps" in (executable + base_prefix).casefold():
            raise ClasseurError(
                "Ce Python vient du Microsoft Store : Windows range dans un dossier privé "
                "les fichiers qu'il crée dans AppData, et Excel ne verrait jamais le ruban.",
                hint="Installez Python depuis python.org, puis tapez : py -m pip install "
                "DOSSIER_DE_CLASSEUR et py -m classeur addin install.",
            )
        if _WINDOWS_UNSAFE.search(executable):
            raise ClasseurError(
                f"Excel ne peut pas lancer ce Python : son chemin (« {executable} ») contient "
                "un guillemet ou le signe %.",
                hint="Installez Classeur avec un Python situé dans un autre dossier "
                "(celui de python.org, par exemple).",
            )
        # pythonw.exe runs without a console window flashing at each click.
        windowed = PureWindowsPath(executable).with_name("pythonw.exe")
        return str(windowed) if is_file(windowed) else executable
    if _MAC_UNSAFE.search(executable):
        raise ClasseurError(
            f"Excel pour Mac ne peut pas lancer ce Python : son chemin (« {executable} ») "
            "contient une espace ou un caractère spécial.",
            hint="Installez Classeur dans un environnement dont le chemin n'en contient pas, "
            "par exemple : python3 -m venv ~/classeur-env, puis "
            "~/classeur-env/bin/python -m pip install DOSSIER_DE_CLASSEUR et "
            "~/classeur-env/bin/python -m classeur addin install (ou installez-le avec pipx).",
        )
    return executable


def plan_install(platform: str, env: Mapping[str, str], home: Path, executable: str) -> InstallPlan:
    """What `classeur addin install` does on ``platform`` (pure: no file is touched)."""
    folder = _startup_folder(platform, env, home)
    interpreter = checked_interpreter(platform, executable)
    if platform.startswith("win"):
        return InstallPlan(folder / excel_addin.ADDIN_FILE, interpreter, "", None)
    script = f"xlwings-{xlwings_version()}.applescript"
    return InstallPlan(
        folder / excel_addin.ADDIN_FILE,
        "",
        interpreter,
        (xlwings_dir() / script, mac_script_folder(home) / script),
    )


def precompile(executable: str) -> list[str]:
    """Write the ``.pyc`` of everything a click imports, with the interpreter the add-in
    will start (RunPython passes ``-B``: a click never writes them itself). French notes;
    a ClasseurError when that interpreter cannot even import Classeur."""
    try:
        done = subprocess.run(
            [executable, "-m", "classeur.excel.precompile"],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ClasseurError(
            f"Le Python « {executable} » n'a pas pu être lancé.",
            hint="Relancez « classeur addin install » avec le Python où Classeur est installé.",
        ) from exc
    if done.returncode != 0:
        raise ClasseurError(
            f"Le Python « {executable} » ne peut pas charger Classeur : le ruban ne "
            "fonctionnerait pas.",
            hint="Réinstallez Classeur pour ce Python (python -m pip install "
            "--force-reinstall DOSSIER_DE_CLASSEUR), puis relancez l'installation du ruban.",
        )
    unwritable = int(done.stdout.split()[-1])
    if unwritable:
        return [
            f"{unwritable} modules n'ont pas pu être précompilés (dossier en lecture seule) : "
            "les clics seront un peu plus lents. Pour l'éviter, installez Classeur dans un "
            "environnement virtuel, ou avec pip install --user."
        ]
    return []


SIGNATURE_PARTS = (
    "xl/vbaProjectSignature",
    "xl/vbaProjectSignatureAgile",
    "xl/vbaProjectSignatureV3",
)


def is_signed(path: Path) -> bool:
    """Whether the add-in's VBA project carries a digital signature (Excel writes it as
    parts of its own, which installing keeps: the settings sheet is not signed)."""
    with zipfile.ZipFile(path) as z:
        return any(n.startswith(SIGNATURE_PARTS) for n in z.namelist())


def check_addin(source: Path) -> None:
    """Refuse an add-in (a copy signed by the school board, say) that is not this version's:
    its ribbon or its callback module would not match the Python side."""
    customui, vba = read_sources()
    try:
        contents = inspect(source)
    except Exception as exc:
        raise ClasseurError(
            f"« {source.name} » n'est pas un complément Excel lisible.",
            hint="Donnez le fichier classeur.xlam construit par « classeur addin build ».",
        ) from exc
    module = contents.modules.get(excel_addin.ADDIN_VBA_MODULE, "").replace("\r\n", "\n")
    if contents.customui != customui or module != vba.replace("\r\n", "\n"):
        raise ClasseurError(
            f"Le complément « {source.name} » ne correspond pas à cette version de Classeur.",
            hint="Reconstruisez-le avec « classeur addin build », signez-le de nouveau, puis "
            "relancez l'installation.",
        )


def install(
    platform: str = sys.platform,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
    executable: str = sys.executable,
    source: Path | None = None,
) -> InstallPlan:
    """Install the add-in into Excel's startup folder; returns what was done."""
    plan = plan_install(
        platform, os.environ if env is None else env, home or Path.home(), executable
    )
    if source is not None:
        check_addin(source)
    plan.notes += precompile(executable)
    with tempfile.TemporaryDirectory() as tmp:
        built = source or shipped_addin() or build(Path(tmp))
        plan.addin.parent.mkdir(parents=True, exist_ok=True)
        with_settings(
            built,
            plan.addin,
            interpreter_win=plan.interpreter_win,
            interpreter_mac=plan.interpreter_mac,
        )
    if platform.startswith("win"):
        # No mark (or not NTFS): nothing to clear.
        with contextlib.suppress(OSError):
            os.remove(zone_identifier(plan.addin))
    if plan.mac_script is not None:
        src, dst = plan.mac_script
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    return plan


def status(
    platform: str = sys.platform,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> list[str]:
    """French lines telling what is installed; raises ClasseurError where Excel is absent."""
    folder = _startup_folder(platform, os.environ if env is None else env, home or Path.home())
    addin = folder / excel_addin.ADDIN_FILE
    if not addin.exists():
        return [
            f"Le ruban Classeur n'est pas installé (emplacement prévu : {addin}).",
            "Installez-le avec : classeur addin install",
        ]
    contents = inspect(addin)
    key = (
        excel_addin.ADDIN_SETTING_INTERPRETER_WIN
        if platform.startswith("win")
        else excel_addin.ADDIN_SETTING_INTERPRETER_MAC
    )
    python = contents.settings.get(key) or "(non réglé)"
    lines = [
        f"Ruban Classeur installé : {addin}",
        f"Python utilisé par le ruban : {python}",
        f"Boutons : {len(ribbon_ids(contents.customui or '<customUI/>'))}",
        f"Projet VBA signé : {'oui' if is_signed(addin) else 'non'}",
    ]
    if python != "(non réglé)" and not Path(str(python)).exists():
        lines.append("Attention : ce Python n'existe plus; relancez « classeur addin install ».")
    return lines
