"""Established experts: where they speak and how often, the baseline for a sensible cadence."""

from __future__ import annotations

from eminence.model._base import FrozenMap, Record
from eminence.model.quantities import ContributionsPerWeek, Id, Text

__all__ = ("Peer",)


class Peer(Record):
    """An established expert in the space, with contributions per week at each venue."""

    id: Id
    name: Text = ""
    cadence: FrozenMap[Id, ContributionsPerWeek]
    topics: tuple[Id, ...] = ()
