"""A batch forecast reports, per profile and goal, what the profile's plan would project."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.testing import random_profile

TRIALS = 60

CLOSED_FORM = ("goal", "target", "expected_weeks", "expected_date", "expected_at_horizon")
FROM_TRIALS = ("p50", "p80", "p95", "deadline", "chance_by_deadline", "chance_within_horizon")


def _projected(goal: em.planning.GoalProjection, fields: tuple[str, ...]) -> dict[str, object]:
    return {field: getattr(goal, field) for field in fields}


def _forecast(goal: em.planning.GoalForecast, fields: tuple[str, ...]) -> dict[str, object]:
    return {field: getattr(goal, field) for field in fields}


profile_seeds = st.lists(st.integers(0, 10**6), min_size=1, max_size=3)


class TestEqualToThePlan:
    @settings(max_examples=20, deadline=None)
    @given(profile_seeds, st.integers(0, 2**64), st.integers(1, 300))
    def test_every_number_is_the_plans_for_the_derived_seed(
        self, seeds: list[int], seed: int, trials: int
    ) -> None:
        profiles = [random_profile(s, venues=4, goals=2, events=2) for s in seeds]
        batch = em.plan_many(profiles, seed=seed, trials=trials, detail="forecast")
        fields = CLOSED_FORM + FROM_TRIALS
        for profile, outcome in zip(profiles, batch, strict=True):
            assert outcome.forecast is not None
            assert outcome.plan is None
            plan = em.plan(profile, seed=em.batch_seed(seed, profile), trials=trials)
            assert [_forecast(goal, fields) for goal in outcome.forecast.goals] == [
                _projected(goal, fields) for goal in plan.projections.goals
            ]
            assert (outcome.forecast.name, outcome.forecast.seed) == (profile.name, plan.seed)

    @settings(max_examples=20, deadline=None)
    @given(profile_seeds, st.integers(0, 2**64))
    def test_without_trials_the_closed_form_numbers_are_the_plans(
        self, seeds: list[int], seed: int
    ) -> None:
        profiles = [random_profile(s, venues=4, goals=2, events=2) for s in seeds]
        batch = em.plan_many(profiles, seed=seed, trials=0, detail="forecast")
        for profile, outcome in zip(profiles, batch, strict=True):
            assert outcome.forecast is not None
            plan = em.plan(profile, seed=em.batch_seed(seed, profile), trials=TRIALS)
            assert [_forecast(goal, CLOSED_FORM) for goal in outcome.forecast.goals] == [
                _projected(goal, CLOSED_FORM) for goal in plan.projections.goals
            ]
            # Nothing drawn, nothing made up: the trials' numbers are absent.
            for goal in outcome.forecast.goals:
                drawn = _forecast(goal, FROM_TRIALS)
                assert drawn == {**dict.fromkeys(FROM_TRIALS), "deadline": goal.deadline}

    @pytest.mark.parametrize("name", em.examples())
    def test_the_bundled_examples_forecast_as_they_plan(self, name: str) -> None:
        profile = em.example(name)
        forecast = em.planning.forecast(profile, seed=3, trials=TRIALS)
        plan = em.plan(profile, seed=3, trials=TRIALS)
        fields = CLOSED_FORM + FROM_TRIALS
        assert [_forecast(goal, fields) for goal in forecast.goals] == [
            _projected(goal, fields) for goal in plan.projections.goals
        ]


class TestInBatches:
    def test_errors_are_collected_as_in_a_plan_batch(self) -> None:
        sources = [em.example("consultant"), {"name": 3}]
        result = em.plan_many(sources, trials=TRIALS, detail="forecast").collect()  # type: ignore[arg-type]
        assert [o.ok for o in result] == [True, False]
        assert isinstance(result[1].error, em.InvalidInputError)
        assert result.plans == ()
        assert len(result.forecasts) == 1

    @pytest.mark.parametrize(
        ("options", "argument"),
        [({"detail": "schedule"}, "detail"), ({"trials": 0}, "trials")],
    )
    def test_bad_arguments_are_named(self, options: dict[str, object], argument: str) -> None:
        with pytest.raises(em.InvalidArgumentError) as caught:
            em.plan_many([], **options)  # type: ignore[arg-type]
        assert caught.value.argument == argument

    @pytest.mark.extra("pandas")
    def test_the_frame_of_a_forecast_is_the_frame_of_the_plans(self) -> None:
        profiles = [em.example("consultant"), em.example("executive")]
        planned = em.plan_many(profiles, seed=4, trials=TRIALS).collect().to_frame()
        forecast = (
            em.plan_many(profiles, seed=4, trials=TRIALS, detail="forecast").collect().to_frame()
        )
        assert forecast.equals(planned)

    @pytest.mark.extra("dask")
    def test_a_dask_bag_forecasts_as_the_local_batch(self) -> None:
        import dask.bag

        profiles = [random_profile(s, venues=3, goals=2, events=1) for s in range(4)]
        local = list(em.plan_many(profiles, seed=2, trials=TRIALS, detail="forecast"))
        bag = dask.bag.from_sequence(profiles, npartitions=3)
        outcomes = em.plan_bag(bag, seed=2, trials=TRIALS, detail="forecast")
        assert outcomes.compute(scheduler="synchronous") == local
