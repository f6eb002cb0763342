"""A live explorer for Jupyter (extra ``notebook``): sliders that replan and redraw.

The profile is prepared once as a `Planner` (rates, calendar, draws and ranking), so moving
the hours slider only re-splits the week and re-projects the goals: a fraction of a second,
fast enough to follow the slider.
"""

from __future__ import annotations

import io
from typing import Any

from eminence._blas import LIMIT
from eminence.errors import MissingExtraError
from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.planning import Plan, Planner
from eminence.report.blocks import Document, Section, Table
from eminence.report.charts import split_chart
from eminence.report.html import html_document
from eminence.report.plan import allocation_sections

__all__ = ("CONFIDENCES", "Explorer", "explore", "explorer_document")

CONFIDENCES = {"50%": 0.5, "80%": 0.8, "95%": 0.95}
"""The confidences a projection gives dates for: its P50, P80 and P95."""

TRIALS = 200
"""Draws behind each position of the slider: dates to within a week or two, replanned fast."""

_STEP = 0.25


def explore(
    profile: Profile,
    *,
    seed: int = 0,
    trials: int = TRIALS,
    max_hours_per_week: float | None = None,
) -> Explorer:
    """Sliders over hours per week and confidence that replan the profile as they move.

    ``max_hours_per_week`` ends the hours slider (by default four times the profile's hours,
    at least 10). Show the result in a notebook cell; its ``plan`` is the plan on display.
    """
    return Explorer(profile, seed=seed, trials=trials, max_hours_per_week=max_hours_per_week)


class Explorer:
    """The widgets of `explore`: ``hours`` and ``confidence`` sliders, a chart and tables."""

    def __init__(
        self,
        profile: Profile,
        *,
        seed: int = 0,
        trials: int = TRIALS,
        max_hours_per_week: float | None = None,
    ) -> None:
        widgets = _widgets()
        self.planner = Planner(profile, seed=seed, trials=trials)
        own = profile.capacity.hours_per_week
        # Below the venues' committed minimums no split exists, so the slider stops there.
        lowest = min(own, max(self.planner.model.committed_hours, _STEP))
        highest = min(168.0, max(max_hours_per_week or max(4 * own, 10.0), own))
        self.hours = widgets.FloatSlider(
            value=own,
            min=lowest,
            max=highest,
            step=_STEP,
            description="h/week",
            continuous_update=False,
        )
        self.confidence = widgets.SelectionSlider(
            options=list(CONFIDENCES.items()), value=0.8, description="confidence"
        )
        self.chart = widgets.Image(format="png")
        self.tables = widgets.HTML()
        self.widget = widgets.VBox(
            [widgets.HBox([self.hours, self.confidence]), self.chart, self.tables]
        )
        self.plan: Plan = self._planned()
        self.hours.observe(self._replan, names="value")
        self.confidence.observe(self._show_tables, names="value")
        self._show_chart()
        self._show_tables()

    def _repr_mimebundle_(self, **options: Any) -> Any:
        return self.widget._repr_mimebundle_(**options)

    def _planned(self, hours_per_week: float | None = None) -> Plan:
        """The plan at these hours, with one BLAS thread: more only wait for each other."""
        with LIMIT.held():
            return self.planner.plan(hours_per_week)

    def _replan(self, change: object = None) -> None:
        self.plan = self._planned(float(self.hours.value))
        self._show_chart()
        self._show_tables()

    def _show_chart(self) -> None:
        from matplotlib.figure import Figure

        figure = Figure(figsize=(7.0, 2.5), layout="constrained")
        split_chart(self.plan, ax=figure.subplots())
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=80)
        self.chart.value = png.getvalue()

    def _show_tables(self, change: object = None) -> None:
        self.tables.value = html_document(explorer_document(self.plan, self.confidence.value))


def explorer_document(plan: Plan, confidence: float) -> Document:
    """The split, then each goal's date at ``confidence`` and whether it meets its deadline."""
    label = next(name for name, value in CONFIDENCES.items() if value == confidence)
    field = f"p{round(confidence * 100)}"
    names = {goal.id: goal.name or goal.id for goal in plan.profile.goals}
    rows = []
    for goal in plan.projections.goals:
        day = getattr(goal, field)
        chance = goal.chance_by_deadline
        rows.append(
            (
                names[goal.goal],
                "-" if day is None else day.isoformat(),
                "-" if goal.deadline is None else goal.deadline.isoformat(),
                "-" if chance is None else figures.chance(chance),
                "-" if chance is None else ("yes" if chance >= confidence else "no"),
            )
        )
    goals = Table(
        ["goal", f"reached with {label} confidence by", "deadline", "chance", f"met at {label}"],
        rows,
        footnote=plan.projections.footnote,
    )
    return Document(
        f"{figures.hours_per_week(plan.allocation.hours_per_week)} h/week",
        [
            *allocation_sections(plan.allocation, plan.profile),
            Section("When the goals are reached", [goals]),
        ],
    )


def _widgets() -> Any:
    try:
        import ipywidgets
    except ImportError:
        raise MissingExtraError("ipywidgets", "notebook", "the explorer") from None
    return ipywidgets
