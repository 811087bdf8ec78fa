"""Pseudonymous student codes (pure): a stable code per student, and text with every
student name, and every part of one typed alone, replaced by a code.

A code is an HMAC-SHA256 of the normalised name under a secret key. The same key gives
the same code every time, so a colleague can follow « Élève-K3QF2M » from one export to
the next; without the key nobody can tell who it is. The key is kept by the adapter in a
file beside the classeur (never in an export); this module only computes.

What is replaced (whole words, the longest first):

- A full name (« Léa Diallo »), in any case, with any whitespace: the student's code.
- A part of a name typed alone: each word of the name (« Léa », « Diallo »), a compound
  word as a whole (« Marie-Ève », « Lévesque-Roy ») and each of its pieces (« Marie »,
  « Ève »), except particles and very short parts (``layout.PSEUDO_PARTICLES``,
  ``layout.PSEUDO_PART_MIN_LETTERS``: « de », « Le », « St », initials).

  - A part only one student has becomes that student's code.
  - A part several students share (two « Liam »), or that a member of the team also has
    (``others``), becomes the code of the part itself: an HMAC of « liam » under the same
    key. That code belongs to no student: it tells neither which Liam it was nor, next to
    a teacher's name left in clear, which student shares the teacher's name.
  - A part written entirely in lowercase is left alone: family names are often ordinary
    words (Petit, Rose, Côté), and « un petit groupe » must stay readable. « Petit » or
    « PETIT » is replaced, even at the start of a sentence (the safe side).
  - A part in capitals directly followed by « ( » is a spreadsheet function (``MIN(``,
    ``LEN(`` in a formula), not a name.

- Teachers' names are not pseudonymised; but a teacher's first or family name that is also
  a student's is replaced like any part (« Chantal Roy » becomes « Chantal Élève-… » when a
  student is named Roy): the safe side for the student.

Apostrophes (' ’ ʼ) match one another, so do hyphens (- ‐ ‑); case and accents are
ignored (« Lea DIALLO » is « Léa Diallo », in NFC or NFD): a name typed without its
accents is replaced too. ``found`` applies the same rules, so the final check of an
export finds exactly what ``text`` would have replaced (the check also reads the text in
its compatibility form, NFKC: full-width letters, ligatures).

A team member whose full name is a student's (``shared_full_names``) cannot be told apart
in free text: the adapter refuses to pseudonymise such a classeur (fail closed).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import re
import unicodedata
from collections.abc import Iterable

from classeur.layout import outputs

_APOSTROPHES = "'\u2019\u02bc"
_HYPHENS = "-\u2010\u2011"
_UNIFY = str.maketrans({**dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_HYPHENS, "-")})
_WORD = re.compile(rf"\w(?:[\w{re.escape(_APOSTROPHES + _HYPHENS)}]*\w)?")
_HYPHEN = re.compile(f"[{re.escape(_HYPHENS)}]")
# How a character of a name may be written in HTML or XML (entities).
_ESCAPED = {
    "'": ("&#39;", "&#x27;", "&apos;", "&rsquo;", "&#8217;", "&#x2019;"),
    "&": ("&amp;", "&#38;", "&#x26;"),
    '"': ("&quot;", "&#34;", "&#x22;"),
    "<": ("&lt;",),
    ">": ("&gt;",),
}


def normalise(name: str) -> str:
    """The form of a name that is hashed: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def fold(text: str) -> str:
    """``text`` without accents (compatibility decomposition, marks removed), case-folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _accented() -> dict[str, str]:
    """Base letter -> every Latin letter written on it (é è ê ë É… for e)."""
    table: dict[str, set[str]] = {}
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = fold(ch)
        if len(base) == 1 and base.isalpha() and base != ch.casefold():
            table.setdefault(base, set()).add(ch)
    return {b: "".join(sorted(v)) for b, v in table.items()}


_ACCENTED = _accented()


def code(name: str, key: bytes, length: int = outputs.PSEUDO_CODE_LENGTH) -> str:
    digest = hmac.new(key, normalise(name).encode("utf-8"), hashlib.sha256).digest()
    return outputs.PSEUDO_PREFIX + base64.b32encode(digest).decode("ascii")[:length]


def _key(text: str) -> str:
    """The form under which a name found in a text is looked up: ``normalise``, with one
    apostrophe and one hyphen, without accents."""
    return " ".join(fold(text.translate(_UNIFY)).split())


def shared_full_names(students: Iterable[str], others: Iterable[str]) -> list[str]:
    """The students' full names that are also the full name of someone shown in clear
    (a team member), ignoring case and accents."""
    adults = {_key(o) for o in others if o and o.strip()}
    return sorted({s.strip() for s in students if s and s.strip() and _key(s) in adults})


_PREFIX_KEYS = {_key(w) for w in _WORD.findall(outputs.PSEUDO_PREFIX)}


def name_parts(name: str) -> list[str]:
    """The parts of ``name`` replaced when typed alone: each word, and each piece of a
    hyphenated word, except particles, words of the code prefix and too short parts."""
    out: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFC", name)):
        pieces = _HYPHEN.split(word)
        for part in [word, *pieces] if len(pieces) > 1 else [word]:
            key = _key(part)
            if (
                sum(ch.isalpha() for ch in part) >= outputs.PSEUDO_PART_MIN_LETTERS
                and key not in outputs.PSEUDO_PARTICLES
                and key not in _PREFIX_KEYS
                and part not in out
            ):
                out.append(part)
    return out


class Pseudonymizer:
    """Replaces every student name, and every part of one typed alone, by a code.

    ``names`` are the students' full names; ``others`` the names of the people shown in
    clear (the team's members), whose parts shared with a student get a neutral code.
    """

    def __init__(self, names: Iterable[str], key: bytes, others: Iterable[str] = ()) -> None:
        students: dict[str, str] = {}  # lookup key -> the name as written
        for name in sorted({n.strip() for n in names if n and n.strip()}):
            students.setdefault(_key(name), name)
        owners: dict[str, set[str]] = {}  # part's lookup key -> students' lookup keys
        spelled: dict[str, str] = {}  # part's lookup key -> the part as written
        for student, name in students.items():
            for part in name_parts(name):
                pk = _key(part)
                if pk not in students:  # a one-word name is a full name
                    owners.setdefault(pk, set()).add(student)
                    spelled.setdefault(pk, part)
        adults = {_key(p) for o in others if o for p in name_parts(o)}
        shared = {pk for pk, who in owners.items() if len(who) > 1 or pk in adults}
        # What each code is computed from: the student's name, or the shared part itself.
        hashed = {k: normalise(n) for k, n in students.items()} | {pk: pk for pk in shared}
        codes = {k: code(v, key) for k, v in hashed.items()}
        # Two codes alike (very rare): give those longer codes.
        seen: dict[str, list[str]] = {}
        for k, c in codes.items():
            seen.setdefault(c, []).append(k)
        for clash in (v for v in seen.values() if len(v) > 1):
            for k in clash:
                codes[k] = code(hashed[k], key, outputs.PSEUDO_CODE_LENGTH + 6)
        self.codes = {k: codes[k] for k in students}  # lookup key of a full name -> code
        self.part_codes = {  # lookup key of a part -> code
            pk: codes[pk] if pk in shared else codes[next(iter(who))] for pk, who in owners.items()
        }
        self.names = sorted(students.values(), key=len, reverse=True)
        self.parts = sorted(spelled.values(), key=len, reverse=True)
        self._patterns = {
            markup: (_alternation(self.names, markup), _alternation(self.parts, markup))
            for markup in (False, True)
        }
        # The final check reads the same text many times (a document and the e-mail
        # that attaches it, a part and its compatibility form): each read once.
        self._found: dict[tuple[str, bool], list[str]] = {}

    def __call__(self, value: object) -> object:
        """``value`` with names replaced when it is text; other values unchanged."""
        if isinstance(value, str):
            return self.text(value)
        return value

    def text(self, text: str) -> str:
        if not self.names or not text:
            return text
        return self._replace(unicodedata.normalize("NFC", text), markup=False)

    def markup(self, text: str) -> str:
        """``text`` of HTML or XML, where names may be escaped (``L&#x27;Heureux``)."""
        if not self.names or not text:
            return text
        return self._replace(unicodedata.normalize("NFC", text), markup=True)

    def found(self, text: str, parts: bool = True) -> list[str]:
        """The names (and, with ``parts``, the parts of names) still present in ``text``:
        the final check of an export."""
        if not self.names or not text:
            return []
        if (text, parts) not in self._found:
            nfc = unicodedata.normalize("NFC", text)
            spans = self._spans(nfc, False, parts)
            self._found[(text, parts)] = sorted({nfc[s:e] for s, e, _ in spans})
        return list(self._found[(text, parts)])

    def _replace(self, text: str, markup: bool) -> str:
        out, pos = [], 0
        for start, end, replacement in self._spans(text, markup, True):
            out += [text[pos:start], replacement]
            pos = end
        return "".join([*out, text[pos:]])

    def _spans(self, text: str, markup: bool, parts: bool) -> list[tuple[int, int, str]]:
        """(start, end, code) of every name, then every part between them, in order."""
        full, part = self._patterns[markup]
        found: list[tuple[int, int, str]] = []
        gaps, pos = [], 0
        for m in full.finditer(text) if full else ():
            found.append((m.start(), m.end(), self.codes[_lookup(m.group(0), markup)]))
            gaps.append((pos, m.start()))
            pos = m.end()
        gaps.append((pos, len(text)))
        if part is None or not parts:
            return found
        for start, end in gaps:
            while (hit := part.search(text, start, end)) is not None:
                word = hit.group(0)
                if word.islower() or (word.isupper() and text.startswith("(", hit.end())):
                    start = hit.start() + 1  # an ordinary word, or a function: not a name
                    continue
                found.append((hit.start(), hit.end(), self.part_codes[_lookup(word, markup)]))
                start = hit.end()
        return sorted(found)


def _lookup(matched: str, markup: bool) -> str:
    return _key(html.unescape(matched) if markup else matched)


def _alternation(words: list[str], markup: bool) -> re.Pattern[str] | None:
    """Whole-word regex of ``words`` (longest first), any case."""
    if not words:
        return None
    alternatives = "|".join(_flexible(w, markup) for w in words)
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)


def _flexible(name: str, markup: bool) -> str:
    """Regex for ``name``: any run of whitespace between its words, any apostrophe, any
    hyphen; with ``markup``, characters may also be written as HTML/XML entities."""
    space = r"(?:\s|&nbsp;|&#160;|&#xa0;)+" if markup else r"\s+"
    words = unicodedata.normalize("NFC", name).split()
    return space.join("".join(_char(ch, markup) for ch in w) for w in words)


def _char(ch: str, markup: bool) -> str:
    if ch in _HYPHENS:
        return f"[{re.escape(_HYPHENS)}]"
    base = fold(ch)
    if len(base) == 1 and base.isalpha():  # the letter with or without any accent
        return f"[{re.escape(base + _ACCENTED.get(base, ''))}]"
    forms = list(_APOSTROPHES) if ch in _APOSTROPHES else [ch]
    if markup:
        forms += _ESCAPED.get("'" if ch in _APOSTROPHES else ch, ())
    if len(forms) == 1:
        return re.escape(ch)
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")"
