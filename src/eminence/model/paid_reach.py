"""What a bought audience may count toward, checked across the profile.

The essays warn that buying an audience (ads, paid promotion, sponsored posts, bought lists)
gathers followers, not clients who reply, ask or refer. A paid-reach venue may therefore
yield only reach metrics, and, as money is what buys it, only a profile with a money budget
can weigh it against the hours.
"""

from __future__ import annotations

from collections.abc import Iterator

from eminence.errors import Problem
from eminence.model.capacity import Capacity
from eminence.model.metrics import Metric, MetricKind
from eminence.model.venues import Venue

__all__ = ("paid_reach_problems",)


def paid_reach_problems(
    venue: Venue, path: str, metrics: tuple[Metric, ...], capacity: Capacity
) -> Iterator[Problem]:
    """A paid-reach venue's yields of anything but reach, and a budget it needs but lacks."""
    if not venue.kind.is_paid_reach:
        return
    kinds = {metric.id: metric.kind for metric in metrics}
    for metric_id in venue.yields:
        kind = kinds.get(metric_id)
        if kind is not None and kind is not MetricKind.REACH:
            yield Problem(
                f"{path}.yields.{metric_id}",
                f"counts {kind.value}, and a paid-reach venue buys followers, who do not "
                "reply, ask or refer: it yields reach only; remove this yield, or give the "
                "venue the kind of the place where clients engage",
            )
    if capacity.money_per_year is None:
        yield Problem(
            f"{path}.kind",
            "a paid-reach venue is bought with money, and the capacity has no money_per_year "
            "to weigh it against the hours; give capacity.money_per_year, or another kind",
        )
