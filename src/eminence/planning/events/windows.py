"""Whether the work of the events taken fits: the hours to spare in every window of time.

The jobs of all taken events fit exactly when, in order of due date, the hours they need
never exceed the hours available up to each due date (earliest deadline first is optimal for
one person with no other fixed work).
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import itertools

import numpy as np
from numpy.typing import NDArray

from eminence.planning.calendar import WorkingCalendar
from eminence.planning.events.jobs import EventCandidate, Job, JobKind, first_due

__all__ = ("EventWindows",)

FloatArray = NDArray[np.float64]
IndexArray = NDArray[np.intp]


class EventWindows:
    """The hours to spare in every window of time, given the work of the events taken.

    Work with release dates fits exactly when every window from a release to a due date holds
    the hours of the jobs that must start and end within it (Horn's condition; earliest
    deadline first is optimal for one person). Every job may start at the plan's start except
    preparation after a call for proposals, which waits for the answer: so windows from the
    start hold every job (``_from_start``, over all due dates), and windows from a later
    release hold only such preparation. Attendance is days away rather than work to fit into
    a week: it counts against all the hours up to the event, as the projection takes it back
    from the weeks around it.

    Windows from the start are kept as an array; of the later windows only the preparation
    taken is kept (``_later``), as the least spare hours of a window about a new job lie where
    a job taken starts or ends: judging a candidate reads the jobs taken, and a copy, to go
    back to in a later round, costs the array and the list, not every window.
    """

    _TOLERANCE = 1e-9

    def __init__(
        self, candidates: list[EventCandidate], calendar: WorkingCalendar, hours_per_week: float
    ) -> None:
        self.calendar = calendar
        self.hours_per_week = hours_per_week
        start = calendar.start
        dues: set[dt.date] = set()
        releases: set[dt.date] = set()
        for candidate in candidates:
            event = candidate.event
            dues.update((first_due(candidate), event.date))
            if event.proposal_deadline is not None and event.proposal_deadline > start:
                releases.add(event.proposal_deadline)
        self.dues = sorted(dues)
        self.releases = sorted(releases)
        self.dates = sorted({event.date for event in (c.event for c in candidates)})
        self._due_index = {day: i for i, day in enumerate(self.dues)}
        self._release_index = {day: i for i, day in enumerate(self.releases)}
        self._date_index = {day: i for i, day in enumerate(self.dates)}
        self._hours_by = self._hours_up_to(self.dues)
        self._from_start = self._hours_by - self._hours_up_to([start])[0]
        self._opened = self._hours_up_to(self.releases)
        self._closed = self._hours_up_to(self.dates)
        self._later = _LaterWork()

    def copy(self) -> EventWindows:
        """The same windows, to take events into without changing these."""
        twin = copy.copy(self)
        twin._from_start = self._from_start.copy()
        twin._later = self._later.copy()
        return twin

    def _hours_up_to(self, days: list[dt.date]) -> FloatArray:
        return self.hours_per_week * np.array([self.calendar.working_weeks(d) for d in days])

    def _later_job(self, job: Job) -> tuple[int, int] | None:
        """The release and date indices of preparation that waits for a proposal's answer."""
        if job.kind is not JobKind.PREPARATION or job.release <= self.calendar.start:
            return None
        return self._release_index[job.release], self._date_index[job.due]

    def fits(self, changes: list[Job]) -> bool:
        """Whether these jobs fit with those taken: `overload` is None, found sooner.

        Windows from the start are read between the jobs' due dates, each stretch against
        the hours due by its start: the same sums as `overload`'s, without its arrays."""
        shift: dict[int, float] = {}
        for job in changes:
            at = self._due_index[job.due]
            shift[at] = shift.get(at, 0.0) + job.hours
        due = 0.0
        for at, end in itertools.pairwise([*sorted(shift), len(self.dues)]):
            due += shift[at]
            if self._from_start[at:end].min() - due < -self._TOLERANCE:
                return False
        for job in changes:
            place = self._later_job(job)
            if place is not None and self._first_short_later(*place, job.hours) is not None:
                return False
        return True

    def overload(self, changes: list[Job]) -> tuple[dt.date, dt.date, float] | None:
        """The first window (release, due, hours needed in it), by due date then release,
        that would ask more than its hours if these jobs were added; None if all fit."""
        spare = self._spare_from_start(changes)
        short = np.flatnonzero(spare < -self._TOLERANCE)
        found: tuple[dt.date, dt.date, float] | None = None
        if short.size:
            first = int(short[0])
            found = (
                self.calendar.start,
                self.dues[first],
                float(self._hours_by[first] - spare[first]),
            )
        for job in changes:
            place = self._later_job(job)
            window = None if place is None else self._first_short_later(*place, job.hours)
            if window is not None and (found is None or self.dates[window[1]] < found[1]):
                row, column, spare_there = window
                capacity = self._closed[column] - self._opened[row]
                needed = capacity - spare_there + job.hours
                found = (self.releases[row], self.dates[column], float(needed))
        return found

    def _spare_from_start(self, changes: list[Job]) -> FloatArray:
        shift = np.zeros(len(self.dues))
        for job in changes:
            shift[self._due_index[job.due]] += job.hours
        spare: FloatArray = self._from_start - np.cumsum(shift)
        return spare

    def _first_short_later(
        self, release: int, date: int, hours: float
    ) -> tuple[int, int, float] | None:
        """The first later window, by date then release, that ``hours`` of preparation from
        ``release`` to ``date`` would overload, with its spare hours before them; None if
        none would.

        Spare hours change only where a job taken starts or ends, and capacity grows with a
        window: so the least spare hours about the new job, and the first date it overloads,
        lie at this job's date or a taken job's, from its release or a taken job's. The first
        release that date overloads is then looked for among all releases.
        """
        later = self._later
        releases, dates, _ = later.arrays()
        columns = np.sort(np.append(dates[dates >= date], date))
        rows = np.append(releases[releases <= release], release)
        demand = later.demand(rows, columns)
        spare = self._closed[columns] - self._opened[rows, np.newaxis] - demand
        short = (spare - hours < -self._TOLERANCE).any(axis=0)
        if not short.any():
            return None
        column = int(columns[int(short.argmax())])
        every = np.arange(release + 1)
        spare_there = (
            self._closed[column] - self._opened[every] - later.demand(every, [column])[:, 0]
        )
        row = int(np.flatnonzero(spare_there - hours < -self._TOLERANCE)[0])
        return row, column, float(spare_there[row])

    def add(self, changes: list[Job]) -> None:
        """Take the jobs: the windows they fall in have that many fewer hours to spare."""
        for job in changes:
            self._from_start[self._due_index[job.due] :] -= job.hours
            place = self._later_job(job)
            if place is not None:
                self._later.add(*place, job.hours)


