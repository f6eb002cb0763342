"""The schedule's days: each venue's stream of blocks by day, the working week they fall in,
and the times blocks start."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from eminence.model import Profile
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.results.schedule import ItemKind

_TOLERANCE = 1e-6
"""An hour's 3.6 milliseconds: sums of floats that differ by less are equal."""

FloatArray = NDArray[np.float64]

Goals = dict[tuple[str, str | None], tuple[str, ...]]

_T = TypeVar("_T")


def _evenly(items: Sequence[_T], count: int) -> list[_T]:
    """``count`` of ``items`` spread evenly over them, the first included."""
    return [items[round(i * len(items) / count)] for i in range(count)]


@dataclass(slots=True, eq=False)
class _Stream:
    """A recurring block while it is built; days count from the plan's start.

    ``weeks`` is how many weeks of the venue's hours one block gathers: more than one when a
    venue's weekly hours are shorter than the shortest block. Streams compare by identity:
    comparing their fields (days and skipped days among them) would be slow and is never needed.
    """

    uid: str
    kind: ItemKind
    title: str
    venue: str
    goals: tuple[str, ...]
    rule: str
    weekdays: frozenset[int]
    last: int
    hours: float
    contributions: float
    rank: int
    days: list[int]
    skipped: set[int] = field(default_factory=set)
    time: dt.time = dt.time(9, 0)
    weeks: int = 1
    preferred: frozenset[int] = frozenset()
    """The venue's preferred weekdays (Monday is 0): its blocks on other days give way first."""

    def kept(self) -> list[int]:
        return [day for day in self.days if day not in self.skipped]


@dataclass(frozen=True, slots=True)
class _Days:
    """The plan's days as offsets from its start, which of them are working days the expert
    is available on, and the working day's window."""

    start: dt.date
    count: int
    available: list[bool]
    working: list[bool]
    workdays: tuple[int, ...]
    """Monday is 0."""
    day_start: int
    """Minutes after midnight."""
    day_end: int
    min_hours: float

    @classmethod
    def of(cls, profile: Profile, horizon_weeks: int) -> _Days:
        capacity = profile.capacity
        start = capacity.start
        count = 7 * horizon_weeks
        available = [True] * count
        for first, last in WorkingCalendar(capacity).breaks:
            low, high = (first - start).days, min((last - start).days + 1, count)
            available[low:high] = [False] * max(high - low, 0)
        workdays = capacity.workday_indices
        weekday = start.weekday()
        working = [available[day] and (weekday + day) % 7 in workdays for day in range(count)]
        window = capacity.working_hours
        return cls(
            start,
            count,
            available,
            working,
            workdays,
            window.start.hour * 60 + window.start.minute,
            window.end.hour * 60 + window.end.minute,
            capacity.min_block_minutes / 60.0,
        )

    @property
    def window_hours(self) -> float:
        """The hours of one working day."""
        return (self.day_end - self.day_start) / 60.0

    def weekday(self, day: int) -> int:
        """The day of the week of a day, Monday is 0."""
        return (self.start.weekday() + day) % 7

    def date(self, day: int) -> dt.date:
        return self.start + dt.timedelta(days=day)

    def offset(self, date: dt.date) -> int:
        return (date - self.start).days

    def week_of(self, day: int) -> int:
        """The Monday-to-Sunday week a day falls in, counted from the start's week, as the
        weeks of an RFC 5545 rule's INTERVAL are."""
        return (self.start.weekday() + day) // 7

    def on(self, weekdays: frozenset[int], first: int, every: int = 1, end: int = -1) -> list[int]:
        """The days from ``first`` to before ``end`` (default: the horizon) that fall on one of
        ``weekdays`` (Monday is 0), in every ``every``-th week from the first one found."""
        end = self.count if end < 0 else min(end, self.count)
        start = self.start.weekday() + first
        found = sorted(d for w in weekdays for d in range(first + (w - start) % 7, end, 7))
        if not found or every == 1:
            return found
        phase = self.week_of(found[0])
        return [day for day in found if (self.week_of(day) - phase) % every == 0]


def _set_times(streams: list[_Stream], days: _Days) -> None:
    """Each block after those already on its weekdays, from the start of the working day;
    one that would run past its end starts early enough to end with it."""
    taken = [days.day_start] * 7
    for stream in streams:
        length = _minutes(stream.hours)
        begin = max(taken[day] for day in stream.weekdays)
        if begin + length > days.day_end:
            begin = max(days.day_start, days.day_end - length)
        stream.time = dt.time(begin // 60, begin % 60)
        for day in stream.weekdays:
            taken[day] = max(taken[day], begin + length)


def _minutes(hours: float) -> int:
    """A block's length rounded up to five minutes, so blocks start at tidy times."""
    return 5 * math.ceil(hours * 12 - _TOLERANCE)
