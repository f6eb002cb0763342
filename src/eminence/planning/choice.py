"""Choose the events: take each one worth its hours, in rounds, until the dates settle.

The split of the weekly hours is made at the mean rates; this stage weighs every event
against it, dates each venue's listening, and refuses an event whose preparation would only
delay goals. Whether an event is worth it depends on the dates the projection gives the
split with it and without it, so the planner hands this stage its projector, seen here only
as the `Outcomes` it answers: the stage never imports a later one.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from eminence.model import Event
from eminence.model import _figures as figures
from eminence.planning.allocation import Split, SplitCurve
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.events import (
    Decision,
    EventCandidate,
    EventChooser,
    EventWindows,
    ProjectionInputs,
)
from eminence.planning.events.fees import cost_weeks, money_per_year, paid_for
from eminence.planning.listening import phase_in
from eminence.planning.rates import RateModel
from eminence.planning.response import marginal_response, response
from eminence.planning.results import Allocation, Bound, EventChoice, VenueHours

__all__ = ("Outcomes", "Settled", "choose", "settle")

FloatArray = NDArray[np.float64]


class Outcomes(Protocol):
    """What the choice asks of the projection: the split's curve, dates and outcomes."""

    @property
    def curve(self) -> SplitCurve:
        """The best split of any hours per week."""
        ...

    @property
    def dates(self) -> list[dt.date]:
        """The boundaries of the projection's weekly grid, from the plan's start."""
        ...

    def phase_dates(self, inputs: ProjectionInputs) -> list[tuple[dt.date | None, dt.date | None]]:
        """When each venue's listening starts and when it is done."""
        ...

    def expected_outcomes(self, inputs: ProjectionInputs) -> tuple[FloatArray, FloatArray]:
        """The expected weeks to each goal, and the level each reaches within the horizon."""
        ...

    def expected_outcomes_without(
        self, inputs: ProjectionInputs, variants: Sequence[Mapping[int, float]]
    ) -> tuple[FloatArray, FloatArray]:
        """As `expected_outcomes`, for each variant of the events taken."""
        ...


@dataclass(frozen=True)
class Settled:
    """The events chosen for a split, and what the allocation says of them: the rounds'
    outcome, before any of it is written up."""

    inputs: ProjectionInputs
    split: Split
    dates: list[tuple[dt.date | None, dt.date | None]]
    candidates: list[EventCandidate]
    decisions: Mapping[str, Decision]
    trades: Mapping[int, tuple[tuple[str, ...], str]]
    money_left: float
    """The money budget's first year that the split and the taken events leave (inf without
    a budget)."""


def choose(
    model: RateModel, calendar: WorkingCalendar, projector: Outcomes, total: float
) -> tuple[Allocation, ProjectionInputs]:
    """The allocation of ``total`` hours a week, and what the projection needs of it."""
    settled = settle(model, calendar, projector, total)
    return _allocation(model, projector, settled), settled.inputs


def settle(
    model: RateModel, calendar: WorkingCalendar, projector: Outcomes, total: float
) -> Settled:
    """Split ``total`` hours a week and choose the events, in rounds until the dates settle:
    all the projection needs, which the hours search of `reach` asks at many hours."""
    means = model.means()
    gain = model.venue_gain_per_hour(means)
    split = projector.curve.split(total)
    hours = np.asarray(split.hours)
    starts = phase_in(
        [venue.id for venue in model.venues],
        hours.tolist(),
        gain.tolist(),
        [venue.listening_hours for venue in model.venues],
        total,
        calendar,
    )
    # Whether an event owes its venue's listening is first judged on working weeks; where the
    # events then push a venue's listening past a taken event's proposal, on the projection's
    # dates. An event that would make some goal later and none sooner is refused. Either way
    # the events are chosen again: each round settles one more venue, or refuses every event
    # found to only delay.
    active_from: dict[str, dt.date | None] = {
        venue.id: start.active_from for venue, start in zip(model.venues, starts, strict=True)
    }
    refused: dict[str, str] = {}
    candidates = _candidates(model, means)
    split_margin = split.marginal_progress_per_hour
    chooser = EventChooser(candidates, EventWindows(candidates, calendar, total), split_margin)
    index = {candidate.event.id: e for e, candidate in enumerate(candidates)}
    budget = projector.curve.budget
    # The money the split leaves pays the events' fees; without a budget, every fee is paid.
    leftover_money = (
        math.inf
        if budget is None
        else max(
            (model.profile.capacity.money_per_year or 0.0) - money_per_year(budget, hours), 0.0
        )
    )
    # The events' fees count in the first year as the costs count it.
    until = calendar.start + dt.timedelta(weeks=cost_weeks(len(projector.dates) - 1))
    rounds = 2 * len(model.events) + len(model.venues) + 1
    for round_ in range(rounds):
        taken, money_left = paid_for(model, chooser, active_from, refused, leftover_money, until)
        owed = dict(sorted((index[event], hours) for event, hours in taken.items()))
        inputs = ProjectionInputs(
            hours_per_week=total,
            hours=hours,
            taken_events=tuple(sorted(owed)),
            listening_owed=owed,
        )
        dates = projector.phase_dates(inputs)
        late = _listening_late(model, owed, dates, active_from)
        if late and round_ < rounds - 1:
            active_from.update(late)
            continue
        trades, refusals = _trade_offs(model, projector, inputs, active_from)
        if not refusals:
            break
        refused.update(refusals)
    return Settled(inputs, split, dates, candidates, chooser.decisions(), trades, money_left)


