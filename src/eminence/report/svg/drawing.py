"""What every chart draws with: shapes and escaped texts in px, text widths estimated on the
wide side, a date axis, ticks and legends, and the chart's sizes and colours."""

from __future__ import annotations

import datetime as dt
import html
import math
import unicodedata
from collections.abc import Sequence

from eminence.report.blocks import plain

__all__ = (
    "FONT_SIZE",
    "DateAxis",
    "Drawing",
    "label_column",
    "draw_legend",
    "nice_ticks",
    "short",
    "text_width",
    "until",
)

FONT_SIZE = 12.0
"""Every text's size in px; a page scales the whole chart, never one text."""

PAD = 8.0
ROW = 26.0
WIDE = 560.0
NARROW = 440.0
PLOT_HEIGHT = 200.0
LABEL_LENGTH = 40
BLUE, GREEN, RED, PURPLE = "#1f77b4", "#2ca02c", "#d62728", "#9467bd"
LIGHT_BLUE, LIGHT_ORANGE, BAND = "#5f9fd0", "#ffbf86", "#1f77b433"
INK, DARK, GREY = "#222222", "#444444", "#8c8c8c"
DASHED, DOTTED, DASH_DOTTED = "4 2", "2 2", "6 2 1 2"


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


class Drawing:
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
        color: str = INK,
        length: int = 0,
    ) -> None:
        """A text whose baseline starts (or ends, or centres) at x, y; cut to ``length``
        characters when given, the whole of it then in a tooltip."""
        shown = short(text, length) if length else plain(text)
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


def label_column(labels: Sequence[str]) -> float:
    """The width of a column of row labels, right-aligned, with a margin on each side."""
    widest = max((text_width(short(label, LABEL_LENGTH)) for label in labels), default=0.0)
    return widest + 2 * PAD


class DateAxis:
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

    def draw(self, drawing: Drawing, top: float, baseline: float) -> float:
        """Faint gridlines from ``top``, the axis at ``baseline``; returns the labels' bottom."""
        for day, label in self.ticks:
            x = self.x(day)
            drawing.line(x, top, x, baseline, "#e4e4e4")
            drawing.line(x, baseline, x, baseline + 4, INK)
            drawing.text(x, baseline + 6 + FONT_SIZE, label, anchor="middle")
        drawing.line(self.left, baseline, self.right, baseline, INK)
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


def nice_ticks(top: float) -> list[float]:
    """Round values from 0 to at most ``top``, five or fewer steps."""
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw)
    return [k * step for k in range(int(top / step + 1e-9) + 1)]


def until(
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


def draw_legend(
    drawing: Drawing, items: Sequence[tuple[str, str]], top: float, width: float
) -> float:
    """Keys and their words in lines as wide as the chart; returns the chart's height."""
    x, y = PAD, top + PAD
    for key, words in items:
        room = 22 + text_width(words) + 14
        if x > PAD and x + room > width - PAD:
            x, y = PAD, y + FONT_SIZE + 8
        _key(drawing, key, x, y + FONT_SIZE / 2 + 2)
        drawing.text(x + 22, y + FONT_SIZE, words)
        x += room
    return y + FONT_SIZE + 4 + PAD


def _key(drawing: Drawing, key: str, x: float, middle: float) -> None:
    """The little picture before a legend's words."""
    fills = {
        "listening": LIGHT_ORANGE,
        "contributing": LIGHT_BLUE,
        "window": PURPLE,
        "band": BAND,
    }
    strokes = {
        "expected": (BLUE, ""),
        "median": (BLUE, DOTTED),
        "target": (DARK, DASH_DOTTED),
        "deadline": (GREEN, DASHED),
    }
    if key in fills:
        drawing.rect(x, middle - 6, 16, 12, fills[key])
    elif key in strokes:
        drawing.line(x, middle, x + 16, middle, *strokes[key])
    elif key == "deadline mark":
        drawing.rect(x + 6.5, middle - 8, 3, 16, GREEN)
    else:
        shape = "triangle" if key == "due" else "diamond"
        taken = key != "left out"
        drawing.marker(shape, x + 8, middle, RED if taken else GREY, taken, "")


def short(text: str, length: int) -> str:
    """One plain line of at most ``length`` characters, cut with an ellipsis."""
    text = plain(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def _escaped(text: str) -> str:
    return html.escape(plain(text))
