"""The plan as text: priorities, the weekly split, events and notes."""

from __future__ import annotations

from eminence.planning import Allocation, Plan, Priorities, Projections
from eminence.report.costs import costs_text
from eminence.report.schedule import schedule_text
from eminence.report.table import text_table

__all__ = ("allocation_text", "plan_text", "priorities_text", "projections_text")


def priorities_text(priorities: Priorities) -> str:
    """Ranked venues and events with their score, robustness and reason."""
    rows = [
        (
            f"{item.rank}{'=' if item.tied else ''}",
            item.name if item.event is None else f"{item.name} (event)",
            "offline" if item.kind.is_offline else "online",
            f"{item.progress_per_hour:.3%}",
            f"{item.chance_in_top:.0%}",
        )
        for item in priorities.items
    ]
    table = text_table(
        ["rank", "venue or event", "where", "progress/h", f"top {priorities.top}"],
        rows,
        footnote=priorities.footnote,
    )
    reasons = "\n".join(f"{item.rank:>3}. {item.name}: {item.reason}" for item in priorities.items)
    return f"{table}\n\nWhy\n{reasons}"


def allocation_text(allocation: Allocation) -> str:
    """Hours and contributions per week per venue, when each starts, and the events taken."""
    rows = [
        (
            venue.name,
            f"{venue.hours_per_week:.2f}",
            f"{venue.contributions_per_week:.2f}",
            f"{venue.listening_hours:g}",
            venue.active_from.isoformat() if venue.active_from else "-",
        )
        for venue in sorted(allocation.venues, key=lambda venue: -venue.hours_per_week)
        if venue.hours_per_week > 0
    ]
    split = text_table(
        ["venue", "h/week", "contributions/week", "listening h", "active from"],
        rows,
        footnote=allocation.footnote,
    )
    taken = [event for event in allocation.events if event.taken]
    if not taken:
        return split
    events = text_table(
        ["event", "date", "proposal due", "expected h", "progress/h"],
        [
            (
                event.name,
                event.date.isoformat(),
                event.proposal_deadline.isoformat() if event.proposal_deadline else "-",
                f"{event.expected_hours:.1f}",
                f"{event.progress_per_hour:.3%}",
            )
            for event in taken
        ],
        footnote=f"{len(taken)} of {len(allocation.events)} events taken",
    )
    return f"{split}\n\n{events}"


def projections_text(projections: Projections, plan: Plan) -> str:
    """When each goal is reached: expected, P50 / P80 / P95, and the chance by its deadline."""

    def day(value: object) -> str:
        return "-" if value is None else str(value)

    rows = [
        (
            plan.profile.goal(goal.goal).name or goal.goal,
            f"{goal.target:,.6g}",
            day(goal.expected_date),
            goal.duration,
            day(goal.p50),
            day(goal.p80),
            day(goal.p95),
            day(goal.deadline),
            "-" if goal.chance_by_deadline is None else f"{goal.chance_by_deadline:.0%}",
        )
        for goal in projections.goals
    ]
    table = text_table(
        ["goal", "target", "expected", "which is", "P50", "P80", "P95", "deadline", "chance"],
        rows,
        footnote=projections.footnote + "; '-' means not within the horizon",
    )
    reasons = "\n".join(
        f"- {plan.profile.goal(goal.goal).name or goal.goal}: {goal.explanation}"
        for goal in projections.goals
    )
    return f"{table}\n\nWhat binds\n{reasons}"


def plan_text(plan: Plan) -> str:
    """The whole plan, readable in a terminal."""
    capacity = plan.profile.capacity
    head = (
        f"Plan for {plan.profile.name}: {capacity.hours_per_week:g} h/week "
        f"from {capacity.start.isoformat()}"
    )
    parts = [head, "Priorities", priorities_text(plan.priorities)]
    parts += ["The weekly split", allocation_text(plan.allocation)]
    parts += ["When the goals are reached", projections_text(plan.projections, plan)]
    parts += ["The cost of the first year", costs_text(plan.costs)]
    parts += ["What to do first", schedule_text(plan.schedule)]
    if plan.notes:
        parts += ["Notes", "\n".join(f"- {note.message}" for note in plan.notes)]
    return "\n\n".join(parts)
