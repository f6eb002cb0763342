"""Tracking: what the log says happened against the plan, what it teaches, and the re-forecast.

The log is read on the plan's weekly grid, in effective contributions (see
`eminence.planning.progress`).

* **Learning** (law 7): each venue's yield of each metric is updated by a conjugate
  Gamma-Poisson step from the outcomes over its effective contributions (see
  `eminence.planning.learning`). A venue is *better* than planned when the prior mean lies
  below the 90 % interval of the posterior, *worse* when above it.
* **Achieved.** An outcome counts toward a goal as the planner counts a yield: times the
  share of the venue's (or event's) audience in the goal's segments and the expertise fit,
  so that plan and actual compare like with like. A stock metric's level follows the same
  weekly churn as its projection, from the goal's starting level.
* **Re-forecast.** An updated profile starts the day after ``today`` (the log holds today's
  work): learnt yields, listening left, past events dropped, the proposal of an event worked
  on taken as sent and its preparation reduced by the hours logged, counted goals' targets
  less what is achieved (reached goals leave), stocks' starting levels at today's level,
  passed deadlines dropped; each venue's rrule counted from the plan's anchor
  (``rrule_start``), so it keeps its dates, its COUNT and the weeks of its INTERVAL, and a
  rule whose days are past leaves its venue without weekly hours rather than in error. The
  ordinary planner plans it.
* **Value over activity.** Per goal, the hours at the venues that reach its segments against
  the value and engagement outcomes there (the goal's own metric when it is one, else every
  value and engagement metric). The last `WINDOW_WEEKS` weeks are compared with the weeks
  before them: the goal is flagged when hours grew by more than `ACTIVITY_GROWTH` while those
  outcomes did not grow at all.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from typing import Annotated, ClassVar, Self

import numpy as np
from pydantic import Field, model_validator

from eminence.errors import EminenceError, Problem, VanityGoalWarning
from eminence.model import Estimate, Goal, MetricKind, Profile
from eminence.model._base import Choice, Record, Tabular
from eminence.model._document import Document
from eminence.model._words import counted
from eminence.model.arguments import a_date, a_whole_number, an_instance
from eminence.model.progress_log import ProgressLog
from eminence.model.venues import MIN_EFFORT_HOURS
from eminence.planning.calendar import HORIZON_WEEKS as MAX_HORIZON_WEEKS
from eminence.planning.learning import CREDIBLE, JEFFREYS, GammaBelief
from eminence.planning.planner import TRIALS, Planner, check_options, check_profile
from eminence.planning.progress import Ledger, check_progress
from eminence.planning.projection import ExpectedFlows
from eminence.planning.relevance import Relevance
from eminence.planning.results import GoalProjection, Plan

__all__ = (
    "ACTIVITY_GROWTH",
    "WINDOW_WEEKS",
    "GoalTrack",
    "Reforecast",
    "ValueOverActivity",
    "VenueSplit",
    "Verdict",
    "WeekProgress",
    "YieldEvidence",
    "reforecast",
)

WINDOW_WEEKS = 4
"""Weeks in each window of the value-over-activity test: a month against the month before."""

ACTIVITY_GROWTH = 0.10
"""Hours must grow by more than this share to count as growing activity, not noise."""

NonNegative = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]


class Verdict(Choice):
    """How a venue's yield compares with the plan's, given the evidence."""

    BETTER = "better"
    """The plan's yield lies below the 90 % interval of what the log says."""
    WORSE = "worse"
    """The plan's yield lies above that interval."""
    AS_PLANNED = "as_planned"
    """The plan's yield lies inside it: no evidence of a difference yet."""


class YieldEvidence(Record):
    """What one venue yielded of one metric, against the plan, and the yield learnt.

    ``prior`` is None when the profile gave the venue no yield for the metric. ``posterior``
    is what the re-forecast uses; a certain prior stays as it is (``updated`` is False), and
    ``mean``, ``low`` and ``high`` then come from the log alone.
    """

    venue: str
    name: str
    metric: str
    prior: Estimate | None
    prior_mean: NonNegative
    contributions: NonNegative
    observed: NonNegative
    mean: NonNegative
    low: NonNegative
    high: NonNegative
    posterior: Estimate
    updated: bool
    verdict: Verdict

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.low <= self.mean <= self.high:
            self._reject([Problem("mean", "the interval must hold the mean")])
        return self


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


