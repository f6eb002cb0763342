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
from eminence.planning.team.assign import assign, scored, shared_venues

__all__ = ("Bench", "Settled")

Work = frozenset[tuple[str, str | None]]
"""The shared venues' weekly work (event None) and events an expert holds."""

Said = list[tuple[str, str, str]]
"""Every decline of a settling so far, as (event, expert, reason) in the order they came."""

Passed = tuple[tuple[str, str], ...]
"""The (event, expert) of every decline so far, in order: who is given what follows from them
alone, not from the reasons, which differ at other hours."""


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
    experts whose work changes, and reassigns only for declines not seen before."""

    def __init__(self, team: Team, *, seed: int, trials: int, horizon_weeks: int) -> None:
        self.team = team
        self.seed, self.trials, self.horizon_weeks = seed, trials, horizon_weeks
        self._planners: dict[tuple[str, Work], Planner] = {}
        self._decided: dict[
            tuple[str, Work, float], tuple[dict[str, list[EventChoice]], ProjectionInputs]
        ] = {}
        self._works = scored(team)
        self._given: dict[Passed, tuple[tuple[Assignment, ...], dict[str, Work]]] = {}
        # One record for each (expert, reason), however many rounds' mappings hold it.
        self._refusals: dict[tuple[str, str], Declined] = {}

    def settle(self, hours: dict[str, float] | None = None) -> Settled:
        """Settle who takes which event, each expert at ``hours`` (their own by default)."""
        team = self.team
        hours = {e.id: e.capacity.hours_per_week for e in team.experts} | (hours or {})
        said: Said = []
        passed: Passed = ()
        held: dict[str, Work] = {}
        asked = sum(len(shared.venue.events) for shared in team.shared_venues) * len(team.experts)
        for _ in range(asked + 1):
            assignments, given = self._assign(passed, said)
            for expert in team.experts:
                work = given[expert.id]
                # Work only lost to a decline keeps the plan that declined: it says why.
                if expert.id not in held or not work <= held[expert.id]:
                    held[expert.id] = work
            decided = {e: self._decide(e, held[e], hours[e], assignments) for e in held}
            refusals = []
            for assignment in assignments:
                event = assignment.event
                if event is None:
                    continue
                for holder in assignment.experts:
                    mine = decided[holder][0].get(event, [])
                    if mine and not any(choice.taken for choice in mine):
                        refusals.append((event, holder, mine[0].reason))
            if not refusals:
                return Settled(
                    # With the reasons given at these hours: a round's may be another settling's.
                    assignments=assign(team, self._declined(said), self._works),
                    planners={e: self._planners[e, work] for e, work in held.items()},
                    inputs={e: inputs for e, (_, inputs) in decided.items()},
                )
            said += refusals
            passed = (*passed, *((event, expert) for event, expert, _ in refusals))
        raise AssertionError("every round retires an (expert, event) pair, and none is left")

    def _assign(self, passed: Passed, said: Said) -> tuple[tuple[Assignment, ...], dict[str, Work]]:
        """The assignments once those ``passed`` declined (as ``said``), and the work each
        expert is given. Each settling at other hours goes through the same rounds as the first
        until an expert decides otherwise, so each round is assigned once, with the reasons of
        the first settling to reach it: who is given what does not depend on them."""
        found = self._given.get(passed)
        if found is None:
            assignments = assign(self.team, self._declined(said), self._works)
            given: dict[str, set[tuple[str, str | None]]] = {e.id: set() for e in self.team.experts}
            for assignment in assignments:
                for expert in assignment.experts:
                    given[expert].add((assignment.venue, assignment.event))
            found = self._given[passed] = assignments, {e: frozenset(w) for e, w in given.items()}
        return found

    def _declined(self, said: Said) -> dict[str, tuple[Declined, ...]]:
        """Each event's declines, in the order they came."""
        declined: dict[str, tuple[Declined, ...]] = {}
        for event, expert, reason in said:
            if (expert, reason) not in self._refusals:
                self._refusals[expert, reason] = Declined(expert=expert, reason=reason)
            declined[event] = (*declined.get(event, ()), self._refusals[expert, reason])
        return declined

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
