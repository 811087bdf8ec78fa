"""Pseudonymous student codes (pure): a stable code per student, and text with every
student name replaced by its code.

A code is an HMAC-SHA256 of the normalised name under a secret key. The same key gives
the same code every time, so a colleague can follow « Élève-K3QF2M » from one export to
the next; without the key nobody can tell who it is. The key is kept by the adapter in a
file beside the classeur (never in an export); this module only computes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable

from classeur import layout


def normalise(name: str) -> str:
    """The form of a name that is hashed: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def code(name: str, key: bytes, length: int = layout.PSEUDO_CODE_LENGTH) -> str:
    digest = hmac.new(key, normalise(name).encode("utf-8"), hashlib.sha256).digest()
    return layout.PSEUDO_PREFIX + base64.b32encode(digest).decode("ascii")[:length]


class Pseudonymizer:
    """Replaces every given name (whole words, any case) by its stable code."""

    def __init__(self, names: Iterable[str], key: bytes) -> None:
        unique = {normalise(n): n.strip() for n in names if n and n.strip()}
        codes = {norm: code(norm, key) for norm in unique}
        # Two names with the same short code (very rare): give those longer codes.
        seen: dict[str, list[str]] = {}
        for norm, c in codes.items():
            seen.setdefault(c, []).append(norm)
        for clash in (v for v in seen.values() if len(v) > 1):
            for norm in clash:
                codes[norm] = code(norm, key, layout.PSEUDO_CODE_LENGTH + 6)
        self.codes = codes  # normalised name -> code
        self.names = sorted(unique.values(), key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"(?<!\w)(" + "|".join(_flexible(n) for n in self.names) + r")(?!\w)",
                re.IGNORECASE,
            )
            if self.names
            else None
        )

    def __call__(self, value: object) -> object:
        """``value`` with names replaced when it is text; other values unchanged."""
        if isinstance(value, str):
            return self.text(value)
        return value

    def text(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        nfc = unicodedata.normalize("NFC", text)
        return self._pattern.sub(lambda m: self.codes[normalise(m.group(0))], nfc)

    def markup(self, text: str) -> str:
        """``text`` of HTML or XML, where names may be escaped (``L&#x27;Heureux``)."""
        out = self.text(text)
        for name in self.names:
            for escaped in _escaped_forms(name):
                if escaped != name and escaped in out:
                    out = out.replace(escaped, self.codes[normalise(name)])
        return out

    def found(self, text: str) -> list[str]:
        """The names still present in ``text`` (for the final check of an export)."""
        if self._pattern is None:
            return []
        nfc = unicodedata.normalize("NFC", text)
        return sorted({m.group(0) for m in self._pattern.finditer(nfc)})


def _flexible(name: str) -> str:
    """Regex for ``name`` with any run of whitespace between its words."""
    words = unicodedata.normalize("NFC", name).split()
    return r"\s+".join(re.escape(w) for w in words)


def _escaped_forms(name: str) -> set[str]:
    """How ``name`` may appear in HTML/XML: quotes and ampersands as entities."""
    import html

    forms = {html.escape(name, quote=True), html.escape(name, quote=False)}
    for apostrophe in ("&#39;", "&#x27;", "&apos;"):
        forms |= {f.replace("&#x27;", apostrophe).replace("&#39;", apostrophe) for f in forms}
    return forms
