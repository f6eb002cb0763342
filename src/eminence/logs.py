"""Load logs: listening logs of observed conversations, and progress logs of work and results.

A log arrives as CSV (comma, semicolon or tab, told by its header), JSON or YAML, under the
same limits as a profile: from a file with `load_log` and `load_progress`, or held in memory
(text, bytes, or rows already parsed) with `loads_log` and `loads_progress`. A column
mapping (`ColumnMapping`, `ProgressColumns`) says which column holds what, so an export or
a hand-kept spreadsheet loads without editing. Every bad cell is reported with its row (as
a spreadsheet numbers it) and column, quoted as written. A number written as text is read
only when it is plain in the log's decimal convention, in ASCII digits: ``1,5`` could be one
and a half or fifteen, so it is refused rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

from eminence._csv import DELIMITERS, check_row_count, csv_rows
from eminence._documents import DEFAULT_LIMITS, Format, Limits, parse_document
from eminence.errors import (
    DocumentError,
    DocumentSyntaxError,
    InvalidArgumentError,
    InvalidInputError,
    Problem,
    UnknownReferenceError,
)
from eminence.io import file_path, in_file, not_a_kind_of, read_capped, read_document
from eminence.model._base import Record
from eminence.model.columns import Columns
from eminence.model.listening_log import UNKNOWN, ColumnMapping, ListeningLog, Observation
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

_TRUE = frozenset({"yes", "y", "true", "t", "1", "x", "ja", "oui", "\u2713"})
_FALSE = frozenset({"no", "n", "false", "f", "0", "-", "nee", "non"})
_UNKNOWN_SPEAKERS = frozenset({"", "?", "-", "unknown", "n/a"})
_MAX_LOG_PROBLEMS = 100
_PLAIN = {
    mark: re.compile(
        rf"[+-]?(?:[0-9]+(?:{re.escape(mark)}[0-9]*)?|{re.escape(mark)}[0-9]+)(?:[eE][+-]?[0-9]+)?"
    )
    for mark in ".,"
}
"""A plain number in each decimal convention: ASCII digits, one decimal mark, sign, exponent."""
_NUMBER_LIKE = re.compile(r"[+-]?[0-9.,'_\s]*[0-9][0-9.,'_\s]*")
"""Digits mixed with marks that separate thousands somewhere: never read by guessing."""
_ANY_DIGIT = re.compile(r"\d")
"""A digit of any script (Arabic-Indic, full-width...): numbers are read in ASCII digits only."""
_GOT = re.compile(r"\(got .*\)$", re.DOTALL)


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


_Mapping = TypeVar("_Mapping", ColumnMapping, ProgressColumns)


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


def _held_in_memory(path: object, reader: str, parser: str) -> bool:
    """True, with a warning, for what a reader of files took before it read files only."""
    if not isinstance(path, bytes | bytearray | Sequence) or isinstance(path, str):
        return False
    warnings.warn(
        f"em.{reader} reads a file; give a log held in memory to em.{parser} instead "
        f"(em.{reader} will refuse it in the next release)",
        DeprecationWarning,
        stacklevel=3,
    )
    return True


def _file_rows(
    path: object,
    format: str | None,
    limits: Limits,
    columns: Columns,
    delimiter: str | None,
    key: str,
    reader: str,
) -> list[tuple[int, Mapping[str, Any]]]:
    """The rows of a log file with their numbers; nothing of the file is quoted until it has
    shown itself a log by naming a column of the mapping."""
    _check_delimiter(delimiter)
    file = file_path(path, reader, reader.replace("load", "loads"))
    chosen = _log_format(format if format is not None else file.suffix.lstrip(".") or "(none)")
    if chosen == "csv":
        try:
            return csv_rows(read_capped(file, limits), limits, columns, delimiter, known=True)
        except DocumentError as error:
            raise in_file(file, error) from None
    _no_delimiter(delimiter, f"a {chosen.upper()} log")
    document = read_document(file, Format(chosen), limits)
    rows = _rows_of(document, key, limits) if _is_rows(document, key) else None
    if rows is None or (rows and not any(_names_a_column(row, columns) for _, row in rows)):
        named = ", ".join(columns.columns.values())
        shape = f"a list of rows (or {{{key!r}: [...]}}) with columns such as {named}"
        raise not_a_kind_of(file, chosen, "a log", shape)
    return rows


def _document_rows(
    document: object,
    format: str | None,
    limits: Limits,
    columns: Columns,
    delimiter: str | None,
    key: str,
) -> list[tuple[int, Mapping[str, Any]]]:
    """The rows of a log held in memory, with their numbers, within the limits."""
    _check_delimiter(delimiter)
    if isinstance(document, Sequence) and not isinstance(document, str | bytes | bytearray):
        _no_delimiter(delimiter, "rows given as data")
        if format is not None:
            raise InvalidArgumentError("format", "format applies to text and bytes, not to rows")
        check_row_count(len(document), limits)
        return list(enumerate(_mappings(document), start=1))
    if isinstance(document, os.PathLike):
        raise InvalidArgumentError(
            "document",
            f"this reads a log held in memory, not a file; read {os.fspath(document)!r} with "
            "em.load_log or em.load_progress",
        )
    if not isinstance(document, str | bytes | bytearray):
        raise InvalidArgumentError(
            "document",
            f"a log held in memory is text, bytes or a list of rows, not {type(document).__name__}",
        )
    if format is None:
        raise InvalidArgumentError(
            "format", "give the format of the log text: format='csv', 'json' or 'yaml'"
        )
    chosen = _log_format(format)
    text = bytes(document) if isinstance(document, bytearray) else document
    if chosen == "csv":
        return csv_rows(text, limits, columns, delimiter)
    _no_delimiter(delimiter, f"a {chosen.upper()} log")
    parsed = parse_document(text, Format(chosen), limits)
    if not _is_rows(parsed, key):
        raise DocumentSyntaxError(f"a log is a list of rows, or an object with one key, {key!r}")
    return _rows_of(parsed, key, limits)


def _is_rows(document: object, key: str) -> bool:
    return isinstance(document, list) or (
        isinstance(document, Mapping) and set(document) == {key} and isinstance(document[key], list)
    )


def _rows_of(document: object, key: str, limits: Limits) -> list[tuple[int, Mapping[str, Any]]]:
    rows = document[key] if isinstance(document, Mapping) else document
    assert isinstance(rows, list)
    check_row_count(len(rows), limits)
    return list(enumerate(_mappings(rows), start=1))


def _names_a_column(row: Mapping[str, Any], columns: Columns) -> bool:
    wanted = {column.strip().casefold() for column in columns.columns.values()}
    return any(str(header).strip().casefold() in wanted for header in row)


def _check_delimiter(delimiter: str | None) -> None:
    if delimiter is not None and delimiter not in DELIMITERS:
        raise InvalidArgumentError(
            "delimiter", f"delimiter is ',', ';' or a tab ('\\t'), not {delimiter!r}"
        )


def _no_delimiter(delimiter: str | None, what: str) -> None:
    if delimiter is not None:
        raise InvalidArgumentError(
            "delimiter", f"delimiter applies to CSV logs only, not to {what}; leave it out"
        )


def _log_format(name: str) -> str:
    chosen = str(name).lower()
    if chosen == "yml":
        chosen = "yaml"
    if chosen not in {"csv", "json", "yaml"}:
        raise DocumentSyntaxError(
            f"cannot read a log as {name!r}; use a .csv, .json, .yaml or .yml file"
        )
    return chosen


def _mappings(rows: Sequence[object]) -> Iterator[Mapping[str, Any]]:
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            found = type(row).__name__
            raise InvalidInputError(
                "log", [Problem(f"row {number}", f"a row is an object of columns, not {found}")]
            )
        yield row


def _log(
    rows: Sequence[tuple[int, Mapping[str, Any]]], mapping: ColumnMapping, decimal: str
) -> ListeningLog:
    def observation(number: int, row: Mapping[str, Any], problems: list[Problem]) -> Record | None:
        by_key = _by_key(row)
        data = _fields(number, by_key, mapping, decimal, _cell, problems)
        if data is None:
            return None
        place = lambda field: _at(number, mapping, field)  # noqa: E731
        return _validated(Observation, data, place, _written(by_key, mapping), problems)

    observations = _build(rows, mapping, "ListeningLog", observation)
    return ListeningLog(
        observations=tuple(o for o in observations if isinstance(o, Observation)), columns=mapping
    )


def _build(
    rows: Sequence[tuple[int, Mapping[str, Any]]],
    mapping: Columns,
    what: str,
    build: Callable[[int, Mapping[str, Any], list[Problem]], Record | None],
) -> list[Record]:
    """Every row built into a record, or one error listing every bad cell (the first 100)."""
    problems: list[Problem] = []
    built: list[Record] = []
    present: set[str] = set()
    for _, row in rows:
        present.update(str(key).strip().casefold() for key in row)
    problems += _missing_columns(mapping, present, has_rows=bool(rows))
    if not problems:
        for number, row in rows:
            record = build(number, row, problems)
            if record is not None:
                built.append(record)
            if len(problems) >= _MAX_LOG_PROBLEMS:
                break
    if problems:
        raise InvalidInputError(what, problems[:_MAX_LOG_PROBLEMS])
    return built


def _missing_columns(mapping: Columns, present: set[str], *, has_rows: bool) -> list[Problem]:
    if not has_rows:
        return []
    default = type(mapping)()
    problems = []
    for field, column in mapping.columns.items():
        named = field in mapping.REQUIRED or column != getattr(default, field)
        if named and column.strip().casefold() not in present:
            shown = ", ".join(sorted(present)) or "(none)"
            problems.append(
                Problem(
                    f"column {column!r}",
                    f"is missing; it should hold {field.replace('_', ' ')}. The columns "
                    f"found are: {shown}. Name the right one in the column mapping",
                )
            )
    return problems


def _by_key(row: Mapping[str, Any]) -> dict[str, Any]:
    return {str(key).strip().casefold(): value for key, value in row.items()}


def _at(number: int, mapping: Columns, field: str) -> str:
    return f"row {number}, column {mapping.columns[field]!r}"


def _fields(
    number: int,
    by_key: Mapping[str, Any],
    mapping: _Mapping,
    decimal: str,
    cell: Callable[[str, Any, _Mapping, str], Any],
    problems: list[Problem],
) -> dict[str, Any] | None:
    """The mapped cells of a row as record fields; None when a cell could not be read."""
    data: dict[str, Any] = {"row": number}
    failed = False
    for field, column in mapping.columns.items():
        key = column.strip().casefold()
        if key not in by_key:
            continue
        try:
            value = cell(field, by_key[key], mapping, decimal)
        except ValueError as error:
            problems.append(Problem(_at(number, mapping, field), str(error)))
            failed = True
            continue
        if value is not None:
            data[field] = value
    return None if failed else data


def _written(by_key: Mapping[str, Any], mapping: Columns) -> dict[str, Any]:
    """Each mapped field's cell as the log wrote it."""
    keys = {field: column.strip().casefold() for field, column in mapping.columns.items()}
    return {field: by_key[key] for field, key in keys.items() if key in by_key}


