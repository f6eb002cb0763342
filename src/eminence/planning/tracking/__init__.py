"""Tracking: what the log says happened against the plan, what it teaches, and the re-forecast.

The log is read on the plan's weekly grid, in effective contributions (see
`eminence.planning.progress`).

* **Learning** (law 7): each venue's yield of each metric is updated by a conjugate
  Gamma-Poisson step from the outcomes over its effective contributions (see
  `eminence.planning.learning`). A venue is *better* than planned when the prior mean lies
  below the 90 % interval of the posterior, *worse* when above it.
* **Achieved.** An outcome logged with its ``segment`` is a fact: it counts in full toward
  a goal that targets the segment and not at all toward one that does not. An outcome
  without a segment is an estimate, counted as the planner counts a yield: times the share
  of the venue's (or event's) audience in the goal's segments and the expertise fit. The
  yields' update takes every outcome, whatever its segment. A stock metric's level follows the same
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

`learnt` holds the yields' update, `against_plan` the log compared with the plan (progress and
value over activity), `updated_profile` the profile from tomorrow; the re-forecast is here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import Field, model_validator

from eminence.errors import EminenceError, Problem
from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.model._base import Record, Tabular
from eminence.model._document import UPGRADES, Document
from eminence.model._words import counted
from eminence.model.arguments import a_date, a_whole_number, an_instance
from eminence.model.progress_log import ProgressLog
from eminence.planning.calendar import HORIZON_WEEKS as MAX_HORIZON_WEEKS
from eminence.planning.content import with_content
from eminence.planning.learning import CREDIBLE
from eminence.planning.planner import TRIALS, Planner, check_options, check_profile
from eminence.planning.progress import Ledger, check_progress
from eminence.planning.relevance import Relevance
from eminence.planning.results import Plan
from eminence.planning.results._bounds import NonNegative
from eminence.planning.tracking.against_plan import (
    ACTIVITY_GROWTH,
    WINDOW_WEEKS,
    GoalTrack,
    PeriodTrack,
    ValueOverActivity,
    WeekProgress,
    _actual,
    _track,
)
from eminence.planning.tracking.learnt import Verdict, YieldEvidence, _evidence
from eminence.planning.tracking.updated_profile import _updated

__all__ = (
    "ACTIVITY_GROWTH",
    "WINDOW_WEEKS",
    "GoalTrack",
    "PeriodTrack",
    "Reforecast",
    "ValueOverActivity",
    "VenueSplit",
    "Verdict",
    "WeekProgress",
    "YieldEvidence",
    "reforecast",
)


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

    # Version 2 holds version-2 plans (rate goals, recurring events, the working week, what
    # to speak to where, the bindings that say more hours do not help) and each rate goal's
    # current period (``GoalTrack.period``).
    schema_version: Literal[2] = 2  # type: ignore[assignment]  # a later version of the field

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
            f"{counted(self.entries, 'entry', 'entries')} over {figures.weeks(weeks)} from "
            f"{start.isoformat()}; yields "
            f"updated by Gamma-Poisson with the profile's estimates as priors, "
            f"{figures.chance(CREDIBLE)} intervals; re-forecast from "
            f"{self.today + dt.timedelta(days=1)}"
        )


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


def _plans_with_content(reforecast: dict[str, Any]) -> dict[str, Any]:
    """A version-1 re-forecast as version 2: its plans read as version-2 plans do."""
    upgraded = {**reforecast, "schema_version": 2}
    for name in ("plan", "forecast"):
        plan = reforecast.get(name)
        if isinstance(plan, dict):
            upgraded[name] = {k: v for k, v in with_content(plan).items() if k != "schema_version"}
    return upgraded


UPGRADES[(Reforecast.KIND, 1)] = _plans_with_content
