"""The plan's charts as inline SVG, for the self-contained HTML page: the weekly split, the
timeline, and each goal's fan.

Written by hand rather than with matplotlib's SVG backend, so that ``eminence plan --html``
draws its charts in the core install (matplotlib is the ``plot`` extra) and the markup stays
small and ours: a few rects, lines, paths and texts, no fonts embedded, no ids, no links.

Two rules hold for every chart. Every text passes `html.escape` after `plain`, whoever wrote
it, so a name cannot inject markup. And labels are never cut off: each chart's size is
computed from its labels' widths, estimated from their characters (`text_width`, on the wide
side), and a name longer than a label's room is shortened with the whole name as its
tooltip (an SVG ``<title>``).
"""

from __future__ import annotations

import datetime as dt
import html
import math
import unicodedata
from collections.abc import Sequence

from eminence.planning import Allocation, EventChoice, GoalProjection, Plan, VenueHours
from eminence.report.blocks import Chart, Section, figure, plain

__all__ = (
    "FONT_SIZE",
    "charts_section",
    "fan_svg",
    "split_svg",
    "text_width",
    "timeline_svg",
)

FONT_SIZE = 12.0
"""Every text's size in px; a page scales the whole chart, never one text."""

_PAD = 8.0
_ROW = 26.0
_WIDE = 560.0
_NARROW = 440.0
_PLOT_HEIGHT = 200.0
_LABEL_LENGTH = 40
_BLUE, _GREEN, _RED, _PURPLE = "#1f77b4", "#2ca02c", "#d62728", "#9467bd"
_LIGHT_BLUE, _LIGHT_ORANGE, _BAND = "#5f9fd0", "#ffbf86", "#1f77b433"
_INK, _DARK, _GREY = "#222222", "#444444", "#8c8c8c"
_DASHED, _DOTTED, _DASH_DOTTED = "4 2", "2 2", "6 2 1 2"


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The width of ``text`` in a sans-serif font of ``size`` px, estimated on the wide side.

    A wide (East Asian) character counts as 1.2 em, a capital, ``m``, ``w`` or a symbol as
    1 em, anything else as 0.7 em, and a combining mark as nothing: real fonts draw most
    characters narrower, so a label laid out by this estimate fits.

    >>> text_width("Blog", 10.0) < text_width("BLOG", 10.0) < text_width("博客博客", 10.0)
    True
    """
    return size * sum(_advance(char) for char in text)


def _advance(char: str) -> float:
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in "WF":
        return 1.2
    if char.isupper() or char in "mw@%&":
        return 1.0
    if char.isalnum() or char.isspace() or char in ".,:;'|!()-/":
        return 0.7
    return 1.0


class _Drawing:
    """Shapes and texts in px; each text is escaped as it is added."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def rect(
        self, x: float, y: float, width: float, height: float, fill: str, tip: str = ""
    ) -> None:
        self._add(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0.0):.1f}" '
            f'height="{height:.1f}" fill="{fill}"/>',
            tip,
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, dash: str = "") -> None:
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        self._parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{stroke}"{dashes}/>'
        )

    def path(
        self,
        points: Sequence[tuple[float, float]],
        *,
        stroke: str = "none",
        fill: str = "none",
        dash: str = "",
        tip: str = "",
    ) -> None:
        """A polyline through the points, or a closed shape when it has a fill."""
        steps = " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
        close = " Z" if fill != "none" else ""
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        self._add(
            f'<path d="M{steps}{close}" fill="{fill}" stroke="{stroke}"{dashes} '
            'stroke-linejoin="round"/>',
            tip,
        )

    def marker(self, shape: str, x: float, y: float, color: str, filled: bool, tip: str) -> None:
        """A diamond, a triangle pointing down, or a dot, 10 px across."""
        corners = {
            "diamond": [(0.0, -5.0), (5.0, 0.0), (0.0, 5.0), (-5.0, 0.0)],
            "triangle": [(-5.0, -4.0), (5.0, -4.0), (0.0, 4.0)],
            "dot": [
                (5 * math.cos(k * math.pi / 6), 5 * math.sin(k * math.pi / 6)) for k in range(12)
            ],
        }[shape]
        points = [(x + dx, y + dy) for dx, dy in corners]
        self.path(points, stroke=color, fill=color if filled else "#ffffff", tip=tip)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        anchor: str = "start",
        color: str = _INK,
        length: int = 0,
    ) -> None:
        """A text whose baseline starts (or ends, or centres) at x, y; cut to ``length``
        characters when given, the whole of it then in a tooltip."""
        shown = _short(text, length) if length else plain(text)
        markup = (
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{color}">'
            f"{_escaped(shown)}</text>"
        )
        self._add(markup, text if shown != plain(text) else "")

    def svg(self, width: float, height: float, label: str) -> str:
        """The drawing as one ``<svg>`` element, ``label`` read out by screen readers."""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{_escaped(label)}" '
            f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE:g}">\n'
            f"<title>{_escaped(label)}</title>\n" + "\n".join(self._parts) + "\n</svg>"
        )

    def _add(self, markup: str, tip: str) -> None:
        self._parts.append(f"<g><title>{_escaped(tip)}</title>{markup}</g>" if tip else markup)


