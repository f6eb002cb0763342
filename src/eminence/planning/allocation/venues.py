"""The venues a split is asked for, checked: float arrays, one value per venue, with the
totals of their bounds, or an `EminenceError` that names the argument at fault and the fix."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from eminence.errors import EminenceError
from eminence.model._words import exact

__all__ = ("TIE_TOLERANCE", "Venues", "total_of", "validated", "validated_venues")

FloatArray = NDArray[np.float64]

TIE_TOLERANCE = 1e-12
"""Relative slack for sums of hours that are meant to equal the budget but were rounded."""


class Venues(NamedTuple):
    """Validated venue arrays, with the totals of their bounds."""

    gain: FloatArray
    saturation: FloatArray
    floor: FloatArray
    ceiling: FloatArray | None
    """None when no venue has an upper bound."""
    floor_total: float
    ceiling_total: float
    gaining: int
    """How many venues gain something from an hour."""

    @classmethod
    def of(
        cls,
        gain: FloatArray,
        saturation: FloatArray,
        floor: FloatArray,
        ceiling: FloatArray | None,
    ) -> Venues:
        floor_total = float(np.add.reduce(floor))
        ceiling_total = math.inf if ceiling is None else float(np.add.reduce(ceiling))
        gaining = int(np.count_nonzero(gain))
        return cls(gain, saturation, floor, ceiling, floor_total, ceiling_total, gaining)


def validated(
    gain_per_hour: ArrayLike,
    saturation_hours: ArrayLike,
    total_hours: float,
    lower: ArrayLike | None,
    upper: ArrayLike | None,
) -> tuple[Venues, float]:
    """The venues as float arrays and the total, or an `EminenceError` naming the fault."""
    total = total_of(total_hours)
    venues = validated_venues(gain_per_hour, saturation_hours, lower, upper)
    # A tolerance, so that bounds meant to use every hour survive the rounding of their sum.
    if venues.floor_total > total * (1.0 + TIE_TOLERANCE):
        raise EminenceError(
            f"lower bounds sum to {exact(venues.floor_total)} hours, more than the {exact(total)} "
            "available; reduce some lower bounds or raise total_hours"
        )
    if not venues.gaining:
        raise EminenceError(
            "no venue gains anything from an hour (every gain_per_hour is 0); "
            "give at least one venue a positive gain_per_hour"
        )
    return venues, total


def validated_venues(
    gain_per_hour: ArrayLike,
    saturation_hours: ArrayLike,
    lower: ArrayLike | None,
    upper: ArrayLike | None,
) -> Venues:
    """The venues as float arrays, or an `EminenceError` naming the fault."""
    gain = _venue_values(gain_per_hour, "gain_per_hour")
    count = gain.size
    if not count:
        raise EminenceError("gain_per_hour is empty; pass at least one venue")
    saturation = _venue_values(saturation_hours, "saturation_hours", count)
    if lower is None:
        floor, floor_total = np.zeros(count), 0.0
        bounded_below = np.concatenate((gain, saturation))
    else:
        floor = _venue_values(lower, "lower", count)
        floor_total = float(np.add.reduce(floor))
        bounded_below = np.concatenate((gain, saturation, floor))
    # Gains, saturations and lower bounds all belong in [0, inf): one pass checks them, as
    # min and max propagate NaN. Only a failure pays for finding the culprit.
    if (
        not np.minimum.reduce(bounded_below) >= 0.0
        or not np.maximum.reduce(bounded_below) < math.inf
        or np.count_nonzero(saturation) < count
    ):
        _explain_bad_values(gain, saturation, floor)
    ceiling = None
    ceiling_total = math.inf
    if upper is not None:
        ceiling = _venue_values(upper, "upper", count)
        # The comparison is False for a NaN upper bound too.
        if np.count_nonzero(ceiling >= floor) < count:
            _explain_bad_upper(ceiling, floor)
        ceiling_total = float(np.add.reduce(ceiling))
    gaining = int(np.count_nonzero(gain))
    return Venues(gain, saturation, floor, ceiling, floor_total, ceiling_total, gaining)


def total_of(total_hours: float) -> float:
    try:
        total = float(total_hours)
    except (TypeError, ValueError):
        total = math.nan
    if not 0.0 < total < math.inf:
        raise EminenceError(
            f"total_hours must be a finite number of hours above 0, got {total_hours!r}; "
            "pass the hours per week the expert can give"
        )
    return total


def _venue_values(values: ArrayLike, name: str, count: int | None = None) -> FloatArray:
    """``values`` as a 1-D float array, one per venue."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise EminenceError(f"{name} must be numbers, one per venue: {error}") from None
    if array.ndim != 1:
        raise EminenceError(
            f"{name} must be 1-D, one value per venue, but has shape {array.shape}; "
            "pass a flat sequence"
        )
    if count is not None and array.size != count:
        raise EminenceError(
            f"{name} has {array.size} values but gain_per_hour has {count}; "
            "pass one value per venue to each"
        )
    return array


_Rule = Callable[[FloatArray], NDArray[np.bool_]]


def _explain_bad_values(gain: FloatArray, saturation: FloatArray, floor: FloatArray) -> None:
    """Raise for the first gain, saturation or lower bound out of range."""
    _reject(gain, "gain_per_hour", np.isfinite, "every gain must be a finite progress per hour")
    _reject(
        gain,
        "gain_per_hour",
        lambda g: g >= 0.0,
        "gains cannot be negative; use 0 for a venue that gains nothing",
    )
    _reject(
        saturation,
        "saturation_hours",
        np.isfinite,
        "every saturation must be a finite number of hours per week",
    )
    _reject(
        saturation,
        "saturation_hours",
        lambda s: s > 0.0,
        "saturation must be above 0 hours per week",
    )
    _reject(
        floor,
        "lower",
        lambda h: np.isfinite(h) & (h >= 0.0),
        "lower bounds must be finite hours per week, 0 or more",
    )


def _explain_bad_upper(ceiling: FloatArray, floor: FloatArray) -> None:
    """Raise for the first upper bound that is NaN or below its lower bound."""
    _reject(ceiling, "upper", lambda u: ~np.isnan(u), "use inf for a venue without upper bound")
    index = int(np.flatnonzero(ceiling < floor)[0])
    raise EminenceError(
        f"upper[{index}] is {exact(ceiling[index])} hours, below lower[{index}] = "
        f"{exact(floor[index])}; raise upper[{index}] or reduce lower[{index}]"
    )


def _reject(values: FloatArray, name: str, valid: _Rule, fix: str) -> None:
    """Raise for the first value ``valid`` rejects, if any."""
    bad = np.flatnonzero(~valid(values))
    if bad.size:
        index = int(bad[0])
        raise EminenceError(f"{name}[{index}] is {exact(values[index])}; {fix}")
