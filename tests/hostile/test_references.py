"""Hostile references: ids that name nothing, ids used twice, and references in a circle.

A profile has no reference that could form a cycle (peers name venues, venues name segments
and metrics, segments name topics, all one way), so a circle is only ever a missing id."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

import eminence as em
from eminence.testing import Case, changed, through_every_output


def everything(data: Any) -> object:
    return through_every_output(em.loads(data))


CASES = [
    Case(
        "an audience of an unknown segment",
        partial(everything, changed("venues.0.audience", {"nobody": 0.5})),
        "venues[0].audience: unknown segment 'nobody'; known segments: cio, pmo",
    ),
    Case(
        "a goal on an unknown metric",
        partial(everything, changed("goals.0.metric", "nope")),
        "goals[0].metric: unknown metric 'nope'; known metrics: followers, replies, requests",
    ),
    Case(
        "a need of an unknown topic",
        partial(everything, changed("segments.0.needs", {"nope": 0.5})),
        "segments[0].needs: unknown topic 'nope'",
    ),
    Case(
        "an event yield of an unknown metric",
        partial(everything, changed("venues.1.events.0.yields", {"nope": 1})),
        "venues[1].events[0].yields: unknown metric 'nope'",
    ),
    Case(
        "a topic twice",
        partial(everything, changed("topics", [{"id": "risk"}, {"id": "risk"}, {"id": "agile"}])),
        "topics: topic id 'risk' is used 2 times; ids must be unique",
    ),
    Case(
        "a venue twice",
        partial(everything, changed("venues", [changed("venues.0.id", "forum")["venues"][0]] * 2)),
        "venues: venue id 'forum' is used 2 times",
    ),
    Case(
        "a segment twice in a goal",
        partial(everything, changed("goals.0.segments", ["cio", "cio"])),
        "goals[0].segments: segment id 'cio' is used 2 times",
    ),
    Case(
        "a peer who is their own venue",
        partial(everything, changed("peers", [{"id": "forum", "cadence": {"forum": 2}}])),
    ),
    Case(
        "a peer in a circle of names",
        partial(everything, changed("peers", [{"id": "ada", "cadence": {"ada": 3}}])),
        "peers[0].cadence: unknown venue 'ada'; known venues: forum, summit",
    ),
    Case(
        "a peer with a segment's id",
        partial(everything, changed("peers", [{"id": "cio", "cadence": {"forum": 3}}])),
        "peers[0].id: 'cio' is also a segment id",
    ),
    Case(
        "a thousand unknown ids are listed briefly",
        partial(
            everything,
            changed("venues.0.audience", {f"s{i}": 0.0001 for i in range(1000)}),
        ),
        "unknown segment 's0'",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_ends_in_a_result_or_a_clear_error(case: Case) -> None:
    case.check()


def test_asking_for_an_unknown_goal() -> None:
    profile = em.loads(changed("name", "x"))
    Case(
        "required_hours of an unknown goal",
        partial(em.required_hours, profile, "nope", trials=50),
        "unknown goal 'nope'; known goals: conversations, inbound",
    ).check()
