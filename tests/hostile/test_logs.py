"""Hostile progress and listening logs, and re-forecasts from them: bad cells, dates at the
ends of the calendar, huge counts, too many rows, numbers and headers a CSV could misread."""

from __future__ import annotations

import csv
import datetime as dt
import io
from functools import partial
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import eminence as em
from eminence.testing import Case

PROFILE = em.example("consultant")
SAMPLE = em.example_progress("consultant")
TODAY = dt.date(2027, 6, 1)


def rows(*entries: dict[str, Any]) -> em.model.ProgressLog:
    return em.loads_progress(list(entries))


def tracked(log: em.model.ProgressLog, today: dt.date = TODAY) -> object:
    result = em.reforecast(PROFILE, log, today=today, trials=200)
    return result, str(result), result._repr_html_(), result.model_dump_json()


def entry(**cells: Any) -> dict[str, Any]:
    return {"date": "2027-02-01", "venue": "linkedin", "hours": 1, **cells}


def csv_log(text: str, **options: Any) -> em.model.ProgressLog:
    return em.loads_progress(text, format="csv", **options)


PLAIN = "is not a plain number with"


CASES = [
    Case("the sample log", partial(tracked, SAMPLE)),
    Case("an empty log", partial(tracked, em.loads_progress([]))),
    Case("today on the start", partial(tracked, em.loads_progress([]), PROFILE.capacity.start)),
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
        partial(em.loads_progress, [entry()] * 10_001),
        "the log has 10,001 rows; at most 10,000 are allowed",
    ),
    Case(
        "a CSV cell of 200,000 characters",
        partial(
            em.loads_progress, "date,venue,note\n2027-02-01,linkedin," + "x" * 200_000, format="csv"
        ),
        "at most 20,000 are allowed",
    ),
    Case(
        "a CSV of 20,000 columns",
        partial(
            em.loads_progress,
            "date,venue," + ",".join(f"c{i}" for i in range(20_000)),
            format="csv",
        ),
        "the log has 20,002 columns",
    ),
    Case(
        "a lone surrogate in a CSV cell",
        partial(em.loads_progress, "date,venue\n2027-02-01,\ud800\n", format="csv"),
        "row 2, column 'venue': holds a lone surrogate",
    ),
    Case(
        "a listening log of one row",
        lambda: em.listen(
            PROFILE,
            em.loads_log([{"date": "2027-01-05", "venue": "linkedin", "speaker": "cio"}]),
            today=dt.date(2027, 2, 1),
            trials=200,
        ),
    ),
    Case(
        "a listening log in the future",
        lambda: em.listen(
            PROFILE,
            em.loads_log([{"date": "2027-01-05", "venue": "linkedin", "speaker": "cio"}]),
            today=dt.date(2027, 1, 1),
            trials=200,
        ),
        "2027-01-05 is after today (2027-01-01)",
    ),
    Case(
        "a decimal comma in a semicolon file",
        partial(csv_log, "date;venue;hours\n2027-02-01;linkedin;1,5\n"),
        f"row 2, column 'hours': '1,5' {PLAIN} '.' as the decimal mark",
    ),
    Case(
        "a decimal comma in a quoted cell",
        partial(csv_log, 'date,venue,hours\n2027-02-01,linkedin,"1,5"\n'),
        f"row 2, column 'hours': '1,5' {PLAIN}",
    ),
    Case(
        "commas every digit",
        partial(csv_log, 'date,venue,requests\n2027-02-01,linkedin,"1,5,0,0"\n'),
        f"row 2, column 'requests': '1,5,0,0' {PLAIN}",
    ),
    Case(
        "a thousands comma",
        partial(csv_log, 'date,venue,requests\n2027-02-01,linkedin,"1,500"\n'),
        "if ',' is the decimal mark, read the log with decimal=','",
    ),
    Case(
        "a thousands point under a decimal comma",
        partial(csv_log, "date;venue;hours\n2027-02-01;linkedin;1.500,0\n", decimal=","),
        f"row 2, column 'hours': '1.500,0' {PLAIN} ',' as the decimal mark",
    ),
    Case(
        "a thousands space",
        partial(csv_log, "date;venue;requests\n2027-02-01;linkedin;1 500\n"),
        f"row 2, column 'requests': '1 500' {PLAIN}",
    ),
    Case(
        "an underscore in a number",
        partial(csv_log, "date,venue,requests\n2027-02-01,linkedin,1_000\n"),
        f"row 2, column 'requests': '1_000' {PLAIN}",
    ),
    Case(
        "a decimal comma in a listening log",
        partial(em.loads_log, "date;venue;replies\n2026-11-03;forum;1,0\n", format="csv"),
        f"row 2, column 'replies': '1,0' {PLAIN}",
    ),
    Case(
        "a decimal comma in JSON text",
        partial(
            em.loads_progress,
            '[{"date": "2027-02-01", "venue": "x", "hours": "1,5"}]',
            format="json",
        ),
        f"row 1, column 'hours': '1,5' {PLAIN}",
    ),
    Case(
        "a semicolon file with decimal commas, read as such",
        partial(csv_log, "date;venue;hours\n2027-02-01;linkedin;1,5\n", decimal=","),
    ),
    Case(
        "a decimal other than a point or a comma",
        partial(csv_log, "date,venue\n", decimal="'"),
        "decimal is '.' or ',', not \"'\"",
    ),
    Case(
        "a delimiter other than a comma, a semicolon or a tab",
        partial(csv_log, "date|venue\n", delimiter="|"),
        "delimiter is ',', ';' or a tab",
    ),
    Case(
        "a delimiter for a JSON log",
        partial(em.loads_progress, "[]", format="json", delimiter=";"),
        "delimiter applies to CSV logs only",
    ),
    Case(
        "a note that looks like a list",
        partial(csv_log, 'date,venue,hours,note\n2027-02-01,linkedin,1,a;"b";c\n'),
    ),
    Case(
        "a header that splits two ways",
        partial(csv_log, "date,x;venue;date;y,venue\n2027-02-01,1;linkedin;2027-02-01;1,x\n"),
        "give delimiter=",
    ),
    Case(
        "a column twice",
        partial(csv_log, "date,venue,hours,hours\n2027-02-01,linkedin,1,2\n"),
        "row 1: column 3 ('hours') and column 4 ('hours') have the same header",
    ),
    Case(
        "a column twice, in other cases",
        partial(csv_log, "Date;Venue;Replies; replies \n2027-02-01;linkedin;1;2\n"),
        "column 3 ('Replies') and column 4 ('replies') have the same header",
    ),
    Case(
        "a key twice in a JSON row",
        partial(
            em.loads_progress,
            '[{"date": "2027-02-01", "venue": "x", "hours": 1, "hours": 2}]',
            format="json",
        ),
        "duplicate key 'hours'",
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


class TestCsvNumbers:
    def test_a_decimal_comma_is_read_when_asked_for(self) -> None:
        text = "date;venue;hours;requests\n2027-02-01;linkedin;1,5;2\n2027-02-02;linkedin;,5;0\n"
        first, second = csv_log(text, decimal=",").entries
        assert (first.hours, first.outcomes) == (1.5, {"requests": 2.0})
        assert second.hours == 0.5
        listened = em.loads_log(
            "date;venue;replies\n2026-11-03;forum;3\n", format="csv", decimal=","
        )
        assert listened.observations[0].replies == 3

    def test_the_delimiter_comes_from_the_header_not_the_rows(self) -> None:
        # Sniffed from its rows, this comma file reads as semicolons and loses its columns.
        text = 'date,venue,hours,note\n2027-02-01,linkedin,1,a;"b";c\n2027-02-02,x,2,d; e\n'
        log = csv_log(text)
        assert [e.note for e in log.entries] == ['a;"b";c', "d; e"]
        assert [e.hours for e in log.entries] == [1.0, 2.0]

    def test_the_header_holds_the_mapped_columns(self) -> None:
        # A comma inside a header cell does not make it a comma file: the mapped names decide.
        columns = {"date": "Datum", "venue": "Kanaal", "hours": "Uren", "note": "Notitie, vrij"}
        text = "Datum;Kanaal;Uren;Notitie, vrij\n2027-02-01;linkedin;1,25;a, b\n"
        (entry,) = csv_log(text, columns=columns, decimal=",").entries
        assert (entry.hours, entry.note) == (1.25, "a, b")

    def test_an_explicit_delimiter_is_used_as_given(self) -> None:
        text = "date,x;venue;date;y,venue\n2027-02-01,1;linkedin;2027-02-01;1,x\n"
        (entry,) = csv_log(text, delimiter=";", columns={"ignore": ["date,x", "y,venue"]}).entries
        assert entry.venue == "linkedin"
        tabs = csv_log("date\tvenue\thours\n2027-02-01\tlinkedin\t2\n", delimiter="\t")
        assert tabs.entries[0].hours == 2.0

    def test_rows_given_as_data_are_left_as_they_were(self) -> None:
        given_rows = [{"date": "2027-02-01", "venue": "linkedin", "hours": "1,5", "requests": "2"}]
        before = [dict(row) for row in given_rows]
        (entry,) = em.loads_progress(given_rows, decimal=",").entries
        assert entry.hours == 1.5
        assert given_rows == before


FINITE_COUNTS = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
FORMATS = st.sampled_from(
    [(",", "."), (";", "."), ("\t", "."), (";", ","), ("\t", ","), (",", ",")]
)


def _written(rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


@given(FINITE_COUNTS, FORMATS)
@example(1.5, (",", ","))
@example(1e-300, (";", ","))
def test_any_finite_number_reads_back_as_written(number: float, chosen: tuple[str, str]) -> None:
    delimiter, decimal = chosen
    cell = repr(number).replace(".", decimal)
    text = _written([["date", "venue", "requests"], ["2027-02-01", "linkedin", cell]], delimiter)
    (entry,) = csv_log(text, decimal=decimal).entries
    assert entry.outcomes.get("requests", 0.0) == number


@given(
    st.text(alphabet="0123456789.,' _", min_size=1, max_size=9).filter(
        lambda cell: any(c.isdigit() for c in cell)
    ),
    FORMATS,
)
@example("1,5", (";", "."))
@example("1.500,0", (";", ","))
def test_a_number_with_separators_is_read_exactly_or_refused(
    cell: str, chosen: tuple[str, str]
) -> None:
    delimiter, decimal = chosen
    text = _written([["date", "venue", "requests"], ["2027-02-01", "linkedin", cell]], delimiter)
    try:
        (entry,) = csv_log(text, decimal=decimal).entries
    except em.InvalidInputError as error:
        (problem,) = error.problems
        assert problem.path == "row 2, column 'requests'"
        assert "decimal" in problem.message
        return
    written = cell.strip()
    assert set(written) <= set("0123456789" + decimal)
    assert written.count(decimal) <= 1
    assert entry.outcomes.get("requests", 0.0) == float(written.replace(decimal, "."))


@given(
    st.text(
        alphabet=st.characters(
            codec="utf-8", exclude_characters="\r\x00", exclude_categories=["Cs"]
        ),
        max_size=40,
    ).map(str.strip),
    st.sampled_from([",", ";", "\t"]),
)
@example('a;"b";c', ",")
@example("a, b, c", ";")
def test_a_note_never_changes_the_delimiter(note: str, delimiter: str) -> None:
    rows = [["date", "venue", "hours", "note"], ["2027-02-01", "linkedin", "1.5", note]]
    (entry,) = csv_log(_written(rows, delimiter)).entries
    assert (entry.hours, entry.note) == (1.5, note)
