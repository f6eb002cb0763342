"""What if: dates against hours per week, the hours a deadline needs, scenarios side by side.

Each question replans on the same draws of the estimates (common random numbers), so the
differences it shows come from the hours, not from the luck of the draw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Annotated

from pydantic import Field

from eminence.errors import EminenceError, InvalidArgumentError
from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.model._base import Record, Tabular
from eminence.model._words import counted
from eminence.model.arguments import a_date, a_number, an_instance, numbers_of, text_of
from eminence.model.quantities import HOURS_IN_A_WEEK, MIN_HOURS_PER_WEEK
from eminence.planning.planner import TRIALS, Planner, check_options, check_profile
from eminence.planning.projection import HORIZON_WEEKS
from eminence.planning.results import GoalProjection, Plan
from eminence.planning.results._bounds import Probability

__all__ = (
    "Comparison",
    "RequiredHours",
    "Scenario",
    "Sensitivity",
    "SensitivityRow",
    "compare",
    "required_hours",
    "sensitivity",
)


class SensitivityRow(Record):
    """One goal's projection at one number of hours per week."""

    hours_per_week: Annotated[float, Field(gt=0.0, le=168.0)]
    projection: GoalProjection


class Sensitivity(Tabular):
    """Completion dates of every goal against hours per week."""

    rows: tuple[SensitivityRow, ...]

    @property
    def footnote(self) -> str:
        """What produced this table, in one line."""
        hours = sorted({row.hours_per_week for row in self.rows})
        levels = counted(len(hours), "level")
        return f"each goal replanned at {levels} of hours per week, same draws"


class RequiredHours(Record):
    """The least hours per week that reach a goal by a date with a chosen confidence.

    ``hours_per_week`` is None when no amount up to 168 hours a week does; ``chance_at_most``
    then says how close 168 hours come.
    """

    goal: str
    by: dt.date
    confidence: Probability
    hours_per_week: Annotated[float, Field(gt=0.0, le=168.0)] | None
    chance: Probability
    chance_at_most: Probability
    explanation: str


class Scenario(Record):
    """One plan in a comparison: its label, hours and what it promises per goal."""

    label: str
    hours_per_week: float
    top_venues: tuple[str, ...]
    goals: tuple[GoalProjection, ...]


class Comparison(Tabular):
    """Plans side by side, goal by goal."""

    scenarios: tuple[Scenario, ...]

    @property
    def footnote(self) -> str:
        """What produced this comparison, in one line."""
        return f"{counted(len(self.scenarios), 'scenario')} compared goal by goal"


MAX_LEVELS = 100
"""Hours per week one sensitivity table plans at, at most: each is a plan."""


def sensitivity(
    profile: Profile,
    hours: Iterable[float],
    *,
    seed: int = 0,
    trials: int = TRIALS,
    horizon_weeks: int = HORIZON_WEEKS,
) -> Sensitivity:
    """Every goal's projection at each of the given hours per week (at most `MAX_LEVELS`,
    each a plan).

    Examples
    --------
    >>> import eminence as em
    >>> table = em.sensitivity(em.example("executive"), hours=[2, 4, 8], trials=200)
    >>> [row.hours_per_week for row in table.rows if row.projection.goal == "target-account-leads"]
    [2.0, 4.0, 8.0]
    """
    check_profile(profile)
    seed, trials, horizon_weeks = check_options(seed, trials, horizon_weeks)
    asked = numbers_of("hours", hours, what="hours per week", most=MAX_LEVELS)
    levels = sorted({_hours(value) for value in asked})
    if not levels:
        raise EminenceError("hours is empty; give one or more hours per week, such as [2, 4, 8]")
    planner = Planner(profile, seed=seed, trials=trials, horizon_weeks=horizon_weeks)
    rows = [
        SensitivityRow(hours_per_week=level, projection=projection)
        for level in levels
        for projection in _projections(planner, level)
    ]
    return Sensitivity(rows=tuple(rows))


