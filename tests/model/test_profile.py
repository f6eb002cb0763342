"""Profile: every validation rule, shown with the bad input and the message a user reads."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import pytest

import eminence as em
from eminence import InvalidInputError, UnknownReferenceError, VanityGoalWarning
from eminence.model import Profile
from eminence.testing import profile_data, small_profile

Data = dict[str, Any]


def _set(path: str, value: object) -> Callable[[Data], None]:
    """A change to one place of the profile data, written as ``venues.0.cadence``."""

    def change(data: Data) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _append(path: str, value: object) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for part in path.split("."):
            target = target[int(part)] if isinstance(target, list) else target[part]
        target.append(value)

    return change


def _both(*changes: Callable[[Data], None]) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        for each in changes:
            each(data)

    return change


BAD_INPUT: list[tuple[str, Callable[[Data], None], str, str]] = [
    # (case, change, path, fragment of the message)
    (
        "nan hours",
        _set("capacity.hours_per_week", math.nan),
        "capacity.hours_per_week",
        "finite number",
    ),
    (
        "negative hours",
        _set("capacity.hours_per_week", -2),
        "capacity.hours_per_week",
        "must be at least 0.01",
    ),
    (
        "zero hours",
        _set("capacity.hours_per_week", 0),
        "capacity.hours_per_week",
        "must be at least 0.01",
    ),
    (
        "169 hours a week",
        _set("capacity.hours_per_week", 169),
        "capacity.hours_per_week",
        "must be at most 168",
    ),
    (
        "infinite hours",
        _set("capacity.hours_per_week", math.inf),
        "capacity.hours_per_week",
        "finite number",
    ),
    (
        "share above one",
        _set("venues.0.audience.cio", 1.5),
        "venues[0].audience.cio",
        "must be at most 1",
    ),
    (
        "negative share",
        _set("venues.0.audience.cio", -0.1),
        "venues[0].audience.cio",
        "must be at least 0",
    ),
    (
        "shares summing above one",
        _set("venues.0.audience", {"cio": 0.7, "pmo": 0.6}),
        "venues[0].audience",
        "shares sum to 1.3, more than 1",
    ),
    (
        "estimate out of order",
        _set("venues.0.effort_hours", {"low": 2, "likely": 1, "high": 3}),
        "venues[0].effort_hours",
        "reorder the three values",
    ),
    (
        "nan in an estimate",
        _set("venues.0.yields.requests", {"low": 0, "likely": math.nan, "high": 1}),
        "venues[0].yields.requests.likely",
        "finite number",
    ),
    (
        "zero effort",
        _set("venues.0.effort_hours", 0),
        "venues[0].effort_hours",
        "give at least 0.01 hours",
    ),
    (
        "acceptance above one",
        _set("venues.1.events.0.acceptance_chance", 1.2),
        "venues[1].events[0].acceptance_chance",
        "give a probability from 0 to 1",
    ),
    (
        "proposal after the event",
        _set("venues.1.events.0.proposal_deadline", "2027-07-01"),
        "venues[1].events[0].proposal_deadline",
        "a proposal is due before the event",
    ),
    (
        "duplicate venue id",
        _set("venues.1.id", "forum"),
        "venues",
        "venue id 'forum' is used 2 times",
    ),
    ("duplicate topic id", _set("topics.1.id", "risk"), "topics", "topic id 'risk' is used"),
    (
        "duplicate event id",
        _append(
            "venues.1.events",
            {"id": "summit-2027", "date": "2027-09-01", "preparation_hours": 5, "yields": {}},
        ),
        "venues[*].events",
        "event id 'summit-2027' is used 2 times",
    ),
    (
        "unknown segment in audience",
        _set("venues.0.audience", {"cto": 0.2}),
        "venues[0].audience",
        "unknown segment 'cto'; known segments: cio, pmo",
    ),
    (
        "unknown metric in yields",
        _set("venues.0.yields", {"likes": 1}),
        "venues[0].yields",
        "unknown metric 'likes'; known metrics: followers, replies, requests",
    ),
    (
        "unknown topic in needs",
        _set("segments.0.needs", {"cobol": 1}),
        "segments[0].needs",
        "unknown topic 'cobol'; known topics: agile, risk",
    ),
    (
        "unknown topic in expertise",
        _set("expertise.0.topic", "cobol"),
        "expertise[0].topic",
        "unknown topic 'cobol'",
    ),
    (
        "unknown goal metric",
        _set("goals.0.metric", "likes"),
        "goals[0].metric",
        "unknown metric 'likes'",
    ),
    (
        "unknown goal segment",
        _set("goals.0.segments", ["cio", "cto"]),
        "goals[0].segments",
        "unknown segment 'cto'",
    ),
    (
        "unknown peer venue",
        _set("peers.0.cadence", {"twitter": 5}),
        "peers[0].cadence",
        "unknown venue 'twitter'; known venues: forum, summit",
    ),
    (
        "deadline before start",
        _set("goals.0.deadline", "2026-12-01"),
        "goals[0].deadline",
        "is not after the plan's start (2027-01-04)",
    ),
    (
        "unavailable period reversed",
        _set("capacity.unavailable.0.end", "2027-07-01"),
        "capacity.unavailable[0]",
        "swap them",
    ),
    (
        "unknown time zone",
        _set("capacity.time_zone", "Mars/Olympus"),
        "capacity.time_zone",
        "not an IANA time zone",
    ),
    (
        "path-like time zone",
        _set("capacity.time_zone", "../../etc/passwd"),
        "capacity.time_zone",
        "not an IANA time zone",
    ),
    (
        "minimums above capacity",
        _set("venues.0.min_hours_per_week", 5),
        "venues",
        "minimum hours per week sum to 5, more than the 3",
    ),
    (
        "maximum below minimum",
        _both(_set("venues.0.min_hours_per_week", 2), _set("venues.0.max_hours_per_week", 0.5)),
        "venues[0].max_hours_per_week",
        "is below min_hours_per_week (2)",
    ),
    ("unknown field", _set("venues.0.colour", "blue"), "venues[0].colour", "not a known field"),
    (
        "unknown venue kind",
        _set("venues.0.kind", "carrier_pigeon"),
        "venues[0].kind",
        "'social_network'",
    ),
    (
        "bad id",
        _set("topics.0.id", "has space"),
        "topics[0].id",
        "is not an id: use letters, digits",
    ),
    ("no goals", _set("goals", []), "goals", "at least 1 item"),
    ("zero target", _set("goals.0.target", 0), "goals[0].target", "must be at least 0.001"),
    (
        "negative churn",
        _set("metrics.0.churn_per_week", -0.1),
        "metrics[0].churn_per_week",
        "must be more than 0",
    ),
    ("zero churn", _set("metrics.0.churn_per_week", 0), "metrics[0].churn_per_week", "than 0"),
    (
        "duplicate goal segment",
        _set("goals.0.segments", ["cio", "cio"]),
        "goals[0].segments",
        "segment id 'cio' is used 2 times",
    ),
    (
        "deadline beyond ten years",
        _set("goals.0.deadline", "2037-06-01"),
        "goals[0].deadline",
        "more than ten years after the start",
    ),
    (
        "effort of a few seconds",
        _set("venues.0.effort_hours", 0.001),
        "venues[0].effort_hours",
        "at least 0.01 hours",
    ),
    ("peer named like a segment", _set("peers.0.id", "cio"), "peers[0].id", "also a segment id"),
    ("minute target", _set("goals.0.target", 1e-9), "goals[0].target", "must be at least 0.001"),
    (
        "churn of everything",
        _set("metrics.0.churn_per_week", 1.0),
        "metrics[0].churn_per_week",
        "less than 1",
    ),
    *[
        (case, _set(f"capacity.{field}", value), f"capacity.{field}", fragment)
        for case, field, value, fragment in [
            ("no working day", "working_days", [], "give at least one, such as monday"),
            (
                "a working day twice",
                "working_days",
                ["monday", "tuesday", "monday"],
                "monday given twice; give each day once",
            ),
            ("a day that is no day", "working_days", ["funday"], "must be one of 'monday'"),
            (
                "working hours ending before they start",
                "working_hours",
                {"start": "17:00", "end": "09:00"},
                "end 09:00 is not after start 17:00; give a window within one day",
            ),
            (
                "working hours of no length",
                "working_hours",
                {"start": "09:00", "end": "09:00"},
                "is not after start 09:00",
            ),
            (
                "working hours with an offset",
                "working_hours",
                {"start": "09:00+02:00", "end": "17:00+02:00"},
                "without an offset: they are in capacity.time_zone",
            ),
            (
                "working hours between minutes",
                "working_hours",
                {"start": "09:00:30", "end": "17:00"},
                "give whole minutes, such as 09:00",
            ),
            ("an hour that is no hour", "working_hours", {"start": "25:00"}, "valid time"),
            ("a block of no time", "min_block_minutes", 0, "must be at least 5"),
            ("a block longer than a day", "min_block_minutes", 1441, "must be at most 1,440"),
            ("a block said as yes", "min_block_minutes", True, "must be a number"),
        ]
    ],
    (
        "a shortest block longer than the working day",
        _both(
            _set("capacity.working_hours", {"start": "09:00", "end": "09:30"}),
            _set("capacity.min_block_minutes", 45),
        ),
        "capacity.min_block_minutes",
        "45 minutes is longer than the working day of 30 minutes; lower it or widen working_hours",
    ),
    (
        "a preferred day off",
        _set("venues.0.preferred_days", ["saturday"]),
        "venues[0].preferred_days",
        "saturday is not one of capacity.working_days (monday, tuesday, wednesday, thursday, "
        "friday); add it there or prefer a working day",
    ),
    (
        "a preferred day off a short week",
        _both(
            _set("capacity.working_days", ["tuesday", "thursday"]),
            _set("venues.0.preferred_days", ["thursday", "friday"]),
        ),
        "venues[0].preferred_days",
        "friday is not one of capacity.working_days (tuesday, thursday)",
    ),
    (
        "a preferred day twice",
        _set("venues.0.preferred_days", ["monday", "monday"]),
        "venues[0].preferred_days",
        "monday given twice; give each day once",
    ),
]


@pytest.mark.parametrize(
    ("change", "path", "fragment"),
    [pytest.param(change, path, fragment, id=case) for case, change, path, fragment in BAD_INPUT],
)
def test_bad_input_names_the_path_and_the_fix(
    change: Callable[[Data], None], path: str, fragment: str
) -> None:
    data = profile_data()
    change(data)
    with pytest.raises(InvalidInputError) as caught:
        Profile.model_validate(data)
    problems = caught.value.problems
    assert any(p.path.startswith(path) and fragment in p.message for p in problems), problems


class TestVanityGoals:
    def test_a_goal_on_reach_is_allowed_but_warns(self) -> None:
        data = profile_data()
        data["goals"].append({"id": "fame", "metric": "followers", "target": 1000})
        with pytest.warns(VanityGoalWarning, match="goals\\[2\\] \\('fame'\\) counts reach"):
            profile = Profile.model_validate(data)
        assert profile.goal("fame").target == 1000

    def test_a_profile_warns_when_built_not_when_passed_along(self) -> None:
        data = profile_data()
        data["goals"].append({"id": "fame", "metric": "followers", "target": 1000})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            profile = Profile.model_validate(data)
            em.plan(profile, trials=20)  # the plan holds the profile: validated, not rebuilt
        assert [found.category for found in caught] == [VanityGoalWarning]

    def test_goals_on_engagement_and_value_do_not_warn(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            small_profile()


class TestLookups:
    def test_lookup_by_id(self) -> None:
        assert small_profile().venue("summit").kind.is_offline

    def test_unknown_id_lists_the_known_ones(self) -> None:
        with pytest.raises(UnknownReferenceError, match="known goals: conversations, inbound"):
            small_profile().goal("fame")

    def test_events_come_in_date_order_with_their_venue(self) -> None:
        ((venue, event),) = small_profile().events
        assert (venue.id, event.id) == ("summit", "summit-2027")