def split_svg(allocation: Allocation) -> str:
    """The weekly hours per venue as bars, largest on top, and what is left over, in grey."""
    venues = sorted(
        (venue for venue in allocation.venues if venue.hours_per_week > 0),
        key=lambda venue: -venue.hours_per_week,
    )
    rows = [(venue.name, venue.hours_per_week, _BLUE) for venue in venues]
    if allocation.leftover_hours_per_week > 1e-9:
        rows.append(("left over", allocation.leftover_hours_per_week, _GREY))
    left = _label_column([name for name, _, _ in rows])
    values = [f"{hours:.2f} h" for _, hours, _ in rows]
    room = max((text_width(value) for value in values), default=0.0) + _PAD
    most = max((hours for _, hours, _ in rows), default=1.0)
    drawing = _Drawing()
    for row, ((name, hours, color), value) in enumerate(zip(rows, values, strict=True)):
        top = _PAD + row * _ROW
        width = hours / most * (_WIDE - room)
        drawing.text(left - _PAD, top + _ROW / 2 + 4, name, anchor="end", length=_LABEL_LENGTH)
        drawing.rect(left, top + 4, width, _ROW - 8, color, f"{plain(name)}: {value}/week")
        drawing.text(left + width + 4, top + _ROW / 2 + 4, value)
    height = 2 * _PAD + len(rows) * _ROW
    return drawing.svg(left + _WIDE + _PAD, height, _split_title(allocation))


def timeline_svg(plan: Plan) -> str:
    """Each venue's listening and contributing phases and its events; below them each goal
    from its P50 to its P80 date, and its deadline.

    A taken event is a filled diamond, its proposal deadline a triangle; an event left out is
    a hollow diamond. The timeline runs from the start to four weeks past the last date
    shown, a year at least.
    """
    allocation, goals = plan.allocation, plan.projections.goals
    start = plan.profile.capacity.start
    with_events = {event.venue for event in allocation.events}
    venues = [v for v in allocation.venues if v.hours_per_week > 0 or v.venue in with_events]
    names = {goal.id: goal.name or goal.id for goal in plan.profile.goals}
    shown = [day for venue in venues for day in (venue.listening_from, venue.active_from)]
    shown += [event.date for event in allocation.events]
    shown += [day for goal in goals for day in (goal.p50, goal.p80, goal.deadline)]
    latest = max((day for day in shown if day is not None), default=start)
    end = max(start + dt.timedelta(weeks=52), latest + dt.timedelta(weeks=4))

    labels = [venue.name for venue in venues] + [names.get(goal.goal, goal.goal) for goal in goals]
    left = _label_column(labels)
    axis = _DateAxis(start, end, left, _WIDE)
    drawing = _Drawing()
    bottom = axis.draw(drawing, _PAD, _PAD + len(labels) * _ROW)
    middles = [_PAD + (row + 0.5) * _ROW for row in range(len(labels))]
    for label, middle in zip(labels, middles, strict=True):
        drawing.text(left - _PAD, middle + 4, label, anchor="end", length=_LABEL_LENGTH)
    keys: set[str] = set()
    for venue, middle in zip(venues, middles[: len(venues)], strict=True):
        keys |= _venue_row(drawing, axis, venue, allocation.events, middle)
    for goal, middle in zip(goals, middles[len(venues) :], strict=True):
        keys |= _goal_row(drawing, axis, goal, middle)
    if venues and goals:
        between = _PAD + len(venues) * _ROW
        drawing.line(_PAD, between, axis.right, between, "#cccccc")
    legend = [(key, words) for key, words in _TIMELINE_KEYS if key in keys]
    width = axis.right + axis.overhang + _PAD
    height = _legend(drawing, legend, bottom, width)
    return drawing.svg(width, height, f"Timeline at {allocation.hours_per_week:g} h/week")


