"""The aggregate of everything the planner needs, with every cross-reference checked."""

from __future__ import annotations

import datetime as dt
import itertools
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Annotated, Any, ClassVar, Literal, Self, TypeVar

from pydantic import (
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    model_validator,
)

from eminence.errors import InvalidInputError, Problem, UnknownReferenceError, VanityGoalWarning
from eminence.model._base import field_problems
from eminence.model._document import UPGRADES, Document, renumbered
from eminence.model._rules_in_plan import (
    preferred_day_problems,
    recurrence_problems,
    venue_rule_problems,
)
from eminence.model._salvage import UNREADABLE, known_ids, readable, readable_ids, records, salvage
from eminence.model._words import exact
from eminence.model.capacity import Capacity
from eminence.model.editions import Dated, repeated, venue_editions
from eminence.model.goals import Goal, Vanity
from eminence.model.metrics import Metric
from eminence.model.paid_reach import paid_reach_problems
from eminence.model.peers import Peer
from eminence.model.recurrence import MAX_ANCHOR_WEEKS, parse_rule
from eminence.model.segments import Segment
from eminence.model.topics import Expertise, Topic
from eminence.model.venues import Event, Venue

__all__ = ("CHECKED", "MAX_EVENTS", "MAX_GOALS", "MAX_LISTED", "MAX_VENUES", "Profile")

MAX_VENUES = 300
"""Venues in one profile: every one is weighed for every goal in every trial."""

MAX_EVENTS = 1_000
"""Events over all of a profile's venues: three a week for six years."""

MAX_GOALS = 30
"""Goals in one profile; the essays would have one."""

MAX_LISTED = 500
"""Topics, expertise, segments, metrics and peers in one profile: each list is read in full
for each venue or goal."""

CHECKED = "eminence.checked_profile"
"""The validation context's key for a profile whose cross-references are already checked:
the planner checks its profile once, and the plans it makes carry that very profile (or one
it derived changing only the hours) without checking it again at every replan."""

_SHOWN_IDS = 20
_Identified = TypeVar("_Identified", Venue, Metric, Goal, Segment)


