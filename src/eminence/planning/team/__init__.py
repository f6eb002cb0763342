"""The team planner: the firm's shared venues given by fit, each expert planned as today, the
firm's goals reached by the experts' work summed trial by trial.

assign shared venues and events (`assign`) → derive each expert's profile → plan each with
the single planner (rank, split, events, project: no stage copied) → sum every firm goal's
trials → weigh one more hour a week of each expert.
"""

from __future__ import annotations

import numpy as np

from eminence.model import Team
from eminence.model.arguments import an_instance
from eminence.planning.events import ProjectionInputs
from eminence.planning.planner import TRIALS, Planner, check_options
from eminence.planning.projection import (
    HORIZON_WEEKS,
    expected_sum,
    horizon_for,
    summed_goal,
    weeks_to,
)
from eminence.planning.projection.paths import FloatArray
from eminence.planning.results import (
    ExpertPlan,
    ExtraHour,
    FirmGoalProjection,
    TeamPlan,
)
from eminence.planning.team.assign import assign, shared_venues

__all__ = ("plan_team",)


def plan_team(
    team: Team, *, seed: int = 0, trials: int = TRIALS, horizon_weeks: int = HORIZON_WEEKS
) -> TeamPlan:
    """Plan a team: who does what, each expert's plan, and when the firm's goals are reached.

    Every expert is planned with ``seed``: their venues' and events' ids are unique in the
    team, and every random stream is named by one, so each expert's luck is their own. A team
    of one expert plans exactly as that expert's profile does.

    Examples
    --------
    >>> import eminence as em
    >>> from eminence.io import example_team
    >>> team_plan = em.plan_team(example_team("studio"), trials=200)
    >>> [planned.expert for planned in team_plan.experts]
    ['amira', 'ben', 'chloe']
    """
    team = an_instance("team", team, Team, "read one with eminence.io.load_team(path)")
    seed, trials, horizon_weeks = check_options(seed, trials, horizon_weeks)
    assignments = assign(team)
    given = shared_venues(team, assignments)
    profiles = {e.id: team.profile_for(e.id, given[e.id]) for e in team.experts}
    # One grid of weeks for all: the longest horizon any expert's deadlines ask for.
    horizon = max(horizon_for(profile, horizon_weeks) for profile in profiles.values())
    planners = {
        expert: Planner(profile, seed=seed, trials=trials, horizon_weeks=horizon)
        for expert, profile in profiles.items()
    }
    inputs = {
        expert: planner.allocation(planner.profile.capacity.hours_per_week)[1]
        for expert, planner in planners.items()
    }
    firm = _FirmGoals(team, planners)
    firm_goals = tuple(firm.project(inputs, seed))
    extra_hour = tuple(firm.extra_hour(expert, inputs, firm_goals) for expert in planners)
    gains = [
        sum(goal.priority * (hour.weeks_earlier[goal.id] or 0.0) for goal in team.goals)
        for hour in extra_hour
    ]
    best = int(np.argmax(gains))
    coordination = sum(e.coordination_hours_per_week for e in team.experts) + sum(
        shared.coordination_hours_per_week for shared in team.shared_venues
    )
    notes = []
    limit = team.community_manager_hours_per_week
    if limit is not None and coordination > limit + 1e-9:
        notes.append(
            f"coordination takes {coordination:.2f} h/week of the community manager, who has "
            f"{limit:.2f}: give them more hours, or share fewer venues"
        )
    return TeamPlan(
        team=team,
        seed=seed,
        assignments=assignments,
        experts=tuple(
            ExpertPlan(expert=expert, plan=planner.plan()) for expert, planner in planners.items()
        ),
        firm_goals=firm_goals,
        extra_hour=extra_hour,
        bottleneck=extra_hour[best].expert if gains[best] > 0 else None,
        coordination_hours_per_week=coordination,
        notes=tuple(notes),
    )


class _FirmGoals:
    """The firm's goals as the experts' plans reach them together."""

    def __init__(self, team: Team, planners: dict[str, Planner]) -> None:
        self.team = team
        self.planners = planners
        self.churn = [_churn(team, goal.metric) for goal in team.goals]
        # The firm's goals come first in every expert's profile, in the team's order.
        self.horizon = next(iter(planners.values())).projector.horizon_weeks

    def project(self, inputs: dict[str, ProjectionInputs], seed: int) -> list[FirmGoalProjection]:
        """Each firm goal from one running sum of the experts' trials, added expert by expert:
        memory holds one (trials x weeks) array per goal, however large the team."""
        first = next(iter(self.planners.values())).projector
        dates = first.dates
        projected = []
        for g, goal in enumerate(self.team.goals):
            total = np.zeros((first.draws.trials, len(dates)))
            expected = {
                expert: planner.projector.goal_paths(inputs[expert], g, into=total).expected
                for expert, planner in self.planners.items()
            }
            summed = summed_goal(
                goal, self.churn[g], total, list(expected.values()), dates, first.band_weeks, seed
            )
            del total
            zero = np.zeros(len(dates))
            projected.append(
                FirmGoalProjection(
                    goal=goal.id,
                    target=goal.target,
                    deadline=goal.deadline,
                    by_expert={
                        # A stock's expected path holds the firm's starting level: not theirs.
                        expert: max(0.0, float(expected_sum(goal, self.churn[g], [path, zero])[-1]))
                        for expert, path in expected.items()
                    },
                    **vars(summed),
                )
            )
        return projected

    def extra_hour(
        self,
        expert: str,
        inputs: dict[str, ProjectionInputs],
        projected: tuple[FirmGoalProjection, ...],
    ) -> ExtraHour:
        planner = self.planners[expert]
        hours = min(168.0, planner.profile.capacity.hours_per_week + 1.0)
        more = dict(inputs, **{expert: planner.allocation(hours)[1]})
        earlier: dict[str, float | None] = {}
        for g, (goal, before) in enumerate(zip(self.team.goals, projected, strict=True)):
            path = expected_sum(goal, self.churn[g], [self._expected(e, more[e], g) for e in more])
            after = weeks_to(path, goal.target)
            if after is None:
                earlier[goal.id] = None
            else:
                reference = self.horizon if before.expected_weeks is None else before.expected_weeks
                earlier[goal.id] = reference - after
        return ExtraHour(expert=expert, weeks_earlier=earlier)

    def _expected(self, expert: str, inputs: ProjectionInputs, g: int) -> FloatArray:
        return self.planners[expert].projector.expected_path(inputs, g)


def _churn(team: Team, metric_id: str) -> float | None:
    return next(metric for metric in team.metrics if metric.id == metric_id).churn_per_week
