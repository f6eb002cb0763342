"""Reading JSON: duplicate keys refused, integers and nesting within the limits."""

from __future__ import annotations

import json
import re
import sys
from typing import TYPE_CHECKING, Any

from eminence.errors import (
    DocumentSyntaxError,
    EminenceError,
)

if TYPE_CHECKING:
    pass
from eminence._documents.limits import (
    MAX_INT_DIGITS,
    Limits,
    _bracket_depth,
    _check_tree,
    _int_limit_error,
    _show,
    _too_deep,
    _too_many_digits,
)

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*+"')


def _parse_json(text: str, limits: Limits) -> object:
    # Python's own digit limit, where in force, refuses a long integer as fast as the C parser
    # reads it; a Python call per integer is only worth paying where that limit was lifted.
    python_limit = sys.get_int_max_str_digits()
    hook = None if 0 < python_limit <= MAX_INT_DIGITS else _json_int
    try:
        data: object = json.loads(text, object_pairs_hook=_unique_keys, parse_int=hook)
    except EminenceError:
        raise
    except json.JSONDecodeError as error:
        raise DocumentSyntaxError(
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise _too_deep(_bracket_depth(_JSON_STRING.sub("", text)), limits) from None
    except ValueError as error:
        raise _int_limit_error(error) or DocumentSyntaxError(
            f"invalid JSON: {error}", redacted="invalid JSON"
        ) from None
    _check_tree(data, limits)
    return data


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DocumentSyntaxError(
                    f"duplicate key {_show(key)} in a JSON object; each key may appear once",
                    redacted="a key appears twice in a JSON object; each key may appear once",
                )
            seen.add(key)
    return mapping


def _json_int(digits: str) -> int:
    count = len(digits.lstrip("-"))
    if count > MAX_INT_DIGITS:
        raise _too_many_digits(count, MAX_INT_DIGITS)
    return int(digits)
