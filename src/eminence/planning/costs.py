"""The cost of eminence: hours and money per venue, per event, per goal and per value outcome.

Costs cover the plan's first year (`COST_WEEKS` weeks from its start, or the whole horizon if
it is shorter), in expectation, and they are what the plan's schedule books in that year
(`eminence.planning.scheduled`), whatever the work is for: the calendar a user sees is the
one account of the work, so its blocks and the costs never disagree.

* **A venue**: the hours of its listening and contribution blocks within the year. The money
  is the whole contributions those blocks deliver times `RateModel.venue_money_per_contribution`
  (``cost_per_contribution`` plus ``cost_per_year`` spread over a year of contributions at the
  natural cadence): the very money a budget's split weighs.
* **An event** the plan takes: the hours of the blocks the year books for it (the listening
  it owes its venue, the proposal, the preparation at its acceptance chance), whatever its
  date, so a proposal written this year for next year's event is this year's cost; and, when
  its day falls within the year, its attendance hours and its fee and travel cost, each times
  the mean acceptance chance: spent only if the proposal is accepted. Under a money budget,
  the choice leaves out the events whose fees the split's leftover money cannot pay.
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

import datetime as dt
import math
from typing import TYPE_CHECKING

import numpy as np

from eminence.model import MetricKind, Profile
from eminence.planning.events.fees import COST_WEEKS, cost_weeks
from eminence.planning.results import Allocation, Costs, EventCost, GoalCost, VenueCost
from eminence.planning.results.schedule import Schedule
from eminence.planning.scheduled import booked

if TYPE_CHECKING:
    from eminence.planning.projection import ExpectedFlows
    from eminence.planning.rates import RateModel

__all__ = ("COST_WEEKS", "plan_costs")


def plan_costs(
    model: RateModel, allocation: Allocation, flows: ExpectedFlows, schedule: Schedule
) -> Costs:
    """The expected costs of a plan's first year, as its schedule books it (see the module)."""
    profile = model.profile
    week = cost_weeks(len(flows.dates) - 1)
    start = profile.capacity.start
    work = booked(schedule, start, start + dt.timedelta(weeks=week, days=-1))
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
    eventual_units = flows.event_units(len(flows.dates) - 1)
    # An event costs what the year books for it, whatever its date: a proposal written this
    # year for next year's event is this year's cost.
    taken = [
        e
        for e, (_, event) in enumerate(model.events)
        if event.id in work.event_work or event.id in work.attended
    ]
    money_per_contribution = model.venue_money_per_contribution()
    for v, venue in enumerate(model.venues):
        listening = work.listening.get(venue.id, 0.0)
        hours = listening + work.contributing.get(venue.id, 0.0)
        if hours <= 0.0:
            continue
        contributions = work.contributions.get(venue.id, 0.0)
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
        # Attendance, fee and travel are spent only if the proposal is accepted: at its chance,
        # as the preparation the schedule books is.
        chance = float(means[model.event_acceptance[e]])
        attended = event.id in work.attended
        hours = work.event_work.get(event.id, 0.0) + chance * work.attended.get(event.id, 0.0)
        events.append(
            EventCost(
                venue=venue.id,
                event=event.id,
                name=allocation.events[e].name,
                date=event.date,
                hours=hours,
                time_cost=hours * price,
                money=chance * (event.fee + event.travel_cost) if attended else 0.0,
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
