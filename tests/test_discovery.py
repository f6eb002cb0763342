"""Listening that discovers: candidate venues and peers, keyword rules, and no row lost."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.cli import main
from eminence.model.keyword_rules import MAX_KEYWORD_WORDS, LabelRules
from eminence.planning.evidence import MIN_CANDIDATE_ROWS, MIN_PEER_CONTRIBUTIONS
from eminence.report.listening_report import listening_text
from eminence.testing import profile_data

START = dt.datetime(2026, 11, 2, 8, 0)
PEERS = {"@ada_pm": "ada"}
KNOWN_VENUES = {"Forum": "forum"}
# A TweetDeck-like export: when, who, what they said, a link, and where (the column's network).
COLUMNS: dict[str, Any] = {
    "date": "Timestamp",
    "who": "Author",
    "text": "Text",
    "venue": "Network",
    "replies": "Replies",
    "shares": "Retweets",
    "aliases": {**PEERS, **KNOWN_VENUES, "vendor_bot": "other"},
    "rules": {
        "topics": {"risk": ["#risk", "risk register"], "agile": ["agile", "#scrum"]},
        "segments": {"cio": ["CIO", "chief information officer"], "pmo": ["PMO lead"]},
    },
}
VENUES = {"Forum": 0.5, "Hacker News": 0.3, "r/projectmanagement": 0.17, "Mastodon": 0.03}
CROWD = 300
AUTHORS = ["@ada_pm", "@grace_h", "@linus_t", "vendor_bot", *(f"@user{n}" for n in range(CROWD))]
SAYINGS = [
    "Our CIO asked for a risk register that is more than a spreadsheet",
    "Is #scrum dead for regulated projects?",
    "As a PMO lead I track agile maturity quarterly",
    "New whitepaper on #Risk appetite, link below",
    "chief information officer priorities for 2027",
    "Lunch photos from the meetup",
    "Agile-at-scale: what broke first?",
]


def _export(rows: int, seed: int = 7) -> str:
    """Hundreds of rows as a listening tool writes them, from a small vocabulary."""
    rng = np.random.default_rng(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Timestamp", "Author", "Text", "URL", "Network", "Replies", "Retweets"])
    # A few voices lead; a crowd speaks once or twice each.
    weights = np.array([60, 50, 50, 30, *([1] * CROWD)], dtype=float)
    for n in range(rows):
        when = START + dt.timedelta(hours=int(rng.integers(0, 24 * 42)))
        venue = str(rng.choice(list(VENUES), p=list(VENUES.values())))
        author = str(rng.choice(AUTHORS, p=weights / weights.sum()))
        text = str(rng.choice(SAYINGS))
        writer.writerow(
            [
                when.isoformat(timespec="minutes"),
                author,
                text,
                f"https://example.org/{venue.replace(' ', '').lower()}/{n}",
                venue,
                int(rng.integers(0, 12)),
                int(rng.integers(0, 5)),
            ]
        )
    return out.getvalue()


def _profile() -> em.model.Profile:
    return em.model.Profile.model_validate(profile_data())


@pytest.fixture(scope="module")
def export() -> str:
    return _export(400)


@pytest.fixture(scope="module")
def report(export: str) -> em.results.ListeningReport:
    return em.listen(_profile(), em.loads_log(export, format="csv", columns=COLUMNS))


class TestARealLookingExport:
    def test_unknown_venues_are_candidates_not_errors(
        self, report: em.results.ListeningReport
    ) -> None:
        found = {venue.venue: venue for venue in report.discovery.venues}
        assert set(found) >= {"Hacker-News"}
        news = found["Hacker-News"]
        assert news.rows > 80
        assert 0 < news.identified <= news.rows
        assert news.targeted_share == pytest.approx(news.targeted_voices / news.identified)
        assert set(news.topics) == {"risk", "agile"}

    def test_a_suggested_venue_pastes_into_the_profile(
        self, report: em.results.ListeningReport
    ) -> None:
        venue = report.discovery.venues[0]
        assert {"kind", "effort_hours", "yields"} <= set(venue.guesses)
        assert venue.suggested.audience  # estimated from the rows, not guessed
        assert "audience" not in venue.guesses
        data = profile_data()
        data["venues"].append(venue.suggested.model_dump(mode="json"))
        profile = em.model.Profile.model_validate(data)
        assert profile.venue(venue.venue).excluded
        em.plan(profile)

    def test_frequent_unknown_speakers_are_candidate_peers(
        self, report: em.results.ListeningReport
    ) -> None:
        peers = {peer.speaker: peer for peer in report.discovery.peers}
        assert {"grace_h", "linus_t"} <= set(peers)
        assert "ada" not in peers  # a peer of the profile already
        assert all(peer.contributions >= MIN_PEER_CONTRIBUTIONS for peer in peers.values())
        grace = peers["grace_h"]
        assert sum(grace.venues.values()) == grace.contributions
        assert grace.suggested.cadence["forum"] > 0
        assert report.discovery.quiet_speakers > 0

    def test_rules_label_topics_and_segments_and_say_which(
        self, report: em.results.ListeningReport
    ) -> None:
        uses = {f"{use.rule}.{use.label}": use for use in report.discovery.rules}
        assert set(uses) == {"topics.risk", "topics.agile", "segments.cio", "segments.pmo"}
        assert set(uses["topics.agile"].keywords) == {"agile", "#scrum"}
        # Speakers seen as a segment by a rule are evidence on that segment's share.
        assert report.venue("forum").share("cio").count > 0

    def test_no_row_is_lost(self, report: em.results.ListeningReport) -> None:
        found = report.discovery
        placed = found.used + sum(venue.rows for venue in found.venues) + len(found.skipped)
        assert placed == report.observations == 400

    def test_shown_in_text_html_and_jupyter(self, report: em.results.ListeningReport) -> None:
        text, html = listening_text(report), report._repr_html_()
        assert html is not None
        for shown in ("Candidate venues", "Candidate peers", "Labels from keyword rules"):
            assert shown in text
            assert shown in html
        assert '"id": "Hacker-News"' in text

    def test_the_command_line_shows_the_candidates(
        self, export: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (tmp_path / "profile.json").write_text(json.dumps(profile_data()))
        (tmp_path / "log.csv").write_text(export)
        (tmp_path / "columns.json").write_text(json.dumps(COLUMNS))
        code = main(
            [
                "listen",
                str(tmp_path / "profile.json"),
                str(tmp_path / "log.csv"),
                "--columns",
                str(tmp_path / "columns.json"),
            ]
        )
        out = capsys.readouterr().out
        assert code == 0
        assert "Candidate venues" in out
        assert "90% interval" in out
        assert "grace_h" in out


def _rows_at(venues: list[str], whos: list[str]) -> list[dict[str, Any]]:
    return [
        {"date": dt.date(2026, 11, 2) + dt.timedelta(days=n % 30), "venue": v, "who": w}
        for n, (v, w) in enumerate(zip(venues, whos, strict=False))
    ]


KNOWN = st.sampled_from(["forum", "summit"])
SPEAKERS = st.sampled_from(["cio", "pmo", "other", "unknown", "ada", "zed", "yan"])


class TestProperties:
    @settings(max_examples=40, deadline=None)
    @given(
        st.lists(st.tuples(KNOWN, SPEAKERS), min_size=1, max_size=40),
        st.lists(st.tuples(st.sampled_from(["reddit", "hn", "mastodon"]), SPEAKERS), max_size=20),
    )
    def test_rows_of_known_venues_are_used_exactly_as_before(
        self, known: list[tuple[str, str]], unknown: list[tuple[str, str]]
    ) -> None:
        profile = _profile()
        # Speakers the profile does not know read as "unknown", as they are for the evidence.
        read = [(v, w if w not in {"zed", "yan"} else "unknown") for v, w in known]
        alone = em.listen(profile, em.loads_log(_rows_at(*map(list, zip(*read, strict=True)))))
        rows = _rows_at(*map(list, zip(*known, strict=True)))
        rows += _rows_at(*map(list, zip(*unknown, strict=True))) if unknown else []
        # Same period, so that the weeks watched are the same.
        for row in rows[len(known) :]:
            row["date"] = rows[0]["date"]
        mixed = em.listen(profile, em.loads_log(rows))
        assert mixed.audience == alone.audience
        assert mixed.topics == alone.topics
        assert mixed.peers == alone.peers
        assert mixed.changes == alone.changes
        assert mixed.profile == alone.profile
        found = mixed.discovery
        assert found.used + sum(v.rows for v in found.venues) + len(found.skipped) == len(rows)
        positions = [i for v in found.venues for i in v.observations]
        positions += [row.observation for row in found.skipped]
        assert sorted(positions) == list(range(len(known), len(rows)))
        assert all(v.rows >= MIN_CANDIDATE_ROWS for v in found.venues)

    @pytest.mark.parametrize("rows", [1, MIN_CANDIDATE_ROWS])
    def test_a_venue_written_in_another_case_asks_for_an_alias(self, rows: int) -> None:
        report = em.listen(_profile(), em.loads_log(_rows_at(["Forum"] * rows, ["cio"] * rows)))
        found = report.discovery
        hints = [row.reason for row in found.skipped]
        hints += [venue.guesses.get("id", "") for venue in found.venues for _ in venue.observations]
        assert len(hints) == rows
        assert all("differs from the profile's 'forum' only in case" in hint for hint in hints)

    def test_a_flood_from_one_speaker_in_one_day_is_still_a_candidate(self) -> None:
        rows = [{"date": "2026-11-03", "venue": "spam-board", "who": "@bot"}] * 5_000
        rows += [{"date": "2026-11-03", "venue": "forum", "who": "@bot"}] * 2
        found = em.listen(_profile(), em.loads_log(rows)).discovery
        (peer,) = found.peers
        assert peer.suggested.cadence == {"spam-board": 1_000.0, "forum": 2.0}  # at most 1,000
        assert found.venues[0].rows == 5_000

    def test_the_golden_log_is_unchanged_by_discovery(self) -> None:
        report = em.listen(
            em.example("executive"), em.example_log("executive"), today=dt.date(2026, 11, 23)
        )
        assert report.discovery.used == report.observations
        assert not report.discovery.found


WORDS = ["gdpr", "data", "protection", "risk", "cio", "agile", "fines", "board"]
SEPARATORS = [" ", ", ", "-", "! ", " (", "\n"]


@st.composite
def _text(draw: st.DrawFn) -> tuple[str, list[tuple[str, bool]]]:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=12))
    tagged = [draw(st.booleans()) for _ in words]
    text = ""
    for word, tag in zip(words, tagged, strict=True):
        cased = draw(st.sampled_from([word, word.upper(), word.title()]))
        text += draw(st.sampled_from(SEPARATORS)) + ("#" if tag else "") + cased
    return text, list(zip(words, tagged, strict=True))


@st.composite
def _keyword(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return "#" + draw(st.sampled_from(WORDS)).upper()
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=MAX_KEYWORD_WORDS)))


def _occurs(keyword: str, words: list[tuple[str, bool]]) -> bool:
    """The keyword's words appear in a row in the text (a hashtag only as a hashtag)."""
    if keyword.startswith("#"):
        return (keyword[1:].lower(), True) in words
    wanted = keyword.split()
    plain = [word for word, _ in words]
    return any(plain[i : i + len(wanted)] == wanted for i in range(len(plain)))


