"""Learning from results (law 7): a conjugate Gamma-Poisson update of what a contribution yields.

Outcomes (requests, conversations, new members) arrive one by one, so their count over
``n`` effective contributions at a venue is Poisson with mean ``yield * n``. The venue's
yield `Estimate` is the prior: its PERT-Beta law has mean ``(low + 4 likely + high) / 6`` and
variance ``(high - low)^2 * alpha * beta / 252`` (a PERT-Beta's two shapes add up to 6), and
the Gamma with that mean and variance stands in for it (moment matching):
``shape = mean^2 / variance``, ``rate = mean / variance``. Observing ``k`` outcomes over ``n``
effective contributions gives the Gamma posterior ``(shape + k, rate + n)``, exactly.

The posterior goes back into the profile as a new `Estimate` so that the ordinary planner
re-forecasts with it: ``low`` and ``high`` are its 5 % and 95 % points, and ``likely`` is the
value that makes the PERT mean equal the posterior mean, so the planner's expected yield is
exactly the posterior's (it is clamped into ``[low, high]`` for a nearly flat posterior, the
only case where the two means differ).

A certain estimate (low = high) is a known yield: the log does not move it. A metric the
profile gives no yield for at a venue is learnt from the log alone, from Jeffreys' prior
``Gamma(1/2, 0)``.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from eminence.model import Estimate

__all__ = ("CREDIBLE", "JEFFREYS", "GammaBelief", "gamma_quantile")

CREDIBLE = 0.90
"""The mass of an interval: 5 % of belief lies below its low end and 5 % above its high end."""

_TAIL = (1.0 - CREDIBLE) / 2.0
_LARGE_SHAPE = 100.0
"""Above this shape the Wilson-Hilferty cube-root normal approximation is exact to 1e-4."""

_CLOSE = 1e-14
"""A quantile's search ends when a step moves it by less than this share of itself."""

_LARGEST_EXPONENT = 700.0
"""``exp`` of more overflows a double: a Newton step divided by a density smaller than
``exp(-700)`` is taken as that large, and the bracket halves instead."""

_MAX_STEPS = 200
"""Steps of a quantile's search at most: a step that would leave the bracket halves it
instead, so the search ends however slowly Newton's steps would close in."""


@dataclass(frozen=True, slots=True)
class GammaBelief:
    """A Gamma law over a yield per contribution: as if ``shape`` outcomes in ``rate`` tries."""

    shape: float
    rate: float

    @classmethod
    def of(cls, estimate: Estimate | None) -> GammaBelief | None:
        """The Gamma with the estimate's PERT mean and variance; None for a certain estimate.

        No estimate at all gives `JEFFREYS`.
        """
        if estimate is None:
            return JEFFREYS
        if estimate.is_certain:
            return None
        width = estimate.high - estimate.low
        alpha = 1.0 + 4.0 * (estimate.likely - estimate.low) / width
        beta = 1.0 + 4.0 * (estimate.high - estimate.likely) / width
        variance = width * width * alpha * beta / 252.0
        mean = estimate.mean
        return cls(mean * mean / variance, mean / variance)

    def updated(self, outcomes: float, contributions: float) -> GammaBelief:
        """The posterior after ``outcomes`` over ``contributions`` effective contributions."""
        return GammaBelief(self.shape + outcomes, self.rate + contributions)

    @property
    def mean(self) -> float:
        """The expected yield per contribution."""
        return self.shape / self.rate

    def quantile(self, level: float) -> float:
        """The yield below which ``level`` of the belief lies."""
        return gamma_quantile(self.shape, level) / self.rate

    @property
    def interval(self) -> tuple[float, float]:
        """The central 90 % interval, always around the mean."""
        low, high = self.quantile(_TAIL), self.quantile(1.0 - _TAIL)
        return min(low, self.mean), max(high, self.mean)

    def estimate(self, interval: tuple[float, float] | None = None) -> Estimate:
        """The belief as an `Estimate` whose PERT mean is the belief's mean (see the module);
        ``interval`` is its `interval`, when already worked out."""
        low, high = self.interval if interval is None else interval
        likely = min(max((6.0 * self.mean - low - high) / 4.0, low), high)
        return Estimate(low=low, likely=likely, high=high)


