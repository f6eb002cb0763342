"""A venue's or a recurring event's rule checked against the plan's calendar: its anchor
within reach of the start, and days to hold within the plan's ten years; a venue's
preferred days among the working days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from eminence.errors import Problem
from eminence.model.capacity import Capacity
from eminence.model.recurrence import MAX_ANCHOR_WEEKS, parse_rule, rule_problems
from eminence.model.venues import Event, Venue

__all__ = ("preferred_day_problems", "recurrence_problems", "venue_rule_problems")


def venue_rule_problems(capacity: Capacity, venue: Venue, path: str) -> Iterator[Problem]:
    assert venue.rrule is not None
    periods = capacity.unavailable

    def available(day: dt.date) -> bool:
        return not any(period.start <= day <= period.end for period in periods)

    yield from _rule_problems(
        capacity, venue.rrule, venue.rrule_start, f"{path}.rrule_start", f"{path}.rrule", available
    )


def preferred_day_problems(capacity: Capacity, venue: Venue, path: str) -> Iterator[Problem]:
    working = capacity.working_days
    for day in venue.preferred_days:
        if day not in working:
            yield Problem(
                f"{path}.preferred_days",
                f"{day.value} is not one of capacity.working_days "
                f"({', '.join(d.value for d in working)}); add it there or prefer a working day",
            )


def recurrence_problems(capacity: Capacity, event: Event, path: str) -> Iterator[Problem]:
    # An edition is held whether or not the expert is free, as a written-out event is.
    assert event.recurrence is not None
    yield from _rule_problems(
        capacity,
        event.recurrence.rrule,
        event.date,
        f"{path}.date",
        f"{path}.recurrence.rrule",
        lambda day: True,
    )


def _rule_problems(
    capacity: Capacity,
    text: str,
    anchor: dt.date | None,
    anchor_path: str,
    path: str,
    available: Callable[[dt.date], bool],
) -> Iterator[Problem]:
    """A rule counted from ``anchor`` (the plan's start when None), checked as every rule is."""
    anchor_name = anchor_path.rpartition(".")[2]
    if anchor is not None:
        if (capacity.start - anchor).days > 7 * MAX_ANCHOR_WEEKS:
            yield Problem(
                anchor_path,
                f"{anchor.isoformat()} is more than {MAX_ANCHOR_WEEKS:,} weeks (ten horizons) "
                f"before the plan's start ({capacity.start.isoformat()}); give a later day of "
                "the rule, which keeps its rhythm",
            )
            return
        if anchor > capacity.latest_date:
            yield Problem(
                anchor_path,
                f"{anchor.isoformat()} is beyond the plan's ten years (to "
                f"{capacity.latest_date.isoformat()}); give a day by then",
            )
            return
    rule = parse_rule(text)
    for message in rule_problems(
        rule, capacity.start, capacity.latest_date, available, anchor, anchor_name
    ):
        yield Problem(path, message)
