"""The log against the plan: each goal's achieved progress week by week, and value over
activity."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Self

import numpy as np
from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from eminence.errors import Problem
from eminence.model import Event, Goal, MetricKind, Profile, RatePeriod
from eminence.model import _figures as figures
from eminence.model._base import Record, Tabular, without_unwritten_defaults
from eminence.model._words import counted
from eminence.planning.held import per_period, periods_held, reached_week
from eminence.planning.progress import Ledger
from eminence.planning.projection import ExpectedFlows
from eminence.planning.relevance import Relevance
from eminence.planning.results import GoalProjection, Plan
from eminence.planning.results._bounds import NonNegative

WINDOW_WEEKS = 4
"""Weeks in each window of the value-over-activity test: a month against the month before."""

ACTIVITY_GROWTH = 0.10
"""Hours must grow by more than this share to count as growing activity, not noise."""


class WeekProgress(Record):
    """One week of a goal: hours logged, and cumulative planned and actual amounts at its end."""

    week_ending: dt.date
    hours: NonNegative
    planned: NonNegative
    actual: NonNegative


class ValueOverActivity(Record):
    """A goal's value and engagement outcomes against the hours spent on it.

    The ``*_before`` and ``*_recent`` windows are None when the log is shorter than two
    windows: too soon to tell.
    """

    metrics: tuple[str, ...]
    window_weeks: Annotated[int, Field(ge=1)]
    hours: NonNegative
    outcomes: NonNegative
    hours_before: NonNegative | None
    hours_recent: NonNegative | None
    outcomes_before: NonNegative | None
    outcomes_recent: NonNegative | None
    flagged: bool
    reason: str

    @property
    def outcomes_per_hour(self) -> float | None:
        """Value and engagement outcomes per hour over the whole log."""
        return self.outcomes / self.hours if self.hours else None


class PeriodTrack(Record):
    """A rate goal in its current period, on the log's weekly grid: what the period ending
    today counts, and how many periods running, up to the ``held_for`` it needs, have held
    the target."""

    per: RatePeriod
    held_for: Annotated[int, Field(ge=1)]
    counted: NonNegative
    periods_held: Annotated[int, Field(ge=0)]

    @property
    def holds(self) -> bool:
        """True when the period ending today counts at least the target: the rate holds now."""
        return self.periods_held > 0


class GoalTrack(Tabular):
    """One goal: planned against actual week by week, its value test, and its re-forecast.

    ``forecast`` is None for a counted goal already reached (``reached_on`` says when). A rate
    goal's ``period`` says what its current period counts; its ``forecast`` counts that
    toward the periods from tomorrow on.
    """

    goal: str
    name: str
    metric: str
    kind: MetricKind
    stock: bool
    target: NonNegative
    planned: NonNegative
    achieved: NonNegative
    weeks: tuple[WeekProgress, ...]
    reached_on: dt.date | None
    value: ValueOverActivity
    planned_projection: GoalProjection
    forecast: GoalProjection | None
    period: PeriodTrack | None = None

    # Left out of the JSON while unused, so that a goal of an amount is written as before.
    UNWRITTEN_DEFAULTS: ClassVar[tuple[str, ...]] = ("period",)

    # No return annotation: pydantic would take it for the written form's JSON Schema.
    @model_serializer(mode="wrap")
    def _unused_left_out(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        return without_unwritten_defaults(self, handler(self))

    @model_validator(mode="after")
    def _weekly(self) -> Self:
        days = [week.week_ending for week in self.weeks]
        if days != sorted(set(days)):
            self._reject([Problem("weeks", "weeks must be in date order, each once")])
        return self

    @property
    def ahead(self) -> float:
        """Achieved less planned by today: negative when behind the plan."""
        return self.achieved - self.planned


def _actual(profile: Profile, relevance: Relevance, ledger: Ledger, goal: Goal) -> np.ndarray:
    """The goal's actual amount at the end of each week: cumulative, or a churning stock.

    An outcome logged with its segment is a fact: it counts in full toward a goal that targets
    the segment and not at all toward one that does not. Without a segment it is an estimate,
    weighted as the planner weighs a yield (`_counted`).
    """
    arrivals = np.zeros(ledger.weeks)
    # Each venue or event weighed once, however many weeks log outcomes on it.
    weights: dict[tuple[str, str | None], float] = {}
    events: dict[str, dict[str, Event]] = {}
    for (week, venue_id, event_id, segment, metric), outcomes in ledger.outcomes.items():
        if metric != goal.metric:
            continue
        if segment is not None:
            arrivals[week] += outcomes if relevance.targets(segment, goal) else 0.0
            continue
        if (venue_id, event_id) not in weights:
            weights[venue_id, event_id] = _counted(
                profile, relevance, venue_id, event_id, goal, events
            )
        arrivals[week] += outcomes * weights[venue_id, event_id]
    churn = profile.metric(goal.metric).churn_per_week
    if churn is None:
        return np.cumsum(arrivals)
    level = goal.starting_level
    path = np.empty_like(arrivals)
    for week, arriving in enumerate(arrivals):
        days = (ledger.week_endings[week] - ledger.start).days + 1 - 7 * week
        level = (1.0 - churn) ** (days / 7.0) * level + arriving
        path[week] = level
    return path


def _counted(
    profile: Profile,
    relevance: Relevance,
    venue_id: str,
    event_id: str | None,
    goal: Goal,
    events: dict[str, dict[str, Event]],
) -> float:
    """What one outcome of unknown segment counts toward a goal: the venue's (or event's)
    audience share in the goal's segments times the expertise fit, so that plan and actual
    compare like with like. ``events`` keeps each venue's editions by id, once looked up."""
    venue = profile.venue(venue_id)
    audience = venue.audience
    if event_id is not None:
        if venue_id not in events:
            events[venue_id] = {event.id: event for event in profile.editions(venue)}
        event = events[venue_id][event_id]
        audience = event.audience if event.audience is not None else venue.audience
    return relevance.weight(audience, goal)


