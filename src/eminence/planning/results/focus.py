"""How focused a plan's goals are, and what a goal that scatters or steers costs the others.

The essays ask for one objective the work rallies around, not all things for all people. A
goal competes with the others when the hours that move it move them little: its venues are
not theirs. Focus measures that over the weekly split; the trade-offs say, in weeks, what
dropping the weakest goal, or tracking vanity goals without letting them steer, would buy.
"""

from __future__ import annotations

import datetime as dt

from eminence.model._base import Record
from eminence.planning.results._bounds import NonNegative, Probability

__all__ = ("SCATTERED", "DateChange", "Focus", "GoalFocus")

SCATTERED = 0.5
"""A focus below this scatters the hours: less than half of the split's hours, weighted by
the goals they serve, go to venues the other goals use too."""


class GoalFocus(Record):
    """One goal's part of the weekly split, and how far its venues are from the others'.

    ``hours_share`` is the share of the split's hours that works for the goal: each venue's
    hours shared among the goals in proportion to the progress they make there. ``distance``
    is how far the goal's hours are, venue by venue, from the other goals' hours (0 on the
    same venues in the same proportions, 1 on venues no other goal uses); None for a goal that
    takes no hours, such as a vanity goal only tracked.
    """

    goal: str
    steers: bool
    hours_share: Probability
    distance: Probability | None


class DateChange(Record):
    """One goal's expected date in the plan and in a what-if, and the weeks between.

    ``weeks_saved`` is how much sooner the what-if reaches the goal (negative when later);
    None unless both reach it within the horizon (a date of None says which does not).
    """

    goal: str
    planned_weeks: NonNegative | None
    planned_date: dt.date | None
    what_if_weeks: NonNegative | None
    what_if_date: dt.date | None
    weeks_saved: float | None


class Focus(Record):
    """How much a plan's goals compete for the same hours, and what relieving them would buy.

    ``score`` is 1 when every hour of the split serves every goal that takes hours (one goal,
    or goals met at the same venues) and falls to 0 as the goals take the hours to venues of
    their own: the share of hours, goal by goal, spent where the other goals are too. Below
    `SCATTERED` the goals scatter the hours, and ``weakest`` names the goal to drop or defer
    (the lowest priority; among equals the farthest from the others' venues), with
    ``without_weakest`` the other goals' dates in a replan without it. ``vanity_cost`` holds
    the dates of the goals on engagement and value were vanity goals only tracked
    (``vanity: track``); it is empty unless vanity goals steer beside them.
    """

    score: Probability
    goals: tuple[GoalFocus, ...]
    weakest: str | None = None
    without_weakest: tuple[DateChange, ...] = ()
    vanity_cost: tuple[DateChange, ...] = ()

    @property
    def scattered(self) -> bool:
        """Whether the goals scatter the hours: a focus below `SCATTERED`."""
        return self.score < SCATTERED

    def goal(self, goal_id: str) -> GoalFocus:
        """One goal's focus, by id."""
        for goal in self.goals:
            if goal.goal == goal_id:
                return goal
        raise KeyError(goal_id)
