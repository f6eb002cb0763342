"""What of an invalid record can still be read, so the checks across fields can run beside
the field errors and a profile reports every problem at once.

A record whose fields failed is rebuilt without validation (`salvage`) from the fields that
passed; a field that failed, and every field inside it, becomes `UNREADABLE`. Using it in any
way raises `NotReadable`, so a check that needs it is skipped by `readable`, and only that
check: a broken audience leaves the venue's yields and events to be checked.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NoReturn, TypeVar, get_args, get_origin

from pydantic import TypeAdapter, ValidationError

from eminence.errors import Problem
from eminence.model._base import Record

__all__ = (
    "UNREADABLE",
    "NotReadable",
    "known_ids",
    "readable",
    "readable_ids",
    "records",
    "salvage",
)

_Record = TypeVar("_Record")
Location = tuple[int | str, ...]


class NotReadable(Exception):
    """A check needed a value that failed validation; the check is skipped."""


class _Unreadable:
    """A value that failed validation: reading it in any way raises `NotReadable`."""

    __slots__ = ()

    def _refuse(self, *args: object) -> NoReturn:
        raise NotReadable

    def __getattr__(self, name: str) -> NoReturn:
        if name.startswith("__"):
            # Python's own probes (copy, doctest, pickle) ask for these; they are not reads.
            raise AttributeError(name)
        raise NotReadable

    __iter__ = __len__ = __contains__ = __bool__ = __getitem__ = __hash__ = _refuse
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _refuse
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __float__ = _refuse

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE: Any = _Unreadable()
"""Stands for a value that failed validation in a salvaged record."""


def salvage(kind: type[Record], data: object, failed: Sequence[Location]) -> Any:
    """The record ``data`` would be, built from the fields that passed; failed ones unreadable.

    ``failed`` are the locations of the validation errors, relative to ``data``. A field
    without an error under it is validated alone; a record, or a tuple of records, with errors
    inside is salvaged in turn; any other field with an error is `UNREADABLE`.
    """
    if not isinstance(data, Mapping):
        return UNREADABLE
    values: dict[str, Any] = {}
    for name, field in kind.model_fields.items():
        inside = [location[1:] for location in failed if location[:1] == (name,)]
        if name not in data:
            missing = field.is_required() or inside
            values[name] = UNREADABLE if missing else field.get_default(call_default_factory=True)
        elif not inside:
            values[name] = _validated(kind, name, data[name])
        else:
            values[name] = _salvaged(field.annotation, data[name], inside)
    return kind.model_construct(**values)


def _salvaged(annotation: Any, value: object, failed: list[Location]) -> Any:
    if () in failed:
        return UNREADABLE
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return salvage(annotation, value, failed)
    item = get_args(annotation)
    record_items = get_origin(annotation) is tuple and len(item) == 2 and item[1] is Ellipsis
    if record_items and isinstance(item[0], type) and issubclass(item[0], Record):
        if not isinstance(value, list | tuple):
            return UNREADABLE
        return tuple(
            salvage(item[0], entry, [place[1:] for place in failed if place[:1] == (index,)])
            for index, entry in enumerate(value)
        )
    return UNREADABLE


def _validated(kind: type[Record], name: str, value: object) -> Any:
    try:
        return _adapter(kind, name).validate_python(value)
    except ValidationError:
        # It passed within its record, whose own before-validators may have shaped it.
        return UNREADABLE


@functools.cache
def _adapter(kind: type[Record], name: str) -> TypeAdapter[Any]:
    field = kind.model_fields[name]
    return TypeAdapter(field.rebuild_annotation())


def readable(check: Callable[..., Iterable[Problem]], *arguments: Any) -> list[Problem]:
    """The problems ``check(*arguments)`` finds, or none when it needs a value that failed."""
    try:
        return list(check(*arguments))
    except NotReadable:
        return []


def records(items: Iterable[_Record]) -> list[tuple[int, _Record]]:
    """The items that are records, with their indices: none of an unreadable list, and no
    unreadable item (whose fields may still be read, unlike an item that is unreadable whole)."""
    try:
        return [(index, item) for index, item in enumerate(items) if item is not UNREADABLE]
    except NotReadable:
        return []


def readable_ids(items: Iterable[Any]) -> list[str]:
    """The ids of the items that can be read; an unreadable item or id is left out."""
    try:
        return [item.id for item in items if _has_id(item)]
    except NotReadable:
        return []


def _has_id(item: Any) -> bool:
    try:
        return item.id is not UNREADABLE
    except NotReadable:
        return False


def known_ids(items: Iterable[Any]) -> set[str] | Any:
    """Every item's id, or `UNREADABLE` when one cannot be read: then no reference to these
    items can be said to be unknown."""
    try:
        return {item.id for item in items}
    except NotReadable:
        return UNREADABLE