_TIMELINE_KEYS = (
    ("listening", "listening"),
    ("contributing", "contributing"),
    ("taken", "event taken"),
    ("left out", "event left out"),
    ("due", "proposal due"),
    ("window", "goal reached: P50 to P80"),
    ("deadline mark", "goal's deadline"),
)


def _venue_row(
    drawing: _Drawing,
    axis: _DateAxis,
    venue: VenueHours,
    events: Sequence[EventChoice],
    middle: float,
) -> set[str]:
    """Listening, then contributing, and the venue's events; returns the keys it drew."""
    keys = set()
    if venue.listening_from is not None:
        begin, until = axis.x(venue.listening_from), axis.x(venue.active_from or axis.end)
        tip = f"listening from {venue.listening_from.isoformat()}"
        drawing.rect(begin, middle - 8, until - begin, 16, _LIGHT_ORANGE, tip)
        keys.add("listening")
    if venue.active_from is not None and venue.hours_per_week > 0:
        begin = axis.x(venue.active_from)
        tip = f"{venue.hours_per_week:.2f} h/week from {venue.active_from.isoformat()}"
        drawing.rect(begin, middle - 8, axis.right - begin, 16, _LIGHT_BLUE, tip)
        keys.add("contributing")
    for event in events:
        if event.venue != venue.venue:
            continue
        what = "taken" if event.taken else "left out"
        tip = f"{plain(event.name)}, {event.date.isoformat()}: {what}"
        color = _RED if event.taken else _GREY
        drawing.marker("diamond", axis.x(event.date), middle, color, event.taken, tip)
        keys.add(what)
        if event.taken and event.proposal_deadline is not None:
            due = event.proposal_deadline
            tip = f"{plain(event.name)}: proposal due {due.isoformat()}"
            drawing.marker("triangle", axis.x(due), middle, _RED, True, tip)
            keys.add("due")
    return keys


def _goal_row(drawing: _Drawing, axis: _DateAxis, goal: GoalProjection, middle: float) -> set[str]:
    """From the P50 to the P80 date (to the end when the P80 is past the horizon), or a note
    when the P50 is past it too, and a mark at the deadline."""
    keys = set()
    if goal.p50 is None:
        drawing.text(axis.left + 4, middle + 4, "P50 past the horizon", color=_GREY)
    else:
        begin = axis.x(goal.p50)
        until = axis.right if goal.p80 is None else axis.x(goal.p80)
        p80 = "past the horizon" if goal.p80 is None else goal.p80.isoformat()
        tip = f"P50 {goal.p50.isoformat()}, P80 {p80}"
        drawing.rect(begin, middle - 6, until - begin, 12, _PURPLE, tip)
        keys.add("window")
    if goal.deadline is not None:
        tip = f"deadline {goal.deadline.isoformat()}"
        drawing.rect(axis.x(goal.deadline) - 1.5, middle - 11, 3, 22, _GREEN, tip)
        keys.add("deadline mark")
    return keys


