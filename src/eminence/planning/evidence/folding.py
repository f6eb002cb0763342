"""Folding the evidence into a new profile, and how the priorities shift with it."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from pydantic import Field

from eminence.errors import VanityGoalWarning
from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.model._base import Record
from eminence.model._words import counted
from eminence.planning.evidence.audience import AudienceEvidence
from eminence.planning.evidence.peers import PeerEvidence
from eminence.planning.evidence.priors import SETTLED_WIDTH, NonNegative
from eminence.planning.evidence.topics import TopicEvidence
from eminence.planning.planner import Planner


class Change(Record):
    """One value of the profile that the evidence changed, and why."""

    path: str
    before: float | None
    after: float | None
    reason: str


class PriorityShift(Record):
    """A venue's or event's rank and score before and after the evidence."""

    venue: str
    event: str | None
    name: str
    rank_before: Annotated[int, Field(ge=1)]
    rank_after: Annotated[int, Field(ge=1)]
    progress_per_hour_before: NonNegative
    progress_per_hour_after: NonNegative

    @property
    def moved(self) -> int:
        """Places gained (positive) or lost (negative)."""
        return self.rank_before - self.rank_after


def _fold(
    profile: Profile,
    audience: Sequence[AudienceEvidence],
    topics: Sequence[TopicEvidence],
    peers: Sequence[PeerEvidence],
) -> tuple[tuple[Change, ...], dict[str, Any]]:
    data = profile.model_dump(mode="json", exclude_defaults=True)
    changes: list[Change] = []
    venue_index = {venue.id: i for i, venue in enumerate(profile.venues)}
    for evidence in audience:
        if not evidence.identified:
            continue
        venue_data = data["venues"][venue_index[evidence.venue]]
        new_audience = {}
        for share in evidence.shares:
            after = math.floor(share.mean * 10_000) / 10_000
            if share.prior > 0 or after > 0:
                new_audience[share.segment] = after
            if round(after, 3) != round(share.prior, 3):
                changes.append(
                    Change(
                        path=f"venues[{evidence.venue}].audience.{share.segment}",
                        before=share.prior,
                        after=after,
                        reason=f"{share.count} of {evidence.identified} identified speakers "
                        f"were {share.segment}",
                    )
                )
        venue_data["audience"] = new_audience
        if evidence.suggested_listening_hours < evidence.listening_hours:
            venue_data["listening_hours"] = evidence.suggested_listening_hours
            changes.append(
                Change(
                    path=f"venues[{evidence.venue}].listening_hours",
                    before=evidence.listening_hours,
                    after=evidence.suggested_listening_hours,
                    reason=f"understood: every targeted share known within "
                    f"{figures.chance(SETTLED_WIDTH)}; the log holds "
                    f"{figures.chance(evidence.evidence_weight)} "
                    "of the evidence",
                )
            )
    segment_index = {segment.id: i for i, segment in enumerate(profile.segments)}
    for raised in topics:
        needs = data["segments"][segment_index[raised.segment]]["needs"]
        had = set(needs)
        for topic in raised.topics:
            if topic.importance == topic.prior_importance:
                continue
            needs[topic.topic] = topic.importance
            changes.append(
                Change(
                    path=f"segments[{raised.segment}].needs.{topic.topic}",
                    before=topic.prior_importance if topic.topic in had else None,
                    after=topic.importance,
                    reason=f"raised in {topic.mentions} of {raised.mentions} topic mentions",
                )
            )
    peer_index = {peer.id: i for i, peer in enumerate(profile.peers)}
    for seen in peers:
        cadence = dict(data["peers"][peer_index[seen.peer]]["cadence"])
        found: list[Change] = []
        for item in seen.cadence:
            rate: float | None = round(item.mean, 3)
            if rate is None or rate < 1e-3:
                cadence.pop(item.venue, None)
                rate = None
            else:
                cadence[item.venue] = rate
            if item.prior is None or rate is None or round(item.prior, 3) != rate:
                found.append(
                    Change(
                        path=f"peers[{seen.peer}].cadence.{item.venue}",
                        before=item.prior,
                        after=rate,
                        reason=(
                            f"{counted(item.contributions, 'contribution')} in "
                            f"{figures.weeks(item.weeks)}"
                        ),
                    )
                )
        # A peer must speak somewhere: unseen everywhere, it keeps what the profile said.
        if cadence:
            data["peers"][peer_index[seen.peer]]["cadence"] = cadence
            changes += found
    return tuple(changes), data


def _rebuild(data: Mapping[str, Any]) -> Profile:
    # The original profile already warned about its vanity goals; the evidence adds none.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", VanityGoalWarning)
        return Profile.model_validate(data)


def _shifts(before: Profile, after: Profile, seed: int, trials: int) -> tuple[PriorityShift, ...]:
    old = Planner(before, seed=seed, trials=trials).priorities.items
    new = old if after is before else Planner(after, seed=seed, trials=trials).priorities.items
    ranked = {(item.venue, item.event): item for item in new}
    return tuple(
        PriorityShift(
            venue=item.venue,
            event=item.event,
            name=item.name,
            rank_before=item.rank,
            rank_after=ranked[item.venue, item.event].rank,
            progress_per_hour_before=item.progress_per_hour,
            progress_per_hour_after=ranked[item.venue, item.event].progress_per_hour,
        )
        for item in old
        if (item.venue, item.event) in ranked
    )