def _allocation(model: RateModel, projector: Outcomes, settled: Settled) -> Allocation:
    """The allocation ``settled`` makes of its hours a week, written up."""
    means = model.means()
    gain = model.venue_gain_per_hour(means)
    saturation = model.venue_saturation_hours(means)
    split, dates = settled.split, settled.dates
    hours = np.asarray(split.hours)
    contributions = model.venue_contributions(means, hours)
    progress = response(gain, saturation, hours)
    marginal = marginal_response(gain, saturation, hours)
    events = _events(
        settled.candidates, settled.decisions, split.marginal_progress_per_hour, settled.trades
    )
    venues = tuple(
        VenueHours(
            venue=venue.id,
            name=venue.name or venue.id,
            hours_per_week=float(hours[v]),
            contributions_per_week=float(contributions[v]),
            progress_per_week=float(progress[v]),
            marginal_progress_per_hour=float(marginal[v]),
            bound=Bound.ENDED
            if model.ended[v]
            else _bound(
                venue.excluded, venue.min_hours_per_week, venue.max_hours_per_week, float(hours[v])
            ),
            listening_hours=venue.listening_hours,
            listening_from=listening_from,
            active_from=active_from,
        )
        for v, (venue, (listening_from, active_from)) in enumerate(
            zip(model.venues, dates, strict=True)
        )
    )
    useful, budget = projector.curve.full_hours, projector.curve.budget
    money: dict[str, object] = {}
    if budget is not None:
        money = {
            "money_per_year": money_per_year(budget, hours),
            "leftover_money_per_year": settled.money_left,
            "money_binds": split.money_multiplier > 0.0,
        }
    return Allocation(
        hours_per_week=settled.inputs.hours_per_week,
        venues=venues,
        events=events,
        leftover_hours_per_week=split.leftover_hours,
        marginal_progress_per_hour=split.marginal_progress_per_hour,
        useful_hours_per_week=None if math.isinf(useful) else useful,
        **money,
    )


def _listening_late(
    model: RateModel,
    owed: Mapping[int, float],
    dates: list[tuple[dt.date | None, dt.date | None]],
    active_from: dict[str, dt.date | None],
) -> dict[str, dt.date | None]:
    """Venues whose listening, as the projection dates it, ends after the proposal of a taken
    event there that owes none: when each really is ready (law 1)."""
    ready = {venue.id: end for venue, (_, end) in zip(model.venues, dates, strict=True)}
    late: dict[str, dt.date | None] = {}
    for e in sorted(owed):
        venue, event = model.events[e]
        if owed[e] > 0 or venue.id in late:
            continue
        end = ready[venue.id]
        if (end is None or end > _due(event)) and active_from.get(venue.id) != end:
            late[venue.id] = end
    return late


def _trade_offs(
    model: RateModel,
    projector: Outcomes,
    inputs: ProjectionInputs,
    active_from: Mapping[str, dt.date | None],
) -> tuple[dict[int, tuple[tuple[str, ...], str]], dict[str, str]]:
    """The goals each taken event makes later than skipping it would, with the days, and
    every taken event that makes some goal later and none sooner, with the reason to refuse
    it.

    An event is taken for the progress it brings all goals together; its preparation takes
    hours from the split, so a goal it serves less than the split did gets later. This is the
    one way more hours a week can make a goal later: when they let the plan take an event.
    The plan names the goals it trades, in days, so the choice is in plain sight (law 8). An
    event whose yield comes too late to make up for its hours delays goals and speeds none:
    the planner refuses it.
    """
    if not inputs.taken_events:
        return {}, {}  # no event to weigh: no outcome to project
    with_all, reached = projector.expected_outcomes(inputs)
    owed = dict(inputs.listening_owed)
    variants = [_without(model, owed, e, active_from) for e in inputs.taken_events]
    weeks_without, reached_without = projector.expected_outcomes_without(inputs, variants)
    outcomes = zip(weeks_without, reached_without, strict=True)
    trades: dict[int, tuple[tuple[str, ...], str]] = {}
    refusals: dict[str, str] = {}
    with_it = _days(with_all)
    for e, (weeks, level) in zip(inputs.taken_events, outcomes, strict=True):
        # Compared in days, as the dates are shown; a goal out of reach either way by the
        # level it reaches within the horizon.
        without = _days(weeks)
        # Only the goals that steer are traded: a vanity goal only tracked has no say.
        steering = [g for g in range(len(model.goals)) if model.steering[g]]
        later = [g for g in steering if with_it[g] > without[g]]
        if not later:
            continue
        delays = ", ".join(_lateness(model.goals[g].id, with_all[g] - weeks[g]) for g in later)
        trades[e] = tuple(model.goals[g].id for g in later), delays
        helped = [
            with_it[g] < without[g]
            or (math.isinf(with_it[g]) and math.isinf(without[g]) and reached[g] > level[g])
            for g in steering
        ]
        if not any(helped):
            refusals[model.events[e][1].id] = (
                f"its preparation would make {delays} and no goal sooner, so skipping it is better"
            )
    return trades, refusals


