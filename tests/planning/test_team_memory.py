"""A firm goal's trials are summed as each expert's come (issue 19): the memory of a team's
firm goals is one (trials x weeks) sum per goal, and does not grow with the bench."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

from eminence import io
from eminence.model import Expert, Team
from eminence.planning.team import _FirmGoals
from eminence.planning.team.slots import Bench

STUDIO = io.example_team("studio")
TRIALS = 4_000
WEEKS = 520


def _peak(run: Callable[[], object]) -> int:
    """The most bytes ``run`` held at once, beyond what was held before it."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _copy(expert: Expert, copy: int) -> Expert:
    """The expert again, under ids of their own (venues and events are each expert's)."""
    venues = tuple(
        venue.replace(
            id=f"{venue.id}-{copy}",
            events=tuple(event.replace(id=f"{event.id}-{copy}") for event in venue.events),
        )
        for venue in expert.venues
    )
    return expert.replace(id=f"{expert.id}-{copy}", venues=venues)


def _bench(size: int) -> Team:
    experts = tuple(_copy(STUDIO.experts[i % 3], i) for i in range(size))
    return STUDIO.replace(experts=experts)


def _firm_goals_peak(team: Team) -> int:
    bench = Bench(team, seed=1, trials=TRIALS, horizon_weeks=WEEKS)
    settled = bench.settle()
    firm = _FirmGoals(team, bench)
    firm.project(settled, seed=1)  # each expert's layout is laid out once, and kept
    return _peak(lambda: firm.project(settled, seed=1))


class TestFirmGoalsMemory:
    def test_the_sum_of_trials_does_not_grow_with_the_experts(self) -> None:
        one_sum = 8 * TRIALS * (WEEKS + 1)
        few, many = _firm_goals_peak(_bench(2)), _firm_goals_peak(_bench(12))
        # One running sum per firm goal, its stock's churned block, and each expert's block
        # of draws: never an array of trials per expert (twelve would hold 12 sums).
        assert many < 2.5 * one_sum, (many, one_sum)
        assert many < few + one_sum / 4, (few, many)
