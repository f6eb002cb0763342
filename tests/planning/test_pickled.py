"""A plan is data in another process too: pickled, it carries its schedule and costs."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.testing import random_profile


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 2))
def test_a_pickled_plan_is_the_plan(seed: int, events: int) -> None:
    plan = em.plan(random_profile(seed, venues=3, goals=2, events=events), trials=40)
    read = pickle.loads(pickle.dumps(plan))
    assert read.model_dump_json() == plan.model_dump_json()
    assert read.schedule == plan.schedule
    assert read.costs == plan.costs


def test_a_pickled_team_plan_is_the_team_plan() -> None:
    plan = em.plan_team(em.io.example_team("studio"), trials=40)
    assert pickle.loads(pickle.dumps(plan)).model_dump_json() == plan.model_dump_json()


def test_a_plan_pickled_before_its_schedule_was_read_still_has_it() -> None:
    plan = em.plan(em.example("consultant"), trials=40)
    read = pickle.loads(pickle.dumps(plan))
    fresh = em.plan(em.example("consultant"), trials=40)
    assert read.schedule == fresh.schedule
    assert read.costs == fresh.costs
