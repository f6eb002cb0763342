"""Every result shows itself: str() for a terminal, HTML for Jupyter, to_frame() for pandas."""

from __future__ import annotations

import datetime as dt
import html
import re
import sys

import pytest

import eminence as em
from eminence.model._base import Record
from eminence.report.listening import listening_text
from eminence.report.plan import plan_text
from eminence.testing import profile_data

TRIALS = 200


@pytest.fixture(scope="module")
def plan() -> em.Plan:
    return em.plan(em.example("consultant"), trials=TRIALS)


@pytest.fixture(scope="module")
def sensitivity() -> em.Sensitivity:
    return em.sensitivity(em.example("consultant"), hours=[1, 2, 4], trials=TRIALS)


@pytest.fixture(scope="module")
def comparison(plan: em.Plan) -> em.Comparison:
    planner = em.Planner(em.example("consultant"), trials=TRIALS)
    return em.compare(plan, planner.plan(4), labels=["now", "four hours"])


@pytest.fixture(scope="module")
def shown(
    plan: em.Plan, sensitivity: em.Sensitivity, comparison: em.Comparison
) -> dict[str, Record]:
    profile = em.example("executive")
    return {
        "profile": profile,
        "plan": plan,
        "priorities": plan.priorities,
        "allocation": plan.allocation,
        "projections": plan.projections,
        "sensitivity": sensitivity,
        "required": em.required_hours(
            profile, "practitioner-replies", confidence=0.8, trials=TRIALS
        ),
        "comparison": comparison,
        "listening": em.listen(profile, em.example_log("executive"), today=dt.date(2026, 11, 23)),
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
            "priorities",
            "allocation",
            "projections",
            "sensitivity",
            "required",
            "comparison",
            "listening",
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

    def test_plan_text_is_what_the_command_line_prints(self, plan: em.Plan) -> None:
        assert str(plan) == plan_text(plan)

    def test_listening_text_is_the_reports_str(self, shown: dict[str, Record]) -> None:
        report = shown["listening"]
        assert isinstance(report, em.ListeningReport)
        assert str(report) == listening_text(report)

    def test_footnotes_say_what_produced_each_table(
        self, plan: em.Plan, sensitivity: em.Sensitivity, comparison: em.Comparison
    ) -> None:
        for record in (plan.priorities, plan.allocation, sensitivity, comparison):
            assert record.footnote in str(record)
        assert plan.projections.footnote in str(plan.projections)


class TestReprsStayConstructorStyle:
    def test_repr_rebuilds_and_str_reads(self, plan: em.Plan) -> None:
        assert repr(plan.allocation).startswith("Allocation(hours_per_week=2.0, venues=(")
        assert str(plan.allocation).startswith("The weekly split\nvenue ")

    def test_records_without_a_view_keep_pydantic_text_and_no_html(self) -> None:
        estimate = em.Estimate(low=1, likely=2, high=3)
        assert estimate._repr_html_() is None
        assert str(estimate) == "low=1.0 likely=2.0 high=3.0"


class TestPlainText:
    def test_control_characters_in_names_cannot_drive_a_terminal(self) -> None:
        data = profile_data()
        data["name"] = "Ada\x1b[2J\nLovelace"
        data["venues"][0]["name"] = "Forum\x07 of\r\nrisk"
        plan = em.plan(em.Profile.model_validate(data), trials=TRIALS)
        text = str(plan)
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "\r" not in text
        assert text.startswith("Plan for Ada\\x1b[2J Lovelace: 3 h/week")
        assert "Forum\\x07 of risk" in text


class TestFrames:
    def test_one_row_per_record_one_column_per_field(
        self, plan: em.Plan, sensitivity: em.Sensitivity, comparison: em.Comparison
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
        assert list(projections["binding"]) == ["hours", "hours"]
        table = sensitivity.to_frame()
        assert len(table) == 3 * len(plan.projections.goals)
        assert sorted(set(table["hours_per_week"])) == [1.0, 2.0, 4.0]
        scenarios = comparison.to_frame()
        assert list(scenarios.columns[:3]) == ["scenario", "hours_per_week", "goal"]
        assert list(scenarios["scenario"]) == ["now", "now", "four hours", "four hours"]

    def test_missing_pandas_names_the_extra(
        self, plan: em.Plan, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(em.MissingExtraError, match=r"eminence\[pandas\]"):
            plan.priorities.to_frame()
