"""The shared base of every model type: frozen, strict about unknown fields, one error type."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, NoReturn, Self, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from eminence.errors import InvalidInputError, Problem
from eminence.model._views import View, show_as, view_of, views_from

if TYPE_CHECKING:
    from pandas import DataFrame

__all__ = (
    "Choice",
    "describe",
    "field_problems",
    "FrozenDict",
    "FrozenMap",
    "Record",
    "Tabular",
    "View",
    "format_path",
    "show_as",
    "view_of",
    "views_from",
)

_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


class FrozenDict(dict[_Key, _Value]):
    """A dict that refuses every change, so that a mapping inside a frozen record is frozen too.

    It is still a dict (JSON, pickling, ``==`` with plain dicts and the repr work as before),
    and hashable when its values are, so records that hold one can be hashed.
    """

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(
            "this mapping belongs to a frozen record and cannot be changed; "
            "use .replace(...) on the record to make a changed copy"
        )

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[type[FrozenDict[_Key, _Value]], tuple[dict[_Key, _Value]]]:
        return type(self), (dict(self),)

    def copy(self) -> dict[_Key, _Value]:
        """A plain, changeable copy."""
        return dict(self)


FrozenMap = Annotated[Mapping[_Key, _Value], AfterValidator(FrozenDict)]
"""A mapping field of a record: validated as a dict, then frozen."""


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
    "string_unicode": "holds a lone surrogate (half of a character pair), which is not text; "
    "remove it",
    "date_from_datetime_inexact": "is a date and time; give the date alone, as YYYY-MM-DD",
}
"""Messages in plain words for pydantic's error types, which need no context to read."""

_WORDED = {
    "greater_than": "must be more than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "string_too_long": "is longer than {max_length} characters; shorten it",
    "string_too_short": "is too short: give at least {min_length} character",
    "too_long": "has {actual_length} items; at most {max_length} are allowed",
    "too_short": "needs at least {min_length} item; add one",
    "string_type": "must be text",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "date_type": "must be a date, as YYYY-MM-DD",
    "date_parsing": "must be a date, as YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a real date, as YYYY-MM-DD ({error})",
    "dict_type": "must be a mapping of names to values",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "model_type": "must be a mapping of the fields of {class_name}",
    "model_attributes_type": "must be a mapping of the fields of {class_name}",
    "enum": "must be one of {expected}",
    "literal_error": "must be one of {expected}",
}
"""Messages in plain words that quote the limit or the choices from pydantic's context."""

_DESCRIBED: dict[str, str] = {}
"""What a pattern of constrained text, or a record, must be, in plain words: by the pattern,
or by the record's class name."""


def describe(what: str, words: str) -> None:
    """Say in plain words what a pattern or a record accepts, for errors to show instead."""
    _DESCRIBED[what] = words


def field_problems(error: ValidationError) -> Iterator[Problem]:
    """The problems pydantic found, in plain words, each with its path."""
    details = error.errors(include_url=False)
    failed_inside = {detail["loc"][:-1] for detail in details if detail["loc"]}
    for detail in details:
        # A collection whose items failed is also reported as too short; that echo misleads.
        if detail["type"] == "too_short" and detail["loc"] in failed_inside:
            continue
        yield from _problems_of(detail)


def _problems_of(detail: ErrorDetails) -> Iterator[Problem]:
    path = format_path(detail["loc"])
    context = detail.get("ctx", {})
    cause = context.get("error")
    # Nested records and cross-field checks raise their own error; keep each finding's path.
    if isinstance(cause, InvalidInputError):
        for problem in cause.problems:
            yield Problem(_join(path, problem.path), problem.message)
        return
    kind = detail["type"]
    message = _FRIENDLY.get(kind)
    if message is None and kind in {"value_error", "assertion_error"}:
        message = detail["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    elif kind == "float_type" and isinstance(detail["input"], int):
        message = f"is too large to be a number here (got {_shown(detail['input'])})"
    elif message is None:
        message = f"{_worded(kind, context, detail['msg'])} (got {_shown(detail['input'])})"
    yield Problem(path, message)


def _worded(kind: str, context: dict[str, Any], fallback: str) -> str:
    if kind == "string_pattern_mismatch":
        pattern = str(context.get("pattern", ""))
        return _DESCRIBED.get(pattern, f"does not have the expected form {pattern}")
    if kind in {"model_type", "model_attributes_type"} and context["class_name"] in _DESCRIBED:
        return _DESCRIBED[context["class_name"]]
    template = _WORDED.get(kind)
    if template is None:
        return fallback.replace("Input should be", "must be")
    shown = {name: _number(value) for name, value in context.items()}
    message = template.format_map(shown)
    # "at least 1 item", "at least 2 items"
    count = context.get("min_length", context.get("max_length"))
    if kind in {"too_short", "string_too_short"} and count != 1:
        message += "s"
    return message


def _number(value: object) -> object:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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
            raise InvalidInputError(type(self).__name__, field_problems(error)) from None

    # Tells pydantic this is still its own __init__: nested records are then validated in one
    # pass by pydantic-core, instead of through this method with every check run twice.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    UNWRITTEN_DEFAULTS: ClassVar[tuple[str, ...]] = ()
    """Fields left out of the written form while they hold their default: what a later schema
    version added, so that a record that does not use it is written exactly as before. A
    record that names any writes through `without_unwritten_defaults`."""

    @classmethod
    def model_validate(cls, obj: Any, **options: Any) -> Self:
        """Validate plain data, raising `InvalidInputError` that names each bad path."""
        try:
            return super().model_validate(obj, **options)
        except ValidationError as error:
            raise InvalidInputError(cls.__name__, field_problems(error)) from None

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **options: Any) -> Self:
        """Validate JSON text, raising `InvalidInputError` that names each bad path."""
        try:
            return super().model_validate_json(json_data, **options)
        except ValidationError as error:
            raise InvalidInputError(cls.__name__, field_problems(error)) from None

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


def without_unwritten_defaults(record: Record, data: Any) -> Any:
    """The written form ``data`` of ``record`` without its `UNWRITTEN_DEFAULTS` that hold
    their default (Field's own ``exclude_if`` needs a later pydantic than the lowest we take)."""
    if isinstance(data, dict):
        fields = type(record).model_fields
        for name in record.UNWRITTEN_DEFAULTS:
            if getattr(record, name) == fields[name].default:
                data.pop(name, None)
    return data
