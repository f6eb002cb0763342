"""Load listening logs: the spreadsheets and listening-tool exports of observed conversations.

A log arrives as CSV (comma, semicolon or tab), JSON or YAML, under the same limits as a
profile; a `ColumnMapping` says which column holds what, so an export loads without editing.
Every bad cell is reported with its row (as a spreadsheet numbers it) and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from eminence._documents import DEFAULT_LIMITS, Format, Limits, parse_document
from eminence.errors import (
    DocumentSyntaxError,
    EminenceError,
    InputLimitError,
    InvalidInputError,
    Problem,
    UnknownReferenceError,
)
from eminence.io import looks_like_path, read_capped
from eminence.model.listening_log import (
    MAX_OBSERVATIONS,
    UNKNOWN,
    ColumnMapping,
    ListeningLog,
    Observation,
)

__all__ = ("example_log", "load_log")


LogSource = str | bytes | os.PathLike[str] | Sequence[Mapping[str, Any]]

_REQUIRED_COLUMNS = ("date", "venue")
_TRUE = frozenset({"yes", "y", "true", "t", "1", "x", "ja", "oui", "\u2713"})
_FALSE = frozenset({"no", "n", "false", "f", "0", "-", "nee", "non"})
_UNKNOWN_SPEAKERS = frozenset({"", "?", "-", "unknown", "n/a"})
_MAX_LOG_PROBLEMS = 100


def load_log(
    source: LogSource,
    *,
    format: str | None = None,
    columns: ColumnMapping | Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ListeningLog:
    """Read a listening log from a CSV, JSON or YAML file, text, or a list of rows.

    Each row is one observed conversation; ``columns`` says which column holds which field
    (see `ColumnMapping`), so that a spreadsheet or a listening tool's export loads as it is.
    JSON and YAML hold a list of rows (objects), or ``{"observations": [...]}``. A path's
    suffix (``.csv``, ``.json``, ``.yaml``, ``.yml``) gives the format, else ``format`` does.

    Rows are numbered as a spreadsheet shows them: in a CSV file the header is row 1 and the
    first observation row 2; in JSON and YAML the first row is row 1.

    Raises
    ------
    EminenceError
        `InvalidInputError` with one problem per bad cell, each at ``row 7, column 'Channel'``;
        `DocumentSyntaxError`, `InputLimitError` or `UnreadableFileError`.
    """
    mapping = _mapping(columns)
    chosen = _log_format(format) if format is not None else None
    if isinstance(source, Sequence) and not isinstance(source, str | bytes):
        rows: list[tuple[int, Mapping[str, Any]]] = [
            (number, row) for number, row in enumerate(_mappings(source), start=1)
        ]
        return _log(rows, mapping)
    if not isinstance(source, str | bytes | os.PathLike):
        raise EminenceError(
            f"load_log takes a file path, text, bytes or a list of rows, not "
            f"{type(source).__name__}"
        )
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and source.strip() and looks_like_path(source)
    ):
        path = Path(source)
        chosen = chosen or _log_format(path.suffix.lstrip(".") or "(none)")
        text: str | bytes = read_capped(path, limits)
    else:
        text = source
    if chosen is None:
        raise EminenceError("give the format of the log text: format='csv', 'json' or 'yaml'")
    if chosen == "csv":
        return _log(_csv_rows(text, limits), mapping)
    document = parse_document(text, Format(chosen), limits)
    if isinstance(document, Mapping) and set(document) == {"observations"}:
        document = document["observations"]
    if not isinstance(document, list):
        raise DocumentSyntaxError(
            "a listening log is a list of rows, or an object with one key, 'observations'"
        )
    return _log(list(enumerate(_mappings(document), start=1)), mapping)


def example_log(name: str) -> ListeningLog:
    """The sample listening log of a bundled example profile, read with its column mapping."""
    folder = resources.files("eminence") / "examples"
    logs = sorted(
        entry.name.removesuffix("-listening.csv")
        for entry in folder.iterdir()
        if entry.name.endswith("-listening.csv")
    )
    if name not in logs:
        raise UnknownReferenceError(
            f"no sample listening log for {name!r}; examples with one: {', '.join(logs)}"
        )
    columns = parse_document(
        (folder / f"{name}-listening.columns.json").read_text("utf-8"), Format.JSON
    )
    text = (folder / f"{name}-listening.csv").read_text("utf-8")
    return load_log(text, format="csv", columns=_mapping(columns))


def _mapping(columns: object) -> ColumnMapping:
    if columns is None:
        return ColumnMapping()
    if isinstance(columns, ColumnMapping):
        return columns
    if isinstance(columns, Mapping):
        return ColumnMapping.model_validate(columns)
    raise EminenceError(
        f"columns is a ColumnMapping or a mapping of field to column, not {type(columns).__name__}"
    )


def _log_format(name: str) -> str:
    chosen = str(name).lower()
    if chosen == "yml":
        chosen = "yaml"
    if chosen not in {"csv", "json", "yaml"}:
        raise DocumentSyntaxError(
            f"cannot read a listening log as {name!r}; use a .csv, .json, .yaml or .yml file"
        )
    return chosen


def _mappings(rows: Sequence[object]) -> Iterator[Mapping[str, Any]]:
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise InvalidInputError(
                "ListeningLog",
                [Problem(f"row {number}", f"a row is an object of columns, not {row!r:.40}")],
            )
        yield row


def _csv_rows(text: str | bytes, limits: Limits) -> list[tuple[int, Mapping[str, Any]]]:
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
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, Mapping[str, Any]]] = []
    try:
        header = next(reader, None)
        if header is None:
            return rows
        names = [cell.strip() for cell in header]
        if len(names) > limits.max_collection:
            raise InputLimitError(f"the log has {len(names):,} columns; a log needs a few")
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= min(limits.max_collection, MAX_OBSERVATIONS):
                raise InputLimitError(
                    f"the log has more than {min(limits.max_collection, MAX_OBSERVATIONS):,} "
                    "rows; split it, or raise Limits.max_collection"
                )
            for cell in cells:
                if len(cell) > limits.max_string:
                    raise InputLimitError(
                        f"row {number} has a cell of {len(cell):,} characters; at most "
                        f"{limits.max_string:,} are allowed"
                    )
            if len(cells) > len(names):
                raise InvalidInputError(
                    "ListeningLog",
                    [
                        Problem(
                            f"row {number}",
                            f"has {len(cells)} cells but the header names {len(names)} "
                            "columns; quote cells that contain the delimiter",
                        )
                    ],
                )
            rows.append((number, dict(zip(names, cells, strict=False))))
    except csv.Error as error:
        raise DocumentSyntaxError(
            f"the log is not readable CSV near line {reader.line_num}: {error}"
        ) from None
    return rows


def _log(rows: Sequence[tuple[int, Mapping[str, Any]]], mapping: ColumnMapping) -> ListeningLog:
    problems: list[Problem] = []
    observations: list[Observation] = []
    present: set[str] = set()
    for _, row in rows:
        present.update(str(key).strip().casefold() for key in row)
    problems += _missing_columns(mapping, present, has_rows=bool(rows))
    if not problems:
        for number, row in rows:
            observation = _observation(number, row, mapping, problems)
            if observation is not None:
                observations.append(observation)
            if len(problems) >= _MAX_LOG_PROBLEMS:
                break
    if problems:
        raise InvalidInputError("ListeningLog", problems[:_MAX_LOG_PROBLEMS])
    return ListeningLog(observations=tuple(observations), columns=mapping)


def _missing_columns(mapping: ColumnMapping, present: set[str], *, has_rows: bool) -> list[Problem]:
    if not has_rows:
        return []
    default = ColumnMapping()
    problems = []
    for field, column in mapping.columns.items():
        named = field in _REQUIRED_COLUMNS or column != getattr(default, field)
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


def _observation(
    number: int, row: Mapping[str, Any], mapping: ColumnMapping, problems: list[Problem]
) -> Observation | None:
    by_key = {str(key).strip().casefold(): value for key, value in row.items()}
    data: dict[str, Any] = {"row": number}
    failed = False
    for field, column in mapping.columns.items():
        key = column.strip().casefold()
        if key not in by_key:
            continue
        try:
            value = _cell(field, by_key[key], mapping)
        except ValueError as error:
            problems.append(Problem(f"row {number}, column {column!r}", str(error)))
            failed = True
            continue
        if value is not None:
            data[field] = value
    if failed:
        return None
    try:
        return Observation.model_validate(data)
    except InvalidInputError as error:
        columns = mapping.columns
        for problem in error.problems:
            field = problem.path.split(".")[0].split("[")[0]
            where = f"row {number}, column {columns[field]!r}" if field in columns else problem.path
            problems.append(Problem(where, problem.message))
        return None


def _cell(field: str, value: Any, mapping: ColumnMapping) -> Any:
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
        if blank:
            return None
        return value.strip().replace(",", "").replace("_", "") if isinstance(value, str) else value
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
