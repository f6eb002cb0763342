"""What the log teaches: each venue's yields updated from the outcomes, better or worse than
planned."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Self

from pydantic import model_validator

from eminence.errors import Problem
from eminence.model import Estimate, Profile
from eminence.model._base import Choice, Record
from eminence.planning.learning import JEFFREYS, GammaBelief
from eminence.planning.progress import Ledger
from eminence.planning.results._bounds import NonNegative


class Verdict(Choice):
    """How a venue's yield compares with the plan's, given the evidence."""

    BETTER = "better"
    """The plan's yield lies below the 90 % interval of what the log says."""
    WORSE = "worse"
    """The plan's yield lies above that interval."""
    AS_PLANNED = "as_planned"
    """The plan's yield lies inside it: no evidence of a difference yet."""


class YieldEvidence(Record):
    """What one venue yielded of one metric, against the plan, and the yield learnt.

    ``prior`` is None when the profile gave the venue no yield for the metric. ``posterior``
    is what the re-forecast uses; a certain prior stays as it is (``updated`` is False), and
    ``mean``, ``low`` and ``high`` then come from the log alone.
    """

    venue: str
    name: str
    metric: str
    prior: Estimate | None
    prior_mean: NonNegative
    contributions: NonNegative
    observed: NonNegative
    mean: NonNegative
    low: NonNegative
    high: NonNegative
    posterior: Estimate
    updated: bool
    verdict: Verdict

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.low <= self.mean <= self.high:
            self._reject([Problem("mean", "the interval must hold the mean")])
        return self


def _evidence(profile: Profile, ledger: Ledger) -> Iterator[YieldEvidence]:
    """Each venue's yields updated from every outcome logged there, whatever its segment.

    A yield is outcomes per contribution from the venue's whole audience (the planner applies
    the audience's shares afterwards), so the conjugate update takes the venue's full count;
    a logged segment decides only what a fact counts toward each goal.
    """
    seen: dict[str, list[str]] = {}  # the metrics logged at each venue, in the log's order
    for venue_id, metric in ledger.observed:
        seen.setdefault(venue_id, []).append(metric)
    for v, venue in enumerate(profile.venues):
        exposure = float(ledger.exposure[v])
        if exposure <= 0.0:
            continue
        for metric in dict.fromkeys([*venue.yields, *seen.get(venue.id, ())]):
            prior = venue.yields.get(metric)
            observed = ledger.observed.get((venue.id, metric), 0.0)
            belief = GammaBelief.of(prior)
            learnt = (belief or JEFFREYS).updated(observed, exposure)
            prior_mean = prior.mean if prior is not None else 0.0
            interval = learnt.interval
            low, high = interval
            verdict = Verdict.AS_PLANNED
            if low > prior_mean:
                verdict = Verdict.BETTER
            elif high < prior_mean:
                verdict = Verdict.WORSE
            yield YieldEvidence(
                venue=venue.id,
                name=venue.name or venue.id,
                metric=metric,
                prior=prior,
                prior_mean=prior_mean,
                contributions=exposure,
                observed=observed,
                mean=learnt.mean,
                low=low,
                high=high,
                posterior=prior if belief is None and prior else learnt.estimate(interval),
                updated=belief is not None,
                verdict=verdict,
            )
