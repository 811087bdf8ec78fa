"""The Jinja2 environments: ONE factory for the templates shipped with Classeur and one
bounded factory for templates a teacher can edit or that arrive in a workbook.

- ``environment()``: templates shipped in ``classeur/text/templates`` (StrictUndefined,
  autoescape for .html/.xml).
- ``sandboxed()``: a teacher's template, in Jinja2's immutable sandbox.
- ``render_user_template()``: a teacher's template rendered in a child process, bounded in
  time, memory and output size.
Both environments know the French filters of :mod:`classeur.text.french`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from classeur.text.french import date_courte, date_longue, duree, heure, plage, pourcentage

if TYPE_CHECKING:
    import jinja2

FILTERS = {
    "date_longue": date_longue,
    "date_courte": date_courte,
    "heure": heure,
    "plage": plage,
    "pourcentage": pourcentage,
    "duree": duree,
}


def _configure(env: jinja2.Environment) -> jinja2.Environment:
    env.filters.update(FILTERS)
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.keep_trailing_newline = True
    return env


def environment() -> jinja2.Environment:
    """The environment for the templates shipped with Classeur."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("classeur.text", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"]),
    )
    return _configure(env)


def sandboxed(autoescape: bool = True) -> jinja2.Environment:
    """The environment for templates a teacher can edit: immutable sandbox, strict."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=autoescape)
    return _configure(env)


def shipped(name: str) -> Path:
    """The file of a template shipped with Classeur (HTML, text, Word)."""
    return Path(str(resources.files("classeur.text") / "templates" / name))


def render(template: str, **context: Any) -> str:
    """Render a shipped template by name."""
    return environment().get_template(template).render(**context)


def header_safe(text: str) -> str:
    """Text for an email header (subject, name): no line breaks, so no header injection."""
    return " ".join(str(text).split())


USER_TEMPLATE_TIMEOUT = 5.0  # seconds
USER_TEMPLATE_MAX_CHARS = 500_000  # characters of output
_MAX_REPEAT = 100_000  # 'x' * n and [..] * n in a template


def _bounded_sandbox(autoescape: bool) -> jinja2.Environment:
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int | float) and abs(right) > 100:
                raise SecurityError("exposant trop grand")
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if (
                        isinstance(seq, str | list | tuple)
                        and isinstance(n, int)
                        and len(seq) * n > _MAX_REPEAT
                    ):
                        raise SecurityError("répétition trop longue")
            return super().call_binop(context, operator, left, right)

    env = BoundedSandbox(undefined=jinja2.StrictUndefined, autoescape=autoescape)
    return _configure(env)


def _template_error(exc: BaseException) -> tuple[str, str]:
    """(French message, hint) for an error raised while rendering a teacher's template."""
    import jinja2
    from jinja2.sandbox import SecurityError

    if isinstance(exc, jinja2.TemplateSyntaxError):
        return (
            f"Le modèle contient une erreur à la ligne {exc.lineno} : {exc.message}.",
            "Vérifiez les accolades {{ … }} et les balises {% … %} de cette ligne.",
        )
    if isinstance(exc, jinja2.UndefinedError):
        return (
            f"Le modèle utilise une valeur inconnue ({exc.message}).",
            "Vérifiez l'orthographe des noms entre {{ … }}.",
        )
    if isinstance(exc, SecurityError):
        return (
            f"Le modèle tente une opération interdite ({exc}).",
            "Un modèle ne peut qu'afficher les valeurs du classeur; retirez cette opération.",
        )
    if isinstance(exc, MemoryError):
        return (
            "Le modèle demande trop de mémoire.",
            "Simplifiez le modèle (boucles, répétitions).",
        )
    return (
        f"Le modèle n'a pas pu être rendu ({type(exc).__name__}).",
        "Vérifiez le modèle ou revenez au modèle d'origine.",
    )


def _render_in_child(
    conn: Any, text: str, context: dict[str, Any], autoescape: bool, max_chars: int
) -> None:
    """Runs in a child process: render, send ("ok", text) or ("err", message, hint)."""
    try:
        _limit_child_memory()
        template = _bounded_sandbox(autoescape).from_string(text)
        parts: list[str] = []
        size = 0
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > max_chars:
                conn.send(
                    (
                        "err",
                        f"Le modèle produit un texte trop long (plus de {max_chars} caractères).",
                        "Simplifiez le modèle (boucles, répétitions).",
                    )
                )
                return
            parts.append(chunk)
        conn.send(("ok", "".join(parts)))
    except BaseException as exc:
        conn.send(("err", *_template_error(exc)))


_CHILD_EXTRA_MEMORY = 512 * 1024 * 1024


def _limit_child_memory() -> None:
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
        current = pages * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (current + _CHILD_EXTRA_MEMORY, -1))
    except (ImportError, OSError, ValueError):  # not Linux: the timeout still bounds it
        pass


def render_user_template(
    text: str,
    context: dict[str, Any],
    *,
    timeout: float = USER_TEMPLATE_TIMEOUT,
    max_chars: int = USER_TEMPLATE_MAX_CHARS,
    autoescape: bool = True,
) -> str:
    """Render a template a teacher wrote (or that came inside a workbook), safely.

    Jinja2's immutable sandbox (no attribute tricks, no code), StrictUndefined, autoescape
    (HTML/XML) unless told otherwise, repetitions bounded, and the rendering runs in a
    child process stopped after ``timeout`` seconds or ``max_chars`` characters of output.
    Any problem is a French :class:`ClasseurError`.
    """
    import multiprocessing

    from classeur.errors import ClasseurError

    try:
        _bounded_sandbox(autoescape).from_string(text)  # syntax errors, with a line number
    except Exception as exc:
        message, hint = _template_error(exc)
        raise ClasseurError(message, hint=hint) from None
    methods = multiprocessing.get_all_start_methods()
    mp: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receive, send = mp.Pipe(duplex=False)
    child = mp.Process(
        target=_render_in_child, args=(send, text, context, autoescape, max_chars), daemon=True
    )
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise ClasseurError(
                f"Le modèle a mis plus de {timeout:g} s à produire le document; il a été arrêté.",
                hint="Simplifiez le modèle (boucles imbriquées, répétitions).",
            )
        try:
            result = receive.recv()
        except EOFError:
            raise ClasseurError(
                "Le modèle n'a pas pu être rendu (le traitement s'est arrêté).",
                hint="Simplifiez le modèle (boucles, répétitions).",
            ) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
        receive.close()
    if result[0] == "ok":
        return str(result[1])
    raise ClasseurError(result[1], hint=result[2])
