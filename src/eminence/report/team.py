"""A team plan as text and HTML: who does what, week by week, and when the firm's goals come."""

from __future__ import annotations

import datetime as dt

from eminence.model import _figures as figures
from eminence.planning.results import TeamPlan, TeamWeeks
from eminence.report.blocks import Document, Lines, Paragraph, Section, Table, cell, figure
from eminence.report.svg import team_charts_section

__all__ = ("team_document", "team_weeks_document", "weeks_section")

WEEKS_SHOWN = 4
"""Weeks of who does what a team plan's own view shows; ``team_plan.weeks(n)`` shows more."""


def _day(day: dt.date | None) -> str:
    return "-" if day is None else day.isoformat()


def team_document(team_plan: TeamPlan, *, charts: bool = False) -> Document:
    """Who does what (weekly work from when, events on their dates, the first weeks), the firm
    goals, and what one more hour a week of each expert would buy; with ``charts``, led by the
    team's timeline and each firm goal's fan, for a page."""
    team = team_plan.team
    work = []
    for planned in team_plan.experts:
        plan = planned.plan
        for venue in plan.allocation.venues:
            if venue.hours_per_week > 0:
                work.append(
                    (
                        planned.expert,
                        cell(venue.name),
                        plan.profile.venue(venue.venue).voice.value,
                        figures.hours_per_week(venue.hours_per_week),
                        _day(venue.listening_from),
                        _day(venue.active_from),
                    )
                )
        for event in plan.allocation.events:
            if event.taken:
                work.append(
                    (
                        planned.expert,
                        cell(event.name),
                        plan.profile.venue(event.venue).voice.value,
                        f"{figures.hours(event.expected_hours)} h",
                        _day(event.proposal_deadline),
                        _day(event.date),
                    )
                )
    who = Table(
        [
            "expert",
            "venue or event",
            "voice",
            "h/week (event: hours)",
            "listen / propose by",
            "from / on",
        ],
        work,
        footnote=f"{len(team_plan.experts)} experts, each planned as their own profile",
    )
    declined = [
        f"{refusal.expert} declined {assignment.event}: {refusal.reason}; "
        + (
            f"its slots are taken by {', '.join(assignment.experts)}"
            if assignment.experts
            else "no eligible expert takes it"
        )
        for assignment in team_plan.assignments
        for refusal in assignment.declined
    ]
    goals = Table(
        ["firm goal", "target", "expected", "P50", "P80", "chance by deadline", "by expert"],
        [
            (
                firm.goal,
                figure(firm.target),
                _day(firm.expected_date),
                _day(firm.p50),
                _day(firm.p80),
                "-" if firm.chance_by_deadline is None else figures.chance(firm.chance_by_deadline),
                ", ".join(f"{e} {figure(units)}" for e, units in firm.by_expert.items()),
            )
            for firm in team_plan.firm_goals
        ],
        footnote="experts' draws summed trial by trial",
    )
    hour = Table(
        ["one more hour a week of", *(goal.id for goal in team.goals)],
        [
            (
                extra.expert,
                *(
                    "-" if weeks is None else f"{figures.quantity(weeks)} weeks earlier"
                    for weeks in extra.weeks_earlier.values()
                ),
            )
            for extra in team_plan.extra_hour
        ],
    )
    bottleneck = (
        f"{team_plan.bottleneck} is the bottleneck: their extra hour brings the firm goals soonest"
        if team_plan.bottleneck
        else "no expert's extra hour brings a firm goal closer"
    )
    coordination = (
        f"coordination takes {figures.hours_per_week(team_plan.coordination_hours_per_week)} "
        "h/week of the community manager"
    )
    return Document(
        team.name,
        [
            *([team_charts_section(team_plan)] if charts else []),
            Section("Who does what", [who, *([Lines(declined)] if declined else [])]),
            weeks_section(team_plan.weeks(WEEKS_SHOWN)),
            Section("Firm goals", [goals]),
            Section("One more hour", [hour, Paragraph(bottleneck), Paragraph(coordination)]),
            *([Section("Notes", [Lines(team_plan.notes)])] if team_plan.notes else []),
        ],
    )


def weeks_section(weeks: TeamWeeks) -> Section:
    """Each week's hours by expert, then each expert's work in it: venues' hours, events and
    proposal deadlines, as their schedules have them."""
    experts = [expert.expert for expert in weeks.weeks[0].experts]
    hours = Table(
        ["week of", *experts],
        [
            (week.start.isoformat(), *(figures.hours(expert.hours) for expert in week.experts))
            for week in weeks.weeks
        ],
        footnote="hours each expert's schedule holds in the week",
    )
    work = Table(
        ["week of", "expert", "what", "where", "days", "hours"],
        [
            (
                week.start.isoformat(),
                expert.expert,
                item.kind.value.replace("_", " "),
                _where(weeks, item.event or item.venue),
                str(item.days),
                figures.hours(item.hours),
            )
            for week in weeks.weeks
            for expert in week.experts
            for item in expert.work
        ],
        footnote=f"{len(weeks.weeks)} weeks of {len(experts)} experts' schedules",
    )
    return Section("Week by week", [hours, work])


def team_weeks_document(weeks: TeamWeeks) -> Document:
    """Who does what, week by week, for a notebook or a page."""
    return Document(f"{weeks.team}: who does what, week by week", [weeks_section(weeks)])


def _where(weeks: TeamWeeks, reference: str | None) -> str:
    """A venue's or event's name; a review is the expert's own, at no venue."""
    return "-" if reference is None else cell(weeks.names.get(reference, reference))
