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

Only rows at the profile's venues are evidence. The rest is discovery (`discovery`): venues
the profile does not know become candidate venues, frequent speakers it does not know
candidate peers, each with a record ready to paste into the profile; every row is used, a
candidate venue's, or skipped with its reason.

Each kind of evidence has its module (`audience`, `topics`, `peers`); `priors` holds what the
profile's numbers are worth, `checks` the log's checks, `folding` the new profile.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from pydantic import Field

from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.model._base import Record
from eminence.model._words import counted
from eminence.model.arguments import a_date, an_instance
from eminence.model.listening_log import ListeningLog
from eminence.planning.evidence.audience import AudienceEvidence, SegmentShare, _audience, _by_venue
from eminence.planning.evidence.checks import check_log
from eminence.planning.evidence.discovery import (
    CandidatePeer,
    CandidateVenue,
    Discovery,
    RuleUse,
    SkippedRow,
    _discover,
    _used,
)
from eminence.planning.evidence.folding import Change, PriorityShift, _fold, _rebuild, _shifts
from eminence.planning.evidence.peers import (
    PeerCadence,
    PeerEngagement,
    PeerEvidence,
    _peers,
    _weeks,
)
from eminence.planning.evidence.priors import (
    CREDIBLE,
    DRAWS,
    MAX_NEED_CHANGE,
    MIN_CANDIDATE_ROWS,
    MIN_IDENTIFIED,
    MIN_PEER_CONTRIBUTIONS,
    NEED_STEP,
    PRIOR_OBSERVATIONS,
    PRIOR_WEEKS,
    SETTLED_WIDTH,
    TOPIC_PRIOR_MENTIONS,
    Count,
    NonNegative,
    Probability,
)
from eminence.planning.evidence.topics import TopicEvidence, TopicShare, _topics
from eminence.planning.planner import check_options, check_profile

__all__ = (
    "CREDIBLE",
    "DRAWS",
    "MAX_NEED_CHANGE",
    "MIN_CANDIDATE_ROWS",
    "MIN_IDENTIFIED",
    "MIN_PEER_CONTRIBUTIONS",
    "NEED_STEP",
    "PRIOR_OBSERVATIONS",
    "PRIOR_WEEKS",
    "SETTLED_WIDTH",
    "TOPIC_PRIOR_MENTIONS",
    "AudienceEvidence",
    "CandidatePeer",
    "CandidateVenue",
    "Change",
    "Discovery",
    "ListeningReport",
    "PeerCadence",
    "PeerEngagement",
    "PeerEvidence",
    "PriorityShift",
    "RuleUse",
    "SegmentShare",
    "SkippedRow",
    "TopicEvidence",
    "TopicShare",
    "check_log",
    "listen",
)


class ListeningReport(Record):
    """What the listening log says, what it changed, and the profile with the evidence in.

    ``profile`` is a new, validated profile; the one passed to `listen` is never changed.
    ``discovery`` holds what the log found beyond the profile: candidate venues and peers,
    the rows skipped and why, and which keyword rules labelled how many rows.
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
    discovery: Discovery = Field(default_factory=Discovery)
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
            f"{counted(self.observations, 'observation')} over {figures.weeks(self.weeks)}; "
            f"profile shares worth {counted(self.prior_observations, 'observation')}; "
            f"{figures.chance(self.credible)} intervals from {counted(DRAWS, 'draw')} "
            f"(seed {self.seed})"
        )


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
    >>> report = em.listen(profile, em.model.ListeningLog())
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
    used = _used(profile, log)
    audience = tuple(
        _audience(profile, venue_id, observations, targeted, rng)
        for venue_id, observations in _by_venue(profile, used)
    )
    topics = tuple(_topics(profile, used))
    weeks = _weeks(log)
    peers = tuple(_peers(profile, used, weeks, rng))
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
        # Drawn after every other estimate, so that discovery never moves their intervals.
        discovery=_discover(profile, log, targeted, weeks, rng),
        seed=seed,
    )


def _targeted(profile: Profile) -> tuple[str, ...]:
    every = [segment.id for segment in profile.segments]
    wanted = {segment for goal in profile.goals for segment in (goal.segments or every)}
    return tuple(segment for segment in every if segment in wanted)
