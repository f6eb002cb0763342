"""Weekly progress of a venue as a function of the hours given to it.

A venue rewards the first hours at its full rate and then saturates: past its natural
cadence, extra posts or talks reach the same people again. With ``g`` the progress per hour
at the first hour and ``s`` the hours per week at which the cadence saturates,

    progress(h) = g s (1 - exp(-h / s)),    marginal(h) = g exp(-h / s).

The curve is concave, which is what makes the split of hours solvable exactly. It never
quite levels off, so a venue's *useful pace* is where the next hour buys less than
`USEFUL_RETURN` of what the first one did (99 % of the cadence is then reached): hours past it
buy nothing a plan can show, and the split leaves them over.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ("USEFUL_RETURN", "marginal_response", "response", "useful_pace")

FloatArray = NDArray[np.float64]

USEFUL_RETURN = 0.01
"""An hour that buys less than this share of a venue's first hour buys nothing: past
``s ln(1 / 0.01)``, about 4.6 times the saturation hours, 99 % of the cadence is reached."""


def response(gain_per_hour: ArrayLike, saturation_hours: ArrayLike, hours: ArrayLike) -> FloatArray:
    """Progress per week from ``hours`` hours per week; arguments broadcast together.

    ``-expm1(-h / s)`` keeps full precision when ``h`` is small next to ``s``, where
    ``1 - exp(-h / s)`` would lose the leading digits to cancellation.
    """
    gain = np.asarray(gain_per_hour, dtype=np.float64)
    negative_saturation = -np.asarray(saturation_hours, dtype=np.float64)
    given = np.asarray(hours, dtype=np.float64)
    # g s (-expm1(-h / s)) with the sign folded into s, one pass over the arrays fewer; the
    # outer asarray makes scalar arguments give a 0-d array rather than a NumPy scalar.
    return np.asarray(
        gain * negative_saturation * np.expm1(given / negative_saturation), dtype=np.float64
    )


def marginal_response(
    gain_per_hour: ArrayLike, saturation_hours: ArrayLike, hours: ArrayLike
) -> FloatArray:
    """Progress the next hour would add after ``hours`` hours per week; arguments broadcast.

    This is the derivative of `response`: the optimal split equalises it across the venues
    that are not held at a bound.
    """
    gain = np.asarray(gain_per_hour, dtype=np.float64)
    saturation = np.asarray(saturation_hours, dtype=np.float64)
    given = np.asarray(hours, dtype=np.float64)
    return np.asarray(gain * np.exp(-given / saturation), dtype=np.float64)


def useful_pace(saturation_hours: ArrayLike) -> FloatArray:
    """Hours per week past which an hour at a venue buys less than `USEFUL_RETURN` of its
    first: ``s ln(1 / USEFUL_RETURN)``, where ``marginal(h) = USEFUL_RETURN g``."""
    return np.asarray(
        np.asarray(saturation_hours, dtype=np.float64) * -math.log(USEFUL_RETURN),
        dtype=np.float64,
    )
