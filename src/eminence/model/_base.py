"""The shared base of every model type: frozen, strict about unknown fields, one error type."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from eminence.errors import InvalidInputError, Problem

if TYPE_CHECKING:
    from pandas import DataFrame

__all__ = ("Choice", "Record", "Tabular", "View", "format_path", "show_as", "view_of")


def format_path(location: Iterable[int | str]) -> str:
    """Render a pydantic location as ``venues[2].audience.cio``."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path


def _join(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if not path:
        return prefix
    return prefix + path if path.startswith("[") else f"{prefix}.{path}"


_FRIENDLY = {
    "finite_number": "must be a finite number, not NaN or infinity",
    "extra_forbidden": "is not a known field; check its spelling or remove it",
    "missing": "is required; add it",
    "frozen_instance": "cannot be changed; use .replace(...) to make a changed copy",
}


def _problems(error: ValidationError) -> Iterator[Problem]:
    details = error.errors(include_url=False)
    failed_inside = {detail["loc"][:-1] for detail in details if detail["loc"]}
    for detail in details:
        # A collection whose items failed is also reported as too short; that echo misleads.
        if detail["type"] == "too_short" and detail["loc"] in failed_inside:
            continue
        yield from _problems_of(detail)


def _problems_of(detail: ErrorDetails) -> Iterator[Problem]:
    path = format_path(detail["loc"])
    cause = detail.get("ctx", {}).get("error")
    # Nested records and cross-field checks raise their own error; keep each finding's path.
    if isinstance(cause, InvalidInputError):
        for problem in cause.problems:
            yield Problem(_join(path, problem.path), problem.message)
        return
    message = _FRIENDLY.get(detail["type"])
    if message is None:
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] not in {"value_error", "assertion_error"}:
            message = f"{message} (got {_shown(detail['input'])})"
    yield Problem(path, message)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True, slots=True)
class View:
    """How a kind of record shows itself: text for a terminal, HTML for a notebook, a DataFrame.

    The model may not import the report layer (imports point downwards), so the report layer
    registers its views here with `show_as` when eminence is imported; a record without a view
    keeps pydantic's plain text and has no HTML.
    """

    text: Callable[[Any], str]
    html: Callable[[Any], str]
    frame: Callable[[Any], Any] | None = None


_VIEWS: dict[type[Any], View] = {}


def show_as(kind: type[Record], view: View) -> None:
    """Register how records of ``kind`` (exactly that class) show themselves."""
    _VIEWS[kind] = view


def view_of(record: Record) -> View | None:
    """The view registered for the record's class, if any."""
    return _VIEWS.get(type(record))


class Record(BaseModel):
    """An immutable, validated value; invalid input raises `InvalidInputError` with paths."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True,
        extra="forbid",
        allow_inf_nan=False,
    )

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise InvalidInputError(type(self).__name__, _problems(error)) from None

    # Tells pydantic this is still its own __init__: nested records are then validated in one
    # pass by pydantic-core, instead of through this method with every check run twice.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, **options: Any) -> Self:
        """Validate plain data, raising `InvalidInputError` that names each bad path."""
        try:
            return super().model_validate(obj, **options)
        except ValidationError as error:
            raise InvalidInputError(cls.__name__, _problems(error)) from None

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **options: Any) -> Self:
        """Validate JSON text, raising `InvalidInputError` that names each bad path."""
        try:
            return super().model_validate_json(json_data, **options)
        except ValidationError as error:
            raise InvalidInputError(cls.__name__, _problems(error)) from None

    def _reject(self, problems: Iterable[Problem]) -> None:
        """Raise the findings of a cross-field check, if there are any."""
        problems = tuple(problems)
        if problems:
            raise InvalidInputError(type(self).__name__, problems)

    def replace(self, **changes: Any) -> Self:
        """Return a validated copy with some fields changed; the original is untouched."""
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(changes)
        return type(self).model_validate(data)

    def __str__(self) -> str:
        view = view_of(self)
        return view.text(self) if view else super().__str__()

    def _repr_html_(self) -> str | None:
        """HTML for Jupyter: None, so plain text, for records the report layer does not show."""
        view = view_of(self)
        return view.html(self) if view else None

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # Fields left at their defaults are omitted: the repr still rebuilds the object.
        for name, field in type(self).model_fields.items():
            value = getattr(self, name)
            if not field.is_required() and value == field.get_default(call_default_factory=True):
                continue
            yield name, value


class Tabular(Record):
    """A result that is at heart a table, so it also becomes a pandas DataFrame."""

    def to_frame(self) -> DataFrame:
        """The rows as a pandas DataFrame, one column per field (needs the ``pandas`` extra)."""
        view = view_of(self)
        if view is None or view.frame is None:
            raise TypeError(f"{type(self).__name__} has no table view")
        return view.frame(self)


class Choice(enum.StrEnum):
    """A closed set of named values, written as strings, shown as the expression that names them."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"
