"""The dated schedule: what to do on which day, stored as rules, expanded on demand.

A recurring block (listening at a venue, contributions there, the monthly review) is one
item with an RFC 5545 rule, the last day it may fall on and the days it skips; a single block
(preparation, an event, a proposal deadline) is an item without a rule. Storing rules keeps a
plan small and lets a calendar recur them itself; `Schedule.occurrences` expands them within
a window, capped so that no request can produce millions of items.

Times are wall-clock times in the schedule's IANA time zone. A time that a daylight-saving
change skips (02:30 on the night clocks go forward) is read with the offset before the gap,
so it happens at the same instant as 03:30; a time that occurs twice (the night clocks go
back) is its first occurrence. Both are the rules of RFC 5545, and of Python's ``fold=0``.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import Annotated, Self

from pydantic import Field, model_validator

from eminence.errors import EminenceError, Problem
from eminence.model._base import Choice, Record, Tabular
from eminence.model.recurrence import parse_rule
from eminence.model.venues import Voice
from eminence.planning.results._bounds import NonNegative

__all__ = (
    "MAX_OCCURRENCES",
    "PROPOSAL_ALARM",
    "ItemKind",
    "Occurrence",
    "Schedule",
    "ScheduleItem",
)

MAX_OCCURRENCES = 100_000
"""The most occurrences one expansion returns: ten years of a dozen daily blocks fit."""

PROPOSAL_ALARM = dt.timedelta(days=7)
"""How long before a proposal deadline the calendar reminds you."""


class ItemKind(Choice):
    """What a block of the schedule is for."""

    LISTENING = "listening"
    """Reading a venue before contributing there (law 1)."""
    CONTRIBUTION = "contribution"
    """Posts, answers, articles, talks: the weekly split at work."""
    PREPARATION = "preparation"
    """Work for a taken event, in a slot the contributions give up."""
    PROPOSAL_DEADLINE = "proposal_deadline"
    """The day an event's call for proposals closes; all day, with a reminder."""
    EVENT = "event"
    """The event itself; all day, with its attendance hours."""
    REVIEW = "review"
    """A monthly look at the results, to log them and re-forecast; all day."""

    @property
    def is_work(self) -> bool:
        """True for the timed blocks the weekly hours pay for."""
        return self in _WORK

    @property
    def is_spoken(self) -> bool:
        """True for the blocks that speak at a venue, in its voice: contributions, a talk's
        preparation and proposal, the event. Listening says nothing."""
        return self in _SPOKEN


_WORK = frozenset({ItemKind.LISTENING, ItemKind.CONTRIBUTION, ItemKind.PREPARATION})
_SPOKEN = frozenset(
    {ItemKind.CONTRIBUTION, ItemKind.PREPARATION, ItemKind.PROPOSAL_DEADLINE, ItemKind.EVENT}
)


