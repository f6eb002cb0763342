"""A goal's projection from its trials: the dates and their quantiles, the chance by the
deadline, and what binds it."""

from __future__ import annotations

import datetime as dt
import math
from typing import TypedDict

import numpy as np

from eminence.model import Goal
from eminence.model import _figures as figures
from eminence.model._figures import quantity
from eminence.planning.events import ProjectionInputs
from eminence.planning.projection.paths import FloatArray, _first_crossing
from eminence.planning.results import Binding, GoalProjection, Progress, RateProgress


def _goal_projection(
    goal: Goal,
    dates: list[dt.date],
    expected: FloatArray,
    reached: FloatArray,
    minimum: float | None,
    churn: float | None,
    served: bool,
    inputs: ProjectionInputs,
    event_dates: list[dt.date],
    progress: Progress,
    useful_hours: float | None,
    half_hours_ratio: float | None,
    per_period: RateProgress | None = None,
) -> GoalProjection:
    expected_weeks = _first_crossing(expected[np.newaxis, :], np.array([goal.target]))[0]
    start = dates[0]
    binding, explanation = _binding(
        goal, served, expected, expected_weeks, churn, minimum, dates, event_dates, inputs
    )
    return GoalProjection(
        goal=goal.id,
        target=goal.target,
        expected_weeks=None if math.isinf(expected_weeks) else expected_weeks,
        expected_date=_date(start, expected_weeks),
        deadline=goal.deadline,
        **trial_dates(goal, start, reached),
        expected_at_horizon=float(expected[-1]),
        minimum_hours_per_week=minimum,
        binding=binding,
        explanation=explanation,
        progress=progress,
        useful_hours_per_week=useful_hours,
        half_hours_ratio=half_hours_ratio,
        per_period=per_period,
    )


def trial_dates(goal: Goal, start: dt.date, reached: FloatArray) -> TrialDates:
    """What the trials' weeks to ``goal``'s target say: its P50 / P80 / P95 dates and the
    chances of reaching it by its deadline and within the horizon. A plan and a batch
    forecast both read them here, so they cannot disagree."""
    p50, p80, p95 = _quantiles(reached, (0.5, 0.8, 0.95))
    return {
        "p50": _date(start, p50),
        "p80": _date(start, p80),
        "p95": _date(start, p95),
        "chance_by_deadline": chance_by_deadline(goal, start, reached),
        "chance_within_horizon": float(np.mean(np.isfinite(reached))),
    }


def chance_by_deadline(goal: Goal, start: dt.date, reached: FloatArray) -> float | None:
    """The share of the trials' weeks to ``goal``'s target within its deadline (None without
    one): all the hours search of `reach` reads of a projection."""
    if goal.deadline is None:
        return None
    return float(np.mean(reached <= (goal.deadline - start).days / 7.0))


class TrialDates(TypedDict):
    """The fields of a goal's projection that its trials give."""

    p50: dt.date | None
    p80: dt.date | None
    p95: dt.date | None
    chance_by_deadline: float | None
    chance_within_horizon: float


def _quantiles(weeks: FloatArray, levels: tuple[float, ...]) -> list[float]:
    """Quantiles of the trials' weeks by the inverted empirical distribution (NumPy's
    ``inverted_cdf``): the order statistics of ranks ``ceil(n q) - 1``, which one partition
    finds all at once, without ``np.quantile``'s cost on a replan's few trials."""
    trials = len(weeks)
    # NumPy's own arithmetic for the rank, so that a level on a rank's edge picks the same one.
    virtual = trials * np.asarray(levels, dtype=np.float64) - 1.0
    below = np.floor(virtual)
    ranks = np.clip(below + (virtual - below > 0.0), 0, trials - 1).astype(np.intp)
    quantiles: list[float] = np.partition(weeks, ranks)[ranks].tolist()
    return quantiles


def _date(start: dt.date, weeks: float) -> dt.date | None:
    if not math.isfinite(weeks):
        return None
    return start + dt.timedelta(days=round(weeks * 7.0))


def _binding(
    goal: Goal,
    served: bool,
    expected: FloatArray,
    expected_weeks: float,
    churn: float | None,
    minimum: float | None,
    dates: list[dt.date],
    event_dates: list[dt.date],
    inputs: ProjectionInputs,
) -> tuple[Binding, str]:
    if not expected[-1] > 0.0:
        if served:
            return Binding.HOURS, (
                "nothing the plan uses starts yielding within the horizon: listening takes too "
                "long at these hours; more hours a week bring it closer"
            )
        return Binding.NOTHING, "no venue or event the plan uses yields this goal's metric"
    if churn is not None and (minimum is None or minimum > float(inputs.hours.sum()) + 1e-9):
        plateau = (
            "it would need more than 168 h/week"
            if minimum is None
            else f"it needs at least {figures.hours_per_week(minimum)} h/week"
        )
        return Binding.CHURN, (
            f"the stock levels off near {quantity(expected[-1])}, below the target of "
            f"{quantity(goal.target)}, because {figures.share_per_week(churn)} of it churns "
            f"each week; {plateau}"
        )
    if math.isfinite(expected_weeks):
        week = min(math.ceil(expected_weeks), len(dates) - 1)
        window = (dates[max(week - 1, 0)], dates[week])
        if any(window[0] < day <= window[1] for day in event_dates):
            return Binding.EVENT, "the target is crossed on an event's date"
        return Binding.HOURS, "hours bound it: more hours a week bring it closer"
    return Binding.HOURS, (
        f"at this pace it reaches {_per(goal, expected[-1])} of {_per(goal, goal.target)} "
        "within the horizon; more hours a week bring it closer"
    )


def _per(goal: Goal, amount: float) -> str:
    """An amount of the goal's metric; a rate goal's as a count per its period."""
    if goal.per is None:
        return quantity(amount)
    return f"{quantity(amount)} a {goal.per.value}"
