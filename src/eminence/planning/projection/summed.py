"""A goal several plans work toward: their paths summed trial by trial, then reached.

A firm goal's trial t is the sum of every expert's trial t: the experts' luck is their own
(their venues' and events' streams are named by ids unique in the team), and the spread of the
dates is the spread of the sum, never percentiles added. The count noise and thresholds are
drawn as a single plan draws them for the goal, so that one plan alone projects the goal
exactly as its own projection does, band of progress included.

The experts' trials are summed as they come (`Projector.goal_paths` adds into one array), so a
firm goal holds one (trials x weeks) sum however many experts work toward it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from eminence.model import Goal
from eminence.planning.projection.outcomes import _date, _quantiles
from eminence.planning.projection.paths import (
    FloatArray,
    IndexArray,
    _counts,
    _first_crossing,
    _percentiles,
    _stock,
)
from eminence.planning.projection.reaching import BAND_TRIALS, BLOCK_TRIALS, starting_decay
from eminence.planning.results import Progress
from eminence.planning.uncertainty import stream

__all__ = ("SummedGoal", "expected_sum", "summed_goal", "weeks_to")


@dataclass(frozen=True)
class SummedGoal:
    """When a goal is reached by several plans together: weeks, dates and chances."""

    expected_weeks: float | None
    expected_date: dt.date | None
    p50: dt.date | None
    p80: dt.date | None
    p95: dt.date | None
    chance_by_deadline: float | None
    chance_within_horizon: float
    expected_at_horizon: float
    progress: Progress


def expected_sum(goal: Goal, churn: float | None, expected: Sequence[FloatArray]) -> FloatArray:
    """The expected path of the plans together: each plan's stock starts at the goal's
    starting level, which the firm holds once."""
    total: FloatArray = np.sum(expected, axis=0)
    if churn is not None and len(expected) > 1 and goal.starting_level > 0:
        decay = _stock(np.zeros(total.shape), churn, goal.starting_level)
        total = total - (len(expected) - 1) * decay
    return total


def summed_goal(
    goal: Goal,
    churn: float | None,
    trials: FloatArray,
    expected: Sequence[FloatArray],
    dates: Sequence[dt.date],
    band_weeks: IndexArray,
    seed: int,
) -> SummedGoal:
    """Reach ``goal`` with ``trials``, the per-trial sum of several plans' paths (T, W + 1) on
    one grid of ``dates``, whose ``expected`` paths are given one per plan; thresholds and the
    band's counts are drawn from the goal's streams of ``seed``, as one plan draws them."""
    reached = np.empty(len(trials))
    band = []
    if churn is None:
        thresholds = stream(seed, "goal", goal.id)
        outcomes = math.ceil(goal.target - 1e-9)
    for first in range(0, len(trials), BLOCK_TRIALS):
        block = trials[first : first + BLOCK_TRIALS]
        if churn is None:
            levels = np.asarray(thresholds.gamma(outcomes, 1.0, len(block)), np.float64)
            reached[first : first + len(block)] = _first_crossing(block, levels)
            at_band = block[:, band_weeks]
        else:
            # The firm holds the starting level once, however many plans add to it.
            stocks = block + starting_decay(goal, churn, block.shape[1])
            reached[first : first + len(block)] = _first_crossing(
                stocks, np.full(len(block), goal.target)
            )
            at_band = stocks[:, band_weeks]
        if first < BAND_TRIALS:
            band.append(at_band[: BAND_TRIALS - first])
    together = expected_sum(goal, churn, expected)
    banded = np.concatenate(band)
    if churn is None:
        banded = _counts(banded, stream(seed, "band", goal.id))
    low, median, high = _percentiles(banded.T, (0.1, 0.5, 0.9))
    expected_weeks = _first_crossing(together[np.newaxis, :], np.array([goal.target]))[0]
    p50, p80, p95 = _quantiles(reached, (0.5, 0.8, 0.95))
    start = dates[0]
    deadline_weeks = (goal.deadline - start).days / 7.0 if goal.deadline else None
    return SummedGoal(
        expected_weeks=weeks_to(together, goal.target),
        expected_date=_date(start, expected_weeks),
        p50=_date(start, p50),
        p80=_date(start, p80),
        p95=_date(start, p95),
        chance_by_deadline=(
            float(np.mean(reached <= deadline_weeks)) if deadline_weeks is not None else None
        ),
        chance_within_horizon=float(np.mean(np.isfinite(reached))),
        expected_at_horizon=float(together[-1]),
        progress=Progress(
            dates=tuple(dates[week] for week in band_weeks),
            expected=tuple(together[band_weeks].tolist()),
            low=tuple(low.tolist()),
            median=tuple(median.tolist()),
            high=tuple(high.tolist()),
        ),
    )


def weeks_to(path: FloatArray, target: float) -> float | None:
    """Weeks until an expected path first reaches ``target``; None if not within it."""
    weeks = float(_first_crossing(path[np.newaxis, :], np.array([target]))[0])
    return None if math.isinf(weeks) else weeks
