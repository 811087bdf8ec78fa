"""The Jinja2 environments: ONE factory for the templates shipped with Classeur and one
bounded factory for the only template a teacher supplies, the Word model of
``exporter --modele-word``.

- ``environment()``: templates shipped in ``classeur/text/templates`` (StrictUndefined,
  autoescape for .html/.xml).
- ``bounded_sandbox()``: Jinja2's immutable sandbox with repetitions and output size
  bounded, and ``template_error()`` to say in French what in a template was refused; the
  child process that bounds CPU time and memory is ``classeur.files.bounded``, and its only
  caller ``classeur.files.export.word``.
Both environments know the French filters of :mod:`classeur.text.french`.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from classeur.domain import links
from classeur.text.french import (
    date_courte,
    date_longue,
    duree,
    heure,
    plage,
    pourcentage,
    typography,
    typography_html,
)

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


def _show_links(eval_ctx: Any, value: Any) -> Any:
    """A teacher's link (:class:`~classeur.domain.links.Link`) as a real link in HTML
    (the e-mail bodies), as « text (address) » in plain text. Only for the shipped
    HTML/text templates: the Word template is autoescaped too, and an anchor there would
    break the document (:mod:`classeur.files.export.word` makes its own links)."""
    import markupsafe

    if not isinstance(value, links.Link):
        return value
    return markupsafe.Markup(value.anchor()) if eval_ctx.autoescape else value.plain()


def environment() -> jinja2.Environment:
    """The environment for the templates shipped with Classeur. What they render is set
    in Québec typography (text.french): the templates' own words and every value shown,
    typed by a teacher or not (a document sent to the CEE is copy-edited as a whole)."""
    import jinja2

    class FrenchTemplate(jinja2.Template):
        def render(self, *args: Any, **kwargs: Any) -> str:
            out = super().render(*args, **kwargs)
            if (self.name or "").endswith((".html", ".htm")):
                return typography_html(out)
            return typography(out) if (self.name or "").endswith(".txt") else out

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("classeur.text", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"]),
        finalize=jinja2.pass_eval_context(_show_links),
    )
    env.template_class = FrenchTemplate
    return _configure(env)


def shipped(name: str) -> Path:
    """The file of a template shipped with Classeur (HTML, text, Word)."""
    return Path(str(resources.files("classeur.text") / "templates" / name))


def render(template: str, **context: Any) -> str:
    """Render a shipped template by name."""
    return environment().get_template(template).render(**context)


_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f]+")  # any whitespace but the non-breaking ones


def header_safe(text: str) -> str:
    """Text for an email header (subject, name): one line, so no header injection; runs of
    spaces, tabs and line breaks become one space, the non-breaking spaces of French
    typography (before « : », inside « ») stay what they are."""
    return _BREAKING_SPACE.sub(" ", str(text)).strip()


USER_TEMPLATE_MAX_CHARS = 500_000  # characters of output of a text template
_MAX_REPEAT = 100_000  # 'x' * n and [..] * n in a template
_SNIPPET = 80  # characters of the template shown where it was refused


class TemplateRefused(Exception):
    """A bound of a teacher's template reached (French message)."""


