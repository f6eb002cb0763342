"""The least hours per week that reach a goal by a date: one search, read by `required_hours`
and by what binds each goal of a plan, so that the two never disagree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from eminence.model.quantities import HOURS_IN_A_WEEK

__all__ = ("CONFIDENCE", "SCAN_LEVELS", "Reach", "least_hours")

SCAN_LEVELS = 24
"""Hours per week tried, evenly on a log scale up to 168, before bisection refines."""

CONFIDENCE = 0.8
"""The chance a plan asks of a deadline: its P80, and `required_hours`'s default."""


@dataclass(frozen=True)
class Reach:
    """What the search found: the least hours (None if no amount up to 168 h/week reaches the
    goal), the chance there, and the best chance any hours gave and at how many."""

    hours_per_week: float | None
    chance: float
    best_chance: float
    best_hours_per_week: float
    chance_at_most: float


def least_hours(chance: Callable[[float], float], floor: float, confidence: float) -> Reach:
    """Scan `SCAN_LEVELS` levels from ``floor`` (the venues' committed hours) to 168 h/week,
    then bisect between the last level that falls short and the first that meets
    ``confidence``, to a hundredth of an hour.

    The scan comes first because the chance need not rise everywhere: an event that more hours
    make worth taking can take hours from a goal it does not serve.
    """
    levels: list[float] = np.geomspace(max(floor, 0.05), HOURS_IN_A_WEEK, SCAN_LEVELS).tolist()
    chances = [chance(level) for level in levels]
    best = int(np.argmax(chances))
    first = next((i for i, value in enumerate(chances) if value >= confidence), None)
    if first is None:
        return Reach(None, chances[best], chances[best], levels[best], chances[-1])
    low, high = (levels[first - 1] if first else floor), levels[first]
    while high - low > 0.01:
        middle = (low + high) / 2
        low, high = (low, middle) if chance(middle) >= confidence else (middle, high)
    return Reach(high, chance(high), chances[best], levels[best], chances[-1])
