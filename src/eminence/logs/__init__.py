"""Load logs: listening logs of observed conversations, and progress logs of work and results.

A log arrives as CSV (comma, semicolon or tab, told by its header), JSON or YAML, under the
same limits as a profile: from a file with `load_log` and `load_progress`, or held in memory
(text, bytes, or rows already parsed) with `loads_log` and `loads_progress`. A column
mapping (`ColumnMapping`, `ProgressColumns`) says which column holds what, so an export or
a hand-kept spreadsheet loads without editing. Every bad cell is reported with its row (as
a spreadsheet numbers it) and column, quoted as written. A number written as text is read
only when it is plain in the log's decimal convention, in ASCII digits: ``1,5`` could be one
and a half or fifteen, so it is refused rather than guessed.

`rows` reads a log's rows (CSV as it streams, or a JSON or YAML document); `records` builds
the records from them, cell by cell.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from eminence._documents import DEFAULT_LIMITS, Format, Limits, parse_document
from eminence.errors import (
    InvalidArgumentError,
    Problem,
    UnknownReferenceError,
)
from eminence.logs.records import _PLAIN, _build, _log, _Mapping, _progress_entry
from eminence.logs.rows import _document_rows, _file_rows, _held_in_memory
from eminence.model._base import Record
from eminence.model.listening_log import ColumnMapping, ListeningLog
from eminence.model.progress_log import ProgressColumns, ProgressEntry, ProgressLog

__all__ = (
    "example_log",
    "example_progress",
    "load_log",
    "load_progress",
    "loads_log",
    "loads_progress",
)


LogDocument = str | bytes | bytearray | Sequence[Mapping[str, Any]]
"""A log held in memory: its text, its bytes, or its rows already parsed."""


def load_log(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    columns: ColumnMapping | Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    delimiter: str | None = None,
    decimal: str = ".",
) -> ListeningLog:
    """Read a listening log from a CSV, JSON or YAML file.

    Each row is one observed conversation; ``columns`` says which column holds which field
    (see `ColumnMapping`), so that a spreadsheet or a listening tool's export loads as it is.
    JSON and YAML hold a list of rows (objects), or ``{"observations": [...]}``. The path's
    suffix (``.csv``, ``.json``, ``.yaml``, ``.yml``) gives the format, unless ``format``
    does; ``path`` is always a path (`loads_log` parses a log held in memory), and an error
    quotes nothing of the file until its header or rows name a column of the mapping.

    Rows are numbered as a spreadsheet shows them: in a CSV file the header is row 1 and the
    first observation row 2; in JSON and YAML the first row is row 1.

    A CSV file's ``delimiter`` (a comma, a semicolon or a tab) is, unless given, the one that
    splits its header into the mapped columns: never guessed from the rows, where a note such
    as ``a; b`` would sway it. A number written as text must be plain in the ``decimal``
    convention (``"."``, or ``","`` for ``1,5``): ASCII digits, at most one decimal mark, a
    sign, an exponent. Thousands separators are refused: ``1,500`` could be 1500 or one and a
    half.

    Raises
    ------
    EminenceError
        `InvalidInputError` with one problem per bad cell, each at ``row 7, column 'Channel'``;
        `DocumentSyntaxError`, `InputLimitError`, `UnreadableFileError` or
        `InvalidArgumentError`.
    """
    if _held_in_memory(path, "load_log", "loads_log"):
        return loads_log(
            path,  # type: ignore[arg-type]
            format=format,
            columns=columns,
            limits=limits,
            delimiter=delimiter,
            decimal=decimal,
        )
    mapping = _mapping(columns, ColumnMapping)
    _check_decimal(decimal)
    rows = _file_rows(path, format, limits, mapping, delimiter, "observations", "load_log")
    if isinstance(rows, Mapping):
        return ListeningLog.model_validate(rows)
    return _log(rows, mapping, decimal)


def loads_log(
    document: LogDocument,
    *,
    format: str | None = None,
    columns: ColumnMapping | Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    delimiter: str | None = None,
    decimal: str = ".",
) -> ListeningLog:
    r"""Read a listening log held in memory: CSV, JSON or YAML text or bytes, or a list of rows.

    Text and bytes need their ``format`` (``"csv"``, ``"json"`` or ``"yaml"``); rows already
    parsed, such as a tool's JSON, need none. Everything else is as in `load_log`.

    >>> log = loads_log("date,venue\n2026-11-03,forum\n", format="csv")
    >>> log.observations[0].venue
    'forum'
    """
    mapping = _mapping(columns, ColumnMapping)
    _check_decimal(decimal)
    rows = _document_rows(document, format, limits, mapping, delimiter, "observations")
    if isinstance(rows, Mapping):
        return ListeningLog.model_validate(rows)
    return _log(rows, mapping, decimal)


def example_log(name: str) -> ListeningLog:
    """The sample listening log of a bundled example profile, read with its column mapping."""
    folder = _sample_folder(name, "listening")
    columns = parse_document(
        (folder / f"{name}-listening.columns.json").read_text("utf-8"), Format.JSON
    )
    text = (folder / f"{name}-listening.csv").read_text("utf-8")
    return loads_log(text, format="csv", columns=_mapping(columns, ColumnMapping))


def _sample_folder(name: str, kind: str) -> Traversable:
    """The folder of the bundled examples, once it is known to hold this sample log."""
    folder = resources.files("eminence") / "examples"
    suffix = f"-{kind}.csv"
    logs = sorted(
        entry.name.removesuffix(suffix) for entry in folder.iterdir() if entry.name.endswith(suffix)
    )
    if name not in logs:
        raise UnknownReferenceError(
            f"no sample {kind} log for {name!r}; examples with one: {', '.join(logs)}"
        )
    return folder


def load_progress(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    columns: ProgressColumns | Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    delimiter: str | None = None,
    decimal: str = ".",
) -> ProgressLog:
    """Read a progress log from a CSV, JSON or YAML file.

    Each row is a day's work at a venue, or for one of its events: ``date``, ``venue``,
    ``event``, ``hours``, ``contributions`` and ``note``, under the headers ``columns`` gives
    (see `ProgressColumns`). Every other column counts the outcomes of the metric its header
    names; JSON and YAML rows may also nest them as ``"outcomes": {"requests": 1}``. The
    format, ``path``, rows, ``delimiter`` and ``decimal`` work as in `load_log`;
    `loads_progress` reads a log held in memory.

    Raises
    ------
    EminenceError
        `InvalidInputError` with one problem per bad cell, each at ``row 7, column 'hours'``;
        `DocumentSyntaxError`, `InputLimitError`, `UnreadableFileError` or
        `InvalidArgumentError`.
    """
    if _held_in_memory(path, "load_progress", "loads_progress"):
        return loads_progress(
            path,  # type: ignore[arg-type]
            format=format,
            columns=columns,
            limits=limits,
            delimiter=delimiter,
            decimal=decimal,
        )
    mapping = _mapping(columns, ProgressColumns)
    _check_decimal(decimal)
    rows = _file_rows(path, format, limits, mapping, delimiter, "entries", "load_progress")
    if isinstance(rows, Mapping):
        return ProgressLog.model_validate(rows)
    return _progress(rows, mapping, decimal)


def loads_progress(
    document: LogDocument,
    *,
    format: str | None = None,
    columns: ProgressColumns | Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    delimiter: str | None = None,
    decimal: str = ".",
) -> ProgressLog:
    r"""Read a progress log held in memory: CSV, JSON or YAML text or bytes, or a list of rows.

    Text and bytes need their ``format``; rows already parsed need none. Everything else is
    as in `load_progress`.

    >>> text = "date,venue,hours,requests\n2027-01-11,linkedin,1.5,1\n"
    >>> loads_progress(text, format="csv").entries[0].outcomes
    {'requests': 1.0}
    >>> text = "date;venue;hours\n2027-01-11;linkedin;1,5\n"
    >>> loads_progress(text, format="csv", decimal=",").entries[0].hours
    1.5
    """
    mapping = _mapping(columns, ProgressColumns)
    _check_decimal(decimal)
    rows = _document_rows(document, format, limits, mapping, delimiter, "entries")
    if isinstance(rows, Mapping):
        return ProgressLog.model_validate(rows)
    return _progress(rows, mapping, decimal)


def _progress(
    rows: Sequence[tuple[int, Mapping[str, Any]]], mapping: ProgressColumns, decimal: str
) -> ProgressLog:
    outcome_columns: dict[str, str] = {}

    def entry(number: int, row: Mapping[str, Any], problems: list[Problem]) -> Record | None:
        return _progress_entry(number, row, mapping, decimal, outcome_columns, problems)

    entries = _build(rows, mapping, "ProgressLog", entry)
    return ProgressLog(
        entries=tuple(e for e in entries if isinstance(e, ProgressEntry)),
        columns=mapping,
        outcome_columns=outcome_columns,
    )


def example_progress(name: str) -> ProgressLog:
    """The sample progress log of a bundled example profile: a few months of real-looking work.

    >>> log = example_progress("consultant")
    >>> log.entries[0].venue
    'pmi-chapter'
    """
    folder = _sample_folder(name, "progress")
    return loads_progress((folder / f"{name}-progress.csv").read_text("utf-8"), format="csv")


def _mapping(columns: object, kind: type[_Mapping]) -> _Mapping:
    if columns is None:
        return kind()
    if isinstance(columns, kind):
        return columns
    if isinstance(columns, Mapping):
        return kind.model_validate(columns)
    raise InvalidArgumentError(
        "columns",
        f"columns is a {kind.__name__} or a mapping of field to column, not "
        f"{type(columns).__name__}",
    )


def _check_decimal(decimal: str) -> None:
    if not isinstance(decimal, str) or decimal not in _PLAIN:
        raise InvalidArgumentError("decimal", f"decimal is '.' or ',', not {decimal!r}")