def gamma_quantile(shape: float, level: float) -> float:
    """The ``level`` quantile of a Gamma(shape, 1) law, for ``0 < level < 1``."""
    if shape >= _LARGE_SHAPE:
        return _wilson_hilferty(shape, level)
    # Newton's steps on the distribution function, whose slope is the density, from a close
    # first guess and kept inside a bracket that each value narrows (a step leaving it
    # halves the bracket, or doubles the guess while there is no upper end yet): a handful
    # of evaluations, each a series of up to a hundred terms, where halving took sixty.
    x, low, high = _first_guess(shape, level), 0.0, math.inf
    if x <= 0.0:
        return 0.0  # a quantile below the least double
    for _ in range(_MAX_STEPS):
        below = _lower_regularized(shape, x)
        low, high = (x, high) if below < level else (low, x)
        # The step divides by the density, in logs: near 0 a small shape's density overflows.
        log_density = (shape - 1.0) * math.log(x) - x - math.lgamma(shape)
        following = x - (below - level) * math.exp(min(-log_density, _LARGEST_EXPONENT))
        # Within the distribution function's own rounding (about 1e-15 of it), a step this
        # small is noise.
        if abs(following - x) <= _CLOSE * x or high - low <= _CLOSE * x:
            return following if low <= following <= high else x
        if not low < following < high:
            following = 2.0 * x if math.isinf(high) else (low + high) / 2.0
        if following <= 0.0:  # halved below the least double
            return x
        x = following
    return x


def _first_guess(shape: float, level: float) -> float:
    """A quantile of Gamma(shape, 1) near the true one: for a shape below 1, the law's lower
    tail ``x^shape / Gamma(shape + 1)`` where that lies below 1, else the Wilson-Hilferty
    cube."""
    tail = math.exp((math.log(level) + math.lgamma(shape + 1.0)) / shape)
    if shape < 1.0 and tail < 1.0:
        return tail
    return max(_wilson_hilferty(shape, level), tail, math.ulp(0.0))


def _wilson_hilferty(shape: float, level: float) -> float:
    """The ``level`` quantile of Gamma(shape, 1) by the Wilson-Hilferty cube-root normal
    approximation (0 where the cube's root falls below 0)."""
    normal = statistics.NormalDist().inv_cdf(level)
    root = 1.0 - 1.0 / (9.0 * shape) + normal / (3.0 * math.sqrt(shape))
    return shape * max(root, 0.0) ** 3


def _lower_regularized(shape: float, x: float) -> float:
    """P(shape, x): the Gamma(shape, 1) probability of a value below ``x``."""
    if x <= 0.0:
        return 0.0
    log_scale = shape * math.log(x) - x - math.lgamma(shape)
    if x < shape + 1.0:
        # The series sum x^n / (shape (shape + 1) ... (shape + n)), converging fast here.
        term = total = 1.0 / shape
        n = 0
        while abs(term) > abs(total) * 1e-15 and n < 10_000:
            n += 1
            term *= x / (shape + n)
            total += term
        return min(total * math.exp(log_scale), 1.0)
    # The continued fraction of the upper tail, by Lentz's method.
    tiny = 1e-300
    b = x + 1.0 - shape
    c = 1.0 / tiny
    d = 1.0 / b
    fraction = d
    for n in range(1, 10_000):
        a = -n * (n - shape)
        b += 2.0
        d = a * d + b
        d = tiny if abs(d) < tiny else d
        c = b + a / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        step = d * c
        fraction *= step
        if abs(step - 1.0) < 1e-15:
            break
    return max(1.0 - math.exp(log_scale) * fraction, 0.0)


JEFFREYS = GammaBelief(0.5, 0.0)
"""Jeffreys' prior for a Poisson rate, for a yield the profile does not give: improper until
the first contribution, after which the log alone speaks."""
