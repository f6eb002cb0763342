"""A firm's bench as one model: experts, the venues they share, and the firm's goals.

Eminence for a firm is "a company-wide project": experts who care about what the clients need,
each in their own voice, a community manager who coordinates them, and one firm objective.
A team holds what its experts share (topics, segments, metrics, peers, the firm's venues and
goals) and what is each expert's own (expertise, hours, personal venues and goals). Each
expert is planned as a profile derived from the team (`Team.profile_for`), so one expert's
plan follows every law a profile's does.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import Field, ValidatorFunctionWrapHandler, model_validator

from eminence.errors import InvalidInputError, Problem, UnknownReferenceError, VanityGoalWarning
from eminence.model._base import FrozenDict, FrozenMap, Record
from eminence.model._document import UPGRADES, Document, renumbered
from eminence.model.capacity import Capacity
from eminence.model.goals import Goal
from eminence.model.metrics import Metric
from eminence.model.peers import Peer
from eminence.model.profile import MAX_GOALS, MAX_LISTED, MAX_VENUES, Profile
from eminence.model.quantities import Id, NotBool, Text
from eminence.model.segments import Segment
from eminence.model.topics import Expertise, Topic
from eminence.model.venues import Venue, Voice

__all__ = ("MAX_EXPERTS", "Expert", "SharedVenue", "Team")

MAX_EXPERTS = 100
"""Experts in one team: each is planned in full, and each extra hour is weighed for each."""

CoordinationHours = Annotated[float, Field(ge=0.0, le=168.0, allow_inf_nan=False), NotBool]
"""Hours a week of the community manager's time that coordinating something costs."""


class Expert(Record):
    """One member of the bench: what they know and care about, their hours, their own venues.

    ``cleared_for_firm`` marks an expert who may speak in the firm's voice (who follows its
    protocol): only they are given the firm's firm-voice venues, and only they may have
    firm-voice venues of their own. ``coordination_hours_per_week`` is
    the community manager's time that coordinating this expert costs.
    """

    id: Id
    name: Text = ""
    expertise: Annotated[tuple[Expertise, ...], Field(min_length=1, max_length=MAX_LISTED)]
    capacity: Capacity
    venues: Annotated[tuple[Venue, ...], Field(min_length=1, max_length=MAX_VENUES)]
    goals: Annotated[tuple[Goal, ...], Field(max_length=MAX_GOALS)] = ()
    cleared_for_firm: bool = False
    coordination_hours_per_week: CoordinationHours = 0.0


class SharedVenue(Record):
    """A venue of the firm's: its blog or newsletter, a booth or a sponsorship at a conference.

    Its weekly work goes to one expert; each of its events to as many experts as its call for
    proposals accepts from the firm, ``speakers`` by event id (one when not given). The venue's
    ``voice`` says who may take it: a firm-voice venue goes only to experts cleared for the firm.
    ``coordination_hours_per_week`` is the community manager's time the venue costs while used.
    """

    venue: Venue
    speakers: FrozenMap[Id, Annotated[int, Field(ge=1, le=MAX_EXPERTS), NotBool]] = Field(
        default_factory=FrozenDict
    )
    coordination_hours_per_week: CoordinationHours = 0.0

    def speakers_at(self, event_id: str) -> int:
        """How many of the firm's experts the event's call for proposals accepts."""
        return self.speakers.get(event_id, 1)


