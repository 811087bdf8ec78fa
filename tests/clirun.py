"""Running every `classeur` command, discovered from the click group, as a teacher would:
in a subprocess, within 60 s of CPU time and 1 GB (a guard against endless loops and memory
blow-ups, not a benchmark: `benchmarks/bench_commands.py` measures the commands' speed).

The bounds do not depend on how busy the machine is: CPU time is what the command itself
computed, however long it waited for a core. A wall-clock safety net (10 minutes) only stops
a command that waits forever without computing; no healthy run comes near it.

Commands added later are covered automatically: each command's argv is built from its
parameters (file arguments get the file under test, required options get sane values);
``SPECIAL`` lists the few parameters that cannot be guessed.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click

from classeur.cli.main import cli

SRC = Path(__file__).resolve().parents[1] / "src"
# The command that computes most in the tests (`exporter`, which has LibreOffice recalculate
# the classeur) uses under 2 s of CPU on any test file; 30 times that is not reached by
# chance. LibreOffice, started by the command, inherits the bound for its own CPU time.
CPU_SECONDS = 60
MEMORY_BYTES = 1024 * 1024 * 1024
# Only for a command blocked without computing (waiting on a lock, a pipe, a child).
SAFETY_NET_SECONDS = 600
# How the kernel stops a command past its CPU time (soft limit, then hard limit).
CPU_LIMIT_EXITS = {
    -getattr(signal, name) for name in ("SIGXCPU", "SIGKILL") if hasattr(signal, name)
}

# command -> parameter name -> "@new" (a file to create), "@in" (the file under test),
# "@base" (a clean demo classeur), "@in+reseau" (the file under test and a clean réseau
# classeur), "@dir" (an output folder) or a literal value.
SPECIAL: dict[str, dict[str, str]] = {
    "nouveau": {"fichier": "@new"},
    # the team's classeur is clean; the file under test is a teacher's copy
    "fusionner": {"fichier": "@base", "sources": "@in"},
    # the CEE's folder: the file under test beside a clean réseau classeur
    "cee": {"dossiers": "@in+reseau"},
}
# Commands that read many files and rewrite none (the CEE's dashboard): a bad file is left
# out with a line « Écarté : … » and the others are still read; -o writes a dashboard.
READS_MANY = {"cee"}


_WRITTEN = re.compile(r"^Fichier écrit\u00a0: «\u00a0(.+)\u00a0»$", re.M)


def written(output: str) -> list[Path]:
    """The files a command says it wrote (« Fichier écrit : « … » »), as it names them."""
    return [Path(p) for p in _WRITTEN.findall(output)]


def left_out(returncode: int | None, text: str, name: str) -> bool:
    """Whether a command that reads many files left the file ``name`` out, said so in a
    line « Écarté : … », and went on with the others."""
    lines = text.replace("\u00a0", " ").splitlines()
    return returncode == 0 and any(
        line.startswith("Écarté : ") and f"{name} »" in line for line in lines
    )


# Names of path parameters that are outputs whatever the command.
OUTPUT_NAMES = {"sortie", "output", "destination", "cible", "dossier_sortie"}
VALUE_BY_NAME = {"courriel": "anim@ex.ca", "date": "2026-11-25", "rencontre": "1", "numero": "1"}


def discover(
    group: click.Group = cli, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every leaf command of ``group``, with its path (``("addin", "construire")``)."""
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            yield from discover(cmd, (*prefix, name))
        else:
            yield (*prefix, name), cmd


def _value(p: click.Parameter) -> str:
    for key, value in VALUE_BY_NAME.items():
        if p.name and key in p.name:
            return value
    t = p.type
    if isinstance(t, click.Choice):
        return str(t.choices[0])
    if isinstance(t, click.DateTime):
        return "2026-11-25"
    return "1"


def _kind(command: str, p: click.Parameter) -> str:
    special = SPECIAL.get(command, {})
    if p.name in special:
        return special[p.name]
    if isinstance(p.type, click.Path):
        if p.type.dir_okay and not p.type.file_okay:
            return "@dir"
        return "@new" if p.name in OUTPUT_NAMES else "@in"
    return "@value"


@dataclass
class Invocation:
    argv: list[str]
    uses_input: bool
    outputs: list[Path]


