"""Charts draw headless on every bundled example, on a given Axes or a new one."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
import pytest

import eminence as em
from eminence.testing import profile_data

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D

pytest.importorskip("matplotlib").use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")

TRIALS = 200


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="module", params=em.examples())
def plan(request: pytest.FixtureRequest) -> em.results.Plan:
    return em.plan(em.example(request.param), trials=TRIALS)


def _drawn(ax: Axes) -> None:
    """Render the figure, as a notebook would: a bad label fails only here."""
    ax.figure.canvas.draw()


class TestSplitChart:
    def test_a_bar_per_venue_with_hours(self, plan: em.results.Plan) -> None:
        ax = em.charts.split_chart(plan)
        _drawn(ax)
        with_hours = [v for v in plan.allocation.venues if v.hours_per_week > 0]
        assert len(ax.patches) == len(with_hours) + (plan.allocation.leftover_hours_per_week > 1e-9)
        widths = sorted(patch.get_width() for patch in ax.patches)  # type: ignore[attr-defined]
        assert widths == pytest.approx(sorted(v.hours_per_week for v in with_hours))

    def test_draws_on_the_axes_it_is_given(self, plan: em.results.Plan) -> None:
        _, (left, right) = plt.subplots(1, 2)
        assert em.charts.split_chart(plan.allocation, ax=right) is right
        assert not left.patches


class TestSensitivityChart:
    def test_a_line_per_goal(self, plan: em.results.Plan) -> None:
        own = plan.profile.capacity.hours_per_week
        table = em.sensitivity(plan.profile, hours=[own / 2, own, own * 2], trials=TRIALS)
        ax = em.charts.sensitivity_chart(table)
        _drawn(ax)
        labels = [line.get_label() for line in ax.get_lines()]
        for goal in plan.profile.goals:
            assert goal.id in labels

    def test_one_goal_on_a_given_axes(self) -> None:
        table = em.sensitivity(em.example("executive"), hours=[2, 4], trials=TRIALS)
        _, ax = plt.subplots()
        assert em.charts.sensitivity_chart(table, goal="target-account-leads", ax=ax) is ax
        assert ax.get_lines()[0].get_label() == "target-account-leads"

    def test_unknown_goal_is_a_clear_error(self) -> None:
        table = em.sensitivity(em.example("executive"), hours=[2], trials=TRIALS)
        with pytest.raises(em.EminenceError, match="unknown goal 'nope'"):
            em.charts.sensitivity_chart(table, goal="nope")


class TestTimelineChart:
    def test_phases_events_and_deadlines(self, plan: em.results.Plan) -> None:
        ax = em.charts.timeline_chart(plan)
        _drawn(ax)
        shown = [label.get_text() for label in ax.get_yticklabels()]
        for venue in plan.allocation.venues:
            if venue.hours_per_week > 0:
                assert venue.name[:20] in " ".join(shown)
        deadlines = [goal for goal in plan.profile.goals if goal.deadline is not None]
        dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
        assert len(dashed) == len(deadlines)

    def test_each_goal_has_a_row_of_its_own(self, plan: em.results.Plan) -> None:
        ax = em.charts.timeline_chart(plan)
        shown = [label.get_text() for label in ax.get_yticklabels()]
        for goal in plan.profile.goals:
            assert (goal.name or goal.id)[:20] in " ".join(shown)

    @pytest.mark.parametrize("long", [False, True])
    def test_no_text_leaves_the_figure_or_covers_another(
        self, plan: em.results.Plan, long: bool
    ) -> None:
        profile = plan.profile
        if long:  # long names, and every goal due on one day
            data = profile.model_dump(mode="json")
            for index, goal in enumerate(data["goals"]):
                goal["name"] = f"Goal {index} with a long name that keeps going and going"
                goal["deadline"] = (profile.capacity.start + dt.timedelta(weeks=20)).isoformat()
            profile = em.model.Profile.model_validate(data)
        ax = em.charts.timeline_chart(em.plan(profile, trials=TRIALS))
        _drawn(ax)
        renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
        texts = [*ax.texts, *ax.get_xticklabels(), *ax.get_yticklabels(), ax.title]
        boxes = [text.get_window_extent(renderer) for text in texts if text.get_text()]
        whole = ax.figure.bbox
        for box in boxes:
            assert whole.x0 <= box.x0 <= box.x1 <= whole.x1
            assert whole.y0 <= box.y0 <= box.y1 <= whole.y1
        for index, box in enumerate(boxes):
            assert not any(box.overlaps(other) for other in boxes[index + 1 :])

    def test_until_cuts_the_timeline(self, plan: em.results.Plan) -> None:
        until = plan.profile.capacity.start + dt.timedelta(weeks=10)
        ax = em.charts.timeline_chart(plan, until=until)
        assert ax.get_xlim()[1] - ax.get_xlim()[0] == pytest.approx(70)

    def test_until_before_the_start_is_a_clear_error(self, plan: em.results.Plan) -> None:
        with pytest.raises(em.EminenceError, match="not after the start"):
            em.charts.timeline_chart(plan, until=plan.profile.capacity.start)


class TestProjectionChart:
    def test_a_fan_per_goal_on_one_scale(self, plan: em.results.Plan) -> None:
        ax = em.charts.projection_chart(plan)
        _drawn(ax)
        goals = plan.projections.goals
        assert len(ax.collections) == len(goals)  # one P10 to P90 band each
        vertical = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
        assert len(vertical) == sum(goal.deadline is not None for goal in goals)
        (target,) = [line for line in ax.get_lines() if line.get_linestyle() == "-."]
        assert _ys(target) == [1.0, 1.0]  # shares of each target
        legend = _legend(ax)
        for goal in plan.profile.goals:
            assert any(label.startswith((goal.name or goal.id)[:20]) for label in legend)

    def test_each_goal_alone_in_its_own_units(self, plan: em.results.Plan) -> None:
        for goal in plan.projections.goals:
            _, ax = plt.subplots()
            assert em.charts.projection_chart(plan, goal=goal.goal, ax=ax) is ax
            _drawn(ax)
            lines = ax.get_lines()
            (expected,) = [line for line in lines if line.get_label() == "expected"]
            (median,) = [line for line in lines if line.get_linestyle() == ":"]
            shown = len(_ys(expected))
            assert _ys(expected) == list(goal.progress.expected[:shown])
            assert _ys(median) == list(goal.progress.median[:shown])
            (target,) = [line for line in lines if line.get_linestyle() == "-."]
            assert _ys(target) == [goal.target, goal.target]
            dots = [line for line in lines if line.get_marker() == "o"]
            if goal.expected_date is None:
                assert not dots
            else:
                (dot,) = dots
                assert _ys(dot) == [goal.target]
                assert goal.expected_date.isoformat() in [text.get_text() for text in ax.texts]
            plt.close("all")

    def test_runs_past_the_last_date_that_matters_within_the_horizon(
        self, plan: em.results.Plan
    ) -> None:
        ax = em.charts.projection_chart(plan)
        start, end = ax.get_xlim()
        goals = plan.projections.goals
        horizon = max(goal.progress.dates[-1] for goal in goals)
        assert start == pytest.approx(_day(plan.profile.capacity.start))
        assert end <= _day(horizon)
        for goal in goals:
            for day in (goal.p95, goal.deadline):
                if day is not None:
                    assert end >= _day(day)

    def test_takes_the_projections_or_one_projection(self, plan: em.results.Plan) -> None:
        first = plan.projections.goals[0]
        assert (
            em.charts.projection_chart(plan.projections).get_title() == "Progress toward each goal"
        )
        assert em.charts.projection_chart(first).get_title() == f"Progress toward {first.goal}"

    def test_unknown_goal_is_a_clear_error(self, plan: em.results.Plan) -> None:
        with pytest.raises(em.UnknownReferenceError, match="unknown goal 'nope'; known goals: "):
            em.charts.projection_chart(plan, goal="nope")


def _ys(line: Line2D) -> list[float]:
    values: list[float] = np.asarray(line.get_ydata(), dtype=float).tolist()
    return values


def _legend(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [text.get_text() for text in legend.get_texts()]


def _day(day: dt.date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(day))  # type: ignore[no-untyped-call]


class TestHostileNames:
    def test_mathtext_and_control_characters_are_drawn_as_text(self) -> None:
        data = profile_data()
        data["venues"][0]["name"] = "Cost $x^{ of \x1b[2J forum $"
        data["goals"][1]["name"] = "$\\frac{"
        plan = em.plan(em.model.Profile.model_validate(data), trials=TRIALS)
        for ax in (em.charts.split_chart(plan), em.charts.timeline_chart(plan)):
            _drawn(ax)
            labels = [label.get_text() for label in ax.get_yticklabels()]
            assert any(label.startswith(r"Cost \$x^{ of \x1b") for label in labels)
        ax = em.charts.projection_chart(plan)
        _drawn(ax)
        assert any(label.startswith(r"\$\frac{ (expected") for label in _legend(ax))
        ax = em.charts.projection_chart(plan, goal=data["goals"][1]["id"])
        _drawn(ax)
        assert ax.get_title() == r"Progress toward \$\frac{"


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = em.plan(em.example("consultant"), trials=TRIALS)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(em.MissingExtraError, match=r"eminence\[plot\]"):
        em.charts.split_chart(plan)
