"""Quantities with their own meaning: ids, shares, hours, hours per week, money, estimates.

Hours (an amount of work) and hours per week (a rate) are distinct aliases so that a field's
type says which it is; every number is finite, because NaN and infinity have no meaning in a
plan.
"""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import (
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from eminence.model._base import Record

__all__ = (
    "ContributionsPerWeek",
    "Estimate",
    "Hours",
    "HoursPerWeek",
    "Id",
    "Money",
    "Share",
    "Text",
)

HOURS_IN_A_WEEK = 168.0

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", min_length=1, max_length=64),
]
"""A reference name: letters, digits, ``_``, ``.`` and ``-``; starts with a letter or digit."""

Text = Annotated[str, StringConstraints(max_length=2_000)]
"""Free text for people to read: a name, a description, a reason."""

Share = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
"""A fraction from 0 (none) to 1 (all)."""

MAX_HOURS = 10_000.0

Hours = Annotated[float, Field(ge=0.0, le=MAX_HOURS, allow_inf_nan=False)]
"""An amount of work in hours, at most 10,000 (five working years): larger is a typo."""

HoursPerWeek = Annotated[float, Field(gt=0.0, le=HOURS_IN_A_WEEK, allow_inf_nan=False)]
"""A rate of work: hours in each week, more than 0 and at most the 168 hours a week has."""

Money = Annotated[float, Field(ge=0.0, le=1e12, allow_inf_nan=False)]
"""An amount of money in the profile's currency."""

ContributionsPerWeek = Annotated[float, Field(ge=1e-3, le=1_000.0, allow_inf_nan=False)]
"""A cadence: contributions (posts, answers, talks) in each week."""


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

    low: Annotated[float, Field(ge=0.0, le=1e12, allow_inf_nan=False)]
    likely: Annotated[float, Field(ge=0.0, le=1e12, allow_inf_nan=False)]
    high: Annotated[float, Field(ge=0.0, le=1e12, allow_inf_nan=False)]

    @classmethod
    def exactly(cls, value: float) -> Self:
        """A certain quantity."""
        return cls(low=value, likely=value, high=value)

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, data: Any) -> Any:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return {"low": data, "likely": data, "high": data}
        return data

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.low <= self.likely <= self.high:
            raise ValueError(
                f"low ({self.low:g}) <= likely ({self.likely:g}) <= high ({self.high:g}) "
                "does not hold; reorder the three values"
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
            "anyOf": [{"type": "number", "minimum": 0}, as_object],
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
