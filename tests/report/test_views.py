"""Every result shows itself: str() for a terminal, HTML for Jupyter, to_frame() for pandas."""

from __future__ import annotations

import datetime as dt
import html
import re
import sys

import pytest

import eminence as em
from eminence.model import _figures as figures
from eminence.model._base import Record
from eminence.report.blocks import Table
from eminence.report.costs import costs_section
from eminence.report.listening_report import listening_text
from eminence.report.plan import plan_text
from eminence.report.reforecast import tracking_text
from eminence.testing import profile_data, small_profile

TRIALS = 200

HEADINGS = {
    "What to do first",
    "Recurring work",
    "Key dates",
    "Not placed",
    "Plan against actual",
    "Week by week",
    "Venues against the plan",
    "Value over activity",
    "Should the split change?",
    "What the log changed",
    "Re-forecast",
    "Re-forecast from now on",
    "The weekly split",
    "When the goals are reached",
    "What binds",
}


@pytest.fixture(scope="module")
def plan() -> em.results.Plan:
    return em.plan(em.example("consultant"), trials=TRIALS)


@pytest.fixture(scope="module")
def sensitivity() -> em.results.Sensitivity:
    return em.sensitivity(em.example("consultant"), hours=[1, 2, 4], trials=TRIALS)


@pytest.fixture(scope="module")
def comparison(plan: em.results.Plan) -> em.results.Comparison:
    planner = em.Planner(em.example("consultant"), trials=TRIALS)
    return em.compare(plan, planner.plan(4), labels=["now", "four hours"])


@pytest.fixture(scope="module")
def reforecast() -> em.results.Reforecast:
    return em.reforecast(
        em.example("consultant"),
        em.example_progress("consultant"),
        today=dt.date(2027, 4, 25),
        trials=TRIALS,
    )


@pytest.fixture(scope="module")
def shown(
    plan: em.results.Plan,
    sensitivity: em.results.Sensitivity,
    comparison: em.results.Comparison,
    reforecast: em.results.Reforecast,
) -> dict[str, Record]:
    profile = em.example("executive")
    return {
        "profile": profile,
        "plan": plan,
        "summary": plan.summary(),
        "priorities": plan.priorities,
        "allocation": plan.allocation,
        "projections": plan.projections,
        "sensitivity": sensitivity,
        "required": em.required_hours(
            profile, "practitioner-replies", confidence=0.8, trials=TRIALS
        ),
        "comparison": comparison,
        "listening": em.listen(profile, em.example_log("executive"), today=dt.date(2026, 11, 23)),
        "schedule": plan.schedule,
        "costs": plan.costs,
        "reforecast": reforecast,
        "goal track": reforecast.goal("invitations-to-advise"),
    }


def _cells(text: str) -> list[str]:
    """The cells of the text tables: runs of characters between column gaps."""
    return [
        cell
        for line in text.splitlines()
        if not line.startswith("-")
        for cell in re.split(r"\s{2,}", line.strip())
        if cell and not set(cell) <= {"-"}
    ]


class TestTextAndHtmlMatch:
    @pytest.mark.parametrize(
        "name",
        [
            "profile",
            "plan",
            "summary",
            "priorities",
            "allocation",
            "projections",
            "sensitivity",
            "required",
            "comparison",
            "listening",
            "schedule",
            "costs",
            "reforecast",
            "goal track",
        ],
    )
    def test_every_text_cell_is_in_the_html(self, shown: dict[str, Record], name: str) -> None:
        record = shown[name]
        markup = record._repr_html_()
        assert markup is not None
        assert markup.startswith('<div class="eminence">')
        text = str(record)
        for cell in _cells(text):
            # Bullets are list items in HTML; everything else appears as it reads.
            assert html.escape(cell.removeprefix("- ")) in markup, (name, cell)

    def test_plan_text_is_what_the_command_line_prints(self, plan: em.results.Plan) -> None:
        assert str(plan) == plan_text(plan)

    def test_listening_text_is_the_reports_str(self, shown: dict[str, Record]) -> None:
        report = shown["listening"]
        assert isinstance(report, em.results.ListeningReport)
        assert str(report) == listening_text(report)

    def test_footnotes_say_what_produced_each_table(
        self,
        plan: em.results.Plan,
        sensitivity: em.results.Sensitivity,
        comparison: em.results.Comparison,
        reforecast: em.results.Reforecast,
    ) -> None:
        for record in (plan.priorities, plan.allocation, sensitivity, comparison, plan.costs):
            assert record.footnote in str(record)
        assert plan.projections.footnote in str(plan.projections)
        assert reforecast.footnote in str(reforecast)
        assert "scheduled items to 2031-12-28, times in America/Chicago" in str(plan.schedule)


