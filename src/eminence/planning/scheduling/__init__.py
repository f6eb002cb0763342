"""From a plan's parts to its dated schedule: a pure function of the profile, split and events.

Work falls on the profile's working days, inside its working hours, in blocks of at least
its shortest block (`Capacity`). Every venue with hours gets listening sessions from its
listening date to its first contribution, then, after its last session, recurring blocks of
whole contributions. A venue's own RRULE gives the days, counted from its anchor
(``rrule_start``, else the plan's start) whenever the venue starts, so that a re-forecast
keeps them, fewer of them where each would hold less than the shortest block; otherwise
`rhythm` does, from its weekly hours and contributions per week: hours too small for one
block a week are gathered into one block every few weeks; a rate below one contribution a
block becomes one contribution every few blocks, with blocks of work towards it between.
Blocks go on the venue's preferred days first. Gathering moves hours between whole weeks and
never adds or drops any: over whole cycles of its blocks, each venue gets its weekly hours
every week.

Then, in order:

1. Days off and days that are not working days are skipped (29 February and the 31st are
   skipped too where a month lacks them: the rule is RFC 5545's, which never moves a day).
2. A week whose work would exceed its capacity (the hours per week times the share of its
   working days that are available, at most their working time) gives up contribution blocks,
   off their venue's preferred days first, then the least important venue's latest; a block
   counts a share in each week it gathers. Blocks longer than the working day are cut to it,
   and a venue whose year of hours is shorter than one block gets none; all these hours are
   ``dropped_hours``, with the listening a venue owes that its window's weeks cannot hold.
3. Taken events take contribution slots for their preparation: each job (the proposal before
   its deadline, the rest before the event, as the projection spreads them, in expected hours)
   takes slots spread evenly between its release and due dates, earliest due date first.
   A slot keeps its day and time and becomes a preparation block. Hours that find no slot are
   ``unplaced_hours``.

Events, proposal deadlines (with a reminder) and the monthly review are all-day items, on
their own dates.

A venue's contribution block speaks to the topics the content stage chose for it, a week
each in turn; its description gives the reason for each (see `eminence.planning.content`).
Every block that speaks at a venue (contributions, preparation, the proposal, the event)
carries the venue's voice, and in the firm's voice its protocol.

`days` holds the days and the venues' streams, `listening` the listening sessions,
`recurring` the contribution blocks and their rhythm, `capacity` the weeks over capacity,
`preparation` the events' jobs.
"""

from __future__ import annotations

import datetime as dt

from dateutil.rrule import MONTHLY, rrule

from eminence.model import Profile
from eminence.planning.content import topics_description
from eminence.planning.results import Allocation, Content, Priorities, VenueHours
from eminence.planning.results.schedule import ItemKind, Schedule, ScheduleItem
from eminence.planning.scheduling.capacity import _fit
from eminence.planning.scheduling.days import Goals, _Days, _set_times, _Stream
from eminence.planning.scheduling.listening import _listening
from eminence.planning.scheduling.preparation import _preparation
from eminence.planning.scheduling.recurring import Cadence, Rhythm, _contributions, cadence, rhythm

__all__ = ("Cadence", "Rhythm", "build_schedule", "cadence", "rhythm")


def build_schedule(
    profile: Profile,
    priorities: Priorities,
    content: Content,
    allocation: Allocation,
    horizon_weeks: int,
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
    unheard = 0.0
    for position, hours in enumerate(chosen):
        venue_goals = goals.get((hours.venue, None), ())
        venue = profile.venue(hours.venue)
        preferred = tuple(day.number for day in venue.preferred_days)
        heard = _listening(hours, venue_goals, position, days, free, preferred)
        unheard += _unheard(hours, heard, days)
        free -= hours.hours_per_week
        listening += [heard] if heard else []
        last_heard = max(heard.kept(), default=-1) if heard else -1
        contributing += _contributions(venue, hours, venue_goals, position, days, last_heard)
    dropped = unheard + _fit(listening + contributing, capacity.hours_per_week, days)
    _set_times(listening + contributing, days)
    preparation, unplaced = _preparation(profile, allocation, contributing, goals, days)
    items = [
        _item(s, days, content) for s in listening + contributing if len(s.skipped) < len(s.days)
    ]
    items += preparation + _dated(profile, allocation, goals, days)
    items += _reviews(profile, days)
    return Schedule(
        time_zone=capacity.time_zone or "UTC",
        start=capacity.start,
        until=days.date(days.count - 1),
        hours_per_week=capacity.hours_per_week,
        items=tuple(_voiced(profile, item) for item in items),
        dropped_hours=dropped,
        unplaced_hours=unplaced,
    )


def _unheard(hours: VenueHours, heard: _Stream | None, days: _Days) -> float:
    """The listening a venue owes that its sessions do not hold: the window's weeks had no
    more room (law 1 keeps it from spilling past the first contribution). A window that runs
    past the horizon owes the rest after it."""
    if hours.listening_from is None or hours.active_from is None:
        return 0.0
    if days.offset(hours.active_from) > days.count:
        return 0.0
    booked = heard.hours * len(heard.kept()) if heard else 0.0
    return max(0.0, hours.listening_hours - booked)


def _item(stream: _Stream, days: _Days, content: Content) -> ScheduleItem:
    first = next(day for day in stream.days if day not in stream.skipped)
    # A block that delivers contributions says what they speak to; work towards one does not.
    spoken = content.venue(stream.venue) if stream.contributions > 0 else None
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
        weeks=stream.weeks,
        rule=stream.rule,
        until=days.date(stream.last),
        exceptions=tuple(days.date(day) for day in sorted(stream.skipped) if day > first),
        topics=tuple(choice.headline for choice in spoken.topics) if spoken else (),
        description=topics_description(spoken) if spoken and spoken.topics else "",
    )


def _voiced(profile: Profile, item: ScheduleItem) -> ScheduleItem:
    """A block that speaks at a venue, in the venue's voice and under its protocol."""
    if item.venue is None or not item.kind.is_spoken:
        return item
    venue = profile.venue(item.venue)
    return item.model_copy(update={"voice": venue.voice, "protocol": venue.protocol})


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
