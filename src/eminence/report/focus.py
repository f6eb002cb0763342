"""Focus as text: each goal's share of the hours and distance from the others, and what
dropping the weakest goal or tracking vanity goals would buy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from eminence.model import _figures as figures
from eminence.planning.results import DateChange, Focus, human_duration
from eminence.planning.results.focus import SCATTERED
from eminence.report.blocks import Document, Section, Table

__all__ = ("focus_document", "focus_section")


def focus_document(focus: Focus) -> Document:
    """The focus on its own, goals shown by id."""
    return Document("", [focus_section(focus)])


def focus_section(focus: Focus, names: Mapping[str, str] | None = None) -> Section:
    """How much the goals compete for the hours, goal by goal, and the trade-offs measured."""
    names = names or {}
    verdict = "the goals scatter the hours" if focus.scattered else "the hours are focused"
    shares = Table(
        ["goal", "share of the hours", "apart from the others' venues"],
        [
            (
                names.get(goal.goal, goal.goal) + ("" if goal.steers else " (tracked)"),
                figures.chance(goal.hours_share),
                "-" if goal.distance is None else figures.chance(goal.distance),
            )
            for goal in focus.goals
        ],
        footnote=f"focus {figures.quantity(focus.score)}: {verdict} (1 when every hour serves "
        f"every goal, below {figures.quantity(SCATTERED)} scattered)",
    )
    blocks = [shares]
    if focus.weakest is not None:
        weakest = names.get(focus.weakest, focus.weakest)
        blocks.append(_what_if(f"without {weakest}", focus.without_weakest, names))
    if focus.vanity_cost:
        blocks.append(_what_if("vanity goals tracked", focus.vanity_cost, names))
    return Section("Focus", blocks)


def _what_if(label: str, changes: Sequence[DateChange], names: Mapping[str, str]) -> Table:
    def day(value: dt.date | None) -> str:
        return "-" if value is None else value.isoformat()

    def gain(change: DateChange) -> str:
        saved = change.weeks_saved
        if saved is None or change.planned_date == change.what_if_date:
            return "-"
        return f"{human_duration(abs(saved))} {'sooner' if saved > 0 else 'later'}"

    return Table(
        ["goal", "expected", label, "which is"],
        [
            (
                names.get(change.goal, change.goal),
                day(change.planned_date),
                day(change.what_if_date),
                gain(change),
            )
            for change in changes
        ],
        footnote=f"expected dates replanned {label}; '-' means not within the horizon",
    )
