"""The projector: every goal's weeks to its target and its band of progress by trials, read
block by block from the draws, and the expected flows that the costs read."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np

from eminence.planning.allocation import SplitCurve
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.events import ProjectionInputs
from eminence.planning.held import goal_level, per_period
from eminence.planning.projection.expected import ExpectedProjection
from eminence.planning.projection.layout import ExpectedFlows, _Layout
from eminence.planning.projection.luck import Luck
from eminence.planning.projection.outcomes import _goal_projection
from eminence.planning.projection.pace import half_hours_ratio
from eminence.planning.projection.paths import (
    FloatArray,
    GoalPaths,
    IndexArray,
    Trials,
    _band,
    _minimum_hours,
)
from eminence.planning.projection.reaching import (
    BLOCK_TRIALS,
    Block,
    _Paths,
    _Reaching,
)
from eminence.planning.rates import RateModel
from eminence.planning.results import Progress, Projections, RateProgress
from eminence.planning.uncertainty import Draws

REACHED_BYTES = 64 * 2**20
"""Each goal's weeks to its target in every trial are kept for its quantiles: goals are
projected in groups whose weeks fit in this many bytes, each group reading the draws once."""


CHURNED_BYTES = 16 * 2**20
"""A stock goal's sources, each churned (`goal_sources`), are held while its group of goals
reads the draws: stock goals go in groups whose churned sources fit in this many bytes (at
least one a group), so that thirty stocks over 1,300 sources and ten years do not hold
160 MiB at once."""

KEPT_LUCK_BYTES = 8 * 2**20
"""The luck that does not depend on the hours (each counted goal's thresholds, each event's
acceptance) is drawn once and kept when it fits in this many bytes, as for the explorer's
few trials: a replan then only reads it. A larger plan draws it block by block instead, the
same numbers, so that memory stays bounded."""


class Projector(ExpectedProjection):
    """What a projection needs that does not depend on the hours, computed once per profile.

    A slider over hours per week replans many times: the grid of working weeks, each event's
    acceptance luck, each goal's count thresholds and minimum sustainable hours stay the same,
    and so do the draws of the estimates, shared with the ranking. Every random stream is named
    by an id (an event's, a goal's), so a change in one part of the plan does not reshuffle
    another: plans at different hours are compared on common random numbers, whatever the
    order of the profile's lists.
    """

    def __init__(
        self,
        model: RateModel,
        calendar: WorkingCalendar,
        curve: SplitCurve,
        draws: Draws,
        *,
        seed: int,
        horizon_weeks: int,
    ) -> None:
        super().__init__(model, calendar, curve, draws, seed=seed, horizon_weeks=horizon_weeks)
        # Drawn here, before any thread shares the projector, and only read after.
        # Without trials (a closed-form forecast) there is no luck to draw.
        streams = len(model.goals) + len(model.events)
        fits = 0 < 8 * streams * draws.trials <= KEPT_LUCK_BYTES
        self._kept_luck = Luck(self.seed, self.model).kept(draws.trials) if fits else None

    def expected_flows(self, inputs: ProjectionInputs) -> ExpectedFlows:
        """Expected units of every goal's metric by venue and by event, at each week boundary."""
        layout = self._layout(inputs)
        return ExpectedFlows(
            dates=self.dates,
            goals=tuple(goal.id for goal in self.model.goals),
            venues=len(self.model.venues),
            events=len(self.model.events),
            used=layout.used,
            venue_rate=layout.expected_rate,
            venue_weeks=layout.active,
            taken=layout.taken,
            event_yield=layout.expected_event,
            event_steps=layout.steps,
        )

    def project(self, inputs: ProjectionInputs, goals: Sequence[int] | None = None) -> Projections:
        """Every goal's projection (or those of ``goals``, by index) for one split of the week.

        Trials go through in blocks of `BLOCK_TRIALS`, so memory grows with the profile and not
        with the trials.
        """
        model, trials = self.model, self.draws.trials
        layout = self._layout(inputs)
        chosen = list(range(len(model.goals)) if goals is None else goals)
        ratios = half_hours_ratio(self.model, self.curve, self.means, inputs.hours_per_week)
        projected = []
        for g, (reached, levels, rates) in zip(
            chosen, self.reached(inputs, chosen, band=True), strict=True
        ):
            goal = model.goals[g]
            churn = model.churn(g)
            assert levels is not None  # asked for with the band
            expected = layout.paths[g]
            progress = Progress(**_band(self.dates, self.band_weeks, expected, levels))
            rate = None
            if rates is not None and goal.per is not None:
                rate = RateProgress(
                    **_band(self.dates, self.band_weeks, per_period(goal, expected), rates),
                    per=goal.per,
                    held_for=goal.held_for,
                )
            served = float(layout.expected_rate[:, g].sum() + layout.expected_event[:, g].sum())
            projected.append(
                _goal_projection(
                    goal,
                    self.dates,
                    goal_level(goal, expected),
                    reached,
                    None if churn is None else self._minimum_hours(g, churn),
                    churn,
                    served > 0.0,
                    inputs,
                    # Only the events that yield for this goal can be what binds it.
                    [
                        day
                        for e, day in enumerate(layout.event_dates)
                        if layout.expected_event[e, g] > 0
                    ],
                    progress,
                    self.useful_hours[g],
                    ratios[g],
                    rate,
                )
            )
        return Projections(
            goals=tuple(projected), horizon_weeks=self.horizon_weeks, trials=trials, seed=self.seed
        )

    def reached(
        self, inputs: ProjectionInputs, goals: Sequence[int], *, band: bool
    ) -> list[Trials]:
        """For each of ``goals``, every trial's weeks until it is reached, (T,), and, if
        ``band``, the band's levels of the first `BAND_TRIALS` trials (and a rate goal's
        counts per period at the band's weeks)."""
        layout = self._layout(inputs)
        columns, sources = self._columns(layout), self._sources(layout)
        # Every trial's weeks are kept for the quantiles: goals go in groups whose weeks fit
        # in REACHED_BYTES, and whose stocks' churned sources fit in CHURNED_BYTES; each
        # group reads the draws once.
        most = max(1, REACHED_BYTES // (8 * self.draws.trials))
        stocks = max(1, CHURNED_BYTES // max(sources.nbytes, 1))
        results: list[Trials] = []
        for group in _groups(goals, most, stocks, lambda g: self.model.churn(g) is not None):
            results += self._trials(group, inputs, layout, columns, sources, band=band)
        return results

    def luck(self) -> Luck:
        """The luck a projection reads: the kept one, or fresh streams read block by block."""
        return Luck(self.seed, self.model) if self._kept_luck is None else self._kept_luck

    def _columns(self, layout: _Layout) -> IndexArray:
        """The draws' columns a split reads: efforts and yields of the venues it uses, yields
        and acceptance of the events it takes."""
        model, used, taken = self.model, layout.used, layout.taken
        return np.concatenate(
            [
                model.venue_effort[used],
                model.venue_yield[used].ravel(),
                model.event_yield[taken].ravel(),
                model.event_acceptance[taken],
            ]
        )

    @staticmethod
    def _sources(layout: _Layout) -> FloatArray:
        """Each source's path (venues' active weeks, events' steps), (V + E, W + 1)."""
        return np.concatenate((layout.active, layout.steps))

    def _trials(
        self,
        goals: Sequence[int],
        inputs: ProjectionInputs,
        layout: _Layout,
        columns: IndexArray,
        sources: FloatArray,
        *,
        band: bool,
    ) -> list[Trials]:
        """For each of ``goals``, every trial's weeks until it is reached, (T,), and, if
        ``band``, the band's levels of the first `BAND_TRIALS` trials, read block by block of
        trials."""
        luck = self.luck()
        reaching = [_Reaching(self, g, sources, luck, band=band) for g in goals]
        self._run(reaching, inputs, layout, columns, luck)
        return [goal.result() for goal in reaching]

    def goal_paths(
        self, inputs: ProjectionInputs, g: int, into: FloatArray | None = None
    ) -> GoalPaths:
        """Goal ``g``'s expected path and every trial's own, before any count noise: what a
        team sums trial by trial to project a firm goal from its experts' work.

        With ``into`` (T, W + 1), every trial is added to it block by block and the result's
        ``trials`` is ``into``: a team keeps one running sum per goal, not one per expert.
        """
        layout = self._layout(inputs)
        paths = _Paths(self, g, self._sources(layout), into)
        self._run([paths], inputs, layout, self._columns(layout), self.luck())
        return GoalPaths(expected=layout.paths[g], trials=paths.trials)

    def expected_path(self, inputs: ProjectionInputs, g: int) -> FloatArray:
        """Goal ``g``'s expected path for one split, (W + 1,): no trials drawn."""
        path: FloatArray = self._layout(inputs).paths[g]
        return path

    def _run(
        self,
        goals: Sequence[_Reaching | _Paths],
        inputs: ProjectionInputs,
        layout: _Layout,
        columns: IndexArray,
        luck: Luck,
    ) -> None:
        """Give each of ``goals`` its units per unit of every source, block by block of trials,
        with the acceptance luck of ``luck`` (the one their thresholds read)."""
        model, rows = self.model, BLOCK_TRIALS
        used, taken = layout.used, layout.taken
        # Each trial's units per unit of every source (venues' active weeks, events' steps):
        # one product with the sources' paths makes a goal's paths. A short last block is
        # padded with zeros to the full block's shape, which fixes every trial's arithmetic:
        # a matrix product's sums run in an order its shape decides.
        units = np.zeros((rows, len(used) + len(taken)))
        with Block.lent(rows, len(self.dates)) as block:
            first = 0
            for values in self.draws.blocks(columns, rows):
                count = len(values)
                lucky = np.empty((count, len(taken)))
                for column, e in enumerate(taken.tolist()):
                    lucky[:, column] = luck.acceptance(e, first, count)
                contributions = model.venue_contributions(values, inputs.hours[used], used)
                accepted = values[:, model.event_acceptance[taken]] > lucky
                units[count:] = 0.0
                for goal in goals:
                    g = goal.index
                    venue_yield = (
                        values[:, model.venue_yield[used, g]] * model.venue_relevance[used, g]
                    )
                    event_yield = (
                        values[:, model.event_yield[taken, g]] * model.event_relevance[taken, g]
                    )
                    units[:count, : len(used)] = contributions * venue_yield
                    units[:count, len(used) :] = accepted * event_yield
                    goal.add(units, first, count, block)
                first += count

    def _minimum_hours(self, g: int, churn: float) -> float | None:
        if g not in self._minimum:
            target = self.model.goals[g].target
            self._minimum[g] = _minimum_hours(self.model, g, churn, target, self.curve)
        return self._minimum[g]


def _groups(
    goals: Sequence[int], most: int, most_stocks: int, is_stock: Callable[[int], bool]
) -> Iterator[list[int]]:
    """``goals`` in order, in groups of at most ``most`` goals and ``most_stocks`` stocks."""
    group: list[int] = []
    stocks = 0
    for g in goals:
        stock = is_stock(g)
        if group and (len(group) == most or stocks + stock > most_stocks):
            yield group
            group, stocks = [], 0
        group.append(g)
        stocks += stock
    if group:
        yield group
