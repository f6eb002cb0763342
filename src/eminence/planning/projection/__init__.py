"""When each goal is reached: a weekly projection, expected and with honest uncertainty.

Time runs on a weekly grid from the plan's start; holidays stop the clock. A taken event's
preparation takes its hours from the weekly split, spread over the weeks before each of its
dates, and in those weeks the split is solved again at the hours left: the venues at the
margin give way first, as the event rule assumes when it weighs an event against the split's
marginal hour. Venues listen one after another, each with the hours of every week that the
venues already active leave free, and contribute once their listening is done. Each venue
then keeps two clocks, the weeks of its full hours (which its costs count) and of its full
pace (which its contributions count): a shortened week counts for the share of its hours, or
of its expected contributions, the venue keeps. A taken event adds its yield on its date.

Counted metrics accumulate. Outcome counts are Poisson, so the time the count reaches a
target ``k`` is when the expected cumulative count reaches a Gamma(k, 1) draw: one draw per
trial gives the exact first-passage time, no week-by-week simulation needed. A stock metric
(an engaged audience) loses a share each week: each trial follows its expected recurrence,
without count noise, so a stock that touches its target for one lucky week does not count as
reaching it. The estimates are drawn from their PERT-Beta laws and acceptance is a Bernoulli
draw, every trial at once.

The package follows the work: `paths` (the arithmetic of paths on the weekly grid),
`layout` (what a split lays out, and the expected flows), `expected` (phase dates and
expected outcomes, no trials), `trials` (the Monte Carlo blocks), `outcomes` (a goal's
dates, chances and what binds it), `summed` (a goal several plans reach together, trial
by trial).
"""

from eminence.planning.events import ProjectionInputs
from eminence.planning.projection.layout import HORIZON_WEEKS, ExpectedFlows, horizon_for
from eminence.planning.projection.paths import GoalPaths
from eminence.planning.projection.reaching import BAND_TRIALS
from eminence.planning.projection.summed import SummedGoal, expected_sum, summed_goal, weeks_to
from eminence.planning.projection.trials import Projector

__all__ = (
    "BAND_TRIALS",
    "HORIZON_WEEKS",
    "ExpectedFlows",
    "GoalPaths",
    "ProjectionInputs",
    "Projector",
    "SummedGoal",
    "expected_sum",
    "horizon_for",
    "summed_goal",
    "weeks_to",
)
