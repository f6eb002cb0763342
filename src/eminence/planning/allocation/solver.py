"""The exact split of weekly hours among venues whose progress saturates.

Venue ``i`` given ``h`` hours a week progresses by ``g_i s_i (1 - exp(-h / s_i))`` (see
`eminence.planning.response`). Maximising the sum under a budget of hours and per-venue
bounds is a concave problem, so the optimum is where every venue strictly inside its bounds
has the same marginal progress ``lambda``. Writing ``mu = ln(lambda)``, such a venue takes
``s_i (ln g_i - mu)`` hours: linear in ``mu``. Clipped to the bounds, the total is piecewise
linear in ``mu`` with two breakpoints per venue, so sorting the breakpoints finds the segment
that spends the budget, and one linear equation on it gives the answer exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from eminence.errors import EminenceError
from eminence.planning.allocation.venues import TIE_TOLERANCE, Venues, validated
from eminence.planning.response import response

__all__ = ("RELATIVE_TOLERANCE", "Curve", "Split", "allocate", "curve_of", "solve")

FloatArray = NDArray[np.float64]

_FINITE = np.finfo(np.float64).max
"""No unbounded venue ever reaches its upper bound."""

RELATIVE_TOLERANCE = 1e-9
"""How far hours plus leftover may drift from the total, relative to it, through rounding."""


# eq=False: field-wise equality would compare the hours arrays element-wise and fail.
@dataclass(frozen=True, slots=True, eq=False)
class Split:
    """Hours per week given to each venue at the optimum, and what one more hour would buy.

    Attributes
    ----------
    hours : numpy.ndarray
        Hours per week per venue, in the order the venues were given; a read-only copy.
    progress : float
        Total progress per week the split achieves.
    marginal_progress_per_hour : float
        Progress one more weekly hour would add: the marginal progress shared by every venue
        strictly inside its bounds (the Lagrange multiplier of the budget). 0.0 when no venue
        can take another hour, as when hours are left over.
    leftover_hours : float
        Hours no venue could use, because every venue that gains is at its upper bound.
    total_hours : float
        Hours per week that were split.
    money_multiplier : float
        Progress per unit of money a week that a larger money budget would buy at the margin
        (the Lagrange multiplier of the money budget); 0.0 when the budget does not bind.
    """

    hours: FloatArray
    progress: float
    marginal_progress_per_hour: float
    leftover_hours: float
    total_hours: float
    money_multiplier: float = 0.0

    def __post_init__(self) -> None:
        # A private read-only copy, so neither the caller nor a reader can change the split.
        hours = np.array(self.hours, dtype=np.float64)
        hours.setflags(write=False)
        object.__setattr__(self, "hours", hours)
        if hours.ndim != 1 or not hours.size or not np.minimum.reduce(hours) >= 0.0:
            raise EminenceError(f"Split.hours must be a non-empty 1-D array of hours >= 0: {hours}")
        if not (
            0.0 <= self.progress < math.inf
            and 0.0 <= self.marginal_progress_per_hour < math.inf
            and 0.0 <= self.leftover_hours < math.inf
        ):
            raise EminenceError(
                "Split.progress, marginal_progress_per_hour and leftover_hours must be finite "
                f"and >= 0, got {self.progress}, {self.marginal_progress_per_hour} and "
                f"{self.leftover_hours}"
            )
        spent = float(np.add.reduce(hours)) + self.leftover_hours
        if not abs(spent - self.total_hours) <= RELATIVE_TOLERANCE * self.total_hours:
            raise EminenceError(
                f"Split.hours plus leftover_hours make {spent} hours, not the "
                f"{self.total_hours} total_hours"
            )


def allocate(
    gain_per_hour: ArrayLike,
    saturation_hours: ArrayLike,
    total_hours: float,
    lower: ArrayLike | None = None,
    upper: ArrayLike | None = None,
) -> Split:
    """Split ``total_hours`` hours per week among venues to maximise total progress.

    Venue ``i`` given ``h`` hours progresses by ``g_i s_i (1 - exp(-h / s_i))``. The answer
    is exact up to rounding: no iterative optimiser, ``O(N log N)`` for ``N`` venues.

    Parameters
    ----------
    gain_per_hour : array_like, shape (N,)
        Progress per hour of each venue at its first hour, ``>= 0``. A venue with gain 0
        gets exactly its lower bound.
    saturation_hours : array_like, shape (N,)
        Hours per week, ``> 0``, at which each venue's natural cadence saturates.
    total_hours : float
        Hours per week to split, finite and ``> 0``.
    lower : array_like, shape (N,), optional
        Least hours per week for each venue, finite and ``>= 0``; 0 by default.
    upper : array_like, shape (N,), optional
        Most hours per week for each venue, ``>= lower``; ``inf`` (no bound) by default.
        ``upper == lower`` locks a venue; ``upper == 0`` excludes it.

    Returns
    -------
    Split
        Hours per venue, total progress, the marginal progress per hour and the hours left
        over when every venue that gains is at its upper bound.

    Raises
    ------
    EminenceError
        If an argument is malformed, out of range or not finite; if the lower bounds need
        more than ``total_hours``; or if no venue gains anything.

    Examples
    --------
    A newsletter that saturates early, a blog, and talks capped at 2 hours a week share 10
    hours a week:

    >>> split = allocate([3.0, 1.0, 2.0], [2.0, 8.0, 4.0], 10.0, upper=[10.0, 10.0, 2.0])
    >>> split.hours.round(2).tolist()
    [3.36, 4.64, 2.0]
    >>> round(split.marginal_progress_per_hour, 2)  # what an 11th hour would add
    0.56

    Hours that no venue can take are left over rather than forced on a venue:

    >>> allocate([1.0, 1.0], [1.0, 1.0], 5.0, upper=[1.0, 2.0]).leftover_hours
    2.0
    """
    venues, total = validated(gain_per_hour, saturation_hours, total_hours, lower, upper)
    gain, saturation, floor, ceiling = venues.gain, venues.saturation, venues.floor, venues.ceiling
    if venues.gaining == gain.size:
        hours, multiplier, leftover = _split(venues, total)
    else:
        # Venues that gain nothing keep their lower bound and take no part in the split.
        gaining = gain > 0.0
        part = Venues.of(
            gain[gaining],
            saturation[gaining],
            floor[gaining],
            None if ceiling is None else ceiling[gaining],
        )
        hours = floor.copy()
        hours[gaining], multiplier, leftover = _split(
            part, total - (venues.floor_total - part.floor_total)
        )
    return Split(
        hours=hours,
        progress=float(np.add.reduce(response(gain, saturation, hours))),
        marginal_progress_per_hour=multiplier,
        leftover_hours=leftover,
        total_hours=total,
    )


def _split(venues: Venues, to_place: float) -> tuple[FloatArray, float, float]:
    """Hours, marginal progress and leftover for venues that all gain something."""
    hours, multiplier, leftover = solve(venues, curve_of(venues, to_place), np.array([to_place]))
    return hours[0], float(multiplier[0]), float(leftover[0])


class Curve(NamedTuple):
    """Hours above the lower bounds, piecewise linear in ``nu = -ln(lambda)``."""

    leaves_floor: FloatArray
    """Where each venue leaves its lower bound."""
    breakpoints: FloatArray
    """Sorted: where the slope changes."""
    slope: FloatArray
    """Of the total after each breakpoint."""
    above_floors: FloatArray
    """Hours above the lower bounds at each breakpoint after the first."""
    ends: FloatArray
    """Where each segment ends: the next breakpoint, inf after the last."""
    spent: FloatArray
    """Hours above the lower bounds where each segment starts."""


def curve_of(venues: Venues, reach: float) -> Curve:
    """The curve for venues that all gain something, exact for budgets up to ``reach``."""
    gain, saturation, floor, ceiling, floor_total, _, _ = venues
    log_gain = np.log(gain)
    # With nu = -ln(lambda), a venue inside its bounds takes s_i (ln g_i + nu) hours. Raising
    # nu, venue i leaves its lower bound at one breakpoint, where the slope of the total
    # gains s_i, and reaches its upper bound at another, where the slope loses s_i.
    leaves_floor = floor / saturation - log_gain if floor_total > 0.0 else -log_gain
    if ceiling is None:
        breakpoints, slope_changes = leaves_floor, saturation
    else:
        # A venue cannot get more than its lower bound plus every spare hour, so only upper
        # bounds within that reach can bind; leaving out the others keeps the sort short. The
        # reach is widened a little: a bound the budget fills exactly must stay, whatever the
        # rounding of the spare hours, and one more breakpoint is harmless.
        spare = max(reach - floor_total, 0.0) * (1.0 + RELATIVE_TOLERANCE)
        reachable = ceiling <= np.minimum(floor + spare, _FINITE)
        reaches_ceiling = ceiling[reachable] / saturation[reachable] - log_gain[reachable]
        breakpoints = np.concatenate((leaves_floor, reaches_ceiling))
        slope_changes = np.concatenate((saturation, -saturation[reachable]))
    # A stable sort, so that ties fall in the same order on every NumPy release.
    order = breakpoints.argsort(kind="stable")
    breakpoints = breakpoints.take(order)
    changes = slope_changes.take(order)
    # Where every venue that left its lower bound has reached its upper one, the slope is 0:
    # counted exactly, not left as the residue of adding and taking away the same hours,
    # which could make the hours above the floors fall below 0 and overspend the budget.
    inside = np.add.accumulate(np.sign(changes))
    slope = np.where(inside > 0, np.add.accumulate(changes), 0.0)
    # The hours above the lower bounds are 0 at the first breakpoint and grow by the slope
    # times each gap. Summing gaps rather than subtracting large intercepts keeps their
    # precision when the budget is small next to the breakpoints.
    above_floors = np.add.accumulate(slope[:-1] * (breakpoints[1:] - breakpoints[:-1]))
    ends = np.append(breakpoints[1:], math.inf)
    return Curve(leaves_floor, breakpoints, slope, above_floors, ends, np.append(0.0, above_floors))


def solve(
    venues: Venues, curve: Curve, to_place: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Hours (budgets x venues), marginal progress and leftover for each budget at once."""
    floor, ceiling, floor_total, ceiling_total = (
        venues.floor,
        venues.ceiling,
        venues.floor_total,
        venues.ceiling_total,
    )
    leaves_floor, breakpoints, slope, above_floors, ends, spent_before = curve
    # Rounding can leave hours that are spent exactly a hair above the budget; this much slack
    # keeps such a tie on the side where the multiplier is what one more hour would buy.
    slack = TIE_TOLERANCE * to_place
    spare = np.maximum(to_place - floor_total, 0.0)
    # The budget is spent on the segment after the last breakpoint where these hours do not
    # exceed it. Of an interval of nu that spends it, this takes the largest: the multiplier
    # is then what one more hour would buy.
    segment = above_floors.searchsorted(spare + slack, side="right")
    start = breakpoints[segment]
    width = ends[segment] - start
    spent = spent_before[segment]
    rate = slope[segment]
    safe_rate = np.where(rate > 0.0, rate, 1.0)
    step = np.where(
        rate > 0.0, np.minimum(np.maximum((spare - spent) / safe_rate, 0.0), width), 0.0
    )
    # Measured from the breakpoints too, a venue's hours keep the precision of the budget.
    saturation = venues.saturation
    hours = np.maximum(
        floor + saturation * ((start[:, np.newaxis] - leaves_floor) + step[:, np.newaxis]), floor
    )
    multiplier = np.exp(-(start + step))
    leftover = np.zeros_like(to_place)
    if ceiling is not None:
        hours = np.minimum(hours, ceiling)
        full = ceiling_total <= to_place + slack
        hours[full] = ceiling
        multiplier = np.where(full, 0.0, multiplier)
        leftover = np.where(full, np.maximum(to_place - ceiling_total, 0.0), 0.0)
    return hours, multiplier, leftover
