"""A goal's fan: its expected progress, the band of the trials, its target and deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from eminence.planning import GoalProjection
from eminence.planning.results import FirmGoalProjection
from eminence.report.blocks import figure, plain
from eminence.report.svg.drawing import (
    BAND,
    BLUE,
    DARK,
    DASH_DOTTED,
    DASHED,
    DOTTED,
    FONT_SIZE,
    GREEN,
    INK,
    NARROW,
    PAD,
    PLOT_HEIGHT,
    DateAxis,
    Drawing,
    draw_legend,
    nice_ticks,
    text_width,
    until,
)
from eminence.report.targets import compared, rate_of, target_words

__all__ = ("fan_svg", "fan_title")


def fan_svg(projection: GoalProjection | FirmGoalProjection, name: str = "") -> str:
    """One goal's progress over time in its own units: the band from P10 to P90, the median
    (dotted), the expected path, the target (dash-dotted), the deadline (dashed) and a dot
    with its date where the expected path meets the target. A rate goal's fan is its rolling
    rate (the count in the period ending at each date) against its target a period: a
    cumulative count would pass the target long before the rate holds.

    A firm goal's fan is that of its experts' trials summed. It runs from the start to a tenth
    past the P95 date or the deadline, whichever is later, and to the horizon at most.
    """
    progress = compared(projection)
    start, horizon = progress.dates[0], progress.dates[-1]
    ends = [projection.p95 or horizon]
    ends += [projection.deadline] if projection.deadline is not None else []
    end = min(max(ends) + (max(ends) - start) / 10, horizon)
    end = max(end, start + dt.timedelta(days=1))
    low, median, expected, high = (
        until(progress.dates, values, end)
        for values in (progress.low, progress.median, progress.expected, progress.high)
    )
    top = max(projection.target, *(value for _, value in high))
    top = (top if top > 0 else 1.0) * 1.05
    ticks = nice_ticks(top)
    tick_labels = [figure(tick) for tick in ticks]
    left = PAD + max(text_width(label) for label in tick_labels) + 6
    axis = DateAxis(start, end, left, NARROW)
    plot_top = PAD + FONT_SIZE + 4

    def y(value: float) -> float:
        return plot_top + PLOT_HEIGHT * (1 - value / top)

    def series(points: Sequence[tuple[dt.date, float]]) -> list[tuple[float, float]]:
        return [(axis.x(day), y(value)) for day, value in points]

    drawing = Drawing()
    bottom = axis.draw(drawing, plot_top, y(0))
    for tick, label in zip(ticks, tick_labels, strict=True):
        drawing.line(left - 4, y(tick), left, y(tick), INK)
        drawing.text(left - 6, y(tick) + 4, label, anchor="end")
    drawing.line(left, plot_top, left, y(0), INK)
    drawing.path(series(low) + series(high)[::-1], fill=BAND, tip="P10 to P90 of the trials")
    drawing.path(series(median), stroke=BLUE, dash=DOTTED, tip="median")
    drawing.path(series(expected), stroke=BLUE, tip="expected")
    target = y(projection.target)
    drawing.line(left, target, axis.right, target, DARK, DASH_DOTTED)
    legend = [("expected", "expected"), ("median", "median"), ("band", "P10 to P90")]
    legend.append(("target", f"target {target_words(projection)}"))
    if projection.deadline is not None and projection.deadline <= end:
        x = axis.x(projection.deadline)
        drawing.line(x, plot_top, x, y(0), GREEN, DASHED)
        legend.append(("deadline", f"deadline {projection.deadline.isoformat()}"))
    reached = projection.expected_date
    if reached is not None and reached <= end:
        x, date = axis.x(reached), reached.isoformat()
        drawing.marker("dot", x, target, BLUE, True, f"expected {date}")
        # The date beside the dot, on the side with room for it.
        if x + 6 + text_width(date) <= axis.right + axis.overhang:
            drawing.text(x + 6, target - 6, date, color=BLUE)
        else:
            drawing.text(x - 6, target - 6, date, anchor="end", color=BLUE)
    width = axis.right + axis.overhang + PAD
    height = draw_legend(drawing, legend, bottom, width)
    return drawing.svg(width, height, fan_title(projection, name))


def fan_title(projection: GoalProjection | FirmGoalProjection, name: str = "") -> str:
    """The fan's title; a rate goal's fan shows its count in each period, and says so."""
    title = f"Progress toward {plain(name or projection.goal)}"
    rate = rate_of(projection)
    return title if rate is None else f"{title}: the count in each {rate.per.value}"
