"""What a schedule books in a period, by venue and by event: the dated work that costs read.

The schedule is the dated truth a user sees (whole contributions at their rhythm, blocks
gathered to the shortest block, preparation in the slots it takes), so the hours and money of
a period are summed from its blocks, never worked out again beside it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from eminence.planning.results.schedule import ItemKind, Schedule

__all__ = ("Booked", "booked")


@dataclass(frozen=True, slots=True)
class Booked:
    """The blocks a schedule books in a period, summed exactly.

    Each dictionary is keyed by venue id (a venue's own work) or event id (work for an event,
    whatever venue it is at); an event's ``attended`` holds its attendance hours when its day
    falls in the period.
    """

    listening: dict[str, float] = field(default_factory=dict)
    contributing: dict[str, float] = field(default_factory=dict)
    contributions: dict[str, float] = field(default_factory=dict)
    event_work: dict[str, float] = field(default_factory=dict)
    attended: dict[str, float] = field(default_factory=dict)


def booked(schedule: Schedule, first: dt.date, last: dt.date) -> Booked:
    """The work, contributions and events ``schedule`` books from ``first`` to ``last``.

    Each item's days in the period times its hours: the occurrences' own sums, without making
    them (`Schedule.occurrences`).
    """
    parts: dict[str, defaultdict[str, list[float]]] = {
        name: defaultdict(list)
        for name in ("listening", "contributing", "contributions", "event_work", "attended")
    }
    for item in schedule.items:
        if item.venue is None or not (item.kind.is_work or item.kind is ItemKind.EVENT):
            continue
        days = len(item.days(first, last))
        if not days:
            continue
        if item.event is not None:
            part = "attended" if item.kind is ItemKind.EVENT else "event_work"
            parts[part][item.event].append(days * item.hours)
        elif item.kind is ItemKind.LISTENING:
            parts["listening"][item.venue].append(days * item.hours)
        else:
            parts["contributing"][item.venue].append(days * item.hours)
            parts["contributions"][item.venue].append(days * item.contributions)
    # Exact sums: the order of the schedule's items changes no bit.
    sums = {name: {key: math.fsum(v) for key, v in part.items()} for name, part in parts.items()}
    return Booked(**sums)
