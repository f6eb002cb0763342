"""What every format shares: the safety limits, and the one walk, without recursion, that
checks parsed data against them before anyone else sees it."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import numbers
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TypeAlias

from eminence.errors import (
    DocumentSyntaxError,
    InputLimitError,
    InvalidArgumentError,
)

if TYPE_CHECKING:
    pass


MAX_INT_DIGITS = 4300
"""Most digits in one integer, as in Python's own default limit.

Reading decimal text as an int takes time quadratic in its length, which is why Python refuses
longer ones by default.  JSON and YAML enforce this even where the interpreter's limit has been
lifted (or its lower limit, where it is lower); TOML relies on the interpreter's limit alone,
as `tomllib` has no hook for integers.
"""


@dataclass(frozen=True, slots=True)
class Limits:
    """Safety limits for one untrusted document; the defaults fit real profiles many times over.

    Attributes
    ----------
    max_bytes
        Size of the document: characters for text, bytes for bytes (1 MiB; a real profile is
        a few KB, and tomllib and PyYAML parse about a megabyte a second).
    max_depth
        Nesting of mappings and sequences; a scalar at the top is depth 0 (32).
    max_collection
        Entries in any one mapping or sequence (10,000).
    max_nodes
        Values in the whole document, counting every mapping key, scalar and collection
        (100,000).
    max_string
        Characters in any one string, mapping key or YAML scalar (20,000).
    """

    max_bytes: int = 1024 * 1024
    max_depth: int = 32
    max_collection: int = 10_000
    max_nodes: int = 100_000
    max_string: int = 20_000

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            # NumPy's integers are whole numbers exactly; True, 1.0 and "1" are not.
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
                raise InvalidArgumentError(
                    field.name, f"Limits.{field.name} must be a positive integer, not {value!r}"
                )
            object.__setattr__(self, field.name, int(value))


DEFAULT_LIMITS = Limits()


def _check_size(text: str | bytes, limits: Limits) -> None:
    unit = "characters" if isinstance(text, str) else "bytes"
    if len(text) > limits.max_bytes:
        raise InputLimitError(
            f"the document is {len(text):,} {unit} long; "
            f"at most {limits.max_bytes:,} {unit} are allowed"
        )


def _int_digit_limit() -> int:
    python_limit = sys.get_int_max_str_digits()
    return min(python_limit, MAX_INT_DIGITS) if python_limit else MAX_INT_DIGITS


def _too_many_digits(count: int, limit: int, where: str = "") -> InputLimitError:
    return InputLimitError(f"a number{where} has {count:,} digits; at most {limit:,} are allowed")


@functools.lru_cache(maxsize=4)
def _int_ceiling(digits: int) -> int:
    return int(10**digits)


def _check_int(value: int, where: str) -> None:
    """Refuse an integer too long to print, which TOML's hex or YAML's base-60 notation can
    give without ever reading a long decimal; Python would fail to show it in any message."""
    ceiling = _int_ceiling(_int_digit_limit())
    if value >= ceiling or value <= -ceiling:
        digits = int(abs(value).bit_length() * math.log10(2)) + 1
        found = f"has about {digits:,} digits; at most {_int_digit_limit():,} are allowed"
        raise InputLimitError(f"a number{where} {found}", redacted=f"a number {found}")


def _int_limit_error(error: ValueError) -> InputLimitError | None:
    """Python's refusal to read a too-long integer, told as a limit; None for other errors."""
    found = _INT_LIMIT_MESSAGE.search(str(error))
    return _too_many_digits(int(found[2]), int(found[1])) if found else None


_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}

_INT_LIMIT_MESSAGE = re.compile(r"limit \((\d+) digits\).*value has (\d+) digits")

# A path to a value, built only for containers: (parent path, key or index), None at the top.
_Path: TypeAlias = "tuple[_Path, str | int] | None"


def check_data(data: object, limits: Limits = DEFAULT_LIMITS) -> None:
    """Enforce the limits on data that arrived already parsed, such as a tool's mapping.

    Only exact dicts, lists and strings are walked, as a JSON parser returns them; what else
    the data holds is left for validation to judge.
    """
    _check_tree(data, limits)


