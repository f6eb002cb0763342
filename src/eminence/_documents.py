"""Turn untrusted JSON, TOML or YAML text into plain Python data, and plain data back into text.

Profiles come from people we have never met, so every safety limit is enforced here, on the
way in, before the model validates anything.  Validation would come too late: the damage is done
inside the parsers (deep nesting overflows the stack; a 5,000-digit integer or a 20,000-part
TOML key costs seconds) or by the first walk over what they return (a YAML alias bomb of a few
lines is a tree of a billion values), and validation is such a walk, one that also copies the
data and reports on every bad value it finds.  So the size is checked before parsing, YAML is
vetted from its event stream before anything is built, and what the JSON and TOML parsers
return is walked once, without recursion, before anyone else sees it.

Whatever the input, `parse_document` returns plain data (dicts with text keys, lists, text,
numbers, booleans, None, dates) or raises one `EminenceError`: `DocumentSyntaxError`,
`InputLimitError` or `MissingExtraError`.  This module knows nothing of the domain model.

An error may quote the text it is about (``duplicate key 'name'``), which helps whoever wrote
it; each also carries a `~eminence.errors.DocumentError.redacted` message that says the same
without quoting, for text read from a file that may not be a document at all.

>>> parse_document('name = "Ada"\\nhours = [1, 2.5]', Format.TOML)
{'name': 'Ada', 'hours': [1, 2.5]}
>>> print(render_document({"name": "Ada", "hours": [1, 2.5]}, Format.JSON), end="")
{
  "name": "Ada",
  "hours": [
    1,
    2.5
  ]
}
"""

from __future__ import annotations

import codecs
import datetime as dt
import enum
import functools
import itertools
import json
import math
import numbers
import re
import sys
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from eminence.errors import (
    DocumentError,
    DocumentSyntaxError,
    EminenceError,
    InputLimitError,
    InvalidArgumentError,
    MissingExtraError,
)

if TYPE_CHECKING:
    import yaml

__all__ = (
    "DEFAULT_LIMITS",
    "check_data",
    "MAX_INT_DIGITS",
    "Format",
    "Limits",
    "guess_format",
    "parse_document",
    "render_document",
)

MAX_INT_DIGITS = 4300
"""Most digits in one integer, as in Python's own default limit.

Reading decimal text as an int takes time quadratic in its length, which is why Python refuses
longer ones by default.  JSON and YAML enforce this even where the interpreter's limit has been
lifted (or its lower limit, where it is lower); TOML relies on the interpreter's limit alone,
as `tomllib` has no hook for integers.
"""


class Format(enum.StrEnum):
    """A document format; its value is the name callers pass as ``format=``."""

    JSON = "json"
    TOML = "toml"
    YAML = "yaml"

    @classmethod
    def from_suffix(cls, suffix: str) -> Format:
        """The format a file suffix stands for, ignoring case.

        >>> Format.from_suffix(".YML")
        <Format.YAML: 'yaml'>
        """
        found = _SUFFIXES.get(suffix.lower())
        if found is None:
            what = f"the suffix {suffix!r}" if suffix else "no suffix"
            raise DocumentSyntaxError(
                f"cannot tell the format of a file with {what}; "
                "name it .json, .toml, .yaml or .yml, or give the format (format= in Python, "
                "--format on the command line)"
            )
        return found


_SUFFIXES = {
    ".json": Format.JSON,
    ".toml": Format.TOML,
    ".yaml": Format.YAML,
    ".yml": Format.YAML,
}


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


def parse_document(
    text: str | bytes, format: Format, limits: Limits = DEFAULT_LIMITS, *, quote: bool = True
) -> object:
    """Parse untrusted text into plain data, refusing anything over `limits`.

    Bytes are read as UTF-8 (a leading byte-order mark is dropped).  Line ends may be
    ``\\n``, ``\\r\\n`` or a bare ``\\r``, as old Mac and some Windows tools write them: each
    reads as ``\\n``, which no format tells apart from the others where it is allowed.  JSON's
    non-standard ``NaN`` and ``Infinity`` literals parse to floats, so that the model, which
    rejects them, can name the field that holds one.  With ``quote=False`` errors carry their
    redacted message: nothing of the text, only where and what kind of problem.

    Raises
    ------
    DocumentSyntaxError
        Malformed text, or a construct that is not allowed: duplicate keys, YAML tags,
        anchors, aliases, several YAML documents, or YAML keys that are not text.
    InputLimitError
        A limit is exceeded; the message names it, the value found and the limit.
    MissingExtraError
        YAML was asked for but PyYAML is not installed.
    """
    chosen = Format(format)
    try:
        _check_size(text, limits)
        decoded = _decode(text)
        if chosen is Format.JSON:
            return _parse_json(decoded, limits)
        if chosen is Format.TOML:
            return _parse_toml(decoded, limits)
        return _parse_yaml(decoded, limits)
    except DocumentError as error:
        if quote:
            raise
        raise type(error)(error.redacted) from None


