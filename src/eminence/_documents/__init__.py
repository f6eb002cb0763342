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

One module per format (`json_text`, `toml_text`, `yaml_text`), the limits they share and
the walk that checks what they return (`limits`), and the formats' names (`formats`).

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
import json
import math
import re
from collections.abc import Mapping

from eminence._documents.formats import Format
from eminence._documents.json_text import _parse_json
from eminence._documents.limits import (
    DEFAULT_LIMITS,
    MAX_INT_DIGITS,
    Limits,
    _check_size,
    _kind,
    _Path,
    _show_path,
    check_data,
)
from eminence._documents.toml_text import _parse_toml
from eminence._documents.yaml_text import _parse_yaml, _yaml_dumper
from eminence.errors import (
    DocumentError,
    DocumentSyntaxError,
    EminenceError,
    MissingExtraError,
)

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
