"""Who does what among the firm's shared venues: the expert who fits the audience best.

Fit is the single planner's relevance (law 3) taken across experts: the need-weighted
expertise of each expert (depth, discounted by lack of interest) times the audience's share
in each firm goal's segments, weighed by goal priority. A firm-voice venue goes only to the
experts cleared to speak for the firm. A venue's weekly work goes to one expert; each of its
events to as many as its call for proposals accepts from the firm, so no call ever gets more.
An expert who declined an event is passed over for it: the slot goes to the next best fit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eminence.model import Expert, SharedVenue, Team, Venue, Voice
from eminence.model._base import FrozenDict
from eminence.planning.relevance import expertise_fit
from eminence.planning.results import Assignment, Declined

__all__ = ("Scored", "assign", "scored", "shared_venues")


@dataclass(frozen=True, slots=True)
class Scored:
    """A shared venue's weekly work (``event`` None) or one of its events, with each eligible
    expert's fit to its audience. Fit does not depend on who declined, and a team's calls are
    settled round by round, again for each expert's extra hour: so it is scored once."""

    shared: SharedVenue
    event: str | None
    places: int
    eligible: tuple[Expert, ...]
    fit: FrozenDict[str, float]


def scored(team: Team) -> tuple[Scored, ...]:
    """Every shared venue's weekly work then each of its events, each scored for its eligible
    experts, in the team's order."""
    fits = {expert.id: expertise_fit(expert.expertise, team.segments) for expert in team.experts}
    every_segment = tuple(segment.id for segment in team.segments)
    # Sorted ids: sums come out the same, to the last digit, whatever the list order.
    targeted = [
        (goal.priority, tuple(sorted(set(goal.segments or every_segment)))) for goal in team.goals
    ]

    def fit(expert: Expert, audience: Mapping[str, float]) -> float:
        return sum(
            priority * sum(audience.get(s, 0.0) * fits[expert.id][s] for s in segments)
            for priority, segments in targeted
        )

    works = []
    for shared in team.shared_venues:
        venue = shared.venue
        eligible = _eligible(team, shared)
        calls: list[tuple[str | None, Mapping[str, float], int]] = [(None, venue.audience, 1)]
        calls += [
            (event.id, event.audience or venue.audience, shared.speakers_at(event.id))
            for event in venue.events
        ]
        works += [
            Scored(
                shared=shared,
                event=event_id,
                places=places,
                eligible=tuple(eligible),
                fit=FrozenDict({expert.id: fit(expert, audience) for expert in eligible}),
            )
            for event_id, audience, places in calls
        ]
    return tuple(works)


def assign(
    team: Team,
    declined: Mapping[str, tuple[Declined, ...]] = FrozenDict(),
    works: Sequence[Scored] | None = None,
) -> tuple[Assignment, ...]:
    """Each shared venue's weekly work and each of its events, given to the best fits but
    those who ``declined`` the event (by event id); ``works`` are the team's `scored` ones,
    scored here when not given."""
    assignments = []
    for work in scored(team) if works is None else works:
        turned_down = declined.get(work.event, ()) if work.event else ()
        passed_over = {refusal.expert for refusal in turned_down}
        willing = [expert for expert in work.eligible if expert.id not in passed_over]
        # Sorted by fit, ties in the team's order: the same team always gets the same plan.
        best = sorted(willing, key=lambda expert: -work.fit[expert.id])[: work.places]
        assignments.append(
            Assignment(
                venue=work.shared.venue.id,
                event=work.event,
                voice=work.shared.venue.voice,
                experts=tuple(expert.id for expert in best),
                fit=work.fit,
                declined=turned_down,
            )
        )
    return tuple(assignments)


def _eligible(team: Team, shared: SharedVenue) -> list[Expert]:
    if shared.venue.voice is Voice.FIRM:
        return [expert for expert in team.experts if expert.cleared_for_firm]
    return list(team.experts)


def shared_venues(team: Team, assignments: tuple[Assignment, ...]) -> dict[str, list[Venue]]:
    """The shared venues each expert is given, with only the events given to them.

    The expert who takes a venue's weekly work gets it whole but for others' events; one who
    only speaks at an event gets the venue without yields or yearly cost of its own, so their
    split gives it no weekly hours and the firm pays its costs once.
    """
    given: dict[str, list[Venue]] = {expert.id: [] for expert in team.experts}
    for shared in team.shared_venues:
        venue = shared.venue
        takers = {a.event: a.experts for a in assignments if a.venue == venue.id}
        owner = takers[None][0]
        for expert in team.experts:
            events = tuple(event for event in venue.events if expert.id in takers.get(event.id, ()))
            if expert.id == owner:
                given[expert.id].append(venue.replace(events=events))
            elif events:
                given[expert.id].append(
                    venue.replace(
                        events=events,
                        yields={},
                        cost_per_year=0.0,
                        cost_per_contribution=0.0,
                        min_hours_per_week=0.0,
                        max_hours_per_week=None,
                    )
                )
    return given
