"""The bounds every result's numbers keep, checked when a result is made or read."""

from typing import Annotated

from pydantic import Field

__all__ = ("NonNegative", "Probability")

NonNegative = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]
Probability = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
