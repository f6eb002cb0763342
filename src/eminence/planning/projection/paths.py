"""The arithmetic of paths over the weekly grid: rates, the weeks each venue listens and works,
first crossings, and stocks that lose a share each week."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from eminence.planning.allocation import SplitCurve
from eminence.planning.rates import RateModel

FloatArray = NDArray[np.float64]
IndexArray = NDArray[np.intp]


class Trials(NamedTuple):
    """One goal's trials: the weeks each takes to the target (T,), and with a band the levels
    of the first trials at the band's weeks and, for a rate goal, their counts in the period
    ending there."""

    reached: FloatArray
    levels: FloatArray | None
    per_period: FloatArray | None


@dataclass(frozen=True)
class GoalPaths:
    """One goal's paths in one plan: ``expected`` (W + 1,), and ``trials`` (T, W + 1), each
    trial's expected units so far, or for a stock the level its arrivals alone hold."""

    expected: FloatArray
    trials: FloatArray


def _rates(
    model: RateModel, values: FloatArray, hours: FloatArray, venues: IndexArray | None = None
) -> FloatArray:
    """Metric units per working week from each venue (or those indexed) for each goal.

    Effective contributions per week follow the concave response: the natural cadence times
    ``1 - exp(-h / s)``, which is ``h / effort`` while hours are well below saturation.
    """
    chosen = np.arange(len(model.venues)) if venues is None else venues
    contributions = model.venue_contributions(values, hours[chosen], chosen)
    yields = values[..., model.venue_yield[chosen]] * model.venue_relevance[chosen]
    rates: FloatArray = contributions[..., np.newaxis] * yields
    return rates


def _reach(free: FloatArray, position: FloatArray, hours: float, free_later: float) -> FloatArray:
    """For each row of ``free`` (K, W), hours free in each week of the grid: the position by
    which ``hours`` have been worked from ``position`` (K,); past the grid, at ``free_later``
    hours a working week; inf when never."""
    variants, weeks = free.shape
    rows = np.arange(variants)
    cumulative, begun = _free_hours(free, position, free_later)
    target = begun + hours
    # The first boundary where the cumulative hours reach the target (they never fall).
    after = np.minimum((cumulative < target[:, np.newaxis]).sum(axis=1), weeks)
    last = np.maximum(after - 1, 0)
    step = free[rows, last]
    inside_target = (target - cumulative[rows, last]) / np.where(step > 0.0, step, 1.0)
    beyond = target > cumulative[:, -1]
    later = (target - cumulative[:, -1]) / free_later if free_later > 0 else np.inf
    reached = np.where(beyond, weeks + later, last + inside_target)
    return np.where(np.isfinite(position), reached, np.inf)


def _free_hours(
    free: FloatArray, position: FloatArray, free_later: float
) -> tuple[FloatArray, FloatArray]:
    """The free hours summed to each boundary (K, W + 1), and their sum at ``position`` (K,):
    within a week, at its even pace; past the grid, at ``free_later`` a working week."""
    variants, weeks = free.shape
    rows = np.arange(variants)
    cumulative = np.concatenate((np.zeros((variants, 1)), np.cumsum(free, axis=1)), axis=1)
    finite = np.isfinite(position)
    inside = position < weeks
    week = np.where(inside, position, 0.0).astype(np.intp)
    at = np.where(
        inside,
        cumulative[rows, week] + (position - week) * free[rows, np.minimum(week, weeks - 1)],
        cumulative[:, -1] + np.where(finite, position - weeks, 0.0) * free_later,
    )
    return cumulative, at


def _first_crossing(
    paths: FloatArray, levels: FloatArray, hit: NDArray[np.bool_] | None = None
) -> FloatArray:
    """Weeks until each path first reaches its level, interpolated in the week; inf if never.
    ``hit``, of the shape of ``paths``, is worked in if given."""
    hit = np.greater_equal(paths, levels[:, np.newaxis], out=hit)
    week = hit.argmax(axis=1)
    ever = hit[np.arange(len(week)), week]
    before = paths[np.arange(len(week)), np.maximum(week - 1, 0)]
    after = paths[np.arange(len(week)), week]
    rise = np.where(after > before, after - before, 1.0)
    fraction = np.clip((levels - before) / rise, 0.0, 1.0)
    crossing = np.where(week == 0, 0.0, week - 1 + fraction)
    result: FloatArray = np.where(ever, crossing, np.inf)
    return result