class Profile(Document):
    """Who the clients are, what they need, what I know, where they gather, what I want, and when.

    Building a profile checks that ids are unique and every reference resolves; a goal on an
    activity or reach metric is allowed but warns with `VanityGoalWarning`.
    """

    KIND: ClassVar[str] = "profile"

    # Version 2 added rate goals (a goal's ``per``, ``held_for`` and ``recent_counts``),
    # recurring events (``Event.recurrence``) and the working week (capacity's working_days,
    # working_hours, min_block_minutes; a venue's preferred_days).
    schema_version: Literal[2] = 2  # type: ignore[assignment]  # a later version of the field

    name: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(max_length=20_000)] = ""
    topics: Annotated[tuple[Topic, ...], Field(min_length=1, max_length=MAX_LISTED)]
    expertise: Annotated[tuple[Expertise, ...], Field(min_length=1, max_length=MAX_LISTED)]
    segments: Annotated[tuple[Segment, ...], Field(min_length=1, max_length=MAX_LISTED)]
    metrics: Annotated[tuple[Metric, ...], Field(min_length=1, max_length=MAX_LISTED)]
    venues: Annotated[tuple[Venue, ...], Field(min_length=1, max_length=MAX_VENUES)]
    goals: Annotated[tuple[Goal, ...], Field(min_length=1, max_length=MAX_GOALS)]
    capacity: Capacity
    peers: Annotated[tuple[Peer, ...], Field(max_length=MAX_LISTED)] = ()
    vanity: Vanity = Vanity.STEER
    # Left out of the JSON while vanity goals steer, so that a profile is written as before.
    UNWRITTEN_DEFAULTS: ClassVar[tuple[str, ...]] = ("vanity",)
    _dated: Dated = PrivateAttr(default_factory=Dated)

    @model_validator(mode="wrap")
    @classmethod
    def _every_problem(
        cls, data: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
    ) -> Self:
        """Check the fields, then every cross-reference that can still be read, at once."""
        context = info.context if isinstance(info.context, dict) else {}
        if context.get(CHECKED) is data and isinstance(data, cls):
            return data  # checked by the planner that hands it over
        try:
            profile = handler(data)
        except ValidationError as error:
            failed = [detail["loc"] for detail in error.errors(include_url=False)]
            salvaged = salvage(cls, data, failed)
            raise InvalidInputError(
                cls.__name__, [*field_problems(error), *readable(_problems, salvaged)]
            ) from None
        assert isinstance(profile, cls)
        profile._reject(_problems(profile))
        if not isinstance(data, cls):
            # A profile passed along (into a plan) warned when it was built.
            _warn_about_vanity(profile)
        return profile

    def steers(self, goal: Goal) -> bool:
        """Whether the goal weighs in where the hours go: every goal but a vanity goal the
        profile only tracks (``vanity: track``)."""
        return self.vanity is Vanity.STEER or not self.metric(goal.metric).kind.is_vanity

    def venue(self, venue_id: str) -> Venue:
        """The venue with this id."""
        return _find(self.venues, venue_id, "venue")

    def metric(self, metric_id: str) -> Metric:
        """The metric with this id."""
        return _find(self.metrics, metric_id, "metric")

    def goal(self, goal_id: str) -> Goal:
        """The goal with this id."""
        return _find(self.goals, goal_id, "goal")

    def segment(self, segment_id: str) -> Segment:
        """The segment with this id."""
        return _find(self.segments, segment_id, "segment")

    def rule_anchor(self, venue: Venue) -> dt.date:
        """The day the venue's rrule counts from: its ``rrule_start``, else the plan's start."""
        return self.capacity.start if venue.rrule_start is None else venue.rrule_start

    def rule_ended(self, venue: Venue) -> bool:
        """Whether the venue's rrule has ended: no available day is left in the plan.

        Only a rule counted from an ``rrule_start`` before the start can end so (a profile a
        re-forecast made after the rule's UNTIL or last COUNT, or after its last available
        day). The venue then takes no weekly hours; its events stay.
        """
        anchor, capacity = venue.rrule_start, self.capacity
        if venue.rrule is None or anchor is None or anchor >= capacity.start:
            return False
        periods = capacity.unavailable
        days = parse_rule(venue.rrule).days(capacity.start, capacity.latest_date, anchor)
        return all(any(period.start <= day <= period.end for period in periods) for day in days)

    def editions(self, venue: Venue) -> tuple[Event, ...]:
        """The venue's events as the plan takes them: those written out, then the editions of
        each recurring one within the plan (from its start to its last day).

        An event written out with an edition's id stands for that edition (a year held
        elsewhere, or one a re-forecast has work logged for), which then is not repeated.
        """
        known = self._dated.worked_out(self.venues, self.capacity).editions.get(id(venue))
        if known is not None and known[0] is venue:
            return known[1]
        return venue_editions(venue, self.capacity)  # a venue of another profile

    @property
    def events(self) -> tuple[tuple[Venue, Event], ...]:
        """Every dated event (each edition of a recurring one) with its venue, in date order."""
        return self._dated.worked_out(self.venues, self.capacity).events


def _nothing_steers(profile: Profile) -> Iterator[Problem]:
    if profile.vanity is Vanity.STEER:
        return
    # A goal on an unknown metric is refused on its own path; here it counts as steering.
    vanity = {metric.id for _, metric in records(profile.metrics) if metric.kind.is_vanity}
    if all(goal.metric in vanity for _, goal in records(profile.goals)):
        yield Problem(
            "vanity",
            "vanity is 'track', but every goal is a vanity goal (activity or reach), so no "
            "goal would steer the hours; add a goal on engagement or value, or leave vanity "
            "out to let the vanity goals steer",
        )


def _warn_about_vanity(profile: Profile) -> None:
    for index, goal in enumerate(profile.goals):
        metric = profile.metric(goal.metric)
        if metric.kind.is_vanity:
            warnings.warn(
                VanityGoalWarning(
                    f"goals[{index}] ({goal.id!r}) counts {metric.kind.value} "
                    f"({metric.id!r}); that shows effort, not value to clients: consider "
                    "a goal on engagement or value instead"
                ),
                stacklevel=4,
            )


def _find(items: Sequence[_Identified], wanted: str, noun: str) -> _Identified:
    for item in items:
        if item.id == wanted:
            return item
    raise UnknownReferenceError(_unknown(noun, wanted, [item.id for item in items]))


def _unknown(noun: str, wanted: str, known: Iterable[str]) -> str:
    names = sorted(set(known))
    shown = ", ".join(names[:_SHOWN_IDS]) + (", ..." if len(names) > _SHOWN_IDS else "")
    return f"unknown {noun} {wanted!r}; known {noun}s: {shown or '(none)'}"


