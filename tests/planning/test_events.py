"""Choosing events: the window bookkeeping decides exactly as Horn's condition checked from
scratch, window by window, for every candidate (`eminence.testing`'s reference)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from eminence.model import Profile
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.events import (
    Decision,
    EventCandidate,
    EventChooser,
    EventWindows,
    Job,
    JobKind,
    choose_events,
    event_jobs,
)
from eminence.testing import events_fitted_from_scratch, random_profile_data


def _situation(
    seed: int, events: int
) -> tuple[list[EventCandidate], WorkingCalendar, float, dict[str, dt.date | None]]:
    draw = random.Random(seed)
    data = random_profile_data(seed, venues=3, events=events, hours_per_week=draw.uniform(0.5, 6))
    if draw.random() < 0.5:
        first = dt.date(2027, 1, 4) + dt.timedelta(days=draw.randint(0, 200))
        span = dt.timedelta(days=draw.randint(0, 40))
        data["capacity"]["unavailable"] = [{"start": str(first), "end": str(first + span)}]
    profile = Profile.model_validate(data)
    calendar = WorkingCalendar(profile.capacity)
    candidates = [
        EventCandidate(
            venue=venue,
            event=event,
            expected_progress=1.0,
            expected_hours=1.0,
            progress_per_hour=draw.choice([draw.random(), 0.5]),  # ties, ordered by date
            preparation_hours=draw.choice([0.0, draw.uniform(1, 60)]),
            listening_hours=venue.listening_hours,
        )
        for venue in profile.venues
        for event in venue.events
        if event.date <= calendar.horizon_end
    ]
    ready = {
        venue.id: draw.choice([None, calendar.start + dt.timedelta(days=draw.randint(0, 300))])
        for venue in profile.venues
    }
    return candidates, calendar, profile.capacity.hours_per_week, ready


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 14))
@example(seed=181, events=3)  # listening due on the first day: a window of no time
def test_the_choice_is_horns_condition_checked_from_scratch(seed: int, events: int) -> None:
    candidates, calendar, hours, ready = _situation(seed, events)
    decisions = choose_events(candidates, EventWindows(candidates, calendar, hours), 0.0, ready)
    # Only overloads are the reference's business: the other reasons come before the windows.
    other = {e for e, d in decisions.items() if d.reason and "does not fit" not in d.reason}
    fitted = {
        e: d.listening_hours if d.reason is None else None
        for e, d in decisions.items()
        if e not in other
    }
    assert fitted == events_fitted_from_scratch(candidates, calendar, hours, ready, other)


def test_a_refused_event_is_decided_as_told() -> None:
    candidates, calendar, hours, ready = _situation(7, 4)
    refused = {candidates[0].event.id: "told so"}
    decisions = choose_events(
        candidates, EventWindows(candidates, calendar, hours), 0.0, ready, refused
    )
    assert decisions[candidates[0].event.id] == Decision("told so")


@pytest.mark.parametrize("events", [0, 1])
def test_few_events(events: int) -> None:
    candidates, calendar, hours, ready = _situation(3, events)
    assert len(
        choose_events(candidates, EventWindows(candidates, calendar, hours), 0.0, ready)
    ) == len(candidates)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 14), st.lists(st.integers(0, 2**32), max_size=5))
def test_a_choice_resumed_round_after_round_is_the_choice_from_scratch(
    seed: int, events: int, rounds: list[int]
) -> None:
    """Each round refuses some events taken and moves when venues are ready, as a plan's
    rounds do: the chooser, resumed from the first candidate that changes, decides exactly
    as a choice made from scratch, reasons and listening included."""
    candidates, calendar, hours, ready = _situation(seed, events)
    empty = EventWindows(candidates, calendar, hours)
    chooser = EventChooser(candidates, empty, 0.0)
    refused: dict[str, str] = {}
    for round_seed in [seed, *rounds]:
        draw = random.Random(round_seed)
        decisions = chooser.choose(ready, refused)
        assert decisions == choose_events(candidates, empty, 0.0, ready, refused)
        taken = sorted(e for e, d in decisions.items() if d.reason is None)
        refused |= {e: f"refused in round {round_seed}" for e in taken if draw.random() < 0.4}
        ready = {
            venue: draw.choice(
                [day, None, calendar.start + dt.timedelta(days=draw.randint(0, 300))]
            )
            if draw.random() < 0.3
            else day
            for venue, day in ready.items()
        }


def _first_overload_from_scratch(
    windows: EventWindows, jobs: list[Job]
) -> tuple[dt.date, dt.date, float] | None:
    """The window `EventWindows.overload` names, found by summing the jobs in every window:
    the first overloaded window from the start by due date, unless a window from a later
    release (preparation after a call for proposals only) is overloaded at an earlier date,
    the first of those by date then release."""
    calendar, rate = windows.calendar, windows.hours_per_week
    start = calendar.start

    def capacity(release: dt.date, due: dt.date) -> float:
        return rate * (calendar.working_weeks(due) - calendar.working_weeks(release))

    found = None
    for due in windows.dues:
        needed = sum(job.hours for job in jobs if job.due <= due)
        if needed > capacity(start, due) + 1e-9:
            found = (start, due, needed)
            break
    later = [job for job in jobs if job.kind is JobKind.PREPARATION and job.release > start]
    for date in windows.dates:
        if found is not None and date >= found[1]:
            break
        for release in (day for day in windows.releases if day <= date):
            needed = sum(j.hours for j in later if j.release >= release and j.due <= date)
            if needed > capacity(release, date) + 1e-9:
                return release, date, needed
    return found


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 14))
def test_the_window_overloaded_is_the_first_found_from_scratch(seed: int, events: int) -> None:
    """Candidates offered one by one, each taken when it fits: the window each one left out
    would overload is the first one that summing every window's jobs finds."""
    candidates, calendar, hours, _ = _situation(seed, events)
    windows = EventWindows(candidates, calendar, hours)
    taken: list[Job] = []
    for candidate in candidates:
        changes = event_jobs(
            candidate.event, candidate.preparation_hours, candidate.listening_hours, calendar.start
        )
        expected = _first_overload_from_scratch(windows, [*taken, *changes])
        found = windows.overload(changes)
        assert windows.fits(changes) is (found is None)
        assert (found is None) is (expected is None)
        if found is None:
            windows.add(changes)
            taken += changes
        else:
            assert expected is not None
            assert found[:2] == expected[:2]
            assert found[2] == pytest.approx(expected[2], rel=1e-9, abs=1e-9)
