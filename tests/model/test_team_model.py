"""A team: what its experts share and what is each one's own, checked when it is read."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

import eminence as em
from eminence import io
from eminence.cli import main
from eminence.model import Voice

STUDIO = io.example_team("studio")


def _problems(data: dict[str, object]) -> list[str]:
    with pytest.raises(em.InvalidInputError) as caught:
        io.loads_team(data)
    return [str(problem) for problem in caught.value.problems]


class TestReading:
    def test_a_team_reads_back_from_its_json(self) -> None:
        assert io.loads_team(STUDIO.model_dump_json()) == STUDIO
        assert io.team_examples() == ("studio",)

    def test_the_profile_readers_point_a_team_to_its_reader(self, tmp_path: Path) -> None:
        path = tmp_path / "team.json"
        path.write_text(STUDIO.model_dump_json())
        with pytest.raises(em.InvalidInputError, match=r"io\.load_team"):
            em.load(path)
        with pytest.raises(em.InvalidInputError, match=r"io\.loads_team"):
            em.loads(STUDIO.model_dump_json())
        assert io.load_team(path) == STUDIO

    def test_the_command_line_plans_a_team_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "team.json"
        path.write_text(STUDIO.model_dump_json())
        assert main(["plan", str(path), "--trials", "50", "--json"]) == 0
        written = json.loads(capsys.readouterr().out)
        assert [e["expert"] for e in written["experts"]] == ["amira", "ben", "chloe"]
        assert em.results.TeamPlan.model_validate(written).bottleneck == written["bottleneck"]


class TestChecks:
    def test_a_firm_voice_venue_needs_an_expert_cleared_for_the_firm(self) -> None:
        data = STUDIO.model_dump()
        for expert in data["experts"]:
            expert["cleared_for_firm"] = False
        found = _problems(data)
        assert any(
            p.startswith(
                "shared_venues[0].venue.voice: 'northlight-letter' speaks in the firm's voice"
            )
            and "cleared_for_firm = true" in p
            for p in found
        ), found

    def test_a_personal_voice_venue_needs_no_clearance(self) -> None:
        letter = STUDIO.shared_venues[0]
        shared = letter.replace(venue=letter.venue.replace(voice=Voice.PERSONAL, protocol=""))
        experts = tuple(e.replace(cleared_for_firm=False) for e in STUDIO.experts)
        STUDIO.replace(shared_venues=(shared, *STUDIO.shared_venues[1:]), experts=experts)

    @pytest.mark.parametrize("cleared", [True, False])
    def test_an_experts_own_firm_voice_venue_needs_them_cleared(self, cleared: bool) -> None:
        data = STUDIO.model_dump()
        ben = data["experts"][1]
        ben["cleared_for_firm"] = cleared
        ben["venues"][0].update(voice="firm", protocol="the partners approve each answer")
        if cleared:
            io.loads_team(data)
            return
        found = _problems(data)
        assert any(
            p.startswith("experts[1].venues[0].voice: 'ben-forum' speaks in the firm's voice")
            and "'ben' is not cleared" in p
            for p in found
        ), found

    def test_venue_ids_are_unique_across_the_team(self) -> None:
        data = STUDIO.model_dump()
        data["experts"][1]["venues"][0]["id"] = "amira-linkedin"
        found = _problems(data)
        assert any(
            p.startswith("experts[1].venues[0].id: venue id 'amira-linkedin'") for p in found
        )

    def test_experts_start_on_one_day(self) -> None:
        data = STUDIO.model_dump()
        data["experts"][2]["capacity"]["start"] = "2027-02-01"
        assert any(p.startswith("experts[2].capacity.start:") for p in _problems(data))

    def test_speakers_name_events_of_their_venue(self) -> None:
        data = STUDIO.model_dump()
        data["shared_venues"][1]["speakers"] = {"no-such-event": 2}
        assert any("'no-such-event' is not an event" in p for p in _problems(data))

    def test_an_experts_references_are_checked_as_their_profile(self) -> None:
        data = STUDIO.model_dump()
        data["experts"][0]["expertise"][0]["topic"] = "astrology"
        assert any(
            p.startswith("experts[0]: as a profile") and "astrology" in p for p in _problems(data)
        )


class TestVanityGoals:
    def _with_reach(self) -> dict[str, Any]:
        data = STUDIO.model_dump(mode="json")
        data["metrics"].append({"id": "followers", "name": "Followers", "kind": "reach"})
        return data

    @pytest.mark.parametrize(
        ("where", "path"), [("firm", "goals[1]"), ("expert", "experts[1].goals[1]")]
    )
    def test_a_vanity_goal_warns_once_where_the_team_holds_it(self, where: str, path: str) -> None:
        data = self._with_reach()
        vanity = {"id": "followers-goal", "metric": "followers", "target": 500}
        (data["goals"] if where == "firm" else data["experts"][1]["goals"]).append(vanity)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            team = io.loads_team(data)
            em.plan_team(team, trials=20)
        found = [str(w.message) for w in caught if issubclass(w.category, em.VanityGoalWarning)]
        assert len(found) == 1, found
        assert found[0].startswith(f"{path} ('followers-goal') counts reach ('followers')")

    def test_a_team_without_one_is_silent(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            io.loads_team(self._with_reach())
