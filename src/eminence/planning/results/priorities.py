"""What the ranking stage returns: venues and events ranked by progress per hour.

Progress is a fraction of the goals' targets, each goal weighted by its share of the total
priority: a progress per hour of 0.01 means one hour there moves the weighted goals 1 % of
the way.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from eminence.errors import Problem
from eminence.model import VenueKind
from eminence.model._base import Choice, Record, Tabular
from eminence.model._words import counted
from eminence.planning.results._bounds import NonNegative, Probability

__all__ = ("CadenceSource", "GoalShare", "Priorities", "Priority")


class CadenceSource(Choice):
    """Where a venue's natural cadence came from."""

    VENUE = "venue"
    PEERS = "peers"
    TYPICAL = "typical"


class GoalShare(Record):
    """One goal's part of a venue's or event's score, with the factors that make it."""

    goal: str
    audience_share: Probability
    fit: Probability
    yield_per_contribution: NonNegative
    progress_per_hour: NonNegative


class Priority(Record):
    """One ranked venue or event, with the factors behind its score and a reason to read out."""

    rank: Annotated[int, Field(ge=1)]
    tied: bool
    venue: str
    event: str | None
    name: str
    kind: VenueKind
    progress_per_hour: NonNegative
    by_goal: tuple[GoalShare, ...]
    effort_hours: NonNegative
    money_per_hour: NonNegative
    cadence_per_week: NonNegative | None
    cadence_source: CadenceSource | None
    peers_active: Annotated[int, Field(ge=0)]
    peer_cadence_per_week: NonNegative | None
    chance_in_top: Probability
    reason: str


class Priorities(Tabular):
    """Venues and events ranked by progress per hour, on one scale online and offline.

    Ranks are dense: tied items share a rank and say so. ``chance_in_top`` is the share of
    ``trials`` draws of every estimate in which the item ranked within the top ``top``.
    """

    items: tuple[Priority, ...]
    top: Annotated[int, Field(ge=1)]
    trials: Annotated[int, Field(ge=1)]
    seed: int

    @model_validator(mode="after")
    def _ranked(self) -> Self:
        problems = []
        rank = 0
        previous: float | None = None
        for index, item in enumerate(self.items):
            if previous is None or item.progress_per_hour != previous:
                rank += 1
            if item.rank != rank or (previous is not None and item.progress_per_hour > previous):
                problems.append(Problem(f"items[{index}].rank", "ranks must be dense from 1"))
            previous = item.progress_per_hour
        self._reject(problems)
        return self

    @property
    def footnote(self) -> str:
        """What produced this ranking, in one line."""
        venues = sum(1 for item in self.items if item.event is None)
        events = len(self.items) - venues
        return (
            f"{counted(venues, 'venue')} and {counted(events, 'event')} ranked by progress per "
            f"hour; chance in the top {self.top} from {counted(self.trials, 'draw')} of the "
            "estimates"
        )
