"""LibreOffice headless: recalculate workbooks and render PDFs, from the command line.

Each conversion runs with a profile of its own (concurrent conversions sharing one fail
silently), forces a full recalculation on load, and is bounded twice: by its CPU time (a
conversion that computes endlessly, whatever the machine's load) and by a generous
wall-clock safety net (a LibreOffice that waits without computing, on a dialog nobody
sees or a locked profile, never uses its CPU time; no conversion of a classeur, even on a
busy computer, comes near it). LibreOffice runs in a process group of its own, killed
whole when the conversion ends or fails and when the command stops
(:mod:`classeur.files.scratch`): no ``soffice.bin`` outlives the command that started
it. Its profile and its output stay in the run's private folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

from classeur.errors import ClasseurError
from classeur.files import scratch

_RECALC_ITEM = (
    '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
    '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>'
    '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
    '<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>'
)
# Numbers and dates formatted as in Québec (« 0,5 », not « 0.5 »), whatever the
# computer's own locale: LibreOffice's « Paramètres régionaux » (Outils › Options ›
# Langues), for every conversion. The documents' language is French (Canada) too.
LOCALE = "fr-CA"
_LOCALE_ITEM = (
    '<item oor:path="/org.openoffice.Setup/L10N">'
    f'<prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{LOCALE}</value></prop></item>'
    '<item oor:path="/org.openoffice.Office.Linguistic/General">'
    f'<prop oor:name="DefaultLocale" oor:op="fuse"><value>{LOCALE}</value></prop></item>'
)
_REGISTRY = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    f"{_RECALC_ITEM}{_LOCALE_ITEM}</oor:items>\n"
)


# CPU seconds each LibreOffice process may compute (RLIMIT_CPU): a classeur's conversion
# takes a few; past this the kernel stops it (SIGXCPU) and no output is written.
CPU_SECONDS = 120
# Wall-clock safety net, for a LibreOffice blocked without computing only.
WAIT_SECONDS = 600.0


def _run(cmd: list[str], timeout: float, names: str, private: str) -> None:
    """Run LibreOffice in its own process group; the whole group is killed afterwards,
    whatever happens (LibreOffice's launcher starts ``soffice.bin`` as a child)."""
    posix = os.name == "posix"
    # LibreOffice's own temporary files (copies of the document) go into the profile's
    # folder, inside the run's private folder, not into the system's.
    env = {**os.environ, "TMPDIR": private, "TMP": private, "TEMP": private}
    child = subprocess.Popen(
        cmd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,  # a pipe nobody reads would block it
        stderr=subprocess.DEVNULL,
        start_new_session=posix,
        preexec_fn=_bounded if posix else None,
    )
    if posix:
        scratch.register_group(child.pid)
    try:
        child.wait(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise ClasseurError(
            f"LibreOffice n'a pas terminé la conversion de « {names} » à temps.",
            hint="Le fichier est peut-être trop gros ou endommagé.",
        ) from exc
    finally:
        if posix:
            scratch.kill_group(child.pid)
            scratch.forget_group(child.pid)
        else:
            child.kill()
        child.wait()


def _bounded() -> None:  # pragma: no cover - runs in the child, POSIX only
    """LibreOffice's CPU time bounded (inherited by ``soffice.bin``; never above a bound
    the command itself runs under); on Linux the launcher gets SIGKILL when the command
    dies, even killed by SIGKILL (the next command's start kills the rest of the group:
    see ``scratch.clean_stale``).

    The soft and hard limits are equal, so past its CPU time the kernel kills LibreOffice
    (SIGKILL). Below the hard limit it would first send SIGXCPU, which LibreOffice's crash
    handler catches: seen hanging there on a lock, computing nothing, until the
    wall-clock safety net ten minutes later."""
    import resource
    import signal

    cpu = CPU_SECONDS
    for bound in resource.getrlimit(resource.RLIMIT_CPU):
        if bound != resource.RLIM_INFINITY:
            cpu = min(cpu, bound)
    with contextlib.suppress(OSError, ValueError):
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def default_locations(platform: str, env: Mapping[str, str], home: Path) -> list[PurePath]:
    """Where LibreOffice's installers put ``soffice`` when it is not on the PATH (it never
    is on Windows, nor on macOS, where LibreOffice is an application bundle)."""
    if platform.startswith("win"):
        program_files = [
            env.get(name) for name in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
        ]
        roots = [PureWindowsPath(r) for r in dict.fromkeys(program_files) if r]
        roots += [PureWindowsPath(r"C:\Program Files"), PureWindowsPath(r"C:\Program Files (x86)")]
        if env.get("LOCALAPPDATA"):  # an installation for this user only
            roots.append(PureWindowsPath(env["LOCALAPPDATA"], "Programs"))
        exe = PureWindowsPath("LibreOffice", "program", "soffice.exe")
        return [root / exe for root in dict.fromkeys(roots)]
    if platform == "darwin":
        bundle = PurePosixPath("LibreOffice.app", "Contents", "MacOS", "soffice")
        return [
            PurePosixPath("/Applications") / bundle,
            PurePosixPath(home) / "Applications" / bundle,
        ]
    return []


def soffice(
    platform: str = sys.platform,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
    which: Callable[[str], str | None] = shutil.which,
    is_file: Callable[[PurePath], bool] = os.path.isfile,
) -> str | None:
    """Path of LibreOffice's ``soffice``: on the PATH, else at its installers' default
    locations; None when it is not installed. (The arguments describe another system, for
    tests.)"""
    found = which("soffice") or which("libreoffice")
    if found:
        return found
    places = default_locations(platform, os.environ if env is None else env, home or Path.home())
    return next((str(p) for p in places if is_file(p)), None)


def profile_url(folder: PurePath) -> str:
    """The ``-env:UserInstallation`` URL of a profile folder: a real file URL on every system
    (``file:///C:/Users/…`` on Windows, spaces and accents escaped)."""
    return folder.as_uri()


def convert(
    source: str | os.PathLike[str],
    fmt: str,
    outdir: str | os.PathLike[str],
    *,
    timeout: float = WAIT_SECONDS,
) -> Path:
    """Convert ``source`` with LibreOffice to ``fmt`` (``xlsx``, ``pdf``, ``csv:…``) in ``outdir``.

    Formulas are fully recalculated on load. Returns the path of the converted file.
    """
    return convert_all([source], fmt, outdir, timeout=timeout)[0]


def convert_all(
    sources: Sequence[str | os.PathLike[str]],
    fmt: str,
    outdir: str | os.PathLike[str],
    *,
    timeout: float = WAIT_SECONDS,
) -> list[Path]:
    """Convert several files in ONE LibreOffice run (much faster than one run each).

    The sources must have distinct file names. Returns the converted paths, in order.
    """
    exe = soffice()
    if exe is None:
        raise ClasseurError(
            "LibreOffice est introuvable sur cet ordinateur.",
            hint="Installez LibreOffice (libreoffice.org; sous Linux, le paquet "
            "libreoffice-calc) ou exportez depuis Excel.",
        )
    srcs = [Path(s) for s in sources]
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    names = srcs[0].name if len(srcs) == 1 else f"{len(srcs)} fichiers"
    with scratch.in_private_folder("lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
        cmd = [
            exe,
            "--headless",
            "--norestore",
            # A proper file URI of an absolute path: a relative temporary folder (TMPDIR=.)
            # or a space in it (a user folder « Marie Tremblay ») made LibreOffice wait forever.
            f"-env:UserInstallation={profile_url(Path(profile).resolve())}",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            *(str(s) for s in srcs),
        ]
        _run(cmd, timeout, names, profile)
    ext = fmt.split(":", 1)[0]
    targets = [out / f"{src.stem}.{ext}" for src in srcs]
    for src, target in zip(srcs, targets, strict=True):
        if not target.exists():
            raise ClasseurError(
                f"LibreOffice n'a pas pu convertir « {src.name} » en {ext.upper()}.",
                hint="Vérifiez que le fichier s'ouvre dans Excel ou LibreOffice.",
            )
    return targets
