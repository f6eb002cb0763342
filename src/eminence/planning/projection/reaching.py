"""One goal's trials as the blocks of trials go by: each trial's path kept whole (`_Paths`),
or the week each reaches the target and the band's levels (`_Reaching`)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import numpy as np

from eminence.model import Goal
from eminence.planning.held import goal_level, per_period
from eminence.planning.projection.expected import ExpectedProjection
from eminence.planning.projection.luck import Luck
from eminence.planning.projection.paths import (
    FloatArray,
    Trials,
    _counts,
    _first_crossing,
    _stock,
)
from eminence.planning.uncertainty import stream

BAND_TRIALS = 1_000
"""At most this many trials draw each goal's band of progress: its 10th and 90th percentiles
come within about two points of their values, plenty for a chart, and more would only slow a
large plan down."""

BLOCK_TRIALS = 512
"""Trials go through the projection in blocks of this many, whatever their number: memory
grows with the profile and not with the trials, and each trial's numbers are the same in a
plan of any size (a matrix product's rounding depends on its shape)."""


def goal_sources(sources: FloatArray, churn: float | None) -> FloatArray:
    """Each source's path toward a goal, (S, W + 1), from its units so far ``sources``: those
    of a counted metric; for a stock that loses ``churn`` a week, its level from nothing,
    each source churned on its own. The churn is linear, so a trial's stock is its units
    times these paths plus the starting level's decay (`starting_decay`): one product per
    block of trials, and no loop over the weeks."""
    return sources if churn is None else _stock(sources, churn)


def starting_decay(goal: Goal, churn: float, weeks: int) -> FloatArray:
    """A stock's starting level as it churns away over the ``weeks`` boundaries, nothing
    arriving: what a trial's stock holds besides its own arrivals."""
    return _stock(np.zeros(weeks), churn, goal.starting_level)


_SPARE = threading.local()


class Block:
    """The working arrays of a block of trials, (rows, W + 1), worked in by every goal in
    every block of a projection, and lent to the thread's next projection (`lent`).

    A fresh array this large for each product would be a fresh mapping of memory wherever the
    allocator gives memory back at once, as Dask's workers set it (``MALLOC_TRIM_THRESHOLD_``):
    there, a forecast with 1,000 trials took twice as long.
    """

    def __init__(self, rows: int, weeks: int) -> None:
        self.paths = np.empty((rows, weeks))
        self.hit = np.empty((rows, weeks), dtype=np.bool_)

    @classmethod
    @contextlib.contextmanager
    def lent(cls, rows: int, weeks: int) -> Iterator[Block]:
        """A block of this shape, the thread's own from one projection to the next: a
        batch's profiles in one thread work in the same memory."""
        spare: dict[tuple[int, int], Block] = vars(_SPARE).setdefault("blocks", {})
        block = spare.pop((rows, weeks), None) or cls(rows, weeks)
        try:
            yield block
        finally:
            spare.clear()  # one shape kept: the last one
            spare[rows, weeks] = block

    def product(self, units: FloatArray, sources: FloatArray, count: int) -> FloatArray:
        """The first ``count`` rows of ``units @ sources``, taken over the whole block: its
        shape fixes the order of the product's sums, so each trial's are its own."""
        np.matmul(units, sources, out=self.paths)
        return self.paths[:count]

    def crossing(self, paths: FloatArray, levels: FloatArray) -> FloatArray:
        """`_first_crossing` of ``paths``, some of this block's rows."""
        return _first_crossing(paths, levels, self.hit[: len(paths)])


class _Paths:
    """One goal's every trial, kept whole, (T, W + 1): the expected units so far (counted
    metrics), or the stock its arrivals alone hold (stocks, whose starting level the summing
    side adds once), added to a running sum when one is given."""

    def __init__(
        self, projector: ExpectedProjection, g: int, sources: FloatArray, into: FloatArray | None
    ) -> None:
        self.index = g
        self.sources = goal_sources(sources, projector.model.churn(g))
        shape = (projector.draws.trials, sources.shape[1])
        if into is not None and into.shape != shape:
            raise ValueError(f"a running sum of {into.shape} cannot take trials of {shape}")
        # Adding to zeros keeps every value: one plan's sum is its own trials, bit for bit.
        self.trials = np.zeros(shape) if into is None else into

    def add(self, units: FloatArray, first: int, count: int, block: Block) -> None:
        """Take the next ``count`` trials, the first rows of ``units`` (rows, sources)."""
        # The very product `_Reaching` takes, so that one expert's trials are its own.
        self.trials[first : first + count] += block.product(units, self.sources, count)


class _Reaching:
    """One goal's trials as the blocks go by: the week each reaches the target, and the
    levels of the first `BAND_TRIALS` at the band's weeks."""

    def __init__(
        self,
        projector: ExpectedProjection,
        g: int,
        sources: FloatArray,
        luck: Luck,
        *,
        band: bool,
    ) -> None:
        goal = projector.model.goals[g]
        trials = projector.draws.trials
        self.index = g
        self.goal = goal
        self.churn = projector.model.churn(g)
        self.sources = goal_sources(sources, self.churn)
        self.decay = (
            None if self.churn is None else starting_decay(goal, self.churn, sources.shape[1])
        )
        # Without a band, no trial's levels are kept: the weeks to the target need none.
        self.band_weeks = projector.band_weeks
        self.band_trials = BAND_TRIALS if band else 0
        self.seed = projector.seed
        self.luck = luck
        # A rate goal's weekly counts (Poisson) are drawn from its own stream, block by block;
        # no other goal opens it.
        self.rng = None if goal.per is None else stream(self.seed, "goal", goal.id)
        self.reached = np.empty(trials)
        self.band: list[FloatArray] = []
        self.rates: list[FloatArray] = []

    def add(self, units: FloatArray, first: int, count: int, block: Block) -> None:
        """Take the next ``count`` trials, the first rows of ``units`` (rows, sources)."""
        paths = block.product(units, self.sources, count)
        if self.goal.per is not None:
            # A rate held is no first passage: each trial's counts arrive week by week
            # (Poisson), its dates and its band read off that one path.
            assert self.rng is not None  # opened for a rate goal
            paths = _counts(paths, self.rng, exact=True)
            levels = goal_level(self.goal, paths)
            crossed = block.crossing(levels, np.full(count, self.goal.target))
        elif self.decay is None:
            thresholds = self.luck.threshold(self.index, first, count)
            crossed = block.crossing(paths, np.asarray(thresholds, np.float64))
        else:
            # Each trial follows its expected recurrence, without count noise: a stock that
            # touches its target for one lucky week and falls back has not reached it. The
            # spread comes from the estimates and acceptance.
            paths += self.decay
            crossed = block.crossing(paths, np.full(count, self.goal.target))
        self._settle(paths, crossed, first, count)

    def _settle(self, paths: FloatArray, crossed: FloatArray, first: int, count: int) -> None:
        """Keep the weeks to the target of trials ``first`` to ``first + count``, and the
        band's levels of those among the first `BAND_TRIALS` (a rate goal's counts per period
        too)."""
        self.reached[first : first + count] = crossed
        if first < self.band_trials:
            kept = paths[: self.band_trials - first]
            self.band.append(kept[:, self.band_weeks])
            if self.goal.per is not None:
                self.rates.append(per_period(self.goal, kept)[:, self.band_weeks])

    def result(self) -> Trials:
        """Every trial's weeks to the target, and the band's levels (None without a band):
        counts of a counted metric have their Poisson noise."""
        if not self.band_trials:
            return Trials(self.reached, None, None)
        levels = np.concatenate(self.band)
        if self.churn is None and self.goal.per is None:
            levels = _counts(levels, stream(self.seed, "band", self.goal.id))
        rates = np.concatenate(self.rates) if self.rates else None
        return Trials(self.reached, levels, rates)
