"""Taken events' preparation: each job takes contribution slots spread evenly between its
release and due dates, earliest due date first."""

from __future__ import annotations

import datetime as dt

import numpy as np

from eminence.model import Profile
from eminence.planning.events import JobKind, event_jobs
from eminence.planning.rates import RateModel
from eminence.planning.results import Allocation, EventChoice
from eminence.planning.results.schedule import ItemKind, ScheduleItem
from eminence.planning.scheduling.days import _TOLERANCE, FloatArray, Goals, _Days, _Stream

_JOB_TITLES = {
    JobKind.LISTENING: "Listen at {venue} before proposing to {event}",
    JobKind.PROPOSAL: "Proposal for {event}",
    JobKind.PREPARATION: "Prepare {event}",
}

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
        for position, portion in _spread(slot_hours[window], hours, days.min_hours):
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
                    weeks=stream.weeks,
                )
            )
        unplaced += max(hours - placed, 0.0)
    return items, unplaced


def _spread(window: FloatArray, hours: float, shortest: float) -> list[tuple[int, float]]:
    """Positions in a window of free slots (their hours, in order) that give ``hours`` spread
    evenly over it, each with the hours it gives: at least ``shortest`` (or the whole slot),
    since the slot it takes is a real session.

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
        slot = float(window[position])
        portion = min(slot, max(hours - taken, min(shortest, slot)))
        chosen.append((position, portion))
        taken += portion
        start = position + 1
    return chosen
