"""Tracking: law 7 (learning from results), plan against actual, value over activity."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import eminence as em
from eminence.model.recurrence import parse_rule
from eminence.planning.progress import Ledger, check_progress
from eminence.planning.rates import RateModel
from eminence.planning.relevance import Relevance
from eminence.planning.tracking.against_plan import _actual
from eminence.testing import small_profile

START = dt.date(2027, 1, 4)
CADENCE = 1000.0


def _profile(**changes: Any) -> em.model.Profile:
    """One forum, uncertain yields of mean 2 (replies) and 1 (members, a churning stock)."""
    data: dict[str, Any] = {
        "name": "Tracked",
        "topics": [{"id": "t"}],
        "expertise": [{"topic": "t", "depth": 1.0}],
        "segments": [{"id": "s", "size": 100, "needs": {"t": 1.0}}],
        "metrics": [
            {"id": "replies", "kind": "engagement"},
            {"id": "members", "kind": "engagement", "churn_per_week": 0.05},
            {"id": "requests", "kind": "value"},
        ],
        "venues": [
            {
                "id": "forum",
                "kind": "forum",
                "audience": {"s": 1.0},
                "effort_hours": 1.0,
                "cadence": CADENCE,
                "listening_hours": 4.0,
                "yields": {
                    "replies": {"low": 1.0, "likely": 2.0, "high": 3.0},
                    "members": {"low": 0.5, "likely": 1.0, "high": 1.5},
                },
            }
        ],
        "goals": [
            {"id": "replies", "metric": "replies", "target": 200},
            {"id": "members", "metric": "members", "target": 30},
        ],
        "capacity": {"hours_per_week": 2.0, "start": START.isoformat()},
    }
    data.update(changes)
    return em.model.Profile.model_validate(data)


def _effective(contributions: float) -> float:
    return float(CADENCE * -np.expm1(-contributions / CADENCE))


def _week(week: int, **row: Any) -> dict[str, Any]:
    return {"date": (START + dt.timedelta(weeks=week, days=2)).isoformat(), "venue": "forum", **row}


class TestLearning:
    """Law 7: the updated yield converges to the one the outcomes were drawn with."""

    @staticmethod
    def _drawn(true_yield: float, weeks: int, seed: int) -> em.model.ProgressLog:
        rng = np.random.default_rng(seed)
        rows = [_week(0, hours=2.0), _week(1, hours=2.0)]  # listening
        rows += [
            _week(week, hours=20, contributions=20, replies=int(rng.poisson(true_yield * _eff)))
            for week in range(2, weeks + 2)
            for _eff in [_effective(20)]
        ]
        return em.loads_progress(rows)

    def _learnt(self, true_yield: float, weeks: int, seed: int = 1) -> em.results.YieldEvidence:
        log = self._drawn(true_yield, weeks, seed)
        today = START + dt.timedelta(weeks=weeks + 2, days=-1)
        result = em.reforecast(_profile(), log, today=today, trials=200)
        return result.evidence("forum", "replies")

    @settings(max_examples=8, deadline=None)
    @given(st.floats(min_value=0.3, max_value=6.0), st.integers(0, 1000))
    def test_the_updated_yield_converges_to_the_true_one(self, truth: float, seed: int) -> None:
        evidence = self._learnt(truth, weeks=200, seed=seed)
        spread = (truth / evidence.contributions) ** 0.5
        assert evidence.posterior.mean == pytest.approx(truth, abs=5 * spread)
        assert evidence.posterior.mean == pytest.approx(evidence.mean)

    def test_more_data_narrows_the_interval_around_the_truth(self) -> None:
        widths = []
        for weeks in (2, 20, 200):
            evidence = self._learnt(4.0, weeks)
            widths.append(evidence.high - evidence.low)
        assert widths == sorted(widths, reverse=True)
        assert evidence.low <= 4.0 <= evidence.high
        assert evidence.verdict is em.results.Verdict.BETTER

    def test_a_little_evidence_moves_the_yield_a_little(self) -> None:
        log = em.loads_progress([_week(0, hours=5, contributions=1, replies=0)])
        result = em.reforecast(_profile(), log, today=dt.date(2027, 1, 10), trials=200)
        evidence = result.evidence("forum", "replies")
        # The prior (1, 2, 3) is worth about 14 contributions: one silent one moves it a 15th.
        assert evidence.posterior.mean == pytest.approx(2.0 * 14 / 15, rel=0.01)
        assert evidence.verdict is em.results.Verdict.AS_PLANNED
        assert self._learnt(0.0, weeks=1).verdict is em.results.Verdict.WORSE

    def test_a_certain_yield_is_kept_but_judged(self) -> None:
        profile = _profile()
        forum = profile.venues[0]
        certain = forum.replace(yields={**forum.yields, "replies": em.model.Estimate.exactly(2.0)})
        log = self._drawn(5.0, weeks=20, seed=2)
        result = em.reforecast(
            profile.replace(venues=(certain,)), log, today=dt.date(2027, 7, 1), trials=200
        )
        evidence = result.evidence("forum", "replies")
        assert not evidence.updated
        assert evidence.posterior == em.model.Estimate.exactly(2.0)
        assert evidence.verdict is em.results.Verdict.BETTER
        assert result.forecast is not None
        assert result.forecast.profile.venue("forum").yields["replies"] == evidence.posterior

    def test_a_metric_without_a_yield_is_learnt_from_the_log_alone(self) -> None:
        log = em.loads_progress([_week(2, hours=4, contributions=4, requests=2)])
        result = em.reforecast(_profile(), log, today=dt.date(2027, 2, 1), trials=200)
        evidence = result.evidence("forum", "requests")
        assert evidence.prior is None
        assert evidence.mean == pytest.approx(2.5 / _effective(4))
        assert result.forecast is not None
        assert "requests" in result.forecast.profile.venue("forum").yields


class TestMatchingThePlan:
    """A log that does exactly what the plan expected leaves the forecast where it was."""

    WEEKS = 12

    def _log(self) -> em.model.ProgressLog:
        per_week = _effective(2.0)
        rows = [_week(0, hours=2.0), _week(1, hours=2.0)]
        rows += [
            _week(week, hours=2.0, contributions=2.0, replies=2 * per_week, members=per_week)
            for week in range(2, self.WEEKS)
        ]
        return em.loads_progress(rows)

    def test_the_forecast_is_unchanged(self) -> None:
        profile = _profile()
        today = START + dt.timedelta(weeks=self.WEEKS, days=-1)
        result = em.reforecast(profile, self._log(), today=today, trials=200)
        assert result.forecast is not None
        for goal in result.goals:
            assert goal.achieved == pytest.approx(goal.planned, rel=1e-9)
            assert goal.forecast is not None
            assert goal.planned_projection.expected_date is not None
            assert goal.forecast.expected_date is not None
            moved = goal.forecast.expected_date - goal.planned_projection.expected_date
            assert abs(moved.days) <= 1, goal.goal
        for venue in result.split:
            assert venue.change == pytest.approx(0.0, abs=1e-9)
        for evidence in result.yields:
            assert evidence.posterior.mean == pytest.approx(evidence.prior_mean, rel=1e-9)
            assert evidence.verdict is em.results.Verdict.AS_PLANNED

    def test_the_update_moves_the_start_and_keeps_the_rest(self) -> None:
        today = START + dt.timedelta(weeks=self.WEEKS, days=-1)
        result = em.reforecast(_profile(), self._log(), today=today, trials=200)
        assert result.forecast is not None
        updated = result.forecast.profile
        assert updated.capacity.start == today + dt.timedelta(days=1)
        assert updated.venue("forum").listening_hours == 0
        replies, members = result.goal("replies"), result.goal("members")
        assert updated.goal("replies").target == pytest.approx(200 - replies.achieved)
        assert updated.goal("members").target == 30
        assert updated.goal("members").starting_level == pytest.approx(members.achieved)
        assert [week.week_ending for week in replies.weeks][-1] == today


class TestReachedAndPassed:
    def test_a_reached_goal_leaves_the_forecast(self) -> None:
        log = em.loads_progress([_week(3, hours=10, contributions=10, replies=250)])
        result = em.reforecast(_profile(), log, today=dt.date(2027, 3, 1), trials=200)
        replies = result.goal("replies")
        assert replies.forecast is None
        assert replies.reached_on == dt.date(2027, 1, 31)
        assert result.forecast is not None
        assert [goal.id for goal in result.forecast.profile.goals] == ["members"]

    def test_when_every_goal_is_reached_there_is_nothing_to_forecast(self) -> None:
        profile = _profile(goals=[{"id": "replies", "metric": "replies", "target": 5}])
        log = em.loads_progress([_week(2, hours=3, contributions=3, replies=6)])
        result = em.reforecast(profile, log, today=dt.date(2027, 2, 1), trials=200)
        assert result.forecast is None
        assert result.split == ()

    def test_a_passed_deadline_is_dropped_and_said(self) -> None:
        profile = _profile(
            goals=[{"id": "replies", "metric": "replies", "target": 200, "deadline": "2027-02-01"}]
        )
        result = em.reforecast(
            profile, em.model.ProgressLog(), today=dt.date(2027, 3, 1), trials=200
        )
        assert result.forecast is not None
        assert result.forecast.profile.goal("replies").deadline is None
        assert any("deadline 2027-02-01 passed" in change for change in result.changes)


class TestEvents:
    def test_past_events_leave_and_work_on_a_future_one_counts(self) -> None:
        profile = small_profile()
        log = em.loads_progress(
            [
                {"date": "2027-02-10", "venue": "summit", "event": "summit-2027", "hours": 5},
                {"date": "2027-02-20", "venue": "forum", "hours": 4},
            ]
        )
        result = em.reforecast(profile, log, today=dt.date(2027, 3, 1), trials=200)
        assert result.forecast is not None
        event = result.forecast.profile.venue("summit").events[0]
        assert event.proposal_deadline is None  # the proposal went in before the deadline
        assert event.preparation_hours.likely == 15
        later = em.reforecast(profile, log, today=dt.date(2027, 7, 1), trials=200)
        assert later.forecast is not None
        assert later.forecast.profile.venue("summit").events == ()

    def test_event_outcomes_count_toward_goals_but_teach_no_venue_yield(self) -> None:
        log = em.loads_progress(
            [
                {
                    "date": "2027-06-10",
                    "venue": "summit",
                    "event": "summit-2027",
                    "hours": 8,
                    "outcomes": {"requests": 2},
                }
            ]
        )
        result = em.reforecast(small_profile(), log, today=dt.date(2027, 6, 30), trials=200)
        assert result.goal("inbound").achieved > 0
        assert result.yields == ()

    def test_each_event_is_weighed_once_per_goal_however_many_weeks_log_it(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # A log of 2,000 outcomes on 20 events weighs 20 events per goal, not 2,000: a log of
        # 100,000 entries over a venue's 1,000 events took a minute and more.
        profile = em.example("consultant")
        venue = profile.venues[0]
        start = profile.capacity.start
        metric = profile.goals[0].metric
        events = tuple(
            em.model.Event(
                id=f"talk-{k}",
                date=start + dt.timedelta(days=30 + 7 * k),
                preparation_hours=em.model.Estimate.exactly(2.0),
                acceptance_chance=em.model.Estimate.exactly(1.0),
                yields={metric: em.model.Estimate.exactly(1.0)},
            )
            for k in range(20)
        )
        profile = profile.replace(venues=(venue.replace(events=events), *profile.venues[1:]))
        log = em.loads_progress(
            [
                {
                    "date": (start + dt.timedelta(days=k % 200)).isoformat(),
                    "venue": venue.id,
                    "event": f"talk-{k % 20}",
                    "outcomes": {metric: 1},
                }
                for k in range(2_000)
            ]
        )
        ledger = Ledger(RateModel(profile), log, start + dt.timedelta(days=210))
        relevance = Relevance(profile)
        weighed: list[str] = []
        weight = Relevance.weight

        def weighing(self: Relevance, audience: Any, goal: em.model.Goal) -> float:
            weighed.append(goal.id)
            return weight(self, audience, goal)

        monkeypatch.setattr(Relevance, "weight", weighing)
        for goal in profile.goals:
            _actual(profile, relevance, ledger, goal)
        on_metric = sum(goal.metric == metric for goal in profile.goals)
        assert 0 < len(weighed) <= 20 * on_metric
        # Checking the log reads the venue's events once, not once an entry.
        read: list[str] = []
        editions = em.model.Profile.editions

        def reading(self: em.model.Profile, venue: em.model.Venue) -> Any:
            read.append(venue.id)
            return editions(self, venue)

        monkeypatch.setattr(em.model.Profile, "editions", reading)
        check_progress(profile, log, today=start + dt.timedelta(days=210))
        assert read == [venue.id]


class TestValueOverActivity:
    def _result(self, recent_replies: int, recent_hours: float = 6.0) -> em.results.GoalTrack:
        rows = [_week(0, hours=2.0), _week(1, hours=2.0)]
        rows += [_week(w, hours=3, contributions=3, requests=1) for w in range(2, 6)]
        rows += [
            _week(w, hours=recent_hours, contributions=recent_hours, requests=recent_replies)
            for w in range(6, 10)
        ]
        profile = _profile(
            goals=[
                {"id": "replies", "metric": "replies", "target": 200},
                {"id": "requests", "metric": "requests", "target": 10},
            ]
        )
        today = START + dt.timedelta(weeks=10, days=-1)
        return em.reforecast(profile, em.loads_progress(rows), today=today, trials=200).goal(
            "requests"
        )

    def test_growing_activity_without_growing_value_is_flagged(self) -> None:
        track = self._result(recent_replies=1)
        assert track.value.flagged
        assert track.value.hours_before == 12
        assert track.value.hours_recent == 24
        assert "did not grow" in track.value.reason

    def test_value_that_grows_with_activity_is_not(self) -> None:
        assert not self._result(recent_replies=2).value.flagged

    def test_steady_activity_is_not(self) -> None:
        assert not self._result(recent_replies=0, recent_hours=3.0).value.flagged

    def test_a_vanity_goal_is_judged_by_value_and_engagement(self) -> None:
        track = self._result(recent_replies=1)
        assert track.value.metrics == ("requests",)
        profile = small_profile()
        result = em.reforecast(profile, em.model.ProgressLog(), today=dt.date(2027, 1, 10))
        assert result.goal("inbound").value.reason.startswith("too soon")


def _ruled(rule: str) -> em.model.Profile:
    venues = _profile().model_dump(mode="json", exclude_defaults=True)["venues"]
    venues[0]["rrule"] = rule
    return _profile(venues=venues)


def _rule_days(plan: em.results.Plan | None) -> list[dt.date]:
    """Every day of the forum's rule in a plan's schedule, the days it skips included."""
    assert plan is not None
    item = next((i for i in plan.schedule.items if i.uid == "contribution.forum"), None)
    if item is None:
        return []
    assert item.rule is not None
    assert item.until is not None
    return list(parse_rule(item.rule).days(item.day, item.until))


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@st.composite
def _rules(draw: st.DrawFn) -> str:
    frequency = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]))
    parts = [f"FREQ={frequency}"]
    interval = draw(st.integers(1, 5 if frequency == "DAILY" else 3))
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if frequency == "WEEKLY":
        days = draw(st.lists(st.sampled_from(_WEEKDAYS), max_size=3, unique=True))
        if days:
            parts.append("BYDAY=" + ",".join(days))
    elif frequency == "MONTHLY" and draw(st.booleans()):
        parts.append(
            f"BYDAY={draw(st.sampled_from(['1', '2', '-1']))}{draw(st.sampled_from(_WEEKDAYS))}"
        )
    limit = draw(st.sampled_from(["none", "count", "until"]))
    if limit == "count":
        parts.append(f"COUNT={draw(st.integers(1, 120))}")
    elif limit == "until":
        until = START + dt.timedelta(days=draw(st.integers(1, 7 * 260)))
        parts.append(f"UNTIL={until:%Y%m%d}")
    return ";".join(draw(st.permutations(parts)))


class TestRules:
    """A venue's rule means the same dates before and after a re-forecast, whatever today."""

    @settings(max_examples=100, deadline=None)
    @given(_rules(), st.integers(0, 7 * 520))
    def test_a_reforecast_accepts_every_planned_rule_and_keeps_its_dates(
        self, rule: str, day: int
    ) -> None:
        try:
            profile = _ruled(rule)
        except em.InvalidInputError:
            reject()
        today = START + dt.timedelta(days=day)
        result = em.reforecast(profile, em.model.ProgressLog(), today=today, trials=50)
        assert result.forecast is not None
        before, after = _rule_days(result.plan), _rule_days(result.forecast)
        # Both are the rule's days counted from the original start: the same in any window
        # both schedules cover, from tomorrow on.
        anchored = list(parse_rule(rule).days(START, result.forecast.schedule.until, START))
        for days in (before, after):
            assert not days or days == [d for d in anchored if days[0] <= d <= days[-1]]
        if before and after:
            low = max(today + dt.timedelta(days=1), before[0], after[0])
            high = min(before[-1], after[-1])
            assert [d for d in before if low <= d <= high] == [d for d in after if low <= d <= high]
        left = [d for d in anchored if d > today]
        forum = result.forecast.allocation.venue("forum")
        assert (forum.bound is em.results.Bound.ENDED) == (not left and after == [])

    def test_a_rule_that_ended_before_today_leaves_its_venue_without_hours(self) -> None:
        profile = _ruled("FREQ=WEEKLY;BYDAY=WE;UNTIL=20270301")
        result = em.reforecast(
            profile, em.model.ProgressLog(), today=dt.date(2027, 4, 1), trials=50
        )
        assert result.forecast is not None
        updated = result.forecast.profile.venue("forum")
        assert updated.rrule_start == START
        forum = result.forecast.allocation.venue("forum")
        assert (forum.hours_per_week, forum.bound) == (0.0, em.results.Bound.ENDED)
        assert _rule_days(result.forecast) == []
        (note,) = [n for n in result.forecast.notes if n.kind is em.results.NoteKind.ENDED_RULE]
        assert note.subject == "forum"
        assert "no available day from 2027-04-02 on" in note.message
        assert any("no day left from 2027-04-02" in change for change in result.changes)

    def test_a_count_keeps_counting_from_the_original_start(self) -> None:
        profile = _ruled("FREQ=WEEKLY;BYDAY=WE;COUNT=10")
        result = em.reforecast(
            profile, em.model.ProgressLog(), today=dt.date(2027, 2, 10), trials=50
        )
        tenth = dt.date(2027, 3, 10)  # the tenth Wednesday from 4 January 2027
        assert _rule_days(result.plan)[-1] == tenth
        after = _rule_days(result.forecast)
        # The count does not start again: what is left of it, after the listening left.
        assert after
        assert after[-1] == tenth
        assert set(after) <= {dt.date(2027, 2, 17) + dt.timedelta(weeks=w) for w in range(4)}

    def test_every_other_week_stays_on_the_same_weeks(self) -> None:
        profile = _ruled("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE")
        result = em.reforecast(
            profile, em.model.ProgressLog(), today=dt.date(2027, 1, 13), trials=50
        )
        before, after = _rule_days(result.plan), _rule_days(result.forecast)
        assert after
        assert set(after) <= set(before) | {d for d in after if d > before[-1]}
        assert all((day - dt.date(2027, 1, 6)).days % 14 == 0 for day in after)

    def test_a_bare_weekly_rule_keeps_the_weekday_of_the_original_start(self) -> None:
        profile = _ruled("FREQ=WEEKLY")
        result = em.reforecast(
            profile, em.model.ProgressLog(), today=dt.date(2027, 1, 13), trials=50
        )
        assert {day.weekday() for day in _rule_days(result.forecast)} == {START.weekday()}


