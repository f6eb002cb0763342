"""The most a goal's chance by its deadline can be at any hours whose split gives no venue
more than some hours: what lets the hours search of `reach` stop before projecting every
level, exactly, without choosing the events there.

A counted goal's trial reaches its target by the deadline only if its units by the boundary
after the deadline reach the trial's threshold. Each term of those units has a ceiling that
no split within the hours, no choice of events and no listening can pass, drawn from the very
draws and luck the projection reads: a venue contributes at most at its most hours, for at
most the working weeks so far (its clocks never run ahead of them); an event adds at most its
yield, if its luck accepts it, by its date. So the share of trials whose ceiling reaches the
threshold bounds the chance from above, at every such split at once.
"""

from __future__ import annotations

import math

import numpy as np

from eminence.planning.projection.luck import crosses_a_threshold
from eminence.planning.projection.paths import FloatArray
from eminence.planning.projection.reaching import BLOCK_TRIALS
from eminence.planning.projection.trials import Projector

__all__ = ("chance_ceiling",)

SLACK = 1e-9
"""Relative room left for the rounding of the projection's own sums, far above it."""


def chance_ceiling(projector: Projector, g: int, hours: FloatArray) -> float:
    """The most goal ``g``'s chance by its deadline can be at any split giving no venue more
    than ``hours`` (V,), as `Projector.reached` counts it; 1 where no ceiling is known.

    Known for a counted goal (a threshold per trial) with a split that takes no money: a
    budget can move hours onto a venue in a week that loses hours to an event, so a venue's
    clock is no longer bounded by the working weeks.
    """
    model = projector.model
    goal = model.goals[g]
    if goal.deadline is None:
        return 0.0  # the chance asked of a goal without a deadline
    if not crosses_a_threshold(model, g) or projector.curve.budget is not None:
        return 1.0
    start, last = projector.dates[0], len(projector.dates) - 1
    # A trial reached by the deadline has crossed its threshold by the boundary after it.
    boundary = max(0, min(math.floor((goal.deadline - start).days / 7.0) + 1, last))
    used = np.flatnonzero(hours > 0)
    events = np.arange(len(model.events))
    dated = np.array([event.date <= projector.dates[boundary] for _, event in model.events], bool)
    columns = np.concatenate(
        [
            model.venue_effort[used],
            model.venue_yield[used, g],
            model.event_yield[events, g],
            model.event_acceptance[events],
        ]
    )
    luck = projector.luck()
    reached, first = 0, 0
    for values in projector.draws.blocks(columns, BLOCK_TRIALS):
        count = len(values)
        contributions = model.venue_contributions(values, hours[used], used)
        venue_yield = values[:, model.venue_yield[used, g]] * model.venue_relevance[used, g]
        lucky = np.array([luck.acceptance(e, first, count) for e in events.tolist()])
        accepted = values[:, model.event_acceptance[events]] > lucky.reshape(-1, count).T
        event_yield = values[:, model.event_yield[events, g]] * model.event_relevance[events, g]
        units = (contributions * venue_yield).sum(axis=1) * projector.working[boundary]
        units += (accepted * event_yield)[:, dated].sum(axis=1)
        thresholds = luck.threshold(g, first, count)
        reached += int(np.count_nonzero(units * (1.0 + SLACK) >= thresholds))
        first += count
    return reached / projector.draws.trials