class TestScheduleView:
    def test_first_weeks_recurring_work_and_key_dates(self, plan: em.results.Plan) -> None:
        schedule = plan.schedule
        text = str(schedule)
        headings = [line for line in text.splitlines() if line in HEADINGS]
        unplaced = schedule.unplaced_hours > 0 or schedule.dropped_hours > 0
        assert headings == ["What to do first", "Recurring work", "Key dates"] + (
            ["Not placed"] if unplaced else []
        )
        for item in schedule.items:
            if item.rule is not None:
                assert f"{item.day.isoformat()}  {item.until}  {item.rule}" in text
            elif item.kind in (em.results.ItemKind.EVENT, em.results.ItemKind.PROPOSAL_DEADLINE):
                assert f"{item.day:%a %Y-%m-%d}  {item.title}" in text
        if schedule.unplaced_hours > 0:
            placed_late = figures.hours(schedule.unplaced_hours)
            assert f"{placed_late} h of event preparation found no free slot" in text


class TestCostsView:
    @staticmethod
    def _per_goal(costs: em.results.Costs) -> list[tuple[str, str]]:
        """The per-outcome and break-even cells of each goal, as shown."""
        table = costs_section(costs).blocks[1]
        assert isinstance(table, Table)
        return [(str(row[4]), str(row[5])) for row in table.rows]

    def test_nothing_priced_shows_no_cost_per_outcome_rather_than_zero(self) -> None:
        data = profile_data()
        del data["capacity"]["hourly_rate"]
        data["venues"][1]["events"][0]["fee"] = 0
        costs = em.plan(em.model.Profile.model_validate(data), trials=TRIALS).costs
        assert [goal.cost for goal in costs.goals] == [0, 0]
        assert self._per_goal(costs) == [("-", "-"), ("-", "-")]

    def test_priced_hours_show_the_cost_per_outcome(self, plan: em.results.Plan) -> None:
        advise, conversations = plan.costs.goals
        assert advise.cost_per_outcome is not None
        assert advise.break_even_share is not None
        assert conversations.cost_per_outcome is not None
        assert self._per_goal(plan.costs) == [
            (f"{advise.cost_per_outcome:,.0f}", f"{advise.break_even_share:.1%}"),
            (f"{conversations.cost_per_outcome:,.0f}", "-"),
        ]


class TestReforecastView:
    def test_text_is_what_track_prints(self, reforecast: em.results.Reforecast) -> None:
        assert str(reforecast) == tracking_text(reforecast)

    def test_every_part_in_order(self, reforecast: em.results.Reforecast) -> None:
        text = str(reforecast)
        assert text.startswith(
            "Tracking Dana Whitfield, project-management consultant: 25 entries, 37.5 h logged, "
            "as of 2027-04-25\n"
        )
        headings = [line for line in text.splitlines() if line in HEADINGS]
        assert headings == [
            "Plan against actual",
            "Week by week",
            "Venues against the plan",
            "Value over activity",
            "Should the split change?",
            "What the log changed",
            "Re-forecast from now on",
            "The weekly split",
            "When the goals are reached",
            "What binds",
        ]
        assert "- FLAG Three inbound requests to advise, review or speak: activity grew" in text

    def test_yields_read_as_numbers_not_exponents(self, reforecast: em.results.Reforecast) -> None:
        text = str(reforecast)
        assert "e+0" not in text
        assert "LinkedIn                          impressions              8.2    25,500" in text

    def test_a_goal_on_its_own(self, reforecast: em.results.Reforecast) -> None:
        goal = reforecast.goal("qualified-conversations")
        text = str(goal)
        assert text.startswith("Plan against actual\ngoal")
        assert goal.name in text
        assert "Three inbound requests" not in text

    def test_every_goal_reached_leaves_nothing_to_forecast(self) -> None:
        log = em.loads_progress(
            "date,venue,hours,contributions,requests,replies\n2027-01-20,forum,40,30,300,3000\n",
            format="csv",
        )
        result = em.reforecast(small_profile(), log, today=dt.date(2027, 1, 31), trials=TRIALS)
        assert result.forecast is None
        text = str(result)
        assert text.endswith("Re-forecast\nEvery goal is reached: nothing left to forecast.")
        assert text.count("reached 2027-01-24") == 2


