"""The content stage: which topics to speak to at each venue, from the profile alone.

A contribution adds value when it answers what the people present need, from real depth, on
a subject the expert cares about, and says what others there do not already say. So a topic's
score at a venue is the product of three factors, each from 0 to 1:

* need: the venue's audience shares times each segment's need of the topic, summed;
* quality: the expert's depth, discounted by lack of interest (as relevance weighs it);
* gap: ``1 / (1 + covering / PEERS_HALVING)``, where ``covering`` counts the peers active at
  the venue whose topics include it: a crowded topic is worth less, a gap more.

A topic known below `CREDIBILITY_DEPTH` is never recommended, however needed: it is listed
as a risk to credibility. The stage reads the profile only, so it moves no hour of the split.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eminence.errors import InvalidInputError, VanityGoalWarning
from eminence.model import Profile, Venue
from eminence.model import _figures as figures
from eminence.model._document import UPGRADES
from eminence.model._words import counted
from eminence.planning.relevance import topic_quality
from eminence.planning.results.content import Content, TopicChoice, VenueContent

__all__ = (
    "CREDIBILITY_DEPTH",
    "PEERS_HALVING",
    "RISKS_SHOWN",
    "TOPICS_SHOWN",
    "plan_content",
    "topics_description",
    "with_content",
)

CREDIBILITY_DEPTH = 0.5
"""The least depth at which speaking to a topic in public builds standing rather than risks
it: below it, a knowledgeable reader sees the gaps."""

PEERS_HALVING = 2.0
"""Peers covering a topic at a venue that halve what one more voice on it is worth."""

TOPICS_SHOWN = 3
"""Recommended topics kept per venue, best first: its contributions take them in turn, a
week each, so a reader sees a few subjects treated well rather than one worn thin."""

RISKS_SHOWN = 3
"""Shallow topics flagged per venue, most needed first."""

_ASKED_BY_SHOWN = 2

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class _Scores:
    """Every topic's factors at one venue, indexed as the profile lists its topics."""

    asked: FloatArray
    """Segment by topic: audience share times need."""
    need: FloatArray
    quality: FloatArray
    covering: NDArray[np.int64]
    active: int
    gap: FloatArray
    score: FloatArray


def plan_content(profile: Profile) -> Content:
    """The topics to speak to at each of the profile's venues, with the reason for each.

    >>> import eminence as em
    >>> content = plan_content(em.example("consultant"))
    >>> [choice.topic for choice in content.venues[0].topics][:2]
    ['portfolio', 'risk']
    """
    needs = np.array(
        [
            [segment.needs.get(topic.id, 0.0) for topic in profile.topics]
            for segment in profile.segments
        ]
    )
    depths = {item.topic: item.depth for item in profile.expertise}
    depth = np.array([depths.get(topic.id, 0.0) for topic in profile.topics])
    qualities = topic_quality(profile)
    quality = np.array([qualities.get(topic.id, 0.0) for topic in profile.topics])
    # Peer by topic: whether the peer covers it.
    covered = [set(peer.topics) for peer in profile.peers]
    covers = np.array([[topic.id in ids for topic in profile.topics] for ids in covered], float)
    venues = []
    for venue in profile.venues:
        scores = _scores(profile, venue, needs, quality, covers)
        needed = scores.need > 0
        credible = needed & (depth >= CREDIBILITY_DEPTH) & (scores.score > 0)
        risky = needed & (depth < CREDIBILITY_DEPTH)
        best = _best_first(scores.score, credible)
        worst = _best_first(scores.need, risky)
        venues.append(
            VenueContent(
                venue=venue.id,
                name=venue.name or venue.id,
                topics=tuple(
                    _choice(profile, scores, int(k), rank)
                    for rank, k in enumerate(best[:TOPICS_SHOWN], 1)
                ),
                risks=tuple(_choice(profile, scores, int(k), None) for k in worst[:RISKS_SHOWN]),
            )
        )
    return Content(
        venues=tuple(venues), credibility_depth=CREDIBILITY_DEPTH, peers_halving=PEERS_HALVING
    )


