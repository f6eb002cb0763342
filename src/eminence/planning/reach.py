"""The least hours per week that reach a goal by a date: one search, read by `required_hours`
and by what binds each goal of a plan, so that the two never disagree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from eminence.model.quantities import HOURS_IN_A_WEEK

__all__ = ("CONFIDENCE", "SCAN_LEVELS", "Reach", "Scan", "least_hours", "levels", "scan")

SCAN_LEVELS = 24
"""Hours per week tried, evenly on a log scale up to 168, before bisection refines."""

CONFIDENCE = 0.8
"""The chance a plan asks of a deadline: its P80, and `required_hours`'s default."""


@dataclass(frozen=True)
class Reach:
    """What the search found: the least hours (None if no amount up to 168 h/week reaches the
    goal), the chance there (the best chance of any level, when none reaches) and at 168."""

    hours_per_week: float | None
    chance: float
    chance_at_most: float


@dataclass(frozen=True)
class Scan:
    """Whether any level of the scan reaches the goal: the first found from the top, with its
    chance; else the best chance and where. `least_hours` finds hours iff this reaches."""

    reaches: bool
    chance: float
    hours_per_week: float


def levels(floor: float) -> list[float]:
    """The scan's hours per week: `SCAN_LEVELS` of them, evenly on a log scale to 168."""
    found: list[float] = np.geomspace(max(floor, 0.05), HOURS_IN_A_WEEK, SCAN_LEVELS).tolist()
    return found


def scan(
    chance: Callable[[float], float],
    floor: float,
    confidence: float,
    ceiling: Callable[[float], float] | None = None,
) -> Scan:
    """The scan of `least_hours` from 168 h/week down, stopping at the first level that meets
    ``confidence``: most goals that some hours reach, the most hours reach, so one projection
    usually settles it.

    A goal no hours reach would cost the whole scan, for the best chance and where: given the
    ``ceiling`` of the chance at every level up to some hours, the scan stops where the levels
    left cannot reach the best found so far, so none of them could change the answer.
    """
    tried: list[tuple[float, float]] = []
    for level in reversed(levels(floor)):
        if tried and ceiling is not None and ceiling(level) < max(tried)[0]:
            break
        value = chance(level)
        if value >= confidence:
            return Scan(True, value, level)
        tried.append((value, level))
    best, where = max(tried, key=lambda pair: (pair[0], -pair[1]))
    return Scan(False, best, where)


def least_hours(chance: Callable[[float], float], floor: float, confidence: float) -> Reach:
    """Scan `SCAN_LEVELS` levels from ``floor`` (the venues' committed hours) to 168 h/week,
    then bisect between the last level that falls short and the first that meets
    ``confidence``, to a hundredth of an hour.

    The scan comes first because the chance need not rise everywhere: an event that more hours
    make worth taking can take hours from a goal it does not serve.
    """
    scanned = levels(floor)
    chances = [chance(level) for level in scanned]
    first = next((i for i, value in enumerate(chances) if value >= confidence), None)
    if first is None:
        return Reach(None, max(chances), chances[-1])
    low, high = (scanned[first - 1] if first else floor), scanned[first]
    while high - low > 0.01:
        middle = (low + high) / 2
        low, high = (low, middle) if chance(middle) >= confidence else (middle, high)
    return Reach(high, chance(high), chances[-1])
