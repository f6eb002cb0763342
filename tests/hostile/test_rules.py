"""Hostile recurrence rules: zero and negative intervals, impossible combinations, rules
whose days are all unavailable, enormous counts, anchors far away. Each is refused at once, in
plain words; a rule counted from before the start whose days are past has ended, which is no
error."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

import eminence as em
from eminence.testing import Case, changed, through_every_output


def everything(data: Any) -> object:
    return through_every_output(em.loads(data))


def ruled(rule: str, **capacity: Any) -> dict[str, Any]:
    data = changed("venues.0.rrule", rule)
    data["capacity"].update(capacity)
    return data


def anchored(rule: str | None, start: str) -> dict[str, Any]:
    data = changed("venues.0.rrule_start", start)
    if rule is not None:
        data["venues"][0]["rrule"] = rule
    return data


def ended(data: Any) -> object:
    profile = em.loads(data)
    plan = em.plan(profile, trials=20)
    assert plan.allocation.venue("forum").bound is em.results.Bound.ENDED
    assert any(note.kind is em.results.NoteKind.ENDED_RULE for note in plan.notes)
    return through_every_output(profile)


ANCHORS = [
    (
        "an rrule_start without a rule",
        anchored(None, "2027-01-04"),
        "venues[0].rrule_start: is the day an rrule counts from, and there is no rrule",
    ),
    (
        "an rrule_start centuries back",
        anchored("FREQ=DAILY", "0001-01-01"),
        "venues[0].rrule_start: 0001-01-01 is more than 5,200 weeks (ten horizons) before",
    ),
    (
        "an rrule_start beyond the plan",
        anchored("FREQ=DAILY", "2037-01-01"),
        "venues[0].rrule_start: 2037-01-01 is beyond the plan's ten years",
    ),
    (
        "an UNTIL before the rrule_start",
        anchored("FREQ=DAILY;UNTIL=20250101", "2026-01-01"),
        "its UNTIL (2025-01-01) is before its rrule_start (2026-01-01)",
    ),
    (
        "an anchored rule that never occurs",
        anchored("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", "2025-01-01"),
        "it has no day from 2025-01-01 to 2036-12-22",
    ),
]

REFUSED = [
    ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL=0 must be from 1 to 520"),
    ("FREQ=WEEKLY;INTERVAL=-1", "INTERVAL=-1 must be from 1 to 520"),
    ("FREQ=WEEKLY;INTERVAL=" + "9" * 40, "must be from 1 to 520"),
    ("FREQ=DAILY;COUNT=99999999999999999999", "must be from 1 to 3,650"),
    ("FREQ=DAILY;COUNT=0", "COUNT=0 must be from 1 to 3,650"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", "exclude every day"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "exclude every day"),
    ("FREQ=DAILY;BYMONTH=4,6,9,11;BYMONTHDAY=31", "exclude every day"),
    ("FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;BYSETPOS=5", "exclude every day"),
    ("FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6", "exclude every day"),
    ("FREQ=YEARLY;BYMONTH=13", "BYMONTH=13 must be from 1 to 12"),
    ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0 names no day"),
    ("FREQ=DAILY;BYMONTHDAY=-32", "BYMONTHDAY=-32 must be from -31 to 31"),
    ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=400", "BYSETPOS=400 must be from -366 to 366"),
    ("FREQ=HOURLY", "FREQ=HOURLY is not one of DAILY, WEEKLY, MONTHLY, YEARLY"),
    ("FREQ=DAILY;BYHOUR=9", "BYHOUR sets a time of day"),
    ("FREQ=WEEKLY;BYDAY=XX", "dateutil cannot read it"),
    ("FREQ=WEEKLY\nBYDAY=MO", "is not one of DAILY"),
    ("", "'' is not NAME=VALUE"),
    ("FREQ=WEEKLY;COUNT=3;UNTIL=20271231", "COUNT and UNTIL are both given"),
    ("FREQ=WEEKLY;UNTIL=20261231", "is before the plan starts"),
    ("FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=10;COUNT=1", "outside the unavailable periods"),
    # Counted from 2027 every fourth year is 2031, 2035: never a leap year.
    ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", "it has no day from 2027-01-04"),
    ("FREQ=DAILY;INTERVAL=7;BYDAY=TU", "it has no day from 2027-01-04"),
]

ACCEPTED = [
    "FREQ=MONTHLY;BYMONTHDAY=31",  # months without a 31st are skipped
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=MONTHLY;BYDAY=5MO",
    "FREQ=DAILY;COUNT=3650",
    "FREQ=DAILY;COUNT=1",
    "FREQ=DAILY",
    "FREQ=WEEKLY;INTERVAL=520",
    "FREQ=YEARLY;BYWEEKNO=53",
]

CASES = [
    *(Case(f"rule {rule!r}", partial(everything, ruled(rule)), error) for rule, error in REFUSED),
    *(Case(f"rule {rule!r}", partial(everything, ruled(rule))) for rule in ACCEPTED),
    Case(
        "a rule whose every day is unavailable",
        partial(
            everything,
            ruled(
                "FREQ=WEEKLY;BYDAY=SA",
                unavailable=[{"start": "2027-01-01", "end": "2037-01-01"}],
            ),
        ),
        "venues[0].rrule: it has no day from 2027-01-04 to 2036-12-22 outside the unavailable",
    ),
    *(Case(name, partial(everything, data), error) for name, data, error in ANCHORS),
    Case(
        "a rule whose UNTIL passed before the start, counted from before it",
        partial(ended, anchored("FREQ=WEEKLY;BYDAY=WE;UNTIL=20261231", "2026-01-01")),
    ),
    Case(
        "a rule whose COUNT ran out before the start",
        partial(ended, anchored("FREQ=DAILY;COUNT=3650", "2016-12-01")),
    ),
    Case(
        "a rule counted from after the start",
        partial(everything, anchored("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=3", "2030-06-01")),
    ),
    Case(
        "a rule of 501 characters",
        partial(everything, ruled("FREQ=DAILY;" + "BYDAY=MO;" * 55)),
        "venues[0].rrule: is longer than 500 characters",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_ends_in_a_result_or_a_clear_error(case: Case) -> None:
    case.check()


@pytest.mark.parametrize(("rule", "error"), REFUSED)
def test_the_message_names_the_rule_and_the_fix(rule: str, error: str) -> None:
    with pytest.raises(em.InvalidInputError) as caught:
        em.loads(ruled(rule))
    assert error in str(caught.value)
