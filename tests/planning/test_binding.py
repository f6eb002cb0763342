"""What binds a goal agrees with the hours search: a plan says more hours help only where
`required_hours` finds hours that reach the goal, and otherwise says what does."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning.limits import LIMITED, chance_asked
from eminence.planning.reach import CONFIDENCE
from eminence.testing import random_profile_data

TRIALS = 200


def _profile(seed: int, weeks: int) -> em.model.Profile:
    data = random_profile_data(seed, venues=4, events=2)
    start = dt.date.fromisoformat(data["capacity"]["start"])
    for goal in data["goals"]:
        goal["deadline"] = (start + dt.timedelta(weeks=weeks)).isoformat()
    return em.model.Profile.model_validate(data)


class TestWhatBindsAgreesWithRequiredHours:
    @settings(max_examples=12, deadline=None)
    @given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=10, max_value=150))
    def test_hours_help_if_and_only_if_some_hours_reach_the_goal(
        self, seed: int, weeks: int
    ) -> None:
        profile = _profile(seed, weeks)
        plan = em.plan(profile, trials=TRIALS)
        for goal in plan.projections.goals:
            if chance_asked(goal) >= CONFIDENCE:
                continue  # met at the plan's own hours
            needed = em.required_hours(profile, goal.goal, trials=TRIALS)
            if goal.binding in (em.results.Binding.HOURS, em.results.Binding.EVENT):
                assert needed.hours_per_week is not None, goal.explanation
                # The sensitivity is positive: those hours raise the chance above the plan's.
                (at_needed,) = [
                    row.projection
                    for row in em.sensitivity(profile, [needed.hours_per_week], trials=TRIALS).rows
                    if row.projection.goal == goal.goal
                ]
                assert chance_asked(at_needed) >= CONFIDENCE > chance_asked(goal)
            elif goal.binding in (*LIMITED, em.results.Binding.NOTHING):
                assert needed.hours_per_week is None, goal.explanation
                assert "more hours" not in goal.explanation or "do not help" in goal.explanation

    def test_a_goal_no_hours_reach_is_explained_by_what_does(self) -> None:
        # The consultant's invitations: 25 % at 2 h/week, at best 68 % at any hours.
        profile = em.example("consultant")
        plan = em.plan(profile)
        goal = plan.projections.goal("invitations-to-advise")
        assert em.required_hours(profile, goal.goal).hours_per_week is None
        assert goal.binding is em.results.Binding.DEADLINE
        assert "more hours do not help" in goal.explanation
        assert f"reached by {goal.p80}" in goal.explanation  # what would hold instead

    def test_the_sensitivity_table_says_the_same_as_the_plan(self) -> None:
        profile = em.example("consultant")
        table = em.sensitivity(profile, [profile.capacity.hours_per_week], trials=TRIALS)
        planned = em.plan(profile, trials=TRIALS).projections.goals
        assert [row.projection for row in table.rows] == list(planned)