TODAY = dt.date(2027, 4, 25)


class TestLoggedFacts:
    """An outcome logged with its segment is a fact: it counts in full toward a goal that
    targets the segment and not at all toward one that does not; weighting is for forecasts."""

    @staticmethod
    def _achieved(profile: em.model.Profile, log: em.model.ProgressLog) -> dict[str, float]:
        ledger = Ledger(RateModel(profile), log, TODAY)
        relevance = Relevance(profile)
        return {g.id: float(_actual(profile, relevance, ledger, g)[-1]) for g in profile.goals}

    @settings(max_examples=60, deadline=None)
    @given(st.data())
    def test_a_logged_outcome_adds_its_count_to_its_segments_goals_only(
        self, data: st.DataObject
    ) -> None:
        example = em.example("consultant")
        segments = [segment.id for segment in example.segments]
        targeted = data.draw(st.lists(st.sampled_from(segments), min_size=1, unique=True))
        goals = [{**goal.model_dump(mode="json"), "segments": targeted} for goal in example.goals]
        profile = em.model.Profile.model_validate(
            {**example.model_dump(mode="json"), "goals": goals}
        )
        log = em.example_progress("consultant")
        entry = data.draw(st.sampled_from(log.entries))
        goal = data.draw(st.sampled_from(profile.goals))
        segment = data.draw(st.sampled_from(segments))
        count = data.draw(st.integers(1, 5))
        fact = entry.model_copy(
            update={"segment": segment, "outcomes": {goal.metric: float(count)}, "row": None}
        )
        before = self._achieved(profile, log)
        after = self._achieved(profile, log.model_copy(update={"entries": (*log.entries, fact)}))
        for other in profile.goals:
            added = count if other.metric == goal.metric and segment in targeted else 0
            assert after[other.id] - before[other.id] == pytest.approx(added, abs=1e-9)

    def test_one_invitation_from_the_goals_segment_counts_one_not_its_share(self) -> None:
        profile = _profile(
            segments=[
                {"id": "cio", "size": 100, "needs": {"t": 1.0}},
                {"id": "dev", "size": 900, "needs": {"t": 1.0}},
            ],
            venues=[
                {
                    "id": "forum",
                    "kind": "forum",
                    "audience": {"cio": 0.3, "dev": 0.7},
                    "effort_hours": 1.0,
                    "yields": {"requests": {"low": 0.1, "likely": 0.2, "high": 0.3}},
                }
            ],
            goals=[{"id": "invited-twice", "metric": "requests", "target": 2, "segments": ["cio"]}],
        )

        def achieved(**row: Any) -> float:
            log = em.loads_progress([_week(1, hours=3, requests=1, **row)])
            return (
                em.reforecast(profile, log, today=TODAY, trials=50).goal("invited-twice").achieved
            )

        assert achieved(segment="cio") == 1.0
        assert achieved(segment="dev") == 0.0
        assert achieved() == pytest.approx(0.3)  # no segment: the forecast's estimate


