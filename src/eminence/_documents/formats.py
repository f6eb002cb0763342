"""The formats a document may be written in, and the file suffixes that name them."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from eminence.errors import (
    DocumentSyntaxError,
)

if TYPE_CHECKING:
    pass


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
