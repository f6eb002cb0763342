"""What binds a goal that its plan does not reach with 80 % confidence: hours only when the
search of `reach` finds hours that do, and otherwise what does, with its figures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from eminence.model import _figures as figures
from eminence.planning.reach import CONFIDENCE, Reach
from eminence.planning.results import Binding, GoalProjection

__all__ = ("LIMITED", "YieldingEvent", "chance_asked", "what_binds")

LIMITED = (Binding.DEADLINE, Binding.ACCEPTANCE, Binding.AUDIENCE)
"""Bindings that say more hours a week do not reach the goal."""


@dataclass(frozen=True)
class YieldingEvent:
    """A taken event that yields for the goal, and its mean acceptance chance."""

    name: str
    acceptance: float


def chance_asked(projection: GoalProjection) -> float:
    """The chance a plan is judged by: by the deadline, or within the horizon without one."""
    if projection.deadline is not None:
        return projection.chance_by_deadline or 0.0
    return projection.chance_within_horizon


def what_binds(
    projection: GoalProjection,
    reach: Callable[[], Reach],
    hours_per_week: float,
    events: Sequence[YieldingEvent],
) -> GoalProjection:
    """The projection with its binding and explanation checked against the hours search.

    A goal said to be bound by hours (or an event's date) whose chance falls short of
    `CONFIDENCE` is searched: if some hours reach it, the explanation names them; if none do,
    the deadline, the events' acceptance or the audience binds, and it says so in numbers.
    """
    if projection.binding not in (Binding.HOURS, Binding.EVENT):
        return projection
    chance = chance_asked(projection)
    if chance >= CONFIDENCE:
        return projection
    found = reach()
    by = f"by {projection.deadline.isoformat()}" if projection.deadline else "within the horizon"
    asked = f"{by} with {figures.chance(CONFIDENCE)} chance"
    here = (
        f"at {figures.hours_per_week(hours_per_week)} h/week the chance is {figures.chance(chance)}"
    )
    if found.hours_per_week is not None:
        needed = figures.hours_per_week(found.hours_per_week)
        return projection.model_copy(
            update={
                "binding": Binding.HOURS,
                "explanation": f"hours bind it: {needed} h/week reach it {asked}; {here}",
            }
        )
    none = (
        f"no amount up to 168 h/week reaches it {asked} (the best is "
        f"{figures.chance(found.best_chance)}, at "
        f"{figures.hours_per_week(found.best_hours_per_week)} h/week), so more hours do not help; "
        f"{here}"
    )
    binding, cause = _cause(projection, events)
    return projection.model_copy(update={"binding": binding, "explanation": f"{none}. {cause}"})


def _cause(projection: GoalProjection, events: Sequence[YieldingEvent]) -> tuple[Binding, str]:
    if projection.p80 is not None and projection.deadline is not None:
        return Binding.DEADLINE, (
            f"The deadline binds: at these hours it is reached by {projection.p80.isoformat()} "
            f"with {figures.chance(CONFIDENCE)} chance, so a deadline then would hold"
        )
    uncertain = [event for event in events if event.acceptance < 1.0]
    if uncertain:
        accepted = ", ".join(
            f"{event.name} ({figures.chance(event.acceptance)})" for event in uncertain
        )
        return Binding.ACCEPTANCE, (
            f"Acceptance binds: it rests on events accepted by chance ({accepted}); "
            f"{figures.chance(projection.chance_within_horizon)} of trials reach it within "
            "the horizon. More events for its segments, or likelier ones, would help"
        )
    return Binding.AUDIENCE, (
        f"The audience binds: by the horizon it reaches "
        f"{figures.quantity(projection.expected_at_horizon)} of "
        f"{figures.quantity(projection.target)} expected; venues or events where more of its "
        "segments gather would help"
    )
