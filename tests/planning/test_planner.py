"""The planner: laws 1, 3, 4, 5 and 8 on small and random profiles."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning.rates import RateModel
from eminence.planning.response import response
from eminence.testing import profile_data, random_profile, random_profile_data, small_profile

seeds = st.integers(min_value=0, max_value=10_000)


def _total_progress(plan: em.results.Plan) -> float:
    return sum(venue.progress_per_week for venue in plan.allocation.venues)


def _plan(data: dict[str, Any], **options: Any) -> em.results.Plan:
    return em.plan(em.model.Profile.model_validate(data), **options)


class TestSplitAddsUp:
    @settings(max_examples=25, deadline=None)
    @given(seeds)
    def test_hours_and_leftover_add_up_to_capacity(self, seed: int) -> None:
        plan = em.plan(random_profile(seed), trials=50)
        allocation = plan.allocation
        placed = sum(venue.hours_per_week for venue in allocation.venues)
        assert placed + allocation.leftover_hours_per_week == pytest.approx(
            allocation.hours_per_week, rel=1e-9
        )
        assert all(venue.hours_per_week >= 0 for venue in allocation.venues)

    @settings(max_examples=20, deadline=None)
    @given(seeds, st.floats(min_value=0.2, max_value=40))
    def test_more_hours_never_lower_progress(self, seed: int, hours: float) -> None:
        fewer = em.plan(random_profile(seed, hours_per_week=hours), trials=10)
        more = em.plan(random_profile(seed, hours_per_week=hours * 1.5), trials=10)
        assert _total_progress(more) >= _total_progress(fewer) * (1 - 1e-12)


class TestRelevance:
    @settings(max_examples=25, deadline=None)
    @given(seeds)
    def test_a_venue_with_no_targeted_audience_gets_no_hours(self, seed: int) -> None:
        profile = random_profile(seed)
        plan = em.plan(profile, trials=10)
        for venue in profile.venues:
            targeted = {s for goal in profile.goals for s in goal.segments}
            if not targeted & {s for s, share in venue.audience.items() if share > 0}:
                assert plan.allocation.venue(venue.id).hours_per_week == 0.0

    def test_a_better_fitting_expertise_raises_a_venues_score(self) -> None:
        data = profile_data()
        weak = _plan(data).priorities.items[0].progress_per_hour
        data["expertise"][1]["depth"] = 1.0  # the PMO segment's need, agile
        strong = _plan(data).priorities.items[0].progress_per_hour
        assert strong > weak

    def test_score_is_proportional_to_the_audience_share(self) -> None:
        data = profile_data()
        data["goals"] = [{"id": "talk", "metric": "replies", "target": 10, "segments": ["cio"]}]
        base = _plan(data).priorities.items[0].progress_per_hour
        data["venues"][0]["audience"]["cio"] = 0.6
        assert _plan(data).priorities.items[0].progress_per_hour == pytest.approx(2 * base)


class TestOrderIndependence:
    @settings(max_examples=15, deadline=None)
    @given(seeds, st.randoms(use_true_random=False))
    def test_the_plan_does_not_depend_on_the_order_of_venues(self, seed: int, shuffle: Any) -> None:
        data = random_profile_data(seed, events=0)
        plan = _plan(data, trials=200)
        shuffle.shuffle(data["venues"])
        shuffled = _plan(data, trials=200)
        assert [item.venue for item in plan.priorities.items] == [
            item.venue for item in shuffled.priorities.items
        ]
        for venue in plan.allocation.venues:
            assert shuffled.allocation.venue(venue.venue).hours_per_week == pytest.approx(
                venue.hours_per_week, rel=1e-9, abs=1e-12
            )


class TestBounds:
    def test_locked_venue_keeps_its_hours(self) -> None:
        data = profile_data()
        data["venues"][1]["min_hours_per_week"] = 0.5
        data["venues"][1]["max_hours_per_week"] = 0.5
        venue = _plan(data).allocation.venue("summit")
        assert venue.hours_per_week == 0.5
        assert venue.bound is em.results.Bound.LOCKED

    def test_excluded_venue_gets_nothing_and_its_hours_go_elsewhere(self) -> None:
        data = profile_data()
        data["venues"][0]["excluded"] = True
        plan = _plan(data)
        assert plan.allocation.venue("forum").hours_per_week == 0.0
        assert plan.allocation.venue("forum").bound is em.results.Bound.EXCLUDED
        assert plan.allocation.leftover_hours_per_week == pytest.approx(3.0)
        assert any(note.kind is em.results.NoteKind.IDLE_HOURS for note in plan.notes)

    def test_a_maximum_leaves_the_rest_as_leftover_when_nothing_else_gains(self) -> None:
        data = profile_data()
        data["venues"][0]["max_hours_per_week"] = 1.0
        allocation = _plan(data).allocation
        assert allocation.venue("forum").hours_per_week == pytest.approx(1.0)
        assert allocation.venue("forum").bound is em.results.Bound.UPPER
        assert allocation.leftover_hours_per_week == pytest.approx(2.0)


class TestDiminishingReturns:
    def test_free_venues_share_one_marginal_progress_per_hour(self) -> None:
        plan = em.plan(em.example("executive"))
        free = [v for v in plan.allocation.venues if v.bound is em.results.Bound.FREE]
        assert len(free) >= 2
        for venue in free:
            assert venue.marginal_progress_per_hour == pytest.approx(
                plan.allocation.marginal_progress_per_hour, rel=1e-8
            )

    def test_progress_follows_the_concave_response(self) -> None:
        plan = small_profile()
        result = em.plan(plan)
        forum = result.allocation.venue("forum")
        gain = result.priorities.items[0].progress_per_hour
        saturation = 0.75 * 2 * 0 + (0.5 + 4 * 0.75 + 1.5) / 6 * 2  # PERT effort x cadence
        expected = response(np.array(gain), np.array(saturation), np.array(3.0))
        assert forum.progress_per_week == pytest.approx(float(expected))


class TestListeningFirst:
    def test_a_venue_starts_after_its_listening_hours(self) -> None:
        data = profile_data()
        data["venues"][1]["events"] = []
        forum = _plan(data).allocation.venue("forum")
        # 4 listening hours at 3 h/week take 1.33 working weeks: active on day 10.
        assert forum.listening_from == dt.date(2027, 1, 4)
        assert forum.active_from == dt.date(2027, 1, 14)

    def test_listening_waits_out_an_unavailable_period(self) -> None:
        data = profile_data()
        data["venues"][1]["events"] = []
        data["capacity"]["unavailable"] = [{"start": "2027-01-04", "end": "2027-01-17"}]
        forum = _plan(data).allocation.venue("forum")
        assert forum.active_from == dt.date(2027, 1, 28)

    def test_event_preparation_delays_the_start_as_the_projection_counts_it(self) -> None:
        plan = em.plan(small_profile())
        assert plan.allocation.events[0].taken
        # The proposal's 5.4 expected hours, spread over the 6 weeks to its deadline, leave the
        # split about 2.1 h/week: 4 listening hours end on day 14 rather than day 10.
        assert plan.allocation.venue("forum").active_from == dt.date(2027, 1, 18)

    def test_the_best_venue_listens_first(self) -> None:
        plan = em.plan(em.example("executive"))
        active = [v for v in plan.allocation.venues if v.hours_per_week > 0]
        ranked = [item.venue for item in plan.priorities.items if item.event is None]
        by_start = sorted(active, key=lambda v: (v.listening_from, ranked.index(v.venue)))
        assert [v.venue for v in by_start] == [v for v in ranked if v in {a.venue for a in active}]

    def test_venues_start_one_after_another(self) -> None:
        plan = em.plan(em.example("community"))
        active = [v for v in plan.allocation.venues if v.hours_per_week > 0]
        starts = sorted((v.listening_from, v.active_from) for v in active if v.listening_hours)
        for (_, previous_active), (next_listening, _) in itertools.pairwise(starts):
            assert next_listening is not None
            assert previous_active is not None
            assert next_listening >= previous_active - dt.timedelta(days=1)


class TestEvents:
    def test_an_event_worth_more_than_the_margin_is_taken(self) -> None:
        choice = em.plan(small_profile()).allocation.events[0]
        assert choice.taken
        assert "more than" in choice.reason

    def test_an_event_names_the_goals_its_preparation_makes_later(self) -> None:
        plan = em.plan(small_profile())
        summit = plan.allocation.events[0]
        # The summit yields requests only: its hours come from the forum's conversations.
        assert summit.taken
        assert summit.later_goals == ("conversations",)
        assert "'conversations' about" in summit.reason
        assert any(
            note.kind is em.results.NoteKind.TRADED_GOAL and note.subject == "summit-2027"
            for note in plan.notes
        )

    def test_an_event_that_serves_every_goal_trades_none(self) -> None:
        data = profile_data()
        data["venues"][1]["events"][0]["yields"]["replies"] = 200
        summit = _plan(data).allocation.events[0]
        assert summit.taken
        assert summit.later_goals == ()

    def test_an_event_whose_preparation_cannot_fit_is_dropped_with_the_reason(self) -> None:
        data = profile_data()
        event = data["venues"][1]["events"][0]
        event["proposal_deadline"] = "2027-01-11"
        event["preparation_hours"] = {"low": 40, "likely": 50, "high": 60}
        choice = _plan(data).allocation.events[0]
        assert not choice.taken
        assert "does not fit" in choice.reason

    def test_attendance_counts_when_checking_the_fit(self) -> None:
        data = profile_data()
        event = data["venues"][1]["events"][0]
        del event["proposal_deadline"]
        # Two weeks at 3 h/week give 6 h: enough for 2 h of preparation, not with 16 h there.
        event.update(date="2027-01-18", preparation_hours=2, attendance_hours=16)
        choice = _plan(data).allocation.events[0]
        assert not choice.taken
        assert "does not fit" in choice.reason

    def test_a_closed_call_for_proposals_drops_the_event(self) -> None:
        data = profile_data()
        data["venues"][1]["events"][0]["proposal_deadline"] = "2026-12-01"
        plan = _plan(data)
        assert not plan.allocation.events[0].taken
        assert any(
            note.kind is em.results.NoteKind.DROPPED_EVENT
            and "closed on 2026-12-01" in note.message
            for note in plan.notes
        )

    def test_an_excluded_venue_is_out_of_the_ranking_and_its_events_are_dropped(self) -> None:
        data = profile_data()
        data["venues"][1]["excluded"] = True
        plan = _plan(data)
        assert {item.venue for item in plan.priorities.items} == {"forum"}
        choice = plan.allocation.events[0]
        assert not choice.taken
        assert choice.reason == "its venue is excluded by the profile"

    def test_listening_at_an_events_venue_is_owed_before_its_proposal(self) -> None:
        data = profile_data()
        event = data["venues"][1]["events"][0]
        event["proposal_deadline"] = "2027-02-15"  # six working weeks: 18 hours at 3 h/week
        data["venues"][1]["listening_hours"] = 16
        assert not _plan(data).allocation.events[0].taken
        data["venues"][1]["listening_hours"] = 8
        assert _plan(data).allocation.events[0].taken

    def test_acceptance_chance_scales_the_events_value(self) -> None:
        data = profile_data()
        event = data["venues"][1]["events"][0]
        event.pop("proposal_deadline")
        event["acceptance_chance"] = 1.0
        sure = _plan(data).allocation.events[0]
        event["acceptance_chance"] = 0.5
        half = _plan(data).allocation.events[0]
        assert half.expected_progress == pytest.approx(sure.expected_progress / 2)
        assert half.progress_per_hour == pytest.approx(sure.progress_per_hour)

    def test_events_and_venues_are_ranked_on_one_scale(self) -> None:
        kinds = {item.event is None for item in em.plan(small_profile()).priorities.items}
        assert kinds == {True, False}


class TestPriorities:
    def test_ranks_are_dense_and_ties_explicit(self) -> None:
        data = profile_data()
        twin = {**data["venues"][0], "id": "forum-twin", "events": []}
        data["venues"].append(twin)
        items = _plan(data).priorities.items
        assert [item.rank for item in items[:2]] == [1, 1]
        assert [item.tied for item in items[:3]] == [True, True, False]
        assert items[2].rank == 2

    def test_goal_parts_add_up_to_the_score(self) -> None:
        for item in em.plan(em.example("consultant")).priorities.items:
            parts = sum(share.progress_per_hour for share in item.by_goal)
            assert parts == pytest.approx(item.progress_per_hour, rel=1e-9, abs=1e-15)

    def test_a_dominant_venue_is_almost_surely_in_the_top(self) -> None:
        items = em.plan(small_profile()).priorities.items
        assert items[0].chance_in_top > 0.95
        assert items[-1].chance_in_top == 0.0

    def test_cadence_comes_from_peers_when_the_venue_gives_none(self) -> None:
        data = profile_data()
        del data["venues"][0]["cadence"]
        data["peers"] = [
            {"id": "a", "cadence": {"forum": 1}},
            {"id": "b", "cadence": {"forum": 4}},
            {"id": "c", "cadence": {"forum": 5}},
        ]
        forum = next(i for i in _plan(data).priorities.items if i.venue == "forum")
        assert forum.cadence_per_week == 4
        assert forum.cadence_source == "peers"
        assert forum.peers_active == 3


class TestDeterminism:
    def test_same_seed_gives_identical_json(self) -> None:
        profile = em.example("community")
        assert (
            em.plan(profile, seed=7).model_dump_json() == em.plan(profile, seed=7).model_dump_json()
        )

    def test_the_plan_round_trips_through_json(self) -> None:
        plan = em.plan(small_profile())
        assert em.results.Plan.model_validate_json(plan.model_dump_json()) == plan

    def test_a_plan_read_back_makes_the_same_costs_and_schedule(self) -> None:
        plan = em.plan(em.example("consultant"), trials=200)
        text = plan.model_dump_json()
        again = em.results.Plan.model_validate_json(text)
        assert again.costs == plan.costs
        assert again.schedule == plan.schedule
        assert again.model_dump_json() == text

    def test_a_plan_read_back_with_broken_costs_names_them(self) -> None:
        # The costs are read as written, never made again: broken ones are refused by path.
        plan = em.plan(em.example("consultant"), trials=200)
        data = plan.model_dump(mode="json")
        data["costs"] = {**data["costs"], "weeks": 0}
        with pytest.raises(em.InvalidInputError) as raised:
            em.results.Plan.model_validate(data)
        assert [problem.path for problem in raised.value.problems] == ["costs.weeks"]

    def test_a_planner_plan_keeps_its_costs_and_schedule_equal_to_a_full_plan(self) -> None:
        profile = em.example("community")
        quick = em.Planner(profile, trials=200).plan(3.0)
        full = em.plan(
            profile.replace(capacity=profile.capacity.replace(hours_per_week=3.0)), trials=200
        )
        assert quick.costs == full.costs
        assert quick.schedule == full.schedule


class TestExamples:
    def test_the_forum_centred_executive_puts_hours_in_forums_and_lists(self) -> None:
        plan = em.plan(em.example("executive"))
        profile = plan.profile
        by_kind: dict[str, float] = {}
        for venue in plan.allocation.venues:
            kind = profile.venue(venue.venue).kind.value
            by_kind[kind] = by_kind.get(kind, 0.0) + venue.hours_per_week
        community = by_kind.get("forum", 0) + by_kind.get("mailing_list", 0)
        assert community > 2 * by_kind.get("social_network", 0)

    def test_the_consultant_with_two_hours_ranks_an_offline_venue_near_the_top(self) -> None:
        items = em.plan(em.example("consultant")).priorities.items
        assert any(item.kind.is_offline for item in items[:3])

    def test_the_community_plan_serves_every_goal(self) -> None:
        notes = em.plan(em.example("community")).notes
        assert not [note for note in notes if note.kind is em.results.NoteKind.UNSERVED_GOAL]


class TestRegressions:
    def test_goals_on_one_metric_share_a_venues_yield_draws(self) -> None:
        # Each goal once drew its own copy of the same yield: uncorrelated and five times
        # the work for five goals on one metric.
        data = profile_data()
        data["goals"].append({"id": "more-replies", "metric": "replies", "target": 80})
        model = RateModel(em.model.Profile.model_validate(data))
        assert (model.venue_yield[:, 1] == model.venue_yield[:, 2]).all()
        assert len(model.table) == 1 + 2 + 2 + 3  # zero, efforts, forum yields, event's three


class TestPlanner:
    @pytest.mark.parametrize("hours", [0.5, 2.0, 7.5])
    def test_replanning_at_other_hours_equals_planning_that_profile(self, hours: float) -> None:
        profile = em.example("community")
        planner = em.Planner(profile, trials=200)
        at_hours = profile.replace(capacity=profile.capacity.replace(hours_per_week=hours))
        expected = em.plan(at_hours, trials=200).model_dump_json()
        assert planner.plan(hours).model_dump_json() == expected

    def test_the_profiles_own_hours_by_default(self) -> None:
        profile = em.example("consultant")
        assert em.Planner(profile, trials=50).plan() == em.plan(profile, trials=50)

    def test_bad_hours_are_refused_with_the_field(self) -> None:
        with pytest.raises(em.InvalidInputError, match="hours_per_week"):
            em.Planner(em.example("consultant"), trials=50).plan(200)


class TestResultsAreData:
    """A plan holds what was computed: reading it back, or reading it, never plans again."""

    @settings(max_examples=10)
    @given(seed=st.integers(0, 2**16))
    def test_a_plan_read_back_is_the_same_plan_without_planning(self, seed: int) -> None:
        planned = em.plan(random_profile(seed), seed=seed, trials=50)
        written = planned.model_dump_json()

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("a plan read back planned again")

        with pytest.MonkeyPatch.context() as patch:
            for stage in (
                "Planner",
                "RateModel",
                "Projector",
                "plan_content",
                "plan_costs",
                "build_schedule",
            ):
                patch.setattr(f"eminence.planning.planner.{stage}", refuse)
            read = em.results.Plan.model_validate_json(written)
            assert read == planned
            assert read.schedule == planned.schedule
            assert read.costs == planned.costs
            assert read.model_dump_json() == written

    def test_a_plan_made_by_hand_says_what_it_lacks(self) -> None:
        planned = em.plan(em.example("executive"), trials=50)
        fields = {name: getattr(planned, name) for name in type(planned).model_fields}
        by_hand = em.results.Plan(**fields)
        with pytest.raises(em.EminenceError, match="without its schedule"):
            by_hand.schedule  # noqa: B018
        with pytest.raises(em.EminenceError, match="without its costs"):
            by_hand.costs  # noqa: B018
