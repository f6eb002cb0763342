"""A week over its capacity gives up contribution blocks, the least important venue's latest
first."""

from __future__ import annotations

import heapq

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
        blocks = _Drops([b for b in contributions[week] if b[1] not in b[0].skipped], days)
        while load[week] > room + _TOLERANCE and blocks.left:
            stream, day = blocks.next(load[week] - room)
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


class _Drops:
    """A week's blocks in the order they give way: each time, the smallest block that removes
    the excess (the least important venue's, its latest), else the largest, so the fewest
    hours are given up. A block on one of its venue's preferred days gives way last, so that
    the days the venue keeps are the ones it prefers. Among equals, the earliest in the list.

    A week can hold thousands of blocks and give up most of them, so the blocks are not
    scanned for each one given up: the excess only falls, so a block's share of a week,
    once enough to remove it, stays enough. The blocks, sorted by share once, join a heap of
    those that are enough as the excess falls; a second heap holds all of them, largest
    first, and passes over those already given up. O(n log n) in the week's blocks.
    """

    def __init__(self, blocks: list[_Block], days: _Days) -> None:
        self.blocks = blocks
        self.left = len(blocks)
        self.gone = [False] * len(blocks)
        self.share = [stream.hours / stream.weeks for stream, _ in blocks]
        self.elsewhere = [_elsewhere(block, days) for block in blocks]
        self.by_share = sorted(range(len(blocks)), key=lambda i: -self.share[i])
        self.joined = 0
        self.enough: list[tuple[bool, float, int, int, int]] = []
        self.largest = [
            (-self.elsewhere[i], -self.share[i], -block[0].rank, -block[1], i)
            for i, block in enumerate(blocks)
        ]
        heapq.heapify(self.largest)

    def next(self, excess: float) -> _Block:
        """The next block to give up while the week is ``excess`` hours over."""
        while self.joined < len(self.by_share):
            i = self.by_share[self.joined]
            if self.share[i] < excess - _TOLERANCE:
                break
            self.joined += 1
            if not self.gone[i]:
                stream, day = self.blocks[i]
                key = (not self.elsewhere[i], stream.hours, -stream.rank, -day, i)
                heapq.heappush(self.enough, key)
        if self.enough:
            i = heapq.heappop(self.enough)[-1]
        else:
            while self.gone[self.largest[0][-1]]:
                heapq.heappop(self.largest)
            i = heapq.heappop(self.largest)[-1]
        self.gone[i] = True
        self.left -= 1
        return self.blocks[i]


def _elsewhere(block: _Block, days: _Days) -> bool:
    """Whether a block falls off its venue's preferred days (a venue without any has none)."""
    return bool(block[0].preferred) and days.weekday(block[1]) not in block[0].preferred
