"""Ranking venues and events on one scale, progress per hour, with the reasons in numbers.

A venue scores its progress per hour at its first hour; an event its expected progress per
expected hour of preparation and attendance. Robustness is measured by drawing every estimate
from its range: the share of draws in which an item lands in the top few.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.planning.rates import Cadence, RateModel
from eminence.planning.results import GoalShare, Priorities, Priority
from eminence.planning.uncertainty import Draws, rows_within

__all__ = ("BOUGHT", "TOP", "rank")

FloatArray = NDArray[np.float64]

TOP = 3
"""How many places count as 'the top' for robustness."""


def rank(model: RateModel, draws: Draws) -> Priorities:
    """Every venue and event of the profile, ranked by expected progress per hour, with the
    chance of each among the top few over ``draws``."""
    means = model.means()
    # Twelve significant digits: scores equal in exact arithmetic tie, despite rounding.
    scores = np.array(
        [
            float(f"{score:.12g}")
            for score in np.concatenate(
                [model.venue_gain_per_hour(means), model.event_progress_per_hour(means)]
            )
        ]
    )
    # Excluded venues, and their events, are out of the plan and so out of the ranking.
    included = np.array(
        [not venue.excluded for venue in model.venues]
        + [not venue.excluded for venue, _ in model.events]
    )
    chance = _chance_in_top(model, draws)
    goal_yield = np.concatenate([model.venue_goal_yield(means), model.event_goal_yield(means)])
    raw_yield = np.concatenate([means[model.venue_yield], means[model.event_yield]])
    hours = np.concatenate([model.venue_effort_hours(means), model.event_hours(means)])
    keys = [(venue.id, "") for venue in model.venues]
    keys += [(venue.id, event.id) for venue, event in model.events]
    order = sorted(np.flatnonzero(included).tolist(), key=lambda i: (-scores[i], keys[i]))

    items: list[Priority] = []
    rank_number = 0
    for position, index in enumerate(order):
        score = float(scores[index])
        if position == 0 or score != float(scores[order[position - 1]]):
            rank_number += 1
        tied = any(
            0 <= other < len(order) and float(scores[order[other]]) == score
            for other in (position - 1, position + 1)
        )
        row = _Row(goal_yield[index], raw_yield[index], float(hours[index]), score)
        items.append(_priority(model, index, row, rank_number, tied, float(chance[index])))
    return Priorities(items=tuple(items), top=TOP, trials=draws.trials, seed=draws.seed)


def _chance_in_top(model: RateModel, draws: Draws) -> FloatArray:
    """The share of trials in which each venue and event is among the top `TOP`, counted
    block by block of trials."""
    excluded = np.array(
        [venue.excluded for venue in model.venues] + [venue.excluded for venue, _ in model.events],
        dtype=bool,
    )
    items = len(excluded)
    top = min(TOP, items)
    counts = np.zeros(items, dtype=np.int64)
    # Per trial: the row of draws, the scores and their partition, several items wide. Each
    # block of draws is scored a few rows at a time: scoring holds three tables of every
    # item's yield toward every goal, far wider than a row of draws when goals are many.
    rows = rows_within(len(model.table) + 4 * items, draws.trials)
    scored = rows_within(3 * items * len(model.goals), rows)
    for block in draws.blocks(np.arange(len(model.table)), rows):
        for first in range(0, len(block), scored):
            values = block[first : first + scored]
            scores = np.concatenate(
                [model.venue_gain_per_hour(values), model.event_progress_per_hour(values)],
                axis=1,
            )
            scores[:, excluded] = 0.0
            threshold = np.partition(scores, -top, axis=1)[:, -top][:, np.newaxis]
            counts += ((scores >= threshold) & (scores > 0.0)).sum(axis=0)
    chance: FloatArray = counts / draws.trials
    return chance


@dataclass(frozen=True, slots=True)
class _Row:
    """The expected numbers of one venue or event, as the ranking computed them."""

    goal_yield: FloatArray
    raw_yield: FloatArray
    hours: float
    score: float


def _priority(
    model: RateModel, index: int, row: _Row, rank_number: int, tied: bool, chance: float
) -> Priority:
    venue_count = len(model.venues)
    hours, score = row.hours, row.score
    if index < venue_count:
        venue, event = model.venues[index], None
        cadence = model.cadences[index]
        audience: Mapping[str, float] = venue.audience
        money = venue.cost_per_contribution
        effort = f"one {venue.contribution} takes {figures.hours(hours)} h"
    else:
        venue, event = model.events[index - venue_count]
        cadence = model.cadences[int(model.event_venue[index - venue_count])]
        audience = event.audience if event.audience is not None else venue.audience
        money = event.fee + event.travel_cost
        effort = f"{figures.hours(hours)} h of preparation and attendance expected"
    by_goal = tuple(
        GoalShare(
            goal=goal.id,
            audience_share=min(1.0, model.relevance.share(audience, goal)),
            fit=min(1.0, model.relevance.fit(audience, goal)),
            yield_per_contribution=float(row.raw_yield[g]),
            progress_per_hour=(
                float(row.goal_yield[g] * model.goal_scale[g] / hours) if hours else 0.0
            ),
        )
        for g, goal in sorted(enumerate(model.goals), key=lambda pair: pair[1].id)
    )
    if score <= 0.0:
        reason = _why_nothing(
            by_goal, has_events=event is None and any(v.id == venue.id for v, _ in model.events)
        )
    else:
        reason = _why(model.profile, by_goal, effort, cadence)
    if venue.kind.is_paid_reach:
        reason = f"{BOUGHT}; {reason}"
    return Priority(
        rank=rank_number,
        tied=tied,
        venue=venue.id,
        event=event.id if event else None,
        name=(event.name or event.id) if event else (venue.name or venue.id),
        kind=venue.kind,
        progress_per_hour=score,
        by_goal=by_goal,
        effort_hours=hours,
        money_per_hour=money / hours if hours else 0.0,
        cadence_per_week=None if event else cadence.per_week,
        cadence_source=None if event else cadence.source,
        peers_active=cadence.peers_active,
        peer_cadence_per_week=cadence.peer_median,
        chance_in_top=chance,
        reason=reason,
    )


BOUGHT = (
    "a bought audience: its followers count as reach only, as they do not reply, ask or "
    "refer, so it moves no engagement or value goal"
)
"""What a paid-reach venue's reason leads with: the essays' warning against buying an
audience, in the ranking that would otherwise read as any venue's."""


def _why_nothing(by_goal: tuple[GoalShare, ...], *, has_events: bool) -> str:
    if all(share.audience_share == 0.0 for share in by_goal):
        return "none of its audience is in the goals' segments"
    suffix = "; its value is in its events, ranked on their own" if has_events else ""
    return "it yields nothing the goals count" + suffix


def _why(profile: Profile, by_goal: tuple[GoalShare, ...], effort: str, cadence: Cadence) -> str:
    best = max(by_goal, key=lambda share: share.progress_per_hour)
    goal = profile.goal(best.goal)
    if cadence.peers_active and cadence.peer_median is not None:
        verb = "peers contribute" if cadence.peers_active > 1 else "peer contributes"
        peers = (
            f"{cadence.peers_active} established {verb} ~{figures.rate(cadence.peer_median)}/week"
        )
    else:
        peers = "no established peer is active here: open ground"
    return (
        f"most for {goal.name or goal.id!r}: {figures.chance(best.audience_share)} of the "
        f"audience are targeted clients, expertise fit {figures.quantity(best.fit)}, {effort}; "
        f"{peers}"
    )