class GoalTrack(Tabular):
    """One goal: planned against actual week by week, its value test, and its re-forecast.

    ``forecast`` is None for a counted goal already reached (``reached_on`` says when).
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


class VenueSplit(Record):
    """A venue's hours per week in the plan and in the re-forecast, at the same hours."""

    venue: str
    name: str
    planned_hours_per_week: NonNegative
    updated_hours_per_week: NonNegative

    @property
    def change(self) -> float:
        """Hours per week to move to (positive) or from (negative) this venue."""
        return self.updated_hours_per_week - self.planned_hours_per_week


class Reforecast(Tabular, Document):
    """The plan against the log, what it taught, and the plan from tomorrow on.

    ``plan`` is the original plan; ``forecast`` plans the updated profile, or is None when
    every goal is reached. ``changes`` says what the update changed in the profile.
    """

    KIND: ClassVar[str] = "reforecast"

    today: dt.date
    entries: Annotated[int, Field(ge=0)]
    hours: NonNegative
    goals: tuple[GoalTrack, ...]
    yields: tuple[YieldEvidence, ...]
    split: tuple[VenueSplit, ...]
    changes: tuple[str, ...]
    plan: Plan
    forecast: Plan | None
    window_weeks: Annotated[int, Field(ge=1)] = WINDOW_WEEKS

    @model_validator(mode="after")
    def _after_start(self) -> Self:
        start = self.plan.profile.capacity.start
        if self.today < start:
            self._reject([Problem("today", f"is before the plan's start ({start.isoformat()})")])
        return self

    def goal(self, goal_id: str) -> GoalTrack:
        """The track of one goal, by id."""
        for goal in self.goals:
            if goal.goal == goal_id:
                return goal
        raise KeyError(goal_id)

    def evidence(self, venue: str, metric: str) -> YieldEvidence:
        """The yield evidence of one venue and metric."""
        for item in self.yields:
            if (item.venue, item.metric) == (venue, metric):
                return item
        raise KeyError((venue, metric))

    @property
    def footnote(self) -> str:
        """What produced this re-forecast, in one line."""
        start = self.plan.profile.capacity.start
        weeks = ((self.today - start).days + 1) / 7.0
        return (
            f"{counted(self.entries, 'entry', 'entries')} over {weeks:.1f} weeks from "
            f"{start.isoformat()}; yields "
            f"updated by Gamma-Poisson with the profile's estimates as priors, "
            f"{CREDIBLE:.0%} intervals; re-forecast from {self.today + dt.timedelta(days=1)}"
        )


# --- re-forecasting ----------------------------------------------------------------------------


