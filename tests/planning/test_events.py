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
    EventWindows,
    choose_events,
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
