"""Documents: the records eminence writes and reads whole, each marked with its schema version.

A document (a profile, a plan, a log, a re-forecast, a summary) writes ``schema_version``
first, so a reader can tell which contract it follows. Reading one without it assumes
version 1, which every file written before versions existed follows. An older version is
rewritten by the registered upgrades, one version at a time; a newer one is refused, since
its fields may mean what this eminence cannot know.

A document nested in another (the profile inside a plan) does not repeat the version: the
outer one covers all it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Literal, NoReturn

from pydantic import SerializerFunctionWrapHandler, model_serializer, model_validator

from eminence.errors import InvalidInputError, Problem
from eminence.model._base import Record

__all__ = ("UPGRADES", "Document", "Upgrade", "fields_added")

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
"""Rewrites a document of one version as the next version, ``schema_version`` included."""

UPGRADES: dict[tuple[str, int], Upgrade] = {}
"""(kind, version) → the upgrade of such a document to the next version. Each kind registers
its own, where it is declared."""


def fields_added(data: dict[str, Any]) -> dict[str, Any]:
    """The upgrade of a version that the next one only extends with fields that have
    defaults: the document reads unchanged as the next version."""
    return {**data, "schema_version": data["schema_version"] + 1}


class Document(Record):
    """A record that is a file of its own: a profile, a log, a plan or another result.

    A kind that changes its contract raises its ``schema_version`` (redeclaring the field as
    ``Literal[2] = 2``) and registers in `UPGRADES` how a version-1 document becomes one.
    """

    KIND: ClassVar[str] = "document"
    """The document's name in messages and schema file names: ``profile``, ``plan``."""

    schema_version: Literal[1] = 1

    @classmethod
    def current_version(cls) -> int:
        """The schema version this eminence writes for this kind of document."""
        version = cls.model_fields["schema_version"].default
        assert isinstance(version, int)
        return version

    @model_validator(mode="before")
    @classmethod
    def _read_as_current_version(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and "schema_version" in data:
            return cls._upgraded(dict(data))
        return data

    @classmethod
    def _upgraded(cls, data: dict[str, Any]) -> dict[str, Any]:
        current = cls.current_version()
        while True:
            version = data["schema_version"]
            if isinstance(version, bool) or not isinstance(version, int):
                cls._refuse(f"must be a whole number, such as {current} (got {version!r:.40})")
            if version == current:
                return data
            if version > current:
                cls._refuse(
                    f"is {version}: this {cls.KIND} was written by a later eminence, and this "
                    f"one reads {cls.KIND} versions up to {current}; upgrade eminence to read it"
                )
            upgrade = UPGRADES.get((cls.KIND, version))
            if upgrade is None:
                cls._refuse(
                    f"is {version}, which this eminence no longer reads; it reads {cls.KIND} "
                    f"versions {cls._oldest_read()} to {current}: open the file with the "
                    "eminence that wrote it and write it again with a later one"
                )
            data = upgrade(data)

    @classmethod
    def _oldest_read(cls) -> int:
        oldest = cls.current_version()
        while (cls.KIND, oldest - 1) in UPGRADES:
            oldest -= 1
        return oldest

    @classmethod
    def _refuse(cls, message: str) -> NoReturn:
        raise InvalidInputError(cls.__name__, [Problem("schema_version", message)])

    # No return annotation: pydantic would take it for the written form's JSON Schema.
    @model_serializer(mode="wrap")
    def _versioned(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        data = handler(self)
        if not isinstance(data, dict):
            return data
        for name in type(self).model_fields:
            inner = data.get(name)
            if isinstance(getattr(self, name), Document) and isinstance(inner, dict):
                inner.pop("schema_version", None)
        # First, and even when defaults are left out: the version is what a reader needs first.
        return {"schema_version": self.schema_version, **data}