def bounded_sandbox(autoescape: bool = True, max_chars: int = USER_TEMPLATE_MAX_CHARS) -> Any:
    """The environment for templates a teacher wrote: the immutable sandbox, strict,
    repetitions and powers bounded, and each rendering stopped past ``max_chars``
    characters (the template's output is counted while it is produced, never built
    whole). CPU time and memory are bounded by the process that renders it
    (``classeur.files.bounded``)."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    class BoundedTemplate(jinja2.Template):
        def render(self, *args: Any, **kwargs: Any) -> str:
            parts: list[str] = []
            size = 0
            for chunk in self.generate(*args, **kwargs):
                size += len(chunk)
                if size > max_chars:
                    raise TemplateRefused(
                        f"Le modèle produit un texte trop long (plus de {max_chars} caractères)"
                    )
                parts.append(chunk)
            return "".join(parts)

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})
        template_class = BoundedTemplate

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int | float) and abs(right) > 100:
                raise SecurityError("exposant")
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if (
                        isinstance(seq, str | list | tuple)
                        and isinstance(n, int)
                        and len(seq) * n > _MAX_REPEAT
                    ):
                        raise SecurityError("répétition")
            return super().call_binop(context, operator, left, right)

    # optimized=False: Jinja's optimizer evaluates constant expressions while COMPILING
    # (« 'x'|center(10**9) » allocated a gigabyte before any rendering, in whichever
    # process compiled it); without it, everything is computed while rendering, bounded.
    env = BoundedSandbox(undefined=jinja2.StrictUndefined, autoescape=autoescape, optimized=False)
    _configure(env)
    env.filters = {name: _guarded(name, f) for name, f in env.filters.items()}
    return env


_MAX_NUMBER = 1_000_000  # a width, a length, a count given to a filter


def _guarded(name: str, f: Any) -> Any:
    """Filter ``f`` refusing a huge number (``center(10**9)`` builds a 1 GB string)."""
    import functools

    @functools.wraps(f)  # keeps Jinja's markers (pass_context…)
    def call(*args: Any, **kwargs: Any) -> Any:
        for v in (*args[1:], *kwargs.values()):
            if isinstance(v, int) and not isinstance(v, bool) and abs(v) > _MAX_NUMBER:
                raise TemplateRefused(
                    f"Le modèle donne un nombre démesuré ({v}) au filtre « {name} »"
                )
        return f(*args, **kwargs)

    return call


_QUOTED = re.compile(r"'([^']{1,60})'")


def template_error(exc: BaseException, where: str = "", numbered: bool = True) -> tuple[str, str]:
    """(French message, hint) for an error raised by a teacher's template; ``where``: the
    place in the template (« à la ligne 3 (« … ») »); without ``numbered`` (a Word
    document, whose XML lines mean nothing to a teacher) a syntax error is placed by its
    text only. Jinja's own English is never shown: only the names it quotes (a variable,
    an attribute, a filter) are."""
    import jinja2
    from jinja2.sandbox import SecurityError

    named = _QUOTED.findall(str(exc))
    name = f" « {named[-1]} »" if named else ""
    at = f" {where}" if where else ""
    simplify = "Simplifiez le modèle (boucles, répétitions) ou revenez au modèle d'origine."
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return _syntax_error(exc, name, numbered)
    if isinstance(exc, jinja2.UndefinedError):
        return (
            f"Le modèle utilise une valeur inconnue{name}{at}.",
            "Vérifiez l'orthographe des noms entre {{ … }} (variables permises : "
            "doc.label, doc.classeur_title, doc.annee, doc.sections, aujourdhui).",
        )
    if isinstance(exc, SecurityError):
        what = f"{name}" if named else f" ({exc})" if str(exc) in ("exposant", "répétition") else ""
        return (
            f"Le modèle tente une opération interdite{what}{at}.",
            "Un modèle ne peut qu'afficher les valeurs du classeur; retirez cette opération.",
        )
    if isinstance(exc, TemplateRefused):
        return (f"{exc}{at}.", simplify)
    if isinstance(exc, OverflowError):
        return (f"Le modèle demande une boucle trop longue (range){at}.", simplify)
    if isinstance(exc, RecursionError):
        return (f"Le modèle s'appelle lui-même sans fin (macro récursive){at}.", simplify)
    if isinstance(exc, TimeoutError):  # the CPU time of the process that renders it
        return (f"Le modèle demande trop de calcul{at}.", simplify)
    if isinstance(exc, MemoryError):
        return (f"Le modèle demande trop de mémoire{at}.", simplify)
    if str(exc).startswith(_UNKNOWN):  # a test in an « if » is looked up when rendering
        return _unknown(str(exc), name, at)
    if isinstance(exc, TypeError | ValueError | ArithmeticError | LookupError):
        return (
            f"Le modèle demande un calcul impossible{at} (par exemple ajouter un nombre à "
            "un texte, ou diviser par zéro).",
            "Corrigez ou retirez ce calcul; un modèle sert surtout à afficher les valeurs "
            "du classeur.",
        )
    return (f"Le modèle n'a pas pu être rendu{at}.", simplify)


_UNKNOWN = ("No filter named", "No test named")


def _unknown(message: str, name: str, at: str) -> tuple[str, str]:
    """A filter (``|nom``) or a test (``is nom``) Jinja does not know."""
    if message.startswith("No filter named"):
        return (
            f"Le modèle utilise un filtre inconnu{name}{at}.",
            "Filtres permis en plus de ceux de Jinja : "
            + ", ".join(sorted(FILTERS))
            + ". Vérifiez l'orthographe après la barre « | ».",
        )
    return (
        f"Le modèle utilise un test inconnu{name}{at}.",
        "Vérifiez l'orthographe du mot après « is » (par exemple « is defined »).",
    )


def _syntax_error(exc: Any, name: str, numbered: bool) -> tuple[str, str]:
    """A template Jinja cannot compile, placed by its line (or its text only)."""
    line = _line(exc.source, exc.lineno)
    at = f" à la ligne {exc.lineno}{line}" if numbered or not line else " près de " + line[2:-1]
    if str(exc).startswith(_UNKNOWN):
        return _unknown(str(exc), name, at)
    return (
        f"Le modèle contient une erreur{at}.",
        "Vérifiez les accolades {{ … }} et les balises {% … %} à cet endroit.",
    )


def _line(source: str | None, lineno: int | None) -> str:
    """`` (« text of that line »)`` of a template's source, markup removed."""
    if not source or not lineno:
        return ""
    lines = source.splitlines()
    if not 0 < lineno <= len(lines):
        return ""
    text = " ".join(_MARKUP.sub(" ", lines[lineno - 1]).split())
    if len(text) > _SNIPPET:
        text = text[: _SNIPPET - 1] + "…"
    return f" (« {text} »)" if text else ""


_MARKUP = re.compile(r"<[^>]*>")


def where_in_template(tb: Any, sources: dict[str, str], numbered: bool = True) -> str:
    """« à la ligne N (« … ») » of the last template line a traceback went through;
    ``sources``: template name (``"<template>"`` for one made from a string) -> its
    source; without ``numbered`` (a Word document, whose XML lines mean nothing to a
    teacher), « près de « … » ». Empty when no template line is in the traceback."""
    found = ""
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        filename = tb.tb_frame.f_code.co_filename
        lineno = None
        if template is not None:  # Jinja's compiled code: mapped back to the template
            lineno = template.get_corresponding_lineno(tb.tb_lineno)
            filename = template.name or "<template>"
        elif filename in sources or filename == "<template>":  # a traceback Jinja rewrote
            lineno = tb.tb_lineno
        if lineno is not None:
            source = sources.get(filename) or sources.get("<template>", "")
            quoted = _line(source, lineno)
            if numbered:
                found = f"à la ligne {lineno}{quoted}"
            elif quoted:
                found = "près de " + quoted.removeprefix(" (").removesuffix(")")
        tb = tb.tb_next
    return found
