"""Paid reach (issue 20): an audience bought with money counts as reach, never as engagement
or value, as laws over generated profiles, and the nonsense combinations are refused."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.errors import EminenceError, VanityGoalWarning
from eminence.model import MetricKind, Profile, VenueKind
from eminence.planning.priorities import BOUGHT
from eminence.planning.rates import RateModel
from eminence.planning.results import NoteKind, Plan
from eminence.testing import random_profile_data

SEEDS = st.integers(0, 2**32 - 1)
TRIALS = 50


def _profile(data: dict[str, Any]) -> Profile:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", VanityGoalWarning)
        return em.loads(data)


def _data(seed: int, **sizes: Any) -> dict[str, Any]:
    return random_profile_data(seed, events=0, vanity_goals=1, paid_reach=2, **sizes)


def _paid(profile: Profile) -> list[int]:
    return [v for v, venue in enumerate(profile.venues) if venue.kind.is_paid_reach]


def _engaging(profile: Profile) -> list[int]:
    return [
        g
        for g, goal in enumerate(profile.goals)
        if profile.metric(goal.metric).kind in {MetricKind.ENGAGEMENT, MetricKind.VALUE}
    ]


class TestBoughtFollowersDoNotEngage:
    @settings(max_examples=20, deadline=None)
    @given(SEEDS)
    def test_a_paid_reach_venue_never_advances_an_engagement_or_value_goal(self, seed: int) -> None:
        profile = _profile(_data(seed))
        model = RateModel(profile)
        # Any draw of the estimates: the one at index 0 is the "nothing" a venue yields of a
        # metric it does not count.
        draws = np.random.default_rng(seed).uniform(0.0, 100.0, (200, model.means().size))
        draws[:, 0] = 0.0
        progress = model.venue_goal_yield(draws)
        paid, engaging = _paid(profile), _engaging(profile)
        assert engaging
        assert np.all(progress[..., paid, :][..., engaging] == 0.0)
        plan = _plan(profile)
        for item in plan.priorities.items:
            if item.kind.is_paid_reach:
                shares = {share.goal: share for share in item.by_goal}
                for g in engaging:
                    assert shares[profile.goals[g].id].progress_per_hour == 0.0

    @settings(max_examples=10, deadline=None)
    @given(SEEDS)
    def test_with_vanity_only_tracked_no_hour_or_money_buys_an_audience(self, seed: int) -> None:
        plan = em.plan(_profile({**_data(seed), "vanity": "track"}), trials=TRIALS)
        for venue in plan.allocation.venues:
            if venue.venue.startswith("paid"):
                assert venue.hours_per_week == 0.0
        assert not [note for note in plan.notes if note.kind is NoteKind.PAID_REACH]

    @settings(max_examples=15, deadline=None)
    @given(SEEDS)
    def test_the_plan_says_so_wherever_it_buys_an_audience(self, seed: int) -> None:
        plan = em.plan(_profile(_data(seed)), trials=TRIALS)
        funded = {v.venue for v in plan.allocation.venues if v.venue.startswith("paid")}
        funded = {v for v in funded if plan.allocation.venue(v).hours_per_week > 0}
        noted = {note.subject for note in plan.notes if note.kind is NoteKind.PAID_REACH}
        assert noted == funded
        for item in plan.priorities.items:
            if item.kind.is_paid_reach and item.progress_per_hour > 0:
                assert item.reason.startswith(BOUGHT)


class TestMoneyBuysIt:
    """Not "its hours never rise when its cost rises" among several paid venues: where the
    hours and the budget both bind, a dearer promotion tightens the budget for every paid
    venue, and the hours a dearer one gives up can flow to it (``random_profile_data(3,
    events=0, vanity_goals=1, paid_reach=2, money_per_year=20_000)``, ``paid0`` at 1.5 times
    its cost: 0.987 -> 0.990 h/week). It holds where it is the only venue that costs money,
    and the plan's progress never rises with any cost."""

    @settings(max_examples=15, deadline=None)
    @given(SEEDS, st.floats(1.01, 10.0))
    def test_where_only_it_costs_money_its_hours_and_money_never_rise_with_its_cost(
        self, seed: int, factor: float
    ) -> None:
        profile = _profile(random_profile_data(seed, events=0, vanity_goals=1, paid_reach=1))
        (v,) = _paid(profile)
        dearer = _with_cost(profile, v, factor)
        before, after = _plan(profile).allocation, _plan(dearer).allocation
        hours, more_hours = before.venues[v], after.venues[v]
        assert more_hours.hours_per_week <= hours.hours_per_week * (1 + 1e-9) + 1e-12
        if before.money_binds:
            assert (after.money_per_year or 0.0) <= (before.money_per_year or 0.0) * (
                1 + 1e-9
            ) + 1e-9

    @settings(max_examples=15, deadline=None)
    @given(SEEDS, st.sampled_from([100.0, 1_000.0, 20_000.0]), st.floats(1.01, 10.0))
    def test_a_dearer_audience_never_makes_the_plan_progress_faster(
        self, seed: int, budget: float, factor: float
    ) -> None:
        profile = _profile(_data(seed, money_per_year=budget))
        before = _progress(_plan(profile))
        for v in _paid(profile):
            after = _progress(_plan(_with_cost(profile, v, factor)))
            assert after <= before * (1 + 1e-6) + 1e-12


