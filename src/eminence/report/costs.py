"""The cost of eminence as text: hours and money by venue, event and goal."""

from __future__ import annotations

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
        (venue.name, f"{venue.hours:.1f}", f"{venue.money:,.0f}", f"{venue.total:,.0f}")
        for venue in costs.venues
    ] + [
        (
            f"{event.name} (event)",
            f"{event.hours:.1f}",
            f"{event.money:,.0f}",
            f"{event.total:,.0f}",
        )
        for event in costs.events
    ]
    sources.append(("total", f"{costs.hours:.1f}", f"{costs.money:,.0f}", f"{costs.total:,.0f}"))
    table = Table(["venue or event", "hours", "money", "cost"], sources)

    def amount(value: float | None, form: str) -> str:
        return "-" if value is None else format(value, form)

    goals = [
        (
            goal.name,
            f"{goal.hours:.1f}",
            f"{goal.cost:,.0f}",
            f"{goal.outcomes:,.2f}",
            # Nothing priced costs nothing: a cost of 0 per outcome would mislead.
            amount(goal.cost_per_outcome if goal.cost else None, ",.0f"),
            amount(goal.break_even_share if goal.cost else None, ".1%"),
        )
        for goal in costs.goals
    ]
    if costs.unattributed_hours > 1e-6 * max(costs.hours, 1.0):
        goals.append(
            ("(no goal)", f"{costs.unattributed_hours:.1f}", f"{costs.unattributed:,.0f}")
            + ("-",) * 3
        )
    per_goal = Table(
        ["goal", "hours", "cost", "outcomes", "per outcome", "break-even"],
        goals,
        costs.footnote
        + "; break-even: the share of value outcomes that must become clients to pay for it",
    )
    return Section("The cost of the first year", [table, per_goal])