def fan_svg(projection: GoalProjection, name: str = "") -> str:
    """One goal's progress over time in its own units: the band from P10 to P90, the median
    (dotted), the expected path, the target (dash-dotted), the deadline (dashed) and a dot
    with its date where the expected path meets the target.

    It runs from the start to a tenth past the P95 date or the deadline, whichever is later,
    and to the horizon at most.
    """
    progress = projection.progress
    start, horizon = progress.dates[0], progress.dates[-1]
    ends = [projection.p95 or horizon]
    ends += [projection.deadline] if projection.deadline is not None else []
    end = min(max(ends) + (max(ends) - start) / 10, horizon)
    end = max(end, start + dt.timedelta(days=1))
    low, median, expected, high = (
        _until(progress.dates, values, end)
        for values in (progress.low, progress.median, progress.expected, progress.high)
    )
    top = max(projection.target, *(value for _, value in high))
    top = (top if top > 0 else 1.0) * 1.05
    ticks = _nice_ticks(top)
    tick_labels = [figure(tick) for tick in ticks]
    left = _PAD + max(text_width(label) for label in tick_labels) + 6
    axis = _DateAxis(start, end, left, _NARROW)
    plot_top = _PAD + FONT_SIZE + 4

    def y(value: float) -> float:
        return plot_top + _PLOT_HEIGHT * (1 - value / top)

    def series(points: Sequence[tuple[dt.date, float]]) -> list[tuple[float, float]]:
        return [(axis.x(day), y(value)) for day, value in points]

    drawing = _Drawing()
    bottom = axis.draw(drawing, plot_top, y(0))
    for tick, label in zip(ticks, tick_labels, strict=True):
        drawing.line(left - 4, y(tick), left, y(tick), _INK)
        drawing.text(left - 6, y(tick) + 4, label, anchor="end")
    drawing.line(left, plot_top, left, y(0), _INK)
    drawing.path(series(low) + series(high)[::-1], fill=_BAND, tip="P10 to P90 of the trials")
    drawing.path(series(median), stroke=_BLUE, dash=_DOTTED, tip="median")
    drawing.path(series(expected), stroke=_BLUE, tip="expected")
    target = y(projection.target)
    drawing.line(left, target, axis.right, target, _DARK, _DASH_DOTTED)
    legend = [("expected", "expected"), ("median", "median"), ("band", "P10 to P90")]
    legend.append(("target", f"target {figure(projection.target)}"))
    if projection.deadline is not None and projection.deadline <= end:
        x = axis.x(projection.deadline)
        drawing.line(x, plot_top, x, y(0), _GREEN, _DASHED)
        legend.append(("deadline", f"deadline {projection.deadline.isoformat()}"))
    reached = projection.expected_date
    if reached is not None and reached <= end:
        x, date = axis.x(reached), reached.isoformat()
        drawing.marker("dot", x, target, _BLUE, True, f"expected {date}")
        # The date beside the dot, on the side with room for it.
        if x + 6 + text_width(date) <= axis.right + axis.overhang:
            drawing.text(x + 6, target - 6, date, color=_BLUE)
        else:
            drawing.text(x - 6, target - 6, date, anchor="end", color=_BLUE)
    width = axis.right + axis.overhang + _PAD
    height = _legend(drawing, legend, bottom, width)
    return drawing.svg(width, height, _fan_title(projection, name))


def _fan_title(projection: GoalProjection, name: str = "") -> str:
    return f"Progress toward {plain(name or projection.goal)}"


def charts_section(plan: Plan) -> Section:
    """The split, the timeline and each goal's fan, for the top of the plan's page."""
    names = {goal.id: goal.name or goal.id for goal in plan.profile.goals}
    charts = [
        Chart(split_svg(plan.allocation), _split_title(plan.allocation)),
        Chart(timeline_svg(plan), "When each venue starts, its events, and the goals' dates"),
    ]
    for goal in plan.projections.goals:
        name = names.get(goal.goal, goal.goal)
        charts.append(Chart(fan_svg(goal, name), _fan_title(goal, name)))
    return Section("At a glance", charts)


def _split_title(allocation: Allocation) -> str:
    return f"Split of {allocation.hours_per_week:g} h/week"


def _label_column(labels: Sequence[str]) -> float:
    """The width of a column of row labels, right-aligned, with a margin on each side."""
    widest = max((text_width(_short(label, _LABEL_LENGTH)) for label in labels), default=0.0)
    return widest + 2 * _PAD