class Team(Document):
    """Several experts under one firm objective, with the venues and goals they share.

    ``goals`` are the firm's: each is projected as the sum of the experts' contributions. An
    expert's own ``goals`` sit beside them in their plan. ``community_manager_hours_per_week``
    is the time the community manager has for coordination, if it is bounded.
    """

    KIND: ClassVar[str] = "team"

    # Version 2 added a rate goal's ``recent_counts``, as profile version 3 did.
    schema_version: Literal[2] = 2  # type: ignore[assignment]  # a later version of the field

    name: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(max_length=20_000)] = ""
    topics: Annotated[tuple[Topic, ...], Field(min_length=1, max_length=MAX_LISTED)]
    segments: Annotated[tuple[Segment, ...], Field(min_length=1, max_length=MAX_LISTED)]
    metrics: Annotated[tuple[Metric, ...], Field(min_length=1, max_length=MAX_LISTED)]
    experts: Annotated[tuple[Expert, ...], Field(min_length=1, max_length=MAX_EXPERTS)]
    shared_venues: Annotated[tuple[SharedVenue, ...], Field(max_length=MAX_VENUES)] = ()
    goals: Annotated[tuple[Goal, ...], Field(min_length=1, max_length=MAX_GOALS)]
    peers: Annotated[tuple[Peer, ...], Field(max_length=MAX_LISTED)] = ()
    community_manager_hours_per_week: CoordinationHours | None = None

    @model_validator(mode="wrap")
    @classmethod
    def _consistent(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Self:
        team = handler(data)
        assert isinstance(team, cls)
        team._reject(_problems(team))
        if not isinstance(data, cls):
            # A team passed along (into its plan) warned when it was read.
            _warn_about_vanity(team)
        return team

    def expert(self, expert_id: str) -> Expert:
        """The expert with this id."""
        for expert in self.experts:
            if expert.id == expert_id:
                return expert
        known = ", ".join(expert.id for expert in self.experts)
        raise UnknownReferenceError(f"unknown expert {expert_id!r}; known experts: {known}")

    def profile_for(self, expert_id: str, shared: Sequence[Venue] = ()) -> Profile:
        """The expert as a profile: their expertise, hours and venues, the ``shared`` venues
        the team planner gave them, the firm's goals then their own, and all the team shares.

        A profile only warns about vanity goals when the team is read, once.
        """
        expert = self.expert(expert_id)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", VanityGoalWarning)
            return Profile.model_validate(
                {
                    "name": expert.name or expert.id,
                    "topics": self.topics,
                    "expertise": expert.expertise,
                    "segments": self.segments,
                    "metrics": self.metrics,
                    "venues": (*expert.venues, *shared),
                    "goals": (*self.goals, *expert.goals),
                    "capacity": expert.capacity,
                    "peers": self.peers,
                }
            )


def _warn_about_vanity(team: Team) -> None:
    """Each vanity goal once, where the team holds it: the derived profiles say nothing, or a
    firm goal would warn once per expert."""
    kinds = {metric.id: metric.kind for metric in team.metrics}
    goals = [(f"goals[{i}]", goal) for i, goal in enumerate(team.goals)]
    goals += [
        (f"experts[{i}].goals[{j}]", goal)
        for i, expert in enumerate(team.experts)
        for j, goal in enumerate(expert.goals)
    ]
    for path, goal in goals:
        kind = kinds.get(goal.metric)
        if kind is not None and kind.is_vanity:
            warnings.warn(
                VanityGoalWarning(
                    f"{path} ({goal.id!r}) counts {kind.value} ({goal.metric!r}); that shows "
                    "effort, not value to clients: consider a goal on engagement or value instead"
                ),
                stacklevel=4,
            )


def _duplicates(ids: Sequence[tuple[str, str]], noun: str, fix: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for path, value in ids:
        if value in seen:
            yield Problem(path, f"{noun} id {value!r} is used more than once in the team; {fix}")
        seen.add(value)


def _problems(team: Team) -> Iterator[Problem]:
    experts = list(enumerate(team.experts))
    yield from _duplicates(
        [(f"experts[{i}].id", e.id) for i, e in experts], "expert", "give each expert an id"
    )
    venues = [(f"shared_venues[{i}].venue.id", s.venue) for i, s in enumerate(team.shared_venues)]
    venues += [
        (f"experts[{i}].venues[{j}].id", v) for i, e in experts for j, v in enumerate(e.venues)
    ]
    # Random streams are named by venue and event ids: unique ids give each expert luck of
    # their own, and make "who does what" unambiguous.
    yield from _duplicates(
        [(path, venue.id) for path, venue in venues],
        "venue",
        "each expert's venues are their own: prefix them with the expert's id, or make the "
        "venue a shared one",
    )
    yield from _duplicates(
        [(path, event.id) for path, venue in venues for event in venue.events],
        "event",
        "a call for proposals several experts may answer belongs to a shared venue, which "
        "says how many of them its event accepts",
    )
    first = team.experts[0]
    for i, expert in experts[1:]:
        if expert.capacity.start != first.capacity.start:
            yield Problem(
                f"experts[{i}].capacity.start",
                f"{expert.capacity.start.isoformat()} differs from {first.id!r}'s "
                f"{first.capacity.start.isoformat()}; a team plan starts on one day for all "
                "its experts: give them the same start",
            )
    firm_goals = {goal.id for goal in team.goals}
    for i, expert in experts:
        for j, goal in enumerate(expert.goals):
            if goal.id in firm_goals:
                yield Problem(
                    f"experts[{i}].goals[{j}].id",
                    f"{goal.id!r} is also a firm goal; rename the personal goal",
                )
    cleared = any(expert.cleared_for_firm for expert in team.experts)
    for i, shared in enumerate(team.shared_venues):
        events = {event.id for event in shared.venue.events}
        for event_id in shared.speakers:
            if event_id not in events:
                yield Problem(
                    f"shared_venues[{i}].speakers",
                    f"{event_id!r} is not an event of {shared.venue.id!r}; known events: "
                    f"{', '.join(sorted(events)) or '(none)'}",
                )
        if shared.venue.voice is Voice.FIRM and not cleared:
            yield Problem(
                f"shared_venues[{i}].venue.voice",
                f"{shared.venue.id!r} speaks in the firm's voice and no expert is cleared to "
                "speak for the firm; set cleared_for_firm = true on an expert who follows the "
                "firm's protocol, or give the venue voice = 'personal'",
            )
    for i, expert in experts:
        for j, venue in enumerate(expert.venues):
            if venue.voice is Voice.FIRM and not expert.cleared_for_firm:
                yield Problem(
                    f"experts[{i}].venues[{j}].voice",
                    f"{venue.id!r} speaks in the firm's voice and {expert.id!r} is not cleared "
                    "to speak for the firm; set cleared_for_firm = true on them, or give the "
                    "venue voice = 'personal'",
                )
    shared_venues = [shared.venue for shared in team.shared_venues]
    for i, expert in experts:
        try:
            team.profile_for(expert.id, shared_venues)
        except InvalidInputError as error:
            for problem in error.problems:
                yield Problem(
                    f"experts[{i}]",
                    f"as a profile with the shared venues, {problem.path}: {problem.message}",
                )


UPGRADES[(Team.KIND, 1)] = renumbered(2)
