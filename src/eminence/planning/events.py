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

import bisect
import copy
import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from eminence.model import Event, Venue
from eminence.model._base import Choice
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.rates import PROPOSAL_SHARE

__all__ = (
    "Decision",
    "EventCandidate",
    "EventChooser",
    "ProjectionInputs",
    "EventWindows",
    "Job",
    "JobKind",
    "choose_events",
    "event_jobs",
)

FloatArray = NDArray[np.float64]
IndexArray = NDArray[np.intp]


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
    chooser = EventChooser(candidates, windows, marginal_progress_per_hour)
    return chooser.choose(active_from or {}, refused or {})


@dataclass(frozen=True, slots=True)
class _Taken:
    """A candidate taken: its place in the order, its jobs, and the listening it owes."""

    position: int
    changes: list[Job]
    listening: float
    leads: bool
    """Whether it became the first taken event at its venue."""


class EventChooser:
    """`choose_events` over the rounds of a plan, each round resumed where its inputs differ.

    A plan chooses again each time it refuses events or learns when a venue is really
    listened to. The candidates before the first one those change are decided as before:
    the choice takes again the events it took before that one, into the empty windows, and
    goes on from there. A round costs the candidates after that one, and its decisions are
    those `choose_events` makes from scratch, to the bit.
    """

    def __init__(
        self,
        candidates: list[EventCandidate],
        windows: EventWindows,
        marginal_progress_per_hour: float,
    ) -> None:
        self.order = sorted(
            candidates, key=lambda c: (-c.progress_per_hour, c.event.date, c.event.id)
        )
        self.windows = windows
        # Reasons that the windows and the other events have no part in, found once.
        self._fixed = [_fixed_reason(c, marginal_progress_per_hour, windows) for c in self.order]
        self._jobs: dict[tuple[int, float], list[Job]] = {}
        self._taken: list[_Taken] = []
        self._reasons: list[str | _Overload | None] = []
        self._owed: dict[str, float] = {}
        self._ready: Mapping[str, dt.date | None] = {}
        self._refused: Mapping[str, str] = {}

    def choose(
        self, active_from: Mapping[str, dt.date | None], refused: Mapping[str, str]
    ) -> dict[str, Decision]:
        """Every candidate's decision, given when each venue is listened to and the events
        refused with their reasons."""
        self.take(active_from, refused)
        return self.decisions()

    def take(
        self, active_from: Mapping[str, dt.date | None], refused: Mapping[str, str]
    ) -> dict[str, float]:
        """The events taken, each with the listening it owes: a round of the choice, whose
        reasons for the others `decisions` gives."""
        resume = self._first_change(active_from, refused)
        self._ready, self._refused = dict(active_from), dict(refused)
        del self._reasons[resume:]
        self._taken = [taken for taken in self._taken if taken.position < resume]
        windows = self.windows.copy()
        first: dict[str, EventCandidate] = {}  # the taken event due first at each venue
        owed: dict[str, float] = {}  # listening owed by each taken event
        for taken in self._taken:
            windows.add(taken.changes)
            _take(self.order[taken.position], taken, first, owed)
        start = windows.calendar.start
        seen: EventWindows | None = None  # the windows as the last candidate left out saw them
        for position in range(resume, len(self.order)):
            candidate = self.order[position]
            reason = refused.get(candidate.event.id, self._fixed[position])
            if candidate.event.id in refused or reason is not None:
                self._reasons.append(reason)
                continue
            # Listening passes to the candidate if it becomes the first taken event at its
            # venue.
            before = first.get(candidate.venue.id)
            leads = before is None or _key(candidate) < _key(before)
            listening = _listening(candidate, active_from) if leads else 0.0
            handed_back = owed.get(before.event.id, 0.0) if leads and before is not None else 0.0
            changes = self._event_jobs(position, listening)
            if handed_back:
                assert before is not None
                # The earlier first event no longer owes it: negative work where it was due.
                changes = [
                    *changes,
                    Job(JobKind.LISTENING, start, _first_due(before), -handed_back),
                ]
            if not windows.fits(changes):
                # Most candidates left out are taken again in a later round: the windows are
                # kept to say why only if it is asked.
                seen = seen or windows.copy()
                self._reasons.append(_Overload(seen, changes, others=bool(owed)))
                continue
            self._reasons.append(None)
            windows.add(changes)
            seen = None
            taken = _Taken(position, changes, listening, leads)
            _take(candidate, taken, first, owed)
            self._taken.append(taken)
        self._owed = owed
        return dict(owed)

    def decisions(self) -> dict[str, Decision]:
        """Every candidate's decision in the last round, and the events refused in it."""
        decisions = {event: Decision(reason) for event, reason in self._refused.items()}
        for position, candidate in enumerate(self.order):
            reason = self._reasons[position]
            if isinstance(reason, _Overload):
                reason = self._reasons[position] = reason.reason()
            event = candidate.event.id
            decisions[event] = Decision(reason, self._owed[event] if reason is None else 0.0)
        return decisions

    def _first_change(
        self, active_from: Mapping[str, dt.date | None], refused: Mapping[str, str]
    ) -> int:
        """The first candidate whose inputs differ from the last round's: refused anew (or
        for another reason), or owing its venue's listening where it did not, or the reverse."""
        for position, candidate in enumerate(self.order[: len(self._reasons)]):
            event = candidate.event.id
            if refused.get(event) != self._refused.get(event) or (
                self._fixed[position] is None
                and event not in refused
                and _listening(candidate, active_from) != _listening(candidate, self._ready)
            ):
                return position
        return len(self._reasons)

    def _event_jobs(self, position: int, listening: float) -> list[Job]:
        key = (position, listening)
        if key not in self._jobs:
            candidate = self.order[position]
            self._jobs[key] = event_jobs(
                candidate.event, candidate.preparation_hours, listening, self.windows.calendar.start
            )
        return self._jobs[key]


