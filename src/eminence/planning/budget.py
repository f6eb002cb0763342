"""What more money would buy where the yearly budget binds: a real replan, in words.

Where the budget holds hours back from paid venues, the plan replans the profile with
`MORE_MONEY` more a year (at its hours, seed and horizon, as the focus replans its variants)
and says, goal by goal, how much sooner each is expected. Where it does not bind, more money
changes nothing, and nothing is said.
"""

from __future__ import annotations

from collections.abc import Sequence

from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.planning.focus import ExpectedDates, change_in_words, date_changes
from eminence.planning.results import Allocation, DateChange, GoalProjection, Note, NoteKind

__all__ = ("MORE_MONEY", "money_note", "more_money")

MORE_MONEY = 1_000.0
"""The raise of the yearly budget a binding budget's note prices: a sum a person can weigh."""


def more_money(
    profile: Profile,
    allocation: Allocation,
    projections: Sequence[GoalProjection],
    expected: ExpectedDates,
) -> tuple[DateChange, ...]:
    """Each goal's expected date in a replan with `MORE_MONEY` more a year; empty unless the
    budget binds."""
    budget = profile.capacity.money_per_year
    if budget is None or not allocation.money_binds:
        return ()
    richer = profile.capacity.replace(money_per_year=budget + MORE_MONEY)
    return date_changes(projections, expected(profile.model_copy(update={"capacity": richer})))


def money_note(profile: Profile, allocation: Allocation) -> tuple[Note, ...]:
    """The note of a binding budget: what it holds back, and what `MORE_MONEY` a year buys."""
    if not allocation.money_binds or profile.capacity.money_per_year is None:
        return ()
    names = {goal.id: repr(goal.name or goal.id) for goal in profile.goals}
    gains = [change_in_words(change, names) for change in allocation.more_money]
    return (
        Note(
            kind=NoteKind.MONEY_BINDS,
            message=f"the money budget binds: {figures.money(profile.capacity.money_per_year)} "
            "a year holds hours back from paid venues; "
            f"{figures.money(MORE_MONEY)} a year more brings "
            + (", ".join(gain for gain in gains if gain) or "no goal sooner"),
        ),
    )
