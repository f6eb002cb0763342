"""A yearly money budget next to the hours: the second multiplier of the split.

A venue's money follows its contributions, so it has the same concave shape as its progress:
``k_i s_i (1 - exp(-h / s_i))`` a week, with ``k_i`` its money per hour at the first hour.
For a multiplier ``nu`` on money the optimum is therefore the same water-filling with each
venue's gain lowered to ``g_i - nu k_i`` (a venue whose gain is no more than ``nu k_i`` keeps
its lower bound). The money spent falls as ``nu`` rises, so bisection on ``nu`` over the exact
inner split finds the least ``nu`` that keeps within the budget.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from eminence.errors import EminenceError
from eminence.model import _figures as figures
from eminence.planning.response import response

__all__ = ("MAX_BISECTIONS", "Budget", "last_within")

FloatArray = NDArray[np.float64]

FLOOR_ROUNDING = 1e-12
"""A budget this close (relatively) to the cost of the venues' minimum hours is that cost."""

TIE_BAND = 1e-9
"""A venue whose gain net of money changes by more than this share between two adjacent
multipliers has a gain per money equal to them but for rounding: it is tied there."""

JUMP = 1e-10
"""Money that changes by more than this share between two adjacent multipliers jumps: some
venues tie there. Less is rounding, and the split at the larger multiplier stands."""

MAX_BISECTIONS = 200
"""Halvings of the multiplier's bracket at most: 2^-200 of it is far below a float's step."""


class Budget:
    """Money per hour at each venue's first hour and the money a week the split may spend."""

    def __init__(
        self,
        money_per_hour: ArrayLike,
        money_per_week: float,
        saturation: FloatArray,
        floor: FloatArray,
    ) -> None:
        rate = np.asarray(money_per_hour, dtype=np.float64)
        if rate.shape != saturation.shape:
            raise EminenceError(
                f"money_per_hour has shape {rate.shape} but there are {saturation.size} "
                "venues; pass one money per hour per venue"
            )
        if not (np.minimum.reduce(rate) >= 0.0 and np.maximum.reduce(rate) < math.inf):
            raise EminenceError(
                f"money_per_hour must be finite amounts of 0 or more, got {rate.tolist()}"
            )
        budget = float(money_per_week)
        if not 0.0 <= budget < math.inf:
            raise EminenceError(
                f"money_per_week must be a finite amount of 0 or more, got {money_per_week!r}"
            )
        self.rate, self._saturation = rate, saturation
        self.floor_money = self.spent(floor)
        # A budget equal to the floor's cost, summed in another order, may fall an ulp short
        # of it: within that rounding the budget is the floor, and only the floor is spent.
        self.per_week = max(budget, self.floor_money) if self._rounds_to(budget) else budget
        if self.floor_money > self.per_week:
            raise EminenceError(
                f"the venues' minimum hours cost {figures.money(self.floor_money)} a week, "
                f"more than the budget of {figures.money(budget)}; raise the money budget or "
                "lower min_hours_per_week at the paid venues"
            )

    def _rounds_to(self, budget: float) -> bool:
        """Whether ``budget`` is the floor's cost but for rounding."""
        return abs(self.floor_money - budget) <= FLOOR_ROUNDING * max(self.floor_money, 1.0)

    def spent(self, hours: ArrayLike) -> float:
        """Money a week the hours cost (exactly summed, so venue order changes no bit)."""
        return math.fsum(response(self.rate, self._saturation, hours).tolist())

    def jumps(self, over: float, within: float) -> bool:
        """Whether the money spent jumps from ``over`` the budget to ``within`` it."""
        return over - within > JUMP * over

    def tied(self, gain: FloatArray, low: float, high: float) -> NDArray[np.bool_]:
        """The venues tied at two adjacent multipliers ``low < high``: those whose gain net of
        money is 0 at ``high`` but for rounding. Their hours hang on the last bits of it,
        so a step of one float in the multiplier moves them and the money they spend."""
        net_low = gain - low * self.rate
        net_high = np.maximum(gain - high * self.rate, 0.0)
        tied: NDArray[np.bool_] = net_low > net_high * (1.0 + TIE_BAND)
        return tied

    def most_multiplier(self, gain: FloatArray) -> float:
        """A multiplier at which no paid venue gains anything: only the lower bounds cost."""
        paid = self.rate > 0.0
        return 2.0 * float(np.maximum.reduce(gain[paid] / self.rate[paid])) if paid.any() else 0.0


def last_within(
    spends: Callable[[float], float], budget: float, within: float, over: float
) -> tuple[float, float]:
    """Bisect from ``within`` (spending at most ``budget``) and ``over`` (more) to two
    adjacent floats, one each side of the budget; either may be the larger."""
    for _ in range(MAX_BISECTIONS):
        middle = 0.5 * (within + over)
        if middle in (within, over):
            break
        if spends(middle) > budget:
            over = middle
        else:
            within = middle
    return within, over
