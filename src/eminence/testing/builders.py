"""Example builders: the plain data of a small valid profile, the same with one value
changed, and random profiles of any size, reproducible from a seed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from eminence.model import Profile, VenueKind

__all__ = ("changed", "profile_data", "random_profile", "random_profile_data", "small_profile")


def changed(path: str, value: object, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """`profile_data` (or ``data``) with the value at a dotted path such as
    ``venues.0.audience.cio`` set; the value None removes the entry."""
    data = profile_data() if data is None else data
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    elif value is None:
        node.pop(last, None)
    else:
        node[last] = value
    return data


def profile_data() -> dict[str, Any]:
    """Plain data of a small, valid profile: two venues, one online, one a conference."""
    return {
        "name": "Test expert",
        "topics": [{"id": "risk", "name": "Project risk"}, {"id": "agile"}],
        "expertise": [
            {"topic": "risk", "depth": 0.9, "interest": 0.8},
            {"topic": "agile", "depth": 0.5},
        ],
        "segments": [
            {"id": "cio", "size": 500, "needs": {"risk": 0.9, "agile": 0.4}},
            {"id": "pmo", "size": 2000, "needs": {"agile": 0.8}},
        ],
        "metrics": [
            {"id": "replies", "kind": "engagement"},
            {"id": "requests", "kind": "value"},
            {"id": "followers", "kind": "reach"},
        ],
        "venues": [
            {
                "id": "forum",
                "kind": "forum",
                "audience": {"cio": 0.3, "pmo": 0.4},
                "effort_hours": {"low": 0.5, "likely": 0.75, "high": 1.5},
                "yields": {"replies": {"low": 0.5, "likely": 1.0, "high": 2.0}, "requests": 0.02},
                "cadence": 2,
                "listening_hours": 4,
            },
            {
                "id": "summit",
                "kind": "conference",
                "audience": {"cio": 0.5},
                "effort_hours": 2,
                "events": [
                    {
                        "id": "summit-2027",
                        "date": "2027-06-10",
                        "proposal_deadline": "2027-02-15",
                        "preparation_hours": {"low": 15, "likely": 20, "high": 35},
                        "attendance_hours": 8,
                        "acceptance_chance": {"low": 0.15, "likely": 0.25, "high": 0.35},
                        "fee": 600,
                        "yields": {"requests": {"low": 0.5, "likely": 2, "high": 4}},
                    }
                ],
            },
        ],
        "goals": [
            {
                "id": "inbound",
                "metric": "requests",
                "target": 3,
                "segments": ["cio"],
                "deadline": "2027-12-31",
            },
            {"id": "conversations", "metric": "replies", "target": 40, "priority": 0.5},
        ],
        "capacity": {
            "hours_per_week": 3,
            "start": "2027-01-04",
            "unavailable": [{"start": "2027-08-02", "end": "2027-08-20", "reason": "holiday"}],
            "hourly_rate": 150,
            "time_zone": "Europe/London",
        },
        "peers": [{"id": "ada", "cadence": {"forum": 3}}],
    }


def small_profile() -> Profile:
    """The profile of `profile_data`, validated."""
    return Profile.model_validate(profile_data())


def random_profile_data(
    seed: int,
    *,
    venues: int = 6,
    goals: int = 2,
    events: int = 2,
    hours_per_week: float | None = None,
    peers: int = 1,
    vanity_goals: int = 0,
    money_per_year: float | None = None,
    paid_reach: int = 0,
) -> dict[str, Any]:
    """Plain data of a random valid profile, reproducible from its seed.

    Audience shares, needs, depths and yields are drawn at random; some venues reach none
    of the goals' segments, so tests see venues that deserve nothing. Peers cover random
    topics at random venues. ``vanity_goals`` adds goals on a reach metric (followers) that
    most venues yield, drawn after everything else, so the rest of the profile is the same.
    ``money_per_year`` gives the capacity that yearly budget, most venues a money cost per
    contribution and most events a fee and travel, drawn after that. ``paid_reach`` adds
    venues that buy followers (a reach metric) at a money cost per contribution, drawn last,
    with a budget drawn when none is given; the venues drawn before never take that kind, so
    the rest is the same.
    """
    draw = random.Random(seed)
    topics = [f"t{index}" for index in range(4)]
    segments = [f"s{index}" for index in range(3)]
    metrics: list[dict[str, Any]] = [
        {"id": "m-engaged", "kind": "engagement", "churn_per_week": 0.03},
        {"id": "m-requests", "kind": "value"},
    ]
    start = dt.date(2027, 1, 4)

    def estimate(low: float, high: float) -> dict[str, float]:
        points = sorted(draw.uniform(low, high) for _ in range(3))
        return {"low": points[0], "likely": points[1], "high": points[2]}

    def audience() -> dict[str, float]:
        chosen = draw.sample(segments, draw.randint(0, len(segments)))
        shares = [draw.random() for _ in chosen]
        scale = draw.uniform(0.2, 1.0) / max(1.0, sum(shares))
        return {segment: share * scale for segment, share in zip(chosen, shares, strict=True)}

    # Paid reach is added on request only: the kinds drawn, and so every profile drawn
    # before it existed, stay as they were.
    kinds = [kind for kind in VenueKind if not kind.is_paid_reach]
    venue_data: list[dict[str, Any]] = []
    for index in range(venues):
        venue: dict[str, Any] = {
            "id": f"v{index}",
            "kind": draw.choice(kinds).value,
            "audience": audience(),
            "effort_hours": estimate(0.2, 3.0),
            "yields": {
                metric["id"]: estimate(0.0, 2.0) for metric in metrics if draw.random() < 0.8
            },
            "listening_hours": draw.choice([0.0, 2.0, 6.0]),
        }
        if draw.random() < 0.7:
            venue["cadence"] = draw.uniform(0.2, 5.0)
        venue_data.append(venue)
    for index in range(events):
        day = start + dt.timedelta(days=draw.randint(30, 400))
        event: dict[str, Any] = {
            "id": f"e{index}",
            "date": day.isoformat(),
            "preparation_hours": estimate(2.0, 30.0),
            "attendance_hours": draw.choice([0.0, 4.0, 8.0]),
            "acceptance_chance": estimate(0.1, 0.9),
            "yields": {"m-requests": estimate(0.0, 5.0)},
        }
        if draw.random() < 0.6:
            deadline = day - dt.timedelta(days=draw.randint(20, 150))
            event["proposal_deadline"] = deadline.isoformat()
        draw.choice(venue_data).setdefault("events", []).append(event)
    data: dict[str, Any] = {
        "name": f"Random profile {seed}",
        "topics": [{"id": topic} for topic in topics],
        "expertise": [
            {"topic": topic, "depth": draw.random(), "interest": draw.random()}
            for topic in draw.sample(topics, 3)
        ],
        "segments": [
            {
                "id": segment,
                "size": draw.randint(10, 10_000),
                "needs": {topic: draw.random() for topic in draw.sample(topics, 2)},
            }
            for segment in segments
        ],
        "metrics": metrics,
        "venues": venue_data,
        "goals": [
            {
                "id": f"g{index}",
                "metric": metrics[index % len(metrics)]["id"],
                "target": draw.uniform(5, 200),
                "segments": draw.sample(segments, draw.randint(1, len(segments))),
                "priority": draw.uniform(0.5, 3.0),
            }
            for index in range(goals)
        ],
        "capacity": {
            "hours_per_week": hours_per_week or draw.uniform(0.5, 20.0),
            "start": start.isoformat(),
        },
        "peers": _peers(draw, peers, venues, topics),
    }
    if vanity_goals:
        data["metrics"] = [*metrics, {"id": "m-followers", "kind": "reach"}]
        for venue in venue_data:
            if draw.random() < 0.8:
                venue["yields"]["m-followers"] = estimate(0.0, 20.0)
        data["goals"] += [
            {
                "id": f"vanity{index}",
                "metric": "m-followers",
                "target": draw.uniform(50, 2000),
                "priority": draw.uniform(0.5, 3.0),
            }
            for index in range(vanity_goals)
        ]
    if money_per_year is not None:
        data["capacity"]["money_per_year"] = money_per_year
        for venue in venue_data:
            if draw.random() < 0.7:
                venue["cost_per_contribution"] = draw.uniform(1.0, 500.0)
        for venue in venue_data:
            for event in venue.get("events", []):
                if draw.random() < 0.7:
                    event["fee"] = draw.uniform(0.0, 2_000.0)
                    event["travel_cost"] = draw.uniform(0.0, 1_500.0)
    if paid_reach:
        _add_paid_reach(data, draw, paid_reach, estimate, audience)
    return data


def _add_paid_reach(
    data: dict[str, Any],
    draw: random.Random,
    count: int,
    estimate: Callable[[float, float], dict[str, float]],
    audience: Callable[[], dict[str, float]],
) -> None:
    """Venues that buy followers: little effort, a money cost per promotion, reach only."""
    if not any(metric["kind"] == "reach" for metric in data["metrics"]):
        data["metrics"] = [*data["metrics"], {"id": "m-followers", "kind": "reach"}]
    data["capacity"].setdefault("money_per_year", draw.uniform(100.0, 5_000.0))
    data["venues"] += [
        {
            "id": f"paid{index}",
            "kind": VenueKind.PAID_REACH.value,
            "contribution": "promoted post",
            "audience": audience(),
            "effort_hours": estimate(0.1, 0.5),
            "cost_per_contribution": draw.uniform(10.0, 1_000.0),
            "yields": {"m-followers": estimate(5.0, 200.0)},
        }
        for index in range(count)
    ]


def _peers(draw: random.Random, count: int, venues: int, topics: list[str]) -> list[Any]:
    """Peers covering a few topics: the first at ``v0`` only, the others at a few venues."""
    found = []
    for index in range(count):
        at = [0] if index == 0 else draw.sample(range(venues), draw.randint(0, venues))
        cadence = {f"v{venue}": draw.uniform(0.5, 4.0) for venue in at}
        covered = draw.sample(topics, draw.randint(0, len(topics)))
        found.append({"id": f"p{index}", "cadence": cadence, "topics": covered})
    return found


def random_profile(seed: int, **sizes: Any) -> Profile:
    """The profile of `random_profile_data`, validated."""
    return Profile.model_validate(random_profile_data(seed, **sizes))