def _without(
    model: RateModel,
    owed: Mapping[int, float],
    skipped: int,
    active_from: Mapping[str, dt.date | None],
) -> dict[int, float]:
    """The events taken, each with the listening it owes, if the plan skipped one: listening
    the skipped event owed passes to the next event at its venue, unless the split has the
    venue heard by then."""
    taken = dict(owed)
    listening = taken.pop(skipped)
    venue = model.events[skipped][0]
    if listening > 0:
        siblings = [e for e in taken if model.events[e][0].id == venue.id]
        if siblings:
            heir = min(siblings, key=lambda e: (_due(model.events[e][1]), model.events[e][1].id))
            ready = active_from.get(venue.id)
            if ready is None or ready > _due(model.events[heir][1]):
                taken[heir] = venue.listening_hours
    return taken


def _due(event: Event) -> dt.date:
    return event.proposal_deadline or event.date


def _days(weeks: np.ndarray) -> list[float]:
    """Weeks as whole days, the way dates show them (inf stays inf)."""
    return [math.inf if math.isinf(w) else float(round(w * 7)) for w in weeks.tolist()]


def _lateness(goal: str, weeks: float) -> str:
    if math.isinf(weeks):
        return f"{goal!r} miss the horizon"
    days = max(1, round(weeks * 7))
    return f"{goal!r} about {days} day{'s' if days > 1 else ''} later"


def _bound(excluded: bool, lower: float, upper: float | None, hours: float) -> Bound:
    tolerance = 1e-9 * max(1.0, hours)
    if excluded:
        return Bound.EXCLUDED
    if upper is not None and upper - lower <= tolerance:
        return Bound.LOCKED
    if upper is not None and hours >= upper - tolerance:
        return Bound.UPPER
    if hours <= lower + tolerance:
        return Bound.LOWER
    return Bound.FREE


def _candidates(model: RateModel, means: np.ndarray) -> list[EventCandidate]:
    """Every event, scored at the estimates' means."""
    progress = model.event_progress(means)
    hours = model.event_hours(means)
    per_hour = model.event_progress_per_hour(means)
    preparation = means[model.event_preparation]
    return [
        EventCandidate(
            venue=venue,
            event=event,
            expected_progress=float(progress[e]),
            expected_hours=float(hours[e]),
            progress_per_hour=float(per_hour[e]),
            preparation_hours=float(preparation[e]),
            listening_hours=venue.listening_hours,
        )
        for e, (venue, event) in enumerate(model.events)
    ]


def _events(
    candidates: list[EventCandidate],
    decisions: Mapping[str, Decision],
    marginal: float,
    trades: Mapping[int, tuple[tuple[str, ...], str]],
) -> tuple[EventChoice, ...]:
    """Every event as the last round decided it, each taken one with the goals it trades."""
    choices = []
    for e, candidate in enumerate(candidates):
        decision = decisions[candidate.event.id]
        reason = decision.reason or (
            f"it earns {figures.progress_per_hour(candidate.progress_per_hour)} of the goals "
            f"per hour, more than the {figures.progress_per_hour(marginal)} the weekly split "
            "earns with that hour"
        )
        later, delays = trades.get(e, ((), ""))
        choices.append(
            EventChoice(
                venue=candidate.venue.id,
                event=candidate.event.id,
                name=candidate.event.name or candidate.event.id,
                date=candidate.event.date,
                proposal_deadline=candidate.event.proposal_deadline,
                taken=decision.reason is None,
                listening_hours=decision.listening_hours,
                expected_hours=candidate.expected_hours,
                expected_progress=candidate.expected_progress,
                progress_per_hour=candidate.progress_per_hour,
                reason=f"{reason}; its preparation makes {delays}" if later else reason,
                later_goals=later,
            )
        )
    return tuple(choices)