class TestKeywordRules:
    @settings(max_examples=200, deadline=None)
    @given(_text(), st.lists(_keyword(), min_size=1, max_size=4))
    def test_a_rule_labels_a_row_iff_one_of_its_keywords_occurs(
        self, text: tuple[str, list[tuple[str, bool]]], keywords: list[str]
    ) -> None:
        written, words = text
        rules = LabelRules(topics={"risk": keywords})
        matches = rules.matches(written)
        expected = any(_occurs(keyword, words) for keyword in keywords)
        assert bool(matches) == expected
        if matches:
            assert _occurs(matches[0].keyword, words)

    @settings(max_examples=50, deadline=None)
    @given(st.lists(_text(), min_size=1, max_size=20))
    def test_a_loaded_row_carries_the_labels_and_why(
        self, texts: list[tuple[str, list[tuple[str, bool]]]]
    ) -> None:
        columns = {"rules": {"topics": {"risk": ["risk"]}, "segments": {"cio": ["#cio"]}}}
        rows = [{"date": "2026-11-03", "venue": "forum", "text": written} for written, _ in texts]
        log = em.loads_log(rows, columns=columns)
        for observation, (_, words) in zip(log.observations, texts, strict=True):
            assert ("risk" in observation.topics) == _occurs("risk", words)
            assert (observation.segment == "cio") == _occurs("#cio", words)
            assert {m.label for m in observation.matched} == {
                *(["risk"] if "risk" in observation.topics else []),
                *([observation.segment] if observation.segment else []),
            }

    def test_the_right_rule_among_hundreds_labels_a_long_text(self) -> None:
        many = {f"t{n}": [f"word{n} other{n}"] for n in range(900)}
        rules = LabelRules(topics=many)
        assert rules.matches("word5 other5 " * 1000)[0].label == "t5"

    @pytest.mark.parametrize(
        ("keywords", "message"),
        [
            (["#gdpr fines"], "mixes a hashtag"),
            (["!!!"], "has no word"),
            (["a b c d e f"], "at most 5"),
        ],
    )
    def test_unsearchable_keywords_are_refused(self, keywords: list[str], message: str) -> None:
        with pytest.raises(em.InvalidInputError, match=re.escape(message)):
            em.loads_log([], columns={"rules": {"topics": {"risk": keywords}}})

    def test_a_rule_for_a_label_the_profile_lacks_is_named_once(self) -> None:
        columns = {"rules": {"topics": {"golf": ["golf"]}}}
        rows = [{"date": "2026-11-03", "venue": "forum", "text": "golf golf"}] * 3
        with pytest.raises(em.InvalidInputError) as error:
            em.listen(_profile(), em.loads_log(rows, columns=columns))
        (problem,) = error.value.problems
        assert problem.path == "columns.rules.topics.golf"
        assert "known topics: agile, risk" in problem.message


