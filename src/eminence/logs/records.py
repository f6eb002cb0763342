"""Building records from a log's rows: each cell read in the log's conventions, every bad one
reported with its row and column, quoted as written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from eminence.errors import (
    InvalidInputError,
    Problem,
)
from eminence.model._base import Record
from eminence.model.columns import Columns
from eminence.model.keyword_rules import Matcher
from eminence.model.listening_log import UNKNOWN, ColumnMapping, ListeningLog, Observation
from eminence.model.progress_log import ProgressColumns, ProgressEntry

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
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")
"""A profile id (see `eminence.model.quantities.Id`)."""
_PUNCTUATION = re.compile(r"[^A-Za-z0-9_.\-]+")


_Mapping = TypeVar("_Mapping", ColumnMapping, ProgressColumns)


def _log(
    rows: Sequence[tuple[int, Mapping[str, Any]]], mapping: ColumnMapping, decimal: str
) -> ListeningLog:
    matcher = mapping.rules.matcher()

    def observation(number: int, row: Mapping[str, Any], problems: list[Problem]) -> Record | None:
        by_key = _by_key(row)
        data = _fields(number, by_key, mapping, decimal, _cell, problems)
        if data is None:
            return None
        _labelled(data, matcher)
        place = lambda field: _at(number, mapping, field)  # noqa: E731
        return _validated(Observation, data, place, _written(by_key, mapping), problems)

    observations = _build(rows, mapping, "ListeningLog", observation)
    return ListeningLog(
        observations=tuple(o for o in observations if isinstance(o, Observation)), columns=mapping
    )


def _labelled(data: dict[str, Any], matcher: Matcher) -> None:
    """The row's labels from the rules whose keywords occur in its text, and why."""
    text, topics = data.get("text"), data.get("topics", ())
    matched = matcher.matches(text) if isinstance(text, str) else ()
    if not matched or not isinstance(topics, tuple):
        return
    data["matched"] = matched
    data["topics"] = tuple(
        dict.fromkeys([*topics, *(m.label for m in matched if m.rule == "topics")])
    )
    segment = next((m.label for m in matched if m.rule == "segments"), None)
    if segment is not None:
        data["segment"] = segment


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
        return _speaker_or_place(mapping.id_for(value)) if isinstance(value, str) else value
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
        return _speaker_or_place(mapping.id_for(value)) if isinstance(value, str) else value
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


def _speaker_or_place(label: str) -> str:
    """An id for a label an export writes: ``@jane_doe`` is ``jane_doe``, ``Hacker News``
    ``Hacker-News``, ``r/pm`` ``r-pm``; a label that is no id even so (letters beyond ASCII, a
    control character) is left for the record to refuse."""
    if _ID.fullmatch(label) or not (label.isascii() and label.isprintable()):
        return label
    written = _PUNCTUATION.sub("-", label).strip("-")
    return written if _ID.fullmatch(written) else label


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
    if field in {"venue", "event", "segment"}:
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
