"""Offline venues are dated: which events to take, and whether their preparation fits (law 5).

An event is taken when its expected progress per hour beats what the weekly split earns at
the margin, and when its work still fits before its deadlines. The work is a few jobs
(`event_jobs`): listening at the venue, when the split does not reach it in time, and the
proposal, both due at the call-for-proposals deadline; the rest of the preparation, due on
the event's date; attendance, in the week before. The jobs of all taken events fit exactly
when, in order of due date, the hours they need never exceed the hours available up to each
due date (earliest deadline first is optimal for one person with no other fixed work). The
same jobs take their hours from the split in the projection and are placed in the schedule.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eminence.model import Event, Venue
from eminence.model._base import Choice
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.rates import PROPOSAL_SHARE

__all__ = (
    "Decision",
    "EventCandidate",
    "EventWindows",
    "Job",
    "JobKind",
    "choose_events",
    "event_jobs",
)

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """An event with its expected value and cost, as the planner scored it."""

    venue: Venue
    event: Event
    expected_progress: float
    expected_hours: float
    progress_per_hour: float
    preparation_hours: float
    listening_hours: float
    """Listening still owed at the venue before a proposal: 0 once the venue is known."""


class JobKind(Choice):
    """What an event's job is for."""

    LISTENING = "listening"
    """Listening the event owes its venue, before the proposal."""
    PROPOSAL = "proposal"
    PREPARATION = "preparation"
    ATTENDANCE = "attendance"


@dataclass(frozen=True, slots=True)
class Job:
    """Hours of work for an event, from its release to its due date, as if accepted."""

    kind: JobKind
    release: dt.date
    due: dt.date
    hours: float
    """Negative only while events are chosen: listening another event no longer owes."""

    @property
    def certain(self) -> bool:
        """Whether the work is done whatever the answer to the proposal."""
        return self.kind in (JobKind.LISTENING, JobKind.PROPOSAL)

    def expected_hours(self, acceptance: float) -> float:
        """Its hours times the chance they are worked: 1 for certain work, else acceptance."""
        return self.hours if self.certain else acceptance * self.hours


