"""The best split at every number of hours per week: the solver's breakpoints found once."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from eminence.errors import EminenceError
from eminence.planning.allocation.money import Budget, last_within
from eminence.planning.allocation.solver import Split, curve_of, solve
from eminence.planning.allocation.venues import Venues, total_of, validated_venues
from eminence.planning.response import response

__all__ = ("SplitCurve",)

FloatArray = NDArray[np.float64]


class SplitCurve:
    """The best split at every number of hours per week, prepared once for a set of venues.

    A slider replans at many totals, and a week that loses hours to an event's preparation
    is split again at what is left: the breakpoints do not depend on the total, so each total
    then costs a binary search, and many totals cost one vectorised pass. Unlike `allocate`,
    it answers every total from 0 up: below the lower bounds, each venue keeps its share of
    them; when no venue gains, every hour beyond the lower bounds is left over.

    Given ``money_per_hour`` (each venue's money per hour at its first hour) and
    ``money_per_week`` (a budget), the split also keeps the money within the budget: a second
    multiplier lowers each venue's gain by its money per hour (see `money`).

    Examples
    --------
    >>> from eminence.planning.allocation import allocate
    >>> curve = SplitCurve([3.0, 1.0, 2.0], [2.0, 8.0, 4.0], upper=[10.0, 10.0, 2.0])
    >>> curve.hours([10.0, 5.0]).round(2).tolist()
    [[3.36, 4.64, 2.0], [2.36, 0.64, 2.0]]
    >>> curve.split(10.0).hours.tolist() == allocate(
    ...     [3.0, 1.0, 2.0], [2.0, 8.0, 4.0], 10.0, upper=[10.0, 10.0, 2.0]).hours.tolist()
    True
    """

    def __init__(
        self,
        gain_per_hour: ArrayLike,
        saturation_hours: ArrayLike,
        lower: ArrayLike | None = None,
        upper: ArrayLike | None = None,
        *,
        money_per_hour: ArrayLike | None = None,
        money_per_week: float | None = None,
    ) -> None:
        venues = validated_venues(gain_per_hour, saturation_hours, lower, upper)
        self._ceiling = venues.ceiling
        self._gain, self._saturation, self._floor = venues.gain, venues.saturation, venues.floor
        self._gaining = venues.gain > 0.0
        gaining = self._gaining
        self._part = Venues.of(
            venues.gain[gaining],
            venues.saturation[gaining],
            venues.floor[gaining],
            None if venues.ceiling is None else venues.ceiling[gaining],
        )
        self._floor_total = venues.floor_total
        self._curve = curve_of(self._part, math.inf) if self._part.gaining else None
        self.budget = (
            None
            if money_per_week is None
            else Budget(
                np.zeros_like(self._gain) if money_per_hour is None else money_per_hour,
                money_per_week,
                self._saturation,
                self._floor,
            )
        )

    def hours(self, totals: ArrayLike) -> FloatArray:
        """Hours per venue at each total: shape (totals, venues), or (venues,) for one total."""
        budget = np.asarray(totals, dtype=np.float64)
        hours, _, _, _ = self._solved(np.atleast_1d(budget))
        return hours if budget.ndim else hours[0]

    @property
    def full_hours(self) -> float:
        """Hours per week from which every venue that gains is at its upper bound, and more
        are left over; inf when some venue has no upper bound."""
        ceiling = self._part.ceiling
        if ceiling is None and self._part.gaining:
            return math.inf
        # Exact sums (fsum), so the order of the venues changes no bit of a plan.
        held = self._floor[~self._gaining].tolist() + ([] if ceiling is None else ceiling.tolist())
        return math.fsum(held)

    def full_from(self) -> FloatArray:
        """For each venue, the hours per week from which it is at its upper bound: more hours
        go elsewhere or are left over. 0 for a venue that gains nothing (it keeps its lower
        bound), inf for one without upper bound.

        >>> curve = SplitCurve([3.0, 1.0, 2.0], [2.0, 8.0, 4.0], upper=[10.0, 10.0, 2.0])
        >>> curve.full_from().round(2).tolist(), curve.full_hours
        ([22.0, 16.7, 3.81], 22.0)
        """
        full = np.zeros_like(self._gain)
        part = self._part
        if not part.gaining:
            return full
        log_gain = np.log(part.gain)
        ceiling = np.full_like(part.gain, math.inf) if part.ceiling is None else part.ceiling
        # A venue reaches its upper bound where the common nu = -ln(lambda) is its ceiling's;
        # every venue then holds its own hours at that nu, clipped to its bounds.
        at_ceiling = ceiling / part.saturation - log_gain
        held = np.clip(
            part.saturation * (at_ceiling[:, np.newaxis] + log_gain), part.floor, ceiling
        )
        kept = self._floor[~self._gaining].tolist()
        totals = np.array([math.fsum(kept + row) for row in held.tolist()])
        full[self._gaining] = np.where(np.isfinite(ceiling), totals, math.inf)
        return full

    def split(self, total_hours: float) -> Split:
        """The split of ``total_hours``, the same as `allocate` gives where it answers."""
        total = total_of(total_hours)
        hours, multiplier, leftover, money_multiplier = self._solved(np.array([total]))
        return Split(
            hours=hours[0],
            progress=float(np.add.reduce(response(self._gain, self._saturation, hours[0]))),
            marginal_progress_per_hour=float(multiplier[0]),
            leftover_hours=float(leftover[0]),
            total_hours=total,
            money_multiplier=float(money_multiplier[0]),
        )

    def _solved(self, totals: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """Hours, marginal progress, leftover and money multiplier for each total."""
        hours, multiplier, leftover = self._unbudgeted(totals)
        money_multiplier = np.zeros_like(totals)
        budget = self.budget
        if budget is None:
            return hours, multiplier, leftover, money_multiplier
        most = budget.most_multiplier(self._gain)
        for row in range(totals.size):
            if budget.spent(hours[row]) <= budget.per_week:
                continue
            total = totals[row : row + 1]

            def spends(nu: float, total: FloatArray = total) -> float:
                return budget.spent(self._lowered(nu)._unbudgeted(total)[0][0])

            # Two adjacent multipliers, to machine precision (the split at 0 spends more than
            # the budget): the split at ``nu`` keeps within it, the one at ``low`` does not;
            # where the money jumps between the two, venues tie at the multiplier.
            nu, low = last_within(spends, budget.per_week, most, 0.0)
            jumps = budget.jumps(spends(low), spends(nu))
            tied = self._tied(low, nu, total) if jumps else None
            row_hours, row_multiplier, row_leftover = tied or self._lowered(nu)._unbudgeted(total)
            hours[row], multiplier[row], leftover[row] = (
                row_hours[0],
                row_multiplier[0],
                row_leftover[0],
            )
            money_multiplier[row] = nu
        return hours, multiplier, leftover, money_multiplier

    def _tied(
        self, low: float, high: float, total: FloatArray
    ) -> tuple[FloatArray, FloatArray, FloatArray] | None:
        """The split when venues tie at the money multiplier, or None when none does.

        A tied venue's gain net of money, ``g - nu k``, is 0 at ``high`` but for rounding
        (`Budget.tied`): its hours hang on the last bits of the multiplier, and the money
        spent jumps across the budget between the splits at ``low`` and at ``high``. Between
        the two, the other venues are split at ``high``, as everywhere else; the tied venues
        divide their hours as at ``low``; and the hours they take together are the one
        number that spends the budget exactly, found by bisection between the tied venues'
        hours at ``high`` (or their lower bounds) and at ``low``."""
        budget = self.budget
        assert budget is not None
        tied = budget.tied(self._gain, low, high)
        if not tied.any():
            return None
        ceiling = self._ceiling
        among = SplitCurve(
            self._gain[tied] - low * budget.rate[tied],
            self._saturation[tied],
            self._floor[tied],
            None if ceiling is None else ceiling[tied],
        )
        rest = self._lowered(high, tied)  # the tied venues keep their lower bounds there
        least = math.fsum(self._floor[tied].tolist())

        def split_at(tied_total: float) -> tuple[FloatArray, FloatArray, FloatArray]:
            tied_hours = among.hours(tied_total)
            above = math.fsum(tied_hours.tolist()) - least
            if not above > 0.0:
                return rest._unbudgeted(total)
            hours, multiplier, leftover = rest._unbudgeted(np.maximum(total - above, 0.0))
            hours[0, tied] = tied_hours
            return hours, multiplier, leftover

        def spends(tied_total: float) -> float:
            return budget.spent(split_at(tied_total)[0][0])

        def tied_total(multiplier: float) -> float:
            return math.fsum(self._lowered(multiplier)._unbudgeted(total)[0][0][tied].tolist())

        over = tied_total(low)
        within = next(
            (hours for hours in (tied_total(high), least) if spends(hours) <= budget.per_week),
            None,
        )
        if within is None or spends(over) <= budget.per_week:
            return None
        within, _ = last_within(spends, budget.per_week, within, over)
        return split_at(within)

    def _lowered(
        self, money_multiplier: float, tied: NDArray[np.bool_] | None = None
    ) -> SplitCurve:
        """The curve without budget whose gains are lowered by ``nu`` times the money per hour
        (to 0 for ``tied`` venues)."""
        assert self.budget is not None
        gain = np.maximum(self._gain - money_multiplier * self.budget.rate, 0.0)
        if tied is not None:
            gain[tied] = 0.0
        return SplitCurve(gain, self._saturation, self._floor, self._ceiling)

    def _unbudgeted(self, totals: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        if not (np.minimum.reduce(totals) >= 0.0 and np.maximum.reduce(totals) < math.inf):
            raise EminenceError(f"totals must be finite hours of 0 or more, got {totals}")
        short = totals < self._floor_total
        # Below the lower bounds there is nothing to split: each keeps its share of them.
        share = np.where(short, totals / max(self._floor_total, math.ulp(1.0)), 1.0)
        hours = np.outer(share, self._floor)
        multiplier = np.zeros_like(totals)
        leftover = np.where(short, 0.0, totals - self._floor_total)
        if self._curve is None:
            return hours, multiplier, leftover
        # Venues that gain nothing keep their lower bound and take no part in the split.
        to_place = totals - (self._floor_total - self._part.floor_total)
        solved = ~short
        part_hours, part_multiplier, part_leftover = solve(
            self._part, self._curve, to_place[solved]
        )
        hours[np.ix_(solved, self._gaining)] = part_hours
        multiplier[solved] = part_multiplier
        leftover[solved] = part_leftover
        return hours, multiplier, leftover
