"""How records show themselves, registered by the report layer: kept apart from the records,
which it knows only as objects, so that ``import eminence`` can hook the report layer in
without building a record class."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ("View", "show_as", "view_of", "views_from")


@dataclass(frozen=True, slots=True)
class View:
    """How a kind of record shows itself: text for a terminal, HTML for a notebook, a DataFrame.

    The model may not import the report layer (imports point downwards), so the report layer
    registers its views here with `show_as`, the first time a record is shown (`views_from`);
    a record without a view keeps pydantic's plain text and has no HTML.
    """

    text: Callable[[Any], str]
    html: Callable[[Any], str]
    frame: Callable[[Any], Any] | None = None


_VIEWS: dict[type[Any], View] = {}
_PENDING: list[Callable[[], None]] = []
"""Registrations of views not yet run: `view_of` runs them before it answers."""


def show_as(kind: type[Any], view: View) -> None:
    """Register how records of ``kind`` (exactly that class) show themselves."""
    _VIEWS[kind] = view


def views_from(register: Callable[[], None]) -> None:
    """Run ``register`` (which calls `show_as`) when a record is first shown, not before: the
    views import every report, which ``import eminence`` then does not pay for."""
    _PENDING.append(register)


def view_of(record: object) -> View | None:
    """The view registered for the record's class, if any."""
    while _PENDING:
        _PENDING.pop(0)()
    return _VIEWS.get(type(record))