class _LaterWork:
    """Preparation taken that waits for a proposal's answer: release and date indices and
    hours, ordered by release (then as taken), to sum the hours within any later window."""

    def __init__(self) -> None:
        self._jobs: list[tuple[int, int, float]] = []
        self._arrays: tuple[IndexArray, IndexArray, FloatArray] | None = None

    def copy(self) -> _LaterWork:
        twin = _LaterWork()
        twin._jobs, twin._arrays = list(self._jobs), self._arrays
        return twin

    def add(self, release: int, date: int, hours: float) -> None:
        bisect.insort(self._jobs, (release, date, hours), key=lambda job: job[0])
        self._arrays = None

    def demand(self, rows: IndexArray, columns: IndexArray | list[int]) -> FloatArray:
        """Hours of the jobs within each window from ``rows`` (release indices, ascending)
        to ``columns`` (date indices): (rows, columns)."""
        releases, dates, hours = self.arrays()
        within = hours[:, np.newaxis] * (dates[:, np.newaxis] <= np.asarray(columns))
        # Summed from the latest release back, so each row adds the jobs released from it on.
        from_each = np.cumsum(within[::-1], axis=0)[::-1]
        from_each = np.concatenate((from_each, np.zeros((1, from_each.shape[1]))))
        demand: FloatArray = from_each[np.searchsorted(releases, rows, side="left")]
        return demand

    def arrays(self) -> tuple[IndexArray, IndexArray, FloatArray]:
        """Release indices, date indices and hours of the jobs, by release."""
        if self._arrays is None:
            jobs = self._jobs
            self._arrays = (
                np.array([job[0] for job in jobs], dtype=np.intp),
                np.array([job[1] for job in jobs], dtype=np.intp),
                np.array([job[2] for job in jobs], dtype=np.float64),
            )
        return self._arrays
