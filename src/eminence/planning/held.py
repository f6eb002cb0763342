"""A rate held over periods, read off a cumulative count on the weekly grid.

A rate goal ("5 enquiries a quarter, 4 quarters running") is reached at a boundary when each
of the consecutive periods ending there counts at least its target. Every projection of it
(the expected path, each trial's Poisson path) and the progress log's actual counts go
through the same arithmetic, so the expected date, the trials' quantiles and a date reached
in the log agree on what "held" means. A goal's ``recent_counts`` (the weeks before its
start) precede every path here, so the periods that run across the start count them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from eminence.model import Goal

__all__ = (
    "goal_level",
    "held_rate",
    "levels_against_targets",
    "passes",
    "per_period",
    "periods_held",
    "reached_week",
    "weeks_to_recall",
)

FloatArray = NDArray[np.float64]


def _earlier(cumulative: FloatArray, weeks: float) -> FloatArray:
    """The count ``weeks`` before each boundary, (..., W + 1) along the last axis: between two
    boundaries at the week's even pace, before the grid's start at its first value."""
    whole = math.floor(weeks)
    part = weeks - whole
    later = _shifted(cumulative, whole)
    before = _shifted(cumulative, whole + 1)
    shifted: FloatArray = later - part * (later - before)
    return shifted


def _shifted(values: FloatArray, weeks: int) -> FloatArray:
    """``values`` ``weeks`` boundaries later along the last axis, the first value held before
    the grid's start: ``out[..., t] = values[..., max(t - weeks, 0)]``."""
    if weeks == 0:
        return values
    boundaries = values.shape[-1]
    weeks = min(weeks, boundaries)
    out = np.empty_like(values)
    out[..., :weeks] = values[..., :1]
    out[..., weeks:] = values[..., : boundaries - weeks]
    return out


def held_rate(cumulative: FloatArray, period_weeks: float, periods: int) -> FloatArray:
    """The least count among the ``periods`` consecutive periods of ``period_weeks`` ending
    at each boundary, (..., W + 1) from cumulative counts (..., W + 1).

    It is never more than the count so far, and never more for more periods held. The work
    is one pass over the path per period, in the memory of a few paths; periods of whole
    weeks take about log2(periods) passes (the least of the counts ending at each boundary,
    doubled).

    >>> import numpy as np
    >>> held_rate(np.array([0.0, 1.0, 2.0, 5.0, 6.0]), 2.0, 1).tolist()
    [0.0, 1.0, 2.0, 4.0, 4.0]
    >>> held_rate(np.array([0.0, 1.0, 2.0, 5.0, 6.0]), 2.0, 2).tolist()
    [0.0, 0.0, 0.0, 1.0, 2.0]
    """
    if _whole(period_weeks):
        return _held_whole(cumulative, int(period_weeks), periods)
    later = _earlier(cumulative, 0.0)
    held: FloatArray | None = None
    for j in range(periods):
        earlier = _earlier(cumulative, (j + 1) * period_weeks)
        count = later - earlier
        held = count if held is None else np.minimum(held, count, out=held)
        later = earlier
    assert held is not None  # a rate holds at least one period
    return held


def passes(period_weeks: float, periods: int) -> int:
    """The passes over a path `held_rate` takes for ``periods`` periods: one a period, or
    about 2 log2 of them for periods of whole weeks. What the work budget counts."""
    return 2 * periods.bit_length() if _whole(period_weeks) else periods


def _whole(period_weeks: float) -> bool:
    return float(period_weeks).is_integer()


def _held_whole(cumulative: FloatArray, period_weeks: int, periods: int) -> FloatArray:
    """`held_rate` for periods of whole weeks: the count of the period ending ``j`` periods
    before a boundary is the last period's count shifted, so the least of ``periods`` of
    them comes from the least of 1, 2, 4... of them, each the least of two shifted halves."""
    last = cumulative - _shifted(cumulative, period_weeks)
    least, span = last, 1  # the least count of ``span`` periods ending at each boundary
    held: FloatArray | None = None
    offset = 0
    while periods:
        if periods & 1:
            part = _shifted(least, offset * period_weeks)
            held = part if held is None else np.minimum(held, part)
            offset += span
        periods >>= 1
        if periods:
            least = np.minimum(least, _shifted(least, span * period_weeks))
            span *= 2
    assert held is not None  # a rate holds at least one period
    return held


def _with_recent(goal: Goal, path: FloatArray) -> FloatArray:
    """A cumulative path (..., W + 1) from the start, preceded by the goal's recent counts:
    (..., H + W + 1) from H weeks before the start."""
    before = np.concatenate(([0.0], np.cumsum(goal.recent_counts)))
    shape = (*path.shape[:-1], len(goal.recent_counts))
    earlier = np.broadcast_to(before[:-1], shape)
    joined: FloatArray = np.concatenate((earlier, path + before[-1]), axis=-1)
    return joined


def _periods(goal: Goal, path: FloatArray, periods: int) -> FloatArray:
    """The least count among ``periods`` consecutive periods of ``goal`` ending at each
    boundary of ``path`` (..., W + 1), the weeks before the start counted as recorded."""
    assert goal.per is not None, "only a rate goal counts per period"
    held = held_rate(_with_recent(goal, path), goal.per.weeks, periods)
    return held[..., len(goal.recent_counts) :]


def levels_against_targets(goals: Sequence[Goal], paths: FloatArray) -> FloatArray:
    """What each goal's target is compared with, (..., G, W + 1), from the goals' expected
    paths: the path itself, or the held rate of a rate goal's cumulative count."""
    rates = [g for g, goal in enumerate(goals) if goal.per is not None]
    if not rates:
        return paths
    levels = paths.copy()
    for g in rates:
        levels[..., g, :] = goal_level(goals[g], paths[..., g, :])
    return levels


def goal_level(goal: Goal, path: FloatArray) -> FloatArray:
    """What ``goal``'s target is compared with along one path (..., W + 1)."""
    if goal.per is None:
        return path
    return _periods(goal, path, goal.held_for)


def per_period(goal: Goal, path: FloatArray) -> FloatArray:
    """A rate goal's count in the one period ending at each boundary (its rolling rate),
    (..., W + 1) from a cumulative path: what its per-period view compares with the target."""
    return _periods(goal, path, 1)


def reached_week(goal: Goal, cumulative: FloatArray) -> int | None:
    """The first boundary at which a path of actual counts (..., W + 1) from the start, one
    week apart, reaches ``goal``; None if none does."""
    crossed = np.flatnonzero(goal_level(goal, cumulative) >= goal.target - 1e-9)
    return int(crossed[0]) if crossed.size else None


def periods_held(goal: Goal, cumulative: FloatArray) -> int:
    """How many consecutive periods ending at the last boundary of a path of actual counts
    (W + 1) count at least ``goal``'s target, up to the ``held_for`` it needs: 0 when the
    period ending there falls short."""
    assert goal.per is not None, "only a rate goal counts per period"
    path = _with_recent(goal, cumulative)
    later, held = path[..., -1], 0
    while held < goal.held_for:
        earlier = _earlier(path, (held + 1) * goal.per.weeks)[..., -1]
        if later - earlier < goal.target - 1e-9:
            break
        later, held = earlier, held + 1
    return held


def weeks_to_recall(goal: Goal) -> int:
    """The weeks before a start that any of a rate goal's periods ending after it can reach
    (a period's start falls between two weeks' ends, so one more)."""
    assert goal.per is not None, "only a rate goal counts per period"
    return math.ceil(goal.per.weeks * goal.held_for) + 1
