"""Money in what a person reads (issue 20): the budget left over beside the hours left over,
and a note where the budget binds that prices $1,000 a year more from a real replan."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.planning.budget import MORE_MONEY
from eminence.planning.results import NoteKind, Plan
from eminence.report.summary import summary_text
from eminence.report.svg.split import split_title
from eminence.testing import random_profile

SEEDS = st.integers(0, 2**32 - 1)
TRIALS = 50


def _budgeted(seed: int, money: float) -> Profile:
    return random_profile(seed, events=0, money_per_year=money)


def _with_budget(profile: Profile, money: float) -> Profile:
    capacity = profile.capacity.replace(money_per_year=money)
    return profile.model_copy(update={"capacity": capacity})


def _money_notes(plan: Plan) -> list[str]:
    return [note.message for note in plan.notes if note.kind is NoteKind.MONEY_BINDS]


class TestMoreMoney:
    @settings(max_examples=15, deadline=None)
    @given(SEEDS, st.sampled_from([0.0, 50.0, 500.0, 5_000.0, 1e6]))
    def test_a_note_prices_more_money_exactly_when_the_budget_binds(
        self, seed: int, money: float
    ) -> None:
        profile = _budgeted(seed, money)
        plan = em.plan(profile, trials=TRIALS)
        notes = _money_notes(plan)
        assert len(notes) == (1 if plan.allocation.money_binds else 0)
        assert bool(plan.allocation.more_money) == plan.allocation.money_binds
        if not plan.allocation.money_binds:
            return
        richer = em.plan(_with_budget(profile, money + MORE_MONEY), trials=TRIALS)
        actual = {goal.goal: goal for goal in richer.projections.goals}
        planned = {goal.goal: goal for goal in plan.projections.goals}
        for change in plan.allocation.more_money:
            assert change.what_if_date == actual[change.goal].expected_date
            assert change.what_if_weeks == actual[change.goal].expected_weeks
            assert change.planned_date == planned[change.goal].expected_date
        assert f"{figures.money(MORE_MONEY)} a year more brings" in notes[0]
        assert figures.money(money) in notes[0]

    def test_a_budget_that_binds_names_the_goals_it_holds_back(self) -> None:
        profile = em.example("consultant")
        plan = em.plan(_with_budget(profile, 100.0), trials=TRIALS)
        (note,) = _money_notes(plan)
        sooner = [c for c in plan.allocation.more_money if (c.weeks_saved or 0) > 0]
        assert sooner
        for change in sooner:
            assert repr(profile.goal(change.goal).name) in note
            assert "sooner" in note

    def test_a_plan_without_a_budget_is_written_as_before(self) -> None:
        plan = em.plan(em.example("consultant"), trials=TRIALS)
        assert "more_money" not in plan.model_dump_json()
        assert "leftover_money_per_year" not in plan.summary().model_dump_json()


@pytest.fixture(scope="module")
def plan() -> Plan:
    return em.plan(_with_budget(em.example("consultant"), 5_000.0), trials=TRIALS)


class TestLeftOverMoney:
    def test_every_view_of_the_split_shows_the_money_left_over(self, plan: Plan) -> None:
        leftover = plan.allocation.leftover_money_per_year
        assert leftover is not None
        assert leftover > 0
        written = f"{figures.money(leftover)} a year of the money budget left over"
        assert written in str(plan)
        assert written in (plan._repr_html_() or "")
        assert written in summary_text(plan.summary())
        assert written in split_title(plan.allocation)

    def test_the_summary_carries_the_money_left_over(self, plan: Plan) -> None:
        leftover = plan.allocation.leftover_money_per_year
        assert plan.summary().leftover_money_per_year == pytest.approx(leftover, abs=0.005)