def reforecast(
    profile: Profile,
    log: ProgressLog,
    *,
    today: dt.date,
    seed: int = 0,
    trials: int = TRIALS,
    window_weeks: int = WINDOW_WEEKS,
) -> Reforecast:
    """Compare a progress log with the plan, learn the yields, and plan again from tomorrow.

    Parameters
    ----------
    profile
        The profile the plan was made from; its estimates are the priors.
    log
        Hours, contributions and outcomes since the plan's start (see `eminence.load_progress`).
    today
        The last day the log covers: entries after it are errors. There is no hidden clock.
    seed, trials
        As for `eminence.plan`; the original plan and the re-forecast share them.
    window_weeks
        Weeks in each window of the value-over-activity test.

    Examples
    --------
    >>> import datetime as dt
    >>> import eminence as em
    >>> result = em.reforecast(em.example("consultant"), em.example_progress("consultant"),
    ...                        today=dt.date(2027, 4, 25), trials=200)
    >>> result.goal("invitations-to-advise").achieved > 0
    True
    """
    check_profile(profile)
    an_instance(
        "log", log, ProgressLog, "read one with em.load_progress(path) or em.loads_progress"
    )
    today = a_date("today", today)
    window_weeks = a_whole_number("window_weeks", window_weeks, least=1)
    seed, trials, _ = check_options(seed, trials, MAX_HORIZON_WEEKS)
    start = profile.capacity.start
    if today < start:
        raise EminenceError(
            f"today ({today.isoformat()}) is before the plan's start ({start.isoformat()}); "
            "a plan is tracked from its start"
        )
    if today > start + dt.timedelta(weeks=MAX_HORIZON_WEEKS):
        raise EminenceError(
            f"today ({today.isoformat()}) is more than ten years after the plan's start "
            f"({start.isoformat()}); a plan is tracked within its ten-year horizon, so start a "
            "new profile nearer today"
        )
    check_progress(profile, log, today=today)
    planner = Planner(profile, seed=seed, trials=trials)
    original = planner.plan()
    _, inputs = planner.allocation(profile.capacity.hours_per_week)
    flows = planner.projector.expected_flows(inputs)
    ledger = Ledger(planner.model, log, today)
    yields = tuple(_evidence(profile, ledger))
    relevance = Relevance(profile)
    paths = {goal.id: _actual(profile, relevance, ledger, goal) for goal in profile.goals}
    updated, changes = _updated(profile, ledger, yields, paths, today)
    forecast = Planner(updated, seed=seed, trials=trials).plan() if updated else None
    goals = tuple(
        _track(
            profile,
            goal,
            ledger,
            flows,
            paths[goal.id],
            relevance,
            original.projections.goal(goal.id),
            forecast,
            window_weeks,
        )
        for goal in profile.goals
    )
    split: tuple[VenueSplit, ...] = ()
    if forecast is not None:
        split = tuple(
            VenueSplit(
                venue=before.venue,
                name=before.name,
                planned_hours_per_week=before.hours_per_week,
                updated_hours_per_week=forecast.allocation.venue(before.venue).hours_per_week,
            )
            for before in original.allocation.venues
        )
    return Reforecast(
        today=today,
        entries=len(log.entries),
        hours=float(ledger.hours.sum()),
        goals=goals,
        yields=yields,
        split=split,
        changes=changes,
        plan=original,
        forecast=forecast,
        window_weeks=window_weeks,
    )


def _evidence(profile: Profile, ledger: Ledger) -> Iterator[YieldEvidence]:
    for v, venue in enumerate(profile.venues):
        exposure = float(ledger.exposure[v])
        if exposure <= 0.0:
            continue
        seen = [m for (venue_id, m) in ledger.observed if venue_id == venue.id]
        for metric in dict.fromkeys([*venue.yields, *seen]):
            prior = venue.yields.get(metric)
            observed = ledger.observed.get((venue.id, metric), 0.0)
            belief = GammaBelief.of(prior)
            learnt = (belief or JEFFREYS).updated(observed, exposure)
            prior_mean = prior.mean if prior is not None else 0.0
            low, high = learnt.interval
            verdict = Verdict.AS_PLANNED
            if low > prior_mean:
                verdict = Verdict.BETTER
            elif high < prior_mean:
                verdict = Verdict.WORSE
            yield YieldEvidence(
                venue=venue.id,
                name=venue.name or venue.id,
                metric=metric,
                prior=prior,
                prior_mean=prior_mean,
                contributions=exposure,
                observed=observed,
                mean=learnt.mean,
                low=low,
                high=high,
                posterior=prior if belief is None and prior else learnt.estimate(),
                updated=belief is not None,
                verdict=verdict,
            )


def _actual(profile: Profile, relevance: Relevance, ledger: Ledger, goal: Goal) -> np.ndarray:
    """The goal's actual amount at the end of each week: cumulative, or a churning stock."""
    arrivals = np.zeros(ledger.weeks)
    for (week, venue_id, event_id, metric), outcomes in ledger.outcomes.items():
        if metric != goal.metric:
            continue
        venue = profile.venue(venue_id)
        audience = venue.audience
        if event_id is not None:
            event = next(event for event in venue.events if event.id == event_id)
            audience = event.audience if event.audience is not None else venue.audience
        arrivals[week] += outcomes * relevance.weight(audience, goal)
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
    reached_on = None
    if not metric.is_stock:
        crossed = np.flatnonzero(actual >= goal.target - 1e-9)
        reached_on = ledger.week_endings[int(crossed[0])] if crossed.size else None
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
    for (week, venue_id, _, metric), count in ledger.outcomes.items():
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
            f"activity grew from {before[0]:g} to {recent[0]:g} hours in the last "
            f"{counted(window, 'week')} while {', '.join(metrics)} did not grow "
            f"({before[1]:g} then {recent[1]:g}): more of the same will not bring value; "
            "change what or where, not how much"
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