def render_document(data: object, format: Format) -> str:
    """Write plain data as text that `parse_document` reads back to equal data.

    Tuples are written as lists.  JSON writes dates and times as ISO 8601 text and refuses
    NaN and infinity; YAML writes a `datetime.time` as text.  TOML has no null, so mapping
    entries whose value is None are left out, while None inside a list, or anything but a
    mapping at the top, is an error.

    Raises
    ------
    EminenceError
        The data is not plain, or cannot be written in this format.
    MissingExtraError
        PyYAML (for YAML) or tomli-w (for TOML) is not installed.
    """
    chosen = Format(format)
    plain = _prepare(data, chosen, ())
    if chosen is Format.JSON:
        return json.dumps(plain, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if chosen is Format.YAML:
        try:
            import yaml
        except ImportError:
            raise MissingExtraError("PyYAML", "yaml", "writing YAML") from None
        return yaml.dump(
            plain,
            Dumper=_yaml_dumper(),
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
        )
    if not isinstance(plain, dict):
        raise EminenceError(
            f"cannot write {_kind(data)} as TOML: a TOML document is a mapping at the top"
        )
    try:
        import tomli_w
    except ImportError:
        raise MissingExtraError("tomli-w", "toml", "writing TOML") from None
    return tomli_w.dumps(plain)


_TOML_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_TOML_DOTTED = rf"{_TOML_KEY}(?:[ \t]*\.[ \t]*{_TOML_KEY})*"
_TOML_FIRST_LINE = re.compile(rf"[ \t]*(?:\[\[?[ \t]*{_TOML_DOTTED}[ \t]*\]|{_TOML_DOTTED}[ \t]*=)")
# A JSON array never starts with a bare word other than these three.
_TOML_BARE_HEADER = re.compile(
    r"\[\[?[ \t]*(?!(?:true|false|null)[ \t]*\])[A-Za-z_][A-Za-z0-9_-]*"
    r"(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*[ \t]*\]\]?[ \t]*(?:#[^\r\n]*)?(?:\r\n?|\n|\Z)"
)
_SPACE = re.compile(r"\s*")
_JSON_SCALAR = re.compile(
    r'\s*(?:null|true|false|-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|"[^"\\]*")\s*'
)
"""A whole document that is one JSON value other than an object or a list."""
_GUESS_CHARACTERS = 65_536
_SPACE_AND_COMMENTS = re.compile(r"(?:\s+|#[^\r\n]*)*")


def guess_format(text: str) -> Format:
    """Guess the format of text that came without a file name.

    JSON if the first character that is not white space is ``{``, or a ``[`` that does not
    open a TOML table header such as ``[capacity]``, or if the whole text is one JSON value
    such as ``null`` or ``42`` (YAML would read it alike, but needs an extra); else TOML if
    the first line that is neither blank nor a ``#`` comment is ``key = value`` or a
    ``[table]`` header, or if there is no such line (nothing is said in any format, and the
    standard library reads TOML without an extra); else YAML. Only the start of the text is
    read, so the guess is cheap even for a huge input.

    >>> [guess_format(t).value for t in ('{"a": 1}', "[1]", "[goals]\\n", "a = 1", "a: 1", "")]
    ['json', 'json', 'toml', 'toml', 'yaml', 'toml']
    >>> [guess_format(t).value for t in ("null", " 42\\n", '"me"', "nullable: 1")]
    ['json', 'json', 'json', 'yaml']
    """
    # The patterns below may scan a long first token to its end: the start is enough.
    whole = len(text) <= _GUESS_CHARACTERS
    text = text[:_GUESS_CHARACTERS]
    start = 1 if text.startswith("\ufeff") else 0
    first = _SPACE.match(text, start)
    position = first.end() if first else start
    if text.startswith("{", position):
        return Format.JSON
    if text.startswith("[", position) and not _TOML_BARE_HEADER.match(text, position):
        return Format.JSON
    if whole and _JSON_SCALAR.fullmatch(text, start):
        return Format.JSON
    significant = _SPACE_AND_COMMENTS.match(text, start)
    position = significant.end() if significant else start
    if (whole and position == len(text)) or _TOML_FIRST_LINE.match(text, position):
        return Format.TOML
    return Format.YAML


# --- reading -------------------------------------------------------------------------------


def _check_size(text: str | bytes, limits: Limits) -> None:
    unit = "characters" if isinstance(text, str) else "bytes"
    if len(text) > limits.max_bytes:
        raise InputLimitError(
            f"the document is {len(text):,} {unit} long; "
            f"at most {limits.max_bytes:,} {unit} are allowed"
        )


def _decode(text: str | bytes) -> str:
    """The text without a byte-order mark, its line ends made ``\\n``."""
    if isinstance(text, str):
        return _line_ends(text.removeprefix("\ufeff"))
    skip = len(codecs.BOM_UTF8) if text.startswith(codecs.BOM_UTF8) else 0
    try:
        return _line_ends(str(memoryview(text)[skip:], "utf-8"))
    except UnicodeDecodeError as error:
        offset = error.start + skip
        raise DocumentSyntaxError(
            f"the document is not valid UTF-8: byte 0x{text[offset]:02x} at offset {offset} "
            f"({error.reason}); save it as UTF-8"
        ) from None


def _line_ends(text: str) -> str:
    # A bare CR ends a line in YAML, is white space in JSON and is not allowed in TOML, while a
    # CR inside a string is refused by JSON and TOML and folded by YAML: reading every CR as
    # a line end changes no document's meaning, and lets each format read every convention.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


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
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*+"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_TOML_POSITION = re.compile(r"(.*) \(at line (\d+), column (\d+)\)", re.DOTALL)
_INT_LIMIT_MESSAGE = re.compile(r"limit \((\d+) digits\).*value has (\d+) digits")


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


# --- YAML ----------------------------------------------------------------------------------


def _parse_yaml(text: str, limits: Limits) -> object:
    try:
        import yaml
    except ImportError:
        raise MissingExtraError("PyYAML", "yaml", "reading YAML") from None
    try:
        try:
            return _load_yaml(_strict_loader(fast=True), text, limits)
        except yaml.YAMLError:
            # libyaml has limits of its own (a nesting depth, since 0.2.6) and scans far ahead
            # of the events, so it may refuse text before eminence's limits could judge it.
            # The pure-Python parser has none and scans little ahead: what it says stands.
            return _load_yaml(_strict_loader(fast=False), text, limits)
    except yaml.MarkedYAMLError as error:
        message = _yaml_message(error)
        raise DocumentSyntaxError(message, redacted=_unquoted(message)) from None
    except yaml.YAMLError as error:
        raise DocumentSyntaxError(
            f"invalid YAML: {' '.join(str(error).split())}", redacted="invalid YAML"
        ) from None
    except UnicodeError:
        raise DocumentSyntaxError(
            "invalid YAML: the text holds a lone surrogate, which is not a character"
        ) from None
    except RecursionError:
        raise _too_deep(f"more than {limits.max_depth:,}", limits) from None
    except EminenceError:
        raise
    except (ValueError, OverflowError) as error:
        raise DocumentSyntaxError(f"invalid YAML: {error}", redacted="invalid YAML") from None


def _load_yaml(loader_class: Any, text: str, limits: Limits) -> object:
    """Vet the events against the limits, then build the data, with one loader class."""
    loader = loader_class(text)
    try:
        _check_yaml_events(loader, limits)
    finally:
        loader.dispose()
    loader = loader_class(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _check_yaml_events(loader: Any, limits: Limits) -> None:
    """Vet the event stream before anything is built, so hostile YAML costs only a scan.

    Events arrive one at a time from a parser that keeps its own stack, so neither depth nor
    an alias bomb can hurt here; the first offending event ends the scan.  Events are told
    apart by exact type, as this loop runs once per value.
    """
    import yaml

    scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    # Per open collection: [events inside it so far, is it a mapping, where it starts].
    open_collections: list[list[Any]] = []
    nodes = 0
    documents = 0
    while loader.check_event():
        event = loader.get_event()
        kind = type(event)
        if kind is scalar or kind in starts:
            where = event.start_mark
            if event.anchor is not None:
                raise _anchors_refused(where)
            if event.tag is not None:
                raise DocumentSyntaxError(
                    f"YAML tags are not allowed: {_show_tag(event.tag)!r} ({_at(where)}); "
                    "write plain values",
                    redacted=f"YAML tags are not allowed ({_at(where)}); write plain values",
                )
            nodes += 1
            if nodes > limits.max_nodes:
                raise InputLimitError(
                    f"the document has more than {limits.max_nodes:,} values ({_at(where)}); "
                    f"at most {limits.max_nodes:,} are allowed"
                )
            if open_collections:
                parent = open_collections[-1]
                parent[0] += 1
                entries = (parent[0] + 1) // 2 if parent[1] else parent[0]
                if entries > limits.max_collection:
                    raise InputLimitError(
                        f"the {'mapping' if parent[1] else 'sequence'} at {_at(parent[2])} "
                        f"has more than {limits.max_collection:,} entries; "
                        f"at most {limits.max_collection:,} are allowed"
                    )
            if kind is scalar:
                if len(event.value) > limits.max_string:
                    raise InputLimitError(
                        f"the text at {_at(where)} has {len(event.value):,} characters; "
                        f"at most {limits.max_string:,} are allowed"
                    )
            else:
                open_collections.append([0, kind is yaml.MappingStartEvent, where])
                if len(open_collections) > limits.max_depth:
                    raise _too_deep(f"more than {limits.max_depth:,}", limits, f" ({_at(where)})")
        elif kind in ends:
            open_collections.pop()
        elif kind is alias:
            raise _anchors_refused(event.start_mark)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise DocumentSyntaxError(
                    "YAML text must hold one document, but a second one starts at "
                    f"{_at(event.start_mark)}"
                )


def _anchors_refused(where: _Mark | None) -> DocumentSyntaxError:
    return DocumentSyntaxError(
        f"YAML anchors and aliases are not allowed ({_at(where)}); write each value out in full"
    )


@functools.cache
def _strict_loader(*, fast: bool) -> Any:
    """A safe loader, libyaml's if ``fast`` and installed, that insists on unique text keys
    and integers of bounded length, and tells where a value it cannot read is."""
    import yaml

    safe = yaml.constructor.SafeConstructor

    def construct_timestamp(self: Any, node: yaml.ScalarNode) -> dt.date:
        # The one safe constructor that can fail on text its pattern accepts: 2024-13-45.
        try:
            return safe.construct_yaml_timestamp(self, node)
        except ValueError as error:
            where = _at(node.start_mark)
            raise DocumentSyntaxError(
                f"invalid YAML date {_show(node.value)} ({where}): {error}",
                redacted=f"invalid YAML date ({where}): {error}",
            ) from None

    def construct_int(self: Any, node: yaml.ScalarNode) -> int:
        _refuse_yaml_11_number(node)
        limit = _int_digit_limit()
        # In any base YAML knows, text of half the limit gives a number within it.
        if len(node.value) <= limit // 2:
            return int(safe.construct_yaml_int(self, node))
        count = len(_NOT_DIGIT.sub("", node.value))
        if count > limit:
            raise _too_many_digits(count, limit, f" ({_at(node.start_mark)})")
        value = int(safe.construct_yaml_int(self, node))
        _check_int(value, f" ({_at(node.start_mark)})")
        return value

    def construct_float(self: Any, node: yaml.ScalarNode) -> float:
        _refuse_yaml_11_number(node)
        return float(safe.construct_yaml_float(self, node))

    def construct_mapping(self: Any, node: yaml.Node, deep: bool = False) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, but found a {_node_kind(node)}", node.start_mark
            )
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            where = _at(key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise DocumentSyntaxError(
                    f"YAML merge keys are not allowed ({where}); quote '<<' to mean the text"
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise DocumentSyntaxError(
                    f"mapping keys must be text, but the key at {where} is a {_node_kind(key_node)}"
                )
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                raise DocumentSyntaxError(
                    f"mapping keys must be text, but YAML reads the key {_show(key_node.value)} "
                    f"({where}) as {_kind(key)}; put it in quotes",
                    redacted=f"mapping keys must be text, but YAML reads the key at {where} "
                    f"as {_kind(key)}; put it in quotes",
                )
            if key in mapping:
                raise DocumentSyntaxError(
                    f"duplicate key {_show(key)} ({where}); each key may appear once",
                    redacted=f"a key appears twice ({where}); each key may appear once",
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if fast else yaml.SafeLoader
    loader: Any = type(
        "StrictSafeLoader",
        (base,),
        {"construct_mapping": construct_mapping},
    )
    loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    loader.add_constructor("tag:yaml.org,2002:float", construct_float)
    loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    return loader


_NOT_DIGIT = re.compile(r"[^0-9]+")
_LEADING_ZERO = re.compile(r"[-+]?0[0-7_]+")


def _refuse_yaml_11_number(node: yaml.ScalarNode) -> None:
    """Refuse the numbers YAML 1.1 reads in a way nobody writing them means: base 60
    (``1:30`` is 90) and a leading zero (``0700`` is octal 448)."""
    text = node.value
    if ":" in text:
        meaning = "a number in base 60"
        fix = "write it as a decimal number (1:30 as 1.5)"
    elif _LEADING_ZERO.fullmatch(text):
        meaning, fix = "an octal number", "drop the leading zero"
    else:
        return
    where = _at(node.start_mark)
    advice = f"{fix}, or put it in quotes to mean the text"
    raise DocumentSyntaxError(
        f"YAML reads {_show(text)} ({where}) as {meaning}; {advice}",
        redacted=f"YAML reads the value at {where} as {meaning}; {advice}",
    )


def _node_kind(node: yaml.Node) -> str:
    return type(node).__name__.removesuffix("Node").lower()


class _Mark(Protocol):
    """Where a YAML event or node starts; PyYAML and libyaml each have their own class."""

    line: int
    column: int


def _at(mark: _Mark | None) -> str:
    if mark is None:
        return "an unknown place"
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _show_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    mark = error.problem_mark or error.context_mark
    where = f" at {_at(mark)}" if mark is not None else ""
    problem = error.problem or error.context or "malformed text"
    context = f" ({error.context})" if error.problem and error.context else ""
    return f"invalid YAML{where}: {problem}{context}"


# --- writing -------------------------------------------------------------------------------


# Line breaks in YAML 1.1 besides \r and \n, which PyYAML writes raw inside single quotes and
# then reads back as a space.
_YAML_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


@functools.cache
def _yaml_dumper() -> Any:
    """PyYAML's safe dumper, but with text holding an odd line break in double quotes, where
    it is escaped, so that it reads back unchanged."""
    import yaml

    def represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
        style = '"' if _YAML_ODD_BREAKS.search(text) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    dumper: Any = type("PlainSafeDumper", (yaml.SafeDumper,), {})
    dumper.add_representer(str, represent_str)
    return dumper


def _prepare(value: object, format: Format, path: tuple[str | int, ...]) -> object:
    """A copy of `value` in exact built-in types, fit for `format`; recursive, as data we
    write comes from our own model rather than from strangers."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if format is Format.JSON and not math.isfinite(value):
            raise EminenceError(
                f"cannot write {value!r} at {_where(path)} as JSON, which has no NaN or infinity"
            )
        return float(value)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, dt.date | dt.time):
        keep = format is Format.TOML or (format is Format.YAML and isinstance(value, dt.date))
        if not keep:
            return value.isoformat()
        offset = value.utcoffset() if isinstance(value, dt.datetime | dt.time) else None
        if offset is not None and offset % dt.timedelta(minutes=1):
            raise EminenceError(
                f"cannot write {value.isoformat()} at {_where(path)} as {format.name}, "
                "whose time zone offsets are whole minutes"
            )
        return value
    if isinstance(value, Mapping):
        mapping: dict[str, object] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise EminenceError(
                    f"cannot write the key {key!r} at {_where(path)}: mapping keys must be text"
                )
            if item is None and format is Format.TOML:
                continue
            mapping[str.__str__(key)] = _prepare(item, format, (*path, key))
        return mapping
    if isinstance(value, list | tuple):
        items: list[object] = []
        for index, item in enumerate(value):
            if item is None and format is Format.TOML:
                raise EminenceError(
                    f"cannot write null at {_where((*path, index))} as TOML, which has no null"
                )
            items.append(_prepare(item, format, (*path, index)))
        return items
    raise EminenceError(
        f"cannot write {_kind(value)} at {_where(path)}: only text, numbers, booleans, null, "
        "dates, lists and mappings are plain data"
    )


def _where(path: tuple[str | int, ...]) -> str:
    linked: _Path = None
    for key in path:
        linked = (linked, key)
    return _show_path(linked)
