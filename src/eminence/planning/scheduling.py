"""From a plan's parts to its dated schedule: a pure function of the profile, split and events.

Every venue with hours gets a listening block each available day from its listening date to
its first contribution, then a recurring contribution block. A venue's own RRULE gives the
days, counted from its anchor (``rrule_start``, else the plan's start) whenever the venue
starts, so that a re-forecast keeps them; otherwise `derived_rule` does, from contributions
per week. A block's hours are the
venue's weekly hours shared over its occurrences, so a week of blocks is the weekly split; a
rhythm slower than weekly has a block of one week's hours when a contribution is due and a
weekly block to work towards it in the other weeks, so no week holds more than its share.

Then, in order:

1. Days in unavailable periods are skipped (29 February and the 31st are skipped too where a
   month lacks them: the rule is RFC 5545's, which never moves a day).
2. A week whose work would exceed its capacity (the hours per week times the share of its days
   that are available; a venue starting mid-week) gives up contribution blocks, the least
   important venue's latest first; their hours are ``dropped_hours``.
3. Taken events take contribution slots for their preparation: each job (the proposal before
   its deadline, the rest before the event, as the projection spreads them, in expected hours)
   takes slots spread evenly between its release and due dates, earliest due date first.
   A slot keeps its day and time and becomes a preparation block. Hours that find no slot are
   ``unplaced_hours``.

Events, proposal deadlines (with a reminder) and the monthly review are all-day items.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
from dateutil.rrule import MONTHLY, rrule
from numpy.typing import NDArray

from eminence.model import Profile, Venue
from eminence.model.recurrence import parse_rule
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.events import JobKind, event_jobs
from eminence.planning.rates import RateModel
from eminence.planning.results import Allocation, EventChoice, Priorities, VenueHours
from eminence.planning.results.schedule import ItemKind, Schedule, ScheduleItem

__all__ = ("DAY_START", "build_schedule", "derived_rule")

DAY_START = dt.time(9, 0)
"""Work blocks start at 09:00 local time; blocks sharing a weekday follow one another."""

_DAY_END_MINUTES = 21 * 60
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_JOB_TITLES = {
    JobKind.LISTENING: "Listen at {venue} before proposing to {event}",
    JobKind.PROPOSAL: "Proposal for {event}",
    JobKind.PREPARATION: "Prepare {event}",
}
_PATTERNS = {1: (1,), 2: (1, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4)}
_TOLERANCE = 1e-6

FloatArray = NDArray[np.float64]
"""An hour's 3.6 milliseconds: sums of floats that differ by less are equal."""

Goals = dict[tuple[str, str | None], tuple[str, ...]]


@dataclass(slots=True)
class _Stream:
    """A recurring block while it is built; days count from the plan's start."""

    uid: str
    kind: ItemKind
    title: str
    venue: str
    goals: tuple[str, ...]
    rule: str
    weekdays: frozenset[int]
    last: int
    hours: float
    contributions: float
    rank: int
    days: list[int]
    skipped: set[int] = field(default_factory=set)
    time: dt.time = DAY_START

    def kept(self) -> list[int]:
        return [day for day in self.days if day not in self.skipped]


@dataclass(frozen=True, slots=True)
class _Days:
    """The plan's days as offsets from its start, and which of them are available."""

    start: dt.date
    count: int
    available: list[bool]

    @classmethod
    def of(cls, profile: Profile, horizon_weeks: int) -> _Days:
        start = profile.capacity.start
        count = 7 * horizon_weeks
        available = [True] * count
        for first, last in WorkingCalendar(profile.capacity).breaks:
            low, high = (first - start).days, min((last - start).days + 1, count)
            available[low:high] = [False] * max(high - low, 0)
        return cls(start, count, available)

    def date(self, day: int) -> dt.date:
        return self.start + dt.timedelta(days=day)

    def offset(self, date: dt.date) -> int:
        return (date - self.start).days

    def on(self, weekdays: frozenset[int], first: int) -> list[int]:
        """The days from ``first`` on that fall on one of ``weekdays`` (Monday is 0)."""
        start = self.start.weekday() + first
        found = (d for w in weekdays for d in range(first + (w - start) % 7, self.count, 7))
        return sorted(found)


