"""How often each peer speaks: a Gamma-Poisson update of the peer's cadence per venue."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterator, Sequence

import numpy as np

from eminence.model import Profile
from eminence.model._base import Record
from eminence.model.listening_log import ListeningLog, Observation
from eminence.planning.evidence.priors import (
    CREDIBLE,
    DRAWS,
    PRIOR_WEEKS,
    Count,
    NonNegative,
    Probability,
)


class PeerCadence(Record):
    """A peer's contributions per week at one venue: the profile's and the posterior."""

    venue: str
    contributions: Count
    weeks: NonNegative
    prior: NonNegative | None
    mean: NonNegative
    low: NonNegative
    high: NonNegative


class PeerEngagement(Record):
    """What a peer's contributions on one topic at one venue draw, per contribution."""

    venue: str
    topic: str | None
    contributions: Count
    replies_per_contribution: NonNegative
    shares_per_contribution: NonNegative
    clients_took_part: Probability

    @property
    def engagement_per_contribution(self) -> float:
        """Replies and shares per contribution."""
        return self.replies_per_contribution + self.shares_per_contribution


class PeerEvidence(Record):
    """How often a peer speaks, where, and what earns them their influence."""

    peer: str
    name: str
    contributions: Count
    cadence: tuple[PeerCadence, ...]
    engagement: tuple[PeerEngagement, ...]

    @property
    def strongest(self) -> PeerEngagement | None:
        """The venue and topic that draw the most engagement per contribution."""
        return max(
            self.engagement,
            key=lambda item: (item.engagement_per_contribution, item.contributions),
            default=None,
        )


def _weeks(log: ListeningLog) -> float:
    if log.first_date is None or log.last_date is None:
        return 0.0
    return max(((log.last_date - log.first_date).days + 1) / 7.0, 1.0)


def _peers(
    profile: Profile, log: ListeningLog, weeks: float, rng: np.random.Generator
) -> Iterator[PeerEvidence]:
    watched = [
        venue.id for venue in profile.venues if any(o.venue == venue.id for o in log.observations)
    ]
    tail = (1.0 - CREDIBLE) / 2.0
    for peer in profile.peers:
        spoken = [o for o in log.observations if o.who == peer.id]
        cadence = []
        for venue_id in watched:
            count = sum(1 for o in spoken if o.venue == venue_id)
            prior = peer.cadence.get(venue_id)
            shape = (prior or 0.0) * PRIOR_WEEKS + count
            rate = PRIOR_WEEKS + weeks
            if shape <= 0:
                continue
            draws = rng.gamma(shape, size=DRAWS) / rate
            low, high = np.quantile(draws, [tail, 1.0 - tail])
            mean = shape / rate
            cadence.append(
                PeerCadence(
                    venue=venue_id,
                    contributions=count,
                    weeks=weeks,
                    prior=prior,
                    mean=mean,
                    low=min(float(low), mean),
                    high=max(float(high), mean),
                )
            )
        if not spoken and not cadence:
            continue
        yield PeerEvidence(
            peer=peer.id,
            name=peer.name or peer.id,
            contributions=len(spoken),
            cadence=tuple(cadence),
            engagement=tuple(_engagement(spoken)),
        )


def _engagement(spoken: Sequence[Observation]) -> Iterator[PeerEngagement]:
    grouped: dict[tuple[str, str | None], list[Observation]] = defaultdict(list)
    for observation in spoken:
        for topic in observation.topics or (None,):
            grouped[observation.venue, topic].append(observation)
    for (venue, topic), items in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        yield PeerEngagement(
            venue=venue,
            topic=topic,
            contributions=len(items),
            replies_per_contribution=statistics.fmean(o.replies for o in items),
            shares_per_contribution=statistics.fmean(o.shares for o in items),
            clients_took_part=sum(o.clients_took_part for o in items) / len(items),
        )
