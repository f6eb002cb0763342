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

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from eminence.model import Event, Venue
from eminence.model._base import Choice
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.rates import PROPOSAL_SHARE

__all__ = ("Decision", "EventCandidate", "Job", "JobKind", "choose_events", "event_jobs")


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


def _first_overload(
    jobs: list[Job], calendar: WorkingCalendar, hours_per_week: float
) -> tuple[dt.date, dt.date, float] | None:
    """The first window (release, due, hours needed in it) that asks more than its hours.

    Jobs that may start at different dates fit exactly when every window from one job's
    release to another's due date has the hours of the jobs that must be done within it.
    Attendance is days away rather than work to fit into a week: it counts against all the
    hours up to the event, as the projection takes it back from the weeks around it.
    """
    released = [
        (calendar.start if job.kind is JobKind.ATTENDANCE else job.release, job) for job in jobs
    ]
    releases = sorted({release for release, _ in released})
    for due in sorted({job.due for job in jobs}):
        for release in releases:
            if release >= due:
                break
            needed = sum(
                job.hours for start, job in released if start >= release and job.due <= due
            )
            weeks = calendar.working_weeks(due) - calendar.working_weeks(release)
            if needed > hours_per_week * weeks + 1e-9:
                return release, due, needed
    return None


def choose_events(
    candidates: list[EventCandidate],
    calendar: WorkingCalendar,
    hours_per_week: float,
    marginal_progress_per_hour: float,
    active_from: Mapping[str, dt.date | None] | None = None,
    refused: Mapping[str, str] | None = None,
) -> dict[str, Decision]:
    """Decide each event: taken, with the listening it owes, or the reason it is dropped.

    Candidates are considered best first, so a better event keeps its place when two compete
    for the same weeks. A venue's listening is owed once, by its taken event due first, and
    not at all when the weekly split has the venue listened to before that event's first due
    date. Events in ``refused`` are dropped with the reason given.
    """
    decisions: dict[str, Decision] = {
        event: Decision(reason) for event, reason in (refused or {}).items()
    }
    taken: dict[str, float] = {}  # listening owed by each taken event
    by_id = {candidate.event.id: candidate for candidate in candidates}
    order = sorted(candidates, key=lambda c: (-c.progress_per_hour, c.event.date, c.event.id))
    for candidate in order:
        if candidate.event.id in decisions:
            continue
        owed = _owed([by_id[e] for e in taken] + [candidate], active_from or {})
        jobs = {
            e: event_jobs(by_id[e].event, by_id[e].preparation_hours, owed[e], calendar.start)
            for e in [*taken, candidate.event.id]
        }
        others = [job for e in taken for job in jobs[e]]
        reason = _reason_to_drop(
            candidate,
            calendar,
            hours_per_week,
            marginal_progress_per_hour,
            others,
            jobs[candidate.event.id],
        )
        decisions[candidate.event.id] = Decision(reason)
        if reason is None:
            taken = {e: owed[e] for e in [*taken, candidate.event.id]}
    return decisions | {e: Decision(None, listening) for e, listening in taken.items()}


def _first_due(candidate: EventCandidate) -> dt.date:
    return candidate.event.proposal_deadline or candidate.event.date


def _owed(
    chosen: list[EventCandidate], active_from: Mapping[str, dt.date | None]
) -> dict[str, float]:
    """The listening each chosen event owes: its venue's, by the event due first there, unless
    the weekly split has the venue listened to by then."""
    owed = {candidate.event.id: 0.0 for candidate in chosen}
    first: dict[str, EventCandidate] = {}
    for candidate in sorted(chosen, key=lambda c: (_first_due(c), c.event.id)):
        first.setdefault(candidate.venue.id, candidate)
    for venue, candidate in first.items():
        ready = active_from.get(venue)
        if ready is None or ready > _first_due(candidate):
            owed[candidate.event.id] = candidate.listening_hours
    return owed


def _reason_to_drop(
    candidate: EventCandidate,
    calendar: WorkingCalendar,
    hours_per_week: float,
    marginal: float,
    taken: list[Job],
    jobs: list[Job],
) -> str | None:
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
    overload = _first_overload(taken + jobs, calendar, hours_per_week)
    if overload is not None:
        release, due, needed = overload
        weeks = calendar.working_weeks(due) - calendar.working_weeks(release)
        window = "before" if release <= calendar.start else f"from {release.isoformat()} to"
        others = " with the events already chosen" if taken else ""
        return (
            f"its preparation does not fit: {needed:.0f} h are due in the {weeks:.1f} working "
            f"weeks {window} {due.isoformat()}, which give {weeks * hours_per_week:.0f} h at "
            f"{hours_per_week:g} h/week{others}"
        )
    return None
