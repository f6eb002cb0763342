"""What the expert wants to achieve, among which clients, by when."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from eminence.model._base import Record
from eminence.model.quantities import Id, Text

__all__ = ("Goal",)


class Goal(Record):
    """A target amount of a metric among chosen segments, by an optional deadline.

    An empty ``segments`` means every segment of the profile. ``priority`` weighs goals
    against each other when hours are split (2 counts twice as much as 1).
    """

    id: Id
    name: Text = ""
    metric: Id
    target: Annotated[float, Field(ge=1e-3, le=1e12, allow_inf_nan=False)]
    segments: tuple[Id, ...] = ()
    deadline: dt.date | None = None
    priority: Annotated[float, Field(gt=0.0, le=1_000.0, allow_inf_nan=False)] = 1.0
