"""Hostile dates: daylight-saving gaps and folds in the profile's zone, leap days, the 31st,
the ends of the calendar, and dates and times where a date is expected."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from functools import partial
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.testing import Case, changed, profile_data, through_every_output


def everything(data: Any) -> object:
    return through_every_output(em.loads(data))


def starting(start: str, time_zone: str | None = "Europe/London", **more: Any) -> dict[str, Any]:
    """The small profile without deadlines or the conference, from another start."""
    data = profile_data()
    for goal in data["goals"]:
        goal.pop("deadline", None)
    data["venues"] = data["venues"][:1]
    data["capacity"] = {"hours_per_week": 3, "start": start, "time_zone": time_zone, **more}
    return data


ZONE_CHANGES = [
    ("America/New_York", "2027-03-14"),  # clocks go forward at 02:00
    ("America/New_York", "2027-11-07"),  # clocks go back: 01:00 to 02:00 happens twice
    ("Europe/London", "2027-03-28"),
    ("Australia/Lord_Howe", "2027-04-04"),  # a half-hour change
    ("Pacific/Apia", "2011-12-29"),  # the day that was skipped: 2011-12-30 never happened
    ("America/Sao_Paulo", "2018-11-04"),  # the change at midnight: 00:00 does not exist
    ("Asia/Kathmandu", "2027-01-01"),  # a 5:45 offset
]

CASES = [
    *(
        Case(f"start on a change in {zone}", partial(everything, starting(day, zone)))
        for zone, day in ZONE_CHANGES
    ),
    Case("start on a leap day", partial(everything, starting("2028-02-29"))),
    Case("start on the 31st", partial(everything, starting("2027-01-31"))),
    Case(
        "start on a leap day that does not exist",
        partial(everything, starting("2027-02-29")),
        "capacity.start: must be a real date, as YYYY-MM-DD",
    ),
    Case("start on the first day of the calendar", partial(everything, starting("0001-01-01"))),
    Case("start on the first day, in UTC", partial(everything, starting("0001-01-01", None))),
    Case("start ten years before its end", partial(everything, starting("9989-12-31"))),
    Case(
        "start less than ten years before its end",
        partial(everything, starting("9990-01-01")),
        "leaves less than ten years of calendar for the plan; start on or before 9989-12-31",
    ),
    Case(
        "an event on the last day of the calendar",
        partial(everything, changed("venues.1.events.0.date", "9999-12-31")),
    ),
    Case(
        "an event on a leap day",
        partial(everything, changed("venues.1.events.0.date", "2028-02-29")),
    ),
    Case(
        "a proposal due on the first day of the calendar",
        partial(everything, changed("venues.1.events.0.proposal_deadline", "0001-01-01")),
    ),
    Case(
        "a deadline at the end of the calendar",
        partial(everything, changed("goals.0.deadline", "9999-12-31")),
        "goals[0].deadline: 9999-12-31 is more than ten years after the start",
    ),
    Case(
        "a year 10000",
        partial(everything, changed("goals.0.deadline", "10000-01-01")),
        "goals[0].deadline: must be",
    ),
    Case(
        "a date as a number",
        partial(everything, changed("capacity.start", 20270104)),
        "capacity.start: must be a date as YYYY-MM-DD, not the number 20270104",
    ),
    Case(
        "a naive date and time",
        partial(everything, changed("capacity.start", "2027-01-04T09:30:00")),
        "capacity.start: is a date and time; give the date alone",
    ),
    Case(
        "an aware date and time",
        partial(everything, changed("capacity.start", dt.datetime(2027, 1, 4, 9, tzinfo=dt.UTC))),
        "capacity.start: is a date and time; give the date alone",
    ),
    Case(
        "naive and aware mixed",
        partial(
            everything,
            changed(
                "goals.0.deadline",
                "2027-12-31T00:00:00+05:00",
                changed("capacity.start", "2027-01-04T00:00:00"),
            ),
        ),
        # Text with a time is a date and time, even at midnight (+05:00 is the day before in
        # most of the world); the published schema's "date" format refuses it too.
        "goals[0].deadline: is a date and time; give the date alone",
    ),
    Case(
        "an unavailable period that ends before it starts",
        partial(everything, changed("capacity.unavailable.0.end", "2027-08-01")),
        "end 2027-08-01 is before start 2027-08-02; swap them",
    ),
    Case(
        "ten years unavailable",
        partial(
            everything,
            changed("capacity.unavailable", [{"start": "2027-01-01", "end": "2037-12-31"}]),
        ),
    ),
    Case(
        "a time zone that is a path",
        partial(everything, changed("capacity.time_zone", "../../../etc/localtime")),
        "capacity.time_zone: '../../../etc/localtime' is not an IANA time zone",
    ),
    Case(
        "a time zone with a NUL",
        partial(everything, changed("capacity.time_zone", "Europe/\x00London")),
        "is not an IANA time zone",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_ends_in_a_result_or_a_clear_error(case: Case) -> None:
    case.check()


@pytest.mark.parametrize(("zone", "day"), ZONE_CHANGES)
def test_occurrences_around_a_change_are_aware_and_in_order(zone: str, day: str) -> None:
    plan = em.plan(em.loads(starting(day, zone)), trials=50)
    found = plan.schedule.occurrences(last=plan.schedule.start + dt.timedelta(days=60))
    starts = [o.start for o in found if o.start is not None]
    assert starts, "no timed block in two months"
    assert all(start.tzinfo is not None for start in starts)
    assert all(o.end is not None and o.start < o.end for o in found if o.start is not None)
    assert all(a.day <= b.day for a, b in itertools.pairwise(found))


EXTREME_ZONES = [
    "Etc/GMT-14",
    "Pacific/Kiritimati",
    "Asia/Tokyo",
    "Pacific/Pago_Pago",
    "Etc/GMT+12",
]
CALENDAR_ENDS = ["0001-01-01", "9989-12-31"]


class TestTheEndsOfTheCalendarInAnyZone:
    """A plan at either end of the calendar, in a zone far east or west of UTC, where its
    times in UTC fall outside the years Python can hold: it schedules, exports and renders."""

    @pytest.mark.parametrize("start", CALENDAR_ENDS)
    @pytest.mark.parametrize("zone", EXTREME_ZONES)
    def test_the_extremes(self, start: str, zone: str) -> None:
        Case(f"{start} in {zone}", partial(everything, starting(start, zone))).check()

    @settings(max_examples=20, deadline=None)
    @given(st.sampled_from(CALENDAR_ENDS), st.sampled_from(sorted(zoneinfo.available_timezones())))
    def test_any_zone(self, start: str, zone: str) -> None:
        Case(f"{start} in {zone}", partial(everything, starting(start, zone))).check()
