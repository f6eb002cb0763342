"""The luck of a projection that does not depend on the hours: each counted goal's
thresholds and each event's acceptance, drawn once for a replan to read, or read from the
streams block by block when keeping them would cost too much memory."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from eminence.planning.projection.paths import FloatArray
from eminence.planning.rates import RateModel
from eminence.planning.uncertainty import stream

__all__ = ("Luck", "crosses_a_threshold")


def crosses_a_threshold(model: RateModel, g: int) -> bool:
    """Whether goal ``g`` is an amount counted (not a stock, not a rate held): each trial
    reaches it when its expected units cross a threshold drawn for the goal."""
    goal = model.goals[g]
    return goal.per is None and model.churn(g) is None


class Luck:
    """The draws of a projection that do not depend on the hours: each counted goal's
    thresholds (a rate goal's weekly counts do) and each event's acceptance luck, read
    ``count`` trials from trial ``first``.

    Fresh, it reads its streams as it goes, so trials must be read in order, once; `kept`
    draws every trial at once and is then only read, so threads may share it.
    """

    def __init__(self, seed: int, model: RateModel) -> None:
        self._thresholds = {
            g: _gamma(stream(seed, "goal", goal.id), goal.target)
            for g, goal in enumerate(model.goals)
            if crosses_a_threshold(model, g)
        }
        self._acceptance = {
            e: stream(seed, "acceptance", event.id).random
            for e, (_, event) in enumerate(model.events)
        }
        self._kept: dict[tuple[str, int], FloatArray] = {}

    def kept(self, trials: int) -> Luck:
        """This luck with all ``trials`` drawn now and kept."""
        self._kept = {
            **{("goal", g): read(trials) for g, read in self._thresholds.items()},
            **{("event", e): read(trials) for e, read in self._acceptance.items()},
        }
        return self

    def threshold(self, g: int, first: int, count: int) -> FloatArray:
        """Counts at which goal ``g`` is reached in each of the trials."""
        return self._read(("goal", g), self._thresholds[g], first, count)

    def acceptance(self, e: int, first: int, count: int) -> FloatArray:
        """Event ``e``'s luck in each of the trials: accepted where below its chance."""
        return self._read(("event", e), self._acceptance[e], first, count)

    def _read(
        self, key: tuple[str, int], fresh: Callable[[int], FloatArray], first: int, count: int
    ) -> FloatArray:
        kept = self._kept.get(key)
        return fresh(count) if kept is None else kept[first : first + count]


def _gamma(rng: np.random.Generator, target: float) -> Callable[[int], FloatArray]:
    """Gamma(k, 1) draws: the expected count at which the k-th outcome, the target, arrives."""
    outcomes = math.ceil(target - 1e-9)

    def read(count: int) -> FloatArray:
        return np.asarray(rng.gamma(outcomes, 1.0, count), np.float64)

    return read
