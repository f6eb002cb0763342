"""An event that recurs, such as a conference held every year, and its dated editions.

A recurring event is written once: its ``date`` is the day its rule counts from (the first
edition, for a plain yearly rule), its `Recurrence` says how it repeats and how long before
each edition its call for proposals closes. The planner never sees the rule, only editions:
ordinary events, one per day of the rule within the plan, each with its own id and name
carrying its year (``kubecon-eu-2028``, "KubeCon EU 2028"), so that each is chosen,
scheduled and tracked on its own, and a profile plans as if its editions were written out
by hand. A profile works its editions out once (`Dated`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from eminence.model.capacity import Capacity
from eminence.model.recurrence import parse_rule
from eminence.model.venues import Event, Venue

__all__ = ("Dated", "editions", "repeated", "venue_editions")


def editions(event: Event, first_day: dt.date, last_day: dt.date) -> tuple[Event, ...]:
    """The editions of a recurring event from ``first_day`` to ``last_day`` inclusive.

    Each is the event on one day of its rule (counted from the event's date, so COUNT and
    INTERVAL keep their meaning whatever day a plan starts), without the rule, with the
    proposal deadline its offset gives, and named by its year: by its date when the rule
    may hold two days in a year. Editions before ``first_day`` are left out.
    """
    recurrence = event.recurrence
    assert recurrence is not None
    rule = parse_rule(recurrence.rrule)
    by_year = rule.once_a_year_at_most
    offset = recurrence.proposal_days_before
    found = []
    for day in rule.days(first_day, last_day, anchor=event.date):
        label = str(day.year) if by_year else day.isoformat()
        edition = event.model_copy(
            update={
                "id": f"{event.id}-{label}",
                "name": f"{event.name} {label}" if event.name else "",
                "date": day,
                "proposal_deadline": None if offset is None else day - dt.timedelta(days=offset),
                "recurrence": None,
            }
        )
        found.append(edition)
    return tuple(found)


def repeated(venue: Venue, first_day: dt.date, last_day: dt.date) -> Iterator[tuple[int, Event]]:
    """The editions of the venue's recurring events from ``first_day`` to ``last_day``, each
    with the index of its event; not those an event written out stands for."""
    written = {event.id for event in venue.events if event.recurrence is None}
    for index, event in enumerate(venue.events):
        if event.recurrence is not None:
            for edition in editions(event, first_day, last_day):
                if edition.id not in written:
                    yield index, edition


class _Worked(NamedTuple):
    venues: tuple[Venue, ...]
    start: dt.date
    editions: dict[int, tuple[Venue, tuple[Event, ...]]]
    """Each venue's editions by the venue's id(), with the venue."""
    events: tuple[tuple[Venue, Event], ...]


class Dated:
    """A profile's editions, worked out once for its venues and its plan's days (they may
    count the days of a rule) and read at every use: a plan reads the events many times.

    A copy of the profile (``model_copy``) shares the memo, so the memo keeps the very venues
    and the start it was worked out for; a copy with other venues or another start works it
    out anew, one with other hours or goals reads it. It is no part of the profile's value:
    any two compare equal, and it is neither pickled nor deep-copied.
    """

    __slots__ = ("_worked",)

    def __init__(self) -> None:
        self._worked: _Worked | None = None

    def worked_out(self, venues: tuple[Venue, ...], capacity: Capacity) -> _Worked:
        """The editions and events of these very venues over the plan's days."""
        worked = self._worked  # one read and one write: a thread sees a whole one
        if worked is None or worked.venues is not venues or worked.start != capacity.start:
            by_venue = {id(venue): (venue, venue_editions(venue, capacity)) for venue in venues}
            pairs = [(venue, event) for venue in venues for event in by_venue[id(venue)][1]]
            events = tuple(sorted(pairs, key=lambda pair: (pair[1].date, pair[1].id)))
            worked = self._worked = _Worked(venues, capacity.start, by_venue, events)
        return worked

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dated)

    def __reduce__(self) -> tuple[type[Dated], tuple[()]]:
        return Dated, ()

    def __deepcopy__(self, memo: dict[int, object]) -> Dated:
        return Dated()


def venue_editions(venue: Venue, capacity: Capacity) -> tuple[Event, ...]:
    """A venue's events written out and the editions of its recurring ones in the plan."""
    written = [event for event in venue.events if event.recurrence is None]
    within = repeated(venue, capacity.start, capacity.latest_date)
    return (*written, *(edition for _, edition in within))