def event_jobs(event: Event, preparation: float, listening: float, start: dt.date) -> list[Job]:
    """The work an event needs from the plan's ``start``, as if its proposal is accepted.

    Listening owed and the proposal are due at the proposal deadline (at the event without
    one); the rest of the preparation on the event's date; attendance takes the week before.
    """
    deadline = event.proposal_deadline
    first_due = deadline or event.date
    proposal = PROPOSAL_SHARE * preparation if deadline else 0.0
    jobs = [
        Job(JobKind.LISTENING, start, first_due, listening),
        Job(JobKind.PROPOSAL, start, first_due, proposal),
        Job(JobKind.PREPARATION, deadline or start, event.date, preparation - proposal),
        Job(
            JobKind.ATTENDANCE,
            max(start, event.date - dt.timedelta(days=7)),
            event.date,
            event.attendance_hours,
        ),
    ]
    return [job for job in jobs if job.hours > 0.0]


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether an event is taken, and the listening it owes its venue if so."""

    reason: str | None
    """Why it is left out; None when it is taken."""
    listening_hours: float = 0.0


def choose_events(
    candidates: list[EventCandidate],
    windows: EventWindows,
    marginal_progress_per_hour: float,
    active_from: Mapping[str, dt.date | None] | None = None,
    refused: Mapping[str, str] | None = None,
) -> dict[str, Decision]:
    """Decide each event: taken, with the listening it owes, or the reason it is dropped.

    Candidates are considered best first, so a better event keeps its place when two compete
    for the same weeks. A venue's listening is owed once, by its taken event due first, and
    not at all when the weekly split has the venue listened to before that event's first due
    date. Events in ``refused`` are dropped with the reason given. ``windows`` are the empty
    windows of these candidates, built once for all the rounds of a plan, and left as given.
    """
    decisions: dict[str, Decision] = {
        event: Decision(reason) for event, reason in (refused or {}).items()
    }
    start = windows.calendar.start
    windows = windows.copy()
    ready = active_from or {}
    first: dict[str, EventCandidate] = {}  # the taken event due first at each venue
    owed: dict[str, float] = {}  # listening owed by each taken event
    order = sorted(candidates, key=lambda c: (-c.progress_per_hour, c.event.date, c.event.id))
    for candidate in order:
        if candidate.event.id in decisions:
            continue
        # Listening passes to the candidate if it becomes the first taken event at its venue.
        before = first.get(candidate.venue.id)
        leads = before is None or _key(candidate) < _key(before)
        listening = _listening(candidate, ready) if leads else 0.0
        handed_back = owed.get(before.event.id, 0.0) if leads and before is not None else 0.0
        changes = event_jobs(candidate.event, candidate.preparation_hours, listening, start)
        if handed_back:
            assert before is not None
            # The earlier first event no longer owes it: negative work where it was due.
            changes.append(Job(JobKind.LISTENING, start, _first_due(before), -handed_back))
        reason = _reason_to_drop(
            candidate, marginal_progress_per_hour, windows, changes, others=bool(owed)
        )
        decisions[candidate.event.id] = Decision(reason)
        if reason is None:
            windows.add(changes)
            owed[candidate.event.id] = listening
            if leads:
                first[candidate.venue.id] = candidate
                if before is not None:
                    owed[before.event.id] = 0.0
    return decisions | {e: Decision(None, listening) for e, listening in owed.items()}


class EventWindows:
    """The hours to spare in every window of time, given the work of the events taken.

    Work with release dates fits exactly when every window from a release to a due date holds
    the hours of the jobs that must start and end within it (Horn's condition; earliest
    deadline first is optimal for one person). Every job may start at the plan's start except
    preparation after a call for proposals, which waits for the answer: so windows from the
    start hold every job (``_from_start``, over all due dates), and windows from a later
    release hold only preparation (``_later``, releases by event dates). Attendance is days
    away rather than work to fit into a week: it counts against all the hours up to the
    event, as the projection takes it back from the weeks around it.

    Adding an event changes a suffix of the windows from the start and a block of the later
    ones, so a candidate is judged with one pass over the due dates and one column of the
    later windows, and taking it costs one block update: no rescan of the events taken.
    """

    _TOLERANCE = 1e-9
    _CHUNK = 16

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
            dues.update((_first_due(candidate), event.date))
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
        later = self._closed[None, :] - self._opened[:, None]  # releases by event dates
        inside = np.array(self.releases)[:, None] <= np.array(self.dates)[None, :]
        self._later = np.where(inside, later, np.inf)
        # The least spare hours from each release over windows ending on or after each date.
        self._least_later = np.minimum.accumulate(self._later[:, ::-1], axis=1)[:, ::-1]

    def copy(self) -> EventWindows:
        """The same windows, to take events into without changing these."""
        twin = copy.copy(self)
        twin._from_start = self._from_start.copy()
        twin._later = self._later.copy()
        twin._least_later = self._least_later.copy()
        return twin

    def _hours_up_to(self, days: list[dt.date]) -> FloatArray:
        return self.hours_per_week * np.array([self.calendar.working_weeks(d) for d in days])

    def _later_job(self, job: Job) -> tuple[int, int] | None:
        """The release and date indices of preparation that waits for a proposal's answer."""
        if job.kind is not JobKind.PREPARATION or job.release <= self.calendar.start:
            return None
        return self._release_index[job.release], self._date_index[job.due]

    def overload(self, changes: list[Job]) -> tuple[dt.date, dt.date, float] | None:
        """The first window (release, due, hours needed in it), by due date then release,
        that would ask more than its hours if these jobs were added; None if all fit."""
        shift = np.zeros(len(self.dues))
        for job in changes:
            shift[self._due_index[job.due]] += job.hours
        spare = self._from_start - np.cumsum(shift)
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
            if (
                place is None
                or self._least_later[: place[0] + 1, place[1]].min() - job.hours >= -self._TOLERANCE
            ):
                continue
            row, column = self._first_short(*place, job.hours)
            if found is None or self.dates[column] < found[1]:
                capacity = self._closed[column] - self._opened[row]
                needed = capacity - self._later[row, column] + job.hours
                found = (self.releases[row], self.dates[column], float(needed))
        return found

    def _first_short(self, release: int, date: int, hours: float) -> tuple[int, int]:
        """The window, by date then release, that these hours of preparation would overload
        (one is known to): searched a few dates at a time, as it is nearly always close."""
        for first in range(date, len(self.dates), self._CHUNK):
            block = self._later[: release + 1, first : first + self._CHUNK] - hours
            short = block < -self._TOLERANCE
            if short.any():
                column = int(np.flatnonzero(short.any(axis=0))[0])
                return int(np.flatnonzero(short[:, column])[0]), first + column
        raise AssertionError("no window is short")  # pragma: no cover

    def add(self, changes: list[Job]) -> None:
        """Take the jobs: the windows they fall in have that many fewer hours to spare."""
        for job in changes:
            self._from_start[self._due_index[job.due] :] -= job.hours
            place = self._later_job(job)
            if place is None:
                continue
            release, date = place
            self._later[: release + 1, date:] -= job.hours
            least = self._least_later[: release + 1]
            least[:, date:] -= job.hours
            np.minimum(least[:, :date], least[:, date : date + 1], out=least[:, :date])


