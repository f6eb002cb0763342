"""A re-forecast as a document: plan against actual, what the log taught, the plan from now on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from eminence.model import _figures as figures
from eminence.model._words import counted
from eminence.model.goals import rate_words
from eminence.planning.tracking import (
    ACTIVITY_GROWTH,
    GoalTrack,
    PeriodTrack,
    Reforecast,
    ValueOverActivity,
    Verdict,
)
from eminence.report.blocks import Block, Document, Lines, Paragraph, Section, Table, figure
from eminence.report.plan import allocation_sections, projections_sections, rates_of
from eminence.report.table import text_document

__all__ = ("goal_track_document", "reforecast_document", "tracking_text")

_UNITS = (
    "amounts in the plan's units (outcomes weighted by the share of the goal's segments and "
    "the expertise fit)"
)

_VERDICT = {Verdict.BETTER: "better", Verdict.WORSE: "worse", Verdict.AS_PLANNED: "as planned"}


def tracking_text(result: Reforecast) -> str:
    """Every part of a re-forecast, readable in a terminal."""
    return text_document(reforecast_document(result))


def reforecast_document(result: Reforecast) -> Document:
    """Plan against actual, week by week, the venues' yields, value over activity, then the
    split and dates planned again from the day after ``today``."""
    profile = result.plan.profile
    title = (
        f"Tracking {profile.name}: {counted(result.entries, 'entry', 'entries')}, "
        f"{figures.hours(result.hours)} h logged, as of {result.today.isoformat()}"
    )
    sections = [
        Section("Plan against actual", [_goals(result.goals, f"{result.footnote}; {_UNITS}")]),
        Section("Week by week", [_weeks(result.goals)]),
        *_rates(result.goals),
        Section("Venues against the plan", [_yields(result)]),
        Section("Value over activity", _value(result.goals, result.window_weeks)),
    ]
    forecast = result.forecast
    if forecast is not None:
        sections.append(Section("Should the split change?", [_split(result)]))
    if result.changes:
        sections.append(Section("What the log changed", [Lines(result.changes)]))
    if forecast is None:
        sections.append(
            Section("Re-forecast", [Paragraph("Every goal is reached: nothing left to forecast.")])
        )
        return Document(title, sections)
    tomorrow = result.today + dt.timedelta(days=1)
    lead = (
        f"Planned again from {tomorrow.isoformat()} with the learnt yields, at "
        f"{figures.hours_per_week(forecast.allocation.hours_per_week)} h/week."
    )
    names = {goal.id: goal.name or goal.id for goal in forecast.profile.goals}
    sections.append(Section("Re-forecast from now on", [Paragraph(lead)]))
    sections += allocation_sections(forecast.allocation, forecast.profile)
    sections += projections_sections(forecast.projections, names, rates_of(forecast.profile))
    return Document(title, sections)


def goal_track_document(goal: GoalTrack) -> Document:
    """One goal's plan against actual, week by week, and its value over activity."""
    return Document(
        "",
        [
            Section("Plan against actual", [_goals([goal], f"the log against the plan; {_UNITS}")]),
            Section("Week by week", [_weeks([goal])]),
            *_rates([goal]),
            Section("Value over activity", _value([goal], goal.value.window_weeks)),
        ],
    )


def _goals(goals: Sequence[GoalTrack], footnote: str) -> Table:
    rows = []
    for goal in goals:
        forecast = goal.forecast
        if forecast is None:
            now = "reached" + (f" {goal.reached_on.isoformat()}" if goal.reached_on else "")
            chance = "-"
        else:
            now = str(forecast.expected_date or "-")
            chance = _percent(forecast.chance_by_deadline)
        rows.append(
            (
                goal.name,
                _target(goal) + (" (level)" if goal.stock else ""),
                figures.quantity(goal.planned),
                figures.quantity(goal.achieved),
                figures.signed(goal.ahead),
                str(goal.planned_projection.expected_date or "-"),
                now,
                chance,
            )
        )
    return Table(
        ["goal", "target", "planned", "achieved", "ahead", "expected before", "now", "chance"],
        rows,
        footnote,
    )


def _target(goal: GoalTrack) -> str:
    period = goal.period
    if period is None:
        return figure(goal.target)
    return rate_words(goal.target, "", period.per, period.held_for)


