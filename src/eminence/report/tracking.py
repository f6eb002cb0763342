"""A re-forecast as text: plan against actual, what the log taught, and the plan from now on."""

from __future__ import annotations

from eminence.planning.tracking import Reforecast, Verdict
from eminence.report.blocks import Document
from eminence.report.plan import allocation_sections, projections_sections
from eminence.report.table import text_document, text_table

__all__ = ("tracking_text",)


def tracking_text(result: Reforecast) -> str:
    """Every part of a re-forecast, readable in a terminal."""
    profile = result.plan.profile
    head = (
        f"Tracking {profile.name}: {result.entries} entries, {result.hours:g} h logged, "
        f"as of {result.today.isoformat()}"
    )
    parts = [head, "Plan against actual", _goals(result), "Week by week", _weeks(result)]
    parts += ["Venues against the plan", _yields(result), "Value over activity", _value(result)]
    if result.forecast is None:
        parts += ["Every goal is reached: nothing left to forecast."]
    else:
        parts += ["Should the split change?", _split(result)]
        if result.changes:
            parts += ["What the log changed", "\n".join(f"- {c}" for c in result.changes)]
        forecast = result.forecast
        names = {goal.id: goal.name or goal.id for goal in forecast.profile.goals}
        sections = allocation_sections(forecast.allocation)
        sections += projections_sections(forecast.projections, names)
        parts += ["Re-forecast from now on", text_document(Document("", sections))]
    return "\n\n".join(parts)


def _goals(result: Reforecast) -> str:
    rows = []
    for goal in result.goals:
        forecast = goal.forecast
        rows.append(
            (
                goal.name,
                f"{goal.target:,.6g}" + (" (level)" if goal.stock else ""),
                f"{goal.planned:,.2f}",
                f"{goal.achieved:,.2f}",
                f"{goal.ahead:+,.2f}",
                str(goal.planned_projection.expected_date or "-"),
                str(goal.reached_on or "reached")
                if forecast is None
                else str(forecast.expected_date or "-"),
                "-"
                if forecast is None or forecast.chance_by_deadline is None
                else f"{forecast.chance_by_deadline:.0%}",
            )
        )
    return text_table(
        ["goal", "target", "planned", "achieved", "ahead", "expected before", "now", "chance"],
        rows,
        footnote=result.footnote + "; amounts in the plan's units (outcomes weighted by the "
        "share of the goal's segments and the expertise fit)",
    )


def _weeks(result: Reforecast) -> str:
    headers = ["week ending"]
    for goal in result.goals:
        headers += [f"{goal.goal} plan", "actual"]
    rows = [
        (
            str(week.week_ending),
            *(
                f"{value:,.2f}"
                for goal in result.goals
                for value in (goal.weeks[k].planned, goal.weeks[k].actual)
            ),
        )
        for k, week in enumerate(result.goals[0].weeks if result.goals else ())
    ]
    return text_table(headers, rows, footnote="cumulative (a stock's level) at each week's end")


_VERDICT = {Verdict.BETTER: "better", Verdict.WORSE: "worse", Verdict.AS_PLANNED: "as planned"}


def _yields(result: Reforecast) -> str:
    if not result.yields:
        return "No contributions logged yet: nothing to learn from."
    rows = [
        (
            item.name,
            item.metric,
            f"{item.contributions:.1f}",
            f"{item.observed:,.6g}",
            f"{item.prior_mean:,.3g}",
            f"{item.mean:,.3g} ({item.low:,.3g}-{item.high:,.3g})",
            _VERDICT[item.verdict] + ("" if item.updated else " (kept: certain)"),
        )
        for item in result.yields
    ]
    return text_table(
        ["venue", "metric", "contributions", "observed", "plan/contribution", "now", "verdict"],
        rows,
        footnote="effective contributions; 'now' is the posterior mean with its 90 % interval",
    )


def _value(result: Reforecast) -> str:
    lines = []
    for goal in result.goals:
        value = goal.value
        per_hour = value.outcomes_per_hour
        rate = "-" if per_hour is None else f"{per_hour:.2f}"
        mark = "FLAG " if value.flagged else ""
        lines.append(
            f"- {mark}{goal.name}: {value.outcomes:g} {', '.join(value.metrics)} from "
            f"{value.hours:g} h ({rate} an hour); {value.reason}"
        )
    return "\n".join(lines)


def _split(result: Reforecast) -> str:
    rows = [
        (
            venue.name,
            f"{venue.planned_hours_per_week:.2f}",
            f"{venue.updated_hours_per_week:.2f}",
            f"{venue.change:+.2f}",
        )
        for venue in result.split
        if venue.planned_hours_per_week or venue.updated_hours_per_week
    ]
    return text_table(
        ["venue", "planned h/week", "now h/week", "change"],
        rows,
        footnote="the split re-run with the learnt yields, at the same hours per week",
    )
