"""A rule's days from a window far from its anchor: the very days dateutil counts from the
anchor, found in time that grows with the window, not with the days since the anchor."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator

import pytest
from dateutil.rrule import rrule, rrulestr
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.model.recurrence import MAX_ANCHOR_WEEKS, Rule, parse_rule
from eminence.testing import random_profile_data

START = dt.date(2027, 1, 4)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
MONTH_DAYS = (1, 2, 15, 28, 29, 30, 31, -1, -2)
PLAN_DAYS = 520 * 7 + 7
"""A plan's ten years of days, and a week."""


def _shifted(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years)


def _expanded(rule: Rule, anchor: dt.date, first_day: dt.date, last_day: dt.date) -> list[dt.date]:
    """dateutil's own expansion from the anchor, every day of it, filtered to the window.

    Anchor and window move by whole 400-year cycles (the Gregorian calendar repeats, weekdays
    and leap years included) to just before 9999, so that dateutil's search for a day that
    never comes ends."""
    shift = 400 * ((dt.MAXYEAR - max(anchor.year, last_day.year)) // 400)
    full = rrulestr(rule.body, dtstart=dt.datetime.combine(_shifted(anchor, shift), dt.time()))
    assert isinstance(full, rrule)
    end = last_day if rule.until is None else min(last_day, rule.until)
    if rule.count is None:
        if end < anchor:
            return []
        full = full.replace(until=dt.datetime.combine(_shifted(end, shift), dt.time()))
    else:
        full = full.replace(count=rule.count)
    days = [_shifted(moment.date(), -shift) for moment in full]
    return [day for day in days if first_day <= day <= end]


@st.composite
def _rules(draw: st.DrawFn) -> str:
    frequency = draw(st.sampled_from(FREQUENCIES))
    parts = [f"FREQ={frequency}"]
    interval = draw(st.integers(1, 5))
    if interval > 1 or draw(st.booleans()):
        parts.append(f"INTERVAL={interval}")
    if draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True))
        if frequency in {"MONTHLY", "YEARLY"} and draw(st.booleans()):
            days = [f"{draw(st.sampled_from((1, 2, -1)))}{day}" for day in days]
        parts.append("BYDAY=" + ",".join(days))
    if frequency != "WEEKLY" and draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(MONTH_DAYS), min_size=1, max_size=3, unique=True))
        parts.append("BYMONTHDAY=" + ",".join(map(str, days)))
    if draw(st.booleans()):
        months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True))
        parts.append("BYMONTH=" + ",".join(map(str, months)))
    if draw(st.booleans()):
        parts.append(f"WKST={draw(st.sampled_from(WEEKDAYS))}")
    limit = draw(st.sampled_from(("none", "until", "count")))
    if limit == "until":
        until = START + dt.timedelta(days=draw(st.integers(-MAX_ANCHOR_WEEKS * 7, 3 * 365)))
        parts.append(f"UNTIL={until:%Y%m%d}")
    elif limit == "count":
        parts.append(f"COUNT={draw(st.integers(1, 60))}")
    return ";".join(draw(st.permutations(parts)))


class TestSkippedDays:
    @settings(max_examples=150, deadline=None)
    @given(
        text=_rules(),
        weeks_back=st.integers(0, MAX_ANCHOR_WEEKS),
        days_back=st.integers(-6, 6),
        first=st.integers(-400, 400),
        length=st.integers(0, 2 * 366),
    )
    @example(f"FREQ=DAILY;UNTIL={START - dt.timedelta(days=1):%Y%m%d}", MAX_ANCHOR_WEEKS, 0, 0, 730)
    @example("FREQ=DAILY", MAX_ANCHOR_WEEKS, 0, 0, 730)
    @example("FREQ=WEEKLY;INTERVAL=3", MAX_ANCHOR_WEEKS, 3, 1, 40)
    @example("FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SU,MO", 100, 2, 3, 60)
    @example("FREQ=MONTHLY;INTERVAL=5", 300, -2, 0, 700)
    @example("FREQ=MONTHLY;BYMONTH=2,3", 300, 0, 30, 700)
    @example("FREQ=YEARLY;INTERVAL=4", 3000, 0, 0, 730)
    @example("FREQ=YEARLY;BYMONTH=3", 3000, 0, 0, 730)
    def test_are_dateutils_days_from_the_anchor_within_the_window(
        self, text: str, weeks_back: int, days_back: int, first: int, length: int
    ) -> None:
        try:
            rule = parse_rule(text)
        except ValueError:  # a rule whose parts exclude every day is refused
            assume(False)
            raise
        first_day = START + dt.timedelta(days=first)
        last_day = first_day + dt.timedelta(days=length)
        anchor = first_day - dt.timedelta(weeks=weeks_back, days=days_back)
        wanted = _expanded(rule, anchor, first_day, last_day)
        assert list(rule.days(first_day, last_day, anchor)) == wanted

    @pytest.mark.parametrize(
        "text",
        [
            "FREQ=WEEKLY",
            "FREQ=WEEKLY;INTERVAL=2;WKST=SU",
            "FREQ=MONTHLY;INTERVAL=5",
            "FREQ=MONTHLY;BYMONTH=1,7",
            "FREQ=YEARLY;INTERVAL=4",
            "FREQ=YEARLY;BYMONTH=9",
        ],
    )
    @pytest.mark.parametrize(
        "anchor", [dt.date(1931, 1, 31), dt.date(1932, 2, 29), dt.date(1950, 8, 30)]
    )
    def test_keep_the_days_a_rule_takes_from_its_anchor(self, text: str, anchor: dt.date) -> None:
        """The weekday, the day of the month and the month the rule leaves to its anchor."""
        rule = parse_rule(text)
        first_day, last_day = START, START + dt.timedelta(weeks=520)
        assert list(rule.days(first_day, last_day, anchor)) == _expanded(
            rule, anchor, first_day, last_day
        )