# --- the updated profile -----------------------------------------------------------------------


def _updated(
    profile: Profile,
    ledger: Ledger,
    yields: tuple[YieldEvidence, ...],
    paths: dict[str, np.ndarray],
    today: dt.date,
) -> tuple[Profile | None, tuple[str, ...]]:
    """The profile from tomorrow, with what the log taught; None when every goal is reached."""
    tomorrow = today + dt.timedelta(days=1)
    data = profile.model_dump(mode="json", exclude_defaults=True)
    changes: list[str] = []
    learnt = {(item.venue, item.metric): item for item in yields if item.updated}
    for v, venue in enumerate(profile.venues):
        venue_data = data["venues"][v]
        for (venue_id, metric), item in learnt.items():
            if venue_id == venue.id:
                venue_data.setdefault("yields", {})[metric] = item.posterior.model_dump()
        left = round(ledger.listening_left[v], 6)
        if left < venue.listening_hours:
            venue_data["listening_hours"] = left
            changes.append(
                f"{venue.name or venue.id}: {left:g} of {venue.listening_hours:g} listening "
                "hours left"
            )
        events = []
        for event, event_data in zip(venue.events, venue_data.get("events", []), strict=True):
            if event.date < tomorrow:
                changes.append(f"{event.name or event.id}: past, left out")
                continue
            spent = ledger.event_hours.get(event.id, 0.0)
            if spent > 0:
                event_data["preparation_hours"] = Estimate(
                    low=max(event.preparation_hours.low - spent, MIN_EFFORT_HOURS),
                    likely=max(event.preparation_hours.likely - spent, MIN_EFFORT_HOURS),
                    high=max(event.preparation_hours.high - spent, MIN_EFFORT_HOURS),
                ).model_dump()
                changes.append(
                    f"{event.name or event.id}: {spent:g} h of preparation done"
                    + (
                        "; the proposal is taken as sent"
                        if event.proposal_deadline and event.proposal_deadline < tomorrow
                        else ""
                    )
                )
                if event.proposal_deadline and event.proposal_deadline < tomorrow:
                    event_data.pop("proposal_deadline", None)
            events.append(event_data)
        if venue.events:
            venue_data["events"] = events
        if venue.rrule is not None:
            # The rule keeps counting from where the plan counted it: the same dates, COUNT
            # and INTERVAL weeks from tomorrow on, and no error once its days are past.
            venue_data["rrule_start"] = profile.rule_anchor(venue).isoformat()
    goals = []
    for goal, goal_data in zip(profile.goals, data["goals"], strict=True):
        achieved = float(paths[goal.id][-1]) if len(paths[goal.id]) else goal.starting_level
        if profile.metric(goal.metric).is_stock:
            goal_data["starting_level"] = achieved
        elif goal.target - achieved < 1e-3:
            changes.append(f"{goal.name or goal.id}: reached, left out of the re-forecast")
            continue
        else:
            goal_data["target"] = goal.target - achieved
        if goal.deadline is not None and goal.deadline <= tomorrow:
            goal_data.pop("deadline")
            changes.append(f"{goal.name or goal.id}: deadline {goal.deadline} passed")
        goals.append(goal_data)
    if not goals:
        return None, tuple(changes)
    data["goals"] = goals
    data["capacity"]["start"] = tomorrow.isoformat()
    with warnings.catch_warnings():
        # The profile already warned about its vanity goals; the log adds none.
        warnings.simplefilter("ignore", VanityGoalWarning)
        updated = Profile.model_validate(data)
    for venue in updated.venues:
        if not venue.excluded and updated.rule_ended(venue) and not profile.rule_ended(venue):
            changes.append(
                f"{venue.name or venue.id}: its rrule has no day left from {tomorrow}; "
                "no weekly hours there from now"
            )
    return updated, tuple(changes)
