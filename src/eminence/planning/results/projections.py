"""What the projection returns: when each goal is reached, with its band over time."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Self

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from eminence.errors import Problem
from eminence.model import RatePeriod
from eminence.model._base import Choice, Record, Tabular, without_unwritten_defaults
from eminence.model._words import counted
from eminence.planning.results._bounds import NonNegative, Probability

__all__ = (
    "Binding",
    "GoalProjection",
    "Progress",
    "Projections",
    "RateProgress",
    "human_duration",
)


class Binding(Choice):
    """What decides when a goal is reached."""

    HOURS = "hours"
    """Work measured in hours: more hours a week make it sooner."""
    EVENT = "event"
    """An event's date: the target is crossed when the event yields."""
    CHURN = "churn"
    """A churning stock levels off below the target at these hours."""
    NOTHING = "nothing"
    """Nothing in the plan yields the goal's metric among its segments."""
    DEADLINE = "deadline"
    """No hours reach it by its deadline, though it is reached later: the date binds."""
    ACCEPTANCE = "acceptance"
    """No hours reach it: it rests on events whose acceptance is a matter of chance."""
    AUDIENCE = "audience"
    """No hours reach it: its venues and events reach too few of its segments."""


class Progress(Record):
    """A goal's level over time: expected, and the band that most trials fall in.

    Sampled every few weeks from the start to the horizon. ``low``, ``median`` and ``high``
    are the 10th, 50th and 90th percentiles of the level each date sees across at most 1,000
    trials, with the count noise of counted metrics: a fan chart of the goal.
    """

    dates: tuple[dt.date, ...]
    expected: tuple[NonNegative, ...]
    low: tuple[NonNegative, ...]
    median: tuple[NonNegative, ...]
    high: tuple[NonNegative, ...]

    @model_validator(mode="after")
    def _aligned(self) -> Self:
        lengths = {len(self.expected), len(self.low), len(self.median), len(self.high)}
        if lengths != {len(self.dates)}:
            self._reject([Problem("dates", "every series needs one value per date")])
        return self


class RateProgress(Progress):
    """A rate goal's rolling rate over time: the count in the one ``per`` ending at each date,
    expected and its band, set against the target a period (held for ``held_for`` periods)."""

    per: RatePeriod
    held_for: Annotated[int, Field(ge=1)]


class GoalProjection(Record):
    """When one goal is reached: expected, at 50 / 80 / 95 % confidence, and by its deadline.

    A date of None means "not within the horizon": an explicit outcome, never a sentinel.
    ``expected_date`` is when the expected trajectory reaches the target.
    """

    goal: str
    target: NonNegative
    expected_weeks: NonNegative | None
    expected_date: dt.date | None
    p50: dt.date | None
    p80: dt.date | None
    p95: dt.date | None
    deadline: dt.date | None
    chance_by_deadline: Probability | None
    chance_within_horizon: Probability
    expected_at_horizon: NonNegative
    minimum_hours_per_week: NonNegative | None
    binding: Binding
    explanation: str
    progress: Progress
    useful_hours_per_week: NonNegative | None = None
    """From these hours per week, every venue serving the goal is at its useful pace (or its
    maximum): more hours a week no longer bring it sooner, beyond speeding one-off work
    (listening, an event's preparation). None when no venue serves it."""
    half_hours_ratio: NonNegative | None = None
    """How many times the goal's weekly progress at these hours outpaces that at half of
    them: 2.0 in the linear regime (half the hours, twice as long), nearer 1.0 as its venues
    reach their useful pace. None when the split does not serve it."""
    per_period: RateProgress | None = None
    """A rate goal's rolling rate at the dates of ``progress``, to set against its target a
    period; None for a goal of an amount, whose ``progress`` is what its target is compared
    with."""

    # Left out of the JSON while unused, so that a goal of an amount is written as before.
    UNWRITTEN_DEFAULTS: ClassVar[tuple[str, ...]] = ("per_period",)

    # No return annotation: pydantic would take it for the written form's JSON Schema.
    @model_serializer(mode="wrap")
    def _unused_left_out(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        return without_unwritten_defaults(self, handler(self))

    @property
    def duration(self) -> str:
        """The expected time to the goal in human terms, such as 'about 7 months'."""
        return human_duration(self.expected_weeks)


def human_duration(weeks: float | None) -> str:
    """Weeks as a person says them: 'about 3 weeks', 'about 7 months', 'about 2.5 years'."""
    if weeks is None:
        return "not within the horizon"
    if weeks < 8.5:
        count = max(1, round(weeks))
        return f"about {count} week{'s' if count > 1 else ''}"
    months = weeks / (52.1775 / 12)
    if months < 23.5:
        return f"about {round(months)} months"
    return f"about {weeks / 52.1775:.1f} years"


class Projections(Tabular):
    """Every goal's projection, from ``trials`` seeded draws over ``horizon_weeks``."""

    goals: tuple[GoalProjection, ...]
    horizon_weeks: Annotated[int, Field(ge=1, le=520)]
    trials: Annotated[int, Field(ge=1)]
    seed: int

    def goal(self, goal_id: str) -> GoalProjection:
        """The projection of one goal, by id."""
        for projection in self.goals:
            if projection.goal == goal_id:
                return projection
        raise KeyError(goal_id)

    @property
    def footnote(self) -> str:
        """What produced these projections, in one line."""
        return (
            f"{counted(len(self.goals), 'goal')} projected over "
            f"{counted(self.horizon_weeks, 'week')} from {counted(self.trials, 'draw')} (Poisson "
            f"counts, stocks without count noise, PERT-Beta estimates, seed {self.seed})"
        )