def _duplicates(ids: Iterable[str], path: str, noun: str) -> Iterator[Problem]:
    for value, count in Counter(ids).items():
        if count > 1:
            yield Problem(path, f"{noun} id {value!r} is used {count} times; ids must be unique")


def _unresolved(refs: Iterable[str], known: set[str], path: str, noun: str) -> Iterator[Problem]:
    for ref in refs:
        if ref not in known:
            yield Problem(path, _unknown(noun, ref, known))


def _problems(profile: Profile) -> Iterator[Problem]:
    """Every finding across fields. Each check runs alone under `readable`: in a profile
    salvaged from invalid input, one that needs a value that failed is skipped, and only it."""
    topic_ids = known_ids(profile.topics)
    segment_ids = known_ids(profile.segments)
    metric_ids = known_ids(profile.metrics)
    venue_ids = known_ids(profile.venues)

    yield from readable(_too_many_events, profile.venues)
    yield from readable(_edition_problems, profile)
    yield from _duplicates(readable_ids(profile.topics), "topics", "topic")
    yield from _duplicates(readable_ids(profile.segments), "segments", "segment")
    yield from _duplicates(readable_ids(profile.metrics), "metrics", "metric")
    yield from _duplicates(readable_ids(profile.venues), "venues", "venue")
    yield from _duplicates(readable_ids(profile.goals), "goals", "goal")
    yield from _duplicates(readable_ids(profile.peers), "peers", "peer")
    events = [event for _, venue in records(profile.venues) for _, event in records(venue.events)]
    yield from _duplicates(readable_ids(events), "venues[*].events", "event")
    topics = [x.topic for _, x in records(profile.expertise) if x.topic is not UNREADABLE]
    yield from _duplicates(topics, "expertise", "expertise topic")

    for i, expertise in records(profile.expertise):
        yield from readable(
            _unresolved, [expertise.topic], topic_ids, f"expertise[{i}].topic", "topic"
        )
    for i, segment in records(profile.segments):
        yield from readable(_unresolved, segment.needs, topic_ids, f"segments[{i}].needs", "topic")
    for i, venue in records(profile.venues):
        yield from readable(
            _venue_problems, profile, venue, f"venues[{i}]", segment_ids, metric_ids
        )
    for i, goal in records(profile.goals):
        path = f"goals[{i}]"
        yield from readable(_unresolved, [goal.metric], metric_ids, f"{path}.metric", "metric")
        yield from readable(_unresolved, goal.segments, segment_ids, f"{path}.segments", "segment")
        yield from readable(_duplicates, goal.segments, f"{path}.segments", "segment")
        yield from readable(_starting_level, profile, goal, path, metric_ids)
        yield from readable(_rate_of_a_stock, profile, goal, path, metric_ids)
        yield from readable(_deadline, profile, goal, path)
    yield from readable(_nothing_steers, profile)
    for i, peer in records(profile.peers):
        yield from readable(_unresolved, peer.cadence, venue_ids, f"peers[{i}].cadence", "venue")
        yield from readable(_unresolved, peer.topics, topic_ids, f"peers[{i}].topics", "topic")
        yield from readable(_not_a_segment, peer, f"peers[{i}].id", segment_ids)
    yield from readable(_overcommitted, profile)


def _too_many_events(venues: Sequence[Venue]) -> Iterator[Problem]:
    events = sum(len(venue.events) for venue in venues)
    if events > MAX_EVENTS:
        yield Problem(
            "venues[*].events",
            f"the venues hold {events:,} events; at most {MAX_EVENTS:,} are planned at once: "
            "leave out those you would not go to, or plan the later years in a later profile",
        )


