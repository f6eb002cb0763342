"""Plain-text tables with aligned columns, for the terminal and text reprs."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ("text_table",)


def text_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, footnote: str = ""
) -> str:
    """Align columns; numbers (and cells that read as numbers) are right-aligned."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [len(header) for header in headers]
    for row in cells:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], len(cell))
    numeric = [
        bool(cells) and all(_is_number(row[index]) for row in cells if row[index])
        for index in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(headers), line(["-" * width for width in widths])]
    out += [line(row) for row in cells]
    if footnote:
        out.append(footnote)
    return "\n".join(out)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"
    return " ".join(str(value).split())


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "").rstrip("%="))
    except ValueError:
        return False
    return True
