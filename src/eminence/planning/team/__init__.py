"""The team planner: the firm's shared venues given by fit, each expert planned as today, the
firm's goals reached by the experts' work summed trial by trial.

assign shared venues and events (`assign`) → derive each expert's profile → plan each with
the single planner (rank, split, events, project: no stage copied), passing on the slots of
events an expert's plan declines until none is (`slots`) → sum every firm goal's trials →
weigh one more hour a week of each expert.
"""

from __future__ import annotations

import numpy as np

from eminence.errors import EminenceError
from eminence.model import Team
from eminence.model import _figures as figures
from eminence.model.arguments import an_instance
from eminence.planning.planner import TRIALS, WORK, check_options, work_per_trial
from eminence.planning.projection import (
    HORIZON_WEEKS,
    expected_sum,
    horizon_for,
    summed_goal,
    weeks_to,
)
from eminence.planning.results import (
    ExpertPlan,
    ExtraHour,
    FirmGoalProjection,
    TeamPlan,
)
from eminence.planning.team.slots import Bench, Settled

__all__ = ("check_team_work", "most_team_trials", "plan_team")


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
    # One grid of weeks for all: the longest horizon any expert's deadlines ask for.
    horizon = max(horizon_for(team.profile_for(e.id), horizon_weeks) for e in team.experts)
    check_team_work(team, trials, horizon)
    bench = Bench(team, seed=seed, trials=trials, horizon_weeks=horizon)
    settled = bench.settle()
    planners = settled.planners
    firm = _FirmGoals(team, bench)
    firm_goals = tuple(firm.project(settled, seed))
    extra_hour = tuple(firm.extra_hour(expert, firm_goals) for expert in planners)
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
            f"coordination takes {figures.hours_per_week(coordination)} h/week of the community "
            f"manager, who has {figures.hours_per_week(limit)}: give them more hours, or share "
            "fewer venues"
        )
    return TeamPlan(
        team=team,
        seed=seed,
        assignments=settled.assignments,
        experts=tuple(
            ExpertPlan(expert=expert, plan=planner.plan()) for expert, planner in planners.items()
        ),
        firm_goals=firm_goals,
        extra_hour=extra_hour,
        bottleneck=extra_hour[best].expert if gains[best] > 0 else None,
        coordination_hours_per_week=coordination,
        notes=tuple(notes),
    )


def most_team_trials(team: Team, horizon_weeks: int = HORIZON_WEEKS) -> int:
    """The most trials the work budget `WORK` allows a plan of ``team``: one plan's budget
    for the experts' plans together, so that a team of one has its expert's (each expert is
    planned once more with an hour a week more: a team at its budget takes about twice one
    plan's time)."""
    work = sum(work_per_trial(team.profile_for(e.id), horizon_weeks) for e in team.experts)
    return max(1, min(1_000_000, WORK // work))


def check_team_work(team: Team, trials: int, horizon_weeks: int) -> None:
    """Refuse more trials than the work budget allows the team, saying how many it does: each
    expert's plan stays within its own budget, but a hundred of them would take minutes."""
    most = most_team_trials(team, horizon_weeks)
    if trials > most:
        raise EminenceError(
            f"trials={trials:,} is more work than one team plan may take: "
            f"{len(team.experts):,} experts over {horizon_weeks} weeks, at most {most:,} "
            "trials; ask for fewer, or plan the team in smaller groups"
        )


class _FirmGoals:
    """The firm's goals as the experts' plans reach them together."""

    def __init__(self, team: Team, bench: Bench) -> None:
        self.team = team
        self.bench = bench
        self.churn = [_churn(team, goal.metric) for goal in team.goals]
        # The firm's goals come first in every expert's profile, in the team's order.
        self.horizon = bench.horizon_weeks

    def project(self, settled: Settled, seed: int) -> list[FirmGoalProjection]:
        """Each firm goal from one running sum of the experts' trials, added expert by expert:
        memory holds one (trials x weeks) array per goal, however large the team."""
        planners, inputs = settled.planners, settled.inputs
        first = next(iter(planners.values())).projector
        dates = first.dates
        projected = []
        for g, goal in enumerate(self.team.goals):
            total = np.zeros((first.draws.trials, len(dates)))
            expected = {
                expert: planner.projector.goal_paths(inputs[expert], g, into=total).expected
                for expert, planner in planners.items()
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

    def extra_hour(self, expert: str, projected: tuple[FirmGoalProjection, ...]) -> ExtraHour:
        """Weeks sooner with one more hour a week of the expert, the calls settled again: with
        it they may take a talk they declined, or decline one they took."""
        hours = min(168.0, self.team.expert(expert).capacity.hours_per_week + 1.0)
        more = self.bench.settle({expert: hours})
        earlier: dict[str, float | None] = {}
        for g, (goal, before) in enumerate(zip(self.team.goals, projected, strict=True)):
            paths = [
                planner.projector.expected_path(more.inputs[e], g)
                for e, planner in more.planners.items()
            ]
            path = expected_sum(goal, self.churn[g], paths)
            after = weeks_to(path, goal.target)
            if after is None:
                earlier[goal.id] = None
            else:
                reference = self.horizon if before.expected_weeks is None else before.expected_weeks
                earlier[goal.id] = reference - after
        return ExtraHour(expert=expert, weeks_earlier=earlier)


def _churn(team: Team, metric_id: str) -> float | None:
    return next(metric for metric in team.metrics if metric.id == metric_id).churn_per_week
