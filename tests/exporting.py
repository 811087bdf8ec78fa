"""Exporting from tests exactly as the command does: the use case on the classeur file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from classeur import features
from classeur.files import filebook


class _Source(filebook.FileSource):
    """The classeur file, with a PDF maker of the test's choosing."""

    def __init__(self, path: Path, maker: Callable[[Path, Path], Path] | None) -> None:
        super().__init__(path)
        self.maker = maker

    def pdf_maker(self, notes: list[str]) -> Any:
        return self.maker or super().pdf_maker(notes)


def export(
    path: Path,
    kind: str,
    numero: int | None,
    formats: list[str],
    *,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
    pdf_maker: Callable[[Path, Path], Path] | None = None,
    **options: Any,
) -> Any:
    """``classeur exporter``'s use case on ``path``; the bundle's result (files, messages,
    document, recipients)."""
    request = features.ExportRequest(kind, numero, list(formats), **options)
    done = features.exporter(_Source(Path(path), pdf_maker), request, now=now, today=today)
    return done.result
