"""A replan is a plan: a `Planner` compiles the profile once (rates, calendar, draws, ranking,
the luck that does not depend on the hours) and a change of hours only splits and projects
again, giving the bytes a fresh plan of the profile at those hours gives."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.model import profile as profile_module
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


@pytest.mark.parametrize("name", em.examples())
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_a_profile_that_skipped_its_checks_is_refused_before_planning(
    name: str, data: st.DataObject
) -> None:
    # A copy made with `model_copy(update=...)` is not validated: the planner checks every
    # cross-reference once, up front, since its plans then carry the profile unchecked.
    profile = em.example(name)
    index = data.draw(st.integers(0, len(profile.goals) - 1), label="goal")
    goals = list(profile.goals)
    goals[index] = goals[index].model_copy(update={"metric": "no-such-metric"})
    unchecked = profile.model_copy(update={"goals": tuple(goals)})
    with pytest.raises(em.errors.InvalidInputError, match=rf"goals\[{index}\]\.metric"):
        em.Planner(unchecked, trials=TRIALS)


def test_a_replan_does_not_check_the_profile_again(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = em.Planner(em.example("consultant"), trials=TRIALS)
    checked: list[object] = []
    original = profile_module._problems

    def counted(profile: em.model.Profile) -> object:
        checked.append(profile)
        return original(profile)

    monkeypatch.setattr(profile_module, "_problems", counted)
    replanned = compiled.plan(7.5)
    assert checked == []
    # The plan is still valid: read back from its JSON, every check runs and passes.
    assert em.results.Plan.model_validate_json(replanned.model_dump_json()).profile == (
        replanned.profile
    )
    assert len(checked) == 1
