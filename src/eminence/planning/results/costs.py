"""What the costing stage returns: the expected hours and money of a plan's first year."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Self

from pydantic import Field, model_validator

from eminence.errors import Problem
from eminence.model import _figures as figures
from eminence.model._base import Record, Tabular
from eminence.model._words import counted, exact
from eminence.planning.results._bounds import NonNegative

__all__ = ("Costs", "EventCost", "GoalCost", "VenueCost")


class VenueCost(Record):
    """A venue's hours and money over the costing period."""

    venue: str
    name: str
    hours: NonNegative
    listening_hours: NonNegative
    contributions: NonNegative
    time_cost: NonNegative
    money: NonNegative

    @property
    def total(self) -> float:
        """Time and money together."""
        return self.time_cost + self.money


class EventCost(Record):
    """A taken event's expected hours of work within the costing period, and its money if
    it is dated within it."""

    venue: str
    event: str
    name: str
    date: dt.date
    hours: NonNegative
    time_cost: NonNegative
    money: NonNegative

    @property
    def total(self) -> float:
        """Time and money together."""
        return self.time_cost + self.money


class GoalCost(Record):
    """A goal's share of the costs, what it buys, and what it could be worth."""

    goal: str
    name: str
    hours: NonNegative
    cost: NonNegative
    outcomes: NonNegative
    cost_per_outcome: NonNegative | None
    value_if_won: NonNegative | None
    break_even_share: NonNegative | None

    @property
    def return_if_won(self) -> float | None:
        """Value over cost, less 1, if every outcome won a client: an upper bound."""
        if self.value_if_won is None or not self.cost:
            return None
        return self.value_if_won / self.cost - 1.0


class Costs(Tabular):
    """Expected hours and money of a plan's first year, by venue, event and goal.

    Venues and events add up to ``hours`` and ``total``; so do goals with the unattributed
    part.
    """

    weeks: Annotated[int, Field(ge=1)]
    hourly_rate: NonNegative | None
    venues: tuple[VenueCost, ...]
    events: tuple[EventCost, ...]
    goals: tuple[GoalCost, ...]
    unattributed_hours: NonNegative
    unattributed: NonNegative
    hours: NonNegative
    total: NonNegative

    @model_validator(mode="after")
    def _adds_up(self) -> Self:
        sources: tuple[VenueCost | EventCost, ...] = (*self.venues, *self.events)
        sums = {
            "hours": (sum(item.hours for item in sources), self.hours),
            "total": (sum(item.total for item in sources), self.total),
            "goals": (sum(g.cost for g in self.goals) + self.unattributed, self.total),
            "unattributed_hours": (
                sum(g.hours for g in self.goals) + self.unattributed_hours,
                self.hours,
            ),
        }
        self._reject(
            Problem(path, f"parts add up to {exact(parts)}, not {exact(whole)}")
            for path, (parts, whole) in sums.items()
            if abs(parts - whole) > 1e-6 * max(1.0, whole)
        )
        return self

    def goal(self, goal_id: str) -> GoalCost:
        """The costs of one goal, by id."""
        for goal in self.goals:
            if goal.goal == goal_id:
                return goal
        raise KeyError(goal_id)

    @property
    def money(self) -> float:
        """Money spent, without the time."""
        sources: tuple[VenueCost | EventCost, ...] = (*self.venues, *self.events)
        return sum(item.money for item in sources)

    @property
    def footnote(self) -> str:
        """What these costs cover, in one line."""
        priced = (
            f"hours at {figures.money(self.hourly_rate)} an hour"
            if self.hourly_rate is not None
            else "hours not priced (no capacity.hourly_rate)"
        )
        return (
            f"expected costs of the first {counted(self.weeks, 'week')}: {priced}; venues' and "
            "events' costs shared among goals by the progress they bring to each"
        )
