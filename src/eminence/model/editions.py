"""An event that recurs, such as a conference held every year, and its dated editions.

A recurring event is written once: its ``date`` is the day its rule counts from (the first
edition, for a plain yearly rule), its `Recurrence` says how it repeats and how long before
each edition its call for proposals closes. The planner never sees the rule, only editions:
ordinary events, one per day of the rule within the plan, each with its own id and name
carrying its year (``kubecon-eu-2028``, "KubeCon EU 2028"), so that each is chosen,
scheduled and tracked on its own, and a profile plans as if its editions were written out
by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from eminence.model.recurrence import parse_rule
from eminence.model.venues import Event, Venue

__all__ = ("editions", "repeated")


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
