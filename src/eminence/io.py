"""Load and dump profiles as JSON, TOML or YAML, and publish their JSON Schema.

Untrusted text passes the limits of `eminence._documents` before any validation, so a hostile
file costs milliseconds and ends in one `EminenceError`.
"""

from __future__ import annotations

import os
import stat
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
    EminenceError,
    InputLimitError,
    UnknownReferenceError,
    UnreadableFileError,
)
from eminence.model import Profile

__all__ = (
    "Format",
    "Limits",
    "dump",
    "example",
    "examples",
    "load",
    "looks_like_path",
    "profile_schema",
    "read_capped",
)

Source = str | bytes | os.PathLike[str] | Mapping[str, Any]


def load(
    source: Source, *, format: Format | str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Profile:
    """Read a profile from a file path, text, bytes or a mapping, and validate it.

    A `pathlib.Path`, or a short one-line string not starting with ``{`` or ``[``, is a path
    whose suffix gives the format; other strings and bytes are the document itself, its format
    given or guessed. A mapping, such as a tool's parsed JSON, is held to the same limits.

    Raises
    ------
    EminenceError
        `InvalidInputError` listing every problem with its path, `DocumentSyntaxError`,
        `InputLimitError` or `UnreadableFileError`; each says what would fix it.
    """
    if isinstance(source, Mapping):
        check_data(dict(source), limits)
        return Profile.model_validate(source)
    if not isinstance(source, str | bytes | os.PathLike):
        raise EminenceError(
            f"load takes a file path, text, bytes or a mapping, not {type(source).__name__}"
        )
    chosen = _format(format) if format is not None else None
    if isinstance(source, os.PathLike) or (isinstance(source, str) and looks_like_path(source)):
        path = Path(source)
        text: str | bytes = read_capped(path, limits)
        chosen = chosen or Format.from_suffix(path.suffix)
    else:
        text = source
    if chosen is None:
        chosen = guess_format(text if isinstance(text, str) else text.decode("utf-8", "replace"))
    return Profile.model_validate(parse_document(text, chosen, limits))


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
    return load(text, format=Format.TOML)


def _format(name: Format | str) -> Format:
    try:
        return Format(str(name).lower())
    except ValueError:
        known = ", ".join(member.value for member in Format)
        raise EminenceError(f"unknown format {name!r}; use one of {known}") from None


def looks_like_path(text: str) -> bool:
    """True for a short one-line string that is not blank and does not open a JSON document."""
    return (
        len(text) <= 4096
        and "\n" not in text
        and bool(text.strip())
        and not text.lstrip().startswith(("{", "["))
    )


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
                    f"cannot read {str(path)!r}: it is not a regular file (a pipe, a device or "
                    "a socket); save the document to a file first"
                )
            content = file.read(limits.max_bytes + 1)
    except UnreadableFileError:
        raise
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise UnreadableFileError(f"cannot read {str(path)!r}: {reason}") from None
    if len(content) > limits.max_bytes:
        raise InputLimitError(
            f"{str(path)!r} is larger than {limits.max_bytes:,} bytes; profiles and logs are "
            "far smaller, so this is probably not one"
        )
    return content
