"""A goal's target as people say it, from its projection alone: an amount, or a rate held."""

from __future__ import annotations

from eminence.model.goals import rate_words
from eminence.planning import GoalProjection
from eminence.planning.results import FirmGoalProjection, Progress, RateProgress

__all__ = ("compared", "rate_of", "target_words")


def rate_of(projection: GoalProjection | FirmGoalProjection) -> RateProgress | None:
    """A rate goal's count in each period; None for a goal of an amount or a firm goal."""
    return projection.per_period if isinstance(projection, GoalProjection) else None


def compared(projection: GoalProjection | FirmGoalProjection) -> Progress:
    """What the target is compared with over time: a rate goal's count in each period (its
    rolling rate), else the goal's progress."""
    return rate_of(projection) or projection.progress


def target_words(projection: GoalProjection | FirmGoalProjection) -> str:
    """'3', or for a rate goal '3 a quarter, 2 quarters running': a rate's target is never
    shown as a bare count, which reads as an amount reached once."""
    rate = rate_of(projection)
    if rate is None:
        return rate_words(projection.target, "", None)
    return rate_words(projection.target, "", rate.per, rate.held_for)
