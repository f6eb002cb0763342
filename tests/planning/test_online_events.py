"""Dated events belong to any venue: a webinar or a product launch online is planned exactly as
a talk at a conference (issue 18). The venue's kind names it; it never changes the plan."""

from __future__ import annotations

import copy
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.model import VenueKind
from eminence.testing import random_profile_data

CI = os.environ.get("HYPOTHESIS_PROFILE") == "ci"
HEAVY = settings(
    max_examples=60 if CI else 6,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""Each example plans two profiles."""

# A paid-reach venue buys followers and holds no events.
ONLINE = sorted(kind for kind in VenueKind if not kind.is_offline and not kind.is_paid_reach)
OFFLINE = sorted(kind for kind in VenueKind if kind.is_offline)


def _plans(
    seed: int, online: VenueKind, offline: VenueKind
) -> tuple[em.results.Plan, em.results.Plan]:
    """The same profile planned twice: its venues with events online, then offline."""
    data = random_profile_data(seed, venues=4, events=4)
    hosts = [venue for venue in data["venues"] if venue.get("events")]
    for venue in hosts:
        # The typical cadence differs by kind; an explicit one keeps the weekly split equal.
        venue.setdefault("cadence", 1.0)
    plans = []
    for kind in (online, offline):
        variant: dict[str, Any] = copy.deepcopy(data)
        for venue in variant["venues"]:
            if venue.get("events"):
                venue["kind"] = kind.value
        plans.append(em.plan(em.loads(variant), seed=seed % 7, trials=120))
    return plans[0], plans[1]


def _ranking(plan: em.results.Plan) -> list[dict[str, Any]]:
    return [item.model_dump(exclude={"kind"}) for item in plan.priorities.items]


@HEAVY
@given(
    seed=st.integers(0, 2**32 - 1),
    online=st.sampled_from(ONLINE),
    offline=st.sampled_from(OFFLINE),
)
def test_an_online_event_is_planned_as_an_offline_one(
    seed: int, online: VenueKind, offline: VenueKind
) -> None:
    web, hall = _plans(seed, online, offline)
    assert web.allocation == hall.allocation  # which events are taken, and why
    assert web.projections == hall.projections
    assert web.schedule == hall.schedule
    assert web.costs == hall.costs
    assert web.notes == hall.notes
    assert _ranking(web) == _ranking(hall)


@pytest.mark.extra("ical")
@pytest.mark.parametrize("seed", [0, 1, 4])
def test_an_online_event_is_in_the_calendar_as_an_offline_one(seed: int) -> None:
    web, hall = _plans(seed, VenueKind.WEBINAR, VenueKind.CONFERENCE)
    assert any(event.taken for event in web.allocation.events)
    assert web.to_ical() == hall.to_ical()
