"""Wrong Python types at the public entry points end in an `InvalidArgumentError` naming the
argument and quoting the value as given, never a bare TypeError from deep inside (issue 16)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em

PROFILE = em.example("consultant")
GOAL = PROFILE.goals[0].id
PLAN = em.plan(PROFILE, trials=20)
LOG = em.example_progress("consultant")
TODAY = dt.date(2027, 4, 25)
MIDNIGHT = dt.datetime(2027, 4, 25)

# entry point: a call taking the one argument under test
CALLS: dict[str, tuple[str, Callable[[Any], object]]] = {
    "plan profile": ("profile", lambda v: em.plan(v, trials=20)),
    "plan seed": ("seed", lambda v: em.plan(PROFILE, seed=v, trials=20)),
    "plan trials": ("trials", lambda v: em.plan(PROFILE, trials=v)),
    "plan horizon_weeks": ("horizon_weeks", lambda v: em.plan(PROFILE, trials=20, horizon_weeks=v)),
    "Planner hours": ("hours_per_week", lambda v: em.Planner(PROFILE, trials=20).plan(v)),
    "sensitivity hours": ("hours", lambda v: em.sensitivity(PROFILE, v, trials=20)),
    "required_hours goal": ("goal", lambda v: em.required_hours(PROFILE, v, trials=20)),
    "required_hours by": ("by", lambda v: em.required_hours(PROFILE, GOAL, by=v, trials=20)),
    "required_hours confidence": (
        "confidence",
        lambda v: em.required_hours(PROFILE, GOAL, by=TODAY, confidence=v, trials=20),
    ),
    "reforecast today": ("today", lambda v: em.reforecast(PROFILE, LOG, today=v, trials=20)),
    "reforecast log": ("log", lambda v: em.reforecast(PROFILE, v, today=TODAY, trials=20)),
    "reforecast window_weeks": (
        "window_weeks",
        lambda v: em.reforecast(PROFILE, LOG, today=TODAY, trials=20, window_weeks=v),
    ),
    "listen log": ("log", lambda v: em.listen(PROFILE, v)),
    "listen today": ("today", lambda v: em.listen(PROFILE, em.model.ListeningLog(), today=v)),
    "listen seed": ("seed", lambda v: em.listen(PROFILE, em.model.ListeningLog(), seed=v)),
    "compare plans": ("plans[0]", lambda v: em.compare(v)),
    "compare labels": ("labels", lambda v: em.compare(PLAN, labels=v)),
    "load path": ("path", lambda v: em.load(v)),
    "loads document": ("document", lambda v: em.loads(v)),
    "Limits max_bytes": ("max_bytes", lambda v: em.Limits(max_bytes=v)),
}

BAD: list[tuple[str, object]] = [
    ("plan profile", {"name": "x"}),
    ("plan profile", "me.yaml"),
    ("plan seed", True),
    ("plan seed", 1.5),
    ("plan seed", -1),
    ("plan trials", 20.0),
    ("plan trials", "20"),
    ("plan horizon_weeks", np.float64(52)),
    ("Planner hours", True),
    ("Planner hours", "3"),
    ("Planner hours", float("nan")),
    ("sensitivity hours", 3),
    ("sensitivity hours", "34"),
    ("sensitivity hours", [True]),
    ("sensitivity hours", [None]),
    ("required_hours goal", 1),
    ("required_hours by", MIDNIGHT),
    ("required_hours by", "2028-01-01"),
    ("required_hours confidence", "0.8"),
    ("required_hours confidence", True),
    ("required_hours confidence", np.float64(1.5)),
    ("reforecast today", MIDNIGHT),
    ("reforecast today", "2027-04-25"),
    ("reforecast log", []),
    ("reforecast window_weeks", 2.0),
    ("listen log", []),
    ("listen today", MIDNIGHT),
    ("listen today", "2027-01-01"),
    ("listen seed", -1),
    ("listen seed", 1.5),
    ("compare plans", "a"),
    ("compare labels", "a"),
    ("compare labels", [1]),
    ("load path", 42),
    ("load path", "name: x\n"),
    ("loads document", 42),
    ("Limits max_bytes", 10.0),
    ("Limits max_bytes", True),
]


@pytest.mark.parametrize(("entry", "value"), BAD, ids=[f"{e}={v!r:.30}" for e, v in BAD])
def test_a_wrong_argument_is_named_with_the_value_as_given(entry: str, value: object) -> None:
    argument, call = CALLS[entry]
    with pytest.raises(em.InvalidArgumentError) as raised:
        call(value)
    assert raised.value.argument.split("[")[0] == argument.split("[")[0]
    # A list's bad item is quoted, at its index.
    shown = repr(value[0] if isinstance(value, list) and value else value)
    if len(shown) <= 40 and not isinstance(value, str | dict):
        assert shown in str(raised.value)


@pytest.mark.parametrize(
    ("entry", "value"),
    [
        ("plan seed", np.int64(3)),
        ("plan trials", np.int32(20)),
        ("Planner hours", np.float64(3.0)),
        ("sensitivity hours", np.array([2.0, 4.0])),
        ("Limits max_bytes", np.int64(10)),
    ],
)
def test_numbers_that_are_exactly_numbers_are_accepted(entry: str, value: object) -> None:
    CALLS[entry][1](value)


WRONG = st.one_of(
    st.booleans(),
    st.text(max_size=10),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.datetimes(),
    st.floats(allow_nan=True).filter(lambda f: not f.is_integer()),
    st.builds(object),
)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # load(mapping) forwards to loads
@settings(max_examples=150, deadline=None)
@given(entry=st.sampled_from(sorted(CALLS)), value=WRONG)
def test_any_wrong_typed_value_ends_in_an_eminence_error(entry: str, value: object) -> None:
    _, call = CALLS[entry]
    with contextlib.suppress(em.EminenceError):
        call(value)


class TestDatesInProfiles:
    @pytest.mark.parametrize(
        "start",
        [MIDNIGHT, "2027-01-01T00:00:00+14:00", "2027-01-01T00:00:00", "2027-01-01 00:00"],
    )
    def test_a_date_and_time_is_not_a_date(self, start: object) -> None:
        with pytest.raises(
            em.InvalidInputError, match="start: is a date and time; give the date alone"
        ):
            PROFILE.capacity.replace(start=start)


class TestNumbersAsGiven:
    def test_shares_just_over_one_are_quoted_in_full(self) -> None:
        venue = next(v for v in PROFILE.venues if len(v.audience) > 1)
        audience = dict.fromkeys(venue.audience, 0.0)
        first, second = list(audience)[:2]
        audience[first], audience[second] = 0.5, 0.5004
        with pytest.raises(em.InvalidInputError, match=r"sum to 1\.0004, more than 1"):
            venue.replace(audience=audience)
