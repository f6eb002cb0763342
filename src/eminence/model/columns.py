"""What every log's column mapping shares: which column holds a field, dates, and aliases."""

from __future__ import annotations

from typing import ClassVar, Self

from pydantic import Field, model_validator

from eminence.errors import Problem
from eminence.model._base import FrozenDict, FrozenMap, Record
from eminence.model.quantities import Id, Text

__all__ = ("Columns",)


class Columns(Record):
    """The base of a log's column mapping; subclasses add one text field per column.

    ``FIELDS`` names the fields that are column headers, matched ignoring case and surrounding
    spaces. ``aliases`` maps cell labels (ignoring case) to profile ids. ``date_format`` is a
    `datetime.strptime` format such as ``"%d/%m/%Y"``; without it dates are ISO 8601.
    """

    FIELDS: ClassVar[tuple[str, ...]] = ()
    REQUIRED: ClassVar[tuple[str, ...]] = ("date", "venue")

    date_format: Text | None = None
    aliases: FrozenMap[Text, Id] = Field(default_factory=FrozenDict)

    @model_validator(mode="after")
    def _distinct_columns(self) -> Self:
        seen: dict[str, str] = {}
        problems = []
        for field, column in self.columns.items():
            key = column.strip().casefold()
            if not key:
                problems.append(Problem(field, "name a column; an empty header matches nothing"))
            elif key in seen:
                problems.append(
                    Problem(field, f"column {column!r} is also mapped to {seen[key]!r}")
                )
            seen.setdefault(key, field)
        labels: dict[str, str] = {}
        for label in self.aliases:
            key = label.strip().casefold()
            if key in labels:
                problems.append(
                    Problem("aliases", f"{label!r} and {labels[key]!r} differ only in case")
                )
            labels[key] = label
        self._reject(problems)
        return self

    @property
    def columns(self) -> dict[str, str]:
        """Field → column header."""
        return {field: getattr(self, field) for field in self.FIELDS}

    def id_for(self, label: str) -> str:
        """The profile id a cell label stands for: its alias, else the label itself."""
        wanted = label.strip().casefold()
        for alias, target in self.aliases.items():
            if alias.strip().casefold() == wanted:
                return target
        return label.strip()