def _candidate(targeted: int, others: int, unknown: int = 0) -> em.results.CandidateVenue:
    """The candidate venue of a log of ``targeted`` CIO, ``others`` other, ``unknown`` voices."""
    whos = ["cio"] * targeted + ["other"] * others + ["unknown"] * unknown
    report = em.listen(_profile(), em.loads_log(_rows_at(["reddit"] * len(whos), whos)))
    (venue,) = report.discovery.venues
    return venue


def _width(venue: em.results.CandidateVenue) -> float:
    assert venue.targeted_low is not None
    assert venue.targeted_high is not None
    return venue.targeted_high - venue.targeted_low


class TestTargetedShareInterval:
    """A share read from 3 voices says less than one read from 300, and shows it."""

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.tuples(st.sampled_from(["reddit", "hn", "mastodon"]), SPEAKERS),
            min_size=MIN_CANDIDATE_ROWS,
            max_size=80,
        )
    )
    def test_the_interval_holds_the_share_within_0_and_1_and_ranks_surest_first(
        self, rows: list[tuple[str, str]]
    ) -> None:
        log = em.loads_log(_rows_at(*map(list, zip(*rows, strict=True))))
        venues = em.listen(_profile(), log).discovery.venues
        for venue in venues:
            if venue.identified == 0:
                assert venue.targeted_share is venue.targeted_low is venue.targeted_high is None
                assert "no speaker" in venue.guesses["audience"]
                continue
            assert venue.targeted_share is not None
            assert venue.targeted_low is not None
            assert venue.targeted_high is not None
            assert 0.0 <= venue.targeted_low <= venue.targeted_share
            assert venue.targeted_share <= venue.targeted_high <= 1.0
        lows = [-1.0 if v.targeted_low is None else v.targeted_low for v in venues]
        assert lows == sorted(lows, reverse=True)

    @settings(max_examples=40, deadline=None)
    @given(
        st.integers(0, 60),
        st.integers(0, 60),
        st.integers(2, 4),
    )
    def test_the_interval_narrows_as_voices_grow_at_the_same_share(
        self, targeted: int, others: int, times: int
    ) -> None:
        if targeted + others == 0:
            targeted = 1
        few = _candidate(targeted, others, unknown=MIN_CANDIDATE_ROWS)
        many = _candidate(targeted * times, others * times, unknown=MIN_CANDIDATE_ROWS)
        assert many.targeted_share == pytest.approx(few.targeted_share)
        assert _width(many) < _width(few)

    @pytest.mark.parametrize(("targeted", "identified"), [(0, 3), (3, 3), (2, 7), (40, 120)])
    def test_the_interval_is_the_jeffreys_interval(self, targeted: int, identified: int) -> None:
        beta = pytest.importorskip("scipy.stats").beta
        venue = _candidate(targeted, identified - targeted)
        low, high = beta.ppf([0.05, 0.95], targeted + 0.5, identified - targeted + 0.5)
        # The ends of the shares seen (none or all targeted) are the share itself.
        low = 0.0 if targeted == 0 else low
        high = 1.0 if targeted == identified else high
        assert venue.targeted_low == pytest.approx(low, abs=0.01)
        assert venue.targeted_high == pytest.approx(high, abs=0.01)

    def test_a_sure_share_ranks_above_a_higher_one_from_three_voices(self) -> None:
        whos = ["cio"] * 3 + ["cio"] * 270 + ["other"] * 30
        venues = ["tiny"] * 3 + ["big"] * 300
        report = em.listen(_profile(), em.loads_log(_rows_at(venues, whos)))
        found = {venue.venue: venue for venue in report.discovery.venues}
        tiny, big = found["tiny"], found["big"]
        assert tiny.targeted_share == 1.0
        assert big.targeted_share == pytest.approx(0.9)
        assert [v.venue for v in report.discovery.venues] == ["big", "tiny"]
        # The few voices' share is called a guess, with its interval; the many voices' is not.
        assert "read from 3 identified voices" in tiny.guesses["audience"]
        assert "audience" not in big.guesses
        text, html = listening_text(report), report._repr_html_()
        assert html is not None
        for shown in (f"90% credible {tiny.targeted_low:.0%}-100%", "90% interval"):
            assert shown in text
            assert shown in html
        written = json.loads(report.model_dump_json())["discovery"]["venues"][1]
        assert written["targeted_low"] == tiny.targeted_low
        assert written["targeted_high"] == 1.0
