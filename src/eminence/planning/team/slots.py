"""A call's slot passes on: an expert whose own plan declines an event given to them frees
their slot for the next best fit who can take it.

The firm's assignment is by fit; whether an expert takes an event is their own plan's choice
(law 5: its preparation must pay for itself against their weekly split). So the two are
settled together, round by round: plan everyone, collect the events their plans turn down,
give each freed slot to the next best fit, replan only the experts given new work. A decline
is never undone, so each round retires at least one (expert, event) pair and the rounds end,
at the latest when every eligible expert of every call has been asked.

An expert who is given no new work keeps the plan that declined, which shows the event and
its reason; one who is given new work is replanned without the events they declined (they
passed on), and the team plan's assignment keeps who declined and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from eminence.model import Team
from eminence.model.editions import repeated
from eminence.planning.events import ProjectionInputs
from eminence.planning.planner import Planner
from eminence.planning.results import Assignment, Declined, EventChoice
from eminence.planning.team.assign import assign, shared_venues

__all__ = ("Bench", "Settled")

Work = frozenset[tuple[str, str | None]]
"""The shared venues' weekly work (event None) and events an expert holds."""


@dataclass(frozen=True, slots=True)
class Settled:
    """The assignments at their fixed point, each expert's planner, and their split's inputs
    to the projection at their hours."""

    assignments: tuple[Assignment, ...]
    planners: dict[str, Planner]
    inputs: dict[str, ProjectionInputs]


class Bench:
    """The team's experts, each planned once for each share of the firm's work they hold:
    settling the same team at other hours (one more hour for one expert) replans only the
    experts whose work changes."""

    def __init__(self, team: Team, *, seed: int, trials: int, horizon_weeks: int) -> None:
        self.team = team
        self.seed, self.trials, self.horizon_weeks = seed, trials, horizon_weeks
        self._planners: dict[tuple[str, Work], Planner] = {}
        self._decided: dict[
            tuple[str, Work, float], tuple[dict[str, list[EventChoice]], ProjectionInputs]
        ] = {}

    def settle(self, hours: dict[str, float] | None = None) -> Settled:
        """Settle who takes which event, each expert at ``hours`` (their own by default)."""
        team = self.team
        hours = {e.id: e.capacity.hours_per_week for e in team.experts} | (hours or {})
        declined: dict[str, tuple[Declined, ...]] = {}
        held: dict[str, Work] = {}
        asked = sum(len(shared.venue.events) for shared in team.shared_venues) * len(team.experts)
        for _ in range(asked + 1):
            assignments = assign(team, declined)
            for expert in team.experts:
                work = frozenset((a.venue, a.event) for a in assignments if expert.id in a.experts)
                # Work only lost to a decline keeps the plan that declined: it says why.
                if expert.id not in held or not work <= held[expert.id]:
                    held[expert.id] = work
            decided = {e: self._decide(e, held[e], hours[e], assignments) for e in held}
            refused = False
            for assignment in assignments:
                event = assignment.event
                if event is None:
                    continue
                for holder in assignment.experts:
                    mine = decided[holder][0].get(event, [])
                    if mine and not any(choice.taken for choice in mine):
                        refusal = Declined(expert=holder, reason=mine[0].reason)
                        declined[event] = (*declined.get(event, ()), refusal)
                        refused = True
            if not refused:
                return Settled(
                    assignments=assignments,
                    planners={e: self._planners[e, work] for e, work in held.items()},
                    inputs={e: inputs for e, (_, inputs) in decided.items()},
                )
        raise AssertionError("every round retires an (expert, event) pair, and none is left")

    def _decide(
        self, expert: str, work: Work, hours: float, assignments: tuple[Assignment, ...]
    ) -> tuple[dict[str, list[EventChoice]], ProjectionInputs]:
        """The expert's choice of each event they hold, and their split's projection inputs."""
        key = (expert, work, hours)
        if key not in self._decided:
            planner = self._planners.get((expert, work))
            if planner is None:
                given = shared_venues(self.team, assignments)[expert]
                planner = Planner(
                    self.team.profile_for(expert, given),
                    seed=self.seed,
                    trials=self.trials,
                    horizon_weeks=self.horizon_weeks,
                )
                self._planners[expert, work] = planner
            allocation, inputs = planner.allocation(hours)
            self._decided[key] = (_by_event(planner, allocation.events), inputs)
        return self._decided[key]


def _by_event(planner: Planner, choices: tuple[EventChoice, ...]) -> dict[str, list[EventChoice]]:
    """The plan's choice of each event, by the id the team knows it by: every edition of a
    recurring one under its event's id."""
    profile = planner.profile
    start, last = profile.capacity.start, profile.capacity.latest_date
    named: dict[str, str] = {}
    for venue in profile.venues:
        named |= {event.id: event.id for event in venue.events}
        named |= {edition.id: venue.events[i].id for i, edition in repeated(venue, start, last)}
    found: dict[str, list[EventChoice]] = {}
    for choice in choices:
        found.setdefault(named.get(choice.event, choice.event), []).append(choice)
    return found
