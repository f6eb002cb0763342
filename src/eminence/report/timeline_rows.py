"""What a timeline of a plan shows, for every way of drawing one (SVG on the page, matplotlib
in a notebook): the venues worth a row, each goal's name, and the span of dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eminence.planning import Plan, VenueHours

__all__ = ("TimelineRows", "timeline_rows")


@dataclass(frozen=True, slots=True)
class TimelineRows:
    venues: list[VenueHours]
    """Venues with hours, or with events: each has a row above the goals."""
    goal_names: dict[str, str]
    start: dt.date
    end: dt.date
    """Four weeks past the last date shown, a year after the start at least."""


def timeline_rows(plan: Plan) -> TimelineRows:
    allocation, goals = plan.allocation, plan.projections.goals
    start = plan.profile.capacity.start
    with_events = {event.venue for event in allocation.events}
    venues = [v for v in allocation.venues if v.hours_per_week > 0 or v.venue in with_events]
    shown = [day for venue in venues for day in (venue.listening_from, venue.active_from)]
    shown += [event.date for event in allocation.events]
    shown += [day for goal in goals for day in (goal.p50, goal.p80, goal.deadline)]
    latest = max((day for day in shown if day is not None), default=start)
    return TimelineRows(
        venues=venues,
        goal_names={goal.id: goal.name or goal.id for goal in plan.profile.goals},
        start=start,
        end=max(start + dt.timedelta(weeks=52), latest + dt.timedelta(weeks=4)),
    )
