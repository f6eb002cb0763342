"""Read and write profiles as JSON, TOML or YAML, and publish their JSON Schema.

Two ways in, never guessed between: `load` reads a file, given its path; `loads` parses a
document held in memory, given as text, bytes or data a tool has parsed already. Text given
to `load` is a path, always: a document passed there by mistake is refused before the file
system is asked, and an error about a file never quotes a line of it, so a service that hands
a user's text to the wrong one cannot be made to echo its own files.

Untrusted text passes the limits of `eminence._documents` before any validation, so a hostile
file costs milliseconds and ends in one `EminenceError`.
"""

from __future__ import annotations

import os
import stat
import warnings
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from eminence._documents import (
    DEFAULT_LIMITS,
    Format,
    Limits,
    check_data,
    guess_format,
    parse_document,
)
from eminence._documents import render_document as _render
from eminence.errors import (
    DocumentError,
    EminenceError,
    InputLimitError,
    InvalidArgumentError,
    InvalidInputError,
    Problem,
    UnknownReferenceError,
    UnreadableFileError,
)
from eminence.model import Profile, Team

__all__ = (
    "Format",
    "Limits",
    "dump",
    "example",
    "examples",
    "example_team",
    "file_path",
    "in_file",
    "load",
    "load_plannable",
    "load_team",
    "loads",
    "loads_team",
    "not_a_kind_of",
    "profile_schema",
    "read_capped",
    "read_document",
    "team_examples",
)

PathLike = str | os.PathLike[str]
"""A file's path: text or a `pathlib.Path`, never the file's content."""

Document = str | bytes | bytearray | Mapping[str, Any]
"""A document held in memory: its text, its bytes, or the data a tool has parsed it into."""


