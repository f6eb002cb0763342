"""When in a week the expert works: the days, the daily window, and the shortest block worth
starting. The schedule places every block of work inside it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Self

from pydantic import Field, field_validator, model_validator

from eminence.model._base import Choice, Record
from eminence.model.quantities import NotBool

__all__ = ("MIN_BLOCK_MINUTES", "Weekday", "WorkingHours", "repeated_days")


class Weekday(Choice):
    """A day of the week, Monday first (as `datetime.date.weekday` counts)."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """Monday is 0, Sunday 6."""
        return _ORDER.index(self)

    @property
    def code(self) -> str:
        """The day as RFC 5545 names it in BYDAY: ``MO`` to ``SU``."""
        return self.value[:2].upper()


_ORDER = tuple(Weekday)

WORKING_WEEK = _ORDER[:5]
"""Monday to Friday: the working days unless a profile says otherwise."""


def repeated_days(days: tuple[Weekday, ...]) -> str | None:
    """What is wrong with a list of days that names one twice, if it does."""
    repeated = sorted({day for day in days if days.count(day) > 1}, key=lambda day: day.number)
    if not repeated:
        return None
    return f"{', '.join(day.value for day in repeated)} given twice; give each day once"


MIN_BLOCK_MINUTES = Annotated[int, Field(ge=5, le=24 * 60), NotBool]
"""Five minutes is the finest grain a calendar shows; a day is the coarsest."""


class WorkingHours(Record):
    """The daily window of work in the expert's time zone, from ``start`` to ``end``."""

    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(17, 0)

    @field_validator("start", "end")
    @classmethod
    def _a_time_of_day(cls, time: dt.time) -> dt.time:
        if time.tzinfo is not None:
            raise ValueError(
                "give the time without an offset: they are in capacity.time_zone, such as 09:00"
            )
        if time.second or time.microsecond:
            raise ValueError("give whole minutes, such as 09:00")
        return time

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end <= self.start:
            raise ValueError(
                f"end {self.end.isoformat('minutes')} is not after start "
                f"{self.start.isoformat('minutes')}; give a window within one day, such as "
                "09:00 to 17:00"
            )
        return self

    @property
    def minutes(self) -> int:
        """The window's length in minutes."""
        return _minute(self.end) - _minute(self.start)


def _minute(time: dt.time) -> int:
    return time.hour * 60 + time.minute
