"""Reading TOML: long dotted keys and deep nesting refused before `tomllib` sees them."""

from __future__ import annotations

import functools
import re
import tomllib
from typing import TYPE_CHECKING

from eminence.errors import (
    DocumentSyntaxError,
    InputLimitError,
)

if TYPE_CHECKING:
    pass
from eminence._documents.limits import (
    Limits,
    _bracket_depth,
    _check_tree,
    _int_limit_error,
    _shorten,
    _too_deep,
    _unquoted,
)

# Strings and comments, which may hold any character; `""` stands in for each when a scan
# only cares about the structure around them.  Unterminated strings run to the end of their
# line (or of the text) so that every match is linear.
_TOML_STRINGS_AND_COMMENTS = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*+(?:"""|\Z)"{0,2}'
    r"|'''(?:[^']|'(?!''))*+(?:'''|\Z)'{0,2}"
    r'|"(?:[^"\\\n]|\\.)*+"?'
    r"|'[^'\n]*+'?"
    r"|\#[^\n]*+"
)

_TOML_POSITION = re.compile(r"(.*) \(at line (\d+), column (\d+)\)", re.DOTALL)


def _parse_toml(text: str, limits: Limits) -> object:
    _check_toml_keys(text, limits)
    try:
        data: object = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = _toml_message(str(error))
        raise DocumentSyntaxError(message, redacted=_unquoted(message)) from None
    except RecursionError:
        structure = _TOML_STRINGS_AND_COMMENTS.sub('""', text)
        raise _too_deep(_bracket_depth(structure), limits) from None
    except ValueError as error:
        # tomllib has no hook for integers, so it relies on Python's digit limit alone.
        raise _int_limit_error(error) or DocumentSyntaxError(
            f"invalid TOML: {error}", redacted="invalid TOML"
        ) from None
    _check_tree(data, limits)
    return data


_SPACE_AFTER_DOT = re.compile(r"\.[ \t]+")
_SPACE_BEFORE_DOT = re.compile(r"[ \t]+\.")


@functools.lru_cache(maxsize=8)
def _long_dotted_key(dots: int) -> re.Pattern[str]:
    part = r'(?:[A-Za-z0-9_-]++|"")'
    # Starting only where no key part or dot precedes, each chain is tried once: linear time.
    return re.compile(rf'(?<![A-Za-z0-9_.\-"]){part}(?:\.{part}){{{dots},}}+')


def _check_toml_keys(text: str, limits: Limits) -> None:
    """Refuse a dotted key or table name of more parts than `max_depth` before tomllib sees it.

    tomllib's work per key grows with the square of its parts: one key of 20,000 parts takes
    seconds and 100,000 parts exhaust memory, all within the size limit.  Outside strings,
    only keys hold two dots or more in a row of key parts (a float or time holds one), so at
    least two dots are needed before a chain counts; the walk after parsing sees the rest.
    """
    structure = _TOML_STRINGS_AND_COMMENTS.sub('""', text)
    dots = max(limits.max_depth, 2)
    if structure.count(".") < dots:
        return
    # Gluing dots to their neighbours lets a chain be found from its first part alone; the
    # costlier half of that runs only when some dot has white space before it.
    structure = _SPACE_AFTER_DOT.sub(".", structure)
    if " ." in structure or "\t." in structure:
        structure = _SPACE_BEFORE_DOT.sub(".", structure)
    found = _long_dotted_key(dots).search(structure)
    if found is not None:
        parts = found[0].count(".") + 1
        limit = f"at most {limits.max_depth:,} levels are allowed"
        raise InputLimitError(
            f"the document is nested {parts:,} deep by the dotted key {_shorten(found[0])}; "
            + limit,
            redacted=f"the document is nested {parts:,} deep by a dotted key; {limit}",
        )


def _toml_message(message: str) -> str:
    found = _TOML_POSITION.fullmatch(message)
    if found:
        text = f"invalid TOML at line {found[2]}, column {found[3]}: {found[1]}"
    else:
        text = f"invalid TOML: {message}"
    if "overwrite" in message or "twice" in message:
        text += " (is a key or table defined twice?)"
    return text