def _track(
    profile: Profile,
    goal: Goal,
    ledger: Ledger,
    flows: ExpectedFlows,
    actual: np.ndarray,
    relevance: Relevance,
    planned_projection: GoalProjection,
    forecast: Plan | None,
    window_weeks: int,
) -> GoalTrack:
    metric = profile.metric(goal.metric)
    path = flows.path(goal, metric.churn_per_week)
    grid = np.arange(len(path), dtype=float)
    planned = np.interp([ledger.week_of(day) for day in ledger.week_endings], grid, path)
    reaching = [
        v for v, venue in enumerate(profile.venues) if relevance.weight(venue.audience, goal) > 0
    ]
    hours = ledger.hours[reaching].sum(axis=0)
    weeks = tuple(
        WeekProgress(
            week_ending=day,
            hours=float(hours[k]),
            planned=float(planned[k]),
            actual=float(actual[k]),
        )
        for k, day in enumerate(ledger.week_endings)
    )
    reached_on, period = None, None
    if not metric.is_stock:
        # The counts from the start, one a week: a rate goal is reached when its rate held.
        cumulative = np.concatenate(([0.0], actual))
        week = reached_week(goal, cumulative)
        reached_on = None if week is None else ledger.week_endings[week - 1]
        if goal.per is not None:
            period = PeriodTrack(
                per=goal.per,
                held_for=goal.held_for,
                counted=float(per_period(goal, cumulative)[-1]),
                periods_held=periods_held(goal, cumulative),
            )
    projection = None
    if forecast is not None and any(g.id == goal.id for g in forecast.profile.goals):
        projection = forecast.projections.goal(goal.id)
    return GoalTrack(
        goal=goal.id,
        name=goal.name or goal.id,
        metric=goal.metric,
        kind=metric.kind,
        stock=metric.is_stock,
        target=goal.target,
        planned=float(planned[-1]) if len(planned) else 0.0,
        achieved=float(actual[-1]) if len(actual) else goal.starting_level,
        weeks=weeks,
        reached_on=reached_on,
        value=_value_over_activity(profile, goal, ledger, reaching, hours, window_weeks),
        planned_projection=planned_projection,
        forecast=projection,
        period=period,
    )


def _value_over_activity(
    profile: Profile,
    goal: Goal,
    ledger: Ledger,
    reaching: list[int],
    hours: np.ndarray,
    window: int,
) -> ValueOverActivity:
    valued = {MetricKind.VALUE, MetricKind.ENGAGEMENT}
    if profile.metric(goal.metric).kind in valued:
        metrics: tuple[str, ...] = (goal.metric,)
    else:
        metrics = tuple(metric.id for metric in profile.metrics if metric.kind in valued)
    venue_ids = {profile.venues[v].id for v in reaching}
    outcomes = np.zeros(ledger.weeks)
    for (week, venue_id, _, _, metric), count in ledger.outcomes.items():
        if venue_id in venue_ids and metric in metrics:
            outcomes[week] += count
    before: tuple[float, float] | None = None
    recent: tuple[float, float] | None = None
    flagged = False
    reason = f"too soon to tell: the test compares two windows of {counted(window, 'week')}"
    if ledger.weeks >= 2 * window:
        earlier, later = slice(-2 * window, -window), slice(-window, None)
        before = float(hours[earlier].sum()), float(outcomes[earlier].sum())
        recent = float(hours[later].sum()), float(outcomes[later].sum())
        growing = before[0] > 0 and recent[0] > (1.0 + ACTIVITY_GROWTH) * before[0]
        flagged = growing and recent[1] <= before[1]
        reason = (
            f"activity grew from {figures.hours(before[0])} to {figures.hours(recent[0])} hours in "
            f"the last {counted(window, 'week')} while {', '.join(metrics)} did not grow "
            f"({figures.quantity(before[1])} then {figures.quantity(recent[1])}): more of the "
            "same will not bring value; change what or where, not how much"
            if flagged
            else "value keeps pace with activity"
        )
    return ValueOverActivity(
        metrics=metrics,
        window_weeks=window,
        hours=float(hours.sum()),
        outcomes=float(outcomes.sum()),
        hours_before=None if before is None else before[0],
        hours_recent=None if recent is None else recent[0],
        outcomes_before=None if before is None else before[1],
        outcomes_recent=None if recent is None else recent[1],
        flagged=flagged,
        reason=reason,
    )
