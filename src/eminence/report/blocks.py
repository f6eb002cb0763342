"""What a view says, before it is rendered: titled sections of tables, lists and paragraphs.

Every view is built once as a `Document`; `report.table` renders it as text and `report.html`
as HTML, so the terminal and the notebook always show the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eminence.model._figures import quantity

__all__ = (
    "Block",
    "Chart",
    "Document",
    "Lines",
    "Paragraph",
    "Section",
    "Table",
    "cell",
    "figure",
    "numeric",
    "plain",
)


@dataclass(frozen=True, slots=True)
class Table:
    """Rows under headers, with a one-line footnote saying what produced them."""

    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    footnote: str = ""


@dataclass(frozen=True, slots=True)
class Lines:
    """A bulleted list, one item a line."""

    items: Sequence[str]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A sentence or two."""

    text: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart as inline SVG markup, for pages only: text shows no charts.

    ``svg`` is markup that `report.svg` drew, with every text in it escaped; ``caption`` is
    plain text, escaped where it is shown.
    """

    svg: str
    caption: str


Block = Table | Lines | Paragraph | Chart


@dataclass(frozen=True, slots=True)
class Section:
    """Blocks under a heading (none for the lead section)."""

    heading: str
    blocks: Sequence[Block]


@dataclass(frozen=True, slots=True)
class Document:
    """A titled view of one result."""

    title: str
    sections: Sequence[Section]


def cell(value: object) -> str:
    """A value as shown in a table: floats trimmed, text made `plain`."""
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"
    return plain(str(value))


figure = quantity
"""An amount of a metric as every report writes it (`eminence.model._figures.quantity`)."""


def plain(text: str) -> str:
    r"""Text on one line, control characters spelt out, so a name cannot drive a terminal.

    >>> plain("Blog\n\x1b[2J  of mine")
    'Blog \\x1b[2J of mine'
    """
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in " ".join(text.split())
    )


def numeric(cells: Sequence[Sequence[str]], columns: int) -> list[bool]:
    """Which columns hold numbers, and nothing else but blanks and "-" (no value): those are
    right-aligned."""
    found = [
        [row[index] for row in cells if row[index] not in ("", "-")] for index in range(columns)
    ]
    return [bool(values) and all(_is_number(value) for value in values) for values in found]


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "").rstrip("%="))
    except ValueError:
        return False
    return True
