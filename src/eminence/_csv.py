"""Read the rows of a CSV log: the delimiter from its header, each row under its header names.

The delimiter is never sniffed from the rows, where a note such as ``a; b; c`` or a number
such as ``1,5`` would sway it: it is the one of ``,`` ``;`` and tab that splits the header
into the columns the mapping names, unless the caller gives it.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Mapping
from typing import Any

from eminence._documents import Limits
from eminence.errors import DocumentSyntaxError, InputLimitError, InvalidInputError, Problem
from eminence.model.columns import Columns
from eminence.model.listening_log import MAX_OBSERVATIONS
from eminence.model.progress_log import MAX_ENTRIES

__all__ = ("DELIMITERS", "check_row_count", "csv_rows")

DELIMITERS = (",", ";", "\t")
"""The delimiters a log may use, in the order a tie between them is reported."""

_MAX_ROWS = max(MAX_OBSERVATIONS, MAX_ENTRIES)
_MAX_PROBLEMS = 100


def check_row_count(rows: int, limits: Limits) -> None:
    """Refuse a log of more rows than the limits allow."""
    most = min(limits.max_collection, _MAX_ROWS)
    if rows > most:
        raise InputLimitError(
            f"the log has {rows:,} rows; at most {most:,} are allowed: split it, or raise "
            "Limits.max_collection"
        )


def csv_rows(
    text: str | bytes,
    limits: Limits,
    columns: Columns,
    delimiter: str | None = None,
    *,
    known: bool = False,
) -> list[tuple[int, Mapping[str, Any]]]:
    """The rows of a CSV log with their numbers as a spreadsheet shows them (the header is 1).

    Blank rows are skipped, and so are columns with a blank header and no value (a trailing
    delimiter); a header named twice (ignoring case and surrounding spaces), a value under a
    blank header, or a row with more cells than the header has names, is refused rather than
    read one way. With ``known``, text whose header names none of the mapped columns is
    refused before anything of it is quoted: it may be any file, not a log.
    """
    if len(text) > limits.max_bytes:
        raise InputLimitError(
            f"the log is {len(text):,} characters long; at most {limits.max_bytes:,} are allowed"
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DocumentSyntaxError(
                f"the log is not valid UTF-8 (byte offset {error.start}); save it as UTF-8"
            ) from None
    text = text.removeprefix("\ufeff")
    chosen = delimiter if delimiter is not None else _delimiter(text, columns)
    reader = _reader(text, chosen)
    rows: list[tuple[int, Mapping[str, Any]]] = []
    try:
        header = next(reader, None)
        if header is None:
            return rows
        names = [cell.strip() for cell in header]
        if len(names) > limits.max_collection:
            raise InputLimitError(f"the log has {len(names):,} columns; a log needs a few")
        if known:
            _refuse_unknown_header(names, columns, chosen)
        _refuse_duplicates(names)
        unnamed = [position for position, name in enumerate(names) if not name]
        problems: list[Problem] = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            check_row_count(len(rows) + 1, limits)
            for cell in cells:
                if len(cell) > limits.max_string:
                    raise InputLimitError(
                        f"row {number} has a cell of {len(cell):,} characters; at most "
                        f"{limits.max_string:,} are allowed"
                    )
            if len(cells) > len(names):
                raise InvalidInputError(
                    "log",
                    [
                        Problem(
                            f"row {number}",
                            f"has {len(cells)} cells but the header names {len(names)} "
                            "columns; quote cells that contain the delimiter",
                        )
                    ],
                )
            problems += (
                Problem(
                    f"row {number}, column {position + 1}",
                    "holds a value, but the column has no header in row 1: name the column, or "
                    "delete it",
                )
                for position in unnamed
                if position < len(cells) and cells[position].strip()
            )
            rows.append((number, {n: c for n, c in zip(names, cells, strict=False) if n}))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise InputLimitError(
                f"the log has a cell of more than {csv.field_size_limit():,} characters near "
                f"line {reader.line_num}; at most {limits.max_string:,} are allowed"
            ) from None
        raise DocumentSyntaxError(
            f"the log is not readable CSV near line {reader.line_num}: {error}"
        ) from None
    if problems:
        raise InvalidInputError("log", problems[:_MAX_PROBLEMS])
    return rows


def _refuse_unknown_header(names: list[str], columns: Columns, delimiter: str) -> None:
    wanted = {column.strip().casefold() for column in columns.columns.values()}
    if not wanted & {name.casefold() for name in names}:
        raise DocumentSyntaxError(
            f"this file is not a CSV log: its first row, split on {_named(delimiter)}, names "
            f"none of the columns {', '.join(columns.columns.values())}; if it is a log, check "
            "the delimiter, or name its columns in the column mapping"
        )


def _reader(text: str, delimiter: str) -> Any:
    # Spaces after a delimiter are skipped, so that `a, "b, c"` holds two cells, not three.
    return csv.reader(
        io.StringIO(text, newline=""), csv.excel, delimiter=delimiter, skipinitialspace=True
    )


def _delimiter(text: str, columns: Columns) -> str:
    """The delimiter that splits the header into the required columns, and the most others.

    When none does, the one giving the most cells, so that the error on the missing column
    lists the columns the file has; a tie between two that both do is refused.
    """
    required = {columns.columns[field].strip().casefold() for field in columns.REQUIRED}
    known = {column.strip().casefold() for column in columns.columns.values()}
    splits: dict[str, set[str]] = {}
    for delimiter in DELIMITERS:
        header: list[str] = []
        with contextlib.suppress(csv.Error):
            header = next(_reader(text, delimiter), [])
        splits[delimiter] = {cell.strip().casefold() for cell in header}
    fitting = [d for d in DELIMITERS if required <= splits[d]]
    if not fitting:
        return max(DELIMITERS, key=lambda d: len(splits[d]))
    best = max(len(known & splits[d]) for d in fitting)
    tied = [d for d in fitting if len(known & splits[d]) == best]
    if len(tied) > 1:
        shown = " and ".join(_named(d) for d in tied)
        raise DocumentSyntaxError(
            f"the log's header splits into its columns on {shown} alike; give delimiter= "
            "(--delimiter on the command line)"
        )
    return tied[0]


def _named(delimiter: str) -> str:
    return "a tab" if delimiter == "\t" else repr(delimiter)


def _refuse_duplicates(names: list[str]) -> None:
    """Refuse two columns with one header: a row would keep only the last one's cell."""
    first: dict[str, int] = {}
    problems = []
    for position, name in enumerate(names, start=1):
        key = name.casefold()
        if not key:
            continue
        if key in first:
            earlier = first[key]
            problems.append(
                Problem(
                    "row 1",
                    f"column {earlier} ({names[earlier - 1]!r}) and column {position} ({name!r}) "
                    "have the same header, and headers match ignoring case and surrounding "
                    "spaces: rename or delete one",
                )
            )
        else:
            first[key] = position
    if problems:
        raise InvalidInputError("log", problems)
