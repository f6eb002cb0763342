"""A batch streams: each outcome comes as its profile is planned, in input order, and the
batch holds one outcome at a time, however many profiles flow through it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import eminence as em
from eminence.testing import random_profile_data

PROFILES = 1_000


def _documents(count: int, read: list[int] | None = None) -> Iterator[dict[str, object]]:
    """Small profiles made as they are asked for, noting each one read."""
    for seed in range(count):
        if read is not None:
            read.append(seed)
        yield random_profile_data(seed, venues=2, goals=1, events=0)


def _forecasts(count: int) -> em.batch.Batch:
    return em.plan_many(_documents(count), trials=0, detail="forecast", errors="raise")


def _outcomes_alive() -> int:
    return sum(isinstance(thing, em.batch.Outcome) for thing in gc.get_objects())


def test_each_outcome_comes_as_its_profile_is_planned_in_input_order() -> None:
    read: list[int] = []
    batch = em.plan_many(_documents(5, read), trials=0, detail="forecast")
    assert read == []
    indices = []
    for outcome in batch:
        # The profile after this one is not read before this outcome is handed over.
        assert read == list(range(outcome.index + 1))
        indices.append(outcome.index)
    assert indices == list(range(5))


def test_a_stream_of_a_thousand_profiles_holds_one_outcome_at_a_time() -> None:
    before = _outcomes_alive()  # what other tests keep
    collected = _forecasts(20).collect()
    assert _outcomes_alive() == before + 20  # the count sees outcomes that are kept
    del collected
    most = 0
    for outcome in _forecasts(PROFILES):
        assert outcome.ok
        if outcome.index % 25 == 0:  # counting walks every object: often enough to see a pile
            most = max(most, _outcomes_alive() - before)
    assert most == 1