def required_hours(
    profile: Profile,
    goal: str,
    *,
    by: dt.date | None = None,
    confidence: float = 0.8,
    seed: int = 0,
    trials: int = TRIALS,
    horizon_weeks: int = HORIZON_WEEKS,
) -> RequiredHours:
    """The least hours per week that reach ``goal`` by ``by`` (its deadline by default).

    Found by a scan of 24 levels up to 168 h/week, then bisection between the last level that
    falls short and the first that meets the confidence, to a hundredth of an hour.
    """
    check_profile(profile)
    seed, trials, horizon_weeks = check_options(seed, trials, horizon_weeks)
    if not 0.0 < a_number("confidence", confidence, what="a chance") < 1.0:
        raise InvalidArgumentError(
            "confidence", f"confidence must be between 0 and 1, exclusive, not {confidence!r}"
        )
    confidence = float(confidence)
    index = profile.goals.index(profile.goal(text_of("goal", goal, "give a goal's id")))
    deadline = a_date("by", by) if by is not None else profile.goals[index].deadline
    if deadline is None:
        raise EminenceError(f"goal {goal!r} has no deadline; give the date with by=...")
    if deadline > profile.capacity.latest_date:
        raise EminenceError(
            f"by={deadline.isoformat()} is more than ten years after the start; plans look "
            f"ten years ahead at most, so give a date by "
            f"{profile.capacity.latest_date.isoformat()}"
        )
    if deadline <= profile.capacity.start:
        raise EminenceError(
            f"by={deadline.isoformat()} is not after the plan's start "
            f"({profile.capacity.start.isoformat()}); give a later date"
        )
    # The goal's deadline becomes the date asked about; everything else stays as given.
    dated = profile.goals[index].model_copy(update={"deadline": deadline})
    goals = (*profile.goals[:index], dated, *profile.goals[index + 1 :])
    planner = Planner(
        profile.model_copy(update={"goals": goals}),
        seed=seed,
        trials=trials,
        horizon_weeks=horizon_weeks,
    )

    found = planner.reach(index, confidence)
    if found.hours_per_week is None:
        explanation = (
            f"no amount up to 168 h/week reaches it by {deadline.isoformat()} with "
            f"{figures.chance(confidence)} confidence: the best chance is "
            f"{figures.chance(found.chance)}"
        )
    else:
        explanation = (
            f"{figures.hours_per_week(found.hours_per_week)} h/week reach it by "
            f"{deadline.isoformat()}: chance {figures.chance(found.chance)}"
        )
    return RequiredHours(
        goal=goal,
        by=deadline,
        confidence=confidence,
        hours_per_week=found.hours_per_week,
        chance=found.chance,
        chance_at_most=found.chance_at_most,
        explanation=explanation,
    )


def compare(*plans: Plan, labels: Sequence[str] | None = None) -> Comparison:
    """Plans side by side: hours, the venues they favour, and every goal's projection.

    Labels default to the profile's name and its hours per week.
    """
    if not plans:
        raise EminenceError("compare needs at least one plan")
    for index, one in enumerate(plans):
        an_instance(f"plans[{index}]", one, Plan, "make one with em.plan(profile)")
    if labels is not None:
        if isinstance(labels, str) or not isinstance(labels, Sequence):
            raise InvalidArgumentError(
                "labels", f"labels must be a list of text, one per plan, not {labels!r:.60}"
            )
        labels = [text_of(f"labels[{i}]", label) for i, label in enumerate(labels)]
    if labels is not None and len(labels) != len(plans):
        raise EminenceError(f"{len(labels)} labels for {len(plans)} plans; give one per plan")
    names = labels or [
        f"{one.profile.name} at {figures.hours_per_week(one.profile.capacity.hours_per_week)}"
        " h/week"
        for one in plans
    ]
    scenarios = tuple(
        Scenario(
            label=label,
            hours_per_week=one.allocation.hours_per_week,
            top_venues=tuple(
                venue.venue
                for venue in sorted(one.allocation.venues, key=lambda v: -v.hours_per_week)
                if venue.hours_per_week > 0
            )[:3],
            goals=one.projections.goals,
        )
        for label, one in zip(names, plans, strict=True)
    )
    return Comparison(scenarios=scenarios)


def _hours(value: float) -> float:
    hours = float(value)
    if not MIN_HOURS_PER_WEEK <= hours <= HOURS_IN_A_WEEK:
        raise EminenceError(f"hours per week must be from 0.01 to 168, not {value!r}")
    return hours


def _projections(
    planner: Planner, hours_per_week: float, goals: Sequence[int] | None = None
) -> tuple[GoalProjection, ...]:
    allocation, inputs = planner.allocation(hours_per_week)
    return planner.project(allocation, inputs, goals).goals
