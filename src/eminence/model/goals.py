"""What the expert wants to achieve, among which clients, by when."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from eminence.model._base import Record
from eminence.model.quantities import Date, Id, NotBool, Text

__all__ = ("Goal",)


class Goal(Record):
    """A target amount of a metric among chosen segments, by an optional deadline.

    An empty ``segments`` means every segment of the profile. ``priority`` weighs goals
    against each other when hours are split (2 counts twice as much as 1).

    ``starting_level`` is how much of a stock metric (one that churns) is already there when
    the plan starts, such as the engaged audience built so far; it churns away from there like
    the rest. A counted metric has no level to keep: lower its ``target`` by what is already
    achieved instead (a re-forecast does both).
    """

    id: Id
    name: Text = ""
    metric: Id
    target: Annotated[float, Field(ge=1e-3, le=1e12, allow_inf_nan=False), NotBool]
    segments: tuple[Id, ...] = ()
    deadline: Date | None = None
    priority: Annotated[float, Field(gt=0.0, le=1_000.0, allow_inf_nan=False), NotBool] = 1.0
    starting_level: Annotated[float, Field(ge=0.0, le=1e12, allow_inf_nan=False), NotBool] = 0.0