class ScheduleItem(Record):
    """One block, once or recurring, with the hours and contributions of each occurrence.

    ``uid`` is derived from ids, so a re-planned schedule keeps the uids of the same blocks.
    ``contributions`` are whole. ``weeks`` is how many weeks of a venue's hours one occurrence
    gathers: more than one where the weekly hours are shorter than the shortest block.
    ``time`` is None for an all-day item. ``rule`` is an RRULE without COUNT or UNTIL; the
    rule stops on ``until`` and skips the days in ``exceptions``. A contribution block names
    the ``topics`` its occurrences speak to, a week each in turn, and its ``description``
    says why each was chosen. A block that speaks at a venue has the venue's ``voice``, and in
    the firm's voice its ``protocol``; a listening block or a review has no voice.
    """

    uid: Annotated[str, Field(min_length=1, max_length=200)]
    kind: ItemKind
    title: str
    venue: str | None = None
    event: str | None = None
    goals: tuple[str, ...] = ()
    day: dt.date
    time: dt.time | None = None
    hours: NonNegative
    contributions: NonNegative = 0.0
    weeks: Annotated[int, Field(ge=1, le=52)] = 1
    rule: str | None = None
    until: dt.date | None = None
    exceptions: tuple[dt.date, ...] = ()
    topics: tuple[str, ...] = ()
    description: str = ""
    voice: Voice | None = None
    protocol: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = []
        if self.protocol and self.voice is not Voice.FIRM:
            problems.append(Problem("protocol", "only a block in the firm's voice has a protocol"))
        if self.rule is not None:
            try:
                parsed = parse_rule(self.rule)
            except ValueError as error:
                problems.append(Problem("rule", str(error)))
            else:
                if parsed.count is not None or parsed.until is not None:
                    problems.append(Problem("rule", "give the last day in until, not the rule"))
            if self.until is None:
                problems.append(Problem("until", "a recurring item needs its last day"))
        elif self.until is not None or self.exceptions:
            problems.append(Problem("until", "only a recurring item has until and exceptions"))
        if self.time is None and self.kind.is_work:
            problems.append(Problem("time", f"a {self.kind.value} block needs a time of day"))
        self._reject(problems)
        return self

    @property
    def heading(self) -> str:
        """The title with its first topic: what one calendar entry for every week says (its
        description lists the topics in turn)."""
        if not self.topics:
            return self.title
        more = len(self.topics) - 1
        return f"{self.title} on {self.topics[0]}" + (f" (+{more} in turn)" if more else "")

    @property
    def spoken_as(self) -> str:
        """How a block in the firm's voice is spoken: "in the firm's voice — protocol: …".

        Empty in the expert's own voice, the default, so a personal plan reads as before.
        """
        if self.voice is not Voice.FIRM:
            return ""
        return "in the firm's voice" + (f" — protocol: {self.protocol}" if self.protocol else "")

    @property
    def duration(self) -> dt.timedelta:
        """How long a timed block lasts in the calendar: its hours to the minute."""
        return dt.timedelta(minutes=max(1, round(self.hours * 60)))

    def days(self, first: dt.date | None = None, last: dt.date | None = None) -> list[dt.date]:
        """The days it happens on, from ``first`` to ``last`` inclusive (default: all)."""
        first = self.day if first is None else max(first, self.day)
        if self.rule is None:
            return [self.day] if last is None or first <= self.day <= last else []
        assert self.until is not None
        last = self.until if last is None else min(last, self.until)
        if last < first:
            return []
        skipped = set(self.exceptions)
        # Counted from the item's first day, given from ``first``: a late window costs its days.
        days = parse_rule(self.rule).days(first, last, self.day)
        return [day for day in days if day not in skipped]

    def turns(
        self, first: dt.date | None = None, last: dt.date | None = None
    ) -> list[tuple[dt.date, str | None]]:
        """Each day it happens on, with the topic it speaks to: the week's turn of ``topics``.

        Turns pass only in the weeks it happens in, so a week off skips no topic.
        """
        if not self.topics:
            return [(day, None) for day in self.days(first, last)]
        turns: list[tuple[dt.date, str | None]] = []
        week, turn = None, -1
        for day in self.days(None, last):
            if (day - self.day).days // 7 != week:
                week, turn = (day - self.day).days // 7, turn + 1
            if first is None or day >= first:
                turns.append((day, self.topics[turn % len(self.topics)]))
        return turns


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One dated block of an item: its start and end in the schedule's zone, or a whole day."""

    uid: str
    kind: ItemKind
    title: str
    """The item's title, and the topic of the day when it has topics."""
    venue: str | None
    event: str | None
    topic: str | None
    day: dt.date
    start: dt.datetime | None
    """Time-zone aware; None for an all-day item."""
    end: dt.datetime | None
    hours: float
    contributions: float
    voice: Voice | None = None


