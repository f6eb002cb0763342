"""The exact split of weekly hours: optimality, bounds, leftovers and input errors."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from eminence.errors import EminenceError
from eminence.planning.allocation import Split, SplitCurve, allocate
from eminence.planning.response import marginal_response, response

FloatArray = NDArray[np.float64]

KINDS_OF_BOUNDS = ("free", "free", "floor", "ceiling", "both", "locked", "excluded")
"""How a drawn venue is bounded; free venues come up twice as often as the rest."""


@dataclass(frozen=True)
class Problem:
    """A drawn split problem; ``None`` bounds are left to their defaults."""

    gain: FloatArray
    saturation: FloatArray
    total: float
    lower: FloatArray | None
    upper: FloatArray | None

    @property
    def floor(self) -> FloatArray:
        return np.zeros(self.gain.size) if self.lower is None else self.lower

    @property
    def ceiling(self) -> FloatArray:
        return np.full(self.gain.size, math.inf) if self.upper is None else self.upper

    def solve(self, total: float | None = None) -> Split:
        return allocate(
            self.gain,
            self.saturation,
            self.total if total is None else total,
            lower=self.lower,
            upper=self.upper,
        )

    def progress(self, hours: FloatArray) -> float:
        return float(response(self.gain, self.saturation, hours).sum())


@st.composite
def problems(
    draw: st.DrawFn, min_venues: int = 1, max_venues: int = 8, bounded: bool = True
) -> Problem:
    count = draw(st.integers(min_venues, max_venues))
    gain = np.array(draw(st.lists(st.floats(1e-3, 1e3), min_size=count, max_size=count)))
    # Some venues gain nothing, but never all of them.
    gain[sorted(draw(st.sets(st.integers(0, count - 1), max_size=count - 1)))] = 0.0
    saturation = np.array(draw(st.lists(st.floats(0.1, 30.0), min_size=count, max_size=count)))
    lower, upper = np.zeros(count), np.full(count, math.inf)
    for venue in range(count):
        kind = draw(st.sampled_from(KINDS_OF_BOUNDS)) if bounded else "free"
        least = (
            draw(st.floats(0.0, 5.0, allow_subnormal=False))
            if kind in ("floor", "both", "locked")
            else 0.0
        )
        width = draw(st.floats(0.0, 20.0))
        lower[venue] = least
        if kind in ("ceiling", "both"):
            upper[venue] = least + width
        elif kind in ("locked", "excluded"):
            upper[venue] = least
    total = float(lower.sum()) + draw(st.one_of(st.just(0.0), st.floats(0.01, 60.0)))
    return Problem(
        gain=gain,
        saturation=saturation,
        total=total if total > 0.0 else 1.0,
        lower=lower if bool(lower.any()) or draw(st.booleans()) else None,
        upper=upper if bool(np.isfinite(upper).any()) or draw(st.booleans()) else None,
    )


class TestFeasibility:
    @settings(max_examples=100, deadline=None)
    @given(problems())
    # Two venues locked at 0 whose saturations added and taken away left a slope of -1e-16:
    # the others were given 3e-17 h each beyond a budget of 6e-8 h (found on NumPy 1.26).
    @example(
        Problem(
            gain=np.array([0.0, 1.0, 1.0, 2.0, 2.0, 1.0]),
            saturation=np.array([1.0, 1.0, 1.0, 1.0, 0.5000000000000001, 1.0]),
            total=2.0**-24,
            lower=np.array([2.0**-24, 0.0, 0.0, 0.0, 0.0, 0.0]),
            upper=np.array([math.inf, math.inf, math.inf, 0.0, 0.0, math.inf]),
        )
    )
    def test_hours_stay_within_bounds_and_add_up_to_the_total(self, problem: Problem) -> None:
        split = problem.solve()
        assert split.hours.shape == problem.gain.shape
        assert np.all(split.hours >= 0.0)
        assert np.all(split.hours >= problem.floor)
        assert np.all(split.hours <= problem.ceiling)
        assert split.leftover_hours >= 0.0
        assert split.hours.sum() + split.leftover_hours == pytest.approx(problem.total, rel=1e-9)
        assert split.progress == pytest.approx(problem.progress(split.hours), rel=1e-12)
        assert split.total_hours == problem.total

    @settings(max_examples=50, deadline=None)
    @given(problems())
    def test_hours_are_left_over_only_when_every_gaining_venue_is_full(
        self, problem: Problem
    ) -> None:
        split = problem.solve()
        gaining = problem.gain > 0.0
        capacity = problem.ceiling[gaining].sum() + problem.floor[~gaining].sum()
        if capacity < problem.total * (1.0 - 1e-9):
            assert np.array_equal(split.hours[gaining], problem.ceiling[gaining])
            assert split.leftover_hours == pytest.approx(problem.total - capacity, rel=1e-9)
            assert split.marginal_progress_per_hour == 0.0
        elif capacity > problem.total * (1.0 + 1e-9):
            assert split.leftover_hours == 0.0

    @settings(max_examples=50, deadline=None)
    @given(problems())
    def test_a_venue_that_gains_nothing_gets_only_its_lower_bound(self, problem: Problem) -> None:
        idle = problem.gain == 0.0
        assert np.array_equal(problem.solve().hours[idle], problem.floor[idle])

    @settings(max_examples=50, deadline=None)
    @given(problems())
    def test_locked_venues_keep_their_hours(self, problem: Problem) -> None:
        locked = problem.floor == problem.ceiling
        assert np.array_equal(problem.solve().hours[locked], problem.floor[locked])


class TestOptimality:
    @settings(max_examples=100, deadline=None)
    @given(problems())
    def test_marginal_progress_is_equal_inside_the_bounds_and_ordered_at_them(
        self, problem: Problem
    ) -> None:
        split = problem.solve()
        hours, floor, ceiling = split.hours, problem.floor, problem.ceiling
        marginal = marginal_response(problem.gain, problem.saturation, hours)
        multiplier = split.marginal_progress_per_hour
        inside = (hours > floor) & (hours < ceiling)
        at_ceiling = (hours == ceiling) & (floor < ceiling)
        at_floor = (hours == floor) & (floor < ceiling)
        np.testing.assert_allclose(marginal[inside], multiplier, rtol=1e-8)
        assert np.all(marginal[at_ceiling] >= multiplier * (1.0 - 1e-8))
        assert np.all(marginal[at_floor] <= multiplier * (1.0 + 1e-8))

    @settings(max_examples=60, deadline=None)
    @given(problems(), st.floats(0.0, 30.0))
    def test_more_hours_never_lower_the_progress(self, problem: Problem, extra: float) -> None:
        before = problem.solve()
        after = problem.solve(problem.total + extra)
        assert after.progress >= before.progress * (1.0 - 1e-12)

    @settings(max_examples=80, deadline=None)
    @given(problems(), st.floats(0.01, 1.0))
    def test_the_multiplier_brackets_the_progress_of_extra_hours(
        self, problem: Problem, share: float
    ) -> None:
        # Progress is concave in the total, so the progress per extra hour lies between the
        # marginal progress after the extra hours and the one before them.
        extra = share * (problem.total + 1.0)
        before, after = problem.solve(), problem.solve(problem.total + extra)
        per_extra_hour = (after.progress - before.progress) / extra
        rounding = 1e-12 * (after.progress / extra + before.marginal_progress_per_hour)
        assert per_extra_hour <= before.marginal_progress_per_hour + rounding
        assert per_extra_hour >= after.marginal_progress_per_hour - rounding

    @settings(max_examples=50, deadline=None)
    @given(problems(max_venues=3), st.data())
    def test_the_split_does_not_depend_on_the_order_of_the_venues(
        self, problem: Problem, data: st.DataObject
    ) -> None:
        order = np.array(data.draw(st.permutations(range(problem.gain.size))))
        shuffled = Problem(
            gain=problem.gain[order],
            saturation=problem.saturation[order],
            total=problem.total,
            lower=None if problem.lower is None else problem.lower[order],
            upper=None if problem.upper is None else problem.upper[order],
        )
        split, split_shuffled = problem.solve(), shuffled.solve()
        np.testing.assert_allclose(
            split_shuffled.hours, split.hours[order], rtol=1e-9, atol=1e-12 * problem.total
        )
        assert split_shuffled.marginal_progress_per_hour == pytest.approx(
            split.marginal_progress_per_hour, rel=1e-9
        )
        assert split_shuffled.leftover_hours == pytest.approx(
            split.leftover_hours, rel=1e-9, abs=1e-12 * problem.total
        )

    @settings(max_examples=50, deadline=None)
    @given(problems(min_venues=2, max_venues=3))
    def test_no_point_of_a_fine_grid_does_better(self, problem: Problem) -> None:
        split = problem.solve()
        best, spacing = _best_on_grid(problem, points=300 if problem.gain.size == 2 else 120)
        scale = 1e-9 * max(split.progress, 1.0)
        assert split.progress >= best - scale
        # The grid holds a point below the optimum within one spacing in each free coordinate,
        # and its last venue takes what they leave, so it gets within this of the optimum.
        assert split.progress <= best + float(problem.gain[:-1] @ spacing) + scale

    @settings(max_examples=40, deadline=None)
    @given(problems(bounded=False), st.floats(0.0, 20.0))
    def test_unbounded_venues_are_linear_in_the_log_of_the_multiplier(
        self, problem: Problem, extra: float
    ) -> None:
        gaining = problem.gain > 0.0
        gain, saturation = problem.gain[gaining], problem.saturation[gaining]
        log_gain = np.log(gain)
        # With this many hours every venue that gains gets some.
        total = float(saturation @ (log_gain - log_gain.min())) + 1.0 + extra
        hours = allocate(gain, saturation, total).hours
        mu = (float(saturation @ log_gain) - total) / saturation.sum()
        np.testing.assert_allclose(hours, saturation * (log_gain - mu), rtol=1e-9, atol=1e-9)
        more = allocate(gain, saturation, total + 1.0).hours
        np.testing.assert_allclose(more - hours, saturation / saturation.sum(), atol=1e-9)


def _best_on_grid(problem: Problem, points: int) -> tuple[float, FloatArray]:
    """Best progress over a grid of all but the last venue, which takes what is left."""
    floor, ceiling = problem.floor, problem.ceiling
    spare = max(problem.total - float(floor.sum()), 0.0)
    # No venue can take more than its lower bound plus every spare hour.
    reach = np.minimum(ceiling, floor + spare)
    axes = [np.linspace(floor[v], reach[v], points) for v in range(problem.gain.size - 1)]
    grid = np.meshgrid(*axes, indexing="ij")
    given = [coordinate.ravel() for coordinate in grid]
    remaining = problem.total - np.sum(given, axis=0)
    last = np.clip(remaining, floor[-1], ceiling[-1])
    # Lower bounds that use every hour leave a rounding error's worth of room at most.
    feasible = remaining >= floor[-1] - 1e-12 * problem.total
    hours = np.stack([*given, last])[:, feasible]
    progress = response(problem.gain[:, None], problem.saturation[:, None], hours).sum(axis=0)
    spacing = (reach[:-1] - floor[:-1]) / (points - 1)
    return float(progress.max()), spacing


class TestExamples:
    def test_a_single_venue_takes_every_hour(self) -> None:
        split = allocate([2.0], [3.0], 7.0)
        assert split.hours[0] == pytest.approx(7.0, rel=1e-15)
        assert split.leftover_hours == 0.0
        assert split.marginal_progress_per_hour == pytest.approx(2.0 * math.exp(-7.0 / 3.0))

    def test_identical_venues_share_equally(self) -> None:
        split = allocate([1.5] * 4, [2.0] * 4, 10.0)
        np.testing.assert_allclose(split.hours, 2.5, rtol=1e-12)

    def test_an_excluded_venue_gets_nothing(self) -> None:
        split = allocate([5.0, 1.0], [1.0, 1.0], 3.0, upper=[0.0, math.inf])
        assert split.hours.tolist() == [0.0, 3.0]

    def test_hours_beyond_every_upper_bound_are_left_over(self) -> None:
        split = allocate([1.0, 2.0, 0.0], [1.0, 1.0, 1.0], 10.0, upper=[1.0, 2.5, 4.0])
        assert split.hours.tolist() == [1.0, 2.5, 0.0]
        assert split.leftover_hours == 6.5
        assert split.marginal_progress_per_hour == 0.0

    def test_a_total_that_exactly_fills_the_upper_bounds_leaves_nothing_over(self) -> None:
        split = allocate([1.0, 1.0], [1.0, 1.0], 4.0, upper=[2.0, 2.0])
        assert split.hours.tolist() == [2.0, 2.0]
        assert split.leftover_hours == 0.0
        assert split.marginal_progress_per_hour == 0.0

    def test_with_no_spare_hour_the_multiplier_is_the_best_use_of_one_more(self) -> None:
        split = allocate([2.0, 1.0], [1.0, 1.0], 3.0, lower=[1.0, 2.0])
        np.testing.assert_allclose(split.hours, [1.0, 2.0], rtol=1e-15)
        assert split.marginal_progress_per_hour == pytest.approx(2.0 * math.exp(-1.0))

    @pytest.mark.parametrize(
        ("gain", "saturation", "total"),
        [(10.0, 1.0, 2.0), (13.5, 0.9, 0.1), (14.3, 2.0, 1.2)],
    )
    def test_a_full_venue_does_not_set_the_multiplier(
        self, gain: float, saturation: float, total: float
    ) -> None:
        # The first venue takes every hour and is full; one more would go to the second, whose
        # first hour is worth 1. Rounding of the hours placed must not tip this either way.
        split = allocate([gain, 1.0], [saturation, 0.5], total, upper=[total, math.inf])
        np.testing.assert_allclose(split.hours, [total, 0.0], rtol=1e-15)
        assert split.marginal_progress_per_hour == pytest.approx(1.0, rel=1e-12)

    def test_lower_bounds_are_honoured_before_the_split(self) -> None:
        split = allocate([1.0, 1.0], [1.0, 1.0], 4.0, lower=[3.0, 0.0])
        np.testing.assert_allclose(split.hours, [3.0, 1.0], rtol=1e-12)

    def test_the_hours_are_a_read_only_copy(self) -> None:
        gain = np.array([1.0, 2.0])
        split = allocate(gain, np.array([1.0, 1.0]), 2.0)
        with pytest.raises(ValueError, match="read-only"):
            split.hours[0] = 0.0
        assert gain.flags.writeable

    def test_many_venues(self) -> None:
        rng = np.random.default_rng(7)
        gain, saturation = rng.lognormal(size=10_000), rng.uniform(0.5, 10.0, size=10_000)
        split = allocate(gain, saturation, 5_000.0, upper=rng.uniform(0.0, 2.0, size=10_000))
        assert split.hours.sum() + split.leftover_hours == pytest.approx(5_000.0, rel=1e-12)


class TestSplitChecksItself:
    @pytest.mark.parametrize(
        ("fields", "fragment"),
        [
            ({"hours": np.array([-1.0, 3.0])}, "hours >= 0"),
            ({"hours": np.array([np.nan, 3.0])}, "hours >= 0"),
            ({"hours": np.zeros((1, 2))}, "1-D"),
            ({"leftover_hours": 1.0}, "not the 2.0 total_hours"),
            ({"marginal_progress_per_hour": -1.0}, "finite and >= 0"),
        ],
    )
    def test_an_inconsistent_split_is_refused(self, fields: dict[str, Any], fragment: str) -> None:
        valid: dict[str, Any] = {
            "hours": np.array([1.0, 1.0]),
            "progress": 1.0,
            "marginal_progress_per_hour": 0.5,
            "leftover_hours": 0.0,
            "total_hours": 2.0,
        }
        with pytest.raises(EminenceError, match=fragment):
            Split(**{**valid, **fields})


class TestBadInput:
    @pytest.mark.parametrize(
        ("changes", "fragment"),
        [
            ({"total_hours": math.nan}, "total_hours must be a finite number"),
            ({"total_hours": math.inf}, "total_hours must be a finite number"),
            ({"total_hours": 0.0}, "above 0"),
            ({"total_hours": -3.0}, "above 0"),
            ({"total_hours": "many"}, "total_hours"),
            ({"gain_per_hour": [[1.0, 2.0]]}, "gain_per_hour must be 1-D"),
            ({"gain_per_hour": []}, "gain_per_hour is empty"),
            ({"gain_per_hour": ["a", "b"]}, "gain_per_hour must be numbers"),
            ({"saturation_hours": [1.0]}, "saturation_hours has 1 values but gain_per_hour has 2"),
            ({"lower": [0.0, 0.0, 0.0]}, "lower has 3 values"),
            ({"upper": 5.0}, "upper must be 1-D"),
            ({"gain_per_hour": [1.0, math.nan]}, "gain_per_hour[1] is nan"),
            ({"gain_per_hour": [math.inf, 1.0]}, "gain_per_hour[0] is inf"),
            ({"gain_per_hour": [1.0, -0.5]}, "gain_per_hour[1] is -0.5; gains cannot be negative"),
            ({"saturation_hours": [math.nan, 1.0]}, "saturation_hours[0] is nan"),
            ({"saturation_hours": [1.0, math.inf]}, "saturation_hours[1] is inf"),
            ({"saturation_hours": [1.0, 0.0]}, "saturation must be above 0"),
            ({"saturation_hours": [-2.0, 1.0]}, "saturation_hours[0] is -2"),
            ({"lower": [-1.0, 0.0]}, "lower[0] is -1; lower bounds must be finite"),
            ({"lower": [0.0, math.nan]}, "lower[1] is nan"),
            ({"lower": [0.0, math.inf]}, "lower[1] is inf"),
            ({"upper": [1.0, math.nan]}, "upper[1] is nan; use inf"),
            ({"lower": [0.0, 2.0], "upper": [1.0, 1.5]}, "upper[1] is 1.5 hours, below lower[1]"),
            (
                {"lower": [3.0, 2.0], "total_hours": 4.0},
                "lower bounds sum to 5 hours, more than the 4 available",
            ),
            ({"gain_per_hour": [0.0, 0.0]}, "no venue gains anything from an hour"),
        ],
    )
    def test_is_refused_with_a_message_that_names_the_fault(
        self, changes: dict[str, Any], fragment: str
    ) -> None:
        arguments: dict[str, Any] = {
            "gain_per_hour": [1.0, 2.0],
            "saturation_hours": [1.0, 3.0],
            "total_hours": 10.0,
        }
        with pytest.raises(EminenceError) as raised:
            allocate(**{**arguments, **changes})
        assert fragment in str(raised.value)
        assert isinstance(raised.value, ValueError)


class TestResponse:
    def test_keeps_full_precision_for_a_sliver_of_an_hour(self) -> None:
        # 1 - exp(-1e-12) loses about four digits to cancellation; expm1 keeps them all.
        assert response(2.0, 1.0, 1e-12)[()] == pytest.approx(2e-12, rel=1e-15)

    def test_saturates_at_gain_times_saturation(self) -> None:
        assert response(2.0, 3.0, math.inf)[()] == 6.0
        assert response(2.0, 3.0, 0.0)[()] == 0.0

    def test_marginal_response_is_the_derivative(self) -> None:
        hours, step = np.array([0.0, 0.5, 4.0]), 1e-6
        slope = (response(1.5, 2.0, hours + step) - response(1.5, 2.0, hours - step)) / (2 * step)
        np.testing.assert_allclose(marginal_response(1.5, 2.0, hours), slope, rtol=1e-8)

    def test_arguments_broadcast(self) -> None:
        progress = response([1.0, 2.0], [1.0, 1.0], [[0.0], [1.0]])
        assert progress.shape == (2, 2)
        np.testing.assert_allclose(progress[1], np.array([1.0, 2.0]) * -np.expm1(-1.0))


class TestSplitCurve:
    """The prepared split answers many totals at once, exactly as `allocate` does one."""

    @given(problems(), st.lists(st.floats(1e-6, 40.0), min_size=1, max_size=5))
    def test_each_total_gets_the_split_allocate_gives(
        self, problem: Problem, extras: list[float]
    ) -> None:
        curve = SplitCurve(problem.gain, problem.saturation, problem.lower, problem.upper)
        totals = [float(problem.floor.sum()) + extra for extra in extras]
        for total, hours in zip(totals, curve.hours(totals), strict=True):
            # Equal up to rounding: the curve keeps every upper bound among its breakpoints,
            # allocate only those its budget can reach, so their sums may differ in the last bit.
            expected = problem.solve(total)
            assert hours == pytest.approx(expected.hours, rel=1e-12, abs=1e-12 * total)
            split = curve.split(total)
            assert split.marginal_progress_per_hour == pytest.approx(
                expected.marginal_progress_per_hour, rel=1e-9
            )
            assert split.leftover_hours == pytest.approx(expected.leftover_hours, abs=1e-9 * total)

    def test_below_the_lower_bounds_each_venue_keeps_its_share_of_them(self) -> None:
        curve = SplitCurve([1.0, 2.0, 3.0], [1.0, 1.0, 1.0], lower=[1.0, 3.0, 0.0])
        assert curve.hours(2.0).tolist() == [0.5, 1.5, 0.0]
        assert curve.hours(0.0).tolist() == [0.0, 0.0, 0.0]

    def test_with_no_venue_that_gains_the_hours_beyond_the_minimums_are_left_over(self) -> None:
        split = SplitCurve([0.0, 0.0], [1.0, 1.0], lower=[1.0, 0.0]).split(5.0)
        assert split.hours.tolist() == [1.0, 0.0]
        assert split.leftover_hours == 4.0
        assert split.marginal_progress_per_hour == 0.0

    @pytest.mark.parametrize("total", [-1.0, math.nan, math.inf])
    def test_a_total_that_is_not_a_finite_number_of_hours_is_refused(self, total: float) -> None:
        with pytest.raises(EminenceError, match="totals must be finite hours"):
            SplitCurve([1.0], [1.0]).hours([2.0, total])


def test_an_upper_bound_the_budget_fills_exactly_sets_the_multiplier_despite_rounding() -> None:
    # Found by comparing with SplitCurve: the spare hours round to a hair under 12, which once
    # left the first venue's bound out of the breakpoints and the multiplier off by 0.8 %.
    lower = [0.0, 1.81201243, 2.95157419, 0.0]
    total = sum(lower) + 12.0
    split = allocate(
        [3.0, 1.0, 1.0, 1.0], [12.0, 1.0, 1.0, 1.0], total, lower, [12, *[math.inf] * 3]
    )
    assert split.hours[0] == 12.0
    assert split.marginal_progress_per_hour == 1.0  # the first hour of the last venue
