"""The work an event asks of the plan: its candidates, scored, and their dated jobs.

An event's work is a few jobs (`event_jobs`): listening at the venue, when the split does not
reach it in time, and the proposal, both due at the call-for-proposals deadline; the rest of
the preparation, due on the event's date; attendance, in the week before. The same jobs take
their hours from the split in the projection and are placed in the schedule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from eminence.model import Event, Venue
from eminence.model._base import Choice
from eminence.planning.rates import PROPOSAL_SHARE

__all__ = ("EventCandidate", "Job", "JobKind", "ProjectionInputs", "event_jobs", "first_due")

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
    earliest = deadline or event.date
    proposal = PROPOSAL_SHARE * preparation if deadline else 0.0
    jobs = [
        Job(JobKind.LISTENING, start, earliest, listening),
        Job(JobKind.PROPOSAL, start, earliest, proposal),
        Job(JobKind.PREPARATION, deadline or start, event.date, preparation - proposal),
        Job(
            JobKind.ATTENDANCE,
            max(start, event.date - dt.timedelta(days=7)),
            event.date,
            event.attendance_hours,
        ),
    ]
    return [job for job in jobs if job.hours > 0.0]


def first_due(candidate: EventCandidate) -> dt.date:
    """The candidate's first due date: its call for proposals, or the event without one."""
    return candidate.event.proposal_deadline or candidate.event.date


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
