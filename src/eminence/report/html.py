"""Documents as HTML: compact tables for Jupyter, and a self-contained page for a browser.

Every piece of text passes `html.escape`, whoever wrote it: a venue named
``<script>alert(1)</script>`` shows as those characters and runs nothing.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from eminence.report.blocks import (
    Block,
    Chart,
    Document,
    Lines,
    Paragraph,
    Table,
    cell,
    numeric,
    plain,
)

__all__ = ("html_document", "html_page", "html_table")

# Explicit on every cell: JupyterLab right-aligns table cells unless told otherwise.
_ALIGN = {True: ' style="text-align:right"', False: ' style="text-align:left"'}

_STYLE = """\
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th { border-bottom: 2px solid #999; }
th, td { white-space: nowrap; }
td:first-child { white-space: normal; }
small { color: #555; }
figure { display: inline-table; vertical-align: top; margin: 0.5rem 1.5rem 1rem 0; }
figure svg { max-width: 100%; height: auto; overflow: visible; }
figcaption { display: table-caption; font-weight: 600; margin-bottom: 0.3rem; }
figcaption { overflow-wrap: anywhere; }"""


def html_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, footnote: str = ""
) -> str:
    """A table as HTML, numeric columns right-aligned, its footnote in small print below."""
    cells = [[cell(value) for value in row] for row in rows]
    right = numeric(cells, len(headers))

    def line(tag: str, values: Sequence[str]) -> str:
        parts = (
            f"<{tag}{_ALIGN[aligned]}>{_text(value)}</{tag}>"
            for value, aligned in zip(values, right, strict=True)
        )
        return f"<tr>{''.join(parts)}</tr>"

    out = ["<table>", f"<thead>{line('th', headers)}</thead>", "<tbody>"]
    out += [line("td", row) for row in cells]
    out += ["</tbody>", "</table>"]
    if footnote:
        out.append(f"<p><small>{_text(footnote)}</small></p>")
    return "\n".join(out)


def html_document(document: Document) -> str:
    """A document as an HTML fragment, as Jupyter shows it under a cell."""
    out = ['<div class="eminence">']
    if document.title:
        out.append(f"<h3>{_text(document.title)}</h3>")
    for section in document.sections:
        if section.heading:
            out.append(f"<h4>{_text(section.heading)}</h4>")
        out += [_block(block) for block in section.blocks]
    out.append("</div>")
    return "\n".join(out)


def html_page(document: Document) -> str:
    """A whole page that needs nothing else: no script, no stylesheet, no font to fetch."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_text(document.title)}</title>\n<style>\n{_STYLE}\n</style>\n"
        f"</head>\n<body>\n{html_document(document)}\n</body>\n</html>\n"
    )


def _block(block: Block) -> str:
    if isinstance(block, Table):
        return html_table(block.headers, block.rows, footnote=block.footnote)
    if isinstance(block, Lines):
        items = "".join(f"<li>{_text(item)}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, Paragraph):
        return f"<p>{_text(block.text)}</p>"
    if isinstance(block, Chart):
        return f"<figure><figcaption>{_text(block.caption)}</figcaption>{block.svg}</figure>"
    raise TypeError(block)


def _text(text: str) -> str:
    """Text as HTML: one plain line (as in the terminal), then escaped."""
    return html.escape(plain(text))
