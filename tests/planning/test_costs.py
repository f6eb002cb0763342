"""The cost of eminence: hours and money that add up across venues, events and goals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.costs import COST_WEEKS
from eminence.planning.rates import RateModel
from eminence.testing import profile_data, random_profile_data


def _plan(data: dict[str, Any]) -> em.results.Plan:
    return em.plan(em.model.Profile.model_validate(data), trials=200)


class TestAddingUp:
    @settings(max_examples=15, deadline=None)
    @given(st.integers(min_value=0, max_value=10_000))
    def test_costs_add_up_across_goals_and_venues(self, seed: int) -> None:
        data = random_profile_data(seed)
        data["capacity"]["hourly_rate"] = 100
        costs = _plan(data).costs
        sources: tuple[em.results.VenueCost | em.results.EventCost, ...] = (
            *costs.venues,
            *costs.events,
        )
        assert sum(source.total for source in sources) == pytest.approx(costs.total)
        assert sum(goal.cost for goal in costs.goals) + costs.unattributed == pytest.approx(
            costs.total
        )
        assert sum(goal.hours for goal in costs.goals) + costs.unattributed_hours == (
            pytest.approx(costs.hours)
        )
        assert costs.total == pytest.approx(100 * costs.hours + costs.money)

    @settings(max_examples=15, deadline=None)
    @given(st.integers(min_value=0, max_value=10_000), st.integers(0, 500), st.integers(3, 30))
    # A venue whose listening outlasts the horizon was costed at an even pace to the horizon,
    # not at the few hours a week the projection leaves it: 0.9 h more than the year had.
    @example(seed=4396, offset=0, days=3)
    def test_a_year_never_costs_more_hours_than_it_has(
        self, seed: int, offset: int, days: int
    ) -> None:
        # Listening that runs past the year's end counts only the part done within it.
        data = random_profile_data(seed, events=4)
        start = dt.date.fromisoformat(data["capacity"]["start"])
        first = start + dt.timedelta(days=offset)
        data["capacity"]["unavailable"] = [
            {"start": first.isoformat(), "end": (first + dt.timedelta(days=days)).isoformat()}
        ]
        plan = _plan(data)
        year = WorkingCalendar(plan.profile.capacity).working_weeks(
            start + dt.timedelta(weeks=plan.costs.weeks)
        )
        assert plan.costs.hours <= plan.profile.capacity.hours_per_week * year * (1 + 1e-9)

    @settings(max_examples=15, deadline=None)
    @given(st.integers(min_value=0, max_value=10_000), st.integers(1, 60), st.integers(5, 60))
    def test_a_year_costs_the_hours_it_schedules_whatever_they_are_for(
        self, seed: int, after: int, before: int
    ) -> None:
        """Work done this year for next year's event (its proposal, its listening) is a cost
        of this year: the year's hours are the week's hours over its working weeks."""
        data = random_profile_data(seed, events=2)
        start = dt.date.fromisoformat(data["capacity"]["start"])
        end = start + dt.timedelta(weeks=COST_WEEKS)
        day = end + dt.timedelta(days=after)
        data["venues"][0].setdefault("events", []).append(
            {
                "id": "next-year",
                "date": day.isoformat(),
                "proposal_deadline": (end - dt.timedelta(days=before)).isoformat(),
                "preparation_hours": {"low": 4, "likely": 6, "high": 8},
                "acceptance_chance": {"low": 0.8, "likely": 0.9, "high": 1.0},
                "yields": {"m-requests": {"low": 400, "likely": 500, "high": 600}},
            }
        )
        data["venues"][0]["yields"]["m-requests"] = {"low": 0.1, "likely": 0.2, "high": 0.3}
        plan = _plan(data)
        assume(any(e.event == "next-year" and e.taken for e in plan.allocation.events))
        # Hours past the useful pace are left over, and one-off work may use them: the law is
        # of a week the split fills.
        assume(plan.allocation.leftover_hours_per_week == 0.0)
        split = sum(venue.hours_per_week for venue in plan.allocation.venues)
        year = WorkingCalendar(plan.profile.capacity).working_weeks(end)
        assert plan.costs.hours == pytest.approx(split * year, rel=1e-9)
        assert any(event.event == "next-year" and event.hours > 0 for event in plan.costs.events)

    def test_a_plan_round_trips_through_json_with_its_costs(self) -> None:
        plan = em.plan(em.example("community"), trials=200)
        assert em.results.Plan.model_validate_json(plan.model_dump_json()) == plan

    def test_costs_that_do_not_add_up_are_refused(self) -> None:
        costs = em.plan(em.example("consultant"), trials=200).costs
        with pytest.raises(em.InvalidInputError, match="parts add up to"):
            costs.replace(total=costs.total + 1)


class TestWhatCosts:
    def test_hours_are_the_first_years_split_and_listening(self) -> None:
        data = profile_data()
        data["venues"] = data["venues"][:1]
        data["venues"][0]["cost_per_contribution"] = 10
        data["venues"][0]["cost_per_year"] = 52
        data["capacity"]["unavailable"] = []
        plan = _plan(data)
        (forum,) = plan.costs.venues
        # 3 h/week for 52 weeks; 4 of the first 3 * 52 hours listen.
        assert forum.hours == pytest.approx(3 * COST_WEEKS)
        assert forum.listening_hours == 4
        # The rest are contributing weeks, at the split's pace (the concave response).
        pace = plan.allocation.venue("forum").contributions_per_week
        assert pace < 3 / (5 / 6)
        assert forum.contributions == pytest.approx(pace * (3 * COST_WEEKS - 4) / 3)
        # The yearly fee is spread over a year of contributions at the natural cadence, as
        # the money budget's split weighs it: one money per contribution for both.
        cadence = float(RateModel(plan.profile).cadence[0])
        assert forum.money == pytest.approx(
            (10 + 52 / (COST_WEEKS * cadence)) * forum.contributions
        )
        assert forum.time_cost == pytest.approx(150 * forum.hours)

    def test_an_event_costs_its_fee_and_travel_at_its_acceptance_chance(self) -> None:
        data = profile_data()
        data["venues"][1]["events"][0]["travel_cost"] = 400
        plan = _plan(data)
        (choice,) = plan.allocation.events
        assert choice.taken
        (event,) = plan.costs.events
        assert event.money == pytest.approx(0.25 * (600 + 400))
        assert event.hours == pytest.approx(choice.expected_hours)

    def test_without_an_hourly_rate_hours_cost_nothing_and_say_so(self) -> None:
        data = profile_data()
        del data["capacity"]["hourly_rate"]
        costs = _plan(data).costs
        assert costs.hours > 0
        assert all(venue.time_cost == 0 for venue in costs.venues)
        assert "not priced" in costs.footnote

    def test_a_goal_served_alone_bears_its_venues_whole_cost(self) -> None:
        data = profile_data()
        data["goals"] = data["goals"][1:]
        costs = _plan(data).costs
        (goal,) = costs.goals
        assert goal.cost == pytest.approx(costs.total)
        assert goal.cost_per_outcome == pytest.approx(goal.cost / goal.outcomes)


class TestReturn:
    def test_value_outcomes_are_priced_by_the_segments_value_of_a_client(self) -> None:
        data = profile_data()
        data["segments"][0]["value_of_client"] = 50_000
        costs = _plan(data).costs
        inbound = costs.goal("inbound")
        assert inbound.value_if_won is not None
        assert inbound.value_if_won == pytest.approx(50_000 * inbound.outcomes)
        assert inbound.break_even_share == pytest.approx(inbound.cost / inbound.value_if_won)
        assert inbound.return_if_won == pytest.approx(inbound.value_if_won / inbound.cost - 1)
        # Replies are engagement, not value: no return is claimed for them.
        assert costs.goal("conversations").value_if_won is None

    def test_no_value_of_a_client_no_return(self) -> None:
        costs = _plan(profile_data()).costs
        assert costs.goal("inbound").break_even_share is None
