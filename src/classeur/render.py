"""French (Québec) dates and times, and the ONE Jinja2 environment factory.

- ``environment()``: templates shipped in ``classeur/templates`` (StrictUndefined,
  autoescape for .html/.xml). ``sandboxed()``: templates a teacher can edit or that arrive
  in a workbook, rendered in Jinja2's immutable sandbox.
- ``date_longue(d)`` -> "lundi 23 novembre 2026"; ``heure(t)`` -> "8 h 45".
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

LOCALE = "fr_CA"


def date_longue(d: dt.date | None) -> str:
    """« lundi 23 novembre 2026 » (empty for None)."""
    if d is None:
        return ""
    from babel.dates import format_date

    return format_date(d, "EEEE d MMMM y", locale=LOCALE)


def date_courte(d: dt.date | None) -> str:
    """« 23 novembre 2026 » (empty for None)."""
    if d is None:
        return ""
    from babel.dates import format_date

    return format_date(d, "d MMMM y", locale=LOCALE)


def heure(t: dt.time | None) -> str:
    """« 8 h 45 », « 12 h » (empty for None): the Office québécois de la langue française way."""
    if t is None:
        return ""
    return f"{t.hour} h {t.minute:02d}" if t.minute else f"{t.hour} h"


def plage(debut: dt.time | None, fin: dt.time | None) -> str:
    """« de 8 h 45 à 15 h 45 », or one end alone."""
    if debut and fin:
        return f"de {heure(debut)} à {heure(fin)}"
    return heure(debut or fin)


def pourcentage(x: float | None, decimals: int = 0) -> str:
    """« 72 % » with a non-breaking space, French decimal comma."""
    if x is None:
        return ""
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0%"
    return format_percent(x, pattern, locale=LOCALE)


def duree(minutes: int | None) -> str:
    """« 45 min », « 1 h », « 1 h 30 »."""
    if not minutes:
        return ""
    h, m = divmod(int(minutes), 60)
    if h and m:
        return f"{h} h {m:02d}"
    return f"{h} h" if h else f"{m} min"


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
        loader=jinja2.PackageLoader("classeur", "templates"),
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


def render(template: str, **context: Any) -> str:
    """Render a shipped template by name."""
    return environment().get_template(template).render(**context)
