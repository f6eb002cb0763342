"""What if: sensitivity to hours, the hours a deadline needs, and scenarios side by side."""

from __future__ import annotations

import datetime as dt

import pytest

import eminence as em

TRIALS = 300


class TestSensitivity:
    def test_more_hours_never_make_a_goal_later(self) -> None:
        table = em.sensitivity(em.example("executive"), hours=[8, 1, 2, 4], trials=TRIALS)
        for goal in em.example("executive").goals:
            rows = [row for row in table.rows if row.projection.goal == goal.id]
            assert [row.hours_per_week for row in rows] == [1, 2, 4, 8]
            for field in ("expected_date", "p50", "p80"):
                dates = [getattr(row.projection, field) or dt.date.max for row in rows]
                assert dates == sorted(dates, reverse=True), (goal.id, field)

    def test_each_level_matches_a_plan_at_those_hours(self) -> None:
        profile = em.example("consultant")
        row = em.sensitivity(profile, hours=[3], trials=TRIALS).rows[0]
        at_three = profile.replace(capacity=profile.capacity.replace(hours_per_week=3))
        assert em.plan(at_three, trials=TRIALS).projections.goals[0] == row.projection

    @pytest.mark.parametrize("hours", [[0], [169], [float("nan")], []])
    def test_bad_hours_are_refused(self, hours: list[float]) -> None:
        with pytest.raises(em.EminenceError, match="hours"):
            em.sensitivity(em.example("executive"), hours=hours)


class TestRequiredHours:
    def test_the_answer_meets_the_confidence_and_a_little_less_does_not(self) -> None:
        profile = em.example("executive")
        answer = em.required_hours(profile, "practitioner-replies", confidence=0.5, trials=TRIALS)
        assert answer.hours_per_week is not None
        assert answer.chance >= 0.5
        less = profile.replace(
            capacity=profile.capacity.replace(hours_per_week=answer.hours_per_week - 0.05)
        )
        chance = em.plan(less, trials=TRIALS).projections.goal("practitioner-replies")
        assert chance.chance_by_deadline is not None
        assert chance.chance_by_deadline < 0.5

    def test_a_date_no_amount_of_hours_can_meet_is_said_plainly(self) -> None:
        answer = em.required_hours(
            em.example("executive"),
            "target-account-leads",
            by=dt.date(2027, 2, 1),
            trials=TRIALS,
        )
        assert answer.hours_per_week is None
        assert "no amount up to 168 h/week" in answer.explanation

    def test_a_later_date_needs_no_more_hours(self) -> None:
        profile = em.example("executive")
        sooner = em.required_hours(
            profile, "practitioner-replies", by=dt.date(2027, 12, 31), trials=TRIALS
        )
        later = em.required_hours(
            profile, "practitioner-replies", by=dt.date(2028, 12, 31), trials=TRIALS
        )
        assert sooner.hours_per_week is not None
        assert later.hours_per_week is not None
        assert later.hours_per_week <= sooner.hours_per_week

    @pytest.mark.parametrize("confidence", [0.0, 1.0, -0.5, 1.5])
    def test_confidence_must_be_inside_zero_and_one(self, confidence: float) -> None:
        with pytest.raises(em.EminenceError, match="confidence must be between 0 and 1"):
            em.required_hours(
                em.example("executive"), "practitioner-replies", confidence=confidence
            )

    def test_an_unknown_goal_lists_the_known_ones(self) -> None:
        with pytest.raises(em.UnknownReferenceError, match="known goals: practitioner-replies"):
            em.required_hours(em.example("executive"), "fame")

    def test_a_date_beyond_ten_years_is_refused(self) -> None:
        with pytest.raises(em.EminenceError, match="more than ten years after the start"):
            em.required_hours(
                em.example("executive"), "practitioner-replies", by=dt.date(2037, 6, 1)
            )

    def test_a_date_before_the_start_is_refused(self) -> None:
        with pytest.raises(em.EminenceError, match="is not after the plan's start"):
            em.required_hours(
                em.example("executive"), "practitioner-replies", by=dt.date(2026, 1, 1)
            )


class TestCompare:
    def test_scenarios_side_by_side(self) -> None:
        profile = em.example("consultant")
        more = profile.replace(capacity=profile.capacity.replace(hours_per_week=4))
        first, second = em.plan(profile, trials=TRIALS), em.plan(more, trials=TRIALS)
        comparison = em.compare(first, second, labels=["now", "doubled"])
        assert [s.label for s in comparison.scenarios] == ["now", "doubled"]
        assert comparison.scenarios[1].goals == second.projections.goals
        assert comparison.scenarios[0].hours_per_week == 2

    def test_labels_must_match_the_plans(self) -> None:
        plan = em.plan(em.example("consultant"), trials=TRIALS)
        with pytest.raises(em.EminenceError, match="2 labels for 1 plans"):
            em.compare(plan, labels=["a", "b"])