def _scores(
    profile: Profile, venue: Venue, needs: FloatArray, quality: FloatArray, covers: FloatArray
) -> _Scores:
    shares = np.array([venue.audience.get(segment.id, 0.0) for segment in profile.segments])
    asked = shares[:, None] * needs
    active = np.array([peer.cadence.get(venue.id, 0.0) > 0 for peer in profile.peers])
    covering = (
        (active @ covers).astype(np.int64) if active.size else np.zeros(len(quality), np.int64)
    )
    need = np.clip(asked.sum(axis=0), 0.0, 1.0)
    gap = 1.0 / (1.0 + covering / PEERS_HALVING)
    return _Scores(asked, need, quality, covering, int(active.sum()), gap, need * quality * gap)


def _best_first(values: FloatArray, kept: NDArray[np.bool_]) -> list[int]:
    """The indices kept, highest value first; a stable sort keeps the profile's order among
    equal values, so ranks reproduce."""
    indices = np.flatnonzero(kept)
    return [int(k) for k in indices[np.argsort(-values[indices], kind="stable")]]


def _choice(profile: Profile, scores: _Scores, k: int, rank: int | None) -> TopicChoice:
    topic = profile.topics[k]
    expertise = next((item for item in profile.expertise if item.topic == topic.id), None)
    depth = expertise.depth if expertise else 0.0
    interest = expertise.interest if expertise else 0.0
    asked = scores.asked[:, k]
    order = _best_first(asked, asked > 0)
    asked_by = tuple(profile.segments[s].id for s in order[:_ASKED_BY_SHOWN])
    who = profile.segment(asked_by[0]).name or asked_by[0]
    name = topic.name or topic.id
    need = float(scores.need[k])
    others = " and others" if len(order) > 1 else ""
    needed = f"{who}{others} ask it here (need {figures.quantity(need)})"
    if rank is None:
        reason = (
            f"{needed}, but your depth {figures.quantity(depth)} is under "
            f"{figures.quantity(CREDIBILITY_DEPTH)}: speaking to "
            "it risks your credibility; deepen it first or leave it to peers"
        )
    else:
        peers = _peers(int(scores.covering[k]), scores.active)
        reason = (
            f"{needed}; {peers}; your depth {figures.quantity(depth)}, "
            f"interest {figures.quantity(interest)}"
        )
    return TopicChoice(
        topic=topic.id,
        name=name,
        headline=f"{name}, for {who}",
        rank=rank,
        score=float(scores.score[k]),
        need=need,
        asked_by=asked_by,
        depth=depth,
        interest=interest,
        quality=float(scores.quality[k]),
        peers_covering=int(scores.covering[k]),
        peers_active=scores.active,
        gap=float(scores.gap[k]),
        reason=reason,
    )


def _peers(covering: int, active: int) -> str:
    if not active:
        return "no peer is active here"
    if not covering:
        return (
            "the one peer here does not cover it"
            if active == 1
            else (f"none of the {active} peers here covers it")
        )
    verb = "covers" if covering == 1 else "cover"
    return f"{covering} of {counted(active, 'peer')} here {verb} it"


def topics_description(content: VenueContent) -> str:
    """What a venue's contribution block speaks to and why, as a calendar entry explains it."""
    lines = [f"Speak to, a week each in turn ({content.name}):"]
    lines += [f"{choice.rank}. {choice.headline}: {choice.reason}" for choice in content.topics]
    if content.risks:
        lines.append("Known too shallowly to speak to here:")
        lines += [f"- {choice.name}: {choice.reason}" for choice in content.risks]
    return "\n".join(lines)


def with_content(plan: dict[str, Any]) -> dict[str, Any]:
    """A version-1 plan's data as version 2: its content worked out from the profile it holds.

    A profile that does not validate is left for the plan's own validation to report.
    """
    try:
        with warnings.catch_warnings():
            # Reading the plan warns of its vanity goals once, as it reads the profile.
            warnings.simplefilter("ignore", VanityGoalWarning)
            profile = Profile.model_validate(plan.get("profile"))
    except InvalidInputError:
        return {**plan, "schema_version": 2}
    content = plan_content(profile).model_dump(mode="json")
    return {"content": content, **plan, "schema_version": 2}


UPGRADES[("plan", 1)] = with_content
