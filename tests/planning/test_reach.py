"""The hours search of `reach` stops early only where no level left could change its answer:
the ceiling on a goal's chance over the levels below holds at every one of them, and the
scan finds what probing every level finds."""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning.reach import CONFIDENCE, SCAN_LEVELS, levels, scan
from eminence.testing import random_profile_data

TRIALS = 200


def _planner(seed: int, weeks: int, money: float | None) -> em.Planner:
    data = random_profile_data(seed, venues=4, events=3)
    start = dt.date.fromisoformat(data["capacity"]["start"])
    for goal in data["goals"]:
        goal["deadline"] = (start + dt.timedelta(weeks=weeks)).isoformat()
    data["capacity"]["money_per_year"] = money
    return em.Planner(em.model.Profile.model_validate(data), seed=seed, trials=TRIALS)


PLANNERS = st.builds(
    _planner,
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=2, max_value=150),
    st.sampled_from([None, None, 5_000.0]),
)


def _ceiling_holds(planner: em.Planner) -> None:
    scanned = levels(planner.model.committed_hours)
    for g in range(len(planner.model.goals)):
        chances = [planner.chance(g, level) for level in scanned]
        for top, level in enumerate(scanned):
            assert max(chances[: top + 1]) <= planner.ceiling(g, level), (g, level)


class TestTheCeiling:
    @settings(max_examples=15, deadline=None)
    @given(PLANNERS)
    def test_no_level_below_has_a_greater_chance(self, planner: em.Planner) -> None:
        _ceiling_holds(planner)

    @pytest.mark.parametrize("name", em.examples())
    def test_it_holds_where_events_carry_a_goal(self, name: str) -> None:
        # The bundled examples take events whose yields a goal's chance rests on.
        _ceiling_holds(em.Planner(em.example(name), trials=TRIALS))


class TestTheScan:
    @settings(max_examples=15, deadline=None)
    @given(PLANNERS)
    def test_it_finds_what_probing_every_level_finds(self, planner: em.Planner) -> None:
        floor = planner.model.committed_hours
        for g in range(len(planner.model.goals)):
            everywhere = scan(functools.partial(planner.chance, g), floor, CONFIDENCE)
            assert planner.scan(g) == everywhere

    def test_a_goal_no_hours_reach_is_settled_in_a_few_levels(self) -> None:
        # The consultant's invitations: at best 68 % at any hours, reached near the top; the
        # levels below cannot do better, and are not projected.
        planner = em.Planner(em.example("consultant"))
        probed: list[float] = []
        chance = planner.chance

        def counted(g: int, hours_per_week: float) -> float:
            probed.append(hours_per_week)
            return chance(g, hours_per_week)

        planner.chance = counted  # type: ignore[method-assign]
        found = planner.scan(0)
        assert not found.reaches
        assert len(probed) <= SCAN_LEVELS // 2
