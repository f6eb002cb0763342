"""A team plan as text and HTML: who does what, week by week, and when the firm's goals come."""

from __future__ import annotations

import datetime as dt

from eminence.model import Voice
from eminence.planning.results import TeamPlan
from eminence.report.blocks import Document, Lines, Paragraph, Section, Table, cell, figure

__all__ = ("team_document",)


def _day(day: dt.date | None) -> str:
    return "-" if day is None else day.isoformat()


def team_document(team_plan: TeamPlan) -> Document:
    """Who does what (weekly work from when, events on their dates), the firm goals, and what
    one more hour a week of each expert would buy."""
    team = team_plan.team
    voices = {shared.venue.id: shared.voice for shared in team.shared_venues}
    work = []
    for planned in team_plan.experts:
        plan = planned.plan
        for venue in plan.allocation.venues:
            if venue.hours_per_week > 0:
                voice = voices.get(venue.venue, Voice.PERSONAL)
                work.append(
                    (
                        planned.expert,
                        cell(venue.name),
                        voice.value,
                        f"{venue.hours_per_week:.2f}",
                        _day(venue.listening_from),
                        _day(venue.active_from),
                    )
                )
        for event in plan.allocation.events:
            if event.taken:
                voice = voices.get(event.venue, Voice.PERSONAL)
                work.append(
                    (
                        planned.expert,
                        cell(event.name),
                        voice.value,
                        f"{event.expected_hours:.1f} h",
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
    goals = Table(
        ["firm goal", "target", "expected", "P50", "P80", "chance by deadline", "by expert"],
        [
            (
                firm.goal,
                figure(firm.target),
                _day(firm.expected_date),
                _day(firm.p50),
                _day(firm.p80),
                "-" if firm.chance_by_deadline is None else f"{firm.chance_by_deadline:.0%}",
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
                    "-" if weeks is None else f"{weeks:.1f} weeks earlier"
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
        f"coordination takes {team_plan.coordination_hours_per_week:.2f} h/week of the "
        "community manager"
    )
    return Document(
        team.name,
        [
            Section("Who does what", [who]),
            Section("Firm goals", [goals]),
            Section("One more hour", [hour, Paragraph(bottleneck), Paragraph(coordination)]),
            *([Section("Notes", [Lines(team_plan.notes)])] if team_plan.notes else []),
        ],
    )
