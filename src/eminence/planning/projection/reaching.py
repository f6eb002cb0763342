"""One goal's trials as the blocks of trials go by: each trial's path kept whole (`_Paths`),
or the week each reaches the target and the band's levels (`_Reaching`)."""

from __future__ import annotations

import numpy as np

from eminence.planning.held import goal_level, per_period
from eminence.planning.projection.expected import ExpectedProjection
from eminence.planning.projection.luck import Luck
from eminence.planning.projection.paths import (
    FloatArray,
    Trials,
    _churned,
    _counts,
    _first_crossing,
)
from eminence.planning.rates import RateModel
from eminence.planning.uncertainty import stream

BAND_TRIALS = 1_000
"""At most this many trials draw each goal's band of progress: its 10th and 90th percentiles
come within about two points of their values, plenty for a chart, and more would only slow a
large plan down."""

BLOCK_TRIALS = 512
"""Trials go through the projection in blocks of this many, whatever their number: memory
grows with the profile and not with the trials, and each trial's numbers are the same in a
plan of any size (a matrix product's rounding depends on its shape)."""


def reached_by_stock(model: RateModel, g: int) -> bool:
    """Whether goal ``g`` is reached by a stock's level (not by counts or a held rate)."""
    goal = model.goals[g]
    return model.profile.metric(goal.metric).is_stock  # a stock has no rate goal


class _Paths:
    """One goal's every trial, kept whole: the expected units so far (counted metrics), or the
    units arriving each week (stocks, whose churn the summing side applies), (T, W + 1),
    added to a running sum when one is given."""

    def __init__(
        self,
        projector: ExpectedProjection,
        g: int,
        sources: FloatArray,
        weekly_sources: FloatArray,
        into: FloatArray | None,
    ) -> None:
        goal = projector.model.goals[g]
        self.index = g
        self.stock = projector.model.profile.metric(goal.metric).is_stock
        self.sources = sources
        self.weekly_sources = weekly_sources
        shape = (projector.draws.trials, sources.shape[1])
        if into is not None and into.shape != shape:
            raise ValueError(f"a running sum of {into.shape} cannot take trials of {shape}")
        # Adding to zeros keeps every value: one plan's sum is its own trials, bit for bit.
        self.trials = np.zeros(shape) if into is None else into

    def add(self, units: FloatArray, first: int, count: int) -> None:
        """Take the next ``count`` trials, the first rows of ``units`` (rows, sources)."""
        # The very products `_Reaching` takes, so that one expert's trials are its own.
        if self.stock:
            self.trials[first : first + count] += (self.weekly_sources.T @ units.T)[:, :count].T
        else:
            self.trials[first : first + count] += (units @ self.sources)[:count]


class _Reaching:
    """One goal's trials as the blocks go by: the week each reaches the target, and the
    levels of the first `BAND_TRIALS` at the band's weeks."""

    def __init__(
        self,
        projector: ExpectedProjection,
        g: int,
        sources: FloatArray,
        weekly_sources: FloatArray,
        luck: Luck,
        gathered_bytes: int,
        *,
        band: bool,
    ) -> None:
        goal = projector.model.goals[g]
        trials = projector.draws.trials
        self.index = g
        self.goal = goal
        self.churn = projector.model.profile.metric(goal.metric).churn_per_week
        self.sources = sources
        self.weekly_sources = weekly_sources
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
        # A stock's arrivals, week-major, gathered from `_first` until its churn runs, in
        # ``gathered_bytes`` (its share of `STOCK_BYTES`) if they hold a block at least: a
        # plan of many stocks over many weeks churns each block as it comes, in the memory
        # of one block.
        weeks = sources.shape[1]
        room = min(trials, gathered_bytes // (8 * weeks))
        gathers = reached_by_stock(projector.model, g) and room >= min(trials, BLOCK_TRIALS)
        self._arrivals = np.empty((weeks, room if gathers else 0))
        self._first, self._gathered = 0, 0

    def add(self, units: FloatArray, first: int, count: int) -> None:
        """Take the next ``count`` trials, the first rows of ``units`` (rows, sources)."""
        if self.goal.per is not None:
            # A rate held is no first passage: each trial's counts arrive week by week
            # (Poisson), its dates and its band read off that one path.
            assert self.rng is not None  # opened for a rate goal
            counts = _counts((units @ self.sources)[:count], self.rng, exact=True)
            crossed = _first_crossing(
                goal_level(self.goal, counts), np.full(count, self.goal.target)
            )
            paths = counts
        elif self.churn is None:
            inflow = (units @ self.sources)[:count]
            thresholds = self.luck.threshold(self.index, first, count)
            crossed = _first_crossing(inflow, np.asarray(thresholds, np.float64))
            paths = inflow
        else:
            # Weekly arrivals, week-major, gathered where they fit for the churn to run over
            # many trials at once.
            arrivals = (self.weekly_sources.T @ units.T)[:, :count]
            room = self._arrivals.shape[1]
            if self._gathered + count > room:
                self._churn()
            if count > room:
                self._churn_of(arrivals, first)
                return
            if not self._gathered:
                self._first = first
            self._arrivals[:, self._gathered : self._gathered + count] = arrivals
            self._gathered += count
            return
        self._settle(paths, crossed, first, count)

    def _churn(self) -> None:
        """Run the stock's churn over the arrivals gathered, if any."""
        count, self._gathered = self._gathered, 0
        if count:
            self._churn_of(self._arrivals[:, :count], self._first)

    def _churn_of(self, arrivals: FloatArray, first: int) -> None:
        """The stock's levels in trials ``first`` on from their weekly ``arrivals`` (W + 1,
        trials). Each trial follows its expected recurrence, without count noise: a stock
        that touches its target for one lucky week and falls back has not reached it. The
        spread comes from the estimates and acceptance."""
        assert self.churn is not None  # only a stock churns
        count = arrivals.shape[1]
        paths = _churned(arrivals, self.churn, self.goal.starting_level).T
        crossed = _first_crossing(paths, np.full(count, self.goal.target))
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
        self._churn()
        if not self.band_trials:
            return Trials(self.reached, None, None)
        levels = np.concatenate(self.band)
        if self.churn is None and self.goal.per is None:
            levels = _counts(levels, stream(self.seed, "band", self.goal.id))
        rates = np.concatenate(self.rates) if self.rates else None
        return Trials(self.reached, levels, rates)
