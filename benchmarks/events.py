"""Time the choice of events as their number grows: one venue with n dated events.

    python benchmarks/events.py

Two layouts: ``spread`` (an event every few weeks over eight years, calls for proposals two
months ahead: many fit, many are refused as too late to pay back) and ``crowded`` (all in one
year, their windows overlapping). For each n it prints the time to plan and to render (HTML
and text), the growth exponent of the plan's time from 100 to 1,000 events, and, at 100
events, the choice alone against the reference that checks every window from scratch
(`eminence.testing.events_fitted_from_scratch`), measured in the same run. Issue 16's targets
are printed with whether each is met: 1,000 events planned and rendered within a second, and
the plan's time growing no faster than n ** 1.3.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import math
import time
from collections.abc import Callable

import eminence as em
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.events import EventCandidate, EventWindows, choose_events
from eminence.testing import events_fitted_from_scratch, profile_data

SIZES = (100, 200, 500, 1000)
TRIALS = 200
MOST_SECONDS = 1.0
"""Issue 16's target: 1,000 events on one venue planned and rendered within this."""
MOST_EXPONENT = 1.3
"""Issue 16's target: the plan's time grows at most this fast from 100 to 1,000 events."""


def profile(events: int, layout: str) -> em.model.Profile:
    """The small test profile with its conference holding ``events`` events."""
    data = profile_data()
    conference = data["venues"][1]
    template = conference["events"][0]
    start = dt.date(2027, 1, 4)
    conference["events"] = []
    for index in range(events):
        if layout == "spread":
            day = start + dt.timedelta(days=30 + index * 3000 // events)
            deadline = day - dt.timedelta(days=60)
        else:
            day = start + dt.timedelta(days=60 + index * 300 // events)
            deadline = start + dt.timedelta(days=20 + index * 200 // events)
        event = copy.deepcopy(template)
        event.update(id=f"e{index}", date=str(day), proposal_deadline=str(max(deadline, start)))
        conference["events"].append(event)
    data["goals"][0].pop("deadline")
    return em.loads(data)


def _seconds(run: Callable[[], object], repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def _candidates(planned: em.results.Plan) -> tuple[list[EventCandidate], WorkingCalendar, float]:
    """The plan's events as the choice sees them, scored as the plan scored them."""
    profile = planned.profile
    scored = {choice.event: choice for choice in planned.allocation.events}
    candidates = [
        EventCandidate(
            venue=venue,
            event=event,
            expected_progress=scored[event.id].expected_progress,
            expected_hours=scored[event.id].expected_hours,
            progress_per_hour=scored[event.id].progress_per_hour,
            preparation_hours=event.preparation_hours.mean,
            listening_hours=venue.listening_hours,
        )
        for venue in profile.venues
        for event in venue.events
    ]
    return candidates, WorkingCalendar(profile.capacity), profile.capacity.hours_per_week


def _render(planned: em.results.Plan) -> None:
    planned._repr_html_()
    str(planned)


def _against_reference(layout: str) -> tuple[float, float]:
    """Seconds to choose among 100 events, and to check them from scratch."""
    candidates, calendar, hours = _candidates(em.plan(profile(100, layout), trials=TRIALS))
    windows = EventWindows(candidates, calendar, hours)
    ours = _seconds(lambda: choose_events(candidates, windows, 0.0), repeat=5)
    theirs = _seconds(
        lambda: events_fitted_from_scratch(candidates, calendar, hours, {}, set()), repeat=1
    )
    return ours, theirs


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def main() -> None:
    for layout in ("spread", "crowded"):
        print(f"{layout}: {'events':>7}{'plan s':>9}{'render s':>10}{'taken':>7}")
        plans: dict[int, float] = {}
        renders: dict[int, float] = {}
        for size in SIZES:
            subject = profile(size, layout)
            plans[size] = _seconds(functools.partial(em.plan, subject, trials=TRIALS))
            render = math.inf  # a fresh plan each time: a plan keeps what it has rendered
            for _ in range(3):
                planned = em.plan(subject, trials=TRIALS)
                render = min(render, _seconds(functools.partial(_render, planned), 1))
            renders[size] = render
            taken = sum(choice.taken for choice in planned.allocation.events)
            print(f"{'':8}{size:>7}{plans[size]:>9.3f}{render:>10.3f}{taken:>7}")
        most = SIZES[-1]
        exponent = math.log(plans[most] / plans[SIZES[0]]) / math.log(most / SIZES[0])
        both = plans[most] + renders[most]
        print(
            f"{'':8}{most:,} events planned and rendered in {both:.3f} s "
            f"(target <= {MOST_SECONDS:g} s): {_verdict(both <= MOST_SECONDS)}"
        )
        print(
            f"{'':8}growth exponent of plan, {SIZES[0]} to {most} events: {exponent:.2f} "
            f"(target <= {MOST_EXPONENT:g}): {_verdict(exponent <= MOST_EXPONENT)}"
        )
        ours, theirs = _against_reference(layout)
        print(
            f"{'':8}choosing among 100 events: {ours * 1e3:.1f} ms, from scratch "
            f"{theirs * 1e3:.0f} ms: {theirs / ours:.0f} times faster\n"
        )


if __name__ == "__main__":
    main()
