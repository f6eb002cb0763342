"""Progress logs load from the spreadsheets people keep; every bad cell names its row and column."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import eminence as em
from eminence.cli import main

CSV = (
    "Date,Venue,Hours,Posts,Requests,Conversations,Thread\n"
    "11/01/2027,LinkedIn,1.5,1,,2,why portfolios fail\n"
    "18/01/2027,LinkedIn,1,,1,,\n"
)
COLUMNS: dict[str, Any] = {
    "date": "Date",
    "venue": "Venue",
    "hours": "Hours",
    "contributions": "Posts",
    "date_format": "%d/%m/%Y",
    "ignore": ["Thread"],
    "aliases": {"LinkedIn": "linkedin", "Requests": "requests", "Conversations": "replies"},
}


def _problems(error: pytest.ExceptionInfo[em.InvalidInputError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


class TestLoading:
    def test_a_spreadsheet_loads_with_its_column_mapping(self) -> None:
        log = em.loads_progress(CSV, format="csv", columns=COLUMNS)
        first, second = log.entries
        assert first.date == dt.date(2027, 1, 11)
        assert (first.venue, first.hours, first.contributions) == ("linkedin", 1.5, 1.0)
        assert first.outcomes == {"replies": 2.0}
        assert second.contributions is None  # not counted: the hours stand for them
        assert second.outcomes == {"requests": 1.0}
        assert log.outcome_columns == {"requests": "Requests", "replies": "Conversations"}

    def test_a_segment_column_names_where_the_outcomes_came_from(self) -> None:
        text = (
            "Date,Venue,Hours,Posts,Client,Requests\n"
            "11/01/2027,LinkedIn,1,,CIO,1\n"
            "18/01/2027,LinkedIn,1,,,1\n"
        )
        columns = {**COLUMNS, "segment": "Client", "aliases": {**COLUMNS["aliases"], "CIO": "cio"}}
        first, second = em.loads_progress(text, format="csv", columns=columns).entries
        assert (first.segment, first.outcomes) == ("cio", {"requests": 1.0})
        assert second.segment is None  # unknown: the goal counts its estimate

    def test_json_rows_may_nest_their_outcomes(self, tmp_path: Path) -> None:
        rows = [{"date": "2027-01-11", "venue": "forum", "outcomes": {"replies": 3}}]
        path = tmp_path / "log.json"
        path.write_text(json.dumps({"entries": rows}), "utf-8")
        assert em.load_progress(path).entries[0].outcomes == {"replies": 3.0}

    @pytest.mark.extra("yaml")
    def test_yaml_rows_may_nest_their_outcomes(self) -> None:
        yaml = "- date: 2027-01-11\n  venue: forum\n  segment: cio\n  replies: 3\n"
        entry = em.loads_progress(yaml, format="yaml").entries[0]
        assert (entry.segment, entry.outcomes) == ("cio", {"replies": 3.0})

    def test_the_bundled_sample_loads(self) -> None:
        log = em.example_progress("consultant")
        assert len(log.entries) == 25
        assert log.last_date == dt.date(2027, 4, 23)
        with pytest.raises(em.UnknownReferenceError, match="examples with one: consultant"):
            em.example_progress("nobody")


class TestBadRows:
    @pytest.mark.parametrize(
        ("cells", "where", "message"),
        [
            ("11/01/2027,LinkedIn,-2,1,,,", "row 2, column 'Hours'", "must be at least 0"),
            ("11/01/2027,LinkedIn,two,1,,,", "row 2, column 'Hours'", "must be a number"),
            ("11/01/2027,LinkedIn,1,1,many,,", "row 2, column 'Requests'", "not a count"),
            ("11/01/2027,LinkedIn,1,1,-1,,", "row 2, column 'Requests'", "must be at least 0"),
            ("2027-01-11,LinkedIn,1,1,,,", "row 2, column 'Date'", "format '%d/%m/%Y'"),
            (",LinkedIn,1,1,,,", "row 2, column 'Date'", "is empty"),
        ],
    )
    def test_each_bad_cell_names_its_row_and_column(
        self, cells: str, where: str, message: str
    ) -> None:
        text = CSV.splitlines()[0] + "\n" + cells + "\n"
        with pytest.raises(em.InvalidInputError) as error:
            em.loads_progress(text, format="csv", columns=COLUMNS)
        (problem,) = error.value.problems
        assert problem.path == where
        assert message in problem.message

    def test_every_bad_row_is_reported_at_once(self) -> None:
        text = CSV + "25/01/2027,LinkedIn,-1,,,,\n01/02/2027,LinkedIn,1,x,,,\n"
        with pytest.raises(em.InvalidInputError) as error:
            em.loads_progress(text, format="csv", columns=COLUMNS)
        assert [problem.path for problem in error.value.problems] == [
            "row 4, column 'Hours'",
            "row 5, column 'Posts'",
        ]

    def test_a_text_column_left_unmapped_says_how_to_ignore_it(self) -> None:
        columns = {**COLUMNS, "ignore": []}
        with pytest.raises(em.InvalidInputError) as error:
            em.loads_progress(CSV, format="csv", columns=columns)
        assert _problems(error) == [
            "row 2, column 'Thread': 'why portfolios fail' is not a count of outcomes; write a "
            "number or leave it empty, or list the column in the mapping's ignore if it holds "
            "no metric"
        ]

    def test_two_columns_for_one_metric_are_refused(self) -> None:
        text = "date,venue,requests,Req\n2027-01-11,forum,1,2\n"
        with pytest.raises(em.InvalidInputError, match="holds 'requests', as does 'requests'"):
            em.loads_progress(text, format="csv", columns={"aliases": {"Req": "requests"}})

    def test_a_missing_required_column_is_named(self) -> None:
        with pytest.raises(em.InvalidInputError, match="column 'venue': is missing"):
            em.loads_progress("date,hours\n2027-01-11,1\n", format="csv")


class TestCommandLine:
    FOLDER = Path(em.__file__).parent / "examples"

    def _files(self) -> tuple[str, str]:
        return str(self.FOLDER / "consultant.toml"), str(self.FOLDER / "consultant-progress.csv")

    def test_track_prints_plan_against_actual_and_the_re_forecast(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        profile, log = self._files()
        assert main(["track", profile, log, "--today", "2027-04-25"]) == 0
        out = capsys.readouterr().out
        for heading in ("Plan against actual", "Week by week", "Venues against the plan"):
            assert heading in out
        assert "FLAG Three inbound requests" in out
        assert "Re-forecast" in out

    def test_track_prints_json_for_tools(self, capsys: pytest.CaptureFixture[str]) -> None:
        profile, log = self._files()
        assert main(["track", profile, log, "--today", "2027-04-25", "--json"]) == 0
        result = em.results.Reforecast.model_validate_json(capsys.readouterr().out)
        assert result.today == dt.date(2027, 4, 25)

    def test_a_spreadsheet_loads_with_a_column_mapping_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (tmp_path / "log.csv").write_text(CSV, "utf-8")
        columns = {**COLUMNS, "aliases": {**COLUMNS["aliases"], "Conversations": "conversations"}}
        (tmp_path / "columns.json").write_text(json.dumps(columns), "utf-8")
        profile = str(self.FOLDER / "consultant.toml")
        arguments = ["track", profile, str(tmp_path / "log.csv"), "--today", "2027-01-31"]
        assert main([*arguments, "--columns", str(tmp_path / "columns.json")]) == 0
        assert "2 entries, 2.5 h logged, as of 2027-01-31" in capsys.readouterr().out

    def test_an_entry_after_today_is_one_clear_error(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        profile, log = self._files()
        assert main(["track", profile, log, "--today", "2027-04-22"]) == 1
        err = capsys.readouterr().err
        assert err.startswith("eminence: ProgressLog has 1 problem")
        assert "row 26, column 'date': 2027-04-23 is after today" in err

    def test_decimal_commas_are_read_when_asked_for_and_refused_otherwise(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (tmp_path / "log.csv").write_text(
            "date;venue;hours;requests\n2027-01-11;linkedin;1,5;1\n", "utf-8"
        )
        profile = str(self.FOLDER / "consultant.toml")
        arguments = ["track", profile, str(tmp_path / "log.csv"), "--today", "2027-01-31"]
        assert main(arguments) == 1
        assert "row 2, column 'hours': '1,5' is not a plain number" in capsys.readouterr().err
        assert main([*arguments, "--decimal", ","]) == 0
        assert "1 entry, 1.5 h logged, as of 2027-01-31" in capsys.readouterr().out
        assert main([*arguments, "--decimal", ",", "--delimiter", ";"]) == 0
        assert "1.5 h logged" in capsys.readouterr().out
        assert main([*arguments, "--decimal", ",", "--delimiter", "tab"]) == 1
        assert "first row, split on a tab, names none of the columns" in capsys.readouterr().err
        with pytest.raises(SystemExit):
            main([*arguments, "--delimiter", "|"])
        assert "'|' is not ',', ';' or 'tab'" in capsys.readouterr().err
