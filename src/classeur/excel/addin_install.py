"""Installing the add-in into Excel's startup folder (XLSTART) with its interpreter
settings pointing at the Python that runs the command, and telling what is installed.
The path logic is pure and takes the platform and environment as arguments, so it is
tested on any OS."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from classeur.errors import ClasseurError
from classeur.excel.addin import (
    build,
    inspect,
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


def plan_install(platform: str, env: Mapping[str, str], home: Path, executable: str) -> InstallPlan:
    """What `classeur addin install` does on ``platform`` (pure: no file is touched)."""
    folder = startup_folder(platform, env, home)
    if folder is None:
        raise ClasseurError(
            "Le ruban Classeur a besoin de Microsoft Excel (Windows ou macOS); "
            "Excel n'existe pas sur ce système.",
            hint="Ici, utilisez les commandes « classeur … » sur vos fichiers .xlsx "
            "(classeur --help), ou installez le complément sur un ordinateur avec Excel.",
        )
    if platform.startswith("win"):
        exe = Path(executable)
        # pythonw.exe runs without a console window flashing at each click.
        windowed = exe.with_name("pythonw.exe")
        interpreter = str(windowed) if windowed.name.lower() != exe.name.lower() else executable
        return InstallPlan(folder / excel_addin.ADDIN_FILE, interpreter, "", None)
    script = f"xlwings-{xlwings_version()}.applescript"
    return InstallPlan(
        folder / excel_addin.ADDIN_FILE,
        "",
        executable,
        (xlwings_dir() / script, mac_script_folder(home) / script),
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
    plan = plan_install(
        platform, os.environ if env is None else env, home or Path.home(), sys.executable
    )
    if not plan.addin.exists():
        return [
            f"Le ruban Classeur n'est pas installé (emplacement prévu : {plan.addin}).",
            "Installez-le avec : classeur addin install",
        ]
    contents = inspect(plan.addin)
    key = (
        excel_addin.ADDIN_SETTING_INTERPRETER_WIN
        if platform.startswith("win")
        else excel_addin.ADDIN_SETTING_INTERPRETER_MAC
    )
    python = contents.settings.get(key) or "(non réglé)"
    lines = [
        f"Ruban Classeur installé : {plan.addin}",
        f"Python utilisé par le ruban : {python}",
        f"Boutons : {len(ribbon_ids(contents.customui or '<customUI/>'))}",
    ]
    if python != "(non réglé)" and not Path(str(python)).exists():
        lines.append("Attention : ce Python n'existe plus; relancez « classeur addin install ».")
    return lines