def argv_for(
    path: tuple[str, ...],
    cmd: click.Command,
    infile: Path,
    workdir: Path,
    extra: tuple[str, ...] = (),
    *,
    probe: bool = False,
) -> Invocation:
    """The argv running ``cmd`` on ``infile``; outputs go into ``workdir`` (``probe``:
    only find out what the command takes, create nothing)."""
    command = " ".join(path)
    args: list[str] = []
    opts: list[str] = []
    uses_input = False
    outputs: list[Path] = []
    for p in cmd.params:
        is_arg = isinstance(p, click.Argument)
        if not is_arg and not p.required:
            continue
        kind = _kind(command, p)
        if kind == "@in":
            uses_input = True
            value = str(infile)
        elif kind == "@in+reseau":
            uses_input = True
            from classeur.domain import demo
            from classeur.files import xlsx_new

            reseau = workdir / "reseau-sain.xlsx"
            if not probe and not reseau.exists():
                xlsx_new.write_classeur(demo.demo("reseau"), reseau)
            args += [str(infile), str(reseau)]
            continue
        elif kind == "@new":
            out = workdir / f"sortie-{p.name}.xlsx"
            outputs.append(out)
            value = str(out)
        elif kind == "@base":
            from classeur.domain import demo
            from classeur.files import xlsx_new

            base = workdir / "classeur-equipe.xlsx"
            if not probe and not base.exists():
                xlsx_new.write_classeur(demo.demo(), base)
            value = str(base)
        elif kind == "@dir":
            out = workdir / f"dossier-{p.name}"
            if not probe:
                out.mkdir(exist_ok=True)
            outputs.append(out)
            value = str(out)
        elif kind == "@value":
            value = _value(p)
        else:
            value = kind
        n = p.nargs if p.nargs > 0 else 1
        if is_arg:
            args += [value] * n
        else:
            opts += [p.opts[0], *([value] * n)]
    return Invocation([*path, *opts, *extra, *args], uses_input, outputs)


def has_output_option(cmd: click.Command) -> bool:
    """Whether ``cmd`` offers ``-o/--sortie`` (rewriting commands must)."""
    return any(isinstance(p, click.Option) and "-o" in p.opts for p in cmd.params)


@dataclass
class Run:
    argv: list[str]
    returncode: int | None  # None: stopped by the wall-clock safety net
    stdout: str
    stderr: str
    cpu_seconds: int = CPU_SECONDS  # the bound it ran under

    @property
    def text(self) -> str:
        return self.stdout + self.stderr


def _limits(cpu_seconds: int) -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    # Past the soft limit the kernel sends SIGXCPU, past the hard one SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file from SIGXCPU


def run(argv: list[str], cwd: Path) -> Run:
    """``python -m classeur *argv`` in ``cwd``, bounded in CPU time and memory."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "TMPDIR": str(cwd),  # crash logs, if any, stay in the test's folder
    }
    return bounded([sys.executable, "-m", "classeur", *argv], cwd, env, argv=argv)


def bounded(
    cmd: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    *,
    argv: list[str] | None = None,
    cpu_seconds: int = CPU_SECONDS,
) -> Run:
    """``cmd`` in ``cwd`` under the CPU-time and memory bounds (``argv``: what to report)."""
    posix = os.name == "posix"
    with subprocess.Popen(
        cmd,
        cwd=cwd,
        stdin=subprocess.DEVNULL,  # a command that asks a question gets no answer, not a hang
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=functools.partial(_limits, cpu_seconds) if posix else None,
        start_new_session=posix,  # its own process group: LibreOffice is stopped with it
        env=env,
    ) as child:
        try:
            stdout, stderr = child.communicate(timeout=SAFETY_NET_SECONDS)
        except subprocess.TimeoutExpired:
            if posix:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGKILL)
            child.kill()
            stdout, stderr = child.communicate()
            return Run(argv or cmd, None, stdout, stderr, cpu_seconds)
    return Run(argv or cmd, child.returncode, stdout, stderr, cpu_seconds)


ENGLISH = ("Traceback", "Error:", "Exception", "Warning:", "Usage:")


def defects(r: Run) -> list[str]:
    """What is wrong with a run whatever the input: hang, crash, English, traceback."""
    out = []
    if r.returncode is None:
        out.append(f"bloquée : aucune fin après {SAFETY_NET_SECONDS // 60} minutes")
    elif r.returncode in CPU_LIMIT_EXITS:
        out.append(f"arrêtée après {r.cpu_seconds} s de calcul (boucle sans fin ?)")
    elif r.returncode not in (0, 1, 2):
        out.append(f"code de sortie {r.returncode}")
    elif r.returncode == 2 and "Erreur\u00a0: Valeur invalide" not in r.text:
        out.append("erreur d'utilisation : les arguments construits ne conviennent pas")
    for word in ENGLISH:
        if word in r.text:
            out.append(f"« {word} » dans la sortie")
    for phrase in ("Erreur inattendue", "mémoire insuffisante"):
        if phrase in r.text:
            out.append(f"« {phrase} » (une erreur non prévue)")
    if r.returncode == 1 and not any(m in r.text for m in ("Erreur\u00a0:", "✗")):
        out.append("échec sans message « Erreur : … »")
    return out
