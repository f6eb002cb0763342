"""Tabular results as pandas DataFrames (extra ``pandas``), one row per record, one column a field.

Dates stay `datetime.date` objects (a column of dtype ``object``), as in the results: a plan
may look to the year 9999, past what a nanosecond timestamp can hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from eminence.errors import MissingExtraError
from eminence.model._base import Record
from eminence.planning import (
    Allocation,
    Comparison,
    Content,
    Costs,
    Priorities,
    Projections,
    Schedule,
    Sensitivity,
)
from eminence.planning.tracking import GoalTrack, Reforecast

__all__ = (
    "allocation_frame",
    "comparison_frame",
    "content_frame",
    "costs_frame",
    "goal_track_frame",
    "priorities_frame",
    "projections_frame",
    "reforecast_frame",
    "schedule_frame",
    "sensitivity_frame",
)


def priorities_frame(priorities: Priorities) -> Any:
    """One row per ranked venue or event; the per-goal factors are left to ``by_goal``."""
    return _frame(priorities.items, exclude={"by_goal"})


def allocation_frame(allocation: Allocation) -> Any:
    """One row per venue of the weekly split (the events are in ``allocation.events``)."""
    return _frame(allocation.venues)


def projections_frame(projections: Projections) -> Any:
    """One row per goal."""
    return _frame(projections.goals)


def sensitivity_frame(sensitivity: Sensitivity) -> Any:
    """One row per goal and number of hours per week."""
    return _frame(
        (row.projection for row in sensitivity.rows),
        first=[{"hours_per_week": row.hours_per_week} for row in sensitivity.rows],
    )


def comparison_frame(comparison: Comparison) -> Any:
    """One row per scenario and goal."""
    pairs = [(scenario, goal) for scenario in comparison.scenarios for goal in scenario.goals]
    return _frame(
        (goal for _, goal in pairs),
        first=[
            {"scenario": scenario.label, "hours_per_week": scenario.hours_per_week}
            for scenario, _ in pairs
        ],
    )


def content_frame(content: Content) -> Any:
    """One row per venue and topic, recommended or flagged as a risk (its rank is None)."""
    pairs = [
        (venue, choice) for venue in content.venues for choice in (*venue.topics, *venue.risks)
    ]
    return _frame(
        (choice for _, choice in pairs), first=[{"venue": venue.venue} for venue, _ in pairs]
    )


def schedule_frame(schedule: Schedule) -> Any:
    """One row per item, recurring ones with their rule (``occurrences()`` expands them)."""
    return _frame(schedule.items)


def costs_frame(costs: Costs) -> Any:
    """One row per venue, then per event, that the costs count; the goals' share is in ``goals``."""
    return _frame(
        [*costs.venues, *costs.events],
        first=[{"part": "venue"} for _ in costs.venues] + [{"part": "event"} for _ in costs.events],
    )


def reforecast_frame(result: Reforecast) -> Any:
    """One row per goal and week of the log: hours, and planned and actual amounts."""
    return _frame(
        (week for goal in result.goals for week in goal.weeks),
        first=[{"goal": goal.goal} for goal in result.goals for _ in goal.weeks],
    )


def goal_track_frame(goal: GoalTrack) -> Any:
    """One row per week of the log: hours, and planned and actual amounts."""
    return _frame(goal.weeks)


def _frame(
    records: Iterable[Record],
    *,
    exclude: set[str] | None = None,
    first: Iterable[Mapping[str, object]] | None = None,
) -> Any:
    pandas = _pandas()
    rows = [record.model_dump(exclude=exclude) for record in records]
    if first is not None:
        rows = [{**lead, **row} for lead, row in zip(first, rows, strict=True)]
    return pandas.DataFrame(rows)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingExtraError("pandas", "pandas", "to_frame()") from None
    return pandas
