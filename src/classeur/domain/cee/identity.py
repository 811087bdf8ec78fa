"""Who is who across classeurs: people, schools and titles compared the way a person reads
them (trimmed, without case, accents, doubled spaces or hyphen/apostrophe variants)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_]+")


def fold(text: str) -> str:
    """« Andrée-Anne  CÔTÉ » -> « andree anne cote »: trimmed, case- and accent-insensitive,
    hyphens and runs of spaces as one space, typographic apostrophes as « ' »."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", bare).strip().casefold()


def email_key(email: str) -> str:
    return email.strip().casefold()


def person_keys(people: Iterable[tuple[str, str]]) -> list[str]:
    """The identity of each (name, e-mail): the e-mail when there is one; a name typed
    without e-mail takes the e-mail of the only person with that name who has one,
    otherwise the folded name itself."""
    pairs = [(fold(name), email_key(email)) for name, email in people]
    emails_of: dict[str, set[str]] = defaultdict(set)
    for name, email in pairs:
        if email and name:
            emails_of[name].add(email)
    keys = []
    for name, email in pairs:
        if email:
            keys.append(email)
        elif len(emails_of.get(name, ())) == 1:
            keys.append(next(iter(emails_of[name])))
        else:
            keys.append(name)
    return keys


def canonical_spellings(values: Iterable[str]) -> dict[str, str]:
    """For each folded value, its most frequent spelling (ties: first met), so that one
    school typed three ways is one school."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for v in values:
        text = " ".join(v.split())
        if text:
            counts[fold(text)][text] += 1
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}
