"""What a listening log shows beyond the profile: candidate venues, candidate peers, rules.

Listening is a row of saved searches: it finds places and people the profile does not know
yet. Every row of a log has one fate. A row at a venue of the profile is *used*: it is
evidence on that venue's audience, its segments' needs and its peers, exactly as it would be
without discovery. A row at a venue the profile does not know is a *candidate venue's* when
that venue has at least `MIN_CANDIDATE_ROWS` rows, and is otherwise *skipped*, with the
reason. Speakers the profile does not know (no segment, peer, ``other`` or ``unknown``: a
handle in a tool's export) who start at least `MIN_PEER_CONTRIBUTIONS` conversations are
*candidate peers*; their rows keep their fate, and count as an unknown speaker's unless a
segment rule saw the speaker as a segment.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from pydantic import Field

from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.model._base import FrozenDict, FrozenMap, Record
from eminence.model._words import counted
from eminence.model.keyword_rules import Rule
from eminence.model.listening_log import OTHER, UNKNOWN, ListeningLog, Observation
from eminence.model.peers import Peer
from eminence.model.quantities import Estimate
from eminence.model.venues import Venue, VenueKind
from eminence.planning.evidence.audience import _posterior
from eminence.planning.evidence.priors import (
    CANDIDATE_PRIOR_VOICES,
    CREDIBLE,
    MIN_CANDIDATE_ROWS,
    MIN_PEER_CONTRIBUTIONS,
    SETTLED_WIDTH,
    Count,
    NonNegative,
    Probability,
)

__all__ = ("CandidatePeer", "CandidateVenue", "Discovery", "RuleUse", "SkippedRow")


class CandidateVenue(Record):
    """A venue the profile does not know, where the log saw conversations.

    ``targeted_share`` is the share of the identified voices there (segments and ``other``)
    that belong to a segment the goals target; ``targeted_low`` and ``targeted_high`` bound
    its 90 % credible interval (Jeffreys' prior, `CANDIDATE_PRIOR_VOICES`), so that a share
    read from 3 voices shows how little it says. ``suggested`` is a venue record ready to
    paste into the profile: its audience is estimated from the rows, and each field in
    ``guesses`` is a guess, with what to check (the audience too, while the interval is at
    least `SETTLED_WIDTH` wide). It is ``excluded`` until those are checked.
    """

    venue: str
    rows: Count
    observations: tuple[int, ...]
    speakers: Count
    identified: Count
    targeted_voices: Count
    targeted_share: Probability | None
    targeted_low: Probability | None = None
    targeted_high: Probability | None = None
    clients_took_part: Probability
    conversations_per_week: NonNegative
    topics: tuple[str, ...]
    suggested: Venue
    guesses: FrozenMap[str, str] = Field(default_factory=FrozenDict)


class CandidatePeer(Record):
    """A speaker the profile does not know who starts many conversations: perhaps a peer.

    ``venues`` and ``topics`` count the conversations they started at each venue and on each
    topic; ``suggested`` is a peer record ready to paste, with the cadence seen.
    """

    speaker: str
    contributions: Count
    venues: FrozenMap[str, int]
    topics: FrozenMap[str, int]
    engagement_per_contribution: NonNegative
    suggested: Peer
    guesses: FrozenMap[str, str] = Field(default_factory=FrozenDict)


class SkippedRow(Record):
    """A row neither used as evidence nor a candidate's, and why."""

    observation: Count
    row: int | None
    reason: str


class RuleUse(Record):
    """How many rows one keyword rule labelled, and which of its keywords did it."""

    rule: Rule
    label: str
    rows: Count
    keywords: FrozenMap[str, int]


class Discovery(Record):
    """The fate of every row of a log, and what it found beyond the profile.

    ``used`` rows are evidence; the candidates' ``observations`` and ``skipped`` hold the
    rest, so that ``used + sum(venue.rows) + len(skipped)`` is the log's length.
    ``quiet_speakers`` are speakers the profile does not know, seen too rarely to be peers.
    """

    used: Count = 0
    venues: tuple[CandidateVenue, ...] = ()
    peers: tuple[CandidatePeer, ...] = ()
    skipped: tuple[SkippedRow, ...] = ()
    quiet_speakers: Count = 0
    rules: tuple[RuleUse, ...] = ()
    min_candidate_rows: Count = MIN_CANDIDATE_ROWS
    min_peer_contributions: Count = MIN_PEER_CONTRIBUTIONS

    @property
    def found(self) -> bool:
        """Whether there is anything to show beyond the evidence used."""
        return bool(self.venues or self.peers or self.skipped or self.rules)


def _voice(observation: Observation, known: set[str]) -> str:
    """Who spoke, for the evidence: the profile's label, else the segment a rule saw."""
    if observation.who in known:
        return observation.who
    return observation.segment or UNKNOWN


def _used(profile: Profile, log: ListeningLog) -> ListeningLog:
    """The rows at the profile's venues, each speaker read as the evidence reads them."""
    venues = {venue.id for venue in profile.venues}
    known = _known_speakers(profile)
    kept = []
    for observation in log.observations:
        if observation.venue not in venues:
            continue
        voice = _voice(observation, known)
        kept.append(
            observation
            if voice == observation.who
            else observation.model_copy(update={"who": voice})
        )
    return ListeningLog(observations=tuple(kept), columns=log.columns)


def _discover(
    profile: Profile,
    log: ListeningLog,
    targeted: Sequence[str],
    weeks: float,
    rng: np.random.Generator,
) -> Discovery:
    venues = {venue.id for venue in profile.venues}
    unknown: dict[str, list[int]] = defaultdict(list)
    for index, observation in enumerate(log.observations):
        if observation.venue not in venues:
            unknown[observation.venue].append(index)
    candidates, skipped = [], []
    for venue_id, indexes in unknown.items():
        if len(indexes) >= MIN_CANDIDATE_ROWS:
            rows = [log.observations[index] for index in indexes]
            candidates.append(
                _candidate_venue(profile, venue_id, indexes, rows, targeted, weeks, rng)
            )
            continue
        reason = (
            f"venue {venue_id!r} is not in the profile and has {len(indexes)} of the "
            f"{MIN_CANDIDATE_ROWS} rows a candidate venue needs{_alike(profile, venue_id)}"
        )
        skipped += [
            SkippedRow(observation=index, row=log.observations[index].row, reason=reason)
            for index in indexes
        ]
    # Surest first: a share that is high on few voices ranks below one that is surely high,
    # and a venue where no voice was identified ranks last.
    candidates.sort(
        key=lambda c: (
            1.0 if c.targeted_low is None else -c.targeted_low,
            -c.targeted_voices,
            -c.rows,
            c.venue,
        )
    )
    peers, quiet = _candidate_peers(profile, log, weeks)
    return Discovery(
        used=len(log.observations) - sum(len(indexes) for indexes in unknown.values()),
        venues=tuple(candidates),
        peers=peers,
        skipped=tuple(sorted(skipped, key=lambda row: row.observation)),
        quiet_speakers=quiet,
        rules=_rule_uses(log.observations),
    )


def _candidate_venue(
    profile: Profile,
    venue_id: str,
    indexes: Sequence[int],
    rows: Sequence[Observation],
    targeted: Sequence[str],
    weeks: float,
    rng: np.random.Generator,
) -> CandidateVenue:
    known = _known_speakers(profile)
    segments = [segment.id for segment in profile.segments]
    voices = Counter(_voice(o, known) for o in rows)
    identified = sum(voices[segment] for segment in (*segments, OTHER))
    reached = sum(voices[segment] for segment in targeted)
    # Floored to a percent, so that the shares never sum to more than the whole audience.
    audience = {
        segment: int(100 * voices[segment] / identified) / 100
        for segment in segments
        if identified and voices[segment]
    }
    kind, effort, listening = _typical(profile)
    guesses = {
        "kind": f"{kind.value!r}, the profile's most common online kind; set the venue's own",
        "effort_hours": "the median effort of the profile's venues; estimate a contribution there",
        "listening_hours": "the median of the profile's venues; set your own",
        "yields": "a log shows no results; give what one contribution there yields",
        "excluded": "kept out of the plan until the guesses are checked; remove it to plan it",
    }
    if alike := _alike(profile, venue_id):
        guesses["id"] = alike.removeprefix("; ")
    interval = _targeted_share(reached, identified, rng)
    if interval is None:
        guesses["audience"] = "no speaker there was identified; give the segments' shares"
    elif interval[2] - interval[1] >= SETTLED_WIDTH:
        share, low, high = interval
        guesses["audience"] = (
            f"read from {counted(identified, 'identified voice')}: the targeted segments' "
            f"share is {figures.chance(share)}, {figures.chance(CREDIBLE)} credible "
            f"{figures.chance_range(low, high)}; listen longer or give the segments' shares"
        )
    suggested = Venue(
        id=venue_id,
        name=venue_id,
        kind=kind,
        audience=audience,
        effort_hours=effort,
        listening_hours=listening,
        excluded=True,
    )
    raised = Counter(topic for o in rows for topic in o.topics)
    return CandidateVenue(
        venue=venue_id,
        rows=len(rows),
        observations=tuple(indexes),
        speakers=len({o.who for o in rows if o.who not in {UNKNOWN, OTHER, *segments}}),
        identified=identified,
        targeted_voices=reached,
        targeted_share=interval[0] if interval else None,
        targeted_low=interval[1] if interval else None,
        targeted_high=interval[2] if interval else None,
        clients_took_part=sum(o.clients_took_part for o in rows) / len(rows),
        conversations_per_week=len(rows) / weeks if weeks else 0.0,
        topics=tuple(topic for topic, _ in _ranked(raised)),
        suggested=suggested,
        guesses=guesses,
    )


def _targeted_share(
    reached: int, identified: int, rng: np.random.Generator
) -> tuple[float, float, float] | None:
    """The targeted share seen, and its credible interval: a Beta posterior from Jeffreys'
    prior, drawn as the audience evidence draws its Dirichlet. The interval holds the share
    seen, as it holds the posterior mean: with no targeted voice the low end is 0."""
    if not identified:
        return None
    share = reached / identified
    prior = CANDIDATE_PRIOR_VOICES
    alpha = np.array([reached + prior, identified - reached + prior])
    _, low, high = _posterior(alpha, rng)
    return share, min(float(low[0]), share), min(max(float(high[0]), share), 1.0)


def _candidate_peers(
    profile: Profile, log: ListeningLog, weeks: float
) -> tuple[tuple[CandidatePeer, ...], int]:
    known = _known_speakers(profile) | {UNKNOWN}
    spoken: dict[str, list[Observation]] = defaultdict(list)
    for observation in log.observations:
        if observation.who not in known:
            spoken[observation.who].append(observation)
    venues = {venue.id for venue in profile.venues}
    peers = []
    for speaker, rows in spoken.items():
        if len(rows) < MIN_PEER_CONTRIBUTIONS:
            continue
        where = dict(_ranked(Counter(o.venue for o in rows)))
        raised = dict(_ranked(Counter(topic for o in rows for topic in o.topics)))
        span = max(weeks, 1.0)
        cadence = {venue: _cadence_of(count / span) for venue, count in where.items()}
        elsewhere = sorted(set(where) - venues)
        guesses = (
            {"cadence": f"{', '.join(elsewhere)} not in the profile; add them or drop them"}
            if elsewhere
            else {}
        )
        peers.append(
            CandidatePeer(
                speaker=speaker,
                contributions=len(rows),
                venues=where,
                topics=raised,
                engagement_per_contribution=statistics.fmean(o.engagement for o in rows),
                suggested=Peer(id=speaker, name=speaker, cadence=cadence, topics=tuple(raised)),
                guesses=guesses,
            )
        )
    peers.sort(key=lambda peer: (-peer.contributions, peer.speaker))
    return tuple(peers), len(spoken) - len(peers)


def _rule_uses(observations: Iterable[Observation]) -> tuple[RuleUse, ...]:
    rows: Counter[tuple[Rule, str]] = Counter()
    keywords: dict[tuple[Rule, str], Counter[str]] = defaultdict(Counter)
    for observation in observations:
        for match in observation.matched:
            rows[match.rule, match.label] += 1
            keywords[match.rule, match.label][match.keyword] += 1
    return tuple(
        RuleUse(rule=rule, label=label, rows=count, keywords=dict(_ranked(keywords[rule, label])))
        for (rule, label), count in sorted(rows.items())
    )


def _alike(profile: Profile, venue_id: str) -> str:
    """A hint when a venue differs from one of the profile's only in case: a label to alias."""
    for venue in profile.venues:
        if venue.id.casefold() == venue_id.casefold():
            return f"; it differs from the profile's {venue.id!r} only in case: if it is that "
            "venue, map the label to it in the column mapping's aliases"
    return ""


def _known_speakers(profile: Profile) -> set[str]:
    return {segment.id for segment in profile.segments} | {p.id for p in profile.peers} | {OTHER}


def _typical(profile: Profile) -> tuple[VenueKind, Estimate, float]:
    """The most common online kind of the profile's venues (a log is of conversations, which
    happen online more than anywhere), their median effort and median listening hours."""
    kinds = Counter(venue.kind for venue in profile.venues if not venue.kind.is_offline)
    kind = min(kinds, key=lambda k: (-kinds[k], k.value)) if kinds else VenueKind.FORUM
    effort = [venue.effort_hours for venue in profile.venues]
    likely = statistics.median(e.likely for e in effort)
    low = min(statistics.median(e.low for e in effort), likely)
    high = max(statistics.median(e.high for e in effort), likely)
    listening = statistics.median(venue.listening_hours for venue in profile.venues)
    return kind, Estimate(low=low, likely=likely, high=high), listening


def _cadence_of(per_week: float) -> float:
    """A cadence a peer record holds: to a thousandth, within 0.001 and 1,000 a week."""
    return min(max(round(per_week, 3), 0.001), 1_000.0)


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
