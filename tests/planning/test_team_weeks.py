"""Who does what, week by week: read from the experts' own schedules, nothing lost or added."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence import io
from eminence.errors import InvalidArgumentError
from eminence.planning.results import ItemKind

STUDIO_PLAN = em.plan_team(io.example_team("studio"), trials=100)
START = STUDIO_PLAN.experts[0].plan.schedule.start
SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def _week_of(day: dt.date) -> dt.date:
    return START + dt.timedelta(weeks=(day - START).days // 7)


class TestWeeksFromSchedules:
    @SETTINGS
    @given(offset=st.integers(0, 100), count=st.integers(1, 4))
    def test_each_experts_hours_are_their_schedules_hours_that_week(
        self, offset: int, count: int
    ) -> None:
        first = START + dt.timedelta(days=7 * offset)
        weeks = STUDIO_PLAN.weeks(count, first=first)
        assert [week.start for week in weeks.weeks] == [
            first + dt.timedelta(weeks=k) for k in range(count)
        ]
        for week in weeks.weeks:
            assert [e.expert for e in week.experts] == [e.expert for e in STUDIO_PLAN.experts]
            for shown in week.experts:
                schedule = STUDIO_PLAN.expert(shown.expert).schedule
                occurrences = schedule.occurrences(week.start, week.start + dt.timedelta(days=6))
                assert shown.hours == pytest.approx(sum(o.hours for o in occurrences), abs=0.01)
                assert sum(w.hours for w in shown.work) == pytest.approx(shown.hours, abs=0.03)

    def test_every_taken_event_and_its_proposal_deadline_shows_in_its_week(self) -> None:
        weeks = STUDIO_PLAN.weeks(104)
        shown = {
            (week.start, expert.expert, work.kind, work.event)
            for week in weeks.weeks
            for expert in week.experts
            for work in expert.work
        }
        taken = [
            (planned.expert, event)
            for planned in STUDIO_PLAN.experts
            for event in planned.plan.allocation.events
            if event.taken
        ]
        assert taken
        for expert, event in taken:
            assert (_week_of(event.date), expert, ItemKind.EVENT, event.event) in shown
            assert event.proposal_deadline is not None
            due = _week_of(event.proposal_deadline)
            assert (due, expert, ItemKind.PROPOSAL_DEADLINE, event.event) in shown

    def test_shows_itself_with_names_in_text_and_html(self) -> None:
        weeks = STUDIO_PLAN.weeks(2)
        text, html = str(weeks), weeks._repr_html_()
        assert html is not None
        for expert in ("amira", "ben", "chloe"):
            assert expert in text
            assert expert in html
        assert "The Northlight newsletter" in text
        assert "<table" in html
        assert "Week by week" in str(STUDIO_PLAN)


class TestBadWeeks:
    @pytest.mark.parametrize("count", [0, -1, 105, 2.0, "4", True])
    def test_a_count_that_is_not_1_to_104_weeks_is_refused(self, count: object) -> None:
        with pytest.raises(InvalidArgumentError, match="count must be from 1 to 104"):
            STUDIO_PLAN.weeks(count)  # type: ignore[arg-type]

    @pytest.mark.parametrize("first", ["2027-01-04", dt.datetime(2027, 1, 4), 3])
    def test_a_first_day_that_is_not_a_date_is_refused(self, first: object) -> None:
        with pytest.raises(InvalidArgumentError, match="first"):
            STUDIO_PLAN.weeks(2, first=first)  # type: ignore[arg-type]
