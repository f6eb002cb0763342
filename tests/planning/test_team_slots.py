"""A call's slot passes on: an event an expert's plan declines goes to the next best fit."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence import io
from eminence.model import Team, Voice
from eminence.planning import relevance
from eminence.planning.results import Assignment, TeamPlan
from eminence.planning.team import assign as team_assign
from eminence.planning.team import slots as team_slots

TRIALS = 50
STUDIO = io.example_team("studio")
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@st.composite
def teams(draw: st.DrawFn, most: int = 4) -> Team:
    """Teams of one to ``most`` experts of random depth, interest, hours and clearance, with
    the studio's venues: a summit whose call takes a random number of the firm's talks, of
    random preparation and yield, so that some experts take a talk and others decline it."""
    data: dict[str, Any] = STUDIO.model_dump(mode="json")
    count = draw(st.integers(1, most))
    experts = []
    for index in range(count):
        expert = dict(data["experts"][index % 3])
        expert["id"] = f"e{index}"
        expert["venues"] = [dict(expert["venues"][0], id=f"e{index}-own")]
        expert["expertise"] = [
            {"topic": topic, "depth": draw(st.floats(0.1, 1.0)), "interest": draw(st.floats(0, 1))}
            for topic in ("forecasting", "pricing", "data-platform")
        ]
        expert["capacity"] = dict(expert["capacity"], hours_per_week=draw(st.floats(0.5, 6.0)))
        expert["cleared_for_firm"] = index == 0 or draw(st.booleans())
        experts.append(expert)
    data["experts"] = experts
    summit = data["shared_venues"][1]
    summit["venue"]["voice"] = draw(st.sampled_from(list(Voice))).value
    summit["speakers"] = {"retail-data-summit-2027": draw(st.integers(1, 3))}
    event = summit["venue"]["events"][0]
    hours = draw(st.floats(2.0, 40.0))
    event["preparation_hours"] = {"low": hours / 2, "likely": hours, "high": hours * 1.5}
    scale = draw(st.floats(0.05, 3.0))
    event["yields"] = {
        metric: {key: value * scale for key, value in estimate.items()}
        for metric, estimate in event["yields"].items()
    }
    return io.loads_team(data)


def _takers(team_plan: TeamPlan, event: str) -> set[str]:
    return {
        planned.expert
        for planned in team_plan.experts
        for choice in planned.plan.allocation.events
        if choice.event == event and choice.taken
    }


class TestSlotsPassOn:
    @SETTINGS
    @given(team=teams())
    def test_no_call_takes_more_experts_than_it_accepts_nor_leaves_a_taker_out(
        self, team: Team
    ) -> None:
        team_plan = em.plan_team(team, trials=TRIALS)
        for assignment in team_plan.assignments:
            if assignment.event is None:
                continue
            shared = next(s for s in team.shared_venues if s.venue.id == assignment.venue)
            places = shared.speakers_at(assignment.event)
            takers = _takers(team_plan, assignment.event)
            declined = {refusal.expert for refusal in assignment.declined}
            assert len(assignment.experts) <= places
            # Everyone holding a slot takes it in their own plan; no one who declined does.
            assert takers == set(assignment.experts)
            assert not declined & takers
            if len(takers) < places:
                # A free slot: every expert who could take it was asked, and declined.
                assert set(assignment.fit) <= takers | declined

    @SETTINGS
    @given(team=teams(most=1), seed=st.integers(0, 99))
    def test_a_team_of_one_plans_exactly_as_its_profile(self, team: Team, seed: int) -> None:
        (expert,) = team.experts
        team_plan = em.plan_team(team, seed=seed, trials=TRIALS)
        profile = team.profile_for(expert.id, [shared.venue for shared in team.shared_venues])
        single = em.plan(profile, seed=seed, trials=TRIALS)
        assert team_plan.expert(expert.id).model_dump_json() == single.model_dump_json()

    def test_the_summit_talk_amira_declines_passes_to_ben(self) -> None:
        team_plan = em.plan_team(STUDIO, trials=TRIALS)
        (summit,) = (a for a in team_plan.assignments if a.event == "retail-data-summit-2027")
        assert summit.experts == ("chloe", "ben")
        assert [refusal.expert for refusal in summit.declined] == ["amira"]
        assert "'firm-requests' about 1 day later" in summit.declined[0].reason
        assert _takers(team_plan, "retail-data-summit-2027") == {"chloe", "ben"}
        assert "amira declined retail-data-summit-2027" in str(team_plan)


def _declining_team(experts: int, events: int) -> Team:
    """The studio's experts, ``experts`` of them, and its summit held ``events`` times, each
    too long to prepare for anyone to take, even with one more hour a week."""
    data: dict[str, Any] = STUDIO.model_dump(mode="json")
    bench = []
    for index in range(experts):
        expert = dict(data["experts"][index % 3], id=f"e{index}", cleared_for_firm=True)
        expert["venues"] = [dict(expert["venues"][0], id=f"e{index}-own")]
        bench.append(expert)
    data["experts"] = bench
    summit = data["shared_venues"][1]
    talk = summit["venue"]["events"][0]
    summit["venue"]["events"] = [
        dict(
            talk,
            id=f"summit-{index}",
            date=f"2027-{index + 2:02d}-15",
            proposal_deadline=None,
            preparation_hours={"low": 400.0, "likely": 500.0, "high": 600.0},
        )
        for index in range(events)
    ]
    summit["speakers"] = {}
    return io.loads_team(data)


def test_declined_calls_score_each_expert_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fit does not depend on who declined: each expert's is worked out once for the team, not
    once per round of declines, and the extra hours' settlings reuse the rounds' assignments
    (the old code scored every expert for every work in each of about 31 x 31 rounds)."""
    team = _declining_team(experts=30, events=10)
    calls = Counter[str]()

    def expertise_fit(*args: Any) -> dict[str, float]:
        calls["fit"] += 1
        return relevance.expertise_fit(*args)

    def assign(*args: Any) -> tuple[Assignment, ...]:
        calls["assign"] += 1
        return team_assign.assign(*args)

    monkeypatch.setattr(team_assign, "expertise_fit", expertise_fit)
    monkeypatch.setattr(team_slots, "assign", assign)
    team_plan = em.plan_team(team, trials=TRIALS)
    talks = [a for a in team_plan.assignments if a.event is not None]
    assert len(talks) == 10
    assert all(not talk.experts and len(talk.declined) == 30 for talk in talks)
    # In each of the 31 rounds of the first settling one expert declines all ten talks; the
    # 31 settlings (their own hours, then one more for each) then give each their reasons.
    assert calls["fit"] <= len(team.experts)
    assert calls["assign"] <= 2 * (len(team.experts) + 1)