def _edition_problems(profile: Profile) -> Iterator[Problem]:
    """The editions within the plan: with the events written out, no more than a plan holds
    (counted until there are too many), each with an id of its own."""
    venues = records(profile.venues)
    written = [event for _, venue in venues for event in venue.events]
    start = profile.capacity.start
    if len(written) > MAX_EVENTS or any(
        event.recurrence is not None and (start - event.date).days > 7 * MAX_ANCHOR_WEEKS
        for event in written
    ):
        return  # reported alone: the editions are not worked out
    end = profile.capacity.latest_date
    every = ((i, j, edition) for i, venue in venues for j, edition in repeated(venue, start, end))
    found = list(itertools.islice(every, MAX_EVENTS - len(written) + 1))
    if len(written) + len(found) > MAX_EVENTS:
        yield Problem(
            "venues[*].events",
            f"the venues hold more than {MAX_EVENTS:,} events, each edition of a recurring "
            "event within the plan counted; at most so many are planned at once: give a "
            "recurrence a COUNT, an UNTIL or a longer INTERVAL, or leave out events",
        )
        return
    ids = Counter([*readable_ids(written), *(edition.id for _, _, edition in found)])
    for i, j, edition in found:
        if ids[edition.id] > 1:
            yield Problem(
                f"venues[{i}].events[{j}].id",
                f"its edition {edition.id!r} has the id of another event; rename one, or "
                "write the edition out at this venue to stand for it",
            )


def _venue_problems(
    profile: Profile, venue: Venue, path: str, segment_ids: set[str], metric_ids: set[str]
) -> Iterator[Problem]:
    yield from readable(_unresolved, venue.audience, segment_ids, f"{path}.audience", "segment")
    yield from readable(_unresolved, venue.yields, metric_ids, f"{path}.yields", "metric")
    for j, event in records(venue.events):
        event_path = f"{path}.events[{j}]"
        yield from readable(_unresolved, event.yields, metric_ids, f"{event_path}.yields", "metric")
        yield from readable(
            _unresolved, event.audience or (), segment_ids, f"{event_path}.audience", "segment"
        )
        if event.recurrence is not None:
            yield from readable(recurrence_problems, profile.capacity, event, event_path)
    if venue.rrule is not None:
        yield from readable(venue_rule_problems, profile.capacity, venue, path)
    yield from readable(paid_reach_problems, venue, path, profile.metrics, profile.capacity)
    yield from readable(preferred_day_problems, profile.capacity, venue, path)


def _starting_level(
    profile: Profile, goal: Goal, path: str, metric_ids: set[str]
) -> Iterator[Problem]:
    counted = goal.metric in metric_ids and not profile.metric(goal.metric).is_stock
    if goal.starting_level > 0 and counted:
        yield Problem(
            f"{path}.starting_level",
            f"{goal.metric!r} is counted, not a stock that churns; lower the target by "
            "what is already achieved instead",
        )


def _rate_of_a_stock(
    profile: Profile, goal: Goal, path: str, metric_ids: set[str]
) -> Iterator[Problem]:
    if goal.per is not None and goal.metric in metric_ids and profile.metric(goal.metric).is_stock:
        yield Problem(
            f"{path}.per",
            f"{goal.metric!r} is a stock that churns, a level and not a count per "
            f"{goal.per.value}; leave 'per' out and set the level as the target, or count a "
            "metric that only grows",
        )


def _deadline(profile: Profile, goal: Goal, path: str) -> Iterator[Problem]:
    start = profile.capacity.start
    if goal.deadline is not None and goal.deadline <= start:
        yield Problem(
            f"{path}.deadline",
            f"{goal.deadline.isoformat()} is not after the plan's start "
            f"({start.isoformat()}); move the deadline later or the start earlier",
        )
    if goal.deadline is not None and goal.deadline > profile.capacity.latest_date:
        yield Problem(
            f"{path}.deadline",
            f"{goal.deadline.isoformat()} is more than ten years after the start; plans "
            f"look ten years ahead at most, so give a date by "
            f"{profile.capacity.latest_date.isoformat()}",
        )


def _not_a_segment(peer: Peer, path: str, segment_ids: set[str]) -> Iterator[Problem]:
    if peer.id in segment_ids:
        # A listening log names who spoke by id: a shared id could be either.
        yield Problem(
            path,
            f"{peer.id!r} is also a segment id; rename the peer or the segment so that "
            "who spoke is never ambiguous",
        )


def _overcommitted(profile: Profile) -> Iterator[Problem]:
    committed = sum(v.min_hours_per_week for v in profile.venues if not v.excluded)
    if committed > profile.capacity.hours_per_week * (1 + 1e-12):
        yield Problem(
            "venues",
            f"minimum hours per week sum to {exact(committed)}, more than the "
            f"{exact(profile.capacity.hours_per_week)} in capacity.hours_per_week; lower the "
            "minimums or raise the hours",
        )


UPGRADES[(Profile.KIND, 1)] = renumbered(2)
