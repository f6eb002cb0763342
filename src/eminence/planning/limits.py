"""What binds a goal that its plan does not reach with 80 % confidence: hours only when the
search of `reach` finds hours that do, and otherwise what does, with its figures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from eminence.model import _figures as figures
from eminence.planning.reach import CONFIDENCE, Scan
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
    """The chance a plan is judged by: by the deadline (0 without one)."""
    return projection.chance_by_deadline or 0.0


def what_binds(
    projection: GoalProjection,
    scan: Callable[[], Scan],
    hours_per_week: float,
    events: Callable[[], Sequence[YieldingEvent]],
) -> GoalProjection:
    """The projection with its binding and explanation checked against the hours search.

    A goal said to be bound by hours (or an event's date) whose chance falls short of
    `CONFIDENCE` is scanned as `required_hours` scans: if some hours reach it, hours bind it;
    if none do, the deadline, the events' acceptance or the audience binds, in numbers. The
    scan and the taken ``events`` that yield for the goal are asked for only then.
    """
    # A goal without a deadline asks for no date: more hours bring it sooner (law 2).
    if projection.binding not in (Binding.HOURS, Binding.EVENT) or projection.deadline is None:
        return projection
    chance = chance_asked(projection)
    if chance >= CONFIDENCE:
        return projection
    found = scan()
    asked = f"by {projection.deadline.isoformat()} with {figures.chance(CONFIDENCE)} chance"
    here = (
        f"at {figures.hours_per_week(hours_per_week)} h/week the chance is {figures.chance(chance)}"
    )
    if found.reaches:
        return projection.model_copy(
            update={
                "binding": Binding.HOURS,
                "explanation": f"hours bind it: more hours a week reach it {asked} "
                f"({figures.chance(found.chance)} at "
                f"{figures.hours_per_week(found.hours_per_week)} h/week; em.required_hours "
                f"finds the least); {here}",
            }
        )
    none = (
        f"no amount up to 168 h/week reaches it {asked} (the best is "
        f"{figures.chance(found.chance)}, at "
        f"{figures.hours_per_week(found.hours_per_week)} h/week), so more hours do not help; "
        f"{here}"
    )
    binding, cause = _cause(projection, events())
    return projection.model_copy(update={"binding": binding, "explanation": f"{none}. {cause}"})


def _cause(projection: GoalProjection, events: Sequence[YieldingEvent]) -> tuple[Binding, str]:
    if projection.p80 is not None:
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
