"""The split curve of a compiled profile: each venue's gain, saturation, bounds and money at
the mean rates, handed to the exact solver of `allocation` once per planner."""

from __future__ import annotations

import numpy as np

from eminence.errors import EminenceError
from eminence.planning.allocation.curve import SplitCurve
from eminence.planning.rates import YEAR_WEEKS, RateModel
from eminence.planning.response import useful_pace

__all__ = ("split_curve",)


def split_curve(model: RateModel) -> SplitCurve:
    """The best split of any hours per week among the profile's venues, at the mean rates."""
    means = model.means()
    venues = model.venues
    # A venue whose rule has ended has no day left to contribute on: like an excluded one,
    # it takes no hours, whatever its minimum.
    pairs = list(zip(venues, model.out, strict=True))
    lower = np.array([0.0 if out else v.min_hours_per_week for v, out in pairs])
    upper = np.array(
        [
            0.0 if out else (v.max_hours_per_week if v.max_hours_per_week else np.inf)
            for v, out in pairs
        ]
    )
    gain = np.where(upper > 0, model.venue_gain_per_hour(means), 0.0)
    saturation = model.venue_saturation_hours(means)
    # Hours past a venue's useful pace buy nothing a plan can show: the split leaves them
    # over rather than pile them on one venue. A minimum above the pace is still honoured.
    upper = np.minimum(upper, np.maximum(useful_pace(saturation), lower))
    budget = model.profile.capacity.money_per_year
    if budget is None:
        return SplitCurve(gain, saturation, lower=lower, upper=upper)
    try:
        return SplitCurve(
            gain,
            saturation,
            lower=lower,
            upper=upper,
            money_per_hour=model.venue_money_per_hour(means),
            money_per_week=budget / YEAR_WEEKS,
        )
    except EminenceError as error:
        raise EminenceError(f"capacity.money_per_year is too small: {error}") from None
