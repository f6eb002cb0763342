"""How much time the expert can give, from when, and when not."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import ClassVar, Self

from pydantic import (
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from eminence.errors import Problem
from eminence.model._base import Record, without_unwritten_defaults
from eminence.model.quantities import Date, HoursPerWeek, Money, Text
from eminence.model.working_time import (
    MIN_BLOCK_MINUTES,
    WORKING_WEEK,
    Weekday,
    WorkingHours,
    repeated_days,
)

__all__ = ("Capacity", "Period")


class Period(Record):
    """Days off the plan, from ``start`` to ``end`` inclusive: a holiday, leave, a busy quarter."""

    start: Date
    end: Date
    reason: Text = ""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(
                f"end {self.end.isoformat()} is before start {self.start.isoformat()}; swap them"
            )
        return self


LATEST_START = dt.date(9989, 12, 31)
"""Plans look up to ten years ahead, and the calendar ends in 9999."""

PLAN_YEARS_WEEKS = 520
"""Ten years of weeks: the furthest a plan looks."""


class Capacity(Record):
    """Hours per week the expert gives, from an explicit start date (no hidden clock).

    ``time_zone`` is an IANA name such as ``Europe/Paris``; it places dated work in the
    expert's own calendar. ``hourly_rate`` prices the hours for the cost of eminence.

    The schedule places work on ``working_days`` (default Monday to Friday) within
    ``working_hours`` (default 09:00 to 17:00), in blocks of at least ``min_block_minutes``
    (default 30): small daily slivers are gathered into fewer, real sessions.

    ``money_per_year`` is a yearly money budget the weekly split keeps within, next to the
    hours; leave it out for no budget (money is then costed but never weighed).
    """

    UNWRITTEN_DEFAULTS: ClassVar[tuple[str, ...]] = ("money_per_year",)

    # No return annotation: pydantic would take it for the written form's JSON Schema.
    @model_serializer(mode="wrap")
    def _unused_left_out(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        return without_unwritten_defaults(self, handler(self))

    hours_per_week: HoursPerWeek
    start: Date
    unavailable: tuple[Period, ...] = ()
    hourly_rate: Money | None = None
    time_zone: Text | None = None
    working_days: tuple[Weekday, ...] = WORKING_WEEK
    working_hours: WorkingHours = WorkingHours()
    min_block_minutes: MIN_BLOCK_MINUTES = 30
    money_per_year: Money | None = None

    @field_validator("start")
    @classmethod
    def _room_for_a_plan(cls, start: dt.date) -> dt.date:
        if start > LATEST_START:
            raise ValueError(
                f"{start.isoformat()} leaves less than ten years of calendar for the plan; "
                f"start on or before {LATEST_START.isoformat()}"
            )
        return start

    @field_validator("time_zone")
    @classmethod
    def _known_time_zone(cls, name: str | None) -> str | None:
        if name is None:
            return None
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            raise ValueError(
                f"{name!r} is not an IANA time zone; use a name such as 'Europe/London' "
                "or 'America/New_York'"
            ) from None
        return name

    @model_validator(mode="after")
    def _a_working_week(self) -> Self:
        problems = []
        if not self.working_days:
            problems.append(
                Problem("working_days", "no day to work on; give at least one, such as monday")
            )
        repeated = repeated_days(self.working_days)
        if repeated:
            problems.append(Problem("working_days", repeated))
        if self.min_block_minutes > self.working_hours.minutes:
            problems.append(
                Problem(
                    "min_block_minutes",
                    f"{self.min_block_minutes} minutes is longer than the working day of "
                    f"{self.working_hours.minutes} minutes; lower it or widen working_hours",
                )
            )
        self._reject(problems)
        return self

    @property
    def workday_indices(self) -> tuple[int, ...]:
        """The working days as `datetime.date.weekday` numbers, Monday (0) first."""
        return tuple(sorted(day.number for day in self.working_days))

    @property
    def latest_date(self) -> dt.date:
        """The last day a plan looks at: ten years (520 weeks) after the start."""
        return self.start + dt.timedelta(weeks=PLAN_YEARS_WEEKS)
