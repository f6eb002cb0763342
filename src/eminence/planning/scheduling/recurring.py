"""Each venue's recurring blocks: listening until its first contribution, then contributions
on its own rule or on one derived from its contributions per week."""

from __future__ import annotations

from eminence.model import Venue
from eminence.model.recurrence import parse_rule
from eminence.planning.results import VenueHours
from eminence.planning.results.schedule import ItemKind
from eminence.planning.scheduling.days import _Days, _Stream

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_PATTERNS = {1: (1,), 2: (1, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4)}


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
