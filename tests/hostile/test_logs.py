"""Hostile progress and listening logs, and re-forecasts from them: bad cells, dates at the
ends of the calendar, huge counts, too many rows."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import pytest

import eminence as em
from eminence.testing import Case

PROFILE = em.example("consultant")
SAMPLE = em.example_progress("consultant")
TODAY = dt.date(2027, 6, 1)


def rows(*entries: dict[str, Any]) -> em.ProgressLog:
    return em.load_progress(list(entries))


def tracked(log: em.ProgressLog, today: dt.date = TODAY) -> object:
    result = em.reforecast(PROFILE, log, today=today, trials=200)
    return result, str(result), result._repr_html_(), result.model_dump_json()


def entry(**cells: Any) -> dict[str, Any]:
    return {"date": "2027-02-01", "venue": "linkedin", "hours": 1, **cells}


CASES = [
    Case("the sample log", partial(tracked, SAMPLE)),
    Case("an empty log", partial(tracked, em.load_progress([]))),
    Case("today on the start", partial(tracked, em.load_progress([]), PROFILE.capacity.start)),
    Case(
        "today before the start",
        partial(tracked, SAMPLE, dt.date(2026, 1, 1)),
        "today (2026-01-01) is before the plan's start (2027-01-04)",
    ),
    Case("today ten years on", partial(tracked, SAMPLE, PROFILE.capacity.latest_date)),
    Case(
        "a row far in the future",
        lambda: tracked(rows(entry(date="9999-12-31"))),
        "row 1, column 'date': 9999-12-31 is after today (2027-06-01)",
    ),
    Case(
        "a row on the first day of the calendar",
        lambda: tracked(rows(entry(date="0001-01-01"))),
        "0001-01-01 is before the plan's start",
    ),
    Case(
        "an unknown venue",
        lambda: tracked(rows(entry(venue="nope"))),
        "row 1, column 'venue': unknown venue 'nope'",
    ),
    Case(
        "NaN hours",
        lambda: tracked(rows(entry(hours="NaN"))),
        "row 1, column 'hours': must be a finite number",
    ),
    Case(
        "true hours",
        lambda: tracked(rows(entry(hours=True))),
        "row 1, column 'hours': must be a number, not true",
    ),
    Case(
        "a date as a number",
        lambda: tracked(rows(entry(date=20270201))),
        "row 1, column 'date': 20270201 is not a date; write it as text",
    ),
    Case(
        "the most outcomes, fifty times",
        lambda: tracked(rows(*[entry(hours=10_000, contributions=10_000, requests=1e9)] * 50)),
    ),
    Case(
        "contributions without hours",
        lambda: tracked(rows(entry(hours=0, contributions=100, requests=5))),
    ),
    Case(
        "10,001 rows in a list",
        partial(em.load_progress, [entry()] * 10_001),
        "the log has 10,001 rows; at most 10,000 are allowed",
    ),
    Case(
        "a CSV cell of 200,000 characters",
        partial(
            em.load_progress, "date,venue,note\n2027-02-01,linkedin," + "x" * 200_000, format="csv"
        ),
        "at most 20,000 are allowed",
    ),
    Case(
        "a CSV of 20,000 columns",
        partial(
            em.load_progress, "date,venue," + ",".join(f"c{i}" for i in range(20_000)), format="csv"
        ),
        "the log has 20,002 columns",
    ),
    Case(
        "a lone surrogate in a CSV cell",
        partial(em.load_progress, "date,venue\n2027-02-01,\ud800\n", format="csv"),
        "row 2, column 'venue': holds a lone surrogate",
    ),
    Case(
        "a listening log of one row",
        lambda: em.listen(
            PROFILE,
            em.load_log([{"date": "2027-01-05", "venue": "linkedin", "speaker": "cio"}]),
            today=dt.date(2027, 2, 1),
            trials=200,
        ),
    ),
    Case(
        "a listening log in the future",
        lambda: em.listen(
            PROFILE,
            em.load_log([{"date": "2027-01-05", "venue": "linkedin", "speaker": "cio"}]),
            today=dt.date(2027, 1, 1),
            trials=200,
        ),
        "2027-01-05 is after today (2027-01-01)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_ends_in_a_result_or_a_clear_error(case: Case) -> None:
    case.check()


def test_today_at_the_end_of_the_calendar() -> None:
    Case(
        "today 9999-12-31",
        partial(tracked, SAMPLE, dt.date(9999, 12, 31)),
        error="within its ten-year horizon",
    ).check()
