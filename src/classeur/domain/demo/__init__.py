"""Blank and demo classeurs, as models (no I/O). Deterministic: same model every run.

- :mod:`.builders`: :func:`blank`, :func:`demo`, the demo's today (``DEMO_TODAY``) and the
  days its agendas were prepared (:func:`odj_day`);
- :mod:`.people`: the demo team, its schools and learnings, and its students' names;
- :mod:`.typed`: what the team typed in the tabs of the rencontres already held
  (:func:`saisies`).
"""

from __future__ import annotations

from classeur.domain.demo.builders import (
    DEFAULT_TITLES,
    DEMO_ODJ_PREPARE,
    DEMO_TODAY,
    blank,
    demo,
    odj_day,
)
from classeur.domain.demo.typed import saisies

__all__ = [
    "DEFAULT_TITLES",
    "DEMO_ODJ_PREPARE",
    "DEMO_TODAY",
    "blank",
    "demo",
    "odj_day",
    "saisies",
]
