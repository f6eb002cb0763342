"""A goal's forecast without the plan around it: what a batch of thousands asks of each
profile, the same numbers the plan's `GoalProjection` holds, without its band or schedule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ("Forecast", "GoalForecast")


@dataclass(frozen=True, slots=True)
class GoalForecast:
    """When one goal is reached: expected, and, when trials were drawn, at 50 / 80 / 95 %
    confidence and by its deadline.

    Each field equals the one of the same name in the profile's plan
    (`GoalProjection`) for the same seed and trials. ``expected_weeks`` and
    ``expected_date`` are closed form; the quantiles and chances come from the trials, and
    are None in a forecast without any (``trials=0``). A date of None means "not within the
    horizon".
    """

    goal: str
    target: float
    expected_weeks: float | None
    expected_date: dt.date | None
    expected_at_horizon: float
    deadline: dt.date | None
    p50: dt.date | None = None
    p80: dt.date | None = None
    p95: dt.date | None = None
    chance_by_deadline: float | None = None
    chance_within_horizon: float | None = None


@dataclass(frozen=True, slots=True)
class Forecast:
    """A profile's goals forecast with ``seed`` and ``trials`` (0: closed form only) over
    ``horizon_weeks``, as its plan would project them."""

    name: str
    seed: int
    trials: int
    horizon_weeks: int
    goals: tuple[GoalForecast, ...]
