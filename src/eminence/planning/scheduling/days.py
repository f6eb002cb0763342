"""The schedule's days: each venue's stream of blocks by day, and the times blocks start."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from eminence.model import Profile
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.results.schedule import ItemKind

DAY_START = dt.time(9, 0)
"""Work blocks start at 09:00 local time; blocks sharing a weekday follow one another."""

_DAY_END_MINUTES = 21 * 60

_TOLERANCE = 1e-6

FloatArray = NDArray[np.float64]
"""An hour's 3.6 milliseconds: sums of floats that differ by less are equal."""

Goals = dict[tuple[str, str | None], tuple[str, ...]]


@dataclass(slots=True)
class _Stream:
    """A recurring block while it is built; days count from the plan's start."""

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
    time: dt.time = DAY_START

    def kept(self) -> list[int]:
        return [day for day in self.days if day not in self.skipped]


@dataclass(frozen=True, slots=True)
class _Days:
    """The plan's days as offsets from its start, and which of them are available."""

    start: dt.date
    count: int
    available: list[bool]

    @classmethod
    def of(cls, profile: Profile, horizon_weeks: int) -> _Days:
        start = profile.capacity.start
        count = 7 * horizon_weeks
        available = [True] * count
        for first, last in WorkingCalendar(profile.capacity).breaks:
            low, high = (first - start).days, min((last - start).days + 1, count)
            available[low:high] = [False] * max(high - low, 0)
        return cls(start, count, available)

    def date(self, day: int) -> dt.date:
        return self.start + dt.timedelta(days=day)

    def offset(self, date: dt.date) -> int:
        return (date - self.start).days

    def on(self, weekdays: frozenset[int], first: int) -> list[int]:
        """The days from ``first`` on that fall on one of ``weekdays`` (Monday is 0)."""
        start = self.start.weekday() + first
        found = (d for w in weekdays for d in range(first + (w - start) % 7, self.count, 7))
        return sorted(found)


def _set_times(listening: list[_Stream], contributing: list[_Stream]) -> None:
    """Listening first each day (venues listen one after another), then each venue's block
    after the blocks already on its weekdays, wrapping to the morning past 21:00."""
    morning = DAY_START.hour * 60 + DAY_START.minute
    listened = max((_minutes(stream.hours) for stream in listening), default=0)
    taken = [morning + listened] * 7
    for stream in listening:
        stream.time = DAY_START
    for stream in contributing:
        length = _minutes(stream.hours)
        begin = max(taken[day] for day in stream.weekdays)
        if begin + length > _DAY_END_MINUTES:
            begin = morning
        stream.time = dt.time(begin // 60, begin % 60)
        for day in stream.weekdays:
            taken[day] = begin + length


def _minutes(hours: float) -> int:
    """A block's length rounded up to five minutes, so blocks start at tidy times."""
    return 5 * math.ceil(hours * 12 - _TOLERANCE)
