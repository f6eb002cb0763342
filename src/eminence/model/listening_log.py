"""A listening log: observed conversations, the evidence of where clients talk and who leads.

Each `Observation` is one conversation seen at a venue: a thread, a post, a list message. Who
started it is a segment id (a client of that kind), a peer id (an established expert),
``"other"`` (someone outside every segment: a vendor, a recruiter) or ``"unknown"`` (could not
tell). A `ColumnMapping` says which column of a spreadsheet or a listening tool's export holds
each field, so such a file loads without editing, and its keyword rules (`LabelRules`) label
topics and segments from what each row says.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from eminence.model._base import Record
from eminence.model._document import UPGRADES, Document
from eminence.model.columns import Columns
from eminence.model.keyword_rules import LabelRules, RuleMatch
from eminence.model.quantities import Date, Id, NotBool, Text

__all__ = (
    "MAX_ENGAGEMENT",
    "MAX_OBSERVATIONS",
    "MAX_TEXT",
    "OTHER",
    "UNKNOWN",
    "ColumnMapping",
    "ListeningLog",
    "Observation",
)

OTHER = "other"
"""The speaker belongs to none of the profile's segments and is no peer."""

UNKNOWN = "unknown"
"""The speaker could not be told; the observation says nothing about audience shares."""

MAX_ENGAGEMENT = 1_000_000_000
"""Replies or shares on one conversation: more is a typo (or a broken export)."""

MAX_OBSERVATIONS = 100_000
"""Observations in one log: years of close listening; more is not a hand-kept log."""

MAX_TEXT = 20_000
"""Characters of what one row says: a long post; more is a whole article pasted in a cell."""

Engagement = Annotated[int, Field(ge=0, le=MAX_ENGAGEMENT), NotBool]


class Observation(Record):
    """One conversation seen while listening: when, where, on what, who spoke, who answered.

    ``who`` is a segment id, a peer id, ``"other"`` or ``"unknown"`` (the default); any other
    id is a speaker the profile does not know yet (a handle in a tool's export), which
    listening counts towards candidate peers. ``clients_took_part`` says whether target
    clients joined in, whoever started it. ``text`` is what was said (a post, a thread's
    title), which keyword rules search; ``segment`` is the segment a rule saw the speaker as,
    and ``matched`` every rule that labelled the row, with the keyword found. ``row`` is where
    the observation came from in a file, so that errors can point at it.
    """

    date: Date
    venue: Id
    topics: tuple[Id, ...] = ()
    who: Id = UNKNOWN
    clients_took_part: bool = False
    replies: Engagement = 0
    shares: Engagement = 0
    note: Text = ""
    text: Annotated[str, Field(max_length=MAX_TEXT)] = ""
    segment: Id | None = None
    matched: tuple[RuleMatch, ...] = ()
    row: Annotated[int, Field(ge=1), NotBool] | None = None

    @field_validator("topics")
    @classmethod
    def _distinct_topics(cls, topics: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(topics))

    @property
    def engagement(self) -> int:
        """Replies and shares together: how much the conversation drew."""
        return self.replies + self.shares


class ColumnMapping(Columns):
    """Which column of a file holds each field of an observation, and how to read the cells.

    Every field names a column header, matched ignoring case and surrounding spaces. ``date``
    and ``venue`` columns are required; a missing optional column takes the field's default,
    unless the mapping names it explicitly. ``aliases`` maps cell labels (ignoring case) to
    profile ids, for venues, speakers and topics alike: ``{"PPN forum": "planning-forum"}``.
    Topics in one cell are split on any of ``separators``. ``date_format`` is a
    `datetime.strptime` format such as ``"%d/%m/%Y"``; without it dates are ISO 8601 (a time
    after the date is ignored). ``rules`` label rows by keywords or hashtags found in the
    ``text`` column: ``{"topics": {"gdpr": ["#GDPR", "data protection"]}}`` (see `LabelRules`).
    """

    FIELDS: ClassVar[tuple[str, ...]] = (
        "date",
        "venue",
        "topics",
        "who",
        "clients_took_part",
        "replies",
        "shares",
        "note",
        "text",
    )

    date: Text = "date"
    venue: Text = "venue"
    topics: Text = "topics"
    who: Text = "who"
    clients_took_part: Text = "clients_took_part"
    replies: Text = "replies"
    shares: Text = "shares"
    note: Text = "note"
    text: Text = "text"
    rules: LabelRules = Field(default_factory=LabelRules)
    separators: Annotated[str, Field(min_length=1, max_length=10)] = ";,|"


class ListeningLog(Document):
    """Observed conversations, in any order, with the column mapping they were read with.

    An empty log is allowed: it is no evidence, and leaves a profile as it was.
    """

    KIND: ClassVar[str] = "listening-log"

    # Version 2 added what a row says (``text``), the keyword rules, and what they labelled.
    schema_version: Literal[2] = 2  # type: ignore[assignment]  # a later version of the field

    observations: Annotated[tuple[Observation, ...], Field(max_length=MAX_OBSERVATIONS)] = ()
    columns: ColumnMapping | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, data: Any) -> Any:
        if isinstance(data, list | tuple):
            return {"observations": data}
        return data

    def where(self, index: int, field: str) -> str:
        """Where an observation's field came from: ``row 7, column 'Channel'`` in a file."""
        observation = self.observations[index]
        if observation.row is None:
            return f"observations[{index}].{field}"
        column = (self.columns or ColumnMapping()).columns.get(field, field)
        return f"row {observation.row}, column {column!r}"

    @property
    def first_date(self) -> dt.date | None:
        """The earliest observation's date, if any."""
        return min((o.date for o in self.observations), default=None)

    @property
    def last_date(self) -> dt.date | None:
        """The latest observation's date, if any."""
        return max((o.date for o in self.observations), default=None)


def _rules_added(data: dict[str, Any]) -> dict[str, Any]:
    """A version-1 log is a version-2 log whose rows say no text and no rule labelled them."""
    return {**data, "schema_version": 2}


UPGRADES[(ListeningLog.KIND, 1)] = _rules_added