def derived_rule(contributions_per_week: float, position: int = 0) -> tuple[str, float]:
    """The weekly rule for a number of contributions a week, and its occurrences per week.

    ``n`` a week (rounded, at most 7) become ``n`` weekdays; fewer than one a week become an
    interval of weeks (0.5 a week: every 2 weeks; at most every 52). ``position`` turns the
    weekdays of venues with few blocks, so they do not all fall on Tuesday.

    >>> derived_rule(2.2)
    ('FREQ=WEEKLY;BYDAY=TU,TH', 2.0)
    >>> derived_rule(0.5, position=1)
    ('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', 0.5)
    """
    per_week = min(7, max(1, round(contributions_per_week)))
    interval = min(52, max(1, round(1 / contributions_per_week))) if per_week == 1 else 1
    if per_week < 5:
        days = tuple(sorted((day + position) % 5 for day in _PATTERNS[per_week]))
    else:
        days = tuple(range(per_week))
    every = f"INTERVAL={interval};" if interval > 1 else ""
    body = f"FREQ=WEEKLY;{every}BYDAY=" + ",".join(_WEEKDAYS[day] for day in days)
    return body, per_week / interval


def build_schedule(
    profile: Profile, priorities: Priorities, allocation: Allocation, horizon_weeks: int
) -> Schedule:
    """The dated schedule of a plan over ``horizon_weeks`` from the profile's start."""
    capacity = profile.capacity
    days = _Days.of(profile, horizon_weeks)
    rank = {item.venue: i for i, item in enumerate(priorities.items) if item.event is None}
    goals: Goals = {
        (item.venue, item.event): tuple(s.goal for s in item.by_goal if s.progress_per_hour > 0)
        for item in priorities.items
    }
    chosen = sorted(
        (hours for hours in allocation.venues if hours.hours_per_week > 0),
        key=lambda hours: rank.get(hours.venue, len(rank)),
    )
    listening: list[_Stream] = []
    contributing: list[_Stream] = []
    free = capacity.hours_per_week
    for position, hours in enumerate(chosen):
        venue_goals = goals.get((hours.venue, None), ())
        heard = _listening(hours, venue_goals, position, days, free)
        free -= hours.hours_per_week
        listening += [heard] if heard else []
        venue = profile.venue(hours.venue)
        contributing += _contributions(venue, hours, venue_goals, position, days)
    _set_times(listening, contributing)

    dropped = _fit(listening + contributing, capacity.hours_per_week, days)
    preparation, unplaced = _preparation(profile, allocation, contributing, goals, days)
    items = [_item(s, days) for s in listening + contributing if len(s.skipped) < len(s.days)]
    items += preparation + _dated(profile, allocation, goals, days)
    items += _reviews(profile, days)
    return Schedule(
        time_zone=capacity.time_zone or "UTC",
        start=capacity.start,
        until=days.date(days.count - 1),
        hours_per_week=capacity.hours_per_week,
        items=tuple(items),
        dropped_hours=dropped,
        unplaced_hours=unplaced,
    )


