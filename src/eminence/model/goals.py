"""What the expert wants to achieve, among which clients, by when: an amount, or a rate held."""

from __future__ import annotations

import math
from typing import Annotated, ClassVar, Self

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from eminence.model._base import Choice, Record, without_unwritten_defaults
from eminence.model._figures import quantity
from eminence.model.quantities import Date, Id, NotBool, Text

__all__ = ("Goal", "RatePeriod", "Vanity", "rate_words")

WEEKS_IN_A_YEAR = 52.1775
"""The mean Gregorian year in weeks: a month and a quarter are its twelfth and its fourth."""


_LONGEST_HELD_WEEKS = 520
"""A rate is held for at most the longest horizon (ten years): the work of projecting it
grows with the periods it must hold."""


class RatePeriod(Choice):
    """The period a rate goal counts over: "5 enquiries a quarter"."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def weeks(self) -> float:
        """The period's length in weeks (a month is a twelfth of the mean year)."""
        per_year = {"week": WEEKS_IN_A_YEAR, "month": 12.0, "quarter": 4.0, "year": 1.0}
        return WEEKS_IN_A_YEAR / per_year[self.value]


class Vanity(Choice):
    """Whether vanity goals (on activity or reach) steer the hours, or are only tracked.

    The essays warn that followers and posts made show effort, not value: a vanity goal that
    steers takes hours from the goals on engagement and value. Tracked, it weighs nothing in
    the ranking, the split or the choice of events, and is still projected and reported.
    """

    STEER = "steer"
    """Every goal weighs by its priority, vanity goals too (as before there was a choice)."""
    TRACK = "track"
    """Vanity goals are projected and reported, and weigh nothing in where the hours go."""


class Goal(Record):
    """A target amount of a metric among chosen segments, by an optional deadline.

    An empty ``segments`` means every segment of the profile. ``priority`` weighs goals
    against each other when hours are split (2 counts twice as much as 1).

    ``starting_level`` is how much of a stock metric (one that churns) is already there when
    the plan starts, such as the engaged audience built so far; it churns away from there like
    the rest. A counted metric has no level to keep: lower its ``target`` by what is already
    achieved instead (a re-forecast does both).

    With ``per`` the goal is a rate of a counted metric: ``target`` outcomes in every
    ``per`` (week, month, quarter, year), "5 enquiries a quarter". It is reached on the first
    date when each of the ``held_for`` consecutive periods ending on it counts at least the
    target (one period unless given): a rate held, not an amount reached once.
    ``recent_counts`` are a rate goal's outcomes in each of the weeks just before the start,
    oldest first: they count toward the periods that run across the start, as a stock's
    ``starting_level`` does toward its level (a re-forecast carries the log's last periods
    here, so that what was counted this quarter counts toward this quarter's rate).
    """

    id: Id
    name: Text = ""
    metric: Id
    target: Annotated[float, Field(ge=1e-3, le=1e12, allow_inf_nan=False), NotBool]
    segments: tuple[Id, ...] = ()
    deadline: Date | None = None
    priority: Annotated[float, Field(gt=0.0, le=1_000.0, allow_inf_nan=False), NotBool] = 1.0
    starting_level: Annotated[float, Field(ge=0.0, le=1e12, allow_inf_nan=False), NotBool] = 0.0
    per: RatePeriod | None = None
    held_for: Annotated[int, Field(ge=1, le=520), NotBool] = 1
    recent_counts: Annotated[
        tuple[Annotated[float, Field(ge=0.0, le=1e12, allow_inf_nan=False), NotBool], ...],
        Field(max_length=520),
    ] = ()

    # Left out of the JSON while unused, so that a goal of an amount is written as before.
    UNWRITTEN_DEFAULTS: ClassVar[tuple[str, ...]] = ("per", "held_for", "recent_counts")

    # No return annotation: pydantic would take it for the written form's JSON Schema.
    @model_serializer(mode="wrap")
    def _unused_left_out(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        return without_unwritten_defaults(self, handler(self))

    @model_validator(mode="after")
    def _held_needs_a_period(self) -> Self:
        if self.held_for != 1 and self.per is None:
            raise ValueError(
                f"held_for {self.held_for} counts periods, but the goal has no 'per'; give "
                "the period the rate is counted over (per: quarter) or leave held_for out"
            )
        if self.per is not None and self.held_for * self.per.weeks > _LONGEST_HELD_WEEKS + 1e-9:
            most = math.floor(_LONGEST_HELD_WEEKS / self.per.weeks + 1e-9)
            raise ValueError(
                f"held_for {self.held_for} {self.per.value}s runs longer than the longest plan "
                f"({_LONGEST_HELD_WEEKS} weeks, ten years), so the rate could never be seen "
                f"held; ask for at most {most} {self.per.value}s running"
            )
        if self.recent_counts and self.per is None:
            raise ValueError(
                "recent_counts count toward a rate's periods, but the goal has no 'per'; give "
                "the period (per: quarter), or lower the target by what is achieved instead"
            )
        return self

    @property
    def is_rate(self) -> bool:
        """True for a rate held over periods ("5 a quarter"), not an amount reached once."""
        return self.per is not None

    @property
    def least_amount(self) -> float:
        """The least amount of the metric that reaching the goal takes: the target, or for
        a rate, the target in each of the periods it must hold."""
        return self.target * self.held_for

    def rate_words(self, unit: str) -> str:
        """The rate as people say it, such as '5 enquiries a quarter, 4 quarters running'."""
        return rate_words(self.target, unit, self.per, self.held_for)


def rate_words(target: float, unit: str, per: RatePeriod | None, held_for: int = 1) -> str:
    """A target as people say it: an amount ('20 enquiries'), or a rate held over periods.

    >>> rate_words(5, "enquiries", RatePeriod.QUARTER, 4), rate_words(18.94, "", None)
    ('5 enquiries a quarter, 4 quarters running', '18.9')
    """
    amount = f"{quantity(target)} {unit}".strip()
    if per is None:
        return amount
    held = f", {held_for} {per.value}s running" if held_for > 1 else ""
    return f"{amount} a {per.value}{held}"
