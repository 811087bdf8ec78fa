"""Notes a teacher types in a generated sheet (Résultats, Paliers, Fiche, Plan, an R tab's
header) survive its regeneration, or the command refuses: never erased without a word.
Pure.

The rule is the rencontre tab's (:func:`classeur.domain.rencontres.read_tab`): every cell
of the sheet as it is now is either understood and placed again, or the command stops
with the cell named and how to fix it. A generated sheet is rebuilt whole from the
classeur, so telling what Classeur wrote from what a teacher typed needs a memory of the
last generation: a short digest of every cell Classeur wrote (a formula, or a hash of its
text), kept in the hidden settings (« Paramètres », one key per sheet, see
:func:`classeur.layout.structure.generated_key`). On the next run, a cell of the sheet:

- in a zone the sheet's own module reads (``taken``: a Fiche answer, a Plan's day, a
  Paliers note) is the module's business;
- where Classeur wrote nothing is a note in a free cell, whatever its words: placed
  again, as typed (a link stays a link, a formula the teacher typed stays a formula,
  text stays text); refused only when the rebuilt sheet now needs that very cell;
- where Classeur wrote a formula (Excel's remote engine hands over the words it
  computes, not the formula), or its own text (its digest is in the memory: at that
  place, or at another when rows were inserted above) is generated: rebuilt;
- where Classeur wrote text, anything else was typed over generated content: refused
  (it would be lost), with the cell named.

A sheet written before this memory existed is treated as before for the cells Classeur
rewrites, and its notes elsewhere are kept.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from collections.abc import Callable, Mapping
from typing import Any

from classeur.domain import cellvalues, links
from classeur.errors import ClasseurError
from classeur.layout import a1, structure
from classeur.sheets.sheetdoc import Cell, SheetDoc, Update

Taken = Callable[[int, int], bool]
FORMULA = "="  # the memory's mark of a formula cell
# One settings cell holds at most this much of a memory (Excel keeps 32,767 characters per
# cell); a longer one (a school's Paliers: about 8 characters per cell) takes several keys.
CHUNK_CHARS = 30_000


def _nothing(r: int, c: int) -> bool:
    del r, c
    return False


def digest(value: Any) -> str:
    """A short hash of what a cell shows (spaces and control characters aside: the file
    adapter removes the latter, Excel may change line breaks)."""
    words = " ".join(cellvalues.shown(value).split())
    return hashlib.blake2b(words.encode("utf-8"), digest_size=3).hexdigest()


def memory_of(doc: SheetDoc, rows: int | None = None) -> str:
    """The memory of what ``doc`` writes (the first ``rows`` rows): typed cells aside."""
    parts = []
    for r, row in enumerate(doc.rows[:rows], start=1):
        for c, cell in enumerate(row, start=1):
            if cell is None or cell.typed or cell.value is None or cell.value == "":
                continue
            parts.append(f"{r},{c},{FORMULA if cell.formula else digest(cell.value)}")
    return base64.b64encode(zlib.compress(";".join(parts).encode("ascii"), 9)).decode()


def read_memory(text: str | None) -> dict[tuple[int, int], str] | None:
    """The memory kept in the settings; None when there is none (or it is unreadable:
    then the sheet is treated as one written before the memory existed)."""
    if not text:
        return None
    try:
        raw = zlib.decompress(base64.b64decode(text.encode("ascii"), validate=True))
        out = {}
        for part in raw.decode("ascii").split(";"):
            r, c, mark = part.split(",")
            out[(int(r), int(c))] = mark
        return out
    except (ValueError, zlib.error, UnicodeError):
        return None


def keep(
    update: Update,
    doc: SheetDoc,
    old: list[list[Any]] | None,
    settings: Mapping[str, str],
    taken: Taken = _nothing,
    rows: int | None = None,
) -> None:
    """Place the notes of ``old`` (the sheet as it is) into ``doc`` (its rebuild), or
    raise a French ClasseurError naming the cell; remember what ``doc`` writes in
    ``update.settings``. ``rows``: only the first rows are Classeur's to judge (an R
    tab's header: the rest is read by the tab's own reader)."""
    key = structure.generated_key(doc.name)
    memory = read_memory(_stored(settings, key))
    moved = set(memory.values()) - {FORMULA} if memory is not None else set()
    # Read with its formulas (a file, desktop Excel), the sheet shows its own formulas as
    # formulas: anything else where Classeur wrote one was typed over it. Read without
    # them (the remote engine's computed words), a formula cell cannot be told apart.
    with_formulas = any(_is_formula(v) for row in (old or [])[:rows] for v in row)
    for r, row in enumerate((old or [])[:rows], start=1):
        for c, value in enumerate(row, start=1):
            if cellvalues.is_blank(value) or taken(r, c):
                continue
            new = doc.cell(r, c)
            if memory is None:  # written before the memory existed: rewritten as before
                if rows is None and (new is None or new.value is None):
                    _place(doc, r, c, value)
                continue
            mark = memory.get((r, c))
            if mark is None:  # a free cell: a note, kept (never judged by its words)
                if rows is None:
                    _place(doc, r, c, value)
                continue
            # Where Classeur wrote: its own formula (or the words it computes), its own
            # text, or its text from another row (rows inserted above): rebuilt.
            if digest(value) in moved or (
                mark == FORMULA and (_is_formula(value) or not with_formulas)
            ):
                continue
            where = "écrit par-dessus une formule de Classeur" if mark == FORMULA else None
            raise _lost(doc.name, r, c, value, where or "écrit par-dessus ce que Classeur y génère")
    _store(update.settings, settings, key, memory_of(doc, rows))


def _is_formula(value: Any) -> bool:
    """Whether a cell was read as a formula (a file, desktop Excel; never the remote engine)."""
    return isinstance(value, links.Formula) or (
        isinstance(value, links.Link) and value.formula is not None
    )


def _stored(settings: Mapping[str, str], key: str) -> str:
    """A memory as the settings hold it: ``key``, then ``key#2``, ``key#3``…"""
    parts, n = [settings.get(key) or ""], 2
    while settings.get(f"{key}#{n}"):
        parts.append(settings[f"{key}#{n}"])
        n += 1
    return "".join(parts)


