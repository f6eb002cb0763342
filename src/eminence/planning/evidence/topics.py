"""What each segment raises: a Dirichlet update of its needs, moved conservatively."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import numpy as np

from eminence.model import Profile
from eminence.model._base import Record
from eminence.model.listening_log import ListeningLog
from eminence.planning.evidence.audience import _unit
from eminence.planning.evidence.priors import (
    MAX_NEED_CHANGE,
    NEED_STEP,
    TOPIC_PRIOR_MENTIONS,
    Count,
    Probability,
)


class TopicShare(Record):
    """One topic in a segment's conversation, and the need importance it implies."""

    topic: str
    prior_importance: Probability
    mentions: Count
    observed: Probability | None
    posterior: Probability
    importance: Probability


class TopicEvidence(Record):
    """Which topics a segment raised, and what that says about its needs."""

    segment: str
    conversations: Count
    mentions: Count
    topics: tuple[TopicShare, ...]


def _topics(profile: Profile, log: ListeningLog) -> Iterator[TopicEvidence]:
    topic_ids = [topic.id for topic in profile.topics]
    for segment in profile.segments:
        spoken = [o for o in log.observations if o.who == segment.id]
        mentions = Counter(topic for o in spoken for topic in o.topics)
        total = sum(mentions.values())
        if not total:
            continue
        total_need = sum(segment.needs.values())
        if total_need > 0:
            prior = np.array([segment.needs.get(t, 0.0) / total_need for t in topic_ids])
        else:
            prior = np.full(len(topic_ids), 1.0 / len(topic_ids))
        counts = np.array([mentions.get(t, 0) for t in topic_ids], dtype=float)
        posterior = (TOPIC_PRIOR_MENTIONS * prior + counts) / (TOPIC_PRIOR_MENTIONS + total)
        top_need = max(segment.needs.values(), default=0.0) or 1.0
        implied = top_need * posterior / posterior.max()
        shares = []
        for k, topic in enumerate(topic_ids):
            before = segment.needs.get(topic, 0.0)
            after = _implied_need(before, float(implied[k]))
            if topic not in segment.needs and after == 0.0 and not counts[k]:
                continue
            shares.append(
                TopicShare(
                    topic=topic,
                    prior_importance=before,
                    mentions=int(counts[k]),
                    observed=float(counts[k]) / total,
                    posterior=_unit(posterior[k]),
                    importance=after,
                )
            )
        yield TopicEvidence(
            segment=segment.id,
            conversations=len(spoken),
            mentions=total,
            topics=tuple(shares),
        )


def _implied_need(before: float, implied: float) -> float:
    implied = min(max(implied, before - MAX_NEED_CHANGE), before + MAX_NEED_CHANGE)
    rounded = _unit(round(implied / NEED_STEP) * NEED_STEP)
    return round(rounded, 2) if abs(rounded - before) >= NEED_STEP - 1e-9 else before
