"""Groups of clients, their size, needs and value."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from eminence.model._base import FrozenMap, Record
from eminence.model.quantities import Id, Money, NotBool, Share, Text

__all__ = ("Segment",)


class Segment(Record):
    """A group of clients: how many there are, what they need, what winning one is worth.

    ``needs`` maps topic ids to importance from 0 (irrelevant) to 1 (what keeps them awake).
    """

    id: Id
    name: Text = ""
    size: Annotated[int, Field(ge=1, le=10_000_000_000), NotBool]
    needs: FrozenMap[Id, Share]
    value_of_client: Money | None = None
