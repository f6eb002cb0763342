"""A progress log read against a profile: checked, then laid on the plan's weekly grid.

Week 1 is the seven days from the plan's start. At each venue the first logged hours go to
its listening hours and the rest to contributions; an entry that counts contributions ends
the venue's listening. Entries without a count of contributions stand for their hours beyond
listening divided by the venue's mean effort. A contribution counts as the planner counts
it: in a week with ``c`` contributions at a venue of natural cadence ``C``, they are worth
``C (1 - exp(-c / C))`` effective contributions (the concave response, law 4).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np

from eminence.errors import InvalidInputError, Problem
from eminence.model import Profile
from eminence.model.progress_log import ProgressLog
from eminence.planning.rates import RateModel

__all__ = ("Ledger", "check_progress")

_MAX_PROBLEMS = 100


def check_progress(profile: Profile, log: ProgressLog, *, today: dt.date) -> None:
    """Check that every id in the log is the profile's and every date lies in the plan so far.

    Raises
    ------
    InvalidInputError
        Every problem found (the first 100), each naming its row and column when the log was
        read from a file: unknown venues, events, segments and metrics, an event of another venue,
        contributions counted on an event, dates before the plan's start or after ``today``.
    """
    problems = list(_problems(profile, log, today))
    if problems:
        raise InvalidInputError("ProgressLog", problems[:_MAX_PROBLEMS])


def _problems(profile: Profile, log: ProgressLog, today: dt.date) -> Iterator[Problem]:
    venues = {venue.id: venue for venue in profile.venues}
    metrics = {metric.id for metric in profile.metrics}
    segments = {segment.id for segment in profile.segments}
    start = profile.capacity.start
    editions: dict[str, set[str]] = {}  # each venue's event ids, once looked up
    for index, entry in enumerate(log.entries):
        venue = venues.get(entry.venue)
        if venue is None:
            yield Problem(log.where(index, "venue"), _unknown("venue", entry.venue, venues))
        elif entry.event is not None:
            if venue.id not in editions:
                editions[venue.id] = {event.id for event in profile.editions(venue)}
            events = editions[venue.id]
            if entry.event not in events:
                yield Problem(
                    log.where(index, "event"),
                    f"{entry.event!r} is no event of {venue.id!r}; its events: {_listed(events)}",
                )
            if entry.contributions:
                yield Problem(
                    log.where(index, "contributions"),
                    "an event's entry counts hours and outcomes, not contributions; leave it "
                    "empty, or log the contributions on a row without the event",
                )
        if entry.segment is not None and entry.segment not in segments:
            yield Problem(log.where(index, "segment"), _unknown("segment", entry.segment, segments))
        for metric in entry.outcomes:
            if metric not in metrics:
                yield Problem(
                    log.where(index, "outcomes", metric), _unknown("metric", metric, metrics)
                )
        if entry.date < start:
            yield Problem(
                log.where(index, "date"),
                f"{entry.date.isoformat()} is before the plan's start ({start.isoformat()}); "
                "the plan is tracked from its start, so leave the row out or check the date",
            )
        if entry.date > today:
            yield Problem(
                log.where(index, "date"),
                f"{entry.date.isoformat()} is after today ({today.isoformat()}); check the "
                "date (day and month swapped?)",
            )


def _listed(ids: Any) -> str:
    names = sorted(ids)
    return ", ".join(names[:20]) + (", ..." if len(names) > 20 else "") if names else "none"


def _unknown(noun: str, wanted: str, known: Any) -> str:
    return f"unknown {noun} {wanted!r}; known {noun}s: {_listed(known)}"


class Ledger:
    """The log on the plan's weekly grid: hours, contributions and outcomes per venue."""

    def __init__(self, model: RateModel, log: ProgressLog, today: dt.date) -> None:
        profile = model.profile
        self.start = profile.capacity.start
        self.weeks = ((today - self.start).days + 7) // 7
        self.week_endings = [
            min(self.start + dt.timedelta(days=7 * k + 6), today) for k in range(self.weeks)
        ]
        position = {venue.id: v for v, venue in enumerate(profile.venues)}
        effort = model.venue_effort_hours(model.means())
        count = len(profile.venues)
        self.hours = np.zeros((count, self.weeks))
        contributions = np.zeros((count, self.weeks))
        self.listening_left = [venue.listening_hours for venue in profile.venues]
        self.event_hours: dict[str, float] = defaultdict(float)
        self.observed: dict[tuple[str, str], float] = defaultdict(float)
        # (week, venue id, event id or None, segment id or None, metric) -> outcomes
        self.outcomes: dict[tuple[int, str, str | None, str | None, str], float] = defaultdict(
            float
        )
        for entry in sorted(log.entries, key=lambda entry: entry.date):
            v = position[entry.venue]
            week = (entry.date - self.start).days // 7
            self.hours[v, week] += entry.hours
            for metric, outcomes in entry.outcomes.items():
                key = (week, entry.venue, entry.event, entry.segment, metric)
                self.outcomes[key] += outcomes
            if entry.event is not None:
                self.event_hours[entry.event] += entry.hours
                continue
            for metric, outcomes in entry.outcomes.items():
                self.observed[entry.venue, metric] += outcomes
            if entry.contributions is not None and entry.contributions > 0:
                self.listening_left[v] = 0.0
                contributions[v, week] += entry.contributions
                continue
            listening = min(entry.hours, self.listening_left[v])
            self.listening_left[v] -= listening
            contributions[v, week] += (entry.hours - listening) / float(effort[v])
        cadence = model.cadence[:, np.newaxis]
        self.exposure = (cadence * -np.expm1(-contributions / cadence)).sum(axis=1)

    def week_of(self, day: dt.date) -> float:
        """Weeks of the plan from its start to the end of ``day``."""
        return ((day - self.start).days + 1) / 7.0
