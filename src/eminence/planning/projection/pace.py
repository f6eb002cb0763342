"""The useful pace: from which hours per week more time stops helping each goal, and how
far from linear its progress is at the plan's hours ("half the hours, twice as long")."""

from __future__ import annotations

import math

import numpy as np

from eminence.planning.allocation import SplitCurve
from eminence.planning.projection.paths import FloatArray
from eminence.planning.rates import RateModel

__all__ = ("half_hours_ratio", "useful_hours")


def useful_hours(model: RateModel, curve: SplitCurve, means: FloatArray) -> list[float | None]:
    """For each goal, the hours per week from which every venue serving it is at its upper
    bound (its useful pace or maximum); None for a goal no venue serves."""
    full = curve.full_from()
    # A venue out of the split, or gaining nothing, is full from 0 hours and serves no goal.
    serves = (model.venue_goal_yield(means) > 0) & (full > 0)[:, np.newaxis]
    return [
        float(np.maximum.reduce(full[serving])) if serving.any() else None for serving in serves.T
    ]


def half_hours_ratio(
    model: RateModel, curve: SplitCurve, means: FloatArray, hours_per_week: float
) -> list[float | None]:
    """For each goal, how many times its weekly progress at ``hours_per_week`` outpaces
    its progress at half of them: 2.0 in the linear regime, where half the hours take
    twice as long, and less as its venues near their useful pace. None for a goal the
    split does not serve."""
    hours = curve.hours([hours_per_week, hours_per_week / 2.0])
    units = model.venue_contributions(means, hours)[:, :, np.newaxis] * model.venue_goal_yield(
        means
    )
    # Exact sums over the venues (fsum), so their order changes no bit of a plan.
    pace = [[math.fsum(column) for column in when.T.tolist()] for when in units]
    return [full / half if half > 0.0 else None for full, half in zip(*pace, strict=True)]
