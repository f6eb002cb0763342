"""A money budget next to the hours: the split never spends more than it, weighs money exactly
(a second multiplier), and changes nothing without one or when it does not bind."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

import eminence as em
from eminence.errors import EminenceError
from eminence.model import Profile
from eminence.planning.allocation import Split, SplitCurve
from eminence.planning.events.fees import _event_money
from eminence.planning.response import response
from eminence.testing import random_profile

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Budgeted:
    """A drawn split with each venue's money per hour and a budget as a share of the money
    the split would spend without one."""

    gain: FloatArray
    saturation: FloatArray
    lower: FloatArray
    upper: FloatArray
    rate: FloatArray
    total: float
    share: float

    def curve(self, rate: FloatArray | None = None, budget: float | None = None) -> SplitCurve:
        return SplitCurve(
            self.gain,
            self.saturation,
            self.lower,
            self.upper,
            money_per_hour=self.rate if rate is None else rate,
            money_per_week=self.budget if budget is None else budget,
        )

    def free(self) -> Split:
        return SplitCurve(self.gain, self.saturation, self.lower, self.upper).split(self.total)

    def spent(self, hours: FloatArray, rate: FloatArray | None = None) -> float:
        return float(response(self.rate if rate is None else rate, self.saturation, hours).sum())

    @property
    def budget(self) -> float:
        floor = self.spent(self.lower)
        return floor + self.share * max(self.spent(self.free().hours) - floor, 0.0)


@st.composite
def budgeted(draw: st.DrawFn, max_venues: int = 6, tied: bool = False) -> Budgeted:
    """A budgeted split; ``tied`` always ties some venues at the money multiplier, beside a
    free venue whose progress saturates within the hours (its marginal progress rounds to 0)."""
    count = draw(st.integers(2 if tied else 1, max_venues))

    def floats(low: float, high: float) -> FloatArray:
        return np.array(draw(st.lists(st.floats(low, high), min_size=count, max_size=count)))

    gain, saturation = floats(1e-2, 1e2), floats(0.1, 20.0)
    lower = np.where(floats(0.0, 1.0) < 0.3, floats(0.0, 2.0), 0.0)
    upper = np.where(floats(0.0, 1.0) < 0.4, lower + floats(0.0, 10.0), math.inf)
    # Some venues are free: money then only steers hours towards them.
    rate = np.where(floats(0.0, 1.0) < 0.3, 0.0, floats(1e-2, 1e3))
    if tied or draw(st.booleans()):
        # Venues tied at the money multiplier: the same progress per money, so the money they
        # spend jumps where the multiplier reaches it.
        progress_per_money = draw(st.floats(1e-2, 10.0))
        rate = np.where(floats(0.0, 1.0) < 0.6, gain / progress_per_money, rate)
    if tied:
        saturation[0], upper[0], rate[0] = draw(st.floats(0.1, 0.5)), math.inf, 0.0
    total = float(lower.sum()) + draw(st.floats(0.1, 40.0))
    # Budgets at and a hair above the minimum hours' cost, and anywhere up to the free split's.
    share = draw(st.one_of(st.sampled_from([0.0, 1e-12, 1e-6]), st.floats(0.0, 1.0)))
    return Budgeted(gain, saturation, lower, upper, rate, total, share)


class TestBudget:
    @settings(max_examples=150, deadline=None)
    @given(budgeted())
    def test_the_split_never_spends_more_than_the_budget(self, case: Budgeted) -> None:
        self._assert_within(case)

    @settings(max_examples=300, deadline=None)
    @given(budgeted(tied=True))
    def test_venues_tied_at_the_money_multiplier_spend_exactly_the_budget_and_hours(
        self, case: Budgeted
    ) -> None:
        self._assert_within(case)

    @staticmethod
    def _assert_within(case: Budgeted) -> None:
        split = case.curve().split(case.total)
        assert case.spent(split.hours) <= case.budget * (1.0 + 1e-9)
        if split.money_multiplier > 0.0:
            # The budget binds, so all of it is spent, to the rounding of the hours: on the
            # scale of the money every hour would cost at its first-hour price.
            scale = float(case.rate.sum()) * case.total
            assert case.spent(split.hours) == pytest.approx(case.budget, rel=1e-9, abs=1e-9 * scale)
        assert np.all(split.hours >= case.lower)
        assert np.all(split.hours <= case.upper)
        assert split.hours.sum() + split.leftover_hours == pytest.approx(case.total, rel=1e-9)

    @settings(max_examples=100, deadline=None)
    @given(budgeted())
    def test_a_budget_that_does_not_bind_changes_no_bit_of_the_split(self, case: Budgeted) -> None:
        free = case.free()
        roomy = case.curve(budget=case.spent(free.hours) * 1.5 + 1.0).split(case.total)
        assert roomy.hours.tobytes() == free.hours.tobytes()
        assert roomy.marginal_progress_per_hour == free.marginal_progress_per_hour
        assert roomy.money_multiplier == 0.0

    @settings(max_examples=100, deadline=None)
    @given(budgeted(), st.floats(1.0, 10.0))
    def test_more_money_never_buys_less_progress_nor_spends_less(
        self, case: Budgeted, more: float
    ) -> None:
        # Not "a venue's hours never rise when its cost rises": making a cheap venue paid can
        # make the budget bind, which takes hours from the dearer venues and gives them to it
        # (gain [2, 1], saturation [1, 2], money per hour 0 -> 1 at the first: 1.46 -> 2.87 h).
        budget = case.budget
        less = case.curve(budget=budget).split(case.total)
        richer = case.curve(budget=budget * more).split(case.total)
        assert richer.progress >= less.progress * (1.0 - 1e-9)
        assert case.spent(richer.hours) >= case.spent(less.hours) * (1.0 - 1e-9) - 1e-12
        assert richer.money_multiplier <= less.money_multiplier * (1.0 + 1e-9)

    @settings(max_examples=100, deadline=None)
    @given(budgeted())
    def test_funded_venues_share_one_marginal_progress_per_hour_and_money(
        self, case: Budgeted
    ) -> None:
        # KKT: inside its bounds, (g - nu k) exp(-h / s) = lambda for every venue.
        split = case.curve().split(case.total)
        nu, hours = split.money_multiplier, split.hours
        inside = (hours > case.lower + 1e-6) & (hours < case.upper - 1e-6)
        net = (case.gain - nu * case.rate) * np.exp(-hours / case.saturation)
        assert net[inside] == pytest.approx(
            np.full(int(inside.sum()), split.marginal_progress_per_hour), rel=1e-6, abs=1e-9
        )
        # A venue held at its lower bound would gain no more than lambda from an hour more.
        low = (hours <= case.lower + 1e-6) & (hours < case.upper)
        assert np.all(net[low] <= split.marginal_progress_per_hour * (1 + 1e-6) + 1e-9)

    @settings(max_examples=60, deadline=None)
    @given(st.one_of(budgeted(max_venues=4), budgeted(max_venues=4, tied=True)))
    def test_no_general_optimiser_finds_more_progress_within_the_budget(
        self, case: Budgeted
    ) -> None:
        optimize = pytest.importorskip("scipy.optimize")
        budget = case.budget
        split = case.curve().split(case.total)

        def progress(hours: FloatArray) -> float:
            return float(response(case.gain, case.saturation, hours).sum())

        best = progress(split.hours)
        for start in (split.hours, np.array(case.lower, dtype=np.float64)):
            found = optimize.minimize(
                lambda hours: -progress(hours),
                start,
                method="SLSQP",
                bounds=optimize.Bounds(case.lower, case.upper),
                constraints=[
                    {"type": "ineq", "fun": lambda hours: case.total - float(hours.sum())},
                    {"type": "ineq", "fun": lambda hours: budget - case.spent(hours)},
                ],
                options={"ftol": 1e-12, "maxiter": 500},
            )
            hours = np.asarray(found.x, dtype=np.float64)
            feasible = (
                hours.sum() <= case.total * (1 + 1e-9)
                and case.spent(hours) <= budget * (1 + 1e-9) + 1e-12
                and np.all(hours >= case.lower - 1e-9)
                and np.all(hours <= case.upper + 1e-9)
            )
            assume(found.success or not feasible)
            if feasible:
                assert progress(hours) <= best * (1.0 + 1e-6) + 1e-9


def test_a_budget_below_the_minimum_hours_cost_names_the_fix() -> None:
    with pytest.raises(EminenceError, match="min_hours_per_week"):
        SplitCurve([1.0], [1.0], lower=[1.0], money_per_hour=[10.0], money_per_week=1.0)


@given(st.lists(st.floats(0.01, 5.0), min_size=1, max_size=6), st.floats(-1e-13, 1e-13))
def test_a_budget_of_the_minimum_hours_cost_but_for_rounding_spends_that_cost(
    lower: list[float], rounding: float
) -> None:
    # The cost summed in another order than the split's, as a caller may: an ulp either way.
    floor = float(response(np.full(len(lower), 3.0), np.ones(len(lower)), np.array(lower)).sum())
    curve = SplitCurve(
        [1.0] * len(lower),
        [1.0] * len(lower),
        lower=lower,
        money_per_hour=[3.0] * len(lower),
        money_per_week=floor * (1.0 + rounding),
    )
    split = curve.split(sum(lower) + 1.0)
    np.testing.assert_allclose(split.hours, lower, rtol=1e-9)


class TestPlan:
    def _with_budget(self, money: float | None) -> Profile:
        profile = em.example("consultant")
        capacity = profile.capacity.replace(money_per_year=money)
        return profile.model_copy(update={"capacity": capacity})

    def test_a_plan_spends_within_its_yearly_budget_and_shows_the_rest(self) -> None:
        free = em.plan(self._with_budget(None), trials=50).allocation
        tight = em.plan(self._with_budget(100.0), trials=50).allocation
        assert free.money_per_year is None
        assert free.leftover_money_per_year is None
        assert tight.money_binds
        assert tight.money_per_year is not None
        assert tight.money_per_year <= 100.0 * (1 + 1e-9)
        paid = "pmi-chapter"  # the venue with a yearly fee
        assert tight.venue(paid).hours_per_week < free.venue(paid).hours_per_week
        roomy = em.plan(self._with_budget(5_000.0), trials=50)
        assert not roomy.allocation.money_binds
        _assert_the_money_left_is_the_budget_less_what_is_spent(roomy)

    @pytest.mark.parametrize("name", ["consultant", "community"])
    @pytest.mark.parametrize("share", [0.3, 0.9])
    def test_the_first_year_money_never_exceeds_the_budget(self, name: str, share: float) -> None:
        # Venues and events' fees together, as the plan's costs count them: one definition of
        # a venue's money per contribution, and the events the leftover cannot pay left out.
        profile = em.example(name)
        free = em.plan(profile, trials=50).costs.money
        budget = share * free
        capacity = profile.capacity.replace(money_per_year=budget)
        plan = em.plan(profile.model_copy(update={"capacity": capacity}), trials=50)
        assert plan.costs.money <= budget * (1 + 1e-9) + 1e-9
        unpaid = [e for e in plan.allocation.events if "money budget" in (e.reason or "")]
        assert all(not e.taken for e in unpaid)
        if share < 1.0 and name == "consultant":  # its events have fees
            assert unpaid
        _assert_the_money_left_is_the_budget_less_what_is_spent(plan)

    @settings(max_examples=10, deadline=None)
    @given(st.integers(0, 10_000), st.floats(0.0, 3.0))
    def test_the_money_left_is_what_the_venues_and_events_leave(
        self, seed: int, share: float
    ) -> None:
        profile = random_profile(seed, money_per_year=1e9)
        free = em.plan(profile, trials=20).costs.money
        capacity = profile.capacity.replace(money_per_year=share * free + 1.0)
        planner = em.Planner(profile.model_copy(update={"capacity": capacity}), trials=20)
        plan = planner.plan()
        _assert_the_money_left_is_the_budget_less_what_is_spent(plan)
        # An event left out for money costs more than the money left: none stays refused
        # once a later round's refusal frees the money it needed.
        left = plan.allocation.leftover_money_per_year
        assert left is not None
        until = capacity.start + dt.timedelta(weeks=52)
        index = {event.id: e for e, (_, event) in enumerate(planner.model.events)}
        for choice in plan.allocation.events:
            if "money budget" in choice.reason:
                assert _event_money(planner.model, index[choice.event], until) > left

    def test_a_profile_without_a_budget_is_written_as_before(self) -> None:
        assert "money_per_year" not in self._with_budget(None).model_dump_json()
        assert "money_per_year" in self._with_budget(10.0).model_dump_json()

    def test_a_negative_budget_is_refused_naming_the_field(self) -> None:
        with pytest.raises(EminenceError, match="money_per_year"):
            self._with_budget(-1.0)


def _assert_the_money_left_is_the_budget_less_what_is_spent(plan: em.results.Plan) -> None:
    """The money a plan says is left is its budget less the split's venues and the taken
    events' fees and travel in the first year, as the costs count them: never the split's
    leftover alone."""
    allocation, budget = plan.allocation, plan.profile.capacity.money_per_year
    assert budget is not None
    assert allocation.money_per_year is not None
    assert allocation.leftover_money_per_year is not None
    events = math.fsum(event.money for event in plan.costs.events)
    spent = allocation.money_per_year + events
    assert spent <= budget * (1 + 1e-9) + 1e-9
    assert allocation.leftover_money_per_year == pytest.approx(
        max(budget - spent, 0.0), rel=1e-9, abs=1e-6
    )
