"""The expected side of a projection: the weeks' layout of a split, the phase dates, the
expected outcomes with and without an event: what the event choice weighs, without trials."""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections.abc import Mapping, Sequence

import numpy as np

from eminence.planning.allocation import SplitCurve
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.events import ProjectionInputs, event_jobs
from eminence.planning.held import levels_against_targets
from eminence.planning.projection.layout import _Layout
from eminence.planning.projection.pace import useful_hours
from eminence.planning.projection.paths import (
    FloatArray,
    IndexArray,
    _first_crossing,
    _rates,
    _reach,
    _stock,
)
from eminence.planning.rates import RateModel
from eminence.planning.uncertainty import Draws, rows_within

BAND_POINTS = 40
"""About this many dates in each goal's band of progress: enough for a smooth chart."""


class ExpectedProjection:
    """The part of a projection without trials: the grid of working weeks, the layout of a
    split on it, the phase dates and the expected outcomes that the event choice weighs."""

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
        self._boundaries, self.working = calendar.weekly_grid(horizon_weeks)
        self.dates: list[dt.date] = self._boundaries.tolist()
        self._worked = np.diff(self.working)
        self.useful_hours = useful_hours(model, curve, self.means)
        every = max(1, horizon_weeks // BAND_POINTS)
        self.band_weeks = np.unique(
            np.append(np.arange(0, horizon_weeks + 1, every), horizon_weeks)
        )
        self._loads: dict[tuple[int, float], FloatArray] = {}
        self._minimum: dict[int, float | None] = {}
        self._split_key: tuple[float, bytes] | None = None
        self._layouts: dict[tuple[tuple[float, bytes], tuple[tuple[int, float], ...]], _Layout] = {}
        self._lock = threading.Lock()

    def expected_outcomes(self, inputs: ProjectionInputs) -> tuple[FloatArray, FloatArray]:
        """Weeks until each goal's expected path reaches its target (inf: not in the horizon),
        and its expected level at the horizon: (G,) each.

        Cheap, without any draw: the planner weighs every taken event with them.
        """
        paths = levels_against_targets(self.model.goals, self._layout(inputs).paths)
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
        pace = self._active(inputs, layout.used, split, ended)
        # The events' yields as the plan has them, less those of the events a variant skips.
        inflow = layout.expected_rate.T @ pace + layout.expected_event.T @ layout.steps
        for k, taken in enumerate(variants):
            skipped = [t not in taken for t in base]
            if any(skipped):
                inflow[k] -= layout.expected_event[skipped].T @ layout.steps[skipped]
        paths = levels_against_targets(self.model.goals, self._churned_paths(inflow))
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
            churn = self.model.churn(g)
            if churn is not None:
                inflow[:, g] = _stock(inflow[:, g], churn, goal.starting_level)
        return inflow

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
        self, inputs: ProjectionInputs, totals: FloatArray, split: FloatArray
    ) -> tuple[FloatArray, FloatArray]:
        """Grid positions where each venue the split uses starts and ends its listening, for
        each of the K weekly splits: (K, V) each, NaN for venues left out.

        Venues listen one after another in `listening.phase_in`'s order, each with the hours
        of the week that the venues already active leave free (inf: never).
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
                position = _reach(free, position, listening, free_later)
            ended[:, v] = position
            ahead += split[:, :, v]
            free_later -= inputs.hours[v]
        return begun, ended

    def _active(
        self, inputs: ProjectionInputs, venues: IndexArray, split: FloatArray, ended: FloatArray
    ) -> FloatArray:
        """Weeks of its full pace each of ``venues`` has contributed by each boundary once its
        listening is done, for each of the K weekly splits: (K, V, W + 1).

        A week counts for the share of its expected contributions the venue keeps in it;
        weeks before any preparation count exactly as working weeks.
        """
        hours = split[:, :, venues]
        full = inputs.hours[venues]
        pace = self.model.venue_contributions(self.means, hours, venues)
        shares = pace / self.model.venue_contributions(self.means, full, venues)
        lost = np.cumsum(self._worked[:, np.newaxis] * (1.0 - shares), axis=1)
        start = np.zeros((lost.shape[0], 1, len(venues)))
        clocks = (self.working[:, np.newaxis] - np.concatenate((start, lost), axis=1)).transpose(
            0, 2, 1
        )
        # Each clock's reading when the venue's listening ends.
        last = len(self.working) - 1
        ends = ended[:, venues]
        within = ends < last
        week = np.where(within, ends, 0.0).astype(np.intp)
        fraction = np.where(within, ends - week, 0.0)
        before = np.take_along_axis(clocks, week[:, :, np.newaxis], axis=2)[..., 0]
        after = np.take_along_axis(clocks, np.minimum(week + 1, last)[:, :, np.newaxis], axis=2)[
            ..., 0
        ]
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

        Keyed by the split as well as the events and the listening each owes (the same events
        owing other listening load other weeks), and read and kept under a lock, so that
        threads sharing a planner never see each other's split; at worst one of them lays
        out again what another has just dropped.
        """
        split = (inputs.hours_per_week, inputs.hours.tobytes())
        owed = inputs.listening_owed
        key = (split, tuple(sorted((e, owed.get(e, 0.0)) for e in inputs.taken_events)))
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
        begun, ended = self._phases(inputs, totals, split)
        active = self._active(inputs, used, split, ended)[0]
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
            used=used,
            taken=taken,
            event_dates=event_dates,
            active=active,
            steps=steps,
            expected_rate=expected_rate,
            expected_event=expected_event,
            paths=self._paths(expected_rate, active[np.newaxis], expected_event, steps, every)[0],
        )

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
