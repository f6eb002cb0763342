"""When each goal is reached: a weekly projection, expected and with honest uncertainty.

Time runs on a weekly grid from the plan's start; holidays stop the clock. A taken event's
preparation takes its hours from the weekly split, spread over the weeks before each of its
dates, and in those weeks the split is solved again at the hours left: the venues at the
margin give way first, as the event rule assumes when it weighs an event against the split's
marginal hour. Venues listen one after another, each with the hours of every week that the
venues already active leave free, and contribute once their listening is done. Each venue
then keeps two clocks, the weeks of its full hours (which its costs count) and of its full
pace (which its contributions count): a shortened week counts for the share of its hours, or
of its expected contributions, the venue keeps. A taken event adds its yield on its date.

Counted metrics accumulate. Outcome counts are Poisson, so the time the count reaches a
target ``k`` is when the expected cumulative count reaches a Gamma(k, 1) draw: one draw per
trial gives the exact first-passage time, no week-by-week simulation needed. A stock metric
(an engaged audience) loses a share each week: each trial follows its expected recurrence,
without count noise, so a stock that touches its target for one lucky week does not count as
reaching it. The estimates are drawn from their PERT-Beta laws and acceptance is a Bernoulli
draw, every trial at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eminence.model import Goal, Profile
from eminence.planning.allocation import SplitCurve
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.events import ProjectionInputs, event_jobs
from eminence.planning.rates import RateModel
from eminence.planning.results import Binding, GoalProjection, Progress, Projections
from eminence.planning.uncertainty import Draws, in_blocks, rows_within, stream

__all__ = (
    "BAND_TRIALS",
    "HORIZON_WEEKS",
    "ExpectedFlows",
    "ProjectionInputs",
    "Projector",
    "horizon_for",
)

FloatArray = NDArray[np.float64]
IndexArray = NDArray[np.intp]

HORIZON_WEEKS = 260
"""Projections look five years ahead unless asked otherwise (at most ten)."""

BAND_TRIALS = 1_000
"""At most this many trials draw each goal's band of progress: its 10th and 90th percentiles
come within about two points of their values, plenty for a chart, and more would only slow a
large plan down."""

BLOCK_TRIALS = 512
"""Trials go through the projection in blocks of this many, whatever their number: memory
grows with the profile and not with the trials, and each trial's numbers are the same in a
plan of any size (a matrix product's rounding depends on its shape)."""

REACHED_BYTES = 64 * 2**20
"""Each goal's weeks to its target in every trial are kept for its quantiles: goals are
projected in groups whose weeks fit in this many bytes, each group reading the draws once."""

BAND_POINTS = 40
"""About this many dates in each goal's band of progress: enough for a smooth chart."""


def horizon_for(profile: Profile, horizon_weeks: int) -> int:
    """The horizon asked for, stretched to the latest deadline so every chance is honest."""
    start = profile.capacity.start
    deadlines = [goal.deadline for goal in profile.goals if goal.deadline is not None]
    latest = max(((day - start).days + 6) // 7 for day in deadlines) if deadlines else 0
    return max(horizon_weeks, latest)


@dataclass(frozen=True, slots=True)
class ExpectedFlows:
    """The expected flow of each goal's metric from every source, week by week.

    The same expectations as a projection's expected path, kept apart by venue and event, so
    that costs can be attributed to goals and a log can be compared with the plan. A source's
    units are its rate per goal times its own clock (a venue's active weeks, an event's step on
    its date), kept as those two factors for the venues the split uses and the events the plan
    takes: memory grows with what flows, not with every source, goal and week.
    """

    dates: list[dt.date]
    """Week boundaries from the plan's start."""
    goals: tuple[str, ...]
    """Goal ids, in the order of the G axis."""
    venues: int
    """Venues in the profile: the V axis."""
    events: int
    """Events in the profile: the E axis."""
    used: IndexArray
    """The venues the split gives hours (U,)."""
    venue_rate: FloatArray
    """(U, G) metric units each used venue adds per week of its full pace."""
    venue_weeks: FloatArray
    """(U, W + 1) weeks of its full pace each used venue has contributed by each boundary."""
    taken: IndexArray
    """The events the plan takes (T,)."""
    event_yield: FloatArray
    """(T, G) expected units each taken event adds on its date."""
    event_steps: FloatArray
    """(T, W + 1) 1 from each taken event's date on."""
    listening_hours: FloatArray
    """(V, W + 1) listening hours each venue has taken by each boundary."""
    contribution_hours: FloatArray
    """(V, W + 1) hours each venue's contributions have taken by each boundary."""
    contributions: FloatArray
    """(V, W + 1) effective contributions each venue has made by each boundary."""

    def venue_units(self, week: int) -> FloatArray:
        """(V, G) metric units each venue has added by boundary ``week`` (0 for those unused)."""
        units = np.zeros((self.venues, len(self.goals)))
        units[self.used] = self.venue_rate * self.venue_weeks[:, week, np.newaxis]
        return units

    def event_units(self, week: int) -> FloatArray:
        """(E, G) expected units each event has added by boundary ``week`` (0 for those not
        taken)."""
        units = np.zeros((self.events, len(self.goals)))
        units[self.taken] = self.event_yield * self.event_steps[:, week, np.newaxis]
        return units

    def path(self, goal: Goal, churn: float | None) -> FloatArray:
        """The goal's expected path: cumulative units, or the level of a churning stock."""
        g = self.goals.index(goal.id)
        sources = np.concatenate(
            (
                self.venue_rate[:, g, np.newaxis] * self.venue_weeks,
                self.event_yield[:, g, np.newaxis] * self.event_steps,
            )
        )
        # Exact sums, so that the order of the profile's lists changes no bit of the path.
        inflow = np.array([math.fsum(week) for week in sources.T])
        return inflow if churn is None else _stock(inflow, churn, goal.starting_level)


@dataclass(frozen=True, slots=True)
class _Layout:
    """One split of the week laid out on the grid: what expected paths and trials share."""

    phases: dict[int, tuple[float, float]]
    """Grid positions where each used venue's listening starts and ends."""
    listened: FloatArray
    """Listening hours each venue has done by each boundary: (V, W + 1)."""
    used: IndexArray
    """Venues the split gives hours."""
    taken: IndexArray
    event_dates: list[dt.date]
    worked: FloatArray
    """Weeks of its full hours each used venue has contributed, at each boundary: (V, W + 1)."""
    active: FloatArray
    """Weeks of its full pace each used venue has contributed, at each boundary: (V, W + 1)."""
    steps: FloatArray
    """1 from each taken event's date on: (E, W + 1)."""
    expected_rate: FloatArray
    """Expected units per split week, per used venue and goal: (V, G)."""
    expected_event: FloatArray
    """Expected units from each taken event, per goal: (E, G)."""
    paths: FloatArray
    """Each goal's expected level at each week boundary: (G, W + 1)."""


class Projector:
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
        self.model = model
        self.calendar = calendar
        self.curve = curve
        self.draws = draws
        self.seed = seed
        self.horizon_weeks = horizon_weeks
        self.means = model.means()
        self._gain = model.venue_gain_per_hour(self.means)
        self._ids = [venue.id for venue in model.venues]
        start = calendar.start
        self.dates = [start + dt.timedelta(weeks=week) for week in range(horizon_weeks + 1)]
        self.working = np.array([calendar.working_weeks(day) for day in self.dates])
        self._worked = np.diff(self.working)
        self._boundaries = np.array(self.dates, dtype="datetime64[D]")
        every = max(1, horizon_weeks // BAND_POINTS)
        self._band_weeks = np.unique(
            np.append(np.arange(0, horizon_weeks + 1, every), horizon_weeks)
        )
        self._loads: dict[tuple[int, float], FloatArray] = {}
        self._minimum: dict[int, float | None] = {}
        self._split_key: tuple[float, bytes] | None = None
        self._layouts: dict[tuple[tuple[float, bytes], tuple[int, ...]], _Layout] = {}
        self._lock = threading.Lock()

    def expected_outcomes(self, inputs: ProjectionInputs) -> tuple[FloatArray, FloatArray]:
        """Weeks until each goal's expected path reaches its target (inf: not in the horizon),
        and its expected level at the horizon: (G,) each.

        Cheap, without any draw: the planner weighs every taken event with them.
        """
        paths = self._layout(inputs).paths
        targets = np.array([goal.target for goal in self.model.goals])
        return _first_crossing(paths, targets), paths[:, -1]

    def expected_outcomes_without(
        self, inputs: ProjectionInputs, variants: Sequence[Mapping[int, float]]
    ) -> tuple[FloatArray, FloatArray]:
        """`expected_outcomes` of each variant of the plan's split, worked out together: the
        events it takes (some of the plan's), each with the listening it owes. (K, G) each.

        Each variant lays out every week of every venue: they go in groups whose layouts fit
        in `BLOCK_BYTES`, so memory stays bounded however many events the plan weighs."""
        goals = len(self.model.goals)
        layout = self._layout(inputs)
        base = {e: inputs.listening_owed.get(e, 0.0) for e in layout.taken.tolist()}
        load = self._load(base)
        per_group = rows_within(8 * len(self.dates) * len(inputs.hours), len(variants))
        groups = [
            self._outcomes_without(inputs, layout, base, load, variants[first : first + per_group])
            for first in range(0, len(variants), per_group)
        ]
        weeks = [np.zeros((0, goals))] + [group[0] for group in groups]
        reached = [np.zeros((0, goals))] + [group[1] for group in groups]
        return np.concatenate(weeks), np.concatenate(reached)

    def _outcomes_without(
        self,
        inputs: ProjectionInputs,
        layout: _Layout,
        base: Mapping[int, float],
        load: FloatArray,
        variants: Sequence[Mapping[int, float]],
    ) -> tuple[FloatArray, FloatArray]:
        """Each variant worked out from the plan's own ``layout`` of the events ``base``
        takes, whose hours by each boundary are ``load``: only the events a variant skips or
        that owe other listening in it change that load, and only those it skips take their
        yield from the goals' paths."""
        goals = len(self.model.goals)
        totals, split = self._split_of(
            inputs, [self._load_without(load, base, v) for v in variants]
        )
        _, ended = self._phases(inputs, totals, split)
        pace = self._active(inputs, layout.used, split, ended)[1]
        # The events' yields as the plan has them, less those of the events a variant skips.
        inflow = layout.expected_rate.T @ pace + layout.expected_event.T @ layout.steps
        for k, taken in enumerate(variants):
            skipped = [t not in taken for t in base]
            if any(skipped):
                inflow[k] -= layout.expected_event[skipped].T @ layout.steps[skipped]
        paths = self._churned_paths(inflow)
        targets = np.tile([goal.target for goal in self.model.goals], len(variants))
        weeks = _first_crossing(paths.reshape(len(variants) * goals, -1), targets)
        # A copy, not a view: a view would keep each group's whole paths alive until the
        # groups are joined, 125 MiB in the widest profile.
        return weeks.reshape(len(variants), goals), paths[:, :, -1].copy()

    def _load(self, taken: Mapping[int, float]) -> FloatArray:
        """Expected hours the events taken (with the listening each owes) have taken by
        each boundary, summed in the order of their ids."""
        load = np.zeros_like(self.working)
        for e in sorted(taken, key=lambda e: self.model.events[e][1].id):
            load += self._event_load(e, taken[e])
        return load

    def _load_without(
        self, load: FloatArray, base: Mapping[int, float], variant: Mapping[int, float]
    ) -> FloatArray:
        """The ``load`` of the events ``base`` takes, made that of ``variant``: the events
        it skips or that owe other listening in it are taken out and put back as it has them."""
        changed = {e: owed for e, owed in base.items() if variant.get(e) != owed}
        added = {e: owed for e, owed in variant.items() if base.get(e) != owed}
        if not changed and not added:
            return load
        return load - self._load(changed) + self._load(added)

    def _split_of(
        self, inputs: ProjectionInputs, loads: Sequence[FloatArray]
    ) -> tuple[FloatArray, FloatArray]:
        """Hours a week the split has in each week of the grid (K, W), and each venue's
        (K, W, V), once the events have taken their hours, ``loads`` (K, W + 1) by each
        boundary: the working weeks left to the split never fall.

        A week whose split loses hours to preparation is split again at the hours left, so
        the venues at the margin give way first.
        """
        left = np.maximum(self.working - np.array(loads) / inputs.hours_per_week, 0.0)
        kept = np.diff(np.maximum.accumulate(left, axis=1), axis=1)
        worked = np.broadcast_to(self._worked, kept.shape)
        totals = np.full(kept.shape, inputs.hours_per_week)
        split = np.tile(inputs.hours, (*kept.shape, 1))
        slowed = kept < worked
        if slowed.any():
            hours_left = inputs.hours_per_week * kept[slowed] / worked[slowed]
            totals[slowed] = hours_left
            split[slowed] = self.curve.hours(hours_left)
        return totals, split

    def _churned_paths(self, inflow: FloatArray) -> FloatArray:
        """The goals' paths from their cumulative inflow (K, G, W + 1), in place: a stock
        churns."""
        for g, goal in enumerate(self.model.goals):
            churn = self.model.profile.metric(goal.metric).churn_per_week
            if churn is not None:
                inflow[:, g] = _stock(inflow[:, g], churn, goal.starting_level)
        return inflow

    def expected_flows(self, inputs: ProjectionInputs) -> ExpectedFlows:
        """Expected units of every goal's metric by venue and by event, at each week boundary."""
        layout = self._layout(inputs)
        venues, weeks = len(self.model.venues), len(self.dates)
        contribution_hours = np.zeros((venues, weeks))
        contribution_hours[layout.used] = inputs.hours[layout.used, None] * layout.worked
        contributions = np.zeros((venues, weeks))
        pace = self.model.venue_contributions(self.means, inputs.hours[layout.used], layout.used)
        contributions[layout.used] = pace[:, None] * layout.active
        return ExpectedFlows(
            dates=self.dates,
            goals=tuple(goal.id for goal in self.model.goals),
            venues=venues,
            events=len(self.model.events),
            used=layout.used,
            venue_rate=layout.expected_rate,
            venue_weeks=layout.active,
            taken=layout.taken,
            event_yield=layout.expected_event,
            event_steps=layout.steps,
            listening_hours=layout.listened,
            contribution_hours=contribution_hours,
            contributions=contributions,
        )

    def phase_dates(self, inputs: ProjectionInputs) -> list[tuple[dt.date | None, dt.date | None]]:
        """When each venue's listening starts and ends (None: left out, or past the horizon).

        They come from the projection's own phase-in, so a venue's first counted contribution
        falls on its "active from" date.
        """
        phases = self._layout(inputs).phases
        return [
            (self._position_date(phases[v][0]), self._position_date(phases[v][1]))
            if v in phases
            else (None, None)
            for v in range(len(self.model.venues))
        ]

    def _position_date(self, position: float) -> dt.date | None:
        """The date of a position on the grid: a boundary's index, with a fraction of the week
        after it; past the last boundary, working weeks beyond it."""
        if not math.isfinite(position):
            return None
        last = len(self.working) - 1
        if position >= last:
            working = float(self.working[-1]) + position - last
        else:
            week = int(position)
            working = float(
                self.working[week]
                + (position - week) * (self.working[week + 1] - self.working[week])
            )
        return self.calendar.date_after(working)

    def _weekly(
        self, inputs: ProjectionInputs, variants: Sequence[Mapping[int, float]]
    ) -> tuple[FloatArray, FloatArray]:
        """Hours a week the split has in each week of the grid (K, W), and each venue's
        (K, W, V), for each of K sets of taken events (with the listening each owes)."""
        return self._split_of(inputs, [self._load(taken) for taken in variants])

    def _phases(
        self,
        inputs: ProjectionInputs,
        totals: FloatArray,
        split: FloatArray,
        *,
        listened: FloatArray | None = None,
    ) -> tuple[FloatArray, FloatArray]:
        """Grid positions where each venue the split uses starts and ends its listening, for
        each of the K weekly splits: (K, V) each, NaN for venues left out.

        Venues listen one after another in `listening.phase_in`'s order, each with the hours
        of the week that the venues already active leave free (inf: never). Given
        ``listened`` (K, V, W + 1), it is filled with the listening hours each venue has done
        by each boundary, the hours its costs count.
        """
        variants, venues = len(totals), len(inputs.hours)
        begun = np.full((variants, venues), np.nan)
        ended = np.full((variants, venues), np.nan)
        ahead = np.zeros_like(totals)
        free_later = inputs.hours_per_week
        position = np.zeros(variants)
        used = np.flatnonzero(inputs.hours > 0).tolist()
        for v in sorted(used, key=lambda v: (-self._gain[v], self._ids[v])):
            begun[:, v] = position
            listening = self.model.venues[v].listening_hours
            if listening > 0.0:
                free = np.maximum(totals - ahead, 0.0) * self._worked
                done = _reach(free, position, listening, free_later)
                if listened is not None:
                    listened[:, v] = _worked_by(free, position, done, listening)
                position = done
            ended[:, v] = position
            ahead += split[:, :, v]
            free_later -= inputs.hours[v]
        return begun, ended

    def _active(
        self, inputs: ProjectionInputs, venues: IndexArray, split: FloatArray, ended: FloatArray
    ) -> FloatArray:
        """Weeks of its full hours, and of its full pace, each of ``venues`` has contributed
        by each boundary once its listening is done, for each of the K weekly splits:
        (2, K, V, W + 1).

        A week counts for the share of its hours, and of its expected contributions, the
        venue keeps in it; weeks before any preparation count exactly as working weeks.
        """
        hours = split[:, :, venues]
        full = inputs.hours[venues]
        pace = self.model.venue_contributions(self.means, hours, venues)
        shares = np.stack(
            (hours / full, pace / self.model.venue_contributions(self.means, full, venues))
        )
        lost = np.cumsum(self._worked[:, np.newaxis] * (1.0 - shares), axis=2)
        start = np.zeros((*lost.shape[:2], 1, len(venues)))
        clocks = (self.working[:, np.newaxis] - np.concatenate((start, lost), axis=2)).transpose(
            0, 1, 3, 2
        )
        # Each clock's reading when the venue's listening ends.
        last = len(self.working) - 1
        ends = ended[:, venues]
        within = ends < last
        week = np.where(within, ends, 0.0).astype(np.intp)
        fraction = np.where(within, ends - week, 0.0)
        before = np.take_along_axis(clocks, week[np.newaxis, :, :, np.newaxis], axis=3)[..., 0]
        after = np.take_along_axis(
            clocks, np.minimum(week + 1, last)[np.newaxis, :, :, np.newaxis], axis=3
        )[..., 0]
        started = np.where(within, before + fraction * (after - before), np.inf)
        active: FloatArray = np.maximum(clocks - started[..., np.newaxis], 0.0)
        return active

    def _paths(
        self,
        expected_rate: FloatArray,
        active: FloatArray,
        expected_event: FloatArray,
        steps: FloatArray,
        taken: FloatArray,
    ) -> FloatArray:
        """Each goal's expected level at each week boundary, (K, G, W + 1), from the venues'
        active weeks (K, V, W + 1) and the events ``taken`` (K, E) in each variant."""
        from_events = (taken[:, :, np.newaxis] * expected_event).transpose(0, 2, 1) @ steps
        return self._churned_paths(expected_rate.T @ active + from_events)

    def _layout(self, inputs: ProjectionInputs) -> _Layout:
        """The layout of ``inputs``, kept while the hours stay the same: the planner weighs
        the taken events, then projects and dates the same split.

        Keyed by the split as well as the events, and read and kept under a lock, so that
        threads sharing a planner never see each other's split; at worst one of them lays
        out again what another has just dropped.
        """
        split = (inputs.hours_per_week, inputs.hours.tobytes())
        key = (split, tuple(sorted(inputs.taken_events)))
        with self._lock:
            found = self._layouts.get(key)
        if found is None:
            found = self._new_layout(inputs)
            with self._lock:
                if split != self._split_key:
                    self._split_key, self._layouts = split, {}
                self._layouts[key] = found
        return found

    def _new_layout(self, inputs: ProjectionInputs) -> _Layout:
        model, means = self.model, self.means
        # Only venues the split gives hours add anything: the others are neither drawn nor used.
        # Sums run in the order of ids, so the order of the profile's lists changes no bit.
        venues = np.flatnonzero(inputs.hours > 0).tolist()
        used = np.array(sorted(venues, key=lambda v: model.venues[v].id), dtype=np.intp)
        events = sorted(inputs.taken_events, key=lambda e: model.events[e][1].id)
        taken = np.array(events, dtype=np.intp)
        event_dates = [model.events[e][1].date for e in events]
        totals, split = self._weekly(
            inputs, [{e: inputs.listening_owed.get(e, 0.0) for e in events}]
        )
        listened = np.zeros((1, len(model.venues), len(self.dates)))
        begun, ended = self._phases(inputs, totals, split, listened=listened)
        active = self._active(inputs, used, split, ended)[:, 0]
        steps = (
            np.array(event_dates, dtype="datetime64[D]").reshape(-1, 1) <= self._boundaries
        ).astype(np.float64)
        expected_rate = _rates(model, means[np.newaxis, :], inputs.hours, used)[0]
        expected_event = (
            means[model.event_yield[taken]]
            * model.event_relevance[taken]
            * means[model.event_acceptance[taken]][:, None]
        )
        every = np.ones((1, len(events)))
        return _Layout(
            phases={v: (float(begun[0, v]), float(ended[0, v])) for v in venues},
            listened=listened[0],
            used=used,
            taken=taken,
            event_dates=event_dates,
            worked=active[0],
            active=active[1],
            steps=steps,
            expected_rate=expected_rate,
            expected_event=expected_event,
            paths=self._paths(expected_rate, active[1][np.newaxis], expected_event, steps, every)[
                0
            ],
        )

    def project(self, inputs: ProjectionInputs, goals: Sequence[int] | None = None) -> Projections:
        """Every goal's projection (or those of ``goals``, by index) for one split of the week.

        Trials go through in blocks of `BLOCK_TRIALS`, so memory grows with the profile and not
        with the trials.
        """
        model, trials = self.model, self.draws.trials
        layout = self._layout(inputs)
        used, taken = layout.used, layout.taken
        columns = np.concatenate(
            [
                model.venue_effort[used],
                model.venue_yield[used].ravel(),
                model.event_yield[taken].ravel(),
                model.event_acceptance[taken],
            ]
        )
        sources = np.concatenate((layout.active, layout.steps))  # (V + E, W + 1)
        chosen = list(range(len(model.goals)) if goals is None else goals)
        # Every trial's weeks are kept for the quantiles: goals go in groups whose weeks fit
        # in REACHED_BYTES, and each group reads the draws once.
        per_group = max(1, REACHED_BYTES // (8 * trials))
        trial_results: list[tuple[FloatArray, FloatArray]] = []
        for first in range(0, len(chosen), per_group):
            group = chosen[first : first + per_group]
            trial_results += self._trials(group, inputs, layout, columns, sources)
        projected = []
        for g, (reached, levels) in zip(chosen, trial_results, strict=True):
            goal = model.goals[g]
            churn = model.profile.metric(goal.metric).churn_per_week
            band = _percentiles(levels.T, (0.1, 0.5, 0.9))
            expected = layout.paths[g]
            progress = Progress(
                dates=tuple(self.dates[week] for week in self._band_weeks),
                expected=tuple(expected[self._band_weeks].tolist()),
                low=tuple(band[0].tolist()),
                median=tuple(band[1].tolist()),
                high=tuple(band[2].tolist()),
            )
            served = float(layout.expected_rate[:, g].sum() + layout.expected_event[:, g].sum())
            projected.append(
                _goal_projection(
                    goal,
                    self.dates,
                    expected,
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
                )
            )
        return Projections(
            goals=tuple(projected), horizon_weeks=self.horizon_weeks, trials=trials, seed=self.seed
        )

    def _trials(
        self,
        goals: Sequence[int],
        inputs: ProjectionInputs,
        layout: _Layout,
        columns: IndexArray,
        sources: FloatArray,
    ) -> list[tuple[FloatArray, FloatArray]]:
        """For each of ``goals``, every trial's weeks until it is reached, (T,), and the band's
        levels of the first `BAND_TRIALS` trials, read block by block of trials."""
        model, trials, rows = self.model, self.draws.trials, BLOCK_TRIALS
        used, taken = layout.used, layout.taken
        luck = in_blocks(
            [stream(self.seed, "acceptance", model.events[e][1].id).random for e in taken.tolist()],
            trials,
            rows,
        )
        weekly_sources = np.diff(sources, axis=1, prepend=0.0)
        reaching = [_Reaching(self, g, sources, weekly_sources) for g in goals]
        # Each trial's units per unit of every source (venues' active weeks, events' steps):
        # one product with the sources' paths makes a goal's paths. A short last block is
        # padded with zeros to the full block's shape, which fixes every trial's arithmetic:
        # a matrix product's sums run in an order its shape decides.
        units = np.zeros((rows, len(sources)))
        first = 0
        for values, lucky in zip(self.draws.blocks(columns, rows), luck, strict=True):
            count = len(values)
            contributions = model.venue_contributions(values, inputs.hours[used], used)
            accepted = values[:, model.event_acceptance[taken]] > lucky
            units[count:] = 0.0
            for goal in reaching:
                g = goal.index
                venue_yield = values[:, model.venue_yield[used, g]] * model.venue_relevance[used, g]
                event_yield = (
                    values[:, model.event_yield[taken, g]] * model.event_relevance[taken, g]
                )
                units[:count, : len(used)] = contributions * venue_yield
                units[:count, len(used) :] = accepted * event_yield
                goal.add(units, first, count)
            first += count
        return [goal.result() for goal in reaching]

    def _event_load(self, event: int, listening: float) -> FloatArray:
        """Expected hours an event's jobs have taken by each boundary, each spread evenly over
        the working weeks of its window; work that hangs on acceptance, times its chance."""
        key = (event, listening)
        if key not in self._loads:
            load = np.zeros_like(self.working)
            chance = float(self.means[self.model.event_acceptance[event]])
            preparation = float(self.means[self.model.event_preparation[event]])
            jobs = event_jobs(self.model.events[event][1], preparation, listening, self.dates[0])
            for job in jobs:
                opened = self.calendar.working_weeks(job.release)
                span = max(self.calendar.working_weeks(job.due) - opened, 1e-9)
                hours = job.expected_hours(chance)
                load += hours * np.clip((self.working - opened) / span, 0.0, 1.0)
            self._loads[key] = load
        return self._loads[key]

    def _minimum_hours(self, g: int, churn: float) -> float | None:
        if g not in self._minimum:
            target = self.model.goals[g].target
            self._minimum[g] = _minimum_hours(self.model, g, churn, target, self.curve)
        return self._minimum[g]


class _Reaching:
    """One goal's trials as the blocks go by: the week each reaches the target, and the
    levels of the first `BAND_TRIALS` at the band's weeks."""

    def __init__(
        self, projector: Projector, g: int, sources: FloatArray, weekly_sources: FloatArray
    ) -> None:
        goal = projector.model.goals[g]
        trials = projector.draws.trials
        self.index = g
        self.goal = goal
        self.churn = projector.model.profile.metric(goal.metric).churn_per_week
        self.sources = sources
        self.weekly_sources = weekly_sources
        self.band_weeks = projector._band_weeks
        self.band_stream = stream(projector.seed, "band", goal.id)
        # Gamma(k, 1) draws: the expected count at which the k-th outcome arrives.
        outcomes = math.ceil(goal.target - 1e-9)
        rng = stream(projector.seed, "goal", goal.id)
        self.thresholds = functools.partial(rng.gamma, outcomes, 1.0)
        self.reached = np.empty(trials)
        self.band: list[FloatArray] = []

    def add(self, units: FloatArray, first: int, count: int) -> None:
        """Take the next ``count`` trials, the first rows of ``units`` (rows, sources)."""
        if self.churn is None:
            inflow = (units @ self.sources)[:count]
            crossed = _first_crossing(inflow, np.asarray(self.thresholds(count), np.float64))
            levels = inflow[:, self.band_weeks]
        else:
            # Weekly arrivals, week-major. Each trial follows its expected recurrence,
            # without count noise: a stock that touches its target for one lucky week and
            # falls back has not reached it. The spread comes from the estimates and
            # acceptance.
            arrivals = (self.weekly_sources.T @ units.T)[:, :count]
            stocks = _churned(arrivals, self.churn, self.goal.starting_level)
            crossed = _first_crossing(stocks.T, np.full(count, self.goal.target))
            levels = stocks[self.band_weeks].T
        self.reached[first : first + count] = crossed
        if first < BAND_TRIALS:
            self.band.append(levels[: BAND_TRIALS - first])

    def result(self) -> tuple[FloatArray, FloatArray]:
        """Every trial's weeks to the target, and the band's levels: counts of a counted
        metric have their Poisson noise."""
        levels = np.concatenate(self.band)
        if self.churn is None:
            levels = _counts(levels, self.band_stream)
        return self.reached, levels


def _rates(
    model: RateModel, values: FloatArray, hours: FloatArray, venues: IndexArray | None = None
) -> FloatArray:
    """Metric units per working week from each venue (or those indexed) for each goal.

    Effective contributions per week follow the concave response: the natural cadence times
    ``1 - exp(-h / s)``, which is ``h / effort`` while hours are well below saturation.
    """
    chosen = np.arange(len(model.venues)) if venues is None else venues
    contributions = model.venue_contributions(values, hours[chosen], chosen)
    yields = values[..., model.venue_yield[chosen]] * model.venue_relevance[chosen]
    rates: FloatArray = contributions[..., np.newaxis] * yields
    return rates


def _reach(free: FloatArray, position: FloatArray, hours: float, free_later: float) -> FloatArray:
    """For each row of ``free`` (K, W), hours free in each week of the grid: the position by
    which ``hours`` have been worked from ``position`` (K,); past the grid, at ``free_later``
    hours a working week; inf when never."""
    variants, weeks = free.shape
    rows = np.arange(variants)
    cumulative, begun = _free_hours(free, position, free_later)
    target = begun + hours
    # The first boundary where the cumulative hours reach the target (they never fall).
    after = np.minimum((cumulative < target[:, np.newaxis]).sum(axis=1), weeks)
    last = np.maximum(after - 1, 0)
    step = free[rows, last]
    inside_target = (target - cumulative[rows, last]) / np.where(step > 0.0, step, 1.0)
    beyond = target > cumulative[:, -1]
    later = (target - cumulative[:, -1]) / free_later if free_later > 0 else np.inf
    reached = np.where(beyond, weeks + later, last + inside_target)
    return np.where(np.isfinite(position), reached, np.inf)


def _worked_by(free: FloatArray, begun: FloatArray, done: FloatArray, hours: float) -> FloatArray:
    """Hours of a job worked by each boundary of the grid, (K, W + 1), when it takes all of
    ``free`` from position ``begun`` until position ``done``, where its ``hours`` are done."""
    cumulative, start = _free_hours(free, begun, 0.0)
    worked = np.clip(cumulative - start[:, np.newaxis], 0.0, hours)
    finished = np.arange(free.shape[1] + 1) >= done[:, np.newaxis]
    return np.where(finished, hours, worked)


def _free_hours(
    free: FloatArray, position: FloatArray, free_later: float
) -> tuple[FloatArray, FloatArray]:
    """The free hours summed to each boundary (K, W + 1), and their sum at ``position`` (K,):
    within a week, at its even pace; past the grid, at ``free_later`` a working week."""
    variants, weeks = free.shape
    rows = np.arange(variants)
    cumulative = np.concatenate((np.zeros((variants, 1)), np.cumsum(free, axis=1)), axis=1)
    finite = np.isfinite(position)
    inside = position < weeks
    week = np.where(inside, position, 0.0).astype(np.intp)
    at = np.where(
        inside,
        cumulative[rows, week] + (position - week) * free[rows, np.minimum(week, weeks - 1)],
        cumulative[:, -1] + np.where(finite, position - weeks, 0.0) * free_later,
    )
    return cumulative, at


def _counts(means: FloatArray, rng: np.random.Generator) -> FloatArray:
    """Poisson counts of the given means, drawn by the inverse of their law.

    Means of 10 or more use the Cornish-Fisher expansion of the Poisson quantile,
    ``m + z sqrt(m) + (z^2 - 1) / 6`` rounded, whose P10, P50 and P90 match the exact ones: a
    normal draw costs far less than a Poisson one. Smaller means are drawn exactly.
    """
    counts = np.empty_like(means)
    large = means >= 10.0
    counts[~large] = rng.poisson(means[~large])
    mean = means[large]
    z = rng.standard_normal(mean.shape)
    counts[large] = np.maximum(np.floor(mean + z * np.sqrt(mean) + (z * z - 1.0) / 6.0 + 0.5), 0)
    return counts


def _goal_projection(
    goal: Goal,
    dates: list[dt.date],
    expected: FloatArray,
    reached: FloatArray,
    minimum: float | None,
    churn: float | None,
    served: bool,
    inputs: ProjectionInputs,
    event_dates: list[dt.date],
    progress: Progress,
) -> GoalProjection:
    expected_weeks = _first_crossing(expected[np.newaxis, :], np.array([goal.target]))[0]
    p50, p80, p95 = _quantiles(reached, (0.5, 0.8, 0.95))
    start = dates[0]
    deadline_weeks = (goal.deadline - start).days / 7.0 if goal.deadline else None
    binding, explanation = _binding(
        goal, served, expected, expected_weeks, churn, minimum, dates, event_dates, inputs
    )
    return GoalProjection(
        goal=goal.id,
        target=goal.target,
        expected_weeks=None if math.isinf(expected_weeks) else expected_weeks,
        expected_date=_date(start, expected_weeks),
        p50=_date(start, p50),
        p80=_date(start, p80),
        p95=_date(start, p95),
        deadline=goal.deadline,
        chance_by_deadline=(
            float(np.mean(reached <= deadline_weeks)) if deadline_weeks is not None else None
        ),
        chance_within_horizon=float(np.mean(np.isfinite(reached))),
        expected_at_horizon=float(expected[-1]),
        minimum_hours_per_week=minimum,
        binding=binding,
        explanation=explanation,
        progress=progress,
    )


def _first_crossing(paths: FloatArray, levels: FloatArray) -> FloatArray:
    """Weeks until each path first reaches its level, interpolated in the week; inf if never."""
    hit = paths >= levels[:, np.newaxis]
    week = hit.argmax(axis=1)
    ever = hit[np.arange(len(week)), week]
    before = paths[np.arange(len(week)), np.maximum(week - 1, 0)]
    after = paths[np.arange(len(week)), week]
    rise = np.where(after > before, after - before, 1.0)
    fraction = np.clip((levels - before) / rise, 0.0, 1.0)
    crossing = np.where(week == 0, 0.0, week - 1 + fraction)
    result: FloatArray = np.where(ever, crossing, np.inf)
    return result


def _stock(cumulative_inflow: FloatArray, churn: float, starting_level: float = 0.0) -> FloatArray:
    """The expected stock at each week boundary of each path (the last axis): each week loses
    ``churn`` of what it holds.

    The recurrence of `_churned` in closed form, ``s[t] = kept**t (s[0] / kept + sum over
    i <= t of a[i] / kept**i)``: one cumulative sum instead of a loop over weeks, for the few
    paths the planner asks for many times. The terms are all positive, so the sum loses no
    precision to cancellation; the weeks go in blocks short enough that ``1 / kept**i`` stays
    below 1e100, which is the whole horizon unless nearly everything churns.
    """
    arrivals = np.diff(cumulative_inflow, axis=-1, prepend=0.0)
    kept = 1.0 - churn
    weeks = arrivals.shape[-1]
    # 1 / kept**block stays below 1e100; log1p keeps a churn too small to change kept exact,
    # and a churn so small that the span overflows to infinity makes the horizon one block.
    span = 100.0 * math.log(10.0) / -math.log1p(-churn)
    block = max(1, int(min(float(weeks), span)))
    stock = np.empty_like(arrivals)
    level = np.full(arrivals.shape[:-1], starting_level / kept)
    for first in range(0, weeks, block):
        part = arrivals[..., first : first + block]
        powers = kept ** np.arange(part.shape[-1], dtype=np.float64)
        levels = powers * (kept * level[..., np.newaxis] + np.cumsum(part / powers, axis=-1))
        stock[..., first : first + part.shape[-1]] = levels
        level = levels[..., -1]
    return stock


def _churned(arrivals: FloatArray, churn: float, starting_level: float = 0.0) -> FloatArray:
    """The stock after each week, (weeks, trials), from its starting level:
    ``s[t] = kept s[t-1] + a[t]``.

    A loop over weeks, each step vectorised over the trials: with many trials it is faster
    than the closed form of `_stock`, whose temporaries outgrow the caches.
    """
    stock = np.empty_like(arrivals)
    kept = 1.0 - churn
    # Divided by what a week keeps, so that the stock at the start is the starting level.
    level = np.full(arrivals.shape[1], starting_level / kept)
    for week, arriving in enumerate(arrivals):
        level = kept * level + arriving
        stock[week] = level
    return stock


def _minimum_hours(
    model: RateModel,
    g: int,
    churn: float,
    target: float,
    curve: SplitCurve,
) -> float | None:
    """The least hours per week whose steady state holds the stock at its target; None if 168
    hours a week cannot."""
    means = model.means()[np.newaxis, :]

    def plateau(total: float) -> float:
        inflow = float(_rates(model, means, curve.hours(total))[0, :, g].sum())
        return inflow / churn

    if plateau(168.0) < target:
        return None
    # Below the venues' minimum hours there is no split to speak of.
    low = model.committed_hours
    if low > 0.0 and plateau(low) >= target:
        return low
    high = 168.0
    while high - low > 1e-6 * high:
        middle = (low + high) / 2
        if middle in (low, high):  # no float lies between: among subnormals 1e-6 never comes
            break
        low, high = (low, middle) if plateau(middle) >= target else (middle, high)
    return high


def _percentiles(samples: FloatArray, levels: tuple[float, ...]) -> FloatArray:
    """Percentiles of each row, as order statistics (the lower one between two): (levels, rows).

    One partial sort per row finds them all, much faster than ``np.percentile`` across rows.
    """
    ranks = [int(level * (samples.shape[1] - 1)) for level in levels]
    ordered = np.partition(np.ascontiguousarray(samples), ranks, axis=1)
    result: FloatArray = ordered[:, ranks].T
    return result


def _quantiles(weeks: FloatArray, levels: tuple[float, ...]) -> list[float]:
    """Quantiles of the trials' weeks, as order statistics: one partition finds them all."""
    quantiles: list[float] = np.quantile(weeks, levels, method="inverted_cdf").tolist()
    return quantiles


def _date(start: dt.date, weeks: float) -> dt.date | None:
    if not math.isfinite(weeks):
        return None
    return start + dt.timedelta(days=round(weeks * 7.0))


def _binding(
    goal: Goal,
    served: bool,
    expected: FloatArray,
    expected_weeks: float,
    churn: float | None,
    minimum: float | None,
    dates: list[dt.date],
    event_dates: list[dt.date],
    inputs: ProjectionInputs,
) -> tuple[Binding, str]:
    if not expected[-1] > 0.0:
        if served:
            return Binding.HOURS, (
                "nothing the plan uses starts yielding within the horizon: listening takes too "
                "long at these hours; more hours a week bring it closer"
            )
        return Binding.NOTHING, "no venue or event the plan uses yields this goal's metric"
    if churn is not None and (minimum is None or minimum > float(inputs.hours.sum()) + 1e-9):
        plateau = (
            "it would need more than 168 h/week"
            if minimum is None
            else (f"it needs at least {minimum:.2f} h/week")
        )
        return Binding.CHURN, (
            f"the stock levels off near {expected[-1]:,.0f}, below the target of "
            f"{goal.target:,.0f}, because {churn:.1%} of it churns each week; {plateau}"
        )
    if math.isfinite(expected_weeks):
        week = min(math.ceil(expected_weeks), len(dates) - 1)
        window = (dates[max(week - 1, 0)], dates[week])
        if any(window[0] < day <= window[1] for day in event_dates):
            return Binding.EVENT, "the target is crossed on an event's date"
        return Binding.HOURS, "hours bound it: more hours a week bring it closer"
    return Binding.HOURS, (
        f"at this pace it reaches {expected[-1]:,.1f} of {goal.target:,.0f} within the horizon; "
        "more hours a week bring it closer"
    )
