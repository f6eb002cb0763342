"""Working time and calendar dates: weeks of available time, skipping unavailable periods.

Plans count time in *working weeks*: seven days on which the expert is available. A holiday
stops the clock, so four working weeks that straddle a two-week holiday end six calendar
weeks later.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from eminence.model import Capacity

FloatArray = NDArray[np.float64]
DayArray = NDArray[np.datetime64]

__all__ = ("HORIZON_WEEKS", "WorkingCalendar")

HORIZON_WEEKS = 520
"""How far ahead a plan looks: ten years. Anything later is 'not within the horizon'."""


class WorkingCalendar:
    """Maps working weeks since the start to dates, and back."""

    def __init__(self, capacity: Capacity, horizon_weeks: int = HORIZON_WEEKS) -> None:
        self.start = capacity.start
        self.horizon_end = self.start + dt.timedelta(weeks=horizon_weeks)
        self._breaks = _merged(
            (max(period.start, self.start), min(period.end, self.horizon_end))
            for period in capacity.unavailable
            if period.end >= self.start and period.start <= self.horizon_end
        )

    def available_days(self, end: dt.date) -> int:
        """Available days from the start up to, not including, ``end``."""
        if end <= self.start:
            return 0
        days = (end - self.start).days
        for first, last in self._breaks:
            overlap_end = min(last + dt.timedelta(days=1), end)
            if overlap_end > first:
                days -= (overlap_end - first).days
        return days

    @property
    def breaks(self) -> tuple[tuple[dt.date, dt.date], ...]:
        """The unavailable periods within the horizon, merged, first and last day inclusive."""
        return tuple(self._breaks)

    def is_available(self, day: dt.date) -> bool:
        """False on a day inside an unavailable period."""
        return not any(first <= day <= last for first, last in self._breaks)

    def working_weeks(self, end: dt.date) -> float:
        """Working weeks from the start up to ``end``."""
        return self.available_days(end) / 7.0

    def weekly_grid(self, weeks: int) -> tuple[DayArray, FloatArray]:
        """The boundaries of ``weeks`` calendar weeks from the start (``datetime64[D]``) and
        the working weeks by each, as `working_weeks` counts them: in arrays, all at once,
        since a projection reads hundreds of boundaries and a batch thousands of projections."""
        days = 7 * np.arange(weeks + 1, dtype=np.int64)
        available = days.copy()
        for first, last in self._breaks:
            after = (last - self.start).days + 1
            available -= np.maximum(np.minimum(after, days) - (first - self.start).days, 0)
        return np.datetime64(self.start, "D") + days, available / 7.0

    def date_after(self, working_weeks: float) -> dt.date | None:
        """The first date by which ``working_weeks`` of available time have passed.

        None when that date lies beyond the horizon: an explicit outcome, never a sentinel.
        """
        if not math.isfinite(working_weeks) or working_weeks < 0:
            return None
        remaining = math.ceil(working_weeks * 7.0 - 1e-9)
        if remaining > (self.horizon_end - self.start).days:
            return None
        cursor = self.start
        for first, last in self._breaks:
            gap = (first - cursor).days
            if remaining <= gap:
                break
            remaining -= max(gap, 0)
            cursor = max(cursor, last + dt.timedelta(days=1))
        result = cursor + dt.timedelta(days=remaining)
        return result if result <= self.horizon_end else None


def _merged(periods: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    ordered = sorted(periods)
    merged: list[tuple[dt.date, dt.date]] = []
    for first, last in ordered:
        if merged and first <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged
