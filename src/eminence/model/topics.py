"""What the clients need and what the expert knows both refer to topics."""

from __future__ import annotations

from eminence.model._base import Record
from eminence.model.quantities import Id, Share, Text

__all__ = ("Expertise", "Topic")


class Topic(Record):
    """A subject that needs and expertise both refer to, by id."""

    id: Id
    name: Text = ""


class Expertise(Record):
    """How well the expert can speak to a topic, and how much they care about it.

    Depth decides how useful a contribution is; interest sustains the work over months, so it
    weighs in too (an expert who is bored by a topic will not keep a cadence on it).
    """

    topic: Id
    depth: Share
    interest: Share = 1.0
