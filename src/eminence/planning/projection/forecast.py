"""A profile's goals forecast without the plan around them: what a batch of thousands asks of
each profile. Every number is read as the plan reads it, so the two cannot disagree."""

from __future__ import annotations

import dataclasses
import math

from eminence.planning.events import ProjectionInputs
from eminence.planning.projection.outcomes import _date, trial_dates
from eminence.planning.projection.trials import Projector
from eminence.planning.results.forecast import Forecast, GoalForecast

__all__ = ("forecast",)


def forecast(projector: Projector, inputs: ProjectionInputs) -> Forecast:
    """Every goal's dates and chances for one split of the week, as `Projector.project` gives
    them, without the band of progress or what binds each goal. With no trials, only the
    closed-form expected dates."""
    goals = projector.model.goals
    start = projector.dates[0]
    weeks, at_horizon = projector.expected_outcomes(inputs)
    forecasts = [
        GoalForecast(
            goal=goal.id,
            target=goal.target,
            expected_weeks=None if math.isinf(expected) else expected,
            expected_date=_date(start, expected),
            expected_at_horizon=level,
            deadline=goal.deadline,
        )
        for goal, expected, level in zip(goals, weeks.tolist(), at_horizon.tolist(), strict=True)
    ]
    if projector.draws.trials:
        drawn = projector.reached(inputs, range(len(goals)), band=False)
        forecasts = [
            dataclasses.replace(forecast, **trial_dates(goal, start, reached))
            for forecast, goal, (reached, *_) in zip(forecasts, goals, drawn, strict=True)
        ]
    return Forecast(
        name=projector.model.profile.name,
        seed=projector.seed,
        trials=projector.draws.trials,
        horizon_weeks=projector.horizon_weeks,
        goals=tuple(forecasts),
    )
