"""Listening: logs load from real spreadsheets, evidence moves the profile as much as it should."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.cli import main
from eminence.planning.evidence import PRIOR_OBSERVATIONS, SETTLED_WIDTH
from eminence.testing import profile_data

TODAY = dt.date(2026, 12, 31)
HEADER = "Date,Channel,Who,Client took part?,Replies,Topic(s)\n"
COLUMNS = {
    "date": "Date",
    "venue": "Channel",
    "who": "Who",
    "clients_took_part": "Client took part?",
    "replies": "Replies",
    "topics": "Topic(s)",
    "aliases": {"The Forum": "forum", "CIO": "cio", "Risk": "risk"},
}


def _profile() -> em.model.Profile:
    return em.model.Profile.model_validate(profile_data())


def _rows(who: list[str], venue: str = "forum", start: dt.date = dt.date(2026, 11, 2)) -> Any:
    return [
        {"date": start + dt.timedelta(days=index % 28), "venue": venue, "who": speaker}
        for index, speaker in enumerate(who)
    ]


def _problems(error: pytest.ExceptionInfo[em.InvalidInputError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


class TestConvergence:
    TRUTH: ClassVar[dict[str, float]] = {"cio": 0.1, "pmo": 0.6, "other": 0.3}

    def _log(self, count: int, seed: int) -> em.model.ListeningLog:
        rng = np.random.default_rng(seed)
        speakers = rng.choice(list(self.TRUTH), size=count, p=list(self.TRUTH.values()))
        return em.loads_log(_rows([str(speaker) for speaker in speakers]))

    def test_estimates_converge_to_the_shares_the_log_was_drawn_from(self) -> None:
        report = em.listen(_profile(), self._log(3_000, seed=1), today=TODAY)
        forum = report.venue("forum")
        for segment, share in self.TRUTH.items():
            estimate = forum.share(segment)
            assert estimate.mean == pytest.approx(share, abs=0.03)
            assert estimate.low <= share <= estimate.high
        assert report.profile.venue("forum").audience["pmo"] == pytest.approx(0.6, abs=0.03)

    def test_more_evidence_narrows_the_interval_and_weighs_more(self) -> None:
        small = em.listen(_profile(), self._log(20, seed=2)).venue("forum")
        large = em.listen(_profile(), self._log(400, seed=2)).venue("forum")
        assert large.share("pmo").width < small.share("pmo").width
        assert small.evidence_weight == pytest.approx(20 / (20 + PRIOR_OBSERVATIONS))
        assert large.evidence_weight > small.evidence_weight

    def test_little_evidence_moves_little(self) -> None:
        report = em.listen(_profile(), em.loads_log(_rows(["cio"])))
        # One conversation against a prior worth twenty: the share moves a twenty-first of the way.
        assert report.venue("forum").share("cio").mean == pytest.approx((0.3 * 20 + 1) / 21)

    def test_a_well_understood_venue_may_listen_less(self) -> None:
        report = em.listen(_profile(), self._log(600, seed=3))
        forum = report.venue("forum")
        assert forum.understood
        assert all(share.width < SETTLED_WIDTH for share in forum.shares)
        assert forum.suggested_listening_hours == pytest.approx(
            round(4 * (1 - forum.evidence_weight), 1)
        )
        assert report.profile.venue("forum").listening_hours < 4

    @settings(max_examples=25, deadline=None)
    @given(st.lists(st.sampled_from(["cio", "pmo", "other", "unknown"]), max_size=60))
    def test_shares_stay_a_distribution(self, speakers: list[str]) -> None:
        report = em.listen(_profile(), em.loads_log(_rows(speakers)), trials=5)
        for evidence in report.audience:
            shares = (*evidence.shares, evidence.other)
            assert sum(share.mean for share in shares) == pytest.approx(1.0)
            assert all(share.low <= share.mean <= share.high for share in shares)
        assert sum(report.profile.venue("forum").audience.values()) <= 1.0


class TestEmptyLog:
    def test_leaves_the_profile_unchanged(self) -> None:
        profile = em.example("executive")
        report = em.listen(profile, em.model.ListeningLog())
        assert report.profile == profile
        assert report.changes == ()
        assert (report.audience, report.topics, report.peers) == ((), (), ())
        assert all(shift.moved == 0 for shift in report.priorities)

    def test_an_empty_file_is_an_empty_log(self) -> None:
        assert em.loads_log(HEADER, format="csv", columns=COLUMNS).observations == ()
        assert em.loads_log("", format="csv").observations == ()

    def test_unknown_speakers_are_no_evidence_on_shares(self) -> None:
        profile = _profile()
        report = em.listen(profile, em.loads_log(_rows(["unknown"] * 5)))
        assert report.venue("forum").identified == 0
        assert report.profile.venue("forum") == profile.venue("forum")


class TestContradictingLog:
    def _contradiction(self) -> em.model.ListeningLog:
        # The forum turns out to be vendors talking to vendors; directors gather on X.
        rows = _rows(["other"] * 60, venue="planning-forum", start=dt.date(2026, 10, 5))
        rows += _rows(
            ["sc-director"] * 25 + ["planner"] * 25, venue="x", start=dt.date(2026, 10, 5)
        )
        return em.loads_log(rows)

    def test_moves_the_priorities_away_from_the_forum(self) -> None:
        profile = em.example("executive")
        report = em.listen(profile, self._contradiction(), today=TODAY)
        shifts = {shift.venue: shift for shift in report.priorities}
        assert shifts["planning-forum"].progress_per_hour_after < (
            shifts["planning-forum"].progress_per_hour_before
        )
        assert shifts["planning-forum"].moved < 0
        assert shifts["x"].moved > 0
        assert report.profile.venue("x").audience["sc-director"] > 0.2
        assert report.profile.venue("planning-forum").audience["planner"] < 0.2

    def test_planning_the_new_profile_moves_hours_the_same_way(self) -> None:
        profile = em.example("executive")
        report = em.listen(profile, self._contradiction())
        before = em.plan(profile, trials=50).allocation
        after = em.plan(report.profile, trials=50).allocation
        assert after.venue("x").hours_per_week > before.venue("x").hours_per_week
        assert (
            after.venue("planning-forum").hours_per_week
            < before.venue("planning-forum").hours_per_week
        )

    def test_never_mutates_the_input(self) -> None:
        profile = em.example("executive")
        before = em.dump(profile)
        report = em.listen(profile, self._contradiction())
        assert em.dump(profile) == before
        assert report.profile != profile


class TestTopicsAndPeers:
    def test_needs_move_conservatively_toward_what_a_segment_raises(self) -> None:
        rows = [{"date": "2026-11-02", "venue": "forum", "who": "pmo", "topics": ["risk"]}] * 200
        report = em.listen(_profile(), em.loads_log(rows))
        needs = report.profile.segment("pmo").needs
        # The most raised topic takes the top importance, but one log moves a need by 0.2 at most.
        assert needs["risk"] == pytest.approx(0.2)
        assert needs["agile"] == pytest.approx(0.6)

    def test_peer_cadence_and_what_earns_engagement(self) -> None:
        data = profile_data()
        data["peers"] = [{"id": "guru", "cadence": {"forum": 1}, "topics": ["risk"]}]
        profile = em.model.Profile.model_validate(data)
        rows = [
            {
                "date": dt.date(2026, 11, 2) + dt.timedelta(days=day),
                "venue": "forum",
                "who": "guru",
                "topics": ["risk"] if day % 2 else ["agile"],
                "replies": 10 if day % 2 else 1,
            }
            for day in range(28)
        ]
        report = em.listen(profile, em.loads_log(rows))
        (peer,) = report.peers
        (cadence,) = peer.cadence
        assert cadence.contributions == 28
        # Prior 1/week worth 4 weeks, 28 seen in 4 weeks: (4 + 28) / (4 + 4).
        assert cadence.mean == pytest.approx(4.0)
        assert report.profile.peers[0].cadence["forum"] == pytest.approx(4.0)
        assert peer.strongest is not None
        assert peer.strongest.topic == "risk"


class TestColumnMapping:
    def test_the_sample_spreadsheet_loads_as_it_is(self) -> None:
        log = em.example_log("executive")
        assert 60 <= len(log.observations) <= 120
        assert {o.venue for o in log.observations} == {
            "planning-forum",
            "sop-list",
            "linkedin",
            "x",
        }
        report = em.listen(em.example("executive"), log, today=TODAY)
        assert report.changes

    def test_headers_and_aliases_ignore_case_and_topics_split(self) -> None:
        text = HEADER.upper() + "2026-11-03,the forum,cio,Yes,3,Risk; agile\n"
        (observation,) = em.loads_log(text, format="csv", columns=COLUMNS).observations
        assert observation.venue == "forum"
        assert observation.who == "cio"
        assert observation.topics == ("risk", "agile")
        assert observation.clients_took_part
        assert observation.replies == 3
        assert observation.row == 2

    def test_date_format_and_semicolon_files(self) -> None:
        text = "Date;Channel\n03/11/2026;forum\n"
        columns = {"date": "Date", "venue": "Channel", "date_format": "%d/%m/%Y"}
        (observation,) = em.loads_log(text, format="csv", columns=columns).observations
        assert observation.date == dt.date(2026, 11, 3)

    def test_json_logs(self, tmp_path: Path) -> None:
        rows = [{"date": "2026-11-03", "venue": "forum", "who": "cio", "replies": 2}]
        path = tmp_path / "log.json"
        path.write_text(json.dumps({"observations": rows}), "utf-8")
        assert em.load_log(path).observations[0].replies == 2

    @pytest.mark.extra("yaml")
    def test_yaml_logs(self, tmp_path: Path) -> None:
        yaml_path = tmp_path / "log.yaml"
        yaml_path.write_text("- date: 2026-11-03\n  venue: forum\n  topics: [risk]\n", "utf-8")
        assert em.load_log(yaml_path).observations[0].topics == ("risk",)

    def test_two_fields_cannot_share_a_column(self) -> None:
        with pytest.raises(em.InvalidInputError, match="also mapped"):
            em.model.ColumnMapping(replies="Count", shares="count")


class TestBadRows:
    def _load(self, body: str) -> em.model.ListeningLog:
        return em.loads_log(HEADER + body, format="csv", columns=COLUMNS)

    @pytest.mark.parametrize(
        ("cell", "column", "message"),
        [
            ("nan", "Replies", "must be a whole number"),
            ("1e400", "Replies", "must be a whole number"),
            ("99999999999999", "Replies", "must be at most 1,000,000,000"),
            ("-3", "Replies", "must be at least 0"),
        ],
    )
    def test_bad_numbers_name_row_and_column(self, cell: str, column: str, message: str) -> None:
        with pytest.raises(em.InvalidInputError) as error:
            self._load(f"2026-11-03,forum,cio,yes,1,risk\n2026-11-04,forum,cio,yes,{cell},risk\n")
        (problem,) = error.value.problems
        assert problem.path == f"row 3, column {column!r}"
        assert message in problem.message

    def test_bad_date_and_yes_no(self) -> None:
        with pytest.raises(em.InvalidInputError) as error:
            self._load("3rd of Nov,forum,cio,perhaps,1,risk\n")
        assert [p.path for p in error.value.problems] == [
            "row 2, column 'Date'",
            "row 2, column 'Client took part?'",
        ]

    def test_missing_column_is_named_with_the_columns_found(self) -> None:
        with pytest.raises(em.InvalidInputError) as error:
            em.loads_log(
                "Date,Where\n2026-11-03,forum\n", format="csv", columns={"venue": "Channel"}
            )
        (problem,) = error.value.problems
        assert problem.path == "column 'Channel'"
        assert "date, where" in problem.message

    def test_a_column_the_mapping_names_must_be_there(self) -> None:
        with pytest.raises(em.InvalidInputError) as error:
            em.loads_log("Date,Channel\n2026-11-03,forum\n", format="csv", columns=COLUMNS)
        assert "column 'Replies'" in [p.path for p in error.value.problems]

    def test_unknown_topics_list_the_known_ones(self) -> None:
        log = self._load("2026-11-03,reddit,ceo,yes,1,golf\n")
        with pytest.raises(em.InvalidInputError) as error:
            em.listen(_profile(), log)
        # Venues and speakers the profile does not know are discoveries, not errors.
        (problem,) = _problems(error)
        assert problem.startswith("row 2, column 'Topic(s)': unknown topic 'golf'")
        assert "known topics: agile, risk" in problem

    def test_a_row_at_a_venue_seen_once_is_skipped_with_its_reason(self) -> None:
        report = em.listen(_profile(), self._load("2026-11-03,reddit,ceo,yes,1,risk\n"))
        (skipped,) = report.discovery.skipped
        assert skipped.row == 2
        assert "venue 'reddit' is not in the profile" in skipped.reason
        assert report.discovery.quiet_speakers == 1

    def test_dates_in_the_future_or_long_before_the_start(self) -> None:
        log = self._load("2027-03-01,forum,cio,yes,1,risk\n2025-01-01,forum,cio,yes,1,risk\n")
        with pytest.raises(em.InvalidInputError) as error:
            em.listen(_profile(), log, today=TODAY)
        problems = _problems(error)
        assert problems[0].startswith("row 2, column 'Date': 2027-03-01 is after today")
        assert problems[1].startswith("row 3, column 'Date': 2025-01-01 is more than a year")

    def test_a_row_with_too_many_cells(self) -> None:
        with pytest.raises(em.InvalidInputError, match="row 2: has 7 cells"):
            self._load("2026-11-03,forum,cio,yes,1,risk,extra\n")

    def test_limits_apply(self) -> None:
        with pytest.raises(em.InputLimitError):
            em.loads_log(HEADER + "x" * 100, format="csv", limits=em.Limits(max_bytes=50))
        with pytest.raises(em.InputLimitError, match="rows"):
            em.loads_log(
                HEADER + "2026-11-03,forum\n" * 7,
                format="csv",
                columns=COLUMNS,
                limits=em.Limits(max_collection=6),
            )

    def test_unknown_format(self) -> None:
        with pytest.raises(em.DocumentSyntaxError, match=r"\.csv"):
            em.load_log("log.xlsx")


class TestCommandLine:
    def test_listen_prints_the_report(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = Path(em.__file__).parent / "examples"
        argv = [
            "listen",
            str(folder / "executive.toml"),
            str(folder / "executive-listening.csv"),
            "--columns",
            str(folder / "executive-listening.columns.json"),
            "--today",
            "2026-11-23",
        ]
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "Who talks where" in out
        assert "Priorities before and after" in out
        assert "Listening that can shrink" in out

    def test_bad_log_is_one_clear_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        profile = tmp_path / "me.json"
        profile.write_text(json.dumps(profile_data()), "utf-8")
        log = tmp_path / "log.csv"
        log.write_text("date,venue,topics\n2026-11-03,forum,golf\n", "utf-8")
        assert main(["listen", str(profile), str(log)]) == 1
        err = capsys.readouterr().err
        assert "row 2, column 'topics': unknown topic 'golf'" in err
        assert "Traceback" not in err
