"""A progress log: the hours spent at each venue, the contributions made, the outcomes seen.

It is the spreadsheet people keep anyway, one row per day and venue (or per event): when,
where, how long, how many posts or talks, and what came of them. Each outcome column holds
the count of one metric, named by its id: new ``requests``, ``conversations``; for a stock
metric that churns, the new arrivals (members who joined), not the level.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, model_validator

from eminence.model._base import FrozenDict, FrozenMap, Record
from eminence.model._document import UPGRADES, Document
from eminence.model.columns import Columns
from eminence.model.quantities import Date, Hours, Id, NotBool, Text

__all__ = ("MAX_ENTRIES", "MAX_OUTCOMES", "ProgressColumns", "ProgressEntry", "ProgressLog")

MAX_ENTRIES = 100_000
"""Entries in one log: daily rows for every venue over years; more is not a hand-kept log."""

MAX_OUTCOMES = 1_000_000_000.0
"""Outcomes of one metric in one entry: more is a typo (or a broken export)."""

Outcomes = Annotated[float, Field(ge=0.0, le=MAX_OUTCOMES, allow_inf_nan=False), NotBool]


class ProgressEntry(Record):
    """One day's work at a venue, or for one of its events, and the outcomes it brought.

    ``contributions`` left out means "not counted": the hours beyond the venue's listening,
    divided by its effort per contribution, stand in for them. ``outcomes`` maps metric ids to
    counts. An entry with an ``event`` is work for that event (preparation, attendance) and
    what the event brought. ``segment`` names the segment the outcomes came from, when known
    (a logged invitation from a client of that kind): they then count in full toward the goals
    that target it and not at all toward the others; left out, a goal counts the estimate of
    its share of the audience. ``row`` is where the entry came from in a file, for errors.
    """

    date: Date
    venue: Id
    event: Id | None = None
    segment: Id | None = None
    hours: Hours = 0.0
    contributions: (
        Annotated[float, Field(ge=0.0, le=10_000.0, allow_inf_nan=False), NotBool] | None
    ) = None
    outcomes: FrozenMap[Id, Outcomes] = Field(default_factory=FrozenDict)
    note: Text = ""
    row: Annotated[int, Field(ge=1), NotBool] | None = None


class ProgressColumns(Columns):
    """Which column of a file holds each field of an entry; every other column is an outcome.

    A column not named here holds outcomes of the metric its header names (or is an alias
    of, in ``aliases``), except the columns in ``ignore``: a thread title, a link. The
    ``date`` and ``venue`` columns are required.
    """

    FIELDS: ClassVar[tuple[str, ...]] = (
        "date",
        "venue",
        "event",
        "segment",
        "hours",
        "contributions",
        "note",
    )

    date: Text = "date"
    venue: Text = "venue"
    event: Text = "event"
    segment: Text = "segment"
    hours: Text = "hours"
    contributions: Text = "contributions"
    note: Text = "note"
    ignore: tuple[Text, ...] = ()


class ProgressLog(Document):
    """Dated entries of work and outcomes, in any order, with the columns they were read with.

    An empty log is allowed: nothing done yet, so a re-forecast only moves the start.
    ``outcome_columns`` maps each metric id to the header of the column its counts came from.
    """

    KIND: ClassVar[str] = "progress-log"

    # Version 2 added where an entry's outcomes came from (``segment``).
    schema_version: Literal[2] = 2  # type: ignore[assignment]  # a later version of the field

    entries: Annotated[tuple[ProgressEntry, ...], Field(max_length=MAX_ENTRIES)] = ()
    columns: ProgressColumns | None = None
    outcome_columns: FrozenMap[Id, Text] = Field(default_factory=FrozenDict)

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, data: Any) -> Any:
        if isinstance(data, list | tuple):
            return {"entries": data}
        return data

    def where(self, index: int, field: str, metric: str | None = None) -> str:
        """Where an entry's field (or one metric's outcomes) came from: a row and column."""
        entry = self.entries[index]
        if entry.row is None:
            return f"entries[{index}].{field}" + (f".{metric}" if metric else "")
        columns = self.columns or ProgressColumns()
        if metric is not None:
            return f"row {entry.row}, column {self.outcome_columns.get(metric, metric)!r}"
        return f"row {entry.row}, column {columns.columns.get(field, field)!r}"

    @property
    def last_date(self) -> dt.date | None:
        """The latest entry's date, if any."""
        return max((entry.date for entry in self.entries), default=None)


def _segments_added(data: dict[str, Any]) -> dict[str, Any]:
    """A version-1 log is a version-2 log whose entries say no segment."""
    return {**data, "schema_version": 2}


UPGRADES[(ProgressLog.KIND, 1)] = _segments_added