class TestCounts:
    def test_one_of_a_kind_is_singular(self) -> None:
        data = profile_data()
        del data["venues"][1]
        del data["goals"][1]
        data["peers"] = []
        profile = em.model.Profile.model_validate(data)
        plan = em.plan(profile, trials=TRIALS)
        log = em.loads_progress("date,venue,hours\n2027-01-05,forum,1\n", format="csv")
        result = em.reforecast(profile, log, today=dt.date(2027, 1, 10), trials=TRIALS)
        texts = [str(record) for record in (profile, plan, result)]
        assert "1 venue and 0 events ranked" in texts[1]
        assert "1 goal projected" in texts[1]
        assert "1 entry, 1 h logged" in texts[2]
        for text in texts:
            assert not re.search(r"\b1 (venue|goal|event|week|entrie|observation|item)s\b", text)


class TestReprsStayConstructorStyle:
    def test_repr_rebuilds_and_str_reads(self, plan: em.results.Plan) -> None:
        assert repr(plan.allocation).startswith("Allocation(hours_per_week=2.0, venues=(")
        assert str(plan.allocation).startswith("The weekly split\nvenue ")

    def test_records_without_a_view_keep_pydantic_text_and_no_html(self) -> None:
        estimate = em.model.Estimate(low=1, likely=2, high=3)
        assert estimate._repr_html_() is None
        assert str(estimate) == "low=1.0 likely=2.0 high=3.0"


class TestPlainText:
    def test_control_characters_in_names_cannot_drive_a_terminal(self) -> None:
        data = profile_data()
        data["name"] = "Ada\x1b[2J\nLovelace"
        data["venues"][0]["name"] = "Forum\x07 of\r\nrisk"
        plan = em.plan(em.model.Profile.model_validate(data), trials=TRIALS)
        text = str(plan)
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "\r" not in text
        assert text.startswith("Plan for Ada\\x1b[2J Lovelace: 3 h/week")
        assert "Forum\\x07 of risk" in text


@pytest.mark.extra("pandas")
class TestFrames:
    def test_one_row_per_record_one_column_per_field(
        self,
        plan: em.results.Plan,
        sensitivity: em.results.Sensitivity,
        comparison: em.results.Comparison,
    ) -> None:
        priorities = plan.priorities.to_frame()
        assert list(priorities["name"]) == [item.name for item in plan.priorities.items]
        assert "by_goal" not in priorities.columns
        allocation = plan.allocation.to_frame()
        assert allocation["hours_per_week"].sum() == pytest.approx(2.0)
        assert allocation.loc[allocation["venue"] == "linkedin", "active_from"].item() == (
            plan.allocation.venue("linkedin").active_from
        )
        projections = plan.projections.to_frame()
        assert list(projections["goal"]) == [goal.goal for goal in plan.projections.goals]
        assert list(projections["binding"]) == ["deadline", "hours"]
        table = sensitivity.to_frame()
        assert len(table) == 3 * len(plan.projections.goals)
        assert sorted(set(table["hours_per_week"])) == [1.0, 2.0, 4.0]
        scenarios = comparison.to_frame()
        assert list(scenarios.columns[:3]) == ["scenario", "hours_per_week", "goal"]
        assert list(scenarios["scenario"]) == ["now", "now", "four hours", "four hours"]

    def test_schedule_and_costs(self, plan: em.results.Plan) -> None:
        items = plan.schedule.to_frame()
        assert list(items["uid"]) == [item.uid for item in plan.schedule.items]
        assert list(items["rule"].dropna()) == [
            item.rule for item in plan.schedule.items if item.rule is not None
        ]
        costs = plan.costs.to_frame()
        assert list(costs["part"]) == ["venue", "venue", "event", "event"]
        assert costs["hours"].sum() == pytest.approx(plan.costs.hours)
        assert (costs["time_cost"] + costs["money"]).sum() == pytest.approx(plan.costs.total)

    def test_reforecast_one_row_per_goal_and_week(self, reforecast: em.results.Reforecast) -> None:
        weeks = reforecast.to_frame()
        assert list(weeks.columns) == ["goal", "week_ending", "hours", "planned", "actual"]
        assert len(weeks) == sum(len(goal.weeks) for goal in reforecast.goals)
        last = weeks.groupby("goal")["actual"].last()
        for goal in reforecast.goals:
            assert last[goal.goal] == pytest.approx(goal.achieved)
        one = reforecast.goals[0].to_frame()
        assert list(one["planned"]) == [week.planned for week in reforecast.goals[0].weeks]

    def test_missing_pandas_names_the_extra(
        self, plan: em.results.Plan, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(em.MissingExtraError, match=r"eminence\[pandas\]"):
            plan.priorities.to_frame()
