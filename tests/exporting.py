"""Exporting from tests exactly as the command does: the use case on the classeur file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from classeur import features
from classeur.files import filebook


def export(
    path: Path,
    kind: str,
    numero: int | None,
    formats: list[str],
    *,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
    **options: Any,
) -> Any:
    """``classeur exporter``'s use case on ``path``; the bundle's result (files, messages,
    document, recipients)."""
    request = features.ExportRequest(kind, numero, list(formats), **options)
    done = features.exporter(filebook.FileSource(Path(path)), request, now=now, today=today)
    return done.result
