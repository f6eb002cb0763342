"""The summary of a plan as a document: goals, venues, the next weeks, costs and notes."""

from __future__ import annotations

import datetime as dt

from eminence.model import _figures as figures
from eminence.model._words import counted
from eminence.planning.results.summary import Summary
from eminence.report.blocks import Document, Lines, Section, Table
from eminence.report.focus import focus_section
from eminence.report.table import text_document

__all__ = ("summary_document", "summary_text")


def summary_text(summary: Summary) -> str:
    """The summary, readable in a terminal."""
    return text_document(summary_document(summary))


def summary_document(summary: Summary) -> Document:
    """Each goal's dates and focus, each venue's hours, the next weeks' work, the costs and the
    notes."""

    def day(value: dt.date | None) -> str:
        return "-" if value is None else value.isoformat()

    goals = Table(
        ["goal", "expected", "P50", "P80", "P95", "deadline", "chance", "bound by"],
        [
            (
                goal.name,
                day(goal.expected_date),
                day(goal.p50),
                day(goal.p80),
                day(goal.p95),
                day(goal.deadline),
                "-" if goal.chance_by_deadline is None else figures.chance(goal.chance_by_deadline),
                goal.binding.value,
            )
            for goal in summary.goals
        ],
        footnote="'-' means not within the horizon",
    )
    venues = Table(
        ["venue", "h/week", "listening from", "active from"],
        [
            (
                venue.name,
                figures.hours_per_week(venue.hours_per_week),
                day(venue.listening_from),
                day(venue.active_from),
            )
            for venue in summary.venues
        ],
    )
    names = {venue.venue: venue.name for venue in summary.venues}
    weeks = Table(
        ["week of", "what", "where", "days", "hours"],
        [
            (
                week.start.isoformat(),
                work.kind.value.replace("_", " "),
                work.event or names.get(work.venue or "", work.venue or "-"),
                str(work.days),
                figures.hours(work.hours),
            )
            for week in summary.weeks
            for work in week.work
        ],
        footnote=summary.footnote,
    )
    costs = summary.costs
    spent = Lines(
        [
            f"{figures.hours(costs.hours)} h and {figures.money(costs.money)} in money over the "
            f"first {counted(costs.weeks, 'week')}: {figures.money(costs.total)} with the hours "
            "at their rate",
            *(
                []
                if summary.leftover_money_per_year is None
                else [
                    f"{figures.money(summary.leftover_money_per_year)} a year of the money budget "
                    "left over"
                ]
            ),
        ]
    )
    sections = [
        Section("When the goals are reached", [goals]),
        Section("Where the hours go", [venues]),
        Section("The next weeks", [weeks]),
        Section("What it costs", [spent]),
    ]
    if summary.focus is not None:
        goal_names = {goal.goal: goal.name for goal in summary.goals}
        sections.insert(1, focus_section(summary.focus, goal_names))
    if summary.notes:
        sections.append(Section("Notes", [Lines([note.message for note in summary.notes])]))
    title = (
        f"Summary of the plan for {summary.profile}: "
        f"{figures.hours_per_week(summary.hours_per_week)} h/week from {summary.start.isoformat()}"
    )
    return Document(title, sections)
