"""Each venue's listening sessions, from its listening date to its first contribution (law
1): at least the shortest block each, sharing the window's listening as far as its weeks'
free hours hold it."""

from __future__ import annotations

import math
from collections import Counter

from eminence.planning.results import VenueHours
from eminence.planning.results.schedule import ItemKind
from eminence.planning.scheduling.days import _TOLERANCE, _Days, _evenly, _Stream
from eminence.planning.scheduling.recurring import _MAX_WEEKS, Rhythm, _gathering, _rule, rhythm


def _listening(
    hours: VenueHours,
    goals: tuple[str, ...],
    position: int,
    days: _Days,
    free: float,
    preferred: tuple[int, ...],
) -> _Stream | None:
    """Listening sessions with the hours the venues already active leave free (law 1), on
    working days from its listening date to its first contribution.

    A window without a working day has its listening on the last working day before the
    first contribution (the first after it, only where the plan has none before: the
    contributions then wait for it). Sessions are of at least the shortest block and at most a
    working day: listening spread thin over a long window is gathered into fewer sessions,
    each counting the weeks of listening it gathers; listening of less than the shortest block
    in all is one session of the shortest block. A session gathers at most a year of the
    window's listening: shorter than the shortest block, the capacity check drops it.
    """
    if hours.listening_hours <= 0 or hours.listening_from is None:
        return None
    first = days.offset(hours.listening_from)
    end = days.count if hours.active_from is None else days.offset(hours.active_from)
    end = min(end, days.count)
    # A window of no whole day (contributing from the day listening starts) still listens.
    length = max(end - first, 1)
    total = min(hours.listening_hours, free * length / 7.0)
    if total <= _TOLERANCE or first >= days.count:
        return None
    weekly = total * 7.0 / length
    # Listening has no contributions: as many sessions a week as the hours make worth it.
    pace = rhythm(7.0, weekly, days, preferred, position)
    begin = _gathering(first, pace)
    found = days.on(frozenset(pace.days), begin, pace.weeks, end)
    kept = [day for day in found if days.working[day]]
    if not kept:
        # The last working day before the first contribution, so listening still comes first;
        # only a plan with none before it listens on the first working day after.
        earlier = (day for day in range(min(begin, end) - 1, -1, -1) if days.working[day])
        later = (day for day in range(begin, days.count) if days.working[day])
        moved = next(earlier, None)
        moved = next(later, None) if moved is None else moved
        if moved is None:
            return None
        found = kept = [moved]
        pace = Rhythm(1, (days.weekday(moved),), total, 1, 1, 1)
    sessions = _fewest(kept, total, days.min_hours)
    # First the rhythm's session, or the hours shared among fewer sessions, never shorter
    # than the shortest block: what each week's share is checked against; the sessions kept
    # then share all the window's listening (below).
    session = min(pace.hours, total / len(sessions), days.window_hours)
    if session < days.min_hours - _TOLERANCE:
        # At most a year of the window's listening, as for contributions (see `rhythm`).
        session = min(max(total / len(sessions), days.min_hours), weekly * _MAX_WEEKS)
        session = min(session, days.window_hours)
    # The weeks of listening one session gathers, for the capacity check.
    weeks = min(_MAX_WEEKS, max(pace.weeks, math.ceil(session / weekly - _TOLERANCE)))
    window = range(first, end)
    sessions = _within_share(sessions, session / weeks, free, window, days)
    # The sessions the window's edges leave share all its listening, as far as their weeks'
    # shares of the free hours hold it; what they cannot hold the schedule counts as dropped.
    room = _room(sessions, weeks, free, window, days)
    session = max(session, min(total / len(sessions), room, days.window_hours))
    return _Stream(
        uid=f"listening.{hours.venue}",
        kind=ItemKind.LISTENING,
        title=f"Listen at {hours.name}",
        venue=hours.venue,
        goals=goals,
        rule=_rule(pace.days, pace.weeks),
        weekdays=frozenset(pace.days),
        last=found[-1],
        hours=session,
        contributions=0.0,
        rank=position,
        days=found,
        skipped=set(found) - set(sessions),
        weeks=weeks,
        preferred=frozenset(preferred),
    )


def _within_share(
    sessions: list[int], weekly: float, free: float, window: range, days: _Days
) -> list[int]:
    """The sessions but those that would take a week over its share of the free hours (see
    `_share`). Two venues' windows meet within a week, so the window's ends may leave a
    session out; one session always stays.

    ``weekly`` is what one session takes from each week it gathers.
    """
    kept: list[int] = []
    taken: Counter[int] = Counter()  # sessions kept in each week
    for day in sessions:
        if (taken[day // 7] + 1) * weekly <= _share(day, free, window, days) + _TOLERANCE:
            kept.append(day)
            taken[day // 7] += 1
    return kept or sessions[:1]


def _room(sessions: list[int], weeks: int, free: float, window: range, days: _Days) -> float:
    """The longest session that keeps each week within its share, each session taking a
    ``weeks``-th of its hours from each week it gathers."""
    per_week = Counter(day // 7 for day in sessions)
    return min(_share(day, free, window, days) * weeks / per_week[day // 7] for day in sessions)


def _share(day: int, free: float, window: range, days: _Days) -> float:
    """The free hours of the week of ``day`` that a listening window may take: the share of
    its working days inside the window."""
    week = range(day // 7 * 7, day // 7 * 7 + 7)
    inside = sum(days.working[other] for other in week if other in window)
    return free * inside / len(days.workdays)


def _fewest(kept: list[int], total: float, shortest: float) -> list[int]:
    """The sessions, thinned evenly where sharing ``total`` over all would make them short."""
    count = max(1, min(len(kept), math.floor(total / shortest + _TOLERANCE)))
    return _evenly(kept, count)
