"""The published JSON Schemas (Draft 2020-12) of every document eminence reads or writes.

The files in this package are the contract; `generate` makes them from the model, and
``python -m eminence.schemas`` writes them here and into ``docs/schemas/``. A test compares
the two, so a change to the model that changes a contract cannot pass unnoticed, and
`stale` refuses a changed contract that keeps its schema version (see ``docs/schemas.md``).

Validators should assert formats (``format_checker`` in Python's ``jsonschema``): JSON
Schema 2020-12 only annotates ``"format": "date"`` unless asked to check it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import core_schema

from eminence.errors import UnknownReferenceError
from eminence.model import Profile
from eminence.model._document import Document
from eminence.model.listening_log import ListeningLog
from eminence.model.progress_log import ProgressLog
from eminence.planning.results import Plan
from eminence.planning.results.summary import Summary
from eminence.planning.tracking import Reforecast

__all__ = ("KINDS", "REGENERATE", "generate", "render", "schema", "stale", "write")

KINDS: Mapping[str, tuple[type[Document], JsonSchemaMode]] = {
    # What eminence reads is described as read; what it writes, as written (derived parts too).
    Profile.KIND: (Profile, "validation"),
    ProgressLog.KIND: (ProgressLog, "validation"),
    ListeningLog.KIND: (ListeningLog, "validation"),
    Plan.KIND: (Plan, "serialization"),
    Reforecast.KIND: (Reforecast, "serialization"),
    Summary.KIND: (Summary, "serialization"),
}
"""Each kind of document, its record, and whether its schema describes input or output."""

REGENERATE = "python -m eminence.schemas"
"""The command that writes the schemas again from the model."""

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_WORDS = frozenset({"title", "description"})
_NAMED = frozenset({"properties", "$defs", "patternProperties"})


class _Standard(GenerateJsonSchema):
    """pydantic's generator, with mapping keys checked as JSON Schema validators check them.

    pydantic writes the pattern of an id key as a ``patternProperties`` entry, which lets any
    key that does not match through unchecked; ``propertyNames`` checks every key.
    """

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        found = super().dict_schema(schema)
        patterns = found.pop("patternProperties", None)
        if patterns:
            ((pattern, values),) = patterns.items()
            found["propertyNames"] = {**found.get("propertyNames", {}), "pattern": pattern}
            found["additionalProperties"] = values
        return found


def generate(kind: str) -> dict[str, Any]:
    """The JSON Schema of a kind of document, made from the model as it is now."""
    record, mode = _kind(kind)
    made = record.model_json_schema(mode=mode, schema_generator=_Standard)
    return {
        "$schema": _DIALECT,
        "$id": f"urn:eminence:schema:{kind}:{record.current_version()}",
        **made,
    }


def schema(kind: str = "profile") -> dict[str, Any]:
    """The published JSON Schema of a kind of document: ``profile``, ``plan``, ``summary``...

    The kinds are those of `KINDS`; each schema has its version in its ``$id``.

    >>> import eminence as em
    >>> em.schema("plan")["$id"]
    'urn:eminence:schema:plan:2'
    """
    _kind(kind)
    text = (resources.files(__name__) / f"{kind}.json").read_text("utf-8")
    found: dict[str, Any] = json.loads(text)
    return found


def stale(shipped: Callable[[str], dict[str, Any] | None]) -> dict[str, str]:
    """What is wrong with the shipped schemas, by kind; empty when they are the generated ones.

    ``shipped`` gives the schema a kind has now (None for none). A schema that differs only in
    words (titles, descriptions), or under a new version, is out of date; one whose contract
    changed while its version stayed the same must have its version raised first.
    """
    found = {}
    for kind in KINDS:
        made, old = generate(kind), shipped(kind)
        if old != made:
            found[kind] = _unversioned_change(kind, old, made) or (
                f"the {kind} schema is out of date: run  {REGENERATE}"
            )
    return found


def write(folders: tuple[Path, ...]) -> dict[str, str]:
    """Write every schema into each folder, unless a contract changed without a new version.

    The first folder holds the schemas shipped so far. Returns the refusals, by kind; nothing
    is written when there are any.
    """

    def shipped(kind: str) -> dict[str, Any] | None:
        path = folders[0] / f"{kind}.json"
        return json.loads(path.read_text("utf-8")) if path.exists() else None

    refused = {}
    for kind in KINDS:
        why = _unversioned_change(kind, shipped(kind), generate(kind))
        if why is not None:
            refused[kind] = why
    if refused:
        return refused
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        for kind in KINDS:
            (folder / f"{kind}.json").write_text(render(generate(kind)), "utf-8")
    return {}


def _unversioned_change(kind: str, old: dict[str, Any] | None, made: dict[str, Any]) -> str | None:
    """Why a shipped schema may not be replaced: its contract changed under the same version."""
    if old is None or old.get("$id") != made["$id"] or _contract(old) == _contract(made):
        return None
    record = KINDS[kind][0]
    return (
        f"the {kind} contract changed, but its schema_version is still "
        f"{record.current_version()}: raise it on {record.__name__} and register an upgrade "
        "from the old version in eminence.model._document.UPGRADES (see docs/schemas.md), "
        f"then run  {REGENERATE}"
    )


def render(found: Mapping[str, Any]) -> str:
    """A schema as its file holds it: indented, keys in the generator's order, one newline."""
    return json.dumps(found, indent=2, ensure_ascii=False) + "\n"


def _kind(kind: str) -> tuple[type[Document], JsonSchemaMode]:
    try:
        return KINDS[kind]
    except KeyError:
        raise UnknownReferenceError(
            f"unknown document kind {kind!r}; known kinds: {', '.join(KINDS)}"
        ) from None


def _contract(value: Any, named: bool = False) -> Any:
    """A schema without its words: what it accepts, and nothing it only says."""
    if isinstance(value, dict):
        return {
            key: _contract(inner, named=key in _NAMED and not named)
            for key, inner in value.items()
            if named or key not in _WORDS
        }
    if isinstance(value, list):
        return [_contract(inner) for inner in value]
    return value
