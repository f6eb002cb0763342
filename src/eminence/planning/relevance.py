"""Relevance: how much of a venue's audience a goal targets, and how well my expertise meets it.

A contribution counts toward a goal in proportion to the share of the audience in the goal's
segments and to how well the expertise meets those segments' needs (law 3). Real interest
sustains the work, so a topic the expert does not care about counts at half its depth.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from eminence.model import Expertise, Goal, Profile, Segment

__all__ = (
    "INTEREST_FLOOR",
    "Relevance",
    "expertise_fit",
    "segment_fit",
    "topic_quality",
)

INTEREST_FLOOR = 0.5
"""What a topic's depth is worth when the expert has no interest in it at all."""


def topic_quality(profile: Profile) -> dict[str, float]:
    """Depth on each topic, discounted by lack of interest; topics without expertise are 0."""
    return _quality(profile.expertise)


def _quality(expertise: Iterable[Expertise]) -> dict[str, float]:
    return {
        known.topic: known.depth * (INTEREST_FLOOR + (1.0 - INTEREST_FLOOR) * known.interest)
        for known in expertise
    }


def segment_fit(profile: Profile) -> dict[str, float]:
    """How well the expertise meets each segment's needs, from 0 to 1 (need-weighted)."""
    return expertise_fit(profile.expertise, profile.segments)


def expertise_fit(expertise: Iterable[Expertise], segments: Iterable[Segment]) -> dict[str, float]:
    """`segment_fit` of any expertise: how a team weighs which expert fits a venue best."""
    quality = _quality(expertise)
    fits = {}
    for segment in segments:
        total_need = sum(segment.needs.values())
        met = sum(need * quality.get(topic, 0.0) for topic, need in segment.needs.items())
        fits[segment.id] = met / total_need if total_need > 0 else 0.0
    return fits


class Relevance:
    """Audience share and expertise fit of any audience for each goal of a profile."""

    def __init__(self, profile: Profile) -> None:
        self._fit = segment_fit(profile)
        every_segment = tuple(segment.id for segment in profile.segments)
        # Sorted ids: sums come out the same, to the last digit, whatever the list order.
        self._targeted = {
            goal.id: tuple(sorted(set(goal.segments or every_segment))) for goal in profile.goals
        }

    def targets(self, segment: str, goal: Goal) -> bool:
        """Whether the goal targets the segment (every segment, when it names none)."""
        return segment in self._targeted[goal.id]

    def share(self, audience: Mapping[str, float], goal: Goal) -> float:
        """The share of the audience that belongs to the goal's segments."""
        return sum(audience.get(segment, 0.0) for segment in self._targeted[goal.id])

    def weight(self, audience: Mapping[str, float], goal: Goal) -> float:
        """Share times fit: the part of a contribution's yield that counts for the goal."""
        return sum(
            audience.get(segment, 0.0) * self._fit[segment] for segment in self._targeted[goal.id]
        )

    def fit(self, audience: Mapping[str, float], goal: Goal) -> float:
        """The share-weighted fit of the expertise to the goal's segments in this audience."""
        share = self.share(audience, goal)
        return self.weight(audience, goal) / share if share > 0 else 0.0
