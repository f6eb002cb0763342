"""Memory grows with what a plan holds, never with every source x goal x week or trial
(issue 16): each stage of a wide plan is measured with tracemalloc against the size of what
it really has to hold."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from collections.abc import Callable

import numpy as np
import pytest

import eminence as em
from eminence.planning.costs import plan_costs
from eminence.planning.planner import RANKING_TRIALS
from eminence.planning.priorities import _chance_in_top
from eminence.planning.rates import RateModel
from eminence.planning.uncertainty import BLOCK_BYTES, Draws
from eminence.testing import random_profile_data

WEEKS = 520


def _peak(run: Callable[[], object]) -> int:
    """The most bytes ``run`` held at once, beyond what was held before it."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _wide(events: int) -> em.model.Profile:
    """Many goals and events over ten years: dense source x goal x week arrays are large."""
    return em.loads(random_profile_data(3, venues=20, goals=30, events=events))


def _dated(events: int) -> em.model.Profile:
    """Four venues and one goal, with ``events`` dated through ten years that mostly fit."""
    data = random_profile_data(1, venues=4, goals=1, events=0, hours_per_week=40.0)
    start = dt.date.fromisoformat(data["capacity"]["start"])
    metric = data["goals"][0]["metric"]
    for index in range(events):
        day = start + dt.timedelta(days=90 + index * (WEEKS * 7 - 120) // events)
        data["venues"][index % 4].setdefault("events", []).append(
            {
                "id": f"e{index}",
                "date": day.isoformat(),
                "proposal_deadline": (day - dt.timedelta(days=60)).isoformat(),
                "preparation_hours": 4.0,
                "attendance_hours": 2.0,
                "acceptance_chance": 0.7,
                "yields": {metric: 10.0},
            }
        )
    return em.loads(data)


class TestExpectedFlows:
    def test_flows_and_costs_grow_with_what_flows(self) -> None:
        profile = _wide(events=200)
        planner = em.Planner(profile, trials=20, horizon_weeks=WEEKS)
        allocation, inputs = planner.allocation(profile.capacity.hours_per_week)
        planner.projector.expected_flows(inputs)  # the layout is laid out once, and kept
        schedule = planner.plan().schedule  # what the costs read, not what they make

        def flows_costs_and_paths() -> None:
            flows = planner.projector.expected_flows(inputs)
            plan_costs(planner.model, allocation, flows, schedule)
            for goal in profile.goals:
                flows.path(goal, profile.metric(goal.metric).churn_per_week)

        weeks, goals = WEEKS + 1, len(profile.goals)
        sources = int(np.count_nonzero(inputs.hours)) + len(inputs.taken_events)
        events = len(planner.model.events)
        # The used venues' and taken events' rates and clocks, and one source x goal table at
        # a time.
        flowing = 8 * sources * (goals + weeks)
        tables = 8 * (len(profile.venues) + events) * goals * 4
        dense = 8 * events * goals * weeks
        peak = _peak(flows_costs_and_paths)
        assert peak <= 2 * flowing + tables + 2**20
        assert peak < dense / 8


class TestRanking:
    def test_the_chance_in_the_top_is_counted_in_blocks_of_bounded_memory(self) -> None:
        model = RateModel(_wide(events=200))
        draws = Draws(model.table, 0, RANKING_TRIALS)
        _chance_in_top(model, draws)  # the draws are kept once drawn
        # Every venue and event scores toward every goal in every trial: 2,000 trials of it
        # would take far more than one block.
        every = 8 * draws.trials * (len(model.venues) + len(model.events)) * len(model.goals)
        assert every > 4 * BLOCK_BYTES
        assert _peak(lambda: _chance_in_top(model, draws)) <= 1.5 * BLOCK_BYTES


@pytest.mark.extra("ical")
class TestCalendar:
    def test_the_calendar_grows_with_its_bytes_not_with_objects_per_item(self) -> None:
        plan = em.Planner(_dated(events=200), trials=20, horizon_weeks=WEEKS).plan()
        calendar = plan.to_ical()
        assert len(plan.schedule.items) > 150
        # The file, and its events' lines before they are joined; not every item's
        # properties as objects at once (about 25 times the file).
        assert _peak(plan.to_ical) <= 3 * len(calendar) + 2**16