class TestBadLogs:
    @pytest.mark.parametrize(
        ("row", "where", "message"),
        [
            ({"venue": "blog"}, "row 1, column 'venue'", "unknown venue 'blog'"),
            ({"requests": 1, "likes": 3}, "row 1, column 'likes'", "unknown metric 'likes'"),
            ({"event": "nope"}, "row 1, column 'event'", "'nope' is no event of 'forum'"),
            ({"segment": "cto", "requests": 1}, "row 1, column 'segment'", "unknown segment 'cto'"),
            ({"date": "2026-12-31"}, "row 1, column 'date'", "before the plan's start"),
            ({"date": "2027-05-02"}, "row 1, column 'date'", "after today (2027-05-01)"),
        ],
    )
    def test_ids_and_dates_are_checked_against_the_profile(
        self, row: dict[str, Any], where: str, message: str
    ) -> None:
        log = em.loads_progress([{"date": "2027-02-01", "venue": "forum", "hours": 1, **row}])
        with pytest.raises(em.InvalidInputError) as error:
            em.reforecast(small_profile(), log, today=dt.date(2027, 5, 1))
        (problem,) = error.value.problems
        assert problem.path == where
        assert message in problem.message

    def test_contributions_on_an_event_are_refused(self) -> None:
        log = em.loads_progress(
            [{"date": "2027-02-01", "venue": "summit", "event": "summit-2027", "contributions": 1}]
        )
        with pytest.raises(em.InvalidInputError, match="column 'contributions'"):
            em.reforecast(small_profile(), log, today=dt.date(2027, 5, 1))

    def test_today_before_the_start_is_an_error(self) -> None:
        with pytest.raises(em.EminenceError, match="before the plan's start"):
            em.reforecast(small_profile(), em.model.ProgressLog(), today=dt.date(2026, 12, 1))

    def test_inputs_are_not_changed(self) -> None:
        profile = small_profile()
        log = em.loads_progress([{"date": "2027-02-01", "venue": "forum", "hours": 9}])
        before = (profile.model_dump(), log.model_dump())
        em.reforecast(profile, log, today=dt.date(2027, 3, 1), trials=200)
        assert (profile.model_dump(), log.model_dump()) == before


class TestResult:
    def test_the_bundled_example_round_trips_through_json(self) -> None:
        result = em.reforecast(
            em.example("consultant"),
            em.example_progress("consultant"),
            today=dt.date(2027, 4, 25),
            trials=200,
        )
        assert em.results.Reforecast.model_validate_json(result.model_dump_json()) == result
        assert result.goal("invitations-to-advise").value.flagged
        assert result.footnote.startswith("25 entries over 16 weeks")
        listening = [venue.listening_hours for venue in result.forecast.profile.venues]  # type: ignore[union-attr]
        assert listening == [0, 4, 0, 2, 6]