def _with_cost(profile: Profile, v: int, factor: float) -> Profile:
    venues = list(profile.venues)
    venues[v] = venues[v].replace(cost_per_contribution=venues[v].cost_per_contribution * factor)
    return profile.model_copy(update={"venues": tuple(venues)})


def _plan(profile: Profile) -> Plan:
    return em.plan(profile, trials=TRIALS)


def _progress(plan: Plan) -> float:
    return sum(venue.progress_per_week for venue in plan.allocation.venues)


class TestRefused:
    def _paid_venue(self, **changes: Any) -> dict[str, Any]:
        data = _data(7)
        data["venues"][-1].update(changes)
        return data

    def test_a_free_paid_reach_venue_names_its_cost(self) -> None:
        with pytest.raises(EminenceError, match=r"venues\[\d+\]\.cost_per_contribution.*bought"):
            _profile(self._paid_venue(cost_per_contribution=0.0))

    def test_a_paid_reach_venue_holds_no_events(self) -> None:
        event = {
            "id": "launch",
            "date": "2027-05-03",
            "preparation_hours": 4.0,
            "yields": {"m-followers": 10.0},
        }
        with pytest.raises(EminenceError, match=r"venues\[\d+\]\.events: a paid-reach venue"):
            _profile(self._paid_venue(events=[event]))

    @pytest.mark.parametrize(
        "kind", [kind for kind in MetricKind if kind is not MetricKind.REACH], ids=str
    )
    def test_a_paid_reach_venue_yields_reach_only(self, kind: MetricKind) -> None:
        data = self._paid_venue()
        data["metrics"].append({"id": "m-other", "kind": kind.value})
        data["venues"][-1]["yields"]["m-other"] = 1.0
        with pytest.raises(EminenceError, match=rf"yields\.m-other: counts {kind.value}.*reach"):
            _profile(data)

    def test_a_paid_reach_venue_needs_a_money_budget(self) -> None:
        data = self._paid_venue()
        del data["capacity"]["money_per_year"]
        with pytest.raises(EminenceError, match=r"venues\[\d+\]\.kind: .*money_per_year"):
            _profile(data)

    def test_it_is_an_online_kind_ranked_on_the_same_scale(self) -> None:
        assert not VenueKind.PAID_REACH.is_offline
        assert [kind for kind in VenueKind if kind.is_paid_reach] == [VenueKind.PAID_REACH]
