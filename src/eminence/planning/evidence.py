"""Listening: turn observed conversations into evidence, and fold it into the profile.

Three estimates come out of a `ListeningLog`, each a conjugate Bayesian update of what the
profile already says, so that a little evidence moves the profile a little:

* **Who talks at each venue.** The profile's audience shares, plus the residual "other"
  audience (1 minus their sum), are a Dirichlet prior worth `PRIOR_OBSERVATIONS`
  conversations. Each conversation started by a segment counts for it; one started by someone
  outside the segments counts for "other"; a peer's or an unknown speaker's is left out. The
  posterior mean of a share is ``(20 * prior + count) / (20 + n)``.
* **What each segment raises.** The same update over the topics a segment's conversations
  raise, with its needs (normalised) as the prior proportions, worth `TOPIC_PRIOR_MENTIONS`
  mentions. The needs implied by the posterior keep the segment's top importance and rescale
  the others in proportion to their posterior share. The rule is conservative: a need moves
  by at most `MAX_NEED_CHANGE` per log, in steps of `NEED_STEP`, and not at all when the move
  is smaller than a step.
* **How often each peer speaks.** A Gamma-Poisson update of the peer's cadence at every venue
  the log covers, with the profile's cadence as a prior worth `PRIOR_WEEKS` weeks of
  listening. The log is taken to hold every contribution of a peer at the venues it covers.

A venue is *understood* when at least `MIN_IDENTIFIED` speakers there were identified and the
90 % credible interval of every targeted segment's share is narrower than `SETTLED_WIDTH`; its
listening hours then shrink by the evidence's weight, ``n / (20 + n)``.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Any

import numpy as np
from pydantic import Field

from eminence.errors import InvalidInputError, Problem, VanityGoalWarning
from eminence.model import Profile
from eminence.model._base import Record
from eminence.model._words import counted
from eminence.model.arguments import a_date, an_instance
from eminence.model.listening_log import OTHER, UNKNOWN, ListeningLog, Observation
from eminence.planning.planner import Planner, check_options, check_profile

__all__ = (
    "CREDIBLE",
    "DRAWS",
    "MAX_NEED_CHANGE",
    "MIN_IDENTIFIED",
    "NEED_STEP",
    "PRIOR_OBSERVATIONS",
    "PRIOR_WEEKS",
    "SETTLED_WIDTH",
    "TOPIC_PRIOR_MENTIONS",
    "AudienceEvidence",
    "Change",
    "ListeningReport",
    "PeerCadence",
    "PeerEngagement",
    "PeerEvidence",
    "PriorityShift",
    "SegmentShare",
    "TopicEvidence",
    "TopicShare",
    "check_log",
    "listen",
)

PRIOR_OBSERVATIONS = 20.0
"""What the profile's audience shares and needs are worth, in observed conversations.

A share in a profile usually comes from a member survey or a media kit: better than a guess,
worse than watching. Twenty conversations is a fortnight of listening to an active forum; after
20 the evidence weighs as much as the profile, after 80 it holds four fifths of the estimate.
"""

PRIOR_WEEKS = 4.0
"""What a peer's cadence in the profile is worth, in weeks of watching them."""

CREDIBLE = 0.90
"""The mass of the credible intervals: 5 % of belief lies below the low end, 5 % above."""

DRAWS = 4_000
"""Draws from each posterior for its credible interval: the 5 % and 95 % quantiles come
within about half a percentage point of the exact Beta quantiles."""

SETTLED_WIDTH = 0.20
"""A venue is understood when every targeted share's 90 % interval is narrower than this:
plus or minus ten points, at which a share no longer changes a venue's rank much."""

TOPIC_PRIOR_MENTIONS = 50.0
"""What a segment's needs are worth, in topic mentions observed.

How often a segment raises a topic reflects its importance only loosely (a burning question
is asked once and answered; a routine one comes back every week), so the needs weigh more
than the audience shares do."""

NEED_STEP = 0.05
"""Needs move only when the evidence moves them this much (importances are judged to 0.05)."""

MAX_NEED_CHANGE = 0.2
"""The most one listening log moves a need; a bigger change is the consultant's call."""

MIN_IDENTIFIED = 10
"""A venue is never called understood on fewer identified speakers than this."""

MAX_PROBLEMS = 100
"""Problems reported at most for one log; past them, the first hundred say enough."""

_EARLIEST_DAYS = 366

Probability = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0)]


# --- results ---------------------------------------------------------------------------------


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


class ListeningReport(Record):
    """What the listening log says, what it changed, and the profile with the evidence in.

    ``profile`` is a new, validated profile; the one passed to `listen` is never changed.
    """

    profile: Profile
    observations: Count
    first_date: dt.date | None
    last_date: dt.date | None
    weeks: NonNegative
    audience: tuple[AudienceEvidence, ...]
    topics: tuple[TopicEvidence, ...]
    peers: tuple[PeerEvidence, ...]
    changes: tuple[Change, ...]
    priorities: tuple[PriorityShift, ...]
    prior_observations: NonNegative = PRIOR_OBSERVATIONS
    credible: Probability = CREDIBLE
    settled_width: Probability = SETTLED_WIDTH
    seed: int = 0

    def venue(self, venue_id: str) -> AudienceEvidence:
        """The audience evidence of one venue."""
        for item in self.audience:
            if item.venue == venue_id:
                return item
        known = ", ".join(item.venue for item in self.audience) or "(none)"
        raise LookupError(f"no evidence on venue {venue_id!r}; venues observed: {known}")

    @property
    def understood(self) -> tuple[AudienceEvidence, ...]:
        """Venues understood well enough that their listening hours can shrink."""
        return tuple(item for item in self.audience if item.understood)

    @property
    def footnote(self) -> str:
        """What produced these estimates, in one line."""
        return (
            f"{counted(self.observations, 'observation')} over {self.weeks:.1f} weeks; profile "
            f"shares worth {counted(self.prior_observations, 'observation')}; "
            f"{self.credible:.0%} intervals from {counted(DRAWS, 'draw')} (seed {self.seed})"
        )


