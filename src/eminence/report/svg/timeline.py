"""The timeline: when each venue starts, its events taken and left out, and the goals' dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from eminence.model import _figures as figures
from eminence.planning import EventChoice, GoalProjection, Plan, VenueHours
from eminence.planning.results import FirmGoalProjection, TeamPlan
from eminence.report.blocks import plain
from eminence.report.svg.drawing import (
    GREEN,
    GREY,
    LABEL_LENGTH,
    LIGHT_BLUE,
    LIGHT_ORANGE,
    PAD,
    PURPLE,
    RED,
    ROW,
    WIDE,
    DateAxis,
    Drawing,
    draw_legend,
    label_column,
)
from eminence.report.timeline_rows import timeline_rows

__all__ = ("firm_timeline_svg", "timeline_svg")


def timeline_svg(plan: Plan) -> str:
    """Each venue's listening and contributing phases and its events; below them each goal
    from its P50 to its P80 date, and its deadline.

    A taken event is a filled diamond, its proposal deadline a triangle; an event left out is
    a hollow diamond. The timeline runs from the start to four weeks past the last date
    shown, a year at least.
    """
    allocation, goals = plan.allocation, plan.projections.goals
    rows = timeline_rows(plan)
    return _timeline(
        [(venue.name, venue, allocation.events) for venue in rows.venues],
        [(rows.goal_names.get(goal.goal, goal.goal), goal) for goal in goals],
        rows.start,
        rows.end,
        f"Timeline at {figures.hours_per_week(allocation.hours_per_week)} h/week",
    )


def firm_timeline_svg(team_plan: TeamPlan) -> str:
    """The team's timeline: each expert's venues (labelled with the expert) and events, then
    each firm goal from the P50 to the P80 of the summed trials, and its deadline."""
    venues: list[tuple[str, VenueHours, Sequence[EventChoice]]] = []
    starts, ends = [], []
    for planned in team_plan.experts:
        rows = timeline_rows(planned.plan)
        events = planned.plan.allocation.events
        venues += [(f"{planned.expert}: {venue.name}", venue, events) for venue in rows.venues]
        starts.append(rows.start)
        ends.append(rows.end)
    names = {goal.id: goal.name or goal.id for goal in team_plan.team.goals}
    goals = [(f"firm: {names[goal.goal]}", goal) for goal in team_plan.firm_goals]
    shown = [day for goal in team_plan.firm_goals for day in (goal.p80, goal.deadline) if day]
    end = max([*ends, *(day + dt.timedelta(weeks=4) for day in shown)])
    return _timeline(venues, goals, min(starts), end, f"{team_plan.team.name}: who, and when")


def _timeline(
    venues: Sequence[tuple[str, VenueHours, Sequence[EventChoice]]],
    goals: Sequence[tuple[str, GoalProjection | FirmGoalProjection]],
    start: dt.date,
    end: dt.date,
    title: str,
) -> str:
    labels = [label for label, _, _ in venues] + [label for label, _ in goals]
    left = label_column(labels)
    axis = DateAxis(start, end, left, WIDE)
    drawing = Drawing()
    bottom = axis.draw(drawing, PAD, PAD + len(labels) * ROW)
    middles = [PAD + (row + 0.5) * ROW for row in range(len(labels))]
    for label, middle in zip(labels, middles, strict=True):
        drawing.text(left - PAD, middle + 4, label, anchor="end", length=LABEL_LENGTH)
    keys: set[str] = set()
    for (_, venue, events), middle in zip(venues, middles[: len(venues)], strict=True):
        keys |= _venue_row(drawing, axis, venue, events, middle)
    for (_, goal), middle in zip(goals, middles[len(venues) :], strict=True):
        keys |= _goal_row(drawing, axis, goal, middle)
    if venues and goals:
        between = PAD + len(venues) * ROW
        drawing.line(PAD, between, axis.right, between, "#cccccc")
    legend = [(key, words) for key, words in _TIMELINE_KEYS if key in keys]
    width = axis.right + axis.overhang + PAD
    height = draw_legend(drawing, legend, bottom, width)
    return drawing.svg(width, height, title)


_TIMELINE_KEYS = (
    ("listening", "listening"),
    ("contributing", "contributing"),
    ("taken", "event taken"),
    ("left out", "event left out"),
    ("due", "proposal due"),
    ("window", "goal reached: P50 to P80"),
    ("deadline mark", "goal's deadline"),
)


def _venue_row(
    drawing: Drawing,
    axis: DateAxis,
    venue: VenueHours,
    events: Sequence[EventChoice],
    middle: float,
) -> set[str]:
    """Listening, then contributing, and the venue's events; returns the keys it drew."""
    keys = set()
    if venue.listening_from is not None:
        begin, until = axis.x(venue.listening_from), axis.x(venue.active_from or axis.end)
        tip = f"listening from {venue.listening_from.isoformat()}"
        drawing.rect(begin, middle - 8, until - begin, 16, LIGHT_ORANGE, tip)
        keys.add("listening")
    if venue.active_from is not None and venue.hours_per_week > 0:
        begin = axis.x(venue.active_from)
        weekly = figures.hours_per_week(venue.hours_per_week)
        tip = f"{weekly} h/week from {venue.active_from.isoformat()}"
        drawing.rect(begin, middle - 8, axis.right - begin, 16, LIGHT_BLUE, tip)
        keys.add("contributing")
    for event in events:
        if event.venue != venue.venue:
            continue
        what = "taken" if event.taken else "left out"
        tip = f"{plain(event.name)}, {event.date.isoformat()}: {what}"
        color = RED if event.taken else GREY
        drawing.marker("diamond", axis.x(event.date), middle, color, event.taken, tip)
        keys.add(what)
        if event.taken and event.proposal_deadline is not None:
            due = event.proposal_deadline
            tip = f"{plain(event.name)}: proposal due {due.isoformat()}"
            drawing.marker("triangle", axis.x(due), middle, RED, True, tip)
            keys.add("due")
    return keys


def _goal_row(
    drawing: Drawing, axis: DateAxis, goal: GoalProjection | FirmGoalProjection, middle: float
) -> set[str]:
    """From the P50 to the P80 date (to the end when the P80 is past the horizon), or a note
    when the P50 is past it too, and a mark at the deadline."""
    keys = set()
    if goal.p50 is None:
        drawing.text(axis.left + 4, middle + 4, "P50 past the horizon", color=GREY)
    else:
        begin = axis.x(goal.p50)
        until = axis.right if goal.p80 is None else axis.x(goal.p80)
        p80 = "past the horizon" if goal.p80 is None else goal.p80.isoformat()
        tip = f"P50 {goal.p50.isoformat()}, P80 {p80}"
        drawing.rect(begin, middle - 6, until - begin, 12, PURPLE, tip)
        keys.add("window")
    if goal.deadline is not None:
        tip = f"deadline {goal.deadline.isoformat()}"
        drawing.rect(axis.x(goal.deadline) - 1.5, middle - 11, 3, 22, GREEN, tip)
        keys.add("deadline mark")
    return keys
