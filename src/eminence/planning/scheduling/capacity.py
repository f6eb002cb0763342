"""A week over its capacity gives up contribution blocks, the least important venue's latest
first."""

from __future__ import annotations

from eminence.planning.results.schedule import ItemKind
from eminence.planning.scheduling.days import _TOLERANCE, _Days, _Stream


def _fit(streams: list[_Stream], hours_per_week: float, days: _Days) -> float:
    """Skip contribution blocks where a week's work would exceed its capacity; their hours."""
    weeks = days.count // 7
    load = [0.0] * weeks
    contributions: list[list[tuple[_Stream, int]]] = [[] for _ in range(weeks)]
    for stream in streams:
        for day in stream.kept():
            load[day // 7] += stream.hours
            if stream.kind is ItemKind.CONTRIBUTION:
                contributions[day // 7].append((stream, day))
    dropped = 0.0
    for week in range(weeks):
        room = hours_per_week * sum(days.available[7 * week : 7 * week + 7]) / 7.0
        blocks = contributions[week]
        while load[week] > room + _TOLERANCE and blocks:
            block = _to_drop(blocks, load[week] - room)
            blocks.remove(block)
            block[0].skipped.add(block[1])
            load[week] -= block[0].hours
            dropped += block[0].hours
    return dropped


def _to_drop(blocks: list[tuple[_Stream, int]], excess: float) -> tuple[_Stream, int]:
    """The smallest block that removes the excess (the least important venue's, its latest),
    else the largest: the fewest hours given up."""
    enough = [block for block in blocks if block[0].hours >= excess - _TOLERANCE]
    if enough:
        return min(enough, key=lambda b: (b[0].hours, -b[0].rank, -b[1]))
    return max(blocks, key=lambda b: (b[0].hours, b[0].rank, b[1]))
