"""Hostile numbers: NaN, infinities as numbers and as text, huge integers, zero and negative
hours, more hours than a week has. Each ends in a result or an error naming field and fix."""

from __future__ import annotations

import json
import math
import os
from functools import partial

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.testing import Case, changed, check_total, profile_data, through_every_output


def everything(data: object) -> object:
    return through_every_output(em.loads(data))  # type: ignore[arg-type]


def hours(value: object) -> dict[str, object]:
    return changed("capacity.hours_per_week", value)


def json_with_hours(literal: str) -> str:
    return json.dumps(profile_data()).replace('"hours_per_week": 3', f'"hours_per_week": {literal}')


FINITE = "capacity.hours_per_week: must be a finite number, not NaN or infinity"

CASES = [
    Case("hours NaN", lambda: everything(hours(math.nan)), FINITE),
    Case("hours inf", lambda: everything(hours(math.inf)), FINITE),
    Case("hours -inf", lambda: everything(hours(-math.inf)), FINITE),
    *(
        Case(f"hours {text!r}", partial(everything, hours(text)), FINITE)
        for text in ("nan", "NaN", "inf", "-inf", "Infinity", "-Infinity")
    ),
    *(
        Case(
            f"JSON literal {literal}",
            partial(everything, json_with_hours(literal)),
            FINITE,
        )
        for literal in ("NaN", "Infinity", "-Infinity", "1e400")
    ),
    Case(
        "hours 10**400 as a number",
        lambda: everything(hours(10**400)),
        "capacity.hours_per_week: is too large to be a number here",
    ),
    Case(
        "hours 10**400 in JSON",
        lambda: everything(json_with_hours("1" + "0" * 400)),
        "capacity.hours_per_week: is too large to be a number here",
    ),
    Case(
        "segment size 10**400",
        lambda: everything(changed("segments.0.size", 10**400)),
        "segments[0].size: must be at most 10,000,000,000",
    ),
    Case("zero hours", lambda: everything(hours(0)), "hours_per_week: must be at least 0.01"),
    Case("negative hours", lambda: everything(hours(-3)), "hours_per_week: must be at least 0.01"),
    Case(
        "the smallest float of hours",
        lambda: everything(hours(5e-324)),
        "hours_per_week: must be at least 0.01",
    ),
    Case("0.01 hours a week", lambda: everything(hours(0.01))),
    Case("168 hours a week", lambda: everything(hours(168))),
    Case("169 hours a week", lambda: everything(hours(169)), "hours_per_week: must be at most 168"),
    Case(
        "negative effort, given as one number",
        lambda: everything(changed("venues.0.effort_hours", -1)),
        "venues[0].effort_hours: must be from 0 to 10^12 (got -1)",
    ),
    Case(
        "NaN effort, given as one number",
        lambda: everything(changed("venues.0.effort_hours", math.nan)),
        "venues[0].effort_hours: must be a finite number",
    ),
    Case(
        "an estimate in words",
        lambda: everything(changed("venues.0.effort_hours", "three")),
        "venues[0].effort_hours: must be a number, or a mapping of low, likely and high",
    ),
    Case(
        "NaN inside an estimate",
        lambda: everything(
            changed("venues.0.yields.replies", {"low": 0, "likely": "nan", "high": 1})
        ),
        "venues[0].yields.replies.likely: must be a finite number",
    ),
    Case(
        "negative share",
        lambda: everything(changed("venues.0.audience.cio", -0.5)),
        "venues[0].audience.cio: must be at least 0",
    ),
    Case(
        "minimum hours of a venue above a week",
        lambda: everything(changed("venues.0.min_hours_per_week", 169)),
        "venues[0].min_hours_per_week: must be at most 168",
    ),
    Case("the largest estimates", lambda: everything(changed("venues.0.yields.replies", 1e12))),
    Case("the largest target", lambda: everything(changed("goals.1.target", 1e12))),
    Case("the smallest target", lambda: everything(changed("goals.1.target", 1e-3))),
    Case(
        "a year of listening first", lambda: everything(changed("venues.0.listening_hours", 10_000))
    ),
    Case("the slowest cadence", lambda: everything(changed("venues.0.cadence", 1e-3))),
    Case("the most effort", lambda: everything(changed("venues.0.effort_hours", 1e12))),
    Case(
        "a number of hours that is true",
        lambda: everything(hours(True)),
        "capacity.hours_per_week: must be a number, not true",
    ),
    # A churn too small to change what a week keeps once divided the stock's blocks by zero.
    *(
        Case(
            f"a churn of {churn:g}", partial(everything, changed("metrics.0.churn_per_week", churn))
        )
        for churn in (1e-17, 1e-300, 0.999999)
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_ends_in_a_result_or_a_clear_error(case: Case) -> None:
    case.check()


class TestPlanningOptions:
    """Seeds, trials and horizons are numbers from callers, and are checked like the file."""

    @pytest.mark.parametrize(
        ("options", "error"),
        [
            ({"seed": -1}, "seed must be a whole number from 0 up"),
            ({"trials": 0}, "trials must be from 1 to 1,000,000"),
            ({"trials": 1_000_001}, "trials must be from 1 to 1,000,000"),
            ({"horizon_weeks": 0}, "horizon_weeks must be from 1 to 520"),
            ({"horizon_weeks": 521}, "horizon_weeks must be from 1 to 520"),
            ({"trials": 2.5}, "trials must be from 1"),
            ({"seed": True}, "seed must be a whole number"),
        ],
    )
    def test_bad_options(self, options: dict[str, object], error: str) -> None:
        profile = em.loads(profile_data())
        Case("plan", lambda: em.plan(profile, **options), error).check()  # type: ignore[arg-type]

    def test_a_huge_seed_is_a_seed(self) -> None:
        profile = em.loads(profile_data())
        Case("seed 10**30", lambda: em.plan(profile, seed=10**30, trials=50)).check()

    @pytest.mark.parametrize("level", [math.nan, math.inf, -1.0, 0.0, 169.0, 5e-324])
    def test_sensitivity_refuses_a_bad_level(self, level: float) -> None:
        profile = em.loads(profile_data())
        outcome = check = Case(
            "sensitivity",
            lambda: em.sensitivity(profile, [2.0, level], trials=50),
            "hours per week must be from 0.01 to 168",
        )
        assert check.check().error is not None, outcome

    @pytest.mark.parametrize("confidence", [math.nan, -0.1, 0.0, 1.0, 1.5])
    def test_required_hours_refuses_a_bad_confidence(self, confidence: float) -> None:
        profile = em.loads(profile_data())
        Case(
            "required_hours",
            lambda: em.required_hours(profile, "inbound", confidence=confidence, trials=50),
            "confidence",
        ).check()


CI = os.environ.get("HYPOTHESIS_PROFILE") == "ci"
NUMBER_FIELDS = [
    "capacity.hours_per_week",
    "capacity.hourly_rate",
    "segments.0.size",
    "segments.0.needs.risk",
    "expertise.0.depth",
    "metrics.0.churn_per_week",
    "venues.0.audience.cio",
    "venues.0.effort_hours",
    "venues.0.yields.replies",
    "venues.0.yields.requests",
    "venues.0.cadence",
    "venues.0.listening_hours",
    "venues.1.events.0.preparation_hours",
    "venues.1.events.0.attendance_hours",
    "venues.1.events.0.acceptance_chance",
    "venues.1.events.0.fee",
    "venues.1.events.0.yields.requests",
    "goals.0.target",
    "goals.1.priority",
    "peers.0.cadence.forum",
]
"""Every kind of number in the small profile: hours, sizes, shares, estimates, chances, money."""

EDGES = st.sampled_from(
    [5e-324, 2.2250738585072014e-308, 1e-300, 1e-12, -0.0, 1e12, 1.7976931348623157e308]
)


@settings(max_examples=100 if CI else 25, deadline=None)
@given(st.sampled_from(NUMBER_FIELDS), EDGES | st.floats(allow_nan=False, allow_infinity=False))
@example("metrics.0.churn_per_week", 5e-324)  # the span of a churn this small overflowed
def test_any_finite_number_in_any_field_ends_well(field: str, value: float) -> None:
    """A result with every number finite, or one clear error naming the field (or the
    record whose rule it breaks, as shares that sum past one)."""
    outcome = check_total(
        lambda: through_every_output(em.loads(changed(field, value)), trials=20), within=20
    )
    if outcome.error is not None:
        assert isinstance(outcome.error, em.InvalidInputError), outcome.error
        *record, _ = field.split(".")
        place = ".".join(record).replace(".0", "[0]").replace(".1", "[1]")
        assert place in str(outcome.error)
