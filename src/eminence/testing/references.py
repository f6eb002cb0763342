"""Slow references that fast code is checked against: each recomputes from scratch what the
planner keeps up to date, and shares none of its code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from eminence.planning.calendar import WorkingCalendar
from eminence.planning.events import EventCandidate, Job, JobKind, event_jobs

__all__ = ("events_fitted_from_scratch",)


def _first_due(candidate: EventCandidate) -> dt.date:
    return candidate.event.proposal_deadline or candidate.event.date


def _overloaded(jobs: list[Job], calendar: WorkingCalendar, hours_per_week: float) -> bool:
    """Horn's condition, window by window: some window from a release to a due date asks
    more hours than it has (attendance counts from the start)."""
    released = [
        (calendar.start if job.kind is JobKind.ATTENDANCE else job.release, job) for job in jobs
    ]
    for due in {job.due for job in jobs}:
        for release in {release for release, _ in released}:
            if release > due:  # a window of no time holds no work
                continue
            needed = sum(
                job.hours for start, job in released if start >= release and job.due <= due
            )
            weeks = calendar.working_weeks(due) - calendar.working_weeks(release)
            if needed > hours_per_week * weeks + 1e-9:
                return True
    return False


def events_fitted_from_scratch(
    candidates: list[EventCandidate],
    calendar: WorkingCalendar,
    hours_per_week: float,
    ready: Mapping[str, dt.date | None],
    skipped: set[str],
) -> dict[str, float | None]:
    """The reference for `choose_events`: each event's listening if taken, None if its work
    does not fit, checking every window of all the work from scratch for every candidate.
    Events in ``skipped`` are left out, as for reasons other than the hours."""
    taken: list[EventCandidate] = []
    fits: dict[str, bool] = {}
    order = sorted(candidates, key=lambda c: (-c.progress_per_hour, c.event.date, c.event.id))
    for candidate in (c for c in order if c.event.id not in skipped):
        chosen = [*taken, candidate]
        owed = _owed(chosen, ready)
        jobs = [
            job
            for c in chosen
            for job in event_jobs(c.event, c.preparation_hours, owed[c.event.id], calendar.start)
        ]
        fits[candidate.event.id] = not _overloaded(jobs, calendar, hours_per_week)
        if fits[candidate.event.id]:
            taken = chosen
    owed = _owed(taken, ready)
    return {e: owed[e] if fit else None for e, fit in fits.items()}


def _owed(chosen: list[EventCandidate], ready: Mapping[str, dt.date | None]) -> dict[str, float]:
    owed = {c.event.id: 0.0 for c in chosen}
    first: dict[str, EventCandidate] = {}
    for candidate in sorted(chosen, key=lambda c: (_first_due(c), c.event.id)):
        first.setdefault(candidate.venue.id, candidate)
    for venue, candidate in first.items():
        heard = ready.get(venue)
        if heard is None or heard > _first_due(candidate):
            owed[candidate.event.id] = candidate.listening_hours
    return owed
