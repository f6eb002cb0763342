"""One objective, and vanity that steers (issue 20): focus and vanity goals only tracked, as
laws over generated profiles."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.errors import VanityGoalWarning
from eminence.planning.results.focus import SCATTERED
from eminence.testing import random_profile_data

SEEDS = st.integers(0, 2**32 - 1)
TRIALS = 50


def _profile(data: dict[str, Any]) -> em.model.Profile:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", VanityGoalWarning)
        return em.loads(data)


def _without(profile: em.model.Profile, goal_ids: set[str]) -> em.model.Profile:
    kept = [goal for goal in profile.goals if goal.id not in goal_ids]
    return profile.model_copy(update={"goals": tuple(kept)})


def _plan(profile: em.model.Profile) -> em.results.Plan:
    return em.plan(profile, trials=TRIALS)


def _scattered(seed: int, goals: int = 4) -> em.model.Profile:
    """A profile whose goals each count their own metric at venues of their own."""
    data = random_profile_data(seed, venues=goals, goals=goals, events=0, peers=0)
    data["metrics"] = [{"id": f"m{index}", "kind": "value"} for index in range(goals)]
    for index, (venue, goal) in enumerate(zip(data["venues"], data["goals"], strict=True)):
        venue["yields"] = {f"m{index}": {"low": 0.5, "likely": 1.0, "high": 1.5}}
        venue["audience"] = {"s0": 0.5}
        venue.update(listening_hours=0.0, cadence=5.0, min_hours_per_week=0.5)
        goal.update(metric=f"m{index}", segments=["s0"])
    data["capacity"]["hours_per_week"] = 4.0 * goals
    return em.loads(data)


class TestVanityTracked:
    @settings(max_examples=15)
    @given(SEEDS, st.integers(1, 3), st.integers(1, 2))
    def test_the_split_is_the_split_without_the_vanity_goals(
        self, seed: int, goals: int, vanity_goals: int
    ) -> None:
        data = random_profile_data(seed, goals=goals, vanity_goals=vanity_goals)
        tracked = _profile({**data, "vanity": "track"})
        vanity = {goal.id for goal in tracked.goals if goal.metric == "m-followers"}
        plan, without = _plan(tracked), _plan(_without(tracked, vanity))
        assert plan.allocation == without.allocation
        assert [item.venue for item in plan.priorities.items] == [
            item.venue for item in without.priorities.items
        ]
        projected = {projection.goal for projection in plan.projections.goals}
        assert vanity <= projected
        # The draws hold the vanity goals' yields too, so only the expected dates are shared;
        # to the last bits, which a product over one more goal's column may round otherwise.
        for goal in without.projections.goals:
            tracked_goal = plan.projections.goal(goal.goal)
            if goal.expected_weeks is None:
                assert tracked_goal.expected_weeks is None
            else:
                assert tracked_goal.expected_weeks == pytest.approx(goal.expected_weeks, rel=1e-12)
            assert tracked_goal.expected_date == goal.expected_date

    def test_a_tracked_vanity_goal_is_still_served_and_noted_as_vanity(self) -> None:
        data = random_profile_data(3, goals=1, vanity_goals=1, events=0)
        plan = _plan(_profile({**data, "vanity": "track"}))
        kinds = {(note.kind, note.subject) for note in plan.notes}
        assert (em.results.NoteKind.VANITY_GOAL, "vanity0") in kinds
        assert (em.results.NoteKind.UNSERVED_GOAL, "vanity0") not in kinds
        assert plan.projections.goal("vanity0").expected_at_horizon > 0
        assert plan.focus is not None
        assert plan.focus.goal("vanity0").hours_share == 0

    def test_tracking_every_goal_is_refused_naming_the_field(self) -> None:
        data = random_profile_data(1, goals=1, vanity_goals=1)
        data["goals"] = data["goals"][1:]
        with pytest.raises(em.errors.InvalidInputError, match="vanity") as error:
            _profile({**data, "vanity": "track"})
        assert [problem.path for problem in error.value.problems] == ["vanity"]

    def test_a_profile_steering_by_vanity_is_written_as_before(self) -> None:
        profile = em.example("executive")
        assert "vanity" not in em.dump(profile)
        tracked = profile.model_copy(update={"vanity": em.model.Vanity.TRACK})
        assert em.loads(em.dump(tracked)).vanity is em.model.Vanity.TRACK


class TestVanityCost:
    @settings(max_examples=10)
    @given(SEEDS, st.integers(1, 2))
    def test_the_cost_is_the_dates_of_a_plan_with_vanity_tracked(
        self, seed: int, goals: int
    ) -> None:
        profile = _profile(random_profile_data(seed, goals=goals, vanity_goals=1))
        plan = _plan(profile)
        tracked = _plan(profile.model_copy(update={"vanity": em.model.Vanity.TRACK}))
        assert plan.focus is not None
        assert [change.goal for change in plan.focus.vanity_cost] == [
            goal.id for goal in profile.goals if goal.metric != "m-followers"
        ]
        for change in plan.focus.vanity_cost:
            assert change.what_if_weeks == tracked.projections.goal(change.goal).expected_weeks
            assert change.what_if_date == tracked.projections.goal(change.goal).expected_date
            assert change.planned_date == plan.projections.goal(change.goal).expected_date
        noted = [note for note in plan.notes if note.kind is em.results.NoteKind.VANITY_COST]
        later = [
            change
            for change in plan.focus.vanity_cost
            if change.what_if_date is not None
            and (change.planned_date is None or change.planned_date > change.what_if_date)
        ]
        assert bool(noted) == bool(later)

    def test_the_reach_goal_of_an_example_names_the_goals_it_delays_and_by_how_much(
        self,
    ) -> None:
        profile = em.example("executive")
        reach = em.model.Goal(id="impressions", metric="impressions", target=2000)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", VanityGoalWarning)
            plan = _plan(profile.model_copy(update={"goals": (*profile.goals, reach)}))
        (note,) = [note for note in plan.notes if note.kind is em.results.NoteKind.VANITY_COST]
        assert note.subject == "impressions"
        assert note.message.startswith("the reach goal 'impressions' delays")
        assert "'Four qualified leads from target accounts' by about 18 months" in note.message

    def test_no_cost_is_measured_when_vanity_goals_do_not_steer_or_there_are_none(
        self,
    ) -> None:
        plain = _plan(em.example("consultant"))
        data = random_profile_data(2, goals=1, vanity_goals=1)
        tracked = _plan(_profile({**data, "vanity": "track"}))
        for plan in (plain, tracked):
            assert plan.focus is not None
            assert plan.focus.vanity_cost == ()
            assert em.results.NoteKind.VANITY_COST not in {note.kind for note in plan.notes}


class TestFocus:
    @settings(max_examples=25)
    @given(SEEDS, st.integers(0, 3))
    def test_one_goal_has_perfect_focus_and_no_note(self, seed: int, events: int) -> None:
        plan = _plan(em.loads(random_profile_data(seed, goals=1, events=events)))
        assert plan.focus is not None
        assert plan.focus.score == 1.0
        assert plan.focus.weakest is None
        assert plan.focus.without_weakest == ()
        assert em.results.NoteKind.SCATTERED_GOALS not in {note.kind for note in plan.notes}

    @settings(max_examples=25)
    @given(SEEDS, st.integers(2, 5))
    def test_the_measure_is_a_share_of_hours_weighted_by_goal(self, seed: int, goals: int) -> None:
        plan = _plan(em.loads(random_profile_data(seed, goals=goals)))
        focus = plan.focus
        assert focus is not None
        shares = [goal.hours_share for goal in focus.goals]
        placed = sum(venue.hours_per_week for venue in plan.allocation.venues)
        assert sum(shares) == pytest.approx(1.0 if placed > 0 else 0.0)
        assert 0.0 <= focus.score <= 1.0
        taking = [goal for goal in focus.goals if goal.hours_share > 0]
        if len(taking) >= 2:
            expected = sum(g.hours_share * (1 - (g.distance or 0.0)) for g in taking)
            assert focus.score == pytest.approx(expected)
        assert (focus.weakest is not None) == focus.scattered

    @settings(max_examples=10)
    @given(SEEDS, st.integers(2, 5))
    def test_goals_on_venues_of_their_own_scatter_and_the_note_measures_dropping_the_weakest(
        self, seed: int, goals: int
    ) -> None:
        profile = _scattered(seed, goals)
        plan = _plan(profile)
        focus = plan.focus
        assert focus is not None
        taking = {goal.goal for goal in focus.goals if goal.hours_share > 0}
        if len(taking) < 2:
            assert focus.score == 1.0
            assert focus.weakest is None
            return
        assert focus.score == pytest.approx(0.0, abs=1e-9)
        assert focus.score < SCATTERED
        weakest = min(
            (goal for goal in profile.goals if goal.id in taking),
            key=lambda goal: (goal.priority, goal.id),
        )
        assert focus.weakest == weakest.id
        replan = _plan(_without(profile, {weakest.id}))
        assert [change.goal for change in focus.without_weakest] == [
            goal.goal for goal in replan.projections.goals
        ]
        for change in focus.without_weakest:
            again = replan.projections.goal(change.goal)
            planned = plan.projections.goal(change.goal)
            assert (change.what_if_weeks, change.what_if_date) == (
                again.expected_weeks,
                again.expected_date,
            )
            if again.expected_weeks is not None and planned.expected_weeks is not None:
                assert change.weeks_saved == planned.expected_weeks - again.expected_weeks
        (note,) = [n for n in plan.notes if n.kind is em.results.NoteKind.SCATTERED_GOALS]
        assert note.subject == weakest.id
        assert "dropping or deferring it brings" in note.message

    @settings(max_examples=10)
    @given(SEEDS)
    def test_the_weeks_saved_equal_a_replan_without_the_weakest_goal(self, seed: int) -> None:
        profile = em.loads(random_profile_data(seed, goals=5, venues=8))
        plan = _plan(profile)
        assert plan.focus is not None
        if plan.focus.weakest is None:
            return
        replan = _plan(_without(profile, {plan.focus.weakest}))
        for change in plan.focus.without_weakest:
            again = replan.projections.goal(change.goal)
            assert change.what_if_weeks == again.expected_weeks
            assert change.what_if_date == again.expected_date

    def test_a_planner_replans_the_focus_at_other_hours_as_a_plan_does(self) -> None:
        profile = _scattered(7, 3)
        planner = em.Planner(profile, trials=TRIALS)
        hours = profile.capacity.hours_per_week * 2
        capacity = profile.capacity.replace(hours_per_week=hours)
        alone = _plan(profile.model_copy(update={"capacity": capacity}))
        assert planner.plan(hours).focus == alone.focus
        assert planner.plan(hours).notes == alone.notes