# --- checking a log against a profile --------------------------------------------------------


def check_log(profile: Profile, log: ListeningLog, *, today: dt.date | None = None) -> None:
    """Check that every id in the log is the profile's and every date is plausible.

    Dates before a year ahead of the profile's start, and after ``today`` when given, are
    errors, as are speakers that are no segment, peer, ``"other"`` or ``"unknown"``.

    Raises
    ------
    InvalidInputError
        Every problem found (the first 100), each naming its row and column when the log was
        read from a file.
    """
    problems = list(_log_problems(profile, log, today))
    if problems:
        raise InvalidInputError("ListeningLog", problems[:MAX_PROBLEMS])


def _log_problems(profile: Profile, log: ListeningLog, today: dt.date | None) -> Iterator[Problem]:
    venues = {venue.id for venue in profile.venues}
    topics = {topic.id for topic in profile.topics}
    segments = {segment.id for segment in profile.segments}
    peers = {peer.id for peer in profile.peers}
    speakers = segments | peers | {OTHER, UNKNOWN}
    earliest = profile.capacity.start - dt.timedelta(days=_EARLIEST_DAYS)
    for index, observation in enumerate(log.observations):
        if observation.venue not in venues:
            yield Problem(log.where(index, "venue"), _unknown("venue", observation.venue, venues))
        for topic in observation.topics:
            if topic not in topics:
                yield Problem(log.where(index, "topics"), _unknown("topic", topic, topics))
        who = observation.who
        if who not in speakers:
            yield Problem(
                log.where(index, "who"),
                f"unknown speaker {who!r}; give a segment ({_listed(segments)}), a peer "
                f"({_listed(peers)}), 'other' or 'unknown'",
            )
        if observation.date < earliest:
            yield Problem(
                log.where(index, "date"),
                f"{observation.date.isoformat()} is more than a year before the plan's start "
                f"({profile.capacity.start.isoformat()}); listening that old says little about "
                f"today, so leave it out or check the date format",
            )
        if today is not None and observation.date > today:
            yield Problem(
                log.where(index, "date"),
                f"{observation.date.isoformat()} is after today ({today.isoformat()}); "
                "check the date format (day and month swapped?)",
            )


def _listed(ids: set[str]) -> str:
    names = sorted(ids)
    return ", ".join(names[:20]) + (", ..." if len(names) > 20 else "") if names else "none"


def _unknown(noun: str, wanted: str, known: set[str]) -> str:
    return f"unknown {noun} {wanted!r}; known {noun}s: {_listed(known)}"


# --- the estimates ---------------------------------------------------------------------------


def listen(
    profile: Profile,
    log: ListeningLog,
    *,
    today: dt.date | None = None,
    seed: int = 0,
    trials: int = 500,
) -> ListeningReport:
    """Fold a listening log into a profile: estimates with uncertainty, changes, a new profile.

    Parameters
    ----------
    profile
        The profile whose shares, needs and peer cadences are the prior.
    log
        Observed conversations (see `eminence.load_log`).
    today
        When given, observations after it are errors (a swapped day and month, usually).
    seed
        Seed of the draws behind the credible intervals and of the two rankings compared.
    trials
        Draws of the estimates for the rankings before and after.

    Examples
    --------
    >>> import eminence as em
    >>> profile = em.example("executive")
    >>> report = em.listen(profile, em.ListeningLog())
    >>> report.profile == profile, report.changes
    (True, ())
    """
    check_profile(profile)
    an_instance("log", log, ListeningLog, "read one with em.load_log(path) or em.loads_log")
    if today is not None:
        today = a_date("today", today)
    seed, trials, _ = check_options(seed, trials, 1)
    check_log(profile, log, today=today)
    rng = np.random.default_rng(seed)
    targeted = _targeted(profile)
    audience = tuple(
        _audience(profile, venue_id, observations, targeted, rng)
        for venue_id, observations in _by_venue(profile, log)
    )
    topics = tuple(_topics(profile, log))
    weeks = _weeks(log)
    peers = tuple(_peers(profile, log, weeks, rng))
    changes, data = _fold(profile, audience, topics, peers)
    updated = _rebuild(data) if changes else profile
    return ListeningReport(
        profile=updated,
        observations=len(log.observations),
        first_date=log.first_date,
        last_date=log.last_date,
        weeks=weeks,
        audience=audience,
        topics=topics,
        peers=peers,
        changes=changes,
        priorities=_shifts(profile, updated, seed, trials),
        seed=seed,
    )


def _targeted(profile: Profile) -> tuple[str, ...]:
    every = [segment.id for segment in profile.segments]
    wanted = {segment for goal in profile.goals for segment in (goal.segments or every)}
    return tuple(segment for segment in every if segment in wanted)


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


# --- folding the evidence into a new profile -------------------------------------------------


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
                    f"{SETTLED_WIDTH:.0%}; the log holds {evidence.evidence_weight:.0%} "
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
                            f"{item.weeks:.1f} weeks"
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
