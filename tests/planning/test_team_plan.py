"""The team planner: each expert planned as their profile, firm goals summed trial by trial."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence import io
from eminence.model import Team, Voice
from eminence.planning.planner import Planner
from eminence.planning.projection.paths import _first_crossing
from eminence.planning.uncertainty import stream

TRIALS = 100
STUDIO = io.example_team("studio")
SETTINGS = settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def _with_hours(team: Team, hours: list[float]) -> Team:
    experts = tuple(
        expert.replace(capacity=expert.capacity.replace(hours_per_week=h))
        for expert, h in zip(team.experts, hours, strict=False)
    )
    return team.replace(experts=experts)


def _weeks(value: float | None) -> float:
    return math.inf if value is None else value


hours = st.floats(min_value=0.5, max_value=8.0).map(lambda h: round(h, 2))


class TestTeamOfOne:
    @SETTINGS
    @given(
        expert=st.sampled_from([e.id for e in STUDIO.experts]), hours=hours, seed=st.integers(0, 99)
    )
    def test_plans_exactly_as_the_experts_profile(
        self, expert: str, hours: float, seed: int
    ) -> None:
        alone = STUDIO.expert(expert)
        # Whoever is alone speaks for the firm, so the firm-voice newsletter stays theirs.
        alone = alone.replace(
            cleared_for_firm=True, capacity=alone.capacity.replace(hours_per_week=hours)
        )
        team = STUDIO.replace(experts=(alone,))
        team_plan = em.plan_team(team, seed=seed, trials=TRIALS)
        profile = team.profile_for(expert, [shared.venue for shared in team.shared_venues])
        single = em.plan(profile, seed=seed, trials=TRIALS)
        assert team_plan.expert(expert).model_dump_json() == single.model_dump_json()
        for firm in team_plan.firm_goals:
            own = single.projections.goal(firm.goal)
            for field in (
                "expected_weeks",
                "expected_date",
                "p50",
                "p80",
                "p95",
                "chance_by_deadline",
                "chance_within_horizon",
                "expected_at_horizon",
                "progress",
            ):
                assert getattr(firm, field) == getattr(own, field), field


class TestFirmGoalsSumTrials:
    @SETTINGS
    @given(hours=st.lists(hours, min_size=3, max_size=3), seed=st.integers(0, 99))
    def test_the_team_reaches_a_firm_goal_no_later_than_any_expert_alone(
        self, hours: list[float], seed: int
    ) -> None:
        # Each expert's plan draws the goal's thresholds from the same stream, and every trial
        # of the sum lies above each expert's own trial: the sum is reached first, trial by trial.
        team_plan = em.plan_team(_with_hours(STUDIO, hours), seed=seed, trials=TRIALS)
        for firm in team_plan.firm_goals:
            for planned in team_plan.experts:
                own = planned.plan.projections.goal(firm.goal)
                assert firm.chance_within_horizon >= own.chance_within_horizon
                for field in ("p50", "p80", "p95"):
                    mine, theirs = getattr(firm, field), getattr(own, field)
                    assert theirs is None or (mine is not None and mine <= theirs)

    def test_the_quantiles_are_those_of_the_per_trial_sum(self) -> None:
        seed, trials = 3, 400
        team_plan = em.plan_team(STUDIO, seed=seed, trials=trials)
        goal = STUDIO.goals[0]
        total = np.zeros(0)
        for planned in team_plan.experts:
            expert = STUDIO.expert(planned.expert)
            planner = Planner(planned.plan.profile, seed=seed, trials=trials)
            inputs = planner.allocation(expert.capacity.hours_per_week)[1]
            paths = planner.projector.goal_paths(inputs, 0).trials
            total = paths if not total.size else total + paths
            start = planner.projector.dates[0]
        rng = stream(seed, "goal", goal.id)
        thresholds = np.concatenate([rng.gamma(math.ceil(goal.target), 1.0, n) for n in (400,)])
        weeks = _first_crossing(total, thresholds)
        p80 = float(np.quantile(weeks, 0.8, method="inverted_cdf"))
        firm = team_plan.firm_goal(goal.id)
        assert firm.p80 is not None
        assert abs((firm.p80 - start).days - p80 * 7) <= 0.5
        assert firm.chance_within_horizon == float(np.mean(np.isfinite(weeks)))


class TestCallsForProposals:
    @SETTINGS
    @given(
        speakers=st.integers(1, 3),
        voice=st.sampled_from(list(Voice)),
        hours=st.lists(hours, min_size=3, max_size=3),
    )
    def test_no_call_gets_more_experts_than_it_accepts(
        self, speakers: int, voice: Voice, hours: list[float]
    ) -> None:
        summit = STUDIO.shared_venues[1]
        summit = summit.replace(
            venue=summit.venue.replace(voice=voice), speakers={"retail-data-summit-2027": speakers}
        )
        team = _with_hours(STUDIO, hours).replace(shared_venues=(STUDIO.shared_venues[0], summit))
        team_plan = em.plan_team(team, trials=TRIALS)
        taken: dict[str, int] = {}
        for planned in team_plan.experts:
            for choice in planned.plan.allocation.events:
                taken[choice.event] = taken.get(choice.event, 0) + choice.taken
        (call,) = (a for a in team_plan.assignments if a.event == "retail-data-summit-2027")
        cleared = sum(e.cleared_for_firm for e in team.experts)
        eligible = cleared if voice is Voice.FIRM else len(team.experts)
        # Every eligible expert either takes a slot or declined, until the slots are full.
        assert len(call.experts) == min(speakers, eligible - len(call.declined))
        assert taken["retail-data-summit-2027"] == len(call.experts)
        assert all(count <= 1 for event, count in taken.items() if event != call.event)

    def test_the_best_fits_who_did_not_decline_answer_the_call(self) -> None:
        event = next(a for a in em.plan_team(STUDIO, trials=TRIALS).assignments if a.event)
        declined = {refusal.expert for refusal in event.declined}
        ranked = sorted(event.fit, key=lambda expert: -event.fit[expert])
        willing = [expert for expert in ranked if expert not in declined]
        assert event.experts == tuple(willing[: len(event.experts)])


class TestBottleneck:
    @SETTINGS
    @given(hours=st.lists(hours, min_size=3, max_size=3))
    def test_an_hour_more_for_the_bottleneck_never_makes_a_firm_goal_later(
        self, hours: list[float]
    ) -> None:
        team = _with_hours(STUDIO, hours)
        before = em.plan_team(team, trials=TRIALS)
        if before.bottleneck is None:
            return
        more = [
            h + (1.0 if e.id == before.bottleneck else 0.0)
            for h, e in zip(hours, team.experts, strict=True)
        ]
        after = em.plan_team(_with_hours(team, more), trials=TRIALS)
        for old, new in zip(before.firm_goals, after.firm_goals, strict=True):
            assert _weeks(new.expected_weeks) <= _weeks(old.expected_weeks) + 1e-9
        hour = next(h for h in before.extra_hour if h.expert == before.bottleneck)
        for firm in before.firm_goals:
            gained = hour.weeks_earlier[firm.goal]
            now = after.firm_goal(firm.goal).expected_weeks
            if gained is not None and firm.expected_weeks is not None and now is not None:
                assert math.isclose(firm.expected_weeks - now, gained, abs_tol=1e-9)

    def test_the_example_names_who_buys_the_most(self) -> None:
        team_plan = em.plan_team(STUDIO, trials=TRIALS)
        gains = {h.expert: h.weeks_earlier["firm-requests"] or 0.0 for h in team_plan.extra_hour}
        assert team_plan.bottleneck == max(gains, key=lambda expert: gains[expert])


class TestWorkBudget:
    """A team plan is one plan's work at most: each expert within their own budget, but a
    hundred of them, each planned twice (the one more hour), would take minutes."""

    @staticmethod
    def _bench(experts: int) -> Team:
        # Every expert with 30 copies of the studio's widest one's venues, under ids of their
        # own: the hundred experts the limits allow, as wide as that, plan within one budget.
        widest = max(STUDIO.experts, key=lambda expert: len(expert.venues))
        return STUDIO.replace(
            experts=tuple(
                widest.replace(
                    id=f"{widest.id}-{k}",
                    cleared_for_firm=True,
                    venues=tuple(
                        v.replace(id=f"{v.id}-{k}-{c}") for v in widest.venues for c in range(30)
                    ),
                )
                for k in range(experts)
            )
        )

    def test_more_experts_allow_fewer_trials_within_one_plans_work(self) -> None:
        from eminence.planning.planner import WORK, most_trials, work_per_trial
        from eminence.planning.team import most_team_trials

        few, many = self._bench(2), self._bench(100)
        assert most_team_trials(many) < most_team_trials(few)
        most = most_team_trials(many, 520)
        work = sum(work_per_trial(many.profile_for(e.id), 520) for e in many.experts)
        assert work * most <= WORK < work * (most + 1)
        # A team of one may have what its expert's profile may have alone.
        alone = self._bench(1)
        expert = alone.experts[0].id
        assert most_team_trials(alone, 520) == most_trials(alone.profile_for(expert), 520)

    def test_a_team_asking_for_more_is_refused_before_any_work(self) -> None:
        from eminence.planning.team import most_team_trials

        team = self._bench(100)
        most = most_team_trials(team, 520)
        with pytest.raises(em.EminenceError, match=f"at most {most:,} trials"):
            em.plan_team(team, trials=most + 1, horizon_weeks=520)
