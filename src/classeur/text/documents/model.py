"""A designed document (ordre du jour, compte rendu, bilan, fiche, plan, grille summary),
independent of any file format. Pure.

Each document is built from the MODEL by a builder of this package, never from the cells
of the sheet the team types in: the sheet carries instructions, statuses and empty
sections that are not for the recipients. The Word file (``files.export.word``) and the
PDF (``files.export.pdf``) both render this same object, so that they carry the same text
in the same order (:meth:`Document.lines` is that order; a test compares them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Span:
    """A run of text; ``link``: a web address it points to (rendered as a real link)."""

    text: str
    bold: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: a section, 2: a part of a section


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]
    note: bool = False  # a smaller, quieter line (dates, mentions)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Checklist:
    """Members with ☑/☐ (annexes 4 and 5 du CEE: « cocher les membres présents »)."""

    items: tuple[tuple[bool, str], ...]


@dataclass(frozen=True)
class RichText:
    """A table cell of several spans, some of them links (the notes of a rencontre, where
    a teacher inserted links); a span's text may hold line breaks."""

    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


CellText = str | RichText


def spans_of(cell: CellText) -> tuple[Span, ...]:
    """A cell's spans (plain text is one span)."""
    return cell.spans if isinstance(cell, RichText) else (Span(cell),)


def text_of(cell: CellText) -> str:
    """A cell's text, links shown by their text."""
    return cell.text if isinstance(cell, RichText) else cell


@dataclass(frozen=True)
class Table:
    """A table; ``weights``: the columns' relative widths (the renderers share the page's
    width by them, so a narrow « Temps » column and a wide text column fit their content);
    ``header``: the first row, repeated on each page. A cell is plain text or
    :class:`RichText` (text with links)."""

    header: tuple[str, ...]
    rows: tuple[tuple[CellText, ...], ...]
    weights: tuple[float, ...]
    bold_first_column: bool = False

    @property
    def has_links(self) -> bool:
        return any(
            s.link for row in self.rows for c in row if isinstance(c, RichText) for s in c.spans
        )


Block = Heading | Paragraph | Bullets | Checklist | Table

CHECKED = "☑"
UNCHECKED = "☐"


def para(*parts: str | Span, note: bool = False) -> Paragraph:
    """A paragraph of plain strings and spans."""
    return Paragraph(tuple(Span(p) if isinstance(p, str) else p for p in parts), note)


@dataclass
class Document:
    """A document to send: what the Word file and the PDF both show, in order."""

    title: str  # « Ordre du jour », « Compte rendu », « Bilan »…
    team: str  # the team's or réseau's title: the author and the page header
    subtitle: tuple[str, ...] = ()  # lines under the title (rencontre, date, place)
    header: str = ""  # the running header of every page
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def lines(self) -> Iterator[str]:
        """Every text of the body, in reading order (title, subtitle, then the blocks;
        a table row by row, a checklist with its boxes)."""
        yield self.title
        yield from self.subtitle
        for b in self.blocks:
            if isinstance(b, (Heading, Paragraph)):
                yield b.text
            elif isinstance(b, Bullets):
                yield from b.items
            elif isinstance(b, Checklist):
                yield from (f"{CHECKED if on else UNCHECKED} {t}" for on, t in b.items)
            else:
                yield from b.header
                for row in b.rows:
                    yield from (text_of(c) for c in row)

    def map_text(self, f: Callable[[str], str]) -> Document:
        """A copy with every text passed through ``f`` (used to pseudonymise)."""

        def cell(c: CellText) -> CellText:
            if isinstance(c, RichText):
                return RichText(tuple(replace(s, text=f(s.text)) for s in c.spans))
            return f(c)

        def block(b: Block) -> Block:
            if isinstance(b, Heading):
                return replace(b, text=f(b.text))
            if isinstance(b, Paragraph):
                return replace(b, spans=tuple(replace(s, text=f(s.text)) for s in b.spans))
            if isinstance(b, Bullets):
                return Bullets(tuple(f(t) for t in b.items))
            if isinstance(b, Checklist):
                return Checklist(tuple((on, f(t)) for on, t in b.items))
            return replace(
                b,
                header=tuple(f(t) for t in b.header),
                rows=tuple(tuple(cell(c) for c in r) for r in b.rows),
            )

        return Document(
            f(self.title),
            f(self.team),
            tuple(f(s) for s in self.subtitle),
            f(self.header),
            [block(b) for b in self.blocks],
            self.landscape,
        )
