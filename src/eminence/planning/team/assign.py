"""Who does what among the firm's shared venues: the expert who fits the audience best.

Fit is the single planner's relevance (law 3) taken across experts: the need-weighted
expertise of each expert (depth, discounted by lack of interest) times the audience's share
in each firm goal's segments, weighed by goal priority. A firm-voice venue goes only to the
experts cleared to speak for the firm. A venue's weekly work goes to one expert; each of its
events to as many as its call for proposals accepts from the firm, so no call ever gets more.
An expert who declined an event is passed over for it: the slot goes to the next best fit.
"""

from __future__ import annotations

from collections.abc import Mapping

from eminence.model import Expert, SharedVenue, Team, Venue, Voice
from eminence.model._base import FrozenDict
from eminence.planning.relevance import expertise_fit
from eminence.planning.results import Assignment, Declined

__all__ = ("assign", "shared_venues")


def assign(
    team: Team, declined: Mapping[str, tuple[Declined, ...]] = FrozenDict()
) -> tuple[Assignment, ...]:
    """Each shared venue's weekly work and each of its events, given to the best fits but
    those who ``declined`` the event (by event id)."""
    fits = {expert.id: expertise_fit(expert.expertise, team.segments) for expert in team.experts}
    every_segment = tuple(segment.id for segment in team.segments)
    targeted = [(goal.priority, set(goal.segments or every_segment)) for goal in team.goals]

    def fit(expert: Expert, audience: Mapping[str, float]) -> float:
        return sum(
            priority * sum(audience.get(s, 0.0) * fits[expert.id][s] for s in sorted(segments))
            for priority, segments in targeted
        )

    assignments = []
    for shared in team.shared_venues:
        venue = shared.venue
        eligible = _eligible(team, shared)
        works: list[tuple[str | None, Mapping[str, float], int]] = [(None, venue.audience, 1)]
        works += [
            (event.id, event.audience or venue.audience, shared.speakers_at(event.id))
            for event in venue.events
        ]
        for event_id, audience, places in works:
            scores = {expert.id: fit(expert, audience) for expert in eligible}
            turned_down = declined.get(event_id, ()) if event_id else ()
            passed_over = {refusal.expert for refusal in turned_down}
            willing = [expert for expert in eligible if expert.id not in passed_over]
            # Sorted by fit, ties in the team's order: the same team always gets the same plan.
            best = sorted(willing, key=lambda expert: -scores[expert.id])[:places]
            assignments.append(
                Assignment(
                    venue=venue.id,
                    event=event_id,
                    voice=shared.venue.voice,
                    experts=tuple(expert.id for expert in best),
                    fit=FrozenDict(scores),
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
        mine = [a for a in assignments if a.venue == venue.id]
        owner = next(a.experts[0] for a in mine if a.event is None)
        for expert in team.experts:
            events = tuple(
                event
                for event in venue.events
                if any(a.event == event.id and expert.id in a.experts for a in mine)
            )
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
