"""The notes of the pipeline's stages: risks, assumptions and dropped options, in words."""

from __future__ import annotations

from eminence.model import _figures as figures
from eminence.model._words import counted
from eminence.planning.rates import RateModel
from eminence.planning.results import (
    Allocation,
    CadenceSource,
    Note,
    NoteKind,
    Priorities,
    Projections,
)

__all__ = ("stage_notes",)


def stage_notes(
    model: RateModel, priorities: Priorities, allocation: Allocation, projections: Projections
) -> tuple[Note, ...]:
    """What the ranking, the split and the event choice want a person to know: vanity and
    unserved goals, events dropped or traded, idle hours, late starts, ended rules and
    assumed cadences."""
    profile = model.profile
    notes: list[Note] = []
    for goal in profile.goals:
        metric = profile.metric(goal.metric)
        if metric.kind.is_vanity:
            notes.append(
                Note(
                    kind=NoteKind.VANITY_GOAL,
                    subject=goal.id,
                    message=f"{goal.name or goal.id!r} counts {metric.kind.value}: effort and "
                    "attention, not value to clients; pair it with an engagement or value goal",
                )
            )
    # A goal is served where a venue yields its metric among its segments, whether or not
    # it steers: a vanity goal only tracked still progresses.
    served = [
        {share.goal for share in item.by_goal if share.yield_per_contribution * share.fit > 0}
        for item in priorities.items
    ]
    for goal in profile.goals:
        if not any(goal.id in goals for goals in served):
            notes.append(
                Note(
                    kind=NoteKind.UNSERVED_GOAL,
                    subject=goal.id,
                    message=f"no venue or event yields {goal.metric!r} among the segments of "
                    f"{goal.name or goal.id!r}: it cannot progress; add a venue where those "
                    "clients gather, or a yield for that metric",
                )
            )
    for choice in allocation.events:
        if choice.later_goals:
            notes.append(
                Note(
                    kind=NoteKind.TRADED_GOAL,
                    subject=choice.event,
                    message=f"{choice.name} ({choice.date.isoformat()}) is taken for the goals "
                    f"together, though {choice.reason.rpartition('; ')[2]}",
                )
            )
        if not choice.taken:
            notes.append(
                Note(
                    kind=NoteKind.DROPPED_EVENT,
                    subject=choice.event,
                    message=f"{choice.name} ({choice.date.isoformat()}) is left out: "
                    f"{choice.reason}",
                )
            )
    if allocation.leftover_hours_per_week > 1e-9:
        gaining = any(item.progress_per_hour > 0 for item in priorities.items if not item.event)
        cause = (
            "every venue that gains is at its useful pace or maximum, where one more hour "
            "buys less than 1 % of what its first did; add venues or raise maximums"
            if gaining
            else "no venue in the plan gains from an hour; add venues where the clients gather"
        )
        notes.append(
            Note(
                kind=NoteKind.IDLE_HOURS,
                message=f"{figures.hours_per_week(allocation.leftover_hours_per_week)} h/week "
                "cannot be placed: " + cause,
            )
        )
    for projection in projections.goals:
        useful = projection.useful_hours_per_week
        if useful is not None and allocation.hours_per_week > useful * (1.0 + 1e-9):
            notes.append(
                Note(
                    kind=NoteKind.PAST_USEFUL_PACE,
                    subject=projection.goal,
                    message=f"from {figures.hours_per_week(useful)} h/week more time stops "
                    f"helping {projection.goal!r}: every venue serving it is at its useful pace; "
                    f"the {figures.hours_per_week(allocation.hours_per_week - useful)} h/week "
                    "beyond go to other goals or are left over, and only speed listening and "
                    "event preparation",
                )
            )
    for venue_hours in allocation.venues:
        if venue_hours.hours_per_week > 0 and venue_hours.active_from is None:
            notes.append(
                Note(
                    kind=NoteKind.LATE_START,
                    subject=venue_hours.venue,
                    message=f"{venue_hours.name} would start only after the ten-year horizon: "
                    "its listening takes too long at these hours",
                )
            )
    for venue, ended in zip(model.venues, model.ended, strict=True):
        if ended:
            notes.append(
                Note(
                    kind=NoteKind.ENDED_RULE,
                    subject=venue.id,
                    message=f"{venue.name or venue.id} takes no weekly hours: its rrule "
                    f"({venue.rrule}, counted from {profile.rule_anchor(venue).isoformat()}) "
                    f"has no available day from {profile.capacity.start.isoformat()} on; give "
                    "it a new rrule without rrule_start to contribute there again",
                )
            )
    for venue, cadence in zip(model.venues, model.cadences, strict=True):
        if cadence.source is CadenceSource.TYPICAL and allocation.venue(venue.id).hours_per_week:
            notes.append(
                Note(
                    kind=NoteKind.ASSUMED_CADENCE,
                    subject=venue.id,
                    message=f"{venue.name or venue.id} gives no cadence and no peer is active "
                    f"there: assumed the typical {counted(cadence.per_week, 'contribution')} a "
                    f"week for a {venue.kind.value.replace('_', ' ')}",
                )
            )
    return tuple(notes)