def _stock(cumulative_inflow: FloatArray, churn: float, starting_level: float = 0.0) -> FloatArray:
    """The expected stock at each week boundary of each path (the last axis): each week loses
    ``churn`` of what it holds.

    The recurrence ``s[t] = kept s[t-1] + a[t]`` in closed form, ``s[t] = kept**t (s[0] /
    kept + sum over i <= t of a[i] / kept**i)``: one cumulative sum instead of a loop over
    the weeks. The terms are all positive, so the sum loses no precision to cancellation;
    the weeks go in blocks short enough that ``1 / kept**i`` stays below 1e100, which is the
    whole horizon unless nearly everything churns.
    """
    arrivals = np.diff(cumulative_inflow, axis=-1, prepend=0.0)
    kept = 1.0 - churn
    weeks = arrivals.shape[-1]
    # 1 / kept**block stays below 1e100; log1p keeps a churn too small to change kept exact,
    # and a churn so small that the span overflows to infinity makes the horizon one block.
    span = 100.0 * math.log(10.0) / -math.log1p(-churn)
    block = max(1, int(min(float(weeks), span)))
    stock = np.empty_like(arrivals)
    level = np.full(arrivals.shape[:-1], starting_level / kept)
    for first in range(0, weeks, block):
        part = arrivals[..., first : first + block]
        powers = kept ** np.arange(part.shape[-1], dtype=np.float64)
        levels = powers * (kept * level[..., np.newaxis] + np.cumsum(part / powers, axis=-1))
        stock[..., first : first + part.shape[-1]] = levels
        level = levels[..., -1]
    return stock


def _counts(means: FloatArray, rng: np.random.Generator, *, exact: bool = False) -> FloatArray:
    """Poisson counts along each trial's path, (trials, band weeks), from its expected
    cumulative counts: the arrivals between two band dates are drawn and summed, so a trial's
    count never falls and every quantile of the band grows with time. A sum of independent
    Poisson draws is Poisson of the summed mean, so each date keeps its law.

    Means of 10 or more use the Cornish-Fisher expansion of the Poisson quantile,
    ``m + z sqrt(m) + (z^2 - 1) / 6`` rounded, whose P10, P50 and P90 match the exact ones: a
    normal draw costs far less than a Poisson one. Smaller means, or all when ``exact``, are
    drawn exactly.
    """
    # The expected paths never fall; a rounding residue below zero is no arrival.
    increments = np.maximum(np.diff(means, axis=1, prepend=0.0), 0.0)
    counts = np.empty_like(increments)
    large = increments >= (np.inf if exact else 10.0)
    counts[~large] = rng.poisson(increments[~large])
    mean = increments[large]
    z = rng.standard_normal(mean.shape)
    counts[large] = np.maximum(np.floor(mean + z * np.sqrt(mean) + (z * z - 1.0) / 6.0 + 0.5), 0)
    cumulative: FloatArray = np.cumsum(counts, axis=1)
    return cumulative


def _percentiles(samples: FloatArray, levels: tuple[float, ...]) -> FloatArray:
    """Percentiles of each row, as order statistics (the lower one between two): (levels, rows).

    One partial sort per row finds them all, much faster than ``np.percentile`` across rows.
    """
    ranks = [int(level * (samples.shape[1] - 1)) for level in levels]
    ordered = np.partition(np.ascontiguousarray(samples), ranks, axis=1)
    result: FloatArray = ordered[:, ranks].T
    return result


def _band(
    dates: Sequence[dt.date], weeks: IndexArray, expected: FloatArray, levels: FloatArray
) -> dict[str, Any]:
    """A band over time, the fields of a `Progress`: the expected path (W + 1) at the band's
    ``weeks``, and the 10th, 50th and 90th percentiles of the trials' levels there."""
    low, median, high = _percentiles(levels.T, (0.1, 0.5, 0.9))
    return {
        "dates": tuple(dates[week] for week in weeks),
        "expected": tuple(expected[weeks].tolist()),
        "low": tuple(low.tolist()),
        "median": tuple(median.tolist()),
        "high": tuple(high.tolist()),
    }


def _minimum_hours(
    model: RateModel,
    g: int,
    churn: float,
    target: float,
    curve: SplitCurve,
) -> float | None:
    """The least hours per week whose steady state holds the stock at its target; None if 168
    hours a week cannot."""
    means = model.means()[np.newaxis, :]

    def plateau(total: float) -> float:
        inflow = float(_rates(model, means, curve.hours(total))[0, :, g].sum())
        return inflow / churn

    if plateau(168.0) < target:
        return None
    # Below the venues' minimum hours there is no split to speak of.
    low = model.committed_hours
    if low > 0.0 and plateau(low) >= target:
        return low
    high = 168.0
    while high - low > 1e-6 * high:
        middle = (low + high) / 2
        if middle in (low, high):  # no float lies between: among subnormals 1e-6 never comes
            break
        low, high = (low, middle) if plateau(middle) >= target else (middle, high)
    return high