def _validated(
    model: type[Record],
    data: dict[str, Any],
    where: Callable[[str], str],
    written: Mapping[str, Any],
    problems: list[Problem],
) -> Record | None:
    """The record, or None with its problems added, each placed at its row and column and
    quoting the cell as written (``'1,5'``, not the ``1.5`` it was read as)."""
    try:
        return model.model_validate(data)
    except InvalidInputError as error:
        for problem in error.problems:
            path = problem.path.split("[")[0].rstrip(".")
            try:
                place = where(path)
            except KeyError:
                place = problem.path
            message = problem.message
            cell = written.get(path)
            found = _GOT.search(message) if isinstance(cell, str) else None
            if found and isinstance(cell, str):
                message = f"{message[: found.start()]}(got {cell.strip()!r:.60})"
            problems.append(Problem(place, message))
        return None


def _cell(field: str, value: Any, mapping: ColumnMapping, decimal: str) -> Any:
    """A cell as the observation field wants it; None leaves the field at its default."""
    blank = value is None or (isinstance(value, str) and not value.strip())
    if field == "date":
        if blank:
            raise ValueError("is empty; every observation needs its date")
        return _date(value, mapping.date_format)
    if field == "venue":
        return mapping.id_for(value) if isinstance(value, str) else value
    if field == "topics":
        if blank:
            return None
        if isinstance(value, str):
            parts = [value]
            for separator in mapping.separators:
                parts = [piece for part in parts for piece in part.split(separator)]
            return tuple(mapping.id_for(part) for part in parts if part.strip())
        if isinstance(value, list | tuple):
            return tuple(mapping.id_for(item) if isinstance(item, str) else item for item in value)
        return value
    if field == "who":
        if blank or (isinstance(value, str) and value.strip().casefold() in _UNKNOWN_SPEAKERS):
            return UNKNOWN
        return mapping.id_for(value) if isinstance(value, str) else value
    if field == "clients_took_part":
        if blank:
            return None
        if isinstance(value, str):
            word = value.strip().casefold()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
            raise ValueError(
                f"{value!r:.40} is neither yes nor no; write yes, no or leave it empty"
            )
        return value
    if field in {"replies", "shares"}:
        return None if blank else _number(value, decimal)
    return None if blank else value


