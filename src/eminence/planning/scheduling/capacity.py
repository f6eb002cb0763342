"""A week over its capacity gives up contribution blocks, the least important venue's latest
first."""

from __future__ import annotations

from eminence.planning.results.schedule import ItemKind
from eminence.planning.scheduling.days import _TOLERANCE, _Days, _Stream

_Block = tuple[_Stream, int]


def _fit(streams: list[_Stream], hours_per_week: float, days: _Days) -> float:
    """Skip contribution blocks where a week's work would exceed its capacity, and blocks
    shorter than the shortest; cut blocks longer than the working day to it; the hours lost.

    A week's capacity is the hours per week times the share of its working days that are
    available, and no more than the working time of those days. A block that gathers several
    weeks of a venue's hours counts a week's share in each of the weeks it gathers (its own
    and those before it), so gathering never looks like overwork.
    """
    dropped = 0.0
    for stream in streams:
        if stream.hours < days.min_hours - _TOLERANCE:
            # Hours so thin that a year of them is shorter than the shortest block: no block.
            dropped += stream.hours * len(stream.kept())
            stream.skipped.update(stream.days)
        elif stream.hours > days.window_hours:
            # No block runs past the working day: the hours beyond it do not fit in it.
            dropped += (stream.hours - days.window_hours) * len(stream.kept())
            stream.hours = days.window_hours
    weeks = days.count // 7
    load = [0.0] * weeks
    contributions: list[list[_Block]] = [[] for _ in range(weeks)]
    for stream in streams:
        for day in stream.kept():
            gathered = _gathered(stream, day, days)
            for week in gathered:
                load[week] += stream.hours / len(gathered)
                if stream.kind is ItemKind.CONTRIBUTION:
                    contributions[week].append((stream, day))
    for week in range(weeks):
        working = sum(days.working[7 * week : 7 * week + 7])
        room = min(hours_per_week * working / len(days.workdays), working * days.window_hours)
        blocks = [block for block in contributions[week] if block[1] not in block[0].skipped]
        while load[week] > room + _TOLERANCE and blocks:
            block = _to_drop(blocks, load[week] - room, days)
            blocks.remove(block)
            stream, day = block
            stream.skipped.add(day)
            gathered = _gathered(stream, day, days)
            for earlier in gathered:
                load[earlier] -= stream.hours / len(gathered)
            dropped += stream.hours
    return dropped


def _gathered(stream: _Stream, day: int, days: _Days) -> list[int]:
    """The weeks whose hours a block on ``day`` gathers: its own and the ones before it that
    have a working day (a week off gives no hours to gather)."""
    found = [day // 7]
    week = day // 7 - 1
    while len(found) < stream.weeks and week >= 0:
        if any(days.working[7 * week : 7 * week + 7]):
            found.append(week)
        week -= 1
    return found


def _to_drop(blocks: list[_Block], excess: float, days: _Days) -> _Block:
    """The smallest block that removes the excess (the least important venue's, its latest),
    else the largest: the fewest hours given up. A block on one of its venue's preferred days
    gives way last, so that the days the venue keeps are the ones it prefers."""

    def elsewhere(block: _Block) -> bool:
        return bool(block[0].preferred) and days.weekday(block[1]) not in block[0].preferred

    enough = [block for block in blocks if block[0].hours / block[0].weeks >= excess - _TOLERANCE]
    if enough:
        return min(enough, key=lambda b: (not elsewhere(b), b[0].hours, -b[0].rank, -b[1]))
    return max(blocks, key=lambda b: (elsewhere(b), b[0].hours / b[0].weeks, b[0].rank, b[1]))