class _DateAxis:
    """Dates across a plot: where a date is drawn, and ticks at the first of a month."""

    def __init__(self, start: dt.date, end: dt.date, left: float, width: float) -> None:
        self.start, self.end, self.left, self.width = start, end, left, width
        self.right = left + width
        self.ticks = _month_ticks(start, end)
        # A tick's label is centred on it: half of the last one may pass the plot's right edge.
        self.overhang = max((text_width(label) / 2 for _, label in self.ticks), default=0.0)

    def x(self, day: dt.date) -> float:
        """Where a date is, held within the plot."""
        share = (day - self.start).days / max((self.end - self.start).days, 1)
        return self.left + self.width * min(max(share, 0.0), 1.0)

    def draw(self, drawing: _Drawing, top: float, baseline: float) -> float:
        """Faint gridlines from ``top``, the axis at ``baseline``; returns the labels' bottom."""
        for day, label in self.ticks:
            x = self.x(day)
            drawing.line(x, top, x, baseline, "#e4e4e4")
            drawing.line(x, baseline, x, baseline + 4, _INK)
            drawing.text(x, baseline + 6 + FONT_SIZE, label, anchor="middle")
        drawing.line(self.left, baseline, self.right, baseline, _INK)
        return baseline + 10 + FONT_SIZE


def _month_ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """The first of every month, or of every 3rd, 6th, 12th... month: eight ticks at most."""
    months = (end.year - start.year) * 12 + end.month - start.month
    step = next((s for s in (1, 3, 6, 12, 24, 60) if months / s <= 8), 120)
    ticks: list[tuple[dt.date, str]] = []
    index = start.year * 12 + start.month  # the first of the month after the start
    while True:
        year, month = divmod(index, 12)
        day = dt.date(year, month + 1, 1)
        if day > end:
            return ticks
        if (index % step) == 0:
            ticks.append((day, str(year) if step >= 12 else f"{year}-{month + 1:02d}"))
        index += 1


def _nice_ticks(top: float) -> list[float]:
    """Round values from 0 to at most ``top``, five or fewer steps."""
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw)
    return [k * step for k in range(int(top / step + 1e-9) + 1)]


def _until(
    dates: Sequence[dt.date], values: Sequence[float], end: dt.date
) -> list[tuple[dt.date, float]]:
    """The points up to ``end``, and one at ``end`` between the two around it."""
    points: list[tuple[dt.date, float]] = []
    for index, (day, value) in enumerate(zip(dates, values, strict=True)):
        if day <= end:
            points.append((day, value))
            continue
        before, earlier = dates[index - 1], values[index - 1]
        share = (end - before).days / max((day - before).days, 1)
        points.append((end, earlier + (value - earlier) * share))
        break
    return points


def _legend(drawing: _Drawing, items: Sequence[tuple[str, str]], top: float, width: float) -> float:
    """Keys and their words in lines as wide as the chart; returns the chart's height."""
    x, y = _PAD, top + _PAD
    for key, words in items:
        room = 22 + text_width(words) + 14
        if x > _PAD and x + room > width - _PAD:
            x, y = _PAD, y + FONT_SIZE + 8
        _key(drawing, key, x, y + FONT_SIZE / 2 + 2)
        drawing.text(x + 22, y + FONT_SIZE, words)
        x += room
    return y + FONT_SIZE + 4 + _PAD


def _key(drawing: _Drawing, key: str, x: float, middle: float) -> None:
    """The little picture before a legend's words."""
    fills = {
        "listening": _LIGHT_ORANGE,
        "contributing": _LIGHT_BLUE,
        "window": _PURPLE,
        "band": _BAND,
    }
    strokes = {
        "expected": (_BLUE, ""),
        "median": (_BLUE, _DOTTED),
        "target": (_DARK, _DASH_DOTTED),
        "deadline": (_GREEN, _DASHED),
    }
    if key in fills:
        drawing.rect(x, middle - 6, 16, 12, fills[key])
    elif key in strokes:
        drawing.line(x, middle, x + 16, middle, *strokes[key])
    elif key == "deadline mark":
        drawing.rect(x + 6.5, middle - 8, 3, 16, _GREEN)
    else:
        shape = "triangle" if key == "due" else "diamond"
        taken = key != "left out"
        drawing.marker(shape, x + 8, middle, _RED if taken else _GREY, taken, "")


def _short(text: str, length: int) -> str:
    """One plain line of at most ``length`` characters, cut with an ellipsis."""
    text = plain(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def _escaped(text: str) -> str:
    return html.escape(plain(text))
