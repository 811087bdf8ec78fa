"""What a cell holds beyond its value: a formula a teacher typed, a link. Pure.

Both adapters read a sheet as values (:meth:`Book.sheet_values`); where the engine can
tell, a cell that holds more than text comes back as one of these ``str`` subclasses, so
that every reader keeps working on its text while the rencontre tab and the documents can
keep what the teacher made:

- :class:`Formula`: a formula typed in the cell (« =B4*2 »): written back as a formula.
  Text that merely starts with « = » (typed as text) is never one: it stays text.
- :class:`Link`: text with a target, from Insertion › Lien (the cell's hyperlink) or from a
  ``=HYPERLINK("https://…";"Document")`` formula (then :attr:`Link.formula` keeps it as
  typed); the sheet gets it back as it was and the documents show a real link.
"""

from __future__ import annotations

import html
import re
from typing import Any


class Formula(str):
    """A formula found in a cell (its text, « = » included)."""

    __slots__ = ()


class Link(str):
    """Text shown in a cell (the ``str`` value) and the link's target (a URL, a file)."""

    target: str
    formula: str | None

    def __new__(cls, text: str, target: str, formula: str | None = None) -> Link:
        self = super().__new__(cls, text)
        self.target = target
        self.formula = formula
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickled to the Word template's child process
        return (Link, (str(self), self.target, self.formula))

    def with_text(self, text: str) -> Link:
        """The same link shown as ``text`` (a label put before it, spaces trimmed)."""
        return Link(text, self.target, self.formula if text == str(self) else None)

    def anchor(self) -> str:
        """The link as HTML: ``<a href="target">text</a>``, both escaped.

        Deliberately not markupsafe's ``__html__``: the Word template is rendered with
        autoescape too, and an anchor there would break the document."""
        target = html.escape(self.target, quote=True)
        return f'<a href="{target}">{html.escape(str(self), quote=False)}</a>'

    def plain(self) -> str:
        """The text and its target, for plain-text documents: « Document (https://…) »."""
        text = str(self).strip()
        return f"{text} ({self.target})" if text and text != self.target else self.target


# =HYPERLINK("target") or =HYPERLINK("target","text") (« ; » in French Excel), literal
# arguments only: a link whose parts are computed is kept as a formula, without a target.
_HYPERLINK = re.compile(
    r'^=\s*HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)\s*$',
    re.IGNORECASE,
)


def from_formula(formula: str, shown: Any = None) -> Formula | Link:
    """What a formula cell holds: a :class:`Link` for a literal ``HYPERLINK``, else the
    :class:`Formula`. ``shown``: the value the engine computed, when it has one."""
    match = _HYPERLINK.match(formula)
    if match is None:
        return Formula(formula)
    target = match.group(1).replace('""', '"')
    text = match.group(2).replace('""', '"') if match.group(2) is not None else target
    if isinstance(shown, str) and shown:
        text = shown
    return Link(text, target, formula)


def from_engine(value: Any, formula: Any) -> Any:
    """A cell as an engine that reads formulas (desktop Excel) reports it, as the file
    adapter hands it over: a formula as its text, marked :class:`Formula` (a literal
    ``=HYPERLINK`` as a :class:`Link` showing its computed text); else the value.

    Excel reports a text constant as its own « formula »: text typed with a leading « = »
    (« '=B4 ») has a formula equal to its value and stays text."""
    if not isinstance(formula, str) or not formula.startswith("="):
        return value
    if isinstance(value, str) and value == formula:
        return value
    return from_formula(formula, value)


def keep(v: Any, shown: str) -> str:
    """``shown`` (a value made presentable) still carrying ``v``'s link, if it had one."""
    return v.with_text(shown) if isinstance(v, Link) and shown else shown
