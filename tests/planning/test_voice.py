"""Voice: a venue is spoken in the expert's own voice or the firm's, and the schedule says which."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.model import Voice
from eminence.report.agenda import schedule_text
from eminence.testing import random_profile_data

PROTOCOL = "the partners approve each piece; no client is named"
SETTINGS = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def _with_firm_voices(seed: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A random profile as it is, and with a random half of its venues in the firm's voice."""
    plain = random_profile_data(seed, hours_per_week=6.0)
    voiced = json.loads(json.dumps(plain))
    draw = random.Random(seed)
    for venue in voiced["venues"]:
        if draw.random() < 0.5:
            venue |= {"voice": "firm", "protocol": f"{PROTOCOL} at {venue['id']}"}
    return plain, voiced


def _without_voices(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_voices(v) for k, v in value.items() if k not in {"voice", "protocol"}}
    if isinstance(value, list):
        return [_without_voices(v) for v in value]
    return value


class TestVenueVoice:
    def test_a_venue_is_spoken_in_a_personal_voice_unless_told(self) -> None:
        profile = em.example("consultant")
        assert {venue.voice for venue in profile.venues} == {Voice.PERSONAL}

    def test_a_protocol_belongs_to_the_firms_voice(self) -> None:
        data = random_profile_data(1)
        data["venues"][0]["protocol"] = PROTOCOL
        with pytest.raises(em.InvalidInputError) as caught:
            em.model.Profile.model_validate(data)
        (problem,) = caught.value.problems
        assert problem.path == "venues[0].protocol"
        assert "voice = 'firm'" in problem.message

    def test_a_single_expert_may_speak_for_their_own_firm(self) -> None:
        _, voiced = _with_firm_voices(3)
        em.model.Profile.model_validate(voiced)


class TestScheduleVoice:
    @SETTINGS
    @given(seed=st.integers(0, 10_000))
    def test_every_spoken_block_carries_its_venues_voice_and_protocol(self, seed: int) -> None:
        _, voiced = _with_firm_voices(seed)
        plan = em.plan(em.model.Profile.model_validate(voiced), trials=20)
        for item in plan.schedule.items:
            if item.venue is None or not item.kind.is_spoken:
                assert (item.voice, item.protocol) == (None, ""), item.uid
                continue
            venue = plan.profile.venue(item.venue)
            assert (item.voice, item.protocol) == (venue.voice, venue.protocol), item.uid

    @SETTINGS
    @given(seed=st.integers(0, 10_000))
    def test_a_voice_marks_the_plan_and_changes_nothing_planned(self, seed: int) -> None:
        plain, voiced = _with_firm_voices(seed)
        plans = [
            em.plan(em.model.Profile.model_validate(data), trials=20) for data in (plain, voiced)
        ]
        before, after = (_without_voices(json.loads(plan.model_dump_json())) for plan in plans)
        assert before == after

    @SETTINGS
    @given(seed=st.integers(0, 10_000))
    def test_the_calendar_and_the_text_say_each_firm_voice_block_is_one(self, seed: int) -> None:
        pytest.importorskip("icalendar")
        _, voiced = _with_firm_voices(seed)
        plan = em.plan(em.model.Profile.model_validate(voiced), trials=20)
        calendar = plan.to_ical().decode().replace("\r\n ", "")
        blocks = {
            block.split("UID:", 1)[1].split("@", 1)[0]: block
            for block in calendar.split("BEGIN:VEVENT")[1:]
        }
        for item in plan.schedule.items:
            said = "in the firm's voice — protocol: " in blocks[item.uid]
            assert said == (item.voice is Voice.FIRM), item.uid
            if said:
                assert item.protocol.replace(";", "\\;") in blocks[item.uid]
        text = schedule_text(plan.schedule, weeks=52)
        for occurrence in plan.schedule.occurrences(
            last=plan.schedule.start.replace(year=plan.schedule.start.year + 1)
        ):
            rows = [line for line in text.splitlines() if occurrence.title in line]
            if occurrence.voice is Voice.FIRM:
                assert rows
                assert all("(in the firm's voice)" in row for row in rows)

    def test_the_studio_newsletter_is_written_in_the_firms_voice(self) -> None:
        team_plan = em.plan_team(em.io.example_team("studio"), trials=50)
        letter = team_plan.expert("amira").schedule.item("contribution.northlight-letter")
        assert letter.voice is Voice.FIRM
        assert letter.spoken_as.startswith("in the firm's voice — protocol: the community manager")