class _Counted:
    """Counts the walks of dateutil's rules and the dates each yields."""

    def __init__(self) -> None:
        self.walks: list[int] = []

    def wrap(self, walk: Callable[[rrule], Iterator[dt.datetime]]) -> object:
        def counted(rule: rrule) -> Iterator[dt.datetime]:
            self.walks.append(0)
            index = len(self.walks) - 1
            for moment in walk(rule):
                self.walks[index] += 1
                yield moment

        return counted


def _old_anchor_daily(venues: int) -> dict[str, object]:
    """The repro's F4: venues on a daily rule anchored 5,200 weeks before the start."""
    data = random_profile_data(1, venues=venues, events=0)
    data["capacity"]["hours_per_week"] = 168.0
    for venue in data["venues"]:
        venue["rrule"] = "FREQ=DAILY"
        venue["rrule_start"] = (START - dt.timedelta(weeks=MAX_ANCHOR_WEEKS)).isoformat()
        venue["audience"] = {"s0": 0.3, "s1": 0.3, "s2": 0.3}
        venue["yields"] = {"m-engaged": 1.0, "m-requests": 0.1}
    data["capacity"]["start"] = START.isoformat()
    return data


class TestBoundedExpansion:
    def test_an_anchor_far_back_expands_no_day_before_the_start(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """300 venues anchored 5,200 weeks back (F4), planned and scheduled: no walk of a rule
        yields more days than the plan holds, and a venue takes a few, however far back the
        anchor."""
        counted = _Counted()
        monkeypatch.setattr(rrule, "_iter", counted.wrap(rrule._iter))  # type: ignore[attr-defined]
        profile = em.model.Profile.model_validate(_old_anchor_daily(300))
        plan = em.plan(profile, trials=10)
        assert plan.schedule.items
        # From the anchor, every walk for the plan would yield 36,400 days before its start.
        assert max(counted.walks) <= PLAN_DAYS
        assert sum(counted.walks) <= 300 * 4 * PLAN_DAYS

    def test_an_until_before_the_window_walks_nothing(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        rule = parse_rule(f"FREQ=DAILY;UNTIL={START - dt.timedelta(days=1):%Y%m%d}")
        counted = _Counted()
        monkeypatch.setattr(rrule, "_iter", counted.wrap(rrule._iter))  # type: ignore[attr-defined]
        anchor = START - dt.timedelta(weeks=MAX_ANCHOR_WEEKS)
        assert list(rule.days(START, START + dt.timedelta(weeks=520), anchor)) == []
        assert counted.walks == []


def test_the_window_is_walked_in_order() -> None:
    """Days come out ascending and once, from the first asked for: a Monday 5,200 weeks (an
    even number) before a Monday start keeps the fortnightly rule's phase."""
    rule = parse_rule("FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=2")
    anchor = START - dt.timedelta(weeks=MAX_ANCHOR_WEEKS)
    days = list(rule.days(START, START + dt.timedelta(weeks=10), anchor))
    assert days[0] == START
    assert len(days) == 11
    gaps = [later - earlier for earlier, later in itertools.pairwise(days)]
    assert gaps == [dt.timedelta(days=3), dt.timedelta(days=11)] * 5
