"""Figures as the README prints them (French: fixed decimals, decimal comma), shared by
the benchmarks, which run as scripts (``python benchmarks/bench_….py``)."""

from __future__ import annotations


def fr(x: float, decimals: int = 2) -> str:
    """« 2,45 », « 1,00 »: ``x`` with ``decimals`` decimals and a decimal comma."""
    return f"{x:.{decimals}f}".replace(".", ",")
