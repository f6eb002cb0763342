"""The summary: the plan's decisions, faithful to the plan, in a few kilobytes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import eminence as em
from eminence.cli import main
from eminence.planning.results.summary import SUMMARY_WEEKS, week_summaries
from eminence.testing import profile_data

TRIALS = 200
MAX_BYTES = 4_096


@pytest.fixture(scope="module", params=em.examples())
def plan(request: pytest.FixtureRequest) -> em.results.Plan:
    return em.plan(em.example(request.param), trials=TRIALS)


class TestSmall:
    @pytest.mark.parametrize("name", em.examples())
    def test_every_bundled_example_fits_in_4_kb_as_json(self, name: str) -> None:
        # The default trials: the size a browser or a language model would be sent.
        summary = em.plan(em.example(name)).summary()
        assert len(summary.model_dump_json().encode("utf-8")) <= MAX_BYTES


class TestFaithful:
    def test_each_goal_as_projected(self, plan: em.results.Plan) -> None:
        summary = plan.summary()
        assert [goal.goal for goal in summary.goals] == [p.goal for p in plan.projections.goals]
        for goal, projection in zip(summary.goals, plan.projections.goals, strict=True):
            assert goal.name == (plan.profile.goal(goal.goal).name or goal.goal)
            dates = (goal.expected_date, goal.p50, goal.p80, goal.p95, goal.deadline)
            assert dates == (
                projection.expected_date,
                projection.p50,
                projection.p80,
                projection.p95,
                projection.deadline,
            )
            assert (goal.binding, goal.explanation) == (projection.binding, projection.explanation)
            if projection.chance_by_deadline is None:
                assert goal.chance_by_deadline is None
            else:
                assert goal.chance_by_deadline == pytest.approx(
                    projection.chance_by_deadline, abs=5e-4
                )

    def test_each_venue_with_hours_most_first(self, plan: em.results.Plan) -> None:
        summary = plan.summary()
        placed = [venue for venue in plan.allocation.venues if venue.hours_per_week > 0]
        assert {venue.venue for venue in summary.venues} == {venue.venue for venue in placed}
        hours = [venue.hours_per_week for venue in summary.venues]
        assert hours == sorted(hours, reverse=True)
        for venue in summary.venues:
            split = plan.allocation.venue(venue.venue)
            assert venue.hours_per_week == pytest.approx(split.hours_per_week, abs=5e-3)
            assert (venue.listening_from, venue.active_from) == (
                split.listening_from,
                split.active_from,
            )

    def test_the_next_weeks_hold_every_block_of_the_schedule(self, plan: em.results.Plan) -> None:
        summary = plan.summary()
        start = plan.schedule.start
        assert [week.start for week in summary.weeks] == [
            start + dt.timedelta(weeks=index) for index in range(SUMMARY_WEEKS)
        ]
        for week in summary.weeks:
            occurrences = plan.schedule.occurrences(week.start, week.start + dt.timedelta(days=6))
            assert sum(work.days for work in week.work) == len(
                {(o.kind, o.venue, o.event, o.day) for o in occurrences}
            )
            blocks = sum(o.hours for o in occurrences)
            assert week.hours == pytest.approx(blocks, abs=5e-3)
            rounding = 5e-3 * len(week.work)
            assert sum(work.hours for work in week.work) == pytest.approx(blocks, abs=rounding)

    @pytest.mark.parametrize("weeks", [1, 13, 14, 104])
    def test_weeks_of_the_schedule_are_each_week_read_alone(
        self, plan: em.results.Plan, weeks: int, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # Read a quarter at a time, not once a week (each read walks the rules from their
        # start): the same weeks, to the bit, as each read on its own.
        first = plan.schedule.start + dt.timedelta(weeks=200)
        alone = [
            week_summaries(plan.schedule, first + dt.timedelta(weeks=w), 1)[0] for w in range(weeks)
        ]
        reads: list[object] = []
        occurrences = type(plan.schedule).occurrences

        def read(schedule: em.results.Schedule, *args: Any, **kwargs: Any) -> Any:
            reads.append(args)
            return occurrences(schedule, *args, **kwargs)

        monkeypatch.setattr(type(plan.schedule), "occurrences", read)
        assert list(week_summaries(plan.schedule, first, weeks)) == alone
        assert len(reads) == -(-weeks // 13)

    def test_costs_and_notes(self, plan: em.results.Plan) -> None:
        summary = plan.summary()
        assert summary.costs.weeks == plan.costs.weeks
        assert summary.costs.hours == pytest.approx(plan.costs.hours, abs=5e-3)
        assert summary.costs.total == pytest.approx(plan.costs.total, abs=5e-3)
        assert summary.notes == plan.notes


class TestARecord:
    def test_frozen(self, plan: em.results.Plan) -> None:
        with pytest.raises(ValueError, match="frozen"):
            plan.summary().seed = 1  # type: ignore[misc]

    def test_reads_back_equal_and_is_the_same_bytes_each_time(self, plan: em.results.Plan) -> None:
        written = plan.summary().model_dump_json()
        assert em.results.Summary.model_validate_json(written) == plan.summary()
        assert plan.summary().model_dump_json() == written

    def test_text_and_html(self, plan: em.results.Plan) -> None:
        summary = plan.summary()
        text = str(summary)
        assert text.startswith(f"Summary of the plan for {plan.profile.name}:")
        markup = summary._repr_html_()
        assert markup is not None
        for goal in summary.goals:
            assert goal.name in text
            assert goal.name in markup


class TestCommandLine:
    def test_plan_summary_prints_the_summary(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "me.json"
        path.write_text(json.dumps(profile_data()), "utf-8")
        assert main(["plan", str(path), "--summary"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("Summary of the plan for")
        assert "The next weeks" in out

    def test_summary_json_for_tools(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["demo", "executive", "--summary", "--json"]) == 0
        summary = em.results.Summary.model_validate_json(capsys.readouterr().out)
        assert summary == em.plan(em.example("executive")).summary()
