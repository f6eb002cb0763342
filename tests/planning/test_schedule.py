"""The schedule: it follows the plan, fits each week, skips days off, and keeps time honestly."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning.results.schedule import local_start
from eminence.planning.scheduling import derived_rule
from eminence.testing import profile_data, random_profile

TOLERANCE = 1e-6


def _plan(data: dict[str, Any], **options: Any) -> em.results.Plan:
    return em.plan(
        em.model.Profile.model_validate(data), trials=options.pop("trials", 50), **options
    )


def _examples() -> list[em.results.Plan]:
    return [em.plan(em.example(name), trials=100) for name in em.examples()]


EXAMPLES = _examples()


def _work_by_week(schedule: em.results.Schedule) -> dict[int, float]:
    weeks: dict[int, float] = defaultdict(float)
    for occurrence in schedule.occurrences():
        if occurrence.kind.is_work:
            weeks[(occurrence.day - schedule.start).days // 7] += occurrence.hours
    return weeks


def _unavailable(profile: em.model.Profile, day: dt.date) -> bool:
    return any(p.start <= day <= p.end for p in profile.capacity.unavailable)


def _capacity(plan: em.results.Plan, week: int) -> float:
    monday = plan.schedule.start + dt.timedelta(weeks=week)
    days = [monday + dt.timedelta(days=n) for n in range(7)]
    available = sum(not _unavailable(plan.profile, day) for day in days)
    return plan.profile.capacity.hours_per_week * available / 7


class TestCapacity:
    @pytest.mark.parametrize("plan", EXAMPLES, ids=em.examples())
    def test_no_week_of_an_example_takes_more_than_its_capacity(
        self, plan: em.results.Plan
    ) -> None:
        for week, hours in _work_by_week(plan.schedule).items():
            assert hours <= _capacity(plan, week) + TOLERANCE, week

    @settings(max_examples=15, deadline=None)
    @given(st.integers(0, 10_000), st.floats(0.5, 30))
    def test_no_week_of_a_random_plan_takes_more_than_its_capacity(
        self, seed: int, hours: float
    ) -> None:
        plan = em.plan(random_profile(seed, hours_per_week=hours), trials=20)
        for week, worked in _work_by_week(plan.schedule).items():
            assert worked <= _capacity(plan, week) + TOLERANCE, week


class TestUnavailable:
    @pytest.mark.parametrize("plan", EXAMPLES, ids=em.examples())
    def test_nothing_is_scheduled_on_a_day_off(self, plan: em.results.Plan) -> None:
        for occurrence in plan.schedule.occurrences():
            # A proposal deadline is the organiser's date: it is shown even on a holiday.
            if occurrence.kind is not em.results.ItemKind.PROPOSAL_DEADLINE:
                assert not _unavailable(plan.profile, occurrence.day), occurrence

    @settings(max_examples=15, deadline=None)
    @given(st.integers(0, 10_000))
    def test_random_plans_skip_their_days_off(self, seed: int) -> None:
        plan = em.plan(random_profile(seed), trials=20)
        for occurrence in plan.schedule.occurrences():
            if occurrence.kind is not em.results.ItemKind.PROPOSAL_DEADLINE:
                assert not _unavailable(plan.profile, occurrence.day)


class TestAgreesWithThePlan:
    @pytest.mark.parametrize("plan", EXAMPLES, ids=em.examples())
    def test_a_full_week_gives_each_venue_its_weekly_hours(self, plan: em.results.Plan) -> None:
        # Week 60 is past every listening period and event of the examples, with no holiday.
        week = 60
        first = plan.schedule.start + dt.timedelta(weeks=week)
        assert _capacity(plan, week) == plan.profile.capacity.hours_per_week
        worked: dict[str, float] = defaultdict(float)
        for occurrence in plan.schedule.occurrences(first, first + dt.timedelta(days=6)):
            if occurrence.kind is em.results.ItemKind.CONTRIBUTION:
                assert occurrence.venue is not None
                worked[occurrence.venue] += occurrence.hours
        for venue in plan.allocation.venues:
            assert worked[venue.venue] == pytest.approx(venue.hours_per_week)

    @pytest.mark.parametrize("plan", EXAMPLES, ids=em.examples())
    def test_blocks_carry_the_contributions_per_week(self, plan: em.results.Plan) -> None:
        for position, venue in enumerate(v for v in plan.allocation.venues if v.hours_per_week):
            item = plan.schedule.item(f"contribution.{venue.venue}")
            assert item.rule is not None
            per_week = derived_rule(venue.contributions_per_week, position)[1]
            assert item.contributions * per_week == pytest.approx(venue.contributions_per_week)

    @pytest.mark.parametrize("plan", EXAMPLES, ids=em.examples())
    def test_listening_comes_before_contributing_and_takes_its_hours(
        self, plan: em.results.Plan
    ) -> None:
        occurrences = plan.schedule.occurrences()
        for venue in plan.allocation.venues:
            heard = [o for o in occurrences if o.uid == f"listening.{venue.venue}"]
            said = [o for o in occurrences if o.uid == f"contribution.{venue.venue}"]
            if heard and said:
                assert max(o.day for o in heard) < min(o.day for o in said)
            if heard and venue.active_from is not None:
                # Whole days may leave a fraction of one day's listening out.
                day_share = max(o.hours for o in heard)
                total = sum(o.hours for o in heard)
                assert venue.listening_hours - day_share <= total <= venue.listening_hours + 1e-9

    @pytest.mark.parametrize("plan", EXAMPLES, ids=em.examples())
    def test_every_taken_event_is_on_its_date_with_its_deadline(
        self, plan: em.results.Plan
    ) -> None:
        schedule = plan.schedule
        for choice in plan.allocation.events:
            uids = {item.uid for item in schedule.items}
            assert (f"event.{choice.event}" in uids) == choice.taken
            if choice.taken:
                assert schedule.item(f"event.{choice.event}").day == choice.date
                if choice.proposal_deadline is not None:
                    deadline = schedule.item(f"deadline.{choice.event}")
                    assert deadline.day == choice.proposal_deadline

    @pytest.mark.parametrize("plan", EXAMPLES, ids=em.examples())
    def test_preparation_comes_before_its_due_date(self, plan: em.results.Plan) -> None:
        for item in plan.schedule.items:
            if item.kind is em.results.ItemKind.PREPARATION:
                choice = next(c for c in plan.allocation.events if c.event == item.event)
                due = choice.proposal_deadline if item.uid.startswith("proposal") else choice.date
                assert due is not None
                assert item.day < due

    def test_preparation_takes_the_expected_hours_of_the_event(self) -> None:
        plan = EXAMPLES[em.examples().index("community")]
        preparation = sum(
            item.hours
            for item in plan.schedule.items
            if item.kind is em.results.ItemKind.PREPARATION
        )
        # Expected hours: the proposal, then preparation times the chance; attendance is the
        # event's own item, on its day.
        taken = [choice for choice in plan.allocation.events if choice.taken]
        events = {event.id: event for _, event in plan.profile.events}
        attendance = sum(
            events[c.event].acceptance_chance.mean * events[c.event].attendance_hours for c in taken
        )
        expected = sum(choice.expected_hours for choice in taken) - attendance
        # Listening an event owes its venue is placed as listening, before the proposal.
        owed = sum(choice.listening_hours for choice in taken)
        listening = sum(
            item.hours
            for item in plan.schedule.items
            if item.kind is em.results.ItemKind.LISTENING and item.event is not None
        )
        placed = preparation + listening + plan.schedule.unplaced_hours
        assert placed == pytest.approx(expected + owed)

    def test_listening_an_event_owes_its_venue_is_scheduled_before_the_proposal(self) -> None:
        owing = [
            (plan, choice)
            for plan in EXAMPLES
            for choice in plan.allocation.events
            if choice.taken and choice.listening_hours > 0
        ]
        assert owing, "an example event should owe its venue's listening"
        for plan, choice in owing:
            blocks = [
                item
                for item in plan.schedule.items
                if item.kind is em.results.ItemKind.LISTENING and item.event == choice.event
            ]
            assert choice.proposal_deadline is not None
            assert all(item.day < choice.proposal_deadline for item in blocks)
            placed = sum(item.hours for item in blocks)
            assert placed <= choice.listening_hours + 1e-9
            assert placed + plan.schedule.unplaced_hours >= choice.listening_hours - 1e-9

    def test_a_monthly_review_from_the_start(self) -> None:
        review = EXAMPLES[0].schedule.item("review")
        days = review.days()
        start = EXAMPLES[0].schedule.start
        assert days[0] == start.replace(month=start.month + 1)
        assert all(day.day == start.day for day in days)


class TestRules:
    @pytest.mark.parametrize(
        ("per_week", "rule", "occurrences"),
        [
            (0.05, "FREQ=WEEKLY;INTERVAL=20;BYDAY=TU", 0.05),
            (0.5, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", 0.5),
            (0.8, "FREQ=WEEKLY;BYDAY=TU", 1),
            (1.0, "FREQ=WEEKLY;BYDAY=TU", 1),
            (2.0, "FREQ=WEEKLY;BYDAY=TU,TH", 2),
            (3.2, "FREQ=WEEKLY;BYDAY=MO,WE,FR", 3),
            (5.0, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", 5),
            (9.0, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU", 7),
        ],
    )
    def test_contributions_per_week_become_a_rule(
        self, per_week: float, rule: str, occurrences: float
    ) -> None:
        assert derived_rule(per_week) == (rule, occurrences)

    def test_a_venues_own_rule_sets_its_days(self) -> None:
        data = profile_data()
        data["venues"][0]["rrule"] = "FREQ=MONTHLY;BYDAY=1TU"
        plan = _plan(data)
        days = plan.schedule.item("contribution.forum").days()
        assert days
        assert all(day.weekday() == 1 and day.day <= 7 for day in days)
        # The monthly block takes a week's hours; the other weeks work towards it.
        hours = plan.allocation.venue("forum").hours_per_week
        assert plan.schedule.item("contribution.forum").hours == pytest.approx(hours)
        work = plan.schedule.item("work.forum")
        assert work.hours == pytest.approx(hours)
        due_weeks = {(day - plan.schedule.start).days // 7 for day in days}
        assert not due_weeks & {(day - plan.schedule.start).days // 7 for day in work.days()}

    def test_a_rule_with_a_count_stops_after_it(self) -> None:
        data = profile_data()
        data["venues"][0]["rrule"] = "FREQ=WEEKLY;BYDAY=WE;COUNT=5"
        days = _plan(data).schedule.item("contribution.forum").days()
        assert len(days) <= 5

    def test_the_31st_is_skipped_in_shorter_months(self) -> None:
        data = profile_data()
        data["venues"][0]["rrule"] = "FREQ=MONTHLY;BYMONTHDAY=31"
        days = _plan(data).schedule.item("contribution.forum").days()
        assert days
        assert {day.day for day in days} == {31}
        assert {day.month for day in days} <= {1, 3, 5, 7, 8, 10, 12}

    def test_29_february_happens_in_leap_years_only(self) -> None:
        data = profile_data()
        data["venues"][0]["rrule"] = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"
        days = _plan(data, horizon_weeks=520).schedule.item("contribution.forum").days()
        assert days == [dt.date(2028, 2, 29), dt.date(2032, 2, 29), dt.date(2036, 2, 29)]

    def test_a_review_from_the_31st_skips_shorter_months(self) -> None:
        data = profile_data()
        data["capacity"]["start"] = "2027-01-31"
        data["capacity"]["unavailable"] = []
        days = _plan(data).schedule.item("review").days()
        assert days[:3] == [dt.date(2027, 3, 31), dt.date(2027, 5, 31), dt.date(2027, 7, 31)]


class TestTime:
    def test_blocks_keep_their_wall_clock_time_across_daylight_saving(self) -> None:
        plan = EXAMPLES[em.examples().index("executive")]  # Europe/Amsterdam
        item = plan.schedule.item("contribution.sop-list")
        assert item.time is not None
        zone = zoneinfo.ZoneInfo("Europe/Amsterdam")
        winter = plan.schedule.occurrences(dt.date(2028, 1, 3), dt.date(2028, 1, 9))
        summer = plan.schedule.occurrences(dt.date(2028, 7, 3), dt.date(2028, 7, 9))
        for occurrences, offset in ((winter, 1), (summer, 2)):
            block = next(o for o in occurrences if o.uid == item.uid)
            assert block.start is not None
            assert block.start.timetz().replace(tzinfo=None) == item.time
            assert block.start.tzinfo == zone
            assert block.start.utcoffset() == dt.timedelta(hours=offset)

    def test_a_time_in_the_spring_gap_moves_past_it(self) -> None:
        zone = zoneinfo.ZoneInfo("Europe/Berlin")
        start = local_start(dt.date(2027, 3, 28), dt.time(2, 30), zone)
        assert (start.hour, start.minute) == (3, 30)
        assert start.utcoffset() == dt.timedelta(hours=2)

    def test_a_time_in_the_autumn_fold_is_its_first_occurrence(self) -> None:
        zone = zoneinfo.ZoneInfo("Europe/Berlin")
        start = local_start(dt.date(2027, 10, 31), dt.time(2, 30), zone)
        assert (start.hour, start.minute) == (2, 30)
        assert start.utcoffset() == dt.timedelta(hours=2)

    def test_without_a_time_zone_the_schedule_is_in_utc(self) -> None:
        data = profile_data()
        del data["capacity"]["time_zone"]
        schedule = _plan(data).schedule
        assert schedule.time_zone == "UTC"
        timed = next(o for o in schedule.occurrences() if o.start is not None)
        assert timed.start is not None
        assert timed.start.utcoffset() == dt.timedelta(0)
        assert timed.start.hour == 9

    def test_every_timed_occurrence_is_time_zone_aware(self) -> None:
        for plan in EXAMPLES:
            for occurrence in plan.schedule.occurrences():
                if occurrence.start is not None:
                    assert occurrence.start.utcoffset() is not None
                    assert occurrence.end is not None
                    assert occurrence.end > occurrence.start


class TestLimits:
    def test_an_expansion_beyond_its_limit_raises_instead_of_flooding(self) -> None:
        with pytest.raises(em.EminenceError, match="shorter window"):
            EXAMPLES[0].schedule.occurrences(limit=100)

    def test_a_window_expands_only_its_days(self) -> None:
        schedule = EXAMPLES[0].schedule
        first, last = dt.date(2028, 3, 1), dt.date(2028, 3, 31)
        occurrences = schedule.occurrences(first, last)
        assert occurrences
        assert all(first <= o.day <= last for o in occurrences)
        assert occurrences == sorted(occurrences, key=lambda o: (o.day, o.start is not None))

    def test_the_schedule_ends_at_the_projection_horizon(self) -> None:
        plan = EXAMPLES[0]
        horizon = dt.timedelta(weeks=plan.projections.horizon_weeks)
        assert plan.schedule.until == plan.schedule.start + horizon - dt.timedelta(days=1)
        assert max(o.day for o in plan.schedule.occurrences()) <= plan.schedule.until

    def test_a_recurring_item_is_stored_as_a_rule_not_as_its_days(self) -> None:
        plan = EXAMPLES[em.examples().index("community")]
        forum = plan.schedule.item("contribution.forum")
        assert forum.rule is not None
        assert forum.rule.startswith("FREQ=WEEKLY;BYDAY=")
        assert len(forum.days()) > 10 * len(forum.exceptions)

    def test_an_item_rejects_a_rule_with_its_own_limit(self) -> None:
        with pytest.raises(em.InvalidInputError, match="until"):
            em.results.ScheduleItem(
                uid="x",
                kind=em.results.ItemKind.REVIEW,
                title="x",
                day=dt.date(2027, 1, 1),
                hours=0,
                rule="FREQ=DAILY;COUNT=3",
                until=dt.date(2027, 2, 1),
            )
