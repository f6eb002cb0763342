"""Charts of plans (extra ``plot``): the split of hours, dates against hours, a timeline, and
each goal's progress as a fan.

Every chart follows one contract: it takes the result it draws, draws on ``ax`` when given
(else on a new figure), and returns the matplotlib ``Axes``. Matplotlib is imported only when
a chart is drawn. Names from the profile are drawn as plain text: never as mathtext, never as
control characters.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from eminence.errors import EminenceError, MissingExtraError, UnknownReferenceError
from eminence.model import _figures as figures
from eminence.planning import Allocation, GoalProjection, Plan, Projections, Sensitivity
from eminence.report.blocks import plain
from eminence.report.svg.fan import fan_title
from eminence.report.svg.split import split_title
from eminence.report.targets import compared, rate_of, target_words
from eminence.report.timeline_rows import timeline_rows

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis

__all__ = ("projection_chart", "sensitivity_chart", "split_chart", "timeline_chart")

_LABEL_LENGTH = 40


def split_chart(result: Plan | Allocation, *, ax: Axes | None = None) -> Axes:
    """The weekly hours per venue as horizontal bars, largest on top, with what is left over.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import eminence as em
    >>> ax = em.charts.split_chart(em.plan(em.example("consultant"), trials=200))
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['Local PMI chapter (Chicago area)', 'LinkedIn']
    """
    allocation = result.allocation if isinstance(result, Plan) else result
    ax = _axes(ax, (7.0, 3.0))
    venues = sorted(
        (venue for venue in allocation.venues if venue.hours_per_week > 0),
        key=lambda venue: -venue.hours_per_week,
    )
    labels = [_label(venue.name) for venue in venues]
    hours = [venue.hours_per_week for venue in venues]
    colors = ["C0"] * len(venues)
    if allocation.leftover_hours_per_week > 1e-9:
        labels.append("left over")
        hours.append(allocation.leftover_hours_per_week)
        colors.append("0.7")
    positions = list(range(len(hours)))
    bars = ax.barh(positions, hours, color=colors)
    ax.bar_label(bars, labels=[figures.hours_per_week(value) for value in hours], padding=3)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.set_xlabel("hours per week")
    ax.set_title(split_title(allocation))
    ax.margins(x=0.15)
    return ax


def sensitivity_chart(
    sensitivity: Sensitivity, *, goal: str | None = None, ax: Axes | None = None
) -> Axes:
    """Each goal's expected date against hours per week, its P50 to P95 dates shaded.

    A gap means the goal is not reached within the horizon at those hours; a dashed line is
    the goal's deadline. ``goal`` draws one goal only.
    """
    goals = _chosen(list(dict.fromkeys(row.projection.goal for row in sensitivity.rows)), goal)
    ax = _axes(ax, (7.0, 4.0))
    for index, goal_id in enumerate(goals):
        rows = sorted(
            (row for row in sensitivity.rows if row.projection.goal == goal_id),
            key=lambda row: row.hours_per_week,
        )
        hours = [row.hours_per_week for row in rows]
        color = f"C{index % 10}"

        p50, p95, expected = (
            [_day_or_gap(getattr(row.projection, name)) for row in rows]
            for name in ("p50", "p95", "expected_date")
        )
        ax.fill_between(hours, p50, p95, color=color, alpha=0.2, linewidth=0)
        ax.plot(hours, expected, marker="o", color=color, label=_label(goal_id))
        deadline = rows[0].projection.deadline
        if deadline is not None:
            ax.axhline(
                _day(deadline),
                color=color,
                linestyle="--",
                linewidth=1,
                label=f"{_label(goal_id)} deadline",
            )
    _dates(ax.yaxis)
    ax.set_xlabel("hours per week")
    ax.set_ylabel("date reached (expected; P50 to P95 shaded)")
    ax.set_title("When each goal is reached, against hours per week")
    ax.legend(loc="best", fontsize="small")
    return ax


def timeline_chart(plan: Plan, *, until: dt.date | None = None, ax: Axes | None = None) -> Axes:
    """Each venue's listening and active phases and its events; below them each goal from its
    P50 to its P80 date, and its deadline.

    A taken event is a filled diamond, its proposal deadline a triangle; an event left out is
    a hollow diamond; a goal's deadline is a dashed mark in its row. Every name is a row's
    label, so none is drawn over the chart. The chart runs from the start to ``until`` (by
    default a year, or past the last date shown).
    """
    allocation, goals = plan.allocation, plan.projections.goals
    shown = timeline_rows(plan)
    venues, names, start = shown.venues, shown.goal_names, shown.start
    end = until or shown.end
    if end <= start:
        raise EminenceError(f"until={end.isoformat()} is not after the start {start.isoformat()}")

    rows = len(venues) + len(goals)
    ax = _axes(ax, (9.0, 1.0 + 0.5 * max(rows, 2)))
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    for row, venue in enumerate(venues):
        if venue.listening_from is not None:
            listening_end = venue.active_from or end
            ax.broken_barh(
                [(_day(venue.listening_from), _day(listening_end) - _day(venue.listening_from))],
                (row - 0.3, 0.6),
                color="C1",
                alpha=0.5,
            )
        if venue.active_from is not None and venue.hours_per_week > 0:
            ax.broken_barh(
                [(_day(venue.active_from), _day(end) - _day(venue.active_from))],
                (row - 0.3, 0.6),
                color="C0",
                alpha=0.7,
            )
        for event in allocation.events:
            if event.venue != venue.venue:
                continue
            ax.plot(
                [_day(event.date)],
                [row],
                marker="D",
                markersize=8,
                color="C3" if event.taken else "0.5",
                markerfacecolor="C3" if event.taken else "none",
            )
            if event.taken and event.proposal_deadline is not None:
                ax.plot([_day(event.proposal_deadline)], [row], marker="v", color="C3")
    for row, goal in enumerate(goals, start=len(venues)):
        if goal.p50 is not None:
            p80 = _day(goal.p80 or end)
            ax.broken_barh([(_day(goal.p50), p80 - _day(goal.p50))], (row - 0.2, 0.4), color="C4")
        if goal.deadline is not None and goal.deadline <= end:
            ax.plot([_day(goal.deadline)] * 2, [row - 0.4, row + 0.4], "--", color="C2", lw=2)
    if venues and goals:
        ax.axhline(len(venues) - 0.5, color="0.8", linewidth=1)
    labels = [_label(venue.name) for venue in venues]
    labels += [_label(names.get(goal.goal, goal.goal)) for goal in goals]
    ax.set_yticks(range(rows), labels)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlim(_day(start), _day(end))
    _dates(ax.xaxis)
    ax.set_title(f"Timeline at {figures.hours_per_week(allocation.hours_per_week)} h/week")
    ax.legend(
        handles=[
            Patch(color="C1", alpha=0.5, label="listening"),
            Patch(color="C0", alpha=0.7, label="contributing"),
            Line2D([], [], marker="D", color="C3", linestyle="", label="event taken"),
            Line2D(
                [],
                [],
                marker="D",
                color="0.5",
                markerfacecolor="none",
                linestyle="",
                label="event left out",
            ),
            Line2D([], [], marker="v", color="C3", linestyle="", label="proposal due"),
            Patch(color="C4", label="goal reached: P50 to P80"),
            Line2D([], [], color="C2", linestyle="--", linewidth=2, label="goal's deadline"),
        ],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize="small",
    )
    return ax


def projection_chart(
    result: Plan | Projections | GoalProjection,
    *,
    goal: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Each goal's progress over time as a fan: expected, median, and the P10 to P90 band.

    The target is a dash-dotted line, the deadline a dashed one, and a dot marks the expected
    date, where the expected progress meets the target. One goal is drawn in its own units;
    several as shares of their targets, so that they share one scale (``goal`` draws one
    only). The chart runs from the start to a little past the last P95 date or deadline, or
    to the horizon when a goal may not be reached within it.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import eminence as em
    >>> plan = em.plan(em.example("consultant"), trials=200)
    >>> em.charts.projection_chart(plan, goal="invitations-to-advise").get_title()
    'Progress toward Three inbound requests to advise, review or speak'
    """
    if isinstance(result, Plan):
        projections = result.projections.goals
        names = {each.id: each.name or each.id for each in result.profile.goals}
    else:
        projections = result.goals if isinstance(result, Projections) else (result,)
        names = {}
    ids = _chosen([projection.goal for projection in projections], goal)
    shown = [projection for projection in projections if projection.goal in ids]
    shared = len(shown) > 1
    start = min(compared(projection).dates[0] for projection in shown)
    horizon = max(compared(projection).dates[-1] for projection in shown)
    ends = [projection.p95 or horizon for projection in shown]
    ends += [projection.deadline for projection in shown if projection.deadline is not None]
    end = min(max(ends) + (max(ends) - start) / 10, horizon)

    ax = _axes(ax, (7.0, 4.0))
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    top = 1.0
    for index, projection in enumerate(shown):
        progress = compared(projection)
        scale = 1.0 / projection.target if shared else 1.0
        # The points up to the end, and one past it, so that each line reaches the edge.
        count = next((k + 1 for k, day in enumerate(progress.dates) if day > end), None)
        days = [_day(day) for day in progress.dates[:count]]
        low, median, expected, high = (
            [value * scale for value in series[:count]]
            for series in (progress.low, progress.median, progress.expected, progress.high)
        )
        reached = projection.expected_date
        label = "expected"
        if shared:
            label = _label(names.get(projection.goal, projection.goal))
            label += f" (expected {reached.isoformat()})" if reached else " (not reached)"
        color = f"C{index % 10}"
        ax.fill_between(days, low, high, color=color, alpha=0.2, linewidth=0)
        ax.plot(days, median, color=color, linestyle=":", linewidth=1)
        ax.plot(days, expected, color=color, label=label)
        target = projection.target * scale
        if reached is not None:
            ax.plot([_day(reached)], [target], marker="o", color=color)
            if not shared:
                ax.annotate(
                    reached.isoformat(),
                    (_day(reached), target),
                    xytext=(4, 4),
                    textcoords="offset points",
                    fontsize="small",
                    color=color,
                )
        if projection.deadline is not None:
            ax.axvline(_day(projection.deadline), color=color, linestyle="--", linewidth=1)
        top = max(top, target, *high)
    ax.axhline(1.0 if shared else shown[0].target, color="0.3", linestyle="-.", linewidth=1)
    ax.set_xlim(_day(start), _day(end))
    ax.set_ylim(0.0, top * 1.05)
    _dates(ax.xaxis)
    if shared:
        from matplotlib.ticker import PercentFormatter

        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_ylabel("share of the target")
        ax.set_title("Progress toward each goal")
    else:
        name = names.get(shown[0].goal, shown[0].goal)
        ax.set_ylabel("progress")
        ax.set_title(fan_title(shown[0], _label(name, 2 * _LABEL_LENGTH)))
    # A rate's target line is a count a period, which the legend says.
    rated = not shared and rate_of(shown[0]) is not None
    target_label = f"target {target_words(shown[0])}" if rated else "target"
    handles, _ = ax.get_legend_handles_labels()
    handles += [
        Line2D([], [], color="0.4", linestyle=":", linewidth=1, label="median"),
        Patch(color="0.4", alpha=0.2, label="P10 to P90"),
        Line2D([], [], color="0.3", linestyle="-.", linewidth=1, label=target_label),
    ]
    if any(projection.deadline is not None for projection in shown):
        handles.append(Line2D([], [], color="0.4", linestyle="--", linewidth=1, label="deadline"))
    ax.legend(handles=handles, loc="upper left", fontsize="small")
    return ax


def _chosen(goals: list[str], goal: str | None) -> list[str]:
    """Every goal, or the one asked for, which must be among them."""
    if goal is None:
        return goals
    if goal not in goals:
        raise UnknownReferenceError(f"unknown goal {goal!r}; known goals: {', '.join(goals)}")
    return [goal]


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingExtraError("matplotlib", "plot", "charts") from None
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _day(day: dt.date) -> float:
    """A date as matplotlib's number of days since its epoch."""
    from matplotlib.dates import date2num

    return float(date2num(day))  # type: ignore[no-untyped-call]


def _day_or_gap(day: dt.date | None) -> float:
    """A date as a number, or NaN, which matplotlib leaves as a gap in a line."""
    return float("nan") if day is None else _day(day)


def _dates(axis: Axis) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    axis.set_major_locator(locator)
    axis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def _label(text: str, length: int = _LABEL_LENGTH) -> str:
    """A name as a label: one plain line, short, with ``$`` drawn rather than read as math."""
    text = plain(text)
    if len(text) > length:
        text = text[: length - 1] + "…"
    return text.replace("$", r"\$")