def _date(value: Any, date_format: str | None) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{value!r:.40} is not a date; write it as text, such as 2026-11-03")
    text = value.strip()
    try:
        if date_format is not None:
            return dt.datetime.strptime(text, date_format).date()
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        expected = f"the format {date_format!r}" if date_format else "ISO 8601 (2026-11-03)"
        raise ValueError(
            f"{text!r:.40} is not a date in {expected}; fix it or set date_format in the "
            "column mapping"
        ) from None


def _progress_entry(
    number: int,
    row: Mapping[str, Any],
    mapping: ProgressColumns,
    decimal: str,
    outcome_columns: dict[str, str],
    problems: list[Problem],
) -> Record | None:
    by_key = _by_key(row)
    data = _fields(number, by_key, mapping, decimal, _progress_cell, problems)
    skipped = {column.strip().casefold() for column in (*mapping.columns.values(), *mapping.ignore)}
    cells = [(str(header), value) for header, value in row.items()]
    nested = by_key.get("outcomes")
    if "outcomes" not in skipped and isinstance(nested, Mapping):
        cells = [(h, v) for h, v in cells if h.strip().casefold() != "outcomes"]
        cells += [(str(header), value) for header, value in nested.items()]
    outcomes: dict[str, float] = {}
    written = _written(by_key, mapping)
    for header, value in cells:
        if header.strip().casefold() in skipped:
            continue
        metric = mapping.id_for(header)
        where = f"row {number}, column {header.strip()!r}"
        try:
            count = _count(value, decimal)
        except ValueError as error:
            problems.append(Problem(where, str(error)))
            data = None
            continue
        if outcome_columns.setdefault(metric, header.strip()) != header.strip():
            problems.append(
                Problem(where, f"holds {metric!r}, as does {outcome_columns[metric]!r}; keep one")
            )
            data = None
        elif count is not None:
            outcomes[metric] = count
            written[f"outcomes.{metric}"] = value
    if data is None:
        return None
    data["outcomes"] = outcomes

    def place(path: str) -> str:
        field, _, metric = path.partition(".")
        if field == "outcomes" and metric:
            return f"row {number}, column {outcome_columns[metric]!r}"
        return _at(number, mapping, field)

    return _validated(ProgressEntry, data, place, written, problems)


