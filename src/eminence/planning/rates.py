"""From estimates to progress per hour: the linear structure of a profile, built once.

Every uncertain number of the profile sits in one `EstimateTable`; venues and events refer to
it by index. The same arithmetic then serves the expected values (one row of PERT means) and
Monte Carlo draws (one row per trial), without a Python loop over trials.

Progress is measured as a fraction of each goal's target, weighted by the goal's share of the
total priority, so progress from different goals and metrics can be added.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eminence.model import Estimate, Event, Profile, Venue, VenueKind
from eminence.planning.relevance import Relevance
from eminence.planning.results.priorities import CadenceSource
from eminence.planning.uncertainty import EstimateTable

__all__ = ("PROPOSAL_SHARE", "TYPICAL_CADENCE", "YEAR_WEEKS", "Cadence", "RateModel")

YEAR_WEEKS = 52
"""Weeks in the year that yearly costs, budgets and fees are counted over."""

FloatArray = NDArray[np.float64]
IndexArray = NDArray[np.intp]

PROPOSAL_SHARE = 0.25
"""Share of an event's preparation spent on the proposal, before anyone knows it is accepted.

The rest of the preparation, and the attendance, are spent only when the proposal is
accepted, so an event costs ``0.25 prep + chance (0.75 prep + attendance)`` hours in
expectation. An event without a proposal deadline needs no proposal: it costs
``chance (prep + attendance)``.
"""

TYPICAL_CADENCE: dict[VenueKind, float] = {
    VenueKind.SOCIAL_NETWORK: 3.0,
    VenueKind.FORUM: 3.0,
    VenueKind.NEWS_GROUP: 2.0,
    VenueKind.MAILING_LIST: 1.0,
    VenueKind.BLOG: 0.5,
    VenueKind.PODCAST: 0.25,
    VenueKind.PUBLICATION: 0.1,
    VenueKind.WEBINAR: 0.1,
    VenueKind.CONFERENCE: 0.05,
    VenueKind.PROFESSIONAL_ASSOCIATION: 0.5,
    VenueKind.MEETUP: 0.25,
    # A campaign a week: past it the same people see the same promotion again.
    VenueKind.PAID_REACH: 1.0,
}
"""Contributions per week where returns start to diminish, used when neither the venue nor
any peer gives a cadence: a few posts a week on a network, a post a fortnight on a blog, an
article every ten weeks in a publication."""


@dataclass(frozen=True, slots=True)
class Cadence:
    """A venue's natural cadence, where it came from, and how the peers use the venue."""

    per_week: float
    source: CadenceSource
    peers_active: int
    peer_median: float | None


def resolve_cadence(venue: Venue, profile: Profile) -> Cadence:
    """The venue's own cadence, else the median of its peers', else the typical one."""
    peer_cadences = [peer.cadence[venue.id] for peer in profile.peers if venue.id in peer.cadence]
    peer_median = statistics.median(peer_cadences) if peer_cadences else None
    if venue.cadence is not None:
        per_week, source = venue.cadence, CadenceSource.VENUE
    elif peer_median is not None:
        per_week, source = peer_median, CadenceSource.PEERS
    else:
        per_week, source = TYPICAL_CADENCE[venue.kind], CadenceSource.TYPICAL
    return Cadence(per_week, source, len(peer_cadences), peer_median)


