"""Reading a log's rows: from a CSV file read as it streams, or from a JSON or YAML document,
with the delimiter and the format told apart and checked."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeGuard

from eminence._csv import DELIMITERS, check_row_count, csv_rows
from eminence._documents import Format, Limits, parse_document
from eminence.errors import (
    DocumentError,
    DocumentSyntaxError,
    InvalidArgumentError,
    InvalidInputError,
    Problem,
)
from eminence.io import file_path, in_file, not_a_kind_of, read_capped, read_document
from eminence.model.columns import Columns

Rows = list[tuple[int, Mapping[str, Any]]]
"""A log's rows, each with the number a spreadsheet shows it by."""


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
) -> Rows | Mapping[str, Any]:
    """The rows of a log file with their numbers, or the whole log as eminence writes it;
    nothing of the file is quoted until it has shown itself a log by naming a column of the
    mapping."""
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
    if _written(document, key):
        return document
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
) -> Rows | Mapping[str, Any]:
    """The rows of a log held in memory, with their numbers, within the limits, or the whole
    log as eminence writes it."""
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
    if _written(parsed, key):
        return parsed
    if not _is_rows(parsed, key):
        raise DocumentSyntaxError(f"a log is a list of rows, or an object with one key, {key!r}")
    return _rows_of(parsed, key, limits)


def _written(document: object, key: str) -> TypeGuard[Mapping[str, Any]]:
    """A log as eminence writes it (``model_dump_json``): versioned, read as the record it is."""
    return isinstance(document, Mapping) and "schema_version" in document and key in document


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
