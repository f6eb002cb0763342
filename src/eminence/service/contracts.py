"""The published schemas gathered under one set of names, for an OpenAPI document or a tool.

Each shipped schema (`eminence.schema`) keeps its definitions under its own ``$defs``; a
document that describes several at once (an OpenAPI document, an agent's tool) needs them in
one place, referred to by one prefix. The shipped schemas stay the contract: nothing here is
written by hand but the envelopes that hold several inputs in one request.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from eminence.planning.what_if import RequiredHours
from eminence.schemas import KINDS, schema

__all__ = ("RESULTS", "Contracts", "envelope")

RESULTS: Mapping[str, dict[str, Any]] = {
    "required-hours": RequiredHours.model_json_schema(mode="serialization"),
}
"""Results a service returns that are not documents of their own, described from their records."""

_DEFS = "#/$defs/"


class Contracts:
    """Every published schema, its definitions referred to by ``prefix``: ``#/$defs/`` in a
    tool's schema, ``#/components/schemas/`` in an OpenAPI document.

    What eminence reads and what it writes may define one name differently (an estimate read
    as three points is written with its mean too); the written one is then ``Name-Output``.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        read: dict[str, dict[str, Any]] = {}
        written: dict[str, dict[str, Any]] = {}
        titles = {}
        for kind in (*KINDS, *RESULTS):
            found = RESULTS[kind] if kind in RESULTS else schema(kind)
            group = written if _written(kind) else read
            titles[kind] = found["title"]
            root = {k: v for k, v in found.items() if k not in {"$schema", "$id", "$defs"}}
            for name, definition in (*found.get("$defs", {}).items(), (found["title"], root)):
                held = group.setdefault(name, definition)
                assert held == definition, f"two schemas define {name} differently"
        self._written_names = {name: name for name in written}
        for name in _apart(read, written):
            self._written_names[name] = f"{name}-Output"
        self.definitions = {
            name: self._pointed(one, {name: name for name in read}) for name, one in read.items()
        }
        for name, one in written.items():
            self.definitions[self._written_names[name]] = self._pointed(one, self._written_names)
        self._roots = {
            kind: self._written_names[title] if _written(kind) else title
            for kind, title in titles.items()
        }

    def ref(self, kind: str) -> dict[str, str]:
        """A reference to the root of a kind's schema: ``profile``, ``plan``, ``required-hours``."""
        return {"$ref": self.prefix + self._roots[kind]}

    def _pointed(self, value: Any, names: Mapping[str, str]) -> Any:
        if isinstance(value, dict):
            return {
                key: (
                    self.prefix + names[inner.removeprefix(_DEFS)]
                    if key == "$ref" and isinstance(inner, str)
                    else self._pointed(inner, names)
                )
                for key, inner in value.items()
            }
        if isinstance(value, list):
            return [self._pointed(inner, names) for inner in value]
        return value


def envelope(parts: Mapping[str, dict[str, Any]], required: Iterable[str]) -> dict[str, Any]:
    """An object schema of named parts, nothing else allowed: several inputs in one request."""
    return {
        "type": "object",
        "properties": dict(parts),
        "required": list(required),
        "additionalProperties": False,
    }


def _written(kind: str) -> bool:
    return kind in RESULTS or KINDS[kind][1] == "serialization"


def _apart(read: Mapping[str, Any], written: Mapping[str, Any]) -> set[str]:
    """The names read and written alike that mean different things: those defined apart, and
    those that refer to one of them, however indirectly."""
    both = read.keys() & written.keys()
    apart = {name for name in both if read[name] != written[name]}
    while True:
        referring = {
            name
            for name in both - apart
            if any(f'"{_DEFS}{other}"' in json.dumps(written[name]) for other in apart)
        }
        if not referring:
            return apart
        apart |= referring
