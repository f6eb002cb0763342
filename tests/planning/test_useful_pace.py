"""Hours past the useful pace: the split never spends hours that buy nothing (issue 20, 4).

A venue's useful pace is where its next hour buys less than `USEFUL_RETURN` of its first.
The laws: placed hours never exceed the venues' useful paces; past the plan's useful hours
more hours are left over and change no split and, without one-off work (listening, events),
no goal's date; below it the split is what it always was.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.planning.allocation.profiled import split_curve
from eminence.planning.planner import Planner
from eminence.planning.rates import RateModel
from eminence.planning.response import USEFUL_RETURN, marginal_response, useful_pace
from eminence.planning.results import NoteKind, Plan
from eminence.testing.builders import random_profile_data


def _without_one_off_work(seed: int, hours: float) -> Profile:
    """A random profile whose venues need no listening and hold no events."""
    data = random_profile_data(seed, venues=5, events=0, hours_per_week=hours)
    for venue in data["venues"]:
        venue["listening_hours"] = 0.0
        venue["events"] = []
        venue.pop("max_hours_per_week", None)
    return Profile.model_validate(data)


def _outcomes(plan: Plan) -> list[float]:
    """Each goal's expected weeks (inf beyond the horizon) and level at the horizon."""
    return [
        value
        for goal in plan.projections.goals
        for value in (
            math.inf if goal.expected_weeks is None else goal.expected_weeks,
            goal.expected_at_horizon,
        )
    ]


class TestSplit:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(0, 10_000), st.floats(0.5, 168.0))
    def test_placed_hours_never_exceed_the_useful_paces(self, seed: int, hours: float) -> None:
        model = RateModel(_without_one_off_work(seed, 10.0))
        means = model.means()
        saturation = model.venue_saturation_hours(means)
        split = split_curve(model).split(hours)
        lower = np.array([venue.min_hours_per_week for venue in model.venues])
        assert np.all(split.hours <= np.maximum(useful_pace(saturation), lower) * (1 + 1e-9))
        gain = model.venue_gain_per_hour(means)
        # Every hour placed above a minimum still buys at least the useful share of the first.
        placed = split.hours > lower
        marginal = marginal_response(gain, saturation, split.hours)
        assert np.all(marginal[placed] >= USEFUL_RETURN * gain[placed] * (1 - 1e-9))

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(0, 10_000), st.floats(1.0, 100.0))
    @example(seed=622, extra=1.0)  # a profile whose useful hours are 0
    def test_hours_past_the_useful_hours_are_left_over(self, seed: int, extra: float) -> None:
        curve = split_curve(RateModel(_without_one_off_work(seed, 10.0)))
        full = curve.full_hours
        assert math.isfinite(full)
        base = max(full, 0.01)  # a split needs hours; a profile may have no useful ones
        at_full, beyond = curve.split(base), curve.split(base + extra)
        np.testing.assert_allclose(beyond.hours, at_full.hours, rtol=1e-9, atol=1e-12)
        assert beyond.leftover_hours == pytest.approx(at_full.leftover_hours + extra, rel=1e-9)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(0, 10_000), st.floats(0.0, 1.0))
    def test_each_venue_is_full_from_its_hours_and_not_before(
        self, seed: int, share: float
    ) -> None:
        curve = split_curve(RateModel(_without_one_off_work(seed, 10.0)))
        full_from, most = curve.full_from(), curve.split(curve.full_hours + 1.0).hours
        for venue, hours in enumerate(full_from.tolist()):
            if hours <= 0.0 or most[venue] <= 0.0:
                continue
            assert curve.split(hours).hours[venue] == pytest.approx(most[venue], rel=1e-9)
            below = hours * (0.5 + 0.5 * share) * (1 - 1e-6)
            if below > 0.0:
                assert curve.split(below).hours[venue] < most[venue] * (1 - 1e-12)


class TestPlan:
    @settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(0, 10_000), st.floats(0.5, 40.0))
    def test_hours_past_every_goals_useful_hours_change_no_date(
        self, seed: int, extra: float
    ) -> None:
        planner = Planner(_without_one_off_work(seed, 10.0), trials=50)
        useful = planner.plan().allocation.useful_hours_per_week
        assert useful is not None
        at, beyond = planner.plan(max(useful, 0.5)), planner.plan(min(useful + extra, 168.0))
        assert _outcomes(beyond) == pytest.approx(_outcomes(at), rel=1e-9)
        assert beyond.allocation.leftover_hours_per_week == pytest.approx(
            at.allocation.leftover_hours_per_week
            + beyond.allocation.hours_per_week
            - at.allocation.hours_per_week,
            rel=1e-9,
        )
        for goal in beyond.projections.goals:
            assert goal.useful_hours_per_week is None or goal.useful_hours_per_week <= useful * (
                1 + 1e-9
            )

    def test_the_consultant_at_100_hours_spends_what_buys_something(self) -> None:
        plan = em.Planner(em.example("consultant"), trials=100).plan(100.0)
        useful = plan.allocation.useful_hours_per_week
        assert useful is not None
        assert 10.0 < useful < 20.0
        assert plan.allocation.leftover_hours_per_week == pytest.approx(100.0 - useful)
        # A year of the plan costs the hours that buy progress, not the 100 h/week given.
        assert plan.costs.hours < 52 * 20.0
        past = [note for note in plan.notes if note.kind is NoteKind.PAST_USEFUL_PACE]
        assert {note.subject for note in past} == {g.goal for g in plan.projections.goals}
        assert all(f"{figures.hours_per_week(useful)} h/week" in note.message for note in past)

    @pytest.mark.parametrize("name", em.examples())
    def test_below_the_useful_pace_the_half_hours_ratio_says_how_linear(self, name: str) -> None:
        plan = em.Planner(em.example(name), trials=50)
        for hours in (0.5, 8.0, 200.0 / 2):
            for goal in plan.plan(hours).projections.goals:
                ratio = goal.half_hours_ratio
                assert ratio is None or 1.0 - 1e-9 <= ratio <= 2.0 + 1e-9
        useful = plan.plan().allocation.useful_hours_per_week
        assert useful is not None
        if 2.0 * useful <= 168.0:
            # Half of these hours are already past the useful pace: no faster at all.
            far = plan.plan(2.0 * useful).projections.goals
            assert all(g.half_hours_ratio == pytest.approx(1.0) for g in far)