def _listening(
    hours: VenueHours, goals: tuple[str, ...], position: int, days: _Days, free: float
) -> _Stream | None:
    """Daily listening with the hours the venues already active leave free (law 1).

    The dates of the plan are whole days, so a window can be a day shorter than its working
    weeks: listening then stays at the free hours and ends a fraction of a day short.
    """
    if hours.listening_hours <= 0 or hours.listening_from is None:
        return None
    first = days.offset(hours.listening_from)
    end = days.count if hours.active_from is None else days.offset(hours.active_from)
    window = list(range(first, min(end, days.count)))
    available = sum(days.available[day] for day in window)
    if not available:
        return None
    return _Stream(
        uid=f"listening.{hours.venue}",
        kind=ItemKind.LISTENING,
        title=f"Listen at {hours.name}",
        venue=hours.venue,
        goals=goals,
        rule="FREQ=DAILY",
        weekdays=frozenset(range(7)),
        last=window[-1],
        hours=min(hours.listening_hours / available, free / 7.0),
        contributions=0.0,
        rank=position,
        days=window,
        skipped={day for day in window if not days.available[day]},
    )


def _contributions(
    venue: Venue, hours: VenueHours, goals: tuple[str, ...], position: int, days: _Days
) -> list[_Stream]:
    """The venue's contribution blocks, and for a rhythm slower than weekly, its work blocks.

    A block every few weeks carries one week of the venue's hours; the other weeks have a
    weekly block to work towards it, so that no week holds more than its share of the split.
    """
    if hours.active_from is None or days.offset(hours.active_from) >= days.count:
        return []
    first = days.offset(hours.active_from)
    derived, per_week = derived_rule(hours.contributions_per_week, position)
    work_day = _WEEKDAYS.index(derived.rsplit("=", 1)[1].split(",")[0])
    if venue.rrule is None:
        body = derived
        weekdays = frozenset(_WEEKDAYS.index(day) for day in body.rsplit("=", 1)[1].split(","))
        interval = round(1 / per_week) if per_week < 1 else 1
        found = days.on(weekdays, first)
        found = [day for day in found if (day - found[0]) // 7 % interval == 0] if found else []
        last = days.count - 1
    else:
        # The rule counts from its anchor, not from the day the venue starts: a re-forecast
        # keeps its dates, its COUNT and the weeks of its INTERVAL.
        anchor = days.start if venue.rrule_start is None else venue.rrule_start
        rule = parse_rule(venue.rrule)
        body, weekdays = rule.body, frozenset(range(7))
        found = [
            days.offset(day)
            for day in rule.days(hours.active_from, days.date(days.count - 1), anchor)
        ]
        last = found[-1] if found else first
        # The rule's pace over a year, whatever its COUNT or UNTIL.
        year = parse_rule(body).days(hours.active_from, days.date(first + 363), anchor)
        per_week = len(list(year)) / 52.0 or 7.0 * len(found) / max(days.count - first, 7)
    if not found:
        return []
    rare = per_week < 1
    share = hours.contributions_per_week / per_week
    stream = _Stream(
        uid=f"contribution.{venue.id}",
        kind=ItemKind.CONTRIBUTION,
        title=_contribution_title(hours.name, venue.contribution, share),
        venue=venue.id,
        goals=goals,
        rule=body,
        weekdays=weekdays,
        last=last,
        hours=hours.hours_per_week if rare else hours.hours_per_week / per_week,
        contributions=share,
        rank=position,
        days=found,
        skipped={day for day in found if not days.available[day]},
    )
    if not rare:
        return [stream]
    due_weeks = {day // 7 for day in stream.kept()}
    weekly = days.on(frozenset({work_day}), first)
    work = _Stream(
        uid=f"work.{venue.id}",
        kind=ItemKind.CONTRIBUTION,
        title=f"{hours.name}: work towards the next {venue.contribution}",
        venue=venue.id,
        goals=goals,
        rule=f"FREQ=WEEKLY;BYDAY={_WEEKDAYS[work_day]}",
        weekdays=frozenset({work_day}),
        last=days.count - 1,
        hours=hours.hours_per_week,
        contributions=0.0,
        rank=position,
        days=weekly,
        skipped={day for day in weekly if not days.available[day] or day // 7 in due_weeks},
    )
    return [stream, work]


def _contribution_title(name: str, contribution: str, share: float) -> str:
    if abs(share - round(share)) > 0.05:
        return f"{name}: {share:.1f} x {contribution}"
    if round(share) > 1:
        return f"{name}: {round(share)} x {contribution}"
    return f"{name}: {contribution}"


def _set_times(listening: list[_Stream], contributing: list[_Stream]) -> None:
    """Listening first each day (venues listen one after another), then each venue's block
    after the blocks already on its weekdays, wrapping to the morning past 21:00."""
    morning = DAY_START.hour * 60 + DAY_START.minute
    listened = max((_minutes(stream.hours) for stream in listening), default=0)
    taken = [morning + listened] * 7
    for stream in listening:
        stream.time = DAY_START
    for stream in contributing:
        length = _minutes(stream.hours)
        begin = max(taken[day] for day in stream.weekdays)
        if begin + length > _DAY_END_MINUTES:
            begin = morning
        stream.time = dt.time(begin // 60, begin % 60)
        for day in stream.weekdays:
            taken[day] = begin + length


def _minutes(hours: float) -> int:
    """A block's length rounded up to five minutes, so blocks start at tidy times."""
    return 5 * math.ceil(hours * 12 - _TOLERANCE)


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


_Slot = tuple[int, dt.time, _Stream]


def _preparation(
    profile: Profile,
    allocation: Allocation,
    contributing: list[_Stream],
    goals: Goals,
    days: _Days,
) -> tuple[list[ScheduleItem], float]:
    """Blocks for events' work in the slots of contributions, earliest due date first.

    The jobs are the planner's (`events.event_jobs`), in expected hours: the listening an
    event owes its venue, its proposal, and the rest of its preparation times the chance of
    acceptance. Attendance is the event's own item, on its day.
    """
    model = RateModel(profile)
    means = model.means()
    index = {event.id: e for e, (_, event) in enumerate(model.events)}
    venue_names = {venue.id: venue.name or venue.id for venue in profile.venues}
    jobs: list[tuple[int, int, float, JobKind, EventChoice]] = []
    for choice in allocation.events:
        if not choice.taken:
            continue
        e = index[choice.event]
        chance = float(means[model.event_acceptance[e]])
        preparation = float(means[model.event_preparation[e]])
        event = model.events[e][1]
        for job in event_jobs(event, preparation, choice.listening_hours, days.start):
            if job.kind is not JobKind.ATTENDANCE:
                hours = job.expected_hours(chance)
                due, release = days.offset(job.due), days.offset(job.release)
                jobs.append((due, release, hours, job.kind, choice))
    slots: list[_Slot] = sorted(
        ((day, stream.time, stream) for stream in contributing for day in stream.kept()),
        key=lambda slot: (slot[0], slot[1], slot[2].rank),
    )
    slot_days = np.array([slot[0] for slot in slots], dtype=np.int64)
    slot_hours = np.array([slot[2].hours for slot in slots], dtype=np.float64)
    free = np.ones(len(slots), dtype=bool)
    items: list[ScheduleItem] = []
    unplaced = 0.0
    for due, release, hours, kind, choice in sorted(jobs, key=lambda job: job[:2]):
        low, high = np.searchsorted(slot_days, (release, due)).tolist()
        window = low + np.flatnonzero(free[low:high])
        placed = 0.0
        for position, portion in _spread(slot_hours[window], hours):
            chosen = int(window[position])
            free[chosen] = False
            day, time, stream = slots[chosen]
            stream.skipped.add(day)
            placed += portion
            items.append(
                ScheduleItem(
                    # Named by the slot it takes, so a re-plan keeps the UIDs of the blocks
                    # that stay where they were.
                    uid=f"{kind.value}.{choice.event}.{days.date(day).isoformat()}.{stream.venue}",
                    kind=ItemKind.LISTENING if kind is JobKind.LISTENING else ItemKind.PREPARATION,
                    title=_JOB_TITLES[kind].format(
                        event=choice.name, venue=venue_names[choice.venue]
                    ),
                    venue=choice.venue,
                    event=choice.event,
                    goals=goals.get((choice.venue, choice.event), ()),
                    day=days.date(day),
                    time=time,
                    hours=portion,
                )
            )
        unplaced += max(hours - placed, 0.0)
    return items, unplaced


def _spread(window: FloatArray, hours: float) -> list[tuple[int, float]]:
    """Positions in a window of free slots (their hours, in order) that give ``hours`` spread
    evenly over it, each with the hours it gives.

    A slot is taken once the hours owed by its share of the window reach half of it; the
    search for the next such slot runs over the window's arrays, so a long window of many
    venues' slots costs no Python loop over its slots.
    """
    seen = np.cumsum(window)
    if not len(seen) or not seen[-1] > 0.0:
        return []
    owed = hours * seen / seen[-1] + _TOLERANCE
    half = window / 2
    chosen: list[tuple[int, float]] = []
    taken = 0.0
    start = 0
    while taken < hours - _TOLERANCE and start < len(window):
        ready = taken + half[start:] <= owed[start:]
        position = start + int(ready.argmax())
        if not ready[position - start]:
            break
        portion = min(float(window[position]), hours - taken)
        chosen.append((position, portion))
        taken += portion
        start = position + 1
    return chosen


def _item(stream: _Stream, days: _Days) -> ScheduleItem:
    first = next(day for day in stream.days if day not in stream.skipped)
    return ScheduleItem(
        uid=stream.uid,
        kind=stream.kind,
        title=stream.title,
        venue=stream.venue,
        goals=stream.goals,
        day=days.date(first),
        time=stream.time,
        hours=stream.hours,
        contributions=stream.contributions,
        rule=stream.rule,
        until=days.date(stream.last),
        exceptions=tuple(days.date(day) for day in sorted(stream.skipped) if day > first),
    )


def _dated(
    profile: Profile, allocation: Allocation, goals: Goals, days: _Days
) -> list[ScheduleItem]:
    """Each taken event on its day, with its proposal deadline before it."""
    attendance = {event.id: event.attendance_hours for _, event in profile.events}
    items = []
    for choice in allocation.events:
        if not choice.taken:
            continue
        dated: list[tuple[str, ItemKind, str, dt.date, float]] = [
            ("event", ItemKind.EVENT, choice.name, choice.date, attendance[choice.event])
        ]
        if choice.proposal_deadline is not None:
            dated.insert(
                0,
                (
                    "deadline",
                    ItemKind.PROPOSAL_DEADLINE,
                    f"Proposal due: {choice.name}",
                    choice.proposal_deadline,
                    0.0,
                ),
            )
        items += [
            ScheduleItem(
                uid=f"{prefix}.{choice.event}",
                kind=kind,
                title=title,
                venue=choice.venue,
                event=choice.event,
                goals=goals.get((choice.venue, choice.event), ()),
                day=day,
                hours=hours,
            )
            for prefix, kind, title, day, hours in dated
            if 0 <= days.offset(day) < days.count
        ]
    return items


def _reviews(profile: Profile, days: _Days) -> list[ScheduleItem]:
    """A review each month on the start's day of the month, skipped where a month lacks it."""
    start = dt.datetime.combine(days.start, dt.time())
    last = dt.datetime.combine(days.date(days.count - 1), dt.time())
    dates = [moment.date() for moment in rrule(MONTHLY, dtstart=start, until=last)][1:]
    kept = [day for day in dates if days.available[days.offset(day)]]
    if not kept:
        return []
    return [
        ScheduleItem(
            uid="review",
            kind=ItemKind.REVIEW,
            title="Review progress: log results and re-forecast",
            goals=tuple(goal.id for goal in profile.goals),
            day=kept[0],
            hours=0.0,
            rule="FREQ=MONTHLY",
            until=dates[-1],
            exceptions=tuple(day for day in dates if day > kept[0] and day not in kept),
        )
    ]