def _store(out: dict[str, str], settings: Mapping[str, str], key: str, memory: str) -> None:
    """Write ``memory`` in as many keys as it needs; empty the ones a longer one used."""
    chunks = [memory[i : i + CHUNK_CHARS] for i in range(0, len(memory), CHUNK_CHARS)] or [""]
    for n, chunk in enumerate(chunks, start=1):
        out[key if n == 1 else f"{key}#{n}"] = chunk
    n = len(chunks) + 1
    while settings.get(f"{key}#{n}"):
        out[f"{key}#{n}"] = ""
        n += 1


def _place(doc: SheetDoc, r: int, c: int, value: Any) -> None:
    """Put a note back where the teacher typed it, unless the rebuilt sheet needs it."""
    if _occupied(doc, r, c):
        raise _lost(
            doc.name, r, c, value, "à une place dont Classeur a maintenant besoin", moved=True
        )
    while len(doc.rows) < r:
        doc.blank()
    row = doc.rows[r - 1]
    row.extend([None] * (c - len(row)))
    row[c - 1] = typed_cell(value)


def _occupied(doc: SheetDoc, r: int, c: int) -> bool:
    """Whether the rebuilt sheet writes cell (r, c), merged areas included."""
    if r > len(doc.rows):
        return False
    for start, cell in enumerate(doc.rows[r - 1], start=1):
        if cell is not None and start <= c < start + max(cell.merge, 1):
            return cell.value is not None or start != c
    return False


def typed_cell(value: Any, number_format: str | None = None, style: str | None = None) -> Cell:
    """A cell the team typed, given back as it was: text stays text (even when it starts
    with « = »); a formula the teacher typed (the engine said so) stays a formula; a link
    (Insertion › Lien, or ``=HYPERLINK(…)``) stays a link."""
    if isinstance(value, links.Link) and value.formula is not None:
        return Cell(value.formula, style, number_format, formula=True, typed=True)
    if isinstance(value, links.Link):
        return Cell(str(value), style, number_format, url=value.target, typed=True)
    if isinstance(value, links.Formula):
        return Cell(str(value), style, number_format, formula=True, typed=True)
    return Cell(value, style, number_format, typed=True)


def _lost(sheet: str, r: int, c: int, value: Any, where: str, moved: bool = False) -> Exception:
    shown = cellvalues.shown(value)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    hint = (
        "Déplacez ce texte dans une case libre de la feuille (à droite ou sous ce que "
        "Classeur y écrit), puis relancez la commande; le texte y sera gardé."
    )
    if not moved:
        hint += " Si ce texte ne sert plus, effacez-le : Classeur réécrira la case."
    return ClasseurError(
        f"Cette case contient « {shown} », {where}; elle serait perdue en régénérant la feuille.",
        sheet=sheet,
        row=r,
        column=a1.column_letter(c),
        hint=hint,
    )
