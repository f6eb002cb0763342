"""Events under a money budget: the split runs first, and the money it leaves pays the taken
events' fees and travel, best event first; an event the money cannot pay is left out."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from eminence.model import _figures as figures
from eminence.planning.allocation.money import Budget
from eminence.planning.events.chooser import EventChooser
from eminence.planning.rates import YEAR_WEEKS, RateModel

__all__ = ("COST_WEEKS", "cost_weeks", "money_per_year", "paid_for")

FloatArray = NDArray[np.float64]


def money_per_year(budget: Budget, hours: FloatArray) -> float:
    """The money a year the split's venues spend, as the budget weighs it."""
    return budget.spent(hours) * YEAR_WEEKS


COST_WEEKS = YEAR_WEEKS
"""Costs are counted over the plan's first year: the budget people plan and report in."""


def cost_weeks(horizon_weeks: int) -> int:
    """The weeks from a plan's start that its costs count: a year, or the whole horizon if
    that is shorter."""
    return min(COST_WEEKS, horizon_weeks)


def _event_money(model: RateModel, e: int, until: dt.date) -> float:
    """The money event ``e`` costs in the plan's first year (the days before ``until``), as
    the costs count it: its fee and travel times its mean acceptance chance if it falls in
    that year, else 0."""
    _, event = model.events[e]
    if event.date >= until:
        return 0.0
    chance = float(model.means()[model.event_acceptance[e]])
    return chance * (event.fee + event.travel_cost)


def _unpaid_events(
    model: RateModel,
    chooser: EventChooser,
    taken: Mapping[str, float],
    leftover_money: float,
    until: dt.date,
) -> tuple[dict[str, str], float]:
    """The taken events whose first-year fees the money the split leaves cannot pay, with
    the reason, each paid in the chooser's order (best progress per hour first); and the
    money the others leave."""
    if math.isinf(leftover_money):
        return {}, leftover_money
    index = {event.id: e for e, (_, event) in enumerate(model.events)}
    unpaid: dict[str, str] = {}
    left = leftover_money
    for candidate in chooser.order:
        event = candidate.event.id
        if event not in taken:
            continue
        money = _event_money(model, index[event], until)
        if money <= left:
            left -= money
            continue
        unpaid[event] = (
            f"its fee and travel ({figures.money(money)} expected in the first year) exceed "
            f"the {figures.money(left)} of the money budget the weekly split and the events "
            "before it leave"
        )
    return unpaid, left


def paid_for(
    model: RateModel,
    chooser: EventChooser,
    active_from: Mapping[str, dt.date | None],
    refused: Mapping[str, str],
    money: float,
    until: dt.date,
) -> tuple[dict[str, float], float]:
    """The events taken once those that ``money`` (what the split leaves) cannot pay are
    refused too, and the money they leave. Worked out afresh each round: an event refused
    later frees the money of those after it."""
    unpaid: dict[str, str] = {}
    while True:
        taken = chooser.take(active_from, {**refused, **unpaid})
        more, left = _unpaid_events(model, chooser, taken, money, until)
        if not more:
            return taken, left
        unpaid.update(more)
