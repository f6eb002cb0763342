"""The cost of eminence: hours and money that add up across venues, events and goals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning.costs import COST_WEEKS
from eminence.planning.rates import RateModel
from eminence.planning.scheduled import booked
from eminence.testing import profile_data, random_profile_data


def _plan(data: dict[str, Any]) -> em.results.Plan:
    return em.plan(em.model.Profile.model_validate(data), trials=200)


def _calendar(plan: em.results.Plan, first: dt.date, last: dt.date) -> tuple[float, float]:
    """The hours and money of the calendar from ``first`` to ``last``, from its occurrences
    alone: the work blocks, and each event on its day with its attendance, fee and travel at
    its acceptance chance; contributions at their price, a year's fee spread over a year of
    contributions at the venue's natural cadence."""
    profile = plan.profile
    cadence = dict(zip((v.id for v in profile.venues), RateModel(profile).cadence, strict=True))
    events = {event.id: event for _, event in profile.events}
    hours = money = 0.0
    for occurrence in plan.schedule.occurrences(first, last):
        venue = profile.venue(occurrence.venue) if occurrence.venue else None
        if occurrence.kind.is_work:
            hours += occurrence.hours
            if venue is not None:
                yearly = venue.cost_per_year / (COST_WEEKS * float(cadence[venue.id]))
                money += occurrence.contributions * (venue.cost_per_contribution + yearly)
        elif occurrence.kind is em.results.ItemKind.EVENT and occurrence.event:
            event = events[occurrence.event]
            chance = event.acceptance_chance.mean
            hours += chance * occurrence.hours
            money += chance * (event.fee + event.travel_cost)
    return hours, money


def _with_money(data: dict[str, Any], price: float) -> dict[str, Any]:
    """The profile with every venue and event charging money, ``price`` apart."""
    for v, venue in enumerate(data["venues"]):
        venue["cost_per_contribution"] = price * (v % 3)
        venue["cost_per_year"] = 10 * price * (v % 2)
        for event in venue.get("events", []):
            event["fee"], event["travel_cost"] = 5 * price, 7 * price
    return data


class TestTheCalendarsCosts:
    """Costs of a period are the hours and money its calendar books, whatever they are for."""

    @settings(max_examples=15, deadline=None)
    @given(
        st.integers(min_value=0, max_value=10_000),
        st.one_of(st.floats(0.2, 2), st.floats(2, 30)),
        st.lists(st.tuples(st.integers(0, 400), st.integers(1, 30)), max_size=2),
        st.floats(1, 100),
    )
    # The projection's flows cost 3 h a week where the calendar gathers whole contributions.
    @example(seed=0, hours=3.0, days_off=[], price=10.0)
    def test_the_first_years_costs_are_its_calendars(
        self, seed: int, hours: float, days_off: list[tuple[int, int]], price: float
    ) -> None:
        data = _with_money(random_profile_data(seed, events=4, hours_per_week=hours), price)
        start = dt.date.fromisoformat(data["capacity"]["start"])
        data["capacity"]["hourly_rate"] = 100
        data["capacity"]["unavailable"] = [
            {
                "start": (start + dt.timedelta(days=offset)).isoformat(),
                "end": (start + dt.timedelta(days=offset + length)).isoformat(),
            }
            for offset, length in sorted(days_off)[:1]
        ]
        plan = _plan(data)
        last = start + dt.timedelta(weeks=plan.costs.weeks, days=-1)
        hours_booked, money = _calendar(plan, start, last)
        assert plan.costs.hours == pytest.approx(hours_booked, rel=1e-9, abs=1e-9)
        assert plan.costs.money == pytest.approx(money, rel=1e-9, abs=1e-9)
        assert plan.costs.total == pytest.approx(100 * hours_booked + money, rel=1e-9, abs=1e-9)

    @settings(max_examples=10, deadline=None)
    @given(st.integers(min_value=0, max_value=10_000), st.integers(0, 4))
    def test_any_whole_year_books_what_its_calendar_holds(self, seed: int, year: int) -> None:
        plan = _plan(random_profile_data(seed, events=4))
        first = plan.schedule.start + dt.timedelta(weeks=COST_WEEKS * year)
        last = first + dt.timedelta(weeks=COST_WEEKS, days=-1)
        assume(last <= plan.schedule.until)
        work = booked(plan.schedule, first, last)
        occurrences = plan.schedule.occurrences(first, last)
        by_kind = {
            "work": [o.hours for o in occurrences if o.kind.is_work],
            "attended": [o.hours for o in occurrences if o.kind is em.results.ItemKind.EVENT],
            "contributions": [o.contributions for o in occurrences if o.kind.is_work],
        }
        parts = (work.listening, work.contributing, work.event_work)
        assert sum(sum(part.values()) for part in parts) == pytest.approx(sum(by_kind["work"]))
        assert sum(work.attended.values()) == pytest.approx(sum(by_kind["attended"]))
        assert sum(work.contributions.values()) == pytest.approx(sum(by_kind["contributions"]))


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
    @given(st.integers(min_value=0, max_value=10_000), st.integers(1, 60), st.integers(5, 60))
    def test_a_year_costs_the_hours_it_schedules_whatever_they_are_for(
        self, seed: int, after: int, before: int
    ) -> None:
        """Work done this year for next year's event (its proposal, its listening) is a cost
        of this year, as the calendar books it."""
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
        proposal = sum(
            o.hours
            for o in plan.schedule.occurrences(start, end - dt.timedelta(days=1))
            if o.event == "next-year" and o.kind.is_work
        )
        assume(proposal > 0)
        (cost,) = (event for event in plan.costs.events if event.event == "next-year")
        assert cost.hours == pytest.approx(proposal, rel=1e-9)
        assert cost.money == 0  # its fee and travel fall on its date, next year
        hours, _ = _calendar(plan, start, end - dt.timedelta(days=1))
        assert plan.costs.hours == pytest.approx(hours, rel=1e-9)

    def test_a_plan_round_trips_through_json_with_its_costs(self) -> None:
        plan = em.plan(em.example("community"), trials=200)
        assert em.results.Plan.model_validate_json(plan.model_dump_json()) == plan

    def test_costs_that_do_not_add_up_are_refused(self) -> None:
        costs = em.plan(em.example("consultant"), trials=200).costs
        with pytest.raises(em.InvalidInputError, match="parts add up to"):
            costs.replace(total=costs.total + 1)


class TestWhatCosts:
    def test_a_venue_costs_the_listening_and_whole_contributions_its_calendar_books(
        self,
    ) -> None:
        data = profile_data()
        data["venues"] = data["venues"][:1]
        data["venues"][0]["cost_per_contribution"] = 10
        data["venues"][0]["cost_per_year"] = 52
        data["capacity"]["unavailable"] = []
        plan = _plan(data)
        (forum,) = plan.costs.venues
        block = plan.schedule.item("contribution.forum")
        year = block.days(last=plan.schedule.start + dt.timedelta(weeks=COST_WEEKS, days=-1))
        # All 4 listening hours, then the year's contribution blocks, a whole one each.
        assert forum.listening_hours == 4
        assert forum.contributions == len(year) * block.contributions
        assert forum.contributions == int(forum.contributions)
        assert forum.hours == pytest.approx(4 + len(year) * block.hours)
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