class RateModel:
    """Index arrays from venues, events and goals into one table of estimates."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.goals = profile.goals
        self.venues = profile.venues
        self.events: tuple[tuple[Venue, Event], ...] = profile.events
        self.cadences = tuple(resolve_cadence(venue, profile) for venue in self.venues)
        # Venues out of the weekly split: excluded by the profile, or their rule has ended.
        self.ended = tuple(not v.excluded and profile.rule_ended(v) for v in self.venues)
        self.out = tuple(
            v.excluded or ended for v, ended in zip(self.venues, self.ended, strict=True)
        )
        relevance = Relevance(profile)
        self._estimates: list[Estimate] = [Estimate.exactly(0.0)]  # index 0 yields nothing
        self._keys = ["nothing"]

        # Goals that weigh in where the hours go; a vanity goal only tracked weighs nothing,
        # and every sum over goals leaves it out, so the split is, to the bit, the split
        # without it.
        self.steering = tuple(profile.steers(goal) for goal in self.goals)
        priority = np.array([goal.priority for goal in self.goals])
        # A rate goal weighs as the least amount reaching it takes: its target in each of
        # the periods it must hold.
        target = np.array([goal.least_amount for goal in self.goals])
        # Sums over goals run in the order of their ids (and fsum is exact), so the order of
        # the profile's list of goals changes no bit of a plan.
        steering_priority = math.fsum(priority[list(self.steering)])
        self.goal_scale: FloatArray = np.where(
            self.steering, priority / steering_priority / target, 0.0
        )
        self._goals_by_id = np.array(
            sorted(
                (g for g in range(len(self.goals)) if self.steering[g]),
                key=lambda g: self.goals[g].id,
            ),
            dtype=np.intp,
        )

        goal_count = len(self.goals)
        counted = {goal.metric for goal in self.goals}
        self.venue_yield = np.zeros((len(self.venues), goal_count), dtype=np.intp)
        self.venue_relevance = np.zeros((len(self.venues), goal_count))
        self.venue_effort = np.zeros(len(self.venues), dtype=np.intp)
        for v, venue in enumerate(self.venues):
            key = f"venue/{venue.id}"
            self.venue_effort[v] = self._add(venue.effort_hours, f"{key}/effort")
            # One estimate per venue and metric: goals on the same metric share its draws.
            yields = {
                m: self._add(e, f"{key}/yield/{m}") for m, e in venue.yields.items() if m in counted
            }
            for g, goal in enumerate(self.goals):
                if goal.metric in yields:
                    self.venue_yield[v, g] = yields[goal.metric]
                    self.venue_relevance[v, g] = relevance.weight(venue.audience, goal)
        self.cadence: FloatArray = np.array([cadence.per_week for cadence in self.cadences])

        self.event_yield = np.zeros((len(self.events), goal_count), dtype=np.intp)
        self.event_relevance = np.zeros((len(self.events), goal_count))
        self.event_preparation = np.zeros(len(self.events), dtype=np.intp)
        self.event_acceptance = np.zeros(len(self.events), dtype=np.intp)
        position = {venue.id: index for index, venue in enumerate(self.venues)}
        self.event_venue = np.array([position[venue.id] for venue, _ in self.events], dtype=np.intp)
        self.event_attendance: FloatArray = np.array(
            [event.attendance_hours for _, event in self.events]
        )
        self.event_proposal_share: FloatArray = np.array(
            [PROPOSAL_SHARE if event.proposal_deadline else 0.0 for _, event in self.events]
        )
        for e, (venue, event) in enumerate(self.events):
            audience = event.audience if event.audience is not None else venue.audience
            key = f"event/{event.id}"
            self.event_preparation[e] = self._add(event.preparation_hours, f"{key}/preparation")
            self.event_acceptance[e] = self._add(event.acceptance_chance, f"{key}/acceptance")
            yields = {
                m: self._add(x, f"{key}/yield/{m}") for m, x in event.yields.items() if m in counted
            }
            for g, goal in enumerate(self.goals):
                if goal.metric in yields:
                    self.event_yield[e, g] = yields[goal.metric]
                    self.event_relevance[e, g] = relevance.weight(audience, goal)
        self.relevance = relevance
        self.table = EstimateTable(self._estimates, self._keys)

    @property
    def committed_hours(self) -> float:
        """Hours per week the venues' minimums take before any split."""
        return sum(
            v.min_hours_per_week for v, out in zip(self.venues, self.out, strict=True) if not out
        )

    def _add(self, estimate: Estimate, key: str) -> int:
        self._estimates.append(estimate)
        self._keys.append(key)
        return len(self._estimates) - 1

    def _over_goals(self, per_goal: FloatArray) -> FloatArray:
        """The sum over the last (goal) axis of the steering goals, in the order of their ids."""
        total: FloatArray = per_goal[..., self._goals_by_id].sum(axis=-1)
        return total

    def churn(self, g: int) -> float | None:
        """The share goal ``g``'s metric loses each week: None for an amount counted, not a
        stock."""
        return self.profile.metric(self.goals[g].metric).churn_per_week

    def means(self) -> FloatArray:
        """The expected value of every estimate, as one row."""
        return self.table.means()

    # Venues: ``values`` is one row of estimate values, or (trials, estimates).

    def venue_goal_yield(self, values: FloatArray) -> FloatArray:
        """Units of each goal's metric per contribution that count for the goal: (..., V, G)."""
        return values[..., self.venue_yield] * self.venue_relevance

    def venue_effort_hours(self, values: FloatArray) -> FloatArray:
        """Hours one contribution takes at each venue: (..., V)."""
        return values[..., self.venue_effort]

    def venue_gain_per_hour(self, values: FloatArray) -> FloatArray:
        """Progress per hour at the first hour of each venue: (..., V)."""
        per_contribution = self._over_goals(self.venue_goal_yield(values) * self.goal_scale)
        return per_contribution / self.venue_effort_hours(values)

    def venue_money_per_hour(self, values: FloatArray) -> FloatArray:
        """Money per hour at the first hour of each venue: (..., V); the one rate the split
        weighs money by.

        A contribution costs its ``cost_per_contribution`` plus the venue's ``cost_per_year``
        spread over a year of contributions at its natural cadence, so a venue used at full
        cadence costs its yearly fee in a year. Money follows contributions, which follow the
        concave response: at ``h`` hours a week a venue spends ``response(k, s, h)`` a week.
        """
        rate: FloatArray = self.venue_money_per_contribution() / self.venue_effort_hours(values)
        return rate

    def venue_money_per_contribution(self) -> FloatArray:
        """Money each contribution costs at each venue: (V,); the one definition the split's
        budget and the plan's costs share. Its ``cost_per_contribution`` plus its
        ``cost_per_year`` spread over a year of contributions at its natural cadence."""
        return np.array(
            [
                venue.cost_per_contribution + venue.cost_per_year / (YEAR_WEEKS * cadence)
                for venue, cadence in zip(self.venues, self.cadence.tolist(), strict=True)
            ]
        )

    def venue_contributions(
        self, values: FloatArray, hours: FloatArray, venues: IndexArray | None = None
    ) -> FloatArray:
        """Effective contributions a week at ``hours`` a week, for each venue (or those
        indexed): (..., V).

        The natural cadence times ``1 - exp(-h / s)``: ``h / effort`` while the hours are well
        below saturation, never more than the cadence (the concave response).
        """
        chosen = slice(None) if venues is None else venues
        cadence = self.cadence[chosen]
        contributions: FloatArray = cadence * -np.expm1(
            -hours / (values[..., self.venue_effort[chosen]] * cadence)
        )
        return contributions

    def venue_saturation_hours(self, values: FloatArray) -> FloatArray:
        """Hours per week at which each venue's natural cadence is reached: (..., V)."""
        return self.venue_effort_hours(values) * self.cadence

    # Events.

    def event_goal_yield(self, values: FloatArray) -> FloatArray:
        """Expected units of each goal's metric from each event, acceptance included."""
        accepted = values[..., self.event_acceptance][..., np.newaxis]
        return values[..., self.event_yield] * self.event_relevance * accepted

    def event_progress(self, values: FloatArray) -> FloatArray:
        """Expected progress from each event: (..., E)."""
        return self._over_goals(self.event_goal_yield(values) * self.goal_scale)

    def event_hours(self, values: FloatArray) -> FloatArray:
        """Expected hours of preparation and attendance of each event: (..., E)."""
        preparation = values[..., self.event_preparation]
        accepted = values[..., self.event_acceptance]
        proposal = self.event_proposal_share * preparation
        return proposal + accepted * (preparation - proposal + self.event_attendance)

    def event_progress_per_hour(self, values: FloatArray) -> FloatArray:
        """Expected progress per expected hour of each event; 0 for an event costing nothing."""
        hours = self.event_hours(values)
        progress = self.event_progress(values)
        per_hour: FloatArray = np.divide(
            progress, hours, out=np.zeros_like(progress), where=hours > 0
        )
        return per_hour
