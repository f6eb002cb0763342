"""What the content stage returns: which topics to speak to at each venue, and why.

A topic is worth speaking to at a venue when the segments there need it, the expert knows it
and cares about it, and few peers there already cover it. Topics the segments there need but
the expert knows only shallowly are listed apart, as a risk to credibility, never as advice.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from eminence.model import _figures as figures
from eminence.model._base import Record, Tabular
from eminence.planning.results._bounds import NonNegative, Probability

__all__ = ("Content", "TopicChoice", "VenueContent")


class TopicChoice(Record):
    """One topic at one venue, with the factors behind its score and a reason to read out.

    ``need`` is the audience-weighted need of the segments at the venue, ``quality`` the
    expert's depth discounted by lack of interest, ``gap`` what is left of its worth after
    the peers there who cover it; the score is their product.
    """

    topic: str
    name: str
    headline: str
    """The topic and who needs it most there, as a title says it."""
    rank: Annotated[int, Field(ge=1)] | None
    score: NonNegative
    need: Probability
    asked_by: tuple[str, ...]
    depth: Probability
    interest: Probability
    quality: Probability
    peers_covering: Annotated[int, Field(ge=0)]
    peers_active: Annotated[int, Field(ge=0)]
    gap: Probability
    reason: str


class VenueContent(Record):
    """What to speak to at one venue, best first, and what to stay away from there.

    ``topics`` are the topics the segments there need and the expert knows at least at the
    credibility threshold, ranked by score; ``risks`` are the ones needed there, most needed
    first, that the expert knows too shallowly to speak to without risking credibility.
    """

    venue: str
    name: str
    topics: tuple[TopicChoice, ...]
    risks: tuple[TopicChoice, ...]

    @property
    def lead(self) -> TopicChoice | None:
        """The topic to speak to first, if any is worth it."""
        return self.topics[0] if self.topics else None


class Content(Tabular):
    """Topics per venue: the plan's answer to *what* to contribute, not only where.

    ``credibility_depth`` is the least depth at which a topic is recommended;
    ``peers_halving`` the number of peers covering a topic at a venue that halves its worth.
    """

    venues: tuple[VenueContent, ...]
    credibility_depth: Probability
    peers_halving: Annotated[float, Field(gt=0.0, allow_inf_nan=False)]

    def venue(self, venue_id: str) -> VenueContent:
        """The content of the venue with this id."""
        for venue in self.venues:
            if venue.venue == venue_id:
                return venue
        raise KeyError(venue_id)

    @property
    def footnote(self) -> str:
        """What produced these choices, in one line."""
        return (
            "topics ranked by the need of the segments at a venue x your depth and interest x "
            f"the gap peers there leave ({figures.quantity(self.peers_halving)} peers covering a "
            f"topic halve its worth); depth below {figures.quantity(self.credibility_depth)} is a "
            "risk, not advice"
        )