@dataclass(frozen=True, slots=True)
class _Overload:
    """A candidate whose work does not fit the windows it was judged in."""

    windows: EventWindows
    changes: list[Job]
    others: bool
    """Whether other events were taken by then."""

    def reason(self) -> str:
        """Why the event is left out: the first window its work would overload."""
        windows = self.windows
        calendar, hours_per_week = windows.calendar, windows.hours_per_week
        overload = windows.overload(self.changes)
        assert overload is not None
        release, due, needed = overload
        weeks = calendar.working_weeks(due) - calendar.working_weeks(release)
        window = "before" if release <= calendar.start else f"from {release.isoformat()} to"
        chosen = " with the events already chosen" if self.others else ""
        return (
            f"its preparation does not fit: {needed:.0f} h are due in the {weeks:.1f} working "
            f"weeks {window} {due.isoformat()}, which give {weeks * hours_per_week:.0f} h at "
            f"{hours_per_week:g} h/week{chosen}"
        )


def _take(
    candidate: EventCandidate,
    taken: _Taken,
    first: dict[str, EventCandidate],
    owed: dict[str, float],
) -> None:
    """Record a taken candidate: the listening it owes, and the venue's first event."""
    owed[candidate.event.id] = taken.listening
    if taken.leads:
        before = first.get(candidate.venue.id)
        first[candidate.venue.id] = candidate
        if before is not None:
            owed[before.event.id] = 0.0


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


def _key(candidate: EventCandidate) -> tuple[dt.date, str]:
    return _first_due(candidate), candidate.event.id


def _listening(candidate: EventCandidate, ready: Mapping[str, dt.date | None]) -> float:
    """The venue's listening, owed by its first taken event unless the split has the venue
    listened to by that event's first due date."""
    heard = ready.get(candidate.venue.id)
    return candidate.listening_hours if heard is None or heard > _first_due(candidate) else 0.0


def _first_due(candidate: EventCandidate) -> dt.date:
    return candidate.event.proposal_deadline or candidate.event.date


def _fixed_reason(candidate: EventCandidate, marginal: float, windows: EventWindows) -> str | None:
    """Why the event is left out whatever else is taken; None if only the hours can say."""
    calendar = windows.calendar
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
    return None


@dataclass(frozen=True, slots=True)
class ProjectionInputs:
    """What the planner decided, as the projection needs it."""

    hours_per_week: float
    """The week's hours, split and events together."""
    hours: FloatArray
    """Hours per week per venue."""
    taken_events: tuple[int, ...]
    """Indices into ``RateModel.events`` of the events the plan takes."""
    listening_owed: Mapping[int, float] = field(default_factory=dict)
    """Listening hours each taken event owes its venue, by event index (none if absent)."""