def _check_tree(root: object, limits: Limits) -> None:
    """Enforce depth, collection size, node count and string length on parsed data.

    Iterative, so depth costs no stack; paths are built per container, not per value.  The
    JSON and TOML parsers return exact dicts and lists, which lets `type` stand in for the
    slower `isinstance`.
    """
    if type(root) is str:
        _check_string(root, "a string", None, limits)
        return
    if type(root) is not dict and type(root) is not list:
        return
    nodes = 1
    ceiling = _int_ceiling(_int_digit_limit())
    stack: list[tuple[dict[str, Any] | list[Any], int, _Path]] = [(root, 1, None)]
    while stack:
        container, depth, path = stack.pop()
        if depth > limits.max_depth:
            raise _too_deep(_max_depth(root, 1_000 * limits.max_depth), limits)
        size = len(container)
        if size > limits.max_collection:
            kind = "mapping" if type(container) is dict else "list"
            found = f"has {size:,} entries; at most {limits.max_collection:,} are allowed"
            raise InputLimitError(
                f"the {kind} at {_show_path(path)} {found}", redacted=f"a {kind} {found}"
            )
        nodes += 2 * size if type(container) is dict else size
        if nodes > limits.max_nodes:
            raise InputLimitError(
                f"the document has more than {limits.max_nodes:,} values "
                f"(at least {nodes:,}); at most {limits.max_nodes:,} are allowed"
            )
        entries: Iterable[tuple[str | int, object]]
        if type(container) is dict:
            for name in container:
                if type(name) is str:
                    _check_string(name, "a key", path, limits)
            entries = container.items()
        else:
            entries = enumerate(container)
        for key, child in entries:
            if type(child) is str:
                if len(child) > limits.max_string or not child.isascii():
                    _check_string(child, "the string", (path, key), limits)
            elif type(child) is dict or type(child) is list:
                stack.append((child, depth + 1, (path, key)))
            elif type(child) is int and (child >= ceiling or child <= -ceiling):
                _check_int(child, f" at {_show_path((path, key))}")


def _check_string(text: str, what: str, path: _Path, limits: Limits) -> None:
    if len(text) > limits.max_string:
        found = f"has {len(text):,} characters; at most {limits.max_string:,} are allowed"
        raise InputLimitError(f"{what} at {_show_path(path)} {found}", redacted=f"{what} {found}")
    # JSON's "\ud800" escape gives half a character, which no file can hold: refused here
    # rather than when the data is written out again.
    if not text.isascii() and _SURROGATE.search(text):
        found = "holds a lone surrogate (half of a character pair), which is not text; remove it"
        raise DocumentSyntaxError(
            f"{what} at {_show_path(path)} {found}", redacted=f"{what} {found}"
        )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _max_depth(root: object, cap: int) -> int | str:
    """The depth of the data, or "more than ``cap``" once it is that deep: the message needs
    no more, and the walk to the bottom of a deeper one costs time for nothing."""
    deepest = 0
    stack: list[tuple[object, int]] = [(root, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth + 1)
            if deepest > cap:
                return f"more than {cap:,}"
            stack.extend((child, depth + 1) for child in value)
    return deepest


def _show_path(path: _Path) -> str:
    keys: list[str | int] = []
    while path is not None:
        path, key = path
        keys.append(key)
    if not keys:
        return "the top level"
    shown = "".join(
        f"[{key}]" if isinstance(key, int) else f".{_shorten(key)}" for key in keys[::-1]
    )
    return shown.removeprefix(".")


def _shorten(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."


def _show(text: str) -> str:
    return repr(_shorten(text))


_QUOTED = re.compile(r"'(?!<[\w ]+>')[^'\n]{3,}'" + r'|"[^"\n]{3,}"')


def _unquoted(message: str) -> str:
    """A parser's message without what it quotes of the text: a character or an escape (two
    characters at most) stays, as does a token name such as ``'<block end>'``."""
    return _QUOTED.sub("'…'", message)


def _kind(value: object) -> str:
    for types, name in _KINDS:
        if isinstance(value, types):
            return name
    return f"an object of type {type(value).__name__}"


_KINDS: tuple[tuple[type[Any] | tuple[type[Any], ...], str], ...] = (
    (type(None), "null"),
    (bool, "a boolean"),
    ((int, float), "a number"),
    (str, "text"),
    (dt.datetime, "a date and time"),
    (dt.date, "a date"),
    (dt.time, "a time"),
    ((list, tuple), "a list"),
    (Mapping, "a mapping"),
)


def _bracket_depth(structure: str) -> int:
    """The deepest nesting of brackets in text whose strings are already removed."""
    steps = map(_BRACKET_STEP.__getitem__, _NOT_BRACKET.sub("", structure))
    return max(itertools.accumulate(steps), default=0)


def _too_deep(found: int | str, limits: Limits, where: str = "") -> InputLimitError:
    shown = f"{found:,}" if isinstance(found, int) else found
    return InputLimitError(
        f"the document is nested {shown} deep{where}; "
        f"at most {limits.max_depth:,} levels are allowed"
    )