def _progress_cell(field: str, value: Any, mapping: ProgressColumns, decimal: str) -> Any:
    """A cell as the entry field wants it; None leaves the field at its default."""
    blank = value is None or (isinstance(value, str) and not value.strip())
    if field == "date":
        if blank:
            raise ValueError("is empty; every entry needs its date")
        return _date(value, mapping.date_format)
    if blank:
        return None
    if field in {"venue", "event"}:
        return mapping.id_for(value) if isinstance(value, str) else value
    if field in {"hours", "contributions"}:
        return _number(value, decimal)
    return value


def _count(value: Any, decimal: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = _number(value, decimal)
    try:
        if isinstance(number, bool):
            raise TypeError
        return float(number)
    except (TypeError, ValueError):
        raise ValueError(
            f"{value!r:.40} is not a count of outcomes; write a number or leave it empty, or "
            "list the column in the mapping's ignore if it holds no metric"
        ) from None


def _number(value: Any, decimal: str) -> Any:
    """A number written as text, as the records read it (``1,5`` as ``1.5`` when the decimal
    mark is a comma); anything else passes as it is, for the records to judge.

    Digits mixed with separators that are not plain in the convention (``1,500``, ``1.500,0``,
    ``1 500``) are refused: such a cell could be either of two numbers. So are digits of other
    scripts (``٣``), which Python's `float` reads but a record's number field does not: every
    number cell, hours and outcome counts alike, is read in ASCII digits only.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    if _PLAIN[decimal].fullmatch(text):
        return text.replace(decimal, ".")
    if not text.isascii() and _ANY_DIGIT.search(text):
        raise ValueError(
            f"{text!r:.40} has digits other than 0-9; write numbers in ASCII digits, such as "
            f"1500 or 1{decimal}5"
        )
    if _NUMBER_LIKE.fullmatch(text):
        other = "," if decimal == "." else "."
        raise ValueError(
            f"{text!r:.40} is not a plain number with {decimal!r} as the decimal mark, and "
            "thousands separators are not guessed at: write digits with at most one "
            f"{decimal!r} (such as 1500 or 1{decimal}5), or, if {other!r} is the decimal mark, "
            f"read the log with decimal={other!r}"
        )
    return text