def _rates(goals: Sequence[GoalTrack]) -> list[Section]:
    """Each rate goal in its current period: what it counts, whether it holds now, and when
    the re-forecast expects it to hold the periods it needs."""
    lines = [_rate_now(goal, goal.period) for goal in goals if goal.period is not None]
    return [Section("Rates this period", [Lines(lines)])] if lines else []


def _rate_now(goal: GoalTrack, period: PeriodTrack) -> str:
    per, target = period.per.value, figure(goal.target)
    now = f"{goal.name}: {figure(period.counted)} of {target} in the {per} to today"
    now += ", so the rate holds now" if period.holds else ", short of the rate"
    if period.held_for > 1:
        now += f" ({period.periods_held} of {period.held_for} {per}s running)"
    forecast = goal.forecast
    if goal.reached_on is not None:
        return f"{now}; held as needed on {goal.reached_on.isoformat()}"
    if forecast is None or forecast.expected_date is None:
        return f"{now}; not expected to hold as needed within the horizon"
    return (
        f"{now}; expected to hold as needed from {forecast.expected_date.isoformat()}"
        + (f" (P80 {forecast.p80.isoformat()})" if forecast.p80 else "")
        + f", counting what this {per} already holds"
    )


def _weeks(goals: Sequence[GoalTrack]) -> Table:
    headers = ["week ending"]
    for goal in goals:
        headers += [f"{goal.goal} plan", "actual"]
    rows = [
        (
            week.week_ending.isoformat(),
            *(
                figures.quantity(value)
                for goal in goals
                for value in (goal.weeks[k].planned, goal.weeks[k].actual)
            ),
        )
        for k, week in enumerate(goals[0].weeks if goals else ())
    ]
    return Table(headers, rows, "cumulative (a stock's level) at each week's end")


def _yields(result: Reforecast) -> Block:
    if not result.yields:
        return Paragraph("No contributions logged yet: nothing to learn from.")
    rows = [
        (
            item.name,
            item.metric,
            figures.rate(item.contributions),
            figure(item.observed),
            figure(item.prior_mean),
            figure(item.mean),
            f"{figure(item.low)} to {figure(item.high)}",
            _VERDICT[item.verdict] + ("" if item.updated else " (kept: certain)"),
        )
        for item in result.yields
    ]
    return Table(
        ["venue", "metric", "contributions", "observed", "plan", "now", "90% interval", "verdict"],
        rows,
        "per effective contribution: the plan's yield, and the posterior mean and interval now",
    )


def _value(goals: Sequence[GoalTrack], window_weeks: int) -> list[Block]:
    rows = []
    for goal in goals:
        value = goal.value
        rate = value.outcomes_per_hour
        rows.append(
            (
                goal.name,
                ", ".join(value.metrics),
                figure(value.outcomes),
                figures.hours(value.hours),
                "-" if rate is None else figures.rate(rate),
                *(
                    "-" if amount is None else figures.hours(amount)
                    for amount in (
                        value.hours_before,
                        value.hours_recent,
                        value.outcomes_before,
                        value.outcomes_recent,
                    )
                ),
                _flag(value),
            )
        )
    window = counted(window_weeks, "week")
    table = Table(
        [
            *("goal", "outcomes of", "outcomes", "hours", "per hour"),
            *("h then", "h now", "outcomes then", "outcomes now", "flag"),
        ],
        rows,
        f"now: the last {window}; then: the {window} before; flagged when hours grew by more "
        f"than {figures.chance(ACTIVITY_GROWTH)} and value did not grow",
    )
    flagged = [f"FLAG {goal.name}: {goal.value.reason}" for goal in goals if goal.value.flagged]
    return [table, Lines(flagged)] if flagged else [table]


def _flag(value: ValueOverActivity) -> str:
    if value.flagged:
        return "FLAG"
    return "too soon" if value.hours_before is None else "ok"


def _split(result: Reforecast) -> Table:
    rows = [
        (
            venue.name,
            figures.hours_per_week(venue.planned_hours_per_week),
            figures.hours_per_week(venue.updated_hours_per_week),
            figures.signed(venue.change, figures.hours_per_week),
        )
        for venue in result.split
        if venue.planned_hours_per_week or venue.updated_hours_per_week
    ]
    return Table(
        ["venue", "planned h/week", "now h/week", "change"],
        rows,
        "the split re-run with the learnt yields, at the same hours per week",
    )


def _percent(share: float | None) -> str:
    return "-" if share is None else figures.chance(share)
