"""Quantities with their own meaning: ids, shares, hours, hours per week, money, estimates.

Hours (an amount of work) and hours per week (a rate) are distinct aliases so that a field's
type says which it is; every number is finite, because NaN and infinity have no meaning in a
plan.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Self

from pydantic import (
    BeforeValidator,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from eminence.model._base import Record, describe
from eminence.model._words import exact

__all__ = (
    "ContributionsPerWeek",
    "Date",
    "NotBool",
    "Estimate",
    "Hours",
    "HoursPerWeek",
    "Id",
    "MAX_ID_LENGTH",
    "Money",
    "Share",
    "Text",
)

HOURS_IN_A_WEEK = 168.0


def _not_true_or_false(value: object) -> object:
    if isinstance(value, bool):
        # pydantic would read true as 1: one hour a week, one client, a share of all.
        raise ValueError(f"must be a number, not {str(value).lower()}")
    return value


NotBool = BeforeValidator(_not_true_or_false)
"""Marks a number field that refuses true and false.

It goes last in the annotation, after the bounds: bounds placed after a validator are still
checked, but pydantic then writes them to the JSON Schema under its own names (``ge``, ``le``),
which no JSON Schema validator reads."""

_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
MAX_ID_LENGTH = 64
Id = Annotated[str, StringConstraints(pattern=_ID_PATTERN, min_length=1, max_length=MAX_ID_LENGTH)]
"""A reference name: letters, digits, ``_``, ``.`` and ``-``; starts with a letter or digit."""
describe(
    _ID_PATTERN,
    "is not an id: use letters, digits, '_', '.' and '-', starting with a letter or digit",
)

Text = Annotated[str, StringConstraints(max_length=2_000)]
"""Free text for people to read: a name, a description, a reason."""

Share = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False), NotBool]
"""A fraction from 0 (none) to 1 (all)."""

MAX_HOURS = 10_000.0

Hours = Annotated[float, Field(ge=0.0, le=MAX_HOURS, allow_inf_nan=False), NotBool]
"""An amount of work in hours, at most 10,000 (five working years): larger is a typo."""

MIN_HOURS_PER_WEEK = 0.01

HoursPerWeek = Annotated[
    float, Field(ge=MIN_HOURS_PER_WEEK, le=HOURS_IN_A_WEEK, allow_inf_nan=False), NotBool
]
"""A rate of work: hours in each week, from 0.01 (36 seconds: less is a typo) to the 168 hours
a week has."""


_DATE_AND_MORE = re.compile(r"\s*[0-9]+-[0-9]+-[0-9]+[^0-9]")


def _a_day_alone(value: object) -> object:
    if isinstance(value, int | float):
        # pydantic would read a number as seconds since 1970: 20270104 is in August 1970.
        raise ValueError(f"must be a date as YYYY-MM-DD, not the number {value!r:.40}")
    # pydantic would read a date and time at midnight as its day, whatever its time zone
    # says: "2027-01-01T00:00:00+14:00" is still 31 December in most of the world. JSON
    # Schema's "date" format refuses it too.
    if isinstance(value, dt.datetime) or (isinstance(value, str) and _DATE_AND_MORE.match(value)):
        raise ValueError(
            f"is a date and time; give the date alone, as YYYY-MM-DD, not {value!r:.60}"
        )
    return value


Date = Annotated[dt.date, BeforeValidator(_a_day_alone)]
"""A day in the calendar, written YYYY-MM-DD; never a number, nor a date and time."""

Money = Annotated[float, Field(ge=0.0, le=1e12, allow_inf_nan=False), NotBool]
"""An amount of money in the profile's currency."""

ContributionsPerWeek = Annotated[float, Field(ge=1e-3, le=1_000.0, allow_inf_nan=False), NotBool]
"""A cadence: contributions (posts, answers, talks) in each week."""


MAX_ESTIMATE = 1e12
"""The largest point of an estimate: a trillion hours, contributions or clients is a typo."""


class Estimate(Record):
    """An uncertain quantity from 0 to 10^12 as low / likely / high, as project managers estimate.

    A single number means certainty: ``Estimate.exactly(3)`` and the plain number ``3`` in a
    profile file are the same. Files write a certain estimate back as a plain number.

    Examples
    --------
    >>> Estimate(low=2, likely=3, high=6).mean
    3.3333333333333335
    >>> Estimate.model_validate(4)
    Estimate(low=4.0, likely=4.0, high=4.0)
    """

    low: Annotated[float, Field(ge=0.0, le=MAX_ESTIMATE, allow_inf_nan=False), NotBool]
    likely: Annotated[float, Field(ge=0.0, le=MAX_ESTIMATE, allow_inf_nan=False), NotBool]
    high: Annotated[float, Field(ge=0.0, le=MAX_ESTIMATE, allow_inf_nan=False), NotBool]

    @classmethod
    def exactly(cls, value: float) -> Self:
        """A certain quantity."""
        return cls(low=value, likely=value, high=value)

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, data: Any) -> Any:
        if isinstance(data, int | float) and not isinstance(data, bool):
            # Checked here, so that one bad number is one problem, not one for each point.
            if not math.isfinite(data):
                raise ValueError("must be a finite number, not NaN or infinity")
            if not 0 <= data <= MAX_ESTIMATE:
                raise ValueError(f"must be from 0 to 10^12 (got {data!r:.40})")
            return {"low": data, "likely": data, "high": data}
        return data

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.low <= self.likely <= self.high:
            raise ValueError(
                f"low ({exact(self.low)}) <= likely ({exact(self.likely)}) "
                f"<= high ({exact(self.high)}) does not hold; reorder the three values"
            )
        return self

    @model_serializer(mode="wrap")
    def _as_number_when_certain(self, handler: Any) -> Any:
        if self.is_certain:
            return self.likely
        return handler(self)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        as_object = handler(core_schema)
        return {
            "anyOf": [{"type": "number", "minimum": 0, "maximum": MAX_ESTIMATE}, as_object],
            "description": "A number when certain, else low / likely / high.",
        }

    @property
    def is_certain(self) -> bool:
        """True when low, likely and high agree."""
        return self.low == self.high

    @property
    def mean(self) -> float:
        """The PERT mean, (low + 4 likely + high) / 6: the likely value counts most."""
        return (self.low + 4.0 * self.likely + self.high) / 6.0

    def scaled(self, factor: float) -> Estimate:
        """The same uncertainty, every point multiplied by a non-negative factor."""
        return Estimate(low=self.low * factor, likely=self.likely * factor, high=self.high * factor)


describe("Estimate", "must be a number, or a mapping of low, likely and high")
