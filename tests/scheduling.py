"""The order the test workers run the tests in: the longest first, evenly shared.

pytest-xdist's ``worksteal`` gives each of the W workers one contiguous slice of the
collected tests (the same number of tests each), then lets an idle worker take the second
half of a busy one's queue. Collected in file order, one worker got the LibreOffice-heavy
files and the other finished a minute earlier; a long test queued last ran alone at the
end; and the tests of a module sharing a module-scoped fixture (the demos' exported
documents) were split between both workers, which each built it.

So each worker (every one computes the same order, as xdist requires) sorts its collection:
tests sharing a fixture wider than one test (module, session) stay together as one unit;
units are dealt, longest first, to the W slices with the least work so far, each slice
exactly the size xdist will give it; each slice runs its longest units first. What is left
for stealing at the end of a queue is the shortest tests. Costs are the seconds recorded
in ``costs.json`` (``pytest --record-costs``); a test not listed costs ``DEFAULT_COST``.
Nothing here changes what a test does, only when it runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

COSTS = Path(__file__).with_name("costs.json")
DEFAULT_COST = 0.2  # seconds: about a typical test without LibreOffice
RECORD_MIN = 1.0  # tests quicker than this are not recorded (the default fits them)
_WIDE_SCOPES = ("module", "package", "session", "class")
# Caches that each worker fills on first use, at a cost smaller than what keeping all
# their users on one worker would cost the balance.
UNGROUPED = frozenset({"built_demo"})


class Item(Protocol):
    nodeid: str


def load_costs(path: Path = COSTS) -> dict[str, float]:
    try:
        return {str(k): float(v) for k, v in json.loads(path.read_text("utf-8")).items()}
    except (OSError, ValueError):
        return {}


def shared_fixtures(item: Any) -> list[tuple[str, str, str]]:
    """(name, where defined, parameter) of each fixture ``item`` shares with other tests:
    the tests' own fixtures of a scope wider than the test (pytest's are cheap)."""
    info = getattr(item, "_fixtureinfo", None)
    params = getattr(getattr(item, "callspec", None), "params", {})
    found = []
    for name, defs in (getattr(info, "name2fixturedefs", None) or {}).items():
        fixture = defs[-1]
        module = getattr(getattr(fixture, "func", None), "__module__", "") or ""
        ours = module.split(".")[0] == "tests" and name not in UNGROUPED
        if ours and fixture.scope in _WIDE_SCOPES:
            found.append((name, fixture.baseid, repr(params.get(name))))
    return found


def units(items: Sequence[Any], keys: Sequence[Iterable[object]]) -> list[list[int]]:
    """Indices of ``items`` grouped so that items sharing any key are in one group (in
    collection order inside a group, groups by their first item)."""
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[object, int] = {}
    for i, item_keys in enumerate(keys):
        for key in item_keys:
            j = first.setdefault(key, i)
            a, b = root(i), root(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def slice_sizes(n: int, workers: int) -> list[int]:
    """How many tests xdist's worksteal first sends to each worker (its own arithmetic)."""
    sizes, remaining = [], n
    for i in range(workers):
        size = remaining // (workers - i)
        sizes.append(size)
        remaining -= size
    return sizes


def order(
    items: Sequence[Any],
    workers: int,
    costs: Mapping[str, float],
    keys: Sequence[Iterable[object]] | None = None,
) -> list[Any]:
    """``items`` reordered for ``workers`` workers (see the module's docstring)."""
    if keys is None:
        keys = [shared_fixtures(item) for item in items]
    groups = units(items, keys)

    def cost(group: list[int]) -> float:
        return sum(costs.get(items[i].nodeid, DEFAULT_COST) for i in group)

    ranked = sorted(groups, key=lambda g: (-cost(g), g[0]))
    sizes = slice_sizes(len(items), max(1, workers))
    slices: list[list[int]] = [[] for _ in sizes]
    work = [0.0] * len(sizes)
    for group in ranked:
        room = [s for s in range(len(sizes)) if len(slices[s]) + len(group) <= sizes[s]]
        if room:
            s = min(room, key=lambda s: (work[s], s))
        else:  # cannot happen with unit-sized groups left; keep every test anyway
            s = max(range(len(sizes)), key=lambda s: (sizes[s] - len(slices[s]), -s))
        slices[s] += group
        work[s] += cost(group)
    return [items[i] for part in slices for i in part]


def recorded(durations: Mapping[str, float], before: Mapping[str, float]) -> dict[str, float]:
    """What ``--record-costs`` writes: the tests that ran, when they took at least
    ``RECORD_MIN`` seconds, and what ``before`` says of the tests that did not run (a run
    of a few files updates their costs only)."""
    kept = {k: v for k, v in before.items() if k not in durations}
    ran = {k: round(v, 1) for k, v in durations.items() if v >= RECORD_MIN}
    return dict(sorted({**kept, **ran}.items()))
