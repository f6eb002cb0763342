"""A replan is a plan: a `Planner` compiles the profile once (rates, calendar, draws, ranking,
the luck that does not depend on the hours) and a change of hours only splits and projects
again, giving the bytes a fresh plan of the profile at those hours gives."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning.projection import trials
from eminence.testing import random_profile

TRIALS = 200
"""The explorer's trials."""


@functools.cache
def planner(name: str) -> em.Planner:
    """One planner per example, shared by every drawn hours: what it keeps must not leak from
    one replan into the next."""
    return em.Planner(em.example(name), trials=TRIALS)


def fresh(profile: em.model.Profile, hours: float, **options: int) -> str:
    at_hours = profile.replace(capacity=profile.capacity.replace(hours_per_week=hours))
    return em.plan(at_hours, **options).model_dump_json()


@pytest.mark.parametrize("name", em.examples())
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_a_replan_is_byte_for_byte_a_fresh_plan(name: str, data: st.DataObject) -> None:
    compiled = planner(name)
    lowest = max(compiled.model.committed_hours, 0.1)
    hours = data.draw(st.floats(lowest, 40.0, allow_nan=False), label="hours_per_week")
    replanned = compiled.plan(hours).model_dump_json()
    assert replanned == fresh(compiled.profile, hours, trials=TRIALS)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**16), hours=st.floats(0.5, 20.0))
def test_the_kept_luck_is_the_luck_drawn_block_by_block(seed: int, hours: float) -> None:
    # A plan with too many trials to keep its luck draws it as the blocks go (here two
    # blocks): the same numbers.
    profile = random_profile(seed)
    kept = fresh(profile, hours, seed=seed, trials=700)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(trials, "KEPT_LUCK_BYTES", 0)
        drawn = fresh(profile, hours, seed=seed, trials=700)
    assert drawn == kept
