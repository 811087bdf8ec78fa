"""The order of the tests for the workers (tests/scheduling.py): every test kept once,
tests sharing a fixture together, the longest first, the work shared evenly in the
slices xdist's worksteal hands out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import scheduling


@dataclass(frozen=True)
class Fake:
    nodeid: str


def test_slices_are_the_sizes_worksteal_sends() -> None:
    assert scheduling.slice_sizes(1088, 2) == [544, 544]
    assert scheduling.slice_sizes(7, 3) == [2, 2, 3]
    assert scheduling.slice_sizes(3, 1) == [3]


def test_longest_first_shared_evenly_and_groups_kept_together() -> None:
    costs = {"a": 100.0, "b": 90.0, "c": 40.0, "d": 40.0, "e": 10.0}
    items = [Fake(n) for n in ("e", "x1", "c", "a", "x2", "d", "b", "x3")]
    keys = [[], [], ["documents"], [], [], ["documents"], [], []]  # c and d share one
    got = [i.nodeid for i in scheduling.order(items, 2, costs, keys)]
    # Dealt longest first to the slice with the least work so far, each slice of 4:
    # a (100) | b (90), then c and d (80) to b's slice, e and the short ones to a's.
    assert got == ["a", "e", "x1", "x2", "b", "c", "d", "x3"]


def test_equal_costs_are_dealt_in_turn_in_collection_order() -> None:
    items = [Fake(n) for n in ("p", "q", "r", "s")]
    once = scheduling.order(items, 2, {}, [[], [], [], []])
    assert once == scheduling.order(list(items), 2, {}, [[], [], [], []])
    assert [i.nodeid for i in once] == ["p", "r", "q", "s"]


@given(
    st.lists(st.floats(0, 100), min_size=1, max_size=60),
    st.lists(st.integers(0, 5), min_size=60, max_size=60),
    st.integers(1, 4),
)
def test_every_test_runs_once_in_its_group(costs: list[float], group: list[int], w: int) -> None:
    items = [Fake(f"t{i}") for i in range(len(costs))]
    keys = [[g] if g else [] for g in group[: len(items)]]
    got = scheduling.order(items, w, {f"t{i}": c for i, c in enumerate(costs)}, keys)
    assert sorted(i.nodeid for i in got) == sorted(i.nodeid for i in items)
    for g in set(group) - {0}:  # a group's tests are next to each other
        where = [n for n, i in enumerate(got) if keys[int(i.nodeid[1:])] == [g]]
        if where:
            assert where == list(range(where[0], where[0] + len(where))), (g, where)


def test_recording_updates_the_tests_that_ran_and_keeps_the_others() -> None:
    before = {"ran::slow": 30.0, "ran::now_quick": 5.0, "other": 12.0}
    ran = {"ran::slow": 41.26, "ran::now_quick": 0.4, "ran::new": 2.0, "ran::quick": 0.1}
    assert scheduling.recorded(ran, before) == {"other": 12.0, "ran::new": 2.0, "ran::slow": 41.3}


@pytest.fixture(scope="module")
def shared_here() -> str:
    return "built once for the module"


@pytest.mark.parametrize("n", [1, 2])
def test_a_module_fixture_is_what_groups_tests(
    shared_here: str, tmp_path: Path, request: pytest.FixtureRequest, n: int
) -> None:
    """Read from pytest's own record of the test's fixtures (tmp_path, pytest's, is not
    one that groups)."""
    found = scheduling.shared_fixtures(request.node)
    assert found == [("shared_here", "tests/test_scheduling.py", "None")]
