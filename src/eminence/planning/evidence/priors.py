"""What the profile's numbers are worth against the evidence, and when the evidence settles."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from eminence.planning.results._bounds import NonNegative as NonNegative
from eminence.planning.results._bounds import Probability as Probability

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

MIN_CANDIDATE_ROWS = 3
"""Rows a venue the profile does not know needs to be reported as a candidate venue; rows at
a venue seen less often are reported as skipped (a link shared once is no place to speak)."""

CANDIDATE_PRIOR_VOICES = 0.5
"""What a candidate venue's targeted share starts from, in voices on each side: Jeffreys'
prior, Beta(1/2, 1/2). The profile says nothing about a venue it does not know, and this is the
prior that says least; its intervals cover about as often as they claim even on a handful of
voices (Brown, Cai and DasGupta, 2001)."""

MIN_PEER_CONTRIBUTIONS = 5
"""Conversations a speaker the profile does not know must start, over the whole log, to be
reported as a candidate peer: about one a week over a month of listening, the pace of
someone who leads a conversation rather than joins it once."""

MIN_IDENTIFIED = 10
"""A venue is never called understood on fewer identified speakers than this."""


Count = Annotated[int, Field(ge=0)]
