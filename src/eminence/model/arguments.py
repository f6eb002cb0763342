"""Checks of the arguments of public Python calls: the wrong type or value ends in an
`InvalidArgumentError` that names the argument, quotes the value as given and says the fix,
never in a `TypeError` or `AttributeError` from deep inside.

Numbers are accepted when they are exactly numbers (``int``, ``float``, NumPy's integer and
floating scalars); text, ``True`` and ``False`` are not numbers, and a whole number must be one
(``20``, not ``20.0``). A date is a `datetime.date`, never a `datetime.datetime`, whose time
would be dropped in silence, nor text, which a caller in Python can parse on purpose.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import numbers
from collections.abc import Iterable, Mapping
from typing import TypeVar

from eminence.errors import InvalidArgumentError

__all__ = ("a_date", "a_number", "a_whole_number", "an_instance", "numbers_of", "text_of")

_Kind = TypeVar("_Kind")


def an_instance(argument: str, value: object, kind: type[_Kind], fix: str) -> _Kind:
    """``value`` when it is a ``kind``; else an error saying how to get one."""
    if not isinstance(value, kind):
        raise InvalidArgumentError(
            argument,
            f"{argument} must be a {kind.__name__}, not {_shown(value)}; {fix}",
        )
    return value


def a_whole_number(
    argument: str, value: object, *, least: int, most: int | None = None, note: str = ""
) -> int:
    """A whole number from ``least`` to ``most``, such as a seed or a count of trials."""
    if most is None:
        span = f"a whole number from {least:,} up"
    else:
        span = f"from {least:,} to {most:,}{note}, a whole number"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidArgumentError(argument, f"{argument} must be {span}, not {_shown(value)}")
    number = int(value)
    if number < least or (most is not None and number > most):
        raise InvalidArgumentError(argument, f"{argument} must be {span}, not {_shown(value)}")
    return number


def a_number(argument: str, value: object, *, what: str = "a number", finite: bool = True) -> float:
    """A real number as a float; text and booleans are refused, and so are NaN and infinity
    unless ``finite`` is False (for a caller whose range check names them better)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidArgumentError(argument, f"{argument} must be {what}, not {_shown(value)}")
    number = float(value)
    if finite and not math.isfinite(number):
        raise InvalidArgumentError(
            argument, f"{argument} must be a finite number, not {_shown(value)}"
        )
    return number


def numbers_of(
    argument: str, values: object, *, what: str = "numbers", most: int | None = None
) -> list[float]:
    """Every number of a list of them; text is not a list of its characters. With ``most``,
    no more than that many are read, even from an endless iterator."""
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise InvalidArgumentError(
            argument,
            f"{argument} must be a list of {what}, such as [2, 4, 8], not {_shown(values)}",
        )
    read = list(values if most is None else itertools.islice(values, most + 1))
    if most is not None and len(read) > most:
        raise InvalidArgumentError(
            argument, f"{argument} holds more than {most:,} {what}; give at most {most:,}"
        )
    return [
        a_number(f"{argument}[{index}]", value, finite=False) for index, value in enumerate(read)
    ]


def text_of(argument: str, value: object, fix: str = "") -> str:
    """Text, such as an id; a number or None is refused, not turned into text."""
    if not isinstance(value, str):
        hint = f"; {fix}" if fix else ""
        raise InvalidArgumentError(argument, f"{argument} must be text, not {_shown(value)}{hint}")
    return value


def a_date(argument: str, value: object) -> dt.date:
    """A calendar day: a `datetime.date`, not a date and time, nor text."""
    if isinstance(value, dt.datetime):
        raise InvalidArgumentError(
            argument,
            f"{argument} must be a date, not the date and time {_shown(value)}; give the day "
            f"alone, as {argument}=dt.date({value.year}, {value.month}, {value.day}) "
            "(or value.date())",
        )
    if not isinstance(value, dt.date):
        fix = ""
        if isinstance(value, str):
            fix = f"; parse text on purpose, as dt.date.fromisoformat({value!r:.40})"
        raise InvalidArgumentError(
            argument, f"{argument} must be a datetime.date, not {_shown(value)}{fix}"
        )
    return value


def _shown(value: object) -> str:
    """The value as the caller wrote it, shortened: ``np.float64(3.0)``, ``'3'``, ``True``."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
