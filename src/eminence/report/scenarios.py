"""What-if answers as documents: dates against hours, the hours a deadline needs, scenarios."""

from __future__ import annotations

import datetime as dt

from eminence.model import _figures as figures
from eminence.planning import Comparison, GoalProjection, RequiredHours, Sensitivity
from eminence.report.blocks import Document, Section, Table

__all__ = ("comparison_document", "required_hours_document", "sensitivity_document")

_DATES = ["expected", "which is", "P80", "deadline", "chance"]


def _dates(goal: GoalProjection) -> tuple[str, ...]:
    return (
        _day(goal.expected_date),
        goal.duration,
        _day(goal.p80),
        _day(goal.deadline),
        "-" if goal.chance_by_deadline is None else figures.chance(goal.chance_by_deadline),
    )


def _day(value: dt.date | None) -> str:
    return "-" if value is None else value.isoformat()


def sensitivity_document(sensitivity: Sensitivity) -> Document:
    """Each goal's dates at each number of hours per week, goal by goal."""
    # Goals in the order they first appear, which is the profile's.
    goals = dict.fromkeys(row.projection.goal for row in sensitivity.rows)
    order = {goal: index for index, goal in enumerate(goals)}
    rows = sorted(
        sensitivity.rows, key=lambda row: (order[row.projection.goal], row.hours_per_week)
    )
    table = Table(
        ["goal", "h/week", *_DATES],
        [
            (
                row.projection.goal,
                figures.hours_per_week(row.hours_per_week),
                *_dates(row.projection),
            )
            for row in rows
        ],
        footnote=sensitivity.footnote,
    )
    return Document("", [Section("Completion against hours per week", [table])])


def required_hours_document(answer: RequiredHours) -> Document:
    """The hours per week a goal needs by a date, and how likely they make it."""
    table = Table(
        ["goal", "by", "confidence", "h/week needed", "chance", "chance at 168 h/week"],
        [
            (
                answer.goal,
                answer.by.isoformat(),
                figures.chance(answer.confidence),
                "none enough"
                if answer.hours_per_week is None
                else figures.hours_per_week(answer.hours_per_week),
                figures.chance(answer.chance),
                figures.chance(answer.chance_at_most),
            )
        ],
        footnote=answer.explanation,
    )
    return Document("", [Section("Hours needed", [table])])


def comparison_document(comparison: Comparison) -> Document:
    """Scenarios side by side: their hours and favoured venues, then each goal's dates."""
    scenarios = Table(
        ["scenario", "h/week", "most hours to"],
        [
            (
                scenario.label,
                figures.hours_per_week(scenario.hours_per_week),
                ", ".join(scenario.top_venues),
            )
            for scenario in comparison.scenarios
        ],
    )
    goals = dict.fromkeys(goal.goal for scenario in comparison.scenarios for goal in scenario.goals)
    by_goal = Table(
        ["goal", "scenario", *_DATES],
        [
            (goal.goal, scenario.label, *_dates(goal))
            for goal_id in goals
            for scenario in comparison.scenarios
            for goal in scenario.goals
            if goal.goal == goal_id
        ],
        footnote=comparison.footnote,
    )
    return Document("", [Section("Scenarios", [scenarios, by_goal])])
