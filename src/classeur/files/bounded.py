"""Running a teacher's template in a child process with hard limits.

Jinja's sandbox stops code execution, not work: nested loops run for hours, a filter asked
for a 1 GB string allocates it, a macro calling itself recurses. So a template a teacher
wrote (``--modele-word``) is rendered in a fresh Python process (it does not inherit the
command's memory) that the operating system bounds:

- CPU time (``RLIMIT_CPU``): past ``CPU_SECONDS`` the child receives SIGXCPU, which stops
  the rendering and says where in the template it was; a second later SIGKILL;
- memory (``RLIMIT_AS``): an allocation beyond ``MEMORY_BYTES`` fails (MemoryError);
- files it writes (``RLIMIT_FSIZE``): ``OUTPUT_BYTES`` at most;
- a wall-clock watchdog in the parent kills it after ``WATCHDOG_SECONDS`` in any case
  (the only bound on Windows, where ``resource`` does not exist; the sandbox's own bounds,
  repetitions and output size, still apply there).

The parent sends the work as a pickle (its own data) and reads back only JSON (a path or
a French message): nothing the template produces is ever unpickled. Every refusal is a
French :class:`ClasseurError` that says what in the template was refused.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
from typing import Any

from classeur.errors import ClasseurError

CPU_SECONDS = 4
MEMORY_BYTES = 400 * 1024 * 1024
OUTPUT_BYTES = 50 * 1024 * 1024
WATCHDOG_SECONDS = 120.0

_CHILD = "from classeur.files.bounded import child_main; child_main()"
_SIMPLIFY = "Simplifiez le modèle (boucles imbriquées, répétitions) ou revenez au modèle d'origine."


class CpuLimit(Exception):
    """SIGXCPU: the child used its CPU time."""


def run_bounded(function: str, payload: Any) -> Any:
    """``module:function(payload)`` in a bounded child; its JSON-able result."""
    from classeur.files import scratch

    posix = os.name == "posix"
    env = {**os.environ, "PYTHONPATH": _pythonpath(), "TMPDIR": str(scratch.folder())}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        preexec_fn=_limits if posix else None,
        start_new_session=posix,
        env=env,
    )
    try:
        out, _ = child.communicate(pickle.dumps((function, payload)), timeout=WATCHDOG_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise ClasseurError(
            f"Le modèle a mis plus de {WATCHDOG_SECONDS:g} s à produire le document; il a "
            "été arrêté.",
            hint=_SIMPLIFY,
        ) from None
    finally:
        if child.poll() is None:
            child.kill()
    return _answer(child.returncode, out)


def _answer(returncode: int, out: bytes) -> Any:
    try:
        answer = json.loads(out.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        answer = None
    if isinstance(answer, dict) and "ok" in answer:
        return answer["ok"]
    if isinstance(answer, dict) and "message" in answer:
        raise ClasseurError(str(answer["message"]), hint=str(answer.get("hint") or ""))
    if returncode in (-getattr(signal, "SIGXCPU", 24), -signal.SIGKILL):
        raise ClasseurError(
            f"Le modèle demande trop de calcul (plus de {CPU_SECONDS} s); il a été arrêté.",
            hint=_SIMPLIFY,
        )
    raise ClasseurError(
        "Le modèle n'a pas pu être rendu (le traitement s'est arrêté).", hint=_SIMPLIFY
    )


def _pythonpath() -> str:
    """The child imports this very Classeur (an editable or a source tree included)."""
    import classeur

    here = os.path.dirname(os.path.dirname(os.path.abspath(classeur.__file__)))
    return os.pathsep.join([here, os.environ.get("PYTHONPATH", "")])


def _limits() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_BYTES, OUTPUT_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def child_main() -> None:  # pragma: no cover - runs in the child (tested through it)
    """The child: read the work, run it, write ONE JSON answer on stdout."""
    import importlib

    def on_cpu(signum: int, frame: Any) -> None:
        raise CpuLimit

    if hasattr(signal, "SIGXCPU"):
        signal.signal(signal.SIGXCPU, on_cpu)
    try:
        function, payload = pickle.loads(sys.stdin.buffer.read())
        module, name = function.split(":")
        answer: dict[str, Any] = {"ok": getattr(importlib.import_module(module), name)(payload)}
    except ClasseurError as exc:
        answer = {"message": exc.problem.message, "hint": exc.problem.hint}
    except CpuLimit:
        answer = {
            "message": f"Le modèle demande trop de calcul (plus de {CPU_SECONDS} s); il a été "
            "arrêté.",
            "hint": _SIMPLIFY,
        }
    except BaseException as exc:  # anything else: said in French, never a traceback
        from classeur.text.templates import template_error

        message, hint = template_error(exc)
        answer = {"message": message, "hint": hint}
    sys.stdout.write(json.dumps(answer))
    sys.stdout.flush()
