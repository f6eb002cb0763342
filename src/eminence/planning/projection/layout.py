"""The horizon, and what one split of the week lays out on the weekly grid: the expected flows
that share costs among goals and compare a log with the plan, and the layout a projection and
its trials share."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from eminence.model import Goal, Profile
from eminence.planning.projection.paths import FloatArray, IndexArray, _stock

HORIZON_WEEKS = 260
"""Projections look five years ahead unless asked otherwise (at most ten)."""


def horizon_for(profile: Profile, horizon_weeks: int) -> int:
    """The horizon asked for, stretched to the latest deadline so every chance is honest."""
    start = profile.capacity.start
    deadlines = [goal.deadline for goal in profile.goals if goal.deadline is not None]
    latest = max(((day - start).days + 6) // 7 for day in deadlines) if deadlines else 0
    return max(horizon_weeks, latest)


@dataclass(frozen=True, slots=True)
class ExpectedFlows:
    """The expected flow of each goal's metric from every source, week by week.

    The same expectations as a projection's expected path, kept apart by venue and event, so
    that costs can be attributed to goals and a log can be compared with the plan. A source's
    units are its rate per goal times its own clock (a venue's active weeks, an event's step on
    its date), kept as those two factors for the venues the split uses and the events the plan
    takes: memory grows with what flows, not with every source, goal and week.
    """

    dates: list[dt.date]
    """Week boundaries from the plan's start."""
    goals: tuple[str, ...]
    """Goal ids, in the order of the G axis."""
    venues: int
    """Venues in the profile: the V axis."""
    events: int
    """Events in the profile: the E axis."""
    used: IndexArray
    """The venues the split gives hours (U,)."""
    venue_rate: FloatArray
    """(U, G) metric units each used venue adds per week of its full pace."""
    venue_weeks: FloatArray
    """(U, W + 1) weeks of its full pace each used venue has contributed by each boundary."""
    taken: IndexArray
    """The events the plan takes (T,)."""
    event_yield: FloatArray
    """(T, G) expected units each taken event adds on its date."""
    event_steps: FloatArray
    """(T, W + 1) 1 from each taken event's date on."""

    def venue_units(self, week: int) -> FloatArray:
        """(V, G) metric units each venue has added by boundary ``week`` (0 for those unused)."""
        units = np.zeros((self.venues, len(self.goals)))
        units[self.used] = self.venue_rate * self.venue_weeks[:, week, np.newaxis]
        return units

    def event_units(self, week: int) -> FloatArray:
        """(E, G) expected units each event has added by boundary ``week`` (0 for those not
        taken)."""
        units = np.zeros((self.events, len(self.goals)))
        units[self.taken] = self.event_yield * self.event_steps[:, week, np.newaxis]
        return units

    def path(self, goal: Goal, churn: float | None) -> FloatArray:
        """The goal's expected path: cumulative units, or the level of a churning stock."""
        g = self.goals.index(goal.id)
        sources = np.concatenate(
            (
                self.venue_rate[:, g, np.newaxis] * self.venue_weeks,
                self.event_yield[:, g, np.newaxis] * self.event_steps,
            )
        )
        # Exact sums, so that the order of the profile's lists changes no bit of the path.
        inflow = np.array([math.fsum(week) for week in sources.T])
        return inflow if churn is None else _stock(inflow, churn, goal.starting_level)


@dataclass(frozen=True, slots=True)
class _Layout:
    """One split of the week laid out on the grid: what expected paths and trials share."""

    phases: dict[int, tuple[float, float]]
    """Grid positions where each used venue's listening starts and ends."""
    used: IndexArray
    """Venues the split gives hours."""
    taken: IndexArray
    event_dates: list[dt.date]
    active: FloatArray
    """Weeks of its full pace each used venue has contributed, at each boundary: (V, W + 1)."""
    steps: FloatArray
    """1 from each taken event's date on: (E, W + 1)."""
    expected_rate: FloatArray
    """Expected units per split week, per used venue and goal: (V, G)."""
    expected_event: FloatArray
    """Expected units from each taken event, per goal: (E, G)."""
    paths: FloatArray
    """Each goal's expected level at each week boundary: (G, W + 1)."""
