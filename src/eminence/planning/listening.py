"""Listening first (law 1): each venue's listening hours come before its first contribution.

Listening takes hours from the same week. Venues start one after another: the hours not yet
taken by active venues go to listening at the next venue, and once it is done that venue
takes its share of the split. Venues listen in order of priority (progress per hour at the
first hour), which is also the order in which the split admits them as the hours grow: a venue
that more hours bring into the split listens after those already in it, and each of those
listens with no fewer free hours, so more hours start every venue no later (law 2) in working
weeks. These dates decide only whether an event still owes its venue's listening. The dates
the plan shows come from the projection (`Projector.phase_dates`), which phases the venues in,
in the same order, on its own weeks: taken events have their hours first, and each shortened
week is split again at the hours left. So an event that more hours let the plan take can move
a start later, as it can a goal (see `EventChoice`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from eminence.planning.calendar import WorkingCalendar

__all__ = ("PhaseIn", "phase_in")


@dataclass(frozen=True, slots=True)
class PhaseIn:
    """When a venue's listening starts and when its first contribution is due.

    Weeks count working time from the plan's start; the dates are None for a venue the
    split leaves out, or when the date falls beyond the horizon.
    """

    listening_from_weeks: float | None
    active_from_weeks: float | None
    listening_from: dt.date | None
    active_from: dt.date | None


def phase_in(
    venue_ids: Sequence[str],
    hours_per_week: Sequence[float],
    gain_per_hour: Sequence[float],
    listening_hours: Sequence[float],
    total_hours_per_week: float,
    calendar: WorkingCalendar,
) -> list[PhaseIn]:
    """Listening and activation dates for each venue, in the order given."""
    result = [PhaseIn(None, None, None, None) for _ in venue_ids]
    chosen = [index for index, hours in enumerate(hours_per_week) if hours > 0.0]

    elapsed = 0.0
    free = total_hours_per_week
    for index in sorted(chosen, key=lambda index: (-gain_per_hour[index], venue_ids[index])):
        begun = elapsed
        if listening_hours[index] > 0:
            # No free hour left means the listening never ends: beyond any horizon.
            elapsed += listening_hours[index] / free if free > 0 else float("inf")
        result[index] = PhaseIn(
            begun, elapsed, calendar.date_after(begun), calendar.date_after(elapsed)
        )
        free -= hours_per_week[index]
    return result
