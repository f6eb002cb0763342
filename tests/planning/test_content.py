"""What to speak to where (issue 20): the content stage's laws over generated profiles."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning.content import CREDIBILITY_DEPTH, TOPICS_SHOWN, plan_content
from eminence.testing import random_profile_data

SEEDS = st.integers(0, 2**32 - 1)
SIZES = st.fixed_dictionaries({"venues": st.integers(1, 6), "peers": st.integers(0, 6)})


def _profile(seed: int, sizes: dict[str, Any]) -> em.model.Profile:
    return em.loads(random_profile_data(seed, goals=1, events=0, **sizes))


def _need(profile: em.model.Profile, venue: em.model.Venue, topic: str) -> float:
    return sum(
        share * profile.segment(segment).needs.get(topic, 0.0)
        for segment, share in venue.audience.items()
    )


def _rank(content: em.results.Content, venue: str, topic: str) -> float:
    ranks = [choice.rank for choice in content.venue(venue).topics if choice.topic == topic]
    return float(ranks[0]) if ranks and ranks[0] is not None else float("inf")


class TestRecommendations:
    @given(SEEDS, SIZES)
    def test_a_recommended_topic_is_known_at_the_credibility_threshold(
        self, seed: int, sizes: dict[str, Any]
    ) -> None:
        content = plan_content(_profile(seed, sizes))
        for venue in content.venues:
            assert all(choice.depth >= CREDIBILITY_DEPTH for choice in venue.topics)
            assert all(choice.depth < CREDIBILITY_DEPTH for choice in venue.risks)
            assert all("credibility" in choice.reason for choice in venue.risks)
            assert not {c.topic for c in venue.topics} & {c.topic for c in venue.risks}

    @given(SEEDS, SIZES)
    def test_a_topic_no_segment_at_a_venue_needs_is_never_recommended_there(
        self, seed: int, sizes: dict[str, Any]
    ) -> None:
        profile = _profile(seed, sizes)
        content = plan_content(profile)
        for venue in profile.venues:
            for choice in content.venue(venue.id).topics:
                assert _need(profile, venue, choice.topic) > 0

    @given(SEEDS, SIZES)
    def test_topics_are_ranked_best_first_and_at_most_a_few(
        self, seed: int, sizes: dict[str, Any]
    ) -> None:
        for venue in plan_content(_profile(seed, sizes)).venues:
            assert [choice.rank for choice in venue.topics] == list(range(1, len(venue.topics) + 1))
            scores = [choice.score for choice in venue.topics]
            assert scores == sorted(scores, reverse=True)
            assert len(venue.topics) <= TOPICS_SHOWN


class TestPeers:
    @given(SEEDS, SIZES, st.data())
    def test_covering_a_topic_by_more_peers_never_raises_its_rank(
        self, seed: int, sizes: dict[str, Any], data: st.DataObject
    ) -> None:
        document = random_profile_data(seed, goals=1, events=0, **sizes)
        profile = em.loads(document)
        venue = data.draw(st.sampled_from([v.id for v in profile.venues]))
        topic = data.draw(st.sampled_from([t.id for t in profile.topics]))
        before = _rank(plan_content(profile), venue, topic)
        # One more peer covers the topic there: a new one, or one who did not cover it yet.
        uncovering = [p for p in document["peers"] if topic not in p["topics"]]
        existing = data.draw(st.booleans())
        if uncovering and existing:
            peer = data.draw(st.sampled_from(uncovering))
            peer["cadence"].setdefault(venue, 1.0)
            peer["topics"].append(topic)
        else:
            document["peers"].append({"id": "newcomer", "cadence": {venue: 1.0}, "topics": [topic]})
        after = _rank(plan_content(em.loads(document)), venue, topic)
        assert after >= before

    def test_peers_topics_change_what_the_plan_says_to_speak_to(self) -> None:
        profile = em.example("consultant")
        blanked = profile.replace(peers=tuple(p.replace(topics=()) for p in profile.peers))
        assert plan_content(blanked) != plan_content(profile)

    def test_a_gap_outranks_a_crowded_topic_of_the_same_worth(self) -> None:
        document = em.testing.profile_data()
        document["topics"] = [{"id": "a"}, {"id": "b"}]
        document["expertise"] = [{"topic": "a", "depth": 0.8}, {"topic": "b", "depth": 0.8}]
        document["segments"] = [{"id": "cio", "size": 10, "needs": {"a": 0.5, "b": 0.5}}]
        document["venues"] = [{**document["venues"][0], "audience": {"cio": 1.0}}]
        document["goals"] = [{"id": "g", "metric": "replies", "target": 10}]
        document["peers"] = [{"id": "ada", "cadence": {"forum": 2}, "topics": ["a"]}]
        choices = plan_content(em.loads(document)).venue("forum").topics
        assert [c.topic for c in choices] == ["b", "a"]
        assert choices[1].reason.endswith("1 of 1 peer here covers it; your depth 0.8, interest 1")


class TestTheSplit:
    @settings(max_examples=10)
    @given(SEEDS, SIZES)
    def test_the_hours_split_is_unchanged_by_the_content_stage(
        self, seed: int, sizes: dict[str, Any]
    ) -> None:
        profile = _profile(seed, sizes)
        blanked = profile.replace(peers=tuple(p.replace(topics=()) for p in profile.peers))
        planned, again = em.plan(profile, trials=50), em.plan(blanked, trials=50)
        assert planned.allocation == again.allocation
        assert planned.priorities == again.priorities
        assert planned.projections == again.projections


class TestTheSchedule:
    @settings(max_examples=10)
    @given(SEEDS, SIZES)
    def test_each_weeks_contributions_take_the_venues_topics_in_turn(
        self, seed: int, sizes: dict[str, Any]
    ) -> None:
        plan = em.plan(_profile(seed, sizes), trials=50)
        for item in plan.schedule.items:
            if item.kind is not em.results.ItemKind.CONTRIBUTION or not item.contributions:
                assert not item.topics
                continue
            lead = plan.content.venue(item.venue or "").topics
            assert item.topics == tuple(choice.headline for choice in lead)
            weeks: list[tuple[int, str | None]] = []
            for occurrence in plan.schedule.occurrences(last=item.until):
                if occurrence.uid != item.uid:
                    continue
                on = "" if occurrence.topic is None else f" on {occurrence.topic}"
                assert occurrence.title == item.title + on
                week = (occurrence.day - item.day).days // 7
                if not weeks or weeks[-1][0] != week:
                    weeks.append((week, occurrence.topic))
            turns = [topic for _, topic in weeks]
            topics = item.topics or (None,)
            assert turns == [topics[i % len(topics)] for i in range(len(turns))]

    def test_a_calendar_entry_names_its_first_topic_and_says_why(self) -> None:
        plan = em.plan(em.example("consultant"), trials=50)
        item = plan.schedule.item("contribution.linkedin")
        assert item.heading.startswith(f"{item.title} on Project portfolio management")
        assert "1. Project portfolio management" in item.description
        assert "peers here" in item.description


class TestVersions:
    def test_a_version_1_plan_reads_with_its_content_worked_out(self) -> None:
        plan = em.plan(em.example("executive"), trials=50)
        data = json.loads(plan.model_dump_json())
        data["schema_version"] = 1
        del data["content"]
        for item in data["schedule"]["items"]:
            item.pop("topics"), item.pop("description")
        read = em.results.Plan.model_validate(data)
        assert read.content == plan.content
        assert not any(item.topics for item in read.schedule.items)
