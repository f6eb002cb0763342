"""Plain-text tables with aligned columns, and whole documents as text, for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from eminence.report.blocks import (
    Chart,
    Document,
    Lines,
    Paragraph,
    Table,
    cell,
    numeric,
    plain,
)

__all__ = ("text_document", "text_table")


def text_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, footnote: str = ""
) -> str:
    """Align columns; numbers (and cells that read as numbers) are right-aligned."""
    cells = [[cell(value) for value in row] for row in rows]
    widths = [len(header) for header in headers]
    for row in cells:
        for index, text in enumerate(row):
            widths[index] = max(widths[index], len(text))
    right = numeric(cells, len(headers))

    def line(values: Sequence[str]) -> str:
        parts = [
            value.rjust(width) if aligned else value.ljust(width)
            for value, width, aligned in zip(values, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(headers), line(["-" * width for width in widths])]
    out += [line(row) for row in cells]
    if footnote:
        out.append(footnote)
    return "\n".join(out)


def text_document(document: Document) -> str:
    """A document as text: the title, then each section's heading over its blocks; charts
    are for pages, and a section of charts alone is left out."""
    parts = [plain(document.title)] if document.title else []
    for section in document.sections:
        blocks = [block for block in section.blocks if not isinstance(block, Chart)]
        if not blocks and section.blocks:
            continue
        body = "\n\n".join(_block(block) for block in blocks)
        parts.append(f"{plain(section.heading)}\n{body}" if section.heading else body)
    return "\n\n".join(parts)


def _block(block: Table | Lines | Paragraph) -> str:
    if isinstance(block, Table):
        return text_table(block.headers, block.rows, footnote=block.footnote)
    if isinstance(block, Lines):
        return "\n".join(f"- {cell(item)}" for item in block.items)
    if isinstance(block, Paragraph):
        return plain(block.text)
    raise TypeError(block)