def _key(candidate: EventCandidate) -> tuple[dt.date, str]:
    return _first_due(candidate), candidate.event.id


def _listening(candidate: EventCandidate, ready: Mapping[str, dt.date | None]) -> float:
    """The venue's listening, owed by its first taken event unless the split has the venue
    listened to by that event's first due date."""
    heard = ready.get(candidate.venue.id)
    return candidate.listening_hours if heard is None or heard > _first_due(candidate) else 0.0


def _first_due(candidate: EventCandidate) -> dt.date:
    return candidate.event.proposal_deadline or candidate.event.date


def _reason_to_drop(
    candidate: EventCandidate,
    marginal: float,
    windows: EventWindows,
    changes: list[Job],
    *,
    others: bool,
) -> str | None:
    calendar, hours_per_week = windows.calendar, windows.hours_per_week
    event = candidate.event
    if candidate.venue.excluded:
        return "its venue is excluded by the profile"
    if event.date < calendar.start:
        return f"it took place on {event.date.isoformat()}, before the plan starts"
    if event.date > calendar.horizon_end:
        return f"it lies beyond the plan's horizon ({calendar.horizon_end.isoformat()})"
    if not calendar.is_available(event.date):
        return f"it falls on {event.date.isoformat()}, when the profile is unavailable"
    if event.proposal_deadline is not None and event.proposal_deadline < calendar.start:
        return (
            f"its call for proposals closed on {event.proposal_deadline.isoformat()}, "
            "before the plan starts"
        )
    if candidate.expected_progress <= 0.0:
        return "it yields nothing the goals count among their segments"
    if candidate.progress_per_hour <= marginal:
        return (
            f"it earns {candidate.progress_per_hour:.3%} of the goals per hour, no more than "
            f"the {marginal:.3%} the weekly split earns with that hour"
        )
    overload = windows.overload(changes)
    if overload is not None:
        release, due, needed = overload
        weeks = calendar.working_weeks(due) - calendar.working_weeks(release)
        window = "before" if release <= calendar.start else f"from {release.isoformat()} to"
        chosen = " with the events already chosen" if others else ""
        return (
            f"its preparation does not fit: {needed:.0f} h are due in the {weeks:.1f} working "
            f"weeks {window} {due.isoformat()}, which give {weeks * hours_per_week:.0f} h at "
            f"{hours_per_week:g} h/week{chosen}"
        )
    return None
