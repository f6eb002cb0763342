"""The cost of eminence: hours and money per venue, per event, per goal and per value outcome.

Costs cover the plan's first year (`COST_WEEKS` weeks from its start, or the whole horizon if
it is shorter), in expectation:

* **A venue**: the listening hours done within the year, week by week as the projection
  phases its listening in with the hours the venues already active leave free, and the hours
  its contributions take (its hours per week over the weeks it is active, on the projection's
  own clock). Contributions follow the concave response, as in the projection; the money is
  the contributions times `RateModel.venue_money_per_contribution`: ``cost_per_contribution``
  plus ``cost_per_year`` spread over a year of contributions at the natural cadence. A money
  budget's split weighs the very same money, so a plan's first-year money never exceeds the
  budget (the events' fees included: the choice leaves out events the budget cannot pay).
* **An event** the plan takes: the expected hours of its work the year schedules (the
  listening it owes its venue, the proposal, then preparation and attendance when accepted),
  whatever its date, so a proposal written this year for next year's event is this year's
  cost; and, when it is dated within the year, its fee and travel cost times the mean
  acceptance chance.
* **Hours** are priced at ``capacity.hourly_rate``; without one they are counted but cost
  nothing, and the footnote says so.

**Per goal**, each venue's and event's cost is split among the goals in proportion to its
expected progress toward each (units of the goal's metric over the year as a fraction of the
target, weighted by priority: the planner's own scale). A venue that moves no goal is
*unattributed*. Goals and the unattributed part add up to the total, as venues and events do.

**Per outcome**, a goal's cost is divided by the outcomes of its metric the year is expected
to bring (for a stock, the arrivals before churn). For a goal on a value metric whose segments
give ``value_of_client``, ``value_if_won`` is what the outcomes would be worth if every one won
a client (at the size-weighted mean value of those segments), and ``break_even_share`` is the
share of them that must become clients to pay the cost: the return on investment, honestly
stated without a conversion rate nobody knows.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from eminence.model import MetricKind, Profile
from eminence.planning.rates import YEAR_WEEKS
from eminence.planning.results import Allocation, Costs, EventCost, GoalCost, VenueCost

if TYPE_CHECKING:
    from eminence.planning.projection import ExpectedFlows
    from eminence.planning.rates import RateModel

__all__ = ("COST_WEEKS", "plan_costs")

COST_WEEKS = YEAR_WEEKS
"""Costs are counted over the plan's first year: the budget people plan and report in."""


def plan_costs(model: RateModel, allocation: Allocation, flows: ExpectedFlows) -> Costs:
    """The expected costs of a plan's first year (see the module for every rule)."""
    profile = model.profile
    week = min(COST_WEEKS, len(flows.dates) - 1)
    end = flows.dates[week]
    rate = profile.capacity.hourly_rate
    price = rate or 0.0
    means = model.means()
    scale = model.goal_scale

    venues: list[VenueCost] = []
    events: list[EventCost] = []
    progress: list[np.ndarray] = []  # each source's progress toward each goal
    # Every sum here is exact (fsum), so the order of the profile's lists changes no bit.
    venue_units, event_units = flows.venue_units(week), flows.event_units(week)
    units = _sums(np.concatenate((venue_units, event_units)))
    # An event costs the work this year schedules for it, whatever its date: a proposal for
    # next year's event is written this year. Its fee and travel fall on its date.
    event_work = flows.event_work(week)
    eventual_units = flows.event_units(len(flows.dates) - 1)
    taken = [
        e
        for e, choice in enumerate(allocation.events)
        if choice.taken and (choice.date <= end or event_work[e] > 0.0)
    ]
    money_per_contribution = model.venue_money_per_contribution()
    for v, venue in enumerate(model.venues):
        contribution_hours = float(flows.contribution_hours[v, week])
        listening = float(flows.listening_hours[v, week])
        hours = contribution_hours + listening
        if hours <= 0.0:
            continue
        contributions = float(flows.contributions[v, week])
        venues.append(
            VenueCost(
                venue=venue.id,
                name=venue.name or venue.id,
                hours=hours,
                listening_hours=listening,
                contributions=contributions,
                time_cost=hours * price,
                money=contributions * float(money_per_contribution[v]),
            )
        )
        progress.append(venue_units[v] * scale)
    for e in taken:
        venue, event = model.events[e]
        choice = allocation.events[e]
        chance = float(means[model.event_acceptance[e]]) if choice.date <= end else 0.0
        work = float(event_work[e])
        events.append(
            EventCost(
                venue=venue.id,
                event=event.id,
                name=choice.name,
                date=event.date,
                hours=work,
                time_cost=work * price,
                money=chance * (event.fee + event.travel_cost),
            )
        )
        # Shared by the goals the event moves, on its date this year or later.
        progress.append(eventual_units[e] * scale)

    sources: list[VenueCost | EventCost] = [*venues, *events]
    shares = np.zeros((len(sources), len(model.goals)))
    for row, moved in zip(shares, progress, strict=True):
        total = math.fsum(moved)
        if total > 0.0:
            row[:] = moved / total
    goal_hours = _sums(shares * np.array([source.hours for source in sources]).reshape(-1, 1))
    goal_cost = _sums(shares * np.array([source.total for source in sources]).reshape(-1, 1))
    hours = math.fsum(source.hours for source in sources)
    cost = math.fsum(source.total for source in sources)
    goals = tuple(
        _goal_cost(profile, g, float(goal_hours[g]), float(goal_cost[g]), float(units[g]))
        for g in range(len(model.goals))
    )
    return Costs(
        weeks=week,
        hourly_rate=rate,
        venues=tuple(venues),
        events=tuple(events),
        goals=goals,
        unattributed_hours=max(hours - math.fsum(goal_hours), 0.0),
        unattributed=max(cost - math.fsum(goal_cost), 0.0),
        hours=hours,
        total=cost,
    )


def _sums(rows: np.ndarray) -> np.ndarray:
    """The exact sum of each column, whatever the order of the rows."""
    return np.array([math.fsum(column) for column in rows.T])


def _goal_cost(profile: Profile, g: int, hours: float, cost: float, outcomes: float) -> GoalCost:
    goal = profile.goals[g]
    value_if_won = None
    if profile.metric(goal.metric).kind is MetricKind.VALUE:
        chosen = [profile.segment(s) for s in goal.segments] or list(profile.segments)
        valued = [s for s in chosen if s.value_of_client is not None]
        if valued:
            size = sum(s.size for s in valued)
            mean_value = sum(s.size * (s.value_of_client or 0.0) for s in valued) / size
            value_if_won = outcomes * mean_value
    return GoalCost(
        goal=goal.id,
        name=goal.name or goal.id,
        hours=hours,
        cost=cost,
        outcomes=outcomes,
        cost_per_outcome=cost / outcomes if outcomes > 0 else None,
        value_if_won=value_if_won,
        break_even_share=cost / value_if_won if value_if_won else None,
    )
