"""Every error and warning eminence raises, under one base each.

Errors also subclass the matching built-in, so a caller may catch ``EminenceError`` or the
built-in it already handles (``ValueError``, ``LookupError``, ``ImportError``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = (
    "DocumentError",
    "DocumentSyntaxError",
    "EminenceError",
    "EminenceWarning",
    "InputLimitError",
    "InvalidArgumentError",
    "InvalidInputError",
    "MissingExtraError",
    "Problem",
    "UnknownReferenceError",
    "UnreadableFileError",
    "VanityGoalWarning",
)


class EminenceError(ValueError):
    """Base of every error eminence raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled with its message and attributes, and unpickled without calling __init__
        # again with the message alone (which most subclasses' signatures refuse): an error
        # crosses processes whole, as a Dask worker's outcome or a process pool's result.
        return (_restored, (type(self), self.args, self.__dict__))


def _size(kind: type) -> int:
    return int(kind.__basicsize__)


def _restored(kind: type[EminenceError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    # The built-in base with the largest layout (OSError's, for a file's error) makes it.
    solid: type[BaseException] = max(
        (base for base in kind.__mro__ if base.__module__ == "builtins"), key=_size
    )
    error: EminenceError = solid.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where it is, and what would fix it."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidInputError(EminenceError):
    """An input failed validation; ``problems`` lists every finding with its path."""

    def __init__(self, what: str, problems: Iterable[Problem]) -> None:
        self.what = what
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{what} has {count} {noun}:\n{lines}")


class InvalidArgumentError(EminenceError, TypeError):
    """An argument of a Python call has the wrong type or value; ``argument`` names it.

    It is also a `TypeError`, which a call with a wrong type raises in plain Python.
    """

    def __init__(self, argument: str, message: str) -> None:
        self.argument = argument
        super().__init__(message)


class UnknownReferenceError(EminenceError, LookupError):
    """An id asked for by name refers to nothing the profile defines."""


class DocumentError(EminenceError):
    """Something is wrong with a document's text; ``redacted`` says what without quoting it.

    An error about a file the caller named shows the redacted message: a file that is not
    what it was read as (``/etc/passwd`` read as YAML) must not have its lines echoed back.
    """

    def __init__(self, message: str, *, redacted: str | None = None) -> None:
        super().__init__(message)
        self.redacted = message if redacted is None else redacted


class DocumentSyntaxError(DocumentError):
    """A file or text is not well-formed JSON, TOML or YAML, or uses a forbidden construct."""


class UnreadableFileError(EminenceError, OSError):
    """A file could not be read: missing, a directory, not a regular file, or not permitted."""


class InputLimitError(DocumentError):
    """A file or text exceeds a safety limit (size, depth, collection size, string length)."""


class MissingExtraError(EminenceError, ImportError):
    """An optional dependency is needed; the message names the extra to install."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"{purpose} needs the optional package {package!r}: "
            f"install it with  pip install 'eminence[{extra}]'"
        )


class EminenceWarning(UserWarning):
    """Base of warnings about risky but allowed input."""


class VanityGoalWarning(EminenceWarning):
    """A goal counts activity or reach, which shows effort rather than value to clients."""