class Schedule(Tabular):
    """Every dated block of a plan, from its start to its horizon, in the expert's time zone.

    ``time_zone`` is the profile's, or UTC when the profile gives none. The work blocks of a
    week (listening, contributions, preparation) never take more than the week's capacity: the
    hours per week times the share of its days that are available. ``dropped_hours`` is work
    no block holds: blocks a full week gives up, hours past the working day or too thin for a
    block, listening its window's weeks had no room for. ``unplaced_hours`` is event
    preparation for which the weeks before its due date had no slot left.
    """

    time_zone: str
    start: dt.date
    until: dt.date
    hours_per_week: Annotated[float, Field(gt=0.0, le=168.0)]
    items: tuple[ScheduleItem, ...]
    dropped_hours: NonNegative = 0.0
    unplaced_hours: NonNegative = 0.0

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The schedule's time zone."""
        return zoneinfo.ZoneInfo(self.time_zone)

    def item(self, uid: str) -> ScheduleItem:
        """The item with this uid."""
        for item in self.items:
            if item.uid == uid:
                return item
        raise KeyError(uid)

    def occurrences(
        self,
        first: dt.date | None = None,
        last: dt.date | None = None,
        *,
        limit: int = MAX_OCCURRENCES,
    ) -> list[Occurrence]:
        """Every occurrence from ``first`` to ``last`` inclusive, in time order.

        Raises `EminenceError` rather than return more than ``limit`` occurrences: ask for a
        shorter window instead.

        Examples
        --------
        >>> import eminence as em
        >>> plan = em.plan(em.example("consultant"), trials=200)
        >>> first = plan.schedule.item("listening.pmi-chapter").day
        >>> [o.title for o in plan.schedule.occurrences(last=first)]
        ['Listen at Local PMI chapter (Chicago area)']
        """
        zone = self.zone
        found: list[Occurrence] = []
        for item in self.items:
            for day, topic in item.turns(first, last):
                found.append(_occurrence(item, day, topic, zone))
                if len(found) > limit:
                    raise EminenceError(
                        f"more than {limit:,} occurrences from {first or self.start} to "
                        f"{last or self.until}; ask for a shorter window"
                    )
        found.sort(
            key=lambda o: (o.day, o.start is not None, o.start.timestamp() if o.start else 0, o.uid)
        )
        return found


def _order(occurrence: Occurrence) -> tuple[dt.date, float, str]:
    """By day, all-day items first, then by start."""
    start = occurrence.start
    return occurrence.day, -1.0 if start is None else start.timestamp(), occurrence.uid


def local_start(day: dt.date, time: dt.time, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The aware start of a wall-clock time: a skipped time moves past the gap, a repeated
    one is its first occurrence (RFC 5545).

    Worked out from the zone's two readings of the wall time, never through UTC, whose
    instant lies outside the calendar for the first day of year 1 east of Greenwich.
    """
    wall = dt.datetime.combine(day, time, tzinfo=zone)  # fold=0: the earlier offset
    before, after = wall.utcoffset(), wall.replace(fold=1).utcoffset()
    assert before is not None
    assert after is not None
    if after > before:  # a gap: the clocks jumped over this time, so it moves past the jump
        return (wall.replace(tzinfo=None) + (after - before)).replace(tzinfo=zone)
    return wall


def _end(start: dt.datetime, duration: dt.timedelta, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The aware end, ``duration`` of elapsed time after ``start``."""
    try:
        return (start.astimezone(dt.UTC) + duration).astimezone(zone)
    except OverflowError:
        # Within a day of the calendar's ends, in UTC beyond them: no zone changes its offset
        # there, so the wall clock moves as elapsed time does.
        return start + duration


def _occurrence(
    item: ScheduleItem, day: dt.date, topic: str | None, zone: zoneinfo.ZoneInfo
) -> Occurrence:
    start = end = None
    if item.time is not None:
        start = local_start(day, item.time, zone)
        end = _end(start, item.duration, zone)
    return Occurrence(
        uid=item.uid,
        kind=item.kind,
        title=item.title if topic is None else f"{item.title} on {topic}",
        venue=item.venue,
        event=item.event,
        topic=topic,
        day=day,
        start=start,
        end=end,
        hours=item.hours,
        contributions=item.contributions,
        voice=item.voice,
    )
