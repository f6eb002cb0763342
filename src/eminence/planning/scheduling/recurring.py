"""Each venue's recurring blocks after its listening: whole contributions at a rhythm people
keep, on its own rule or on one derived from the split.

A venue's weekly hours are worked in sessions of at least the shortest block: hours too
small for one block a week are gathered into one block every few weeks, larger hours spread
over up to one block per working day. Contributions are whole: a rate below one per block
becomes one contribution every few blocks, with blocks of work towards it between.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from eminence.model import Profile, Venue
from eminence.model.recurrence import parse_rule
from eminence.planning.results import VenueHours
from eminence.planning.results.schedule import ItemKind
from eminence.planning.scheduling.days import _TOLERANCE, _Days, _evenly, _Stream

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_MAX_WEEKS = 52
"""A block gathers at most a year of weekly hours, and contributions come at least yearly."""


@dataclass(frozen=True, slots=True)
class Rhythm:
    """How weekly hours become blocks: ``days`` a week in every ``weeks``-th week, each of
    ``hours``; on the first ``delivering`` of those days in every ``every``-th such week, a
    block delivers ``each`` whole contributions, the others work towards the next."""

    weeks: int
    days: tuple[int, ...]
    hours: float
    delivering: int
    every: int
    each: int

    @property
    def per_week(self) -> float:
        """Whole contributions a week, on average over the rhythm."""
        return self.delivering * self.each / (self.weeks * self.every)


@dataclass(frozen=True, slots=True)
class Cadence:
    """The whole contributions a venue's schedule delivers: ``count`` every ``weeks`` weeks,
    or, on a venue's own RRULE, ``count`` on each of its ``times_a_year`` days: the rhythm
    people count, beside the effective rate the split computes."""

    count: int
    weeks: int = 1
    times_a_year: int | None = None


def cadence(profile: Profile, hours: VenueHours) -> Cadence | None:
    """The cadence of a venue's contributions as its schedule places them, on its own RRULE
    or its `rhythm`; None for a venue that never contributes.

    >>> import eminence as em
    >>> plan = em.plan(em.example("community"), trials=50)
    >>> cadence(plan.profile, plan.allocation.venue("newsletter"))
    Cadence(count=1, weeks=3, times_a_year=None)
    """
    if hours.active_from is None or hours.hours_per_week <= 0:
        return None
    horizon = (hours.active_from - profile.capacity.start).days // 7 + _MAX_WEEKS + 2
    days = _Days.of(profile, horizon)
    venue = profile.venue(hours.venue)
    pace = rhythm(hours.contributions_per_week, hours.hours_per_week, days)
    if venue.rrule is not None:
        per_week = _own_rule(venue, days.offset(hours.active_from), days)[2]
        if per_week <= 0:  # a rule with no working day in the plan: nothing is placed
            return None
        own = _own_pace(hours, per_week, pace, days)
        if own.every > 1:
            return Cadence(own.each, own.every)
        times = round(52 * (own.a_week or per_week))
        return Cadence(own.each * times // 52) if times % 52 == 0 else Cadence(own.each, 1, times)
    return Cadence(pace.delivering * pace.each, pace.weeks * pace.every)


def rhythm(
    contributions_per_week: float,
    hours_per_week: float,
    days: _Days,
    preferred: tuple[int, ...] = (),
    position: int = 0,
) -> Rhythm:
    """The blocks of a venue's weekly hours and whole contributions (see the module)."""
    weeks = 1
    if hours_per_week < days.min_hours - _TOLERANCE:
        weeks = min(_MAX_WEEKS, math.ceil(days.min_hours / hours_per_week - _TOLERANCE))
    gathered = hours_per_week * weeks
    per_cycle = contributions_per_week * weeks
    most = len(days.workdays)
    needed = math.ceil(gathered / days.window_hours - _TOLERANCE)
    worth = max(1, math.floor(gathered / days.min_hours + _TOLERANCE))
    count = max(1, min(most, max(needed, min(max(1, round(per_cycle)), worth))))
    chosen = _spread_days(count, days.workdays, preferred, position)
    if per_cycle >= count - 0.5:
        delivering, every, each = count, 1, max(1, round(per_cycle / count))
    elif per_cycle >= 1:
        delivering, every, each = min(count, round(per_cycle)), 1, 1
    else:
        most_blocks = max(1, _MAX_WEEKS // weeks)
        delivering, every, each = 1, min(most_blocks, max(1, round(1 / per_cycle))), 1
    # A block longer than the working day (hours beyond the working week) is cut to it by the
    # capacity check, which counts the rest as dropped.
    return Rhythm(weeks, chosen, gathered / count, delivering, every, each)


def _spread_days(
    count: int, workdays: tuple[int, ...], preferred: tuple[int, ...], position: int
) -> tuple[int, ...]:
    """``count`` working days spread over the week, the preferred ones first; ``position``
    turns the others so that venues do not all fall on one day."""
    ordered = sorted(preferred)
    others = [day for day in workdays if day not in ordered]
    if count <= len(ordered):
        return tuple(_evenly(ordered, count))
    wanted = count - len(ordered)
    shift = position + (1 if wanted < len(others) else 0)
    picked = {
        others[(round(i * len(others) / wanted) + shift) % len(others)] for i in range(wanted)
    }
    return tuple(sorted(set(ordered) | picked))


def _gathering(first: int, pace: Rhythm) -> int:
    """The first day a block may fall on: one that gathers weeks of hours comes once those
    whole weeks (counted from the plan's start) have passed."""
    return first if pace.weeks == 1 else -(-first // 7) * 7 + 7 * (pace.weeks - 1)


def _rule(days: tuple[int, ...], weeks: int) -> str:
    every = f"INTERVAL={weeks};" if weeks > 1 else ""
    return f"FREQ=WEEKLY;{every}BYDAY=" + ",".join(_WEEKDAYS[day] for day in days)


def _contributions(
    venue: Venue,
    hours: VenueHours,
    goals: tuple[str, ...],
    position: int,
    days: _Days,
    heard: int,
) -> list[_Stream]:
    """The venue's contribution blocks, and the blocks of work towards the next one, all
    after ``heard``, the day of its last listening session (law 1).

    A venue's own rule whose days would each hold less than the shortest block keeps fewer of
    them (see `_own_pace`).
    """
    if hours.active_from is None or days.offset(hours.active_from) >= days.count:
        return []
    first = max(days.offset(hours.active_from), heard + 1)
    preferred = tuple(day.number for day in venue.preferred_days)
    pace = rhythm(hours.contributions_per_week, hours.hours_per_week, days, preferred, position)
    gathering = max(_gathering(days.offset(hours.active_from), pace), first)
    skipped: set[int] = set()
    if venue.rrule is None:
        delivering = pace.days[: pace.delivering]
        rule, weekdays = _rule(delivering, pace.weeks * pace.every), frozenset(delivering)
        found = days.on(weekdays, gathering, pace.weeks * pace.every)
        block, each, last, weeks = pace.hours, pace.each, days.count - 1, pace.weeks
    else:
        rule, found, per_week = _own_rule(venue, first, days)
        if per_week <= 0:  # no working day of the rule within the plan
            return []
        weekdays = frozenset(range(7))
        own = _own_pace(hours, per_week, pace, days)
        block, weeks, each = own.block, own.weeks, own.each
        skipped = set(found) - set(_merged(found, own, first, days))
        last = found[-1] if found else first
        pace = pace if per_week < 1 else Rhythm(1, (), 0.0, 0, 1, 1)
    if not found:
        return []
    stream = _Stream(
        uid=f"contribution.{venue.id}",
        kind=ItemKind.CONTRIBUTION,
        title=_contribution_title(hours.name, venue.contribution, each),
        venue=venue.id,
        goals=goals,
        rule=rule,
        weekdays=weekdays,
        last=last,
        hours=block,
        contributions=float(each),
        rank=position,
        days=found,
        skipped=skipped | {day for day in found if not days.working[day]},
        weeks=weeks,
        preferred=frozenset(preferred),
    )
    due = set(stream.kept()) if venue.rrule is None else {days.week_of(d) for d in stream.kept()}
    worked = days.on(frozenset(pace.days), gathering, pace.weeks)
    idle = [
        day
        for day in worked
        if not days.working[day] or (day if venue.rrule is None else days.week_of(day)) in due
    ]
    if len(idle) == len(worked):
        return [stream]
    work = _Stream(
        uid=f"work.{venue.id}",
        kind=ItemKind.CONTRIBUTION,
        title=f"{hours.name}: work towards the next {venue.contribution}",
        venue=venue.id,
        goals=goals,
        rule=_rule(pace.days, pace.weeks),
        weekdays=frozenset(pace.days),
        last=days.count - 1,
        hours=pace.hours,
        contributions=0.0,
        rank=position,
        days=worked,
        skipped=set(idle),
        weeks=pace.weeks,
        preferred=frozenset(preferred),
    )
    return [stream, work]


@dataclass(frozen=True, slots=True)
class _OwnPace:
    """How a venue's own rule holds its weekly hours: blocks of ``block`` hours delivering
    ``each`` contributions, each gathering ``weeks`` weeks of hours. Where the rule's days
    would each hold less than the shortest block, blocks fall on ``a_week`` of them a week,
    or on one in ``every`` weeks (0 and 1: on all of them)."""

    block: float
    each: int
    weeks: int = 1
    a_week: int = 0
    every: int = 1


def _own_pace(hours: VenueHours, per_week: float, pace: Rhythm, days: _Days) -> _OwnPace:
    """The blocks of a venue's own rule of ``per_week`` working days a week.

    A rule slower than weekly delivers the hours its block gathers (a week's, or the
    rhythm's several weeks' where a week's are shorter than the shortest block); the weeks
    between work towards it. A faster one shares the week's hours among its days; where each
    would be shorter than the shortest block, among as few of them a week as make blocks of
    it, or, where even a week's hours are shorter, on one of them every few weeks.
    """
    weekly, shortest = hours.hours_per_week, days.min_hours
    contributions = hours.contributions_per_week
    if per_week < 1:
        return _OwnPace(weekly * pace.weeks, max(1, round(contributions / per_week)), pace.weeks)
    if weekly / per_week >= shortest - _TOLERANCE:
        return _OwnPace(weekly / per_week, max(1, round(contributions / per_week)))
    if weekly >= shortest - _TOLERANCE:
        a_week = math.floor(weekly / shortest + _TOLERANCE)
        return _OwnPace(weekly / a_week, max(1, round(contributions / a_week)), a_week=a_week)
    # As in `rhythm`, at most a year: a year shorter than the shortest block is dropped.
    weeks = min(_MAX_WEEKS, math.ceil(shortest / weekly - _TOLERANCE))
    return _OwnPace(weekly * weeks, max(1, round(contributions * weeks)), weeks, every=weeks)


def _merged(found: list[int], own: _OwnPace, first: int, days: _Days) -> list[int]:
    """The working days of an own rule its blocks fall on: ``a_week`` of them spread over
    each week, or the first of every ``every``-th week once those whole weeks have passed
    (see `_gathering`), so that each block gathers the weeks behind it."""
    by_week: dict[int, list[int]] = {}
    for day in found:
        if days.working[day]:
            by_week.setdefault(day // 7, []).append(day)
    if own.every > 1:
        due = -(-first // 7) + own.every - 1
        return [week[0] for n, week in by_week.items() if n >= due and (n - due) % own.every == 0]
    spread = [(week, min(own.a_week or len(week), len(week))) for week in by_week.values()]
    return [day for week, count in spread for day in _evenly(week, count)]


def _own_rule(venue: Venue, first: int, days: _Days) -> tuple[str, list[int], float]:
    """The days of the venue's own RRULE, counted from its anchor (``rrule_start``, else the
    plan's start) so that a re-forecast keeps them, and its working days a week over a year,
    whatever its COUNT or UNTIL. Its days that are not working days are skipped, as days off
    are."""
    assert venue.rrule is not None
    anchor = days.start if venue.rrule_start is None else venue.rrule_start
    rule = parse_rule(venue.rrule)
    last = days.date(days.count - 1)
    found = [days.offset(day) for day in rule.days(days.date(first), last, anchor)]
    year = parse_rule(rule.body).days(days.date(first), days.date(first + 363), anchor)
    kept = sum(days.working[days.offset(day)] for day in year if days.offset(day) < days.count)
    per_week = kept / 52.0 or 7.0 * len(found) / max(days.count - first, 7)
    return rule.body, found, per_week


def _contribution_title(name: str, contribution: str, each: int) -> str:
    return f"{name}: {each} x {contribution}" if each > 1 else f"{name}: {contribution}"
