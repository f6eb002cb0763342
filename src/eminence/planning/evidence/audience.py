"""Who talks at each venue: a Dirichlet update of the profile's audience shares."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

import numpy as np

from eminence.model import Profile
from eminence.model._base import Record
from eminence.model.listening_log import OTHER, ListeningLog, Observation
from eminence.planning.evidence.priors import (
    CREDIBLE,
    DRAWS,
    MIN_IDENTIFIED,
    PRIOR_OBSERVATIONS,
    SETTLED_WIDTH,
    Count,
    NonNegative,
    Probability,
)


class SegmentShare(Record):
    """One segment's share of a venue's conversation: the profile's, the log's, the posterior."""

    segment: str
    prior: Probability
    count: Count
    observed: Probability | None
    mean: Probability
    low: Probability
    high: Probability

    @property
    def width(self) -> float:
        """Width of the 90 % credible interval."""
        return self.high - self.low


class AudienceEvidence(Record):
    """Who talks at one venue, from the conversations observed there."""

    venue: str
    name: str
    observations: Count
    identified: Count
    clients_took_part: Probability
    evidence_weight: Probability
    shares: tuple[SegmentShare, ...]
    other: SegmentShare
    targeted: tuple[str, ...]
    understood: bool
    listening_hours: NonNegative
    suggested_listening_hours: NonNegative

    def share(self, segment: str) -> SegmentShare:
        """The share of one segment (or ``"other"``)."""
        if segment == OTHER:
            return self.other
        for share in self.shares:
            if share.segment == segment:
                return share
        known = ", ".join(share.segment for share in self.shares)
        raise LookupError(f"no share for segment {segment!r}; known segments: {known}")


def _by_venue(profile: Profile, log: ListeningLog) -> Iterator[tuple[str, list[Observation]]]:
    grouped: dict[str, list[Observation]] = defaultdict(list)
    for observation in log.observations:
        grouped[observation.venue].append(observation)
    for venue in profile.venues:
        if grouped[venue.id]:
            yield venue.id, grouped[venue.id]


def _posterior(
    alpha: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean and central credible interval of each marginal of a Dirichlet(alpha)."""
    mean = alpha / alpha.sum()
    draws = rng.gamma(alpha, size=(DRAWS, alpha.size))
    totals = draws.sum(axis=1, keepdims=True)
    draws = draws / np.where(totals > 0, totals, 1.0)
    tail = (1.0 - CREDIBLE) / 2.0
    low, high = np.quantile(draws, [tail, 1.0 - tail], axis=0)
    # The exact mean always lies inside its own interval; draws may miss that by a hair.
    return mean, np.minimum(low, mean), np.maximum(high, mean)


def _audience(
    profile: Profile,
    venue_id: str,
    observations: Sequence[Observation],
    targeted: Sequence[str],
    rng: np.random.Generator,
) -> AudienceEvidence:
    venue = profile.venue(venue_id)
    segments = [segment.id for segment in profile.segments]
    prior = [venue.audience.get(segment, 0.0) for segment in segments]
    prior.append(max(1.0 - sum(prior), 0.0))
    # A peer's contribution is evidence about the peer, not about who is there to be reached.
    audience = {*segments, OTHER}
    speakers = Counter(o.who for o in observations if o.who in audience)
    counts = [speakers.get(segment, 0) for segment in segments]
    counts.append(speakers.get(OTHER, 0))
    identified = sum(counts)
    alpha = PRIOR_OBSERVATIONS * np.array(prior) + np.array(counts, dtype=float)
    mean, low, high = _posterior(alpha, rng)
    shares = [
        SegmentShare(
            segment=segment,
            prior=prior[k],
            count=counts[k],
            observed=counts[k] / identified if identified else None,
            mean=_unit(mean[k]),
            low=_unit(low[k]),
            high=_unit(high[k]),
        )
        for k, segment in enumerate([*segments, OTHER])
    ]
    weight = identified / (PRIOR_OBSERVATIONS + identified)
    understood = identified >= MIN_IDENTIFIED and all(
        share.width < SETTLED_WIDTH for share in shares if share.segment in targeted
    )
    suggested = (
        round(venue.listening_hours * (1.0 - weight), 1) if understood else venue.listening_hours
    )
    return AudienceEvidence(
        venue=venue.id,
        name=venue.name or venue.id,
        observations=len(observations),
        identified=identified,
        clients_took_part=sum(o.clients_took_part for o in observations) / len(observations),
        evidence_weight=weight,
        shares=tuple(shares[:-1]),
        other=shares[-1],
        targeted=tuple(targeted),
        understood=understood,
        listening_hours=venue.listening_hours,
        suggested_listening_hours=min(suggested, venue.listening_hours),
    )


def _unit(value: float) -> float:
    return min(max(float(value), 0.0), 1.0)
