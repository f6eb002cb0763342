"""The cost of eminence as text: hours and money by venue, event and goal."""

from __future__ import annotations

from eminence.model import _figures as figures
from eminence.planning.results import Costs
from eminence.report.blocks import Document, Section, Table
from eminence.report.table import text_document

__all__ = ("costs_document", "costs_section", "costs_text")


def costs_text(costs: Costs) -> str:
    """Where the hours and money go, and what each goal costs per outcome."""
    return text_document(costs_document(costs))


def costs_document(costs: Costs) -> Document:
    """The costs on their own."""
    return Document("", [costs_section(costs)])


def costs_section(costs: Costs) -> Section:
    """Where the hours and money go, and what each goal costs per outcome."""
    sources = [
        (
            venue.name,
            figures.hours(venue.hours),
            figures.money(venue.money),
            figures.money(venue.total),
        )
        for venue in costs.venues
    ] + [
        (
            f"{event.name} (event)",
            figures.hours(event.hours),
            figures.money(event.money),
            figures.money(event.total),
        )
        for event in costs.events
    ]
    sources.append(
        (
            "total",
            figures.hours(costs.hours),
            figures.money(costs.money),
            figures.money(costs.total),
        )
    )
    table = Table(["venue or event", "hours", "money", "cost"], sources)

    def amount(value: float | None, form: str) -> str:
        return "-" if value is None else format(value, form)

    goals = [
        (
            goal.name,
            figures.hours(goal.hours),
            figures.money(goal.cost),
            figures.quantity(goal.outcomes),
            # Nothing priced costs nothing: a cost of 0 per outcome would mislead.
            amount(goal.cost_per_outcome if goal.cost else None, ",.0f"),
            amount(goal.break_even_share if goal.cost else None, ".1%"),
        )
        for goal in costs.goals
    ]
    if costs.unattributed_hours > 1e-6 * max(costs.hours, 1.0):
        goals.append(
            (
                "(no goal)",
                figures.hours(costs.unattributed_hours),
                figures.money(costs.unattributed),
            )
            + ("-",) * 3
        )
    per_goal = Table(
        ["goal", "hours", "cost", "outcomes", "per outcome", "break-even"],
        goals,
        costs.footnote
        + "; break-even: the share of value outcomes that must become clients to pay for it",
    )
    return Section("The cost of the first year", [table, per_goal])