def load(
    path: PathLike, *, format: Format | str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Profile:
    """Read a profile file and validate it; its suffix gives the format, unless ``format`` does.

    ``path`` is a path, whatever it holds: to parse a document held in memory, use `loads`.
    Text that is plainly a document (a line break, a leading ``{`` or ``[``) is refused without
    touching the file system. An error about the file says where and what kind of problem, but
    quotes nothing of the file until it has read as a profile: a file that is not one is never
    echoed back.

    Raises
    ------
    EminenceError
        `InvalidInputError` listing every problem with its path, `DocumentSyntaxError`,
        `InputLimitError`, `UnreadableFileError`, or `InvalidArgumentError` when ``path`` is
        not a path; each says what would fix it.
    """
    if isinstance(path, bytes | bytearray | Mapping):
        warnings.warn(
            "em.load reads a file; give a document held in memory to em.loads instead "
            "(em.load will refuse it in the next release)",
            DeprecationWarning,
            stacklevel=2,
        )
        return loads(path, format=format, limits=limits)
    file = file_path(path, "load", "loads")
    chosen = _format(format) if format is not None else Format.from_suffix(file.suffix)
    data = read_document(file, chosen, limits)
    if not isinstance(data, Mapping) or not (not data or Profile.model_fields.keys() & data):
        raise not_a_kind_of(file, chosen, "a profile", "a mapping of name, topics, venues, goals")
    return Profile.model_validate(_not_a_team(data, "load"))


def load_plannable(path: PathLike, *, format: Format | str | None = None) -> Profile | Team:
    """A profile file, or a team file (one with ``experts``): what the command line plans."""
    file = file_path(path, "load", "loads")
    chosen = _format(format) if format is not None else Format.from_suffix(file.suffix)
    data = read_document(file, chosen, DEFAULT_LIMITS)
    if isinstance(data, Mapping) and "experts" in data:
        return Team.model_validate(data)
    return load(path, format=format)


def load_team(
    path: PathLike, *, format: Format | str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Team:
    """Read a team file (a document with ``experts``) and validate it, as `load` reads a
    profile."""
    file = file_path(path, "load_team", "loads_team")
    chosen = _format(format) if format is not None else Format.from_suffix(file.suffix)
    data = read_document(file, chosen, limits)
    if not isinstance(data, Mapping) or "experts" not in data:
        raise not_a_kind_of(file, chosen, "a team", "a mapping of name, experts, goals")
    return Team.model_validate(data)


def loads_team(
    document: Document, *, format: Format | str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Team:
    """Parse a team document held in memory and validate it, as `loads` parses a profile."""
    if isinstance(document, Mapping):
        check_data(dict(document), limits)
        return Team.model_validate(document)
    text = bytes(document) if isinstance(document, bytearray) else document
    chosen = _format(format) if format is not None else _guessed(text, limits)
    return Team.model_validate(parse_document(text, chosen, limits))


def _not_a_team(data: Any, reader: str) -> Any:
    """A profile's data; a team's is refused with the reader that reads it."""
    if isinstance(data, Mapping) and "experts" in data:
        raise InvalidInputError(
            "Profile",
            [
                Problem(
                    "experts", f"this document is a team; read it with eminence.io.{reader}_team"
                )
            ],
        )
    return data


def loads(
    document: Document, *, format: Format | str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Profile:
    """Parse a profile document held in memory and validate it.

    ``document`` is JSON, TOML or YAML text or bytes, its format given or else guessed from
    the text (never from anything outside it), or a mapping such as a tool's parsed JSON,
    held to the same limits. A byte-order mark and any line ends (``\\n``, ``\\r\\n``, ``\\r``) are
    read as in a file. Errors may quote the document, as its sender wrote it.

    >>> loads(dump(example("consultant"))) == example("consultant")
    True

    Raises
    ------
    EminenceError
        As `load`, less `UnreadableFileError`.
    """
    if isinstance(document, Mapping):
        if format is not None:
            raise InvalidArgumentError(
                "format", "format applies to text and bytes, not to data already parsed"
            )
        check_data(dict(document), limits)
        return Profile.model_validate(_not_a_team(document, "loads"))
    if isinstance(document, os.PathLike):
        raise InvalidArgumentError(
            "document",
            f"loads parses a document held in memory, not a file; read {os.fspath(document)!r} "
            "with em.load(path)",
        )
    if not isinstance(document, str | bytes | bytearray):
        raise InvalidArgumentError(
            "document",
            f"loads takes a document as text, bytes or a mapping, not {document!r:.60}; to read "
            "a file, use em.load(path)",
        )
    text = bytes(document) if isinstance(document, bytearray) else document
    chosen = _format(format) if format is not None else _guessed(text, limits)
    return Profile.model_validate(_not_a_team(parse_document(text, chosen, limits), "loads"))


def _guessed(text: str | bytes, limits: Limits) -> Format:
    if len(text) > limits.max_bytes:
        # Any format will do: the size is refused before a character is parsed.
        return Format.JSON
    return guess_format(text if isinstance(text, str) else text.decode("utf-8", "replace"))


def dump(profile: Profile, format: Format | str = Format.JSON) -> str:
    """Write a profile as text that `load` reads back to an equal profile.

    Fields left at their defaults are omitted, so the file stays as short as the one written
    by hand.
    """
    data = profile.model_dump(mode="json", exclude_defaults=True)
    return _render(data, _format(format))


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of a profile file, for editors and consulting tools (see `schema`)."""
    from eminence.schemas import schema

    return schema("profile")


def examples() -> tuple[str, ...]:
    """Names of the bundled example profiles."""
    folder = resources.files("eminence") / "examples"
    return tuple(
        sorted(
            entry.name.removesuffix(".toml")
            for entry in folder.iterdir()
            if entry.name.endswith(".toml")
        )
    )


def example(name: str) -> Profile:
    """A bundled example profile, by name (see `examples`)."""
    if name not in examples():
        known = ", ".join(examples())
        raise UnknownReferenceError(f"unknown example {name!r}; known examples: {known}")
    text = (resources.files("eminence") / "examples" / f"{name}.toml").read_text("utf-8")
    return loads(text, format=Format.TOML)


def team_examples() -> tuple[str, ...]:
    """Names of the bundled example teams."""
    folder = resources.files("eminence") / "examples" / "teams"
    return tuple(
        sorted(e.name.removesuffix(".toml") for e in folder.iterdir() if e.name.endswith(".toml"))
    )


def example_team(name: str) -> Team:
    """A bundled example team, by name (see `team_examples`)."""
    if name not in team_examples():
        known = ", ".join(team_examples())
        raise UnknownReferenceError(f"unknown example team {name!r}; known teams: {known}")
    text = (resources.files("eminence") / "examples" / "teams" / f"{name}.toml").read_text("utf-8")
    return loads_team(text, format=Format.TOML)


def _format(name: Format | str) -> Format:
    try:
        return Format(str(name).lower())
    except ValueError:
        known = ", ".join(member.value for member in Format)
        raise EminenceError(f"unknown format {name!r}; use one of {known}") from None


def file_path(path: object, reader: str, parser: str) -> Path:
    """The path a reader of files was given, refused when it is not one.

    ``reader`` and ``parser`` name the public pair (``load`` and ``loads``), for the message.
    Text that is plainly a document is refused here, before the file system is asked.
    """
    if isinstance(path, os.PathLike):
        path = os.fspath(path)
    if not isinstance(path, str):
        raise InvalidArgumentError(
            "path",
            f"{reader} reads a file: give its path as text or a pathlib.Path, not "
            f"{path!r:.60}; to parse a document held in memory, use em.{parser}",
        )
    reason = _not_a_path(path)
    if reason:
        raise InvalidArgumentError(
            "path",
            f"{reader} reads a file, and this text {reason}, so it is not a file's path; "
            f"to parse a document held in memory, use em.{parser}",
        )
    return Path(path)


def _not_a_path(text: str) -> str:
    """Why text cannot be a path, or "" when it can."""
    if "\n" in text or "\r" in text:
        return "holds a line break"
    if "\0" in text:
        return "holds a NUL character, which no path has"
    if not text.strip():
        return "is blank"
    if text.lstrip().startswith(("{", "[", "\ufeff")):
        return f"starts with {text.lstrip()[0]!r}, as a document does"
    return ""


def read_document(path: Path, format: Format, limits: Limits) -> object:
    """The parsed data of a file; an error names the file and quotes nothing of it."""
    content = read_capped(path, limits)
    try:
        return parse_document(content, format, limits, quote=False)
    except DocumentError as error:
        raise in_file(path, error) from None


def in_file(path: Path, error: DocumentError) -> DocumentError:
    """An error about a file's text, naming the file; the text was parsed with ``quote=False``."""
    return type(error)(f"{_shown(path)}: {error}")


def not_a_kind_of(path: Path, format: object, kind: str, shape: str) -> InvalidInputError:
    """The error for a file that parsed but is not the document it was read as: it says so
    without quoting any of it."""
    return InvalidInputError(
        _shown(path),
        [Problem("", f"this {str(format).upper()} file is not {kind}, which is {shape}")],
    )


def _shown(path: Path) -> str:
    """A path as messages quote it: in full, unless it is too long to be one anyone typed."""
    text = str(path)
    return repr(text if len(text) <= 200 else text[:197] + "...")


def read_capped(path: Path, limits: Limits) -> bytes:
    """The bytes of a regular file, refused past the size limit without reading the rest.

    A FIFO, a device or a socket would block or never end: it is opened without waiting and
    refused before a byte is read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise UnreadableFileError(
                    f"cannot read {_shown(path)}: it is not a regular file (a pipe, a device or "
                    "a socket); save the document to a file first"
                )
            content = file.read(limits.max_bytes + 1)
    except UnreadableFileError:
        raise
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise UnreadableFileError(f"cannot read {_shown(path)}: {reason}") from None
    if len(content) > limits.max_bytes:
        raise InputLimitError(
            f"{_shown(path)} is larger than {limits.max_bytes:,} bytes; profiles and logs are "
            "far smaller, so this is probably not one"
        )
    return content
