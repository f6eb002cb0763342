"""The weekly split: a bar per venue, its hours and the share of them spent listening."""

from __future__ import annotations

from eminence.model import _figures as figures
from eminence.planning import Allocation
from eminence.report.blocks import plain
from eminence.report.svg.drawing import (
    BLUE,
    GREY,
    LABEL_LENGTH,
    PAD,
    ROW,
    WIDE,
    Drawing,
    label_column,
    text_width,
)

__all__ = ("split_svg", "split_title")


def split_svg(allocation: Allocation) -> str:
    """The weekly hours per venue as bars, largest on top, and what is left over, in grey."""
    venues = sorted(
        (venue for venue in allocation.venues if venue.hours_per_week > 0),
        key=lambda venue: -venue.hours_per_week,
    )
    rows = [(venue.name, venue.hours_per_week, BLUE) for venue in venues]
    if allocation.leftover_hours_per_week > 1e-9:
        rows.append(("left over", allocation.leftover_hours_per_week, GREY))
    left = label_column([name for name, _, _ in rows])
    values = [f"{figures.hours_per_week(value)} h" for _, value, _ in rows]
    room = max((text_width(value) for value in values), default=0.0) + PAD
    most = max((hours for _, hours, _ in rows), default=1.0)
    drawing = Drawing()
    for row, ((name, hours, color), value) in enumerate(zip(rows, values, strict=True)):
        top = PAD + row * ROW
        width = hours / most * (WIDE - room)
        drawing.text(left - PAD, top + ROW / 2 + 4, name, anchor="end", length=LABEL_LENGTH)
        drawing.rect(left, top + 4, width, ROW - 8, color, f"{plain(name)}: {value}/week")
        drawing.text(left + width + 4, top + ROW / 2 + 4, value)
    height = 2 * PAD + len(rows) * ROW
    return drawing.svg(left + WIDE + PAD, height, split_title(allocation))


def split_title(allocation: Allocation) -> str:
    money = allocation.leftover_money_per_year
    left = "" if money is None else f", {figures.money(money)} a year of the money budget left over"
    return f"Split of {figures.hours_per_week(allocation.hours_per_week)} h/week{left}"
