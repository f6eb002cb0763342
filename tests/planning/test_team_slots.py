"""A call's slot passes on: an event an expert's plan declines goes to the next best fit."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence import io
from eminence.model import Team, Voice
from eminence.planning.results import TeamPlan

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
