"""The aggregate of everything the planner needs, with every cross-reference checked."""

from __future__ import annotations

import datetime as dt
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Annotated, Any, ClassVar, Literal, Self, TypeVar

from pydantic import Field, ValidationError, ValidatorFunctionWrapHandler, model_validator

from eminence.errors import InvalidInputError, Problem, UnknownReferenceError, VanityGoalWarning
from eminence.model._base import field_problems
from eminence.model._document import UPGRADES, Document, fields_added
from eminence.model._salvage import UNREADABLE, known_ids, readable, readable_ids, records, salvage
from eminence.model._words import exact
from eminence.model.capacity import Capacity
from eminence.model.goals import Goal
from eminence.model.metrics import Metric
from eminence.model.peers import Peer
from eminence.model.recurrence import MAX_ANCHOR_WEEKS, parse_rule, rule_problems
from eminence.model.segments import Segment
from eminence.model.topics import Expertise, Topic
from eminence.model.venues import Event, Venue

__all__ = ("MAX_EVENTS", "MAX_GOALS", "MAX_LISTED", "MAX_VENUES", "Profile")

MAX_VENUES = 300
"""Venues in one profile: every one is weighed for every goal in every trial."""

MAX_EVENTS = 1_000
"""Events over all of a profile's venues: three a week for six years."""

MAX_GOALS = 30
"""Goals in one profile; the essays would have one."""

MAX_LISTED = 500
"""Topics, expertise, segments, metrics and peers in one profile: each list is read in full
for each venue or goal."""

_SHOWN_IDS = 20
_Identified = TypeVar("_Identified", Venue, Metric, Goal, Segment)


class Profile(Document):
    """Who the clients are, what they need, what I know, where they gather, what I want, and when.

    Building a profile checks that ids are unique and every reference resolves; a goal on an
    activity or reach metric is allowed but warns with `VanityGoalWarning`.
    """

    KIND: ClassVar[str] = "profile"

    # Version 2 added the working week (capacity's working_days, working_hours,
    # min_block_minutes) and a venue's preferred_days.
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

    @model_validator(mode="wrap")
    @classmethod
    def _every_problem(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Self:
        """Check the fields, then every cross-reference that can still be read, at once."""
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

    @property
    def events(self) -> tuple[tuple[Venue, Event], ...]:
        """Every dated event with the venue it belongs to, in date order."""
        pairs = [(venue, event) for venue in self.venues for event in venue.events]
        return tuple(sorted(pairs, key=lambda pair: (pair[1].date, pair[1].id)))


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


def _rule_problems(profile: Profile, venue: Venue, path: str) -> Iterator[Problem]:
    assert venue.rrule is not None
    capacity = profile.capacity

    def available(day: dt.date) -> bool:
        return not any(period.start <= day <= period.end for period in capacity.unavailable)

    anchor = venue.rrule_start
    if anchor is not None:
        if (capacity.start - anchor).days > 7 * MAX_ANCHOR_WEEKS:
            yield Problem(
                f"{path}.rrule_start",
                f"{anchor.isoformat()} is more than {MAX_ANCHOR_WEEKS:,} weeks (ten horizons) "
                f"before the plan's start ({capacity.start.isoformat()}); give a later day of "
                "the rule, which keeps its rhythm",
            )
            return
        if anchor > capacity.latest_date:
            yield Problem(
                f"{path}.rrule_start",
                f"{anchor.isoformat()} is beyond the plan's ten years (to "
                f"{capacity.latest_date.isoformat()}); give a day by then",
            )
            return
    rule = parse_rule(venue.rrule)
    for message in rule_problems(rule, capacity.start, capacity.latest_date, available, anchor):
        yield Problem(f"{path}.rrule", message)


def _problems(profile: Profile) -> Iterator[Problem]:
    """Every finding across fields. Each check runs alone under `readable`: in a profile
    salvaged from invalid input, one that needs a value that failed is skipped, and only it."""
    topic_ids = known_ids(profile.topics)
    segment_ids = known_ids(profile.segments)
    metric_ids = known_ids(profile.metrics)
    venue_ids = known_ids(profile.venues)

    yield from readable(_too_many_events, profile.venues)
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
        yield from readable(_deadline, profile, goal, path)
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
    if venue.rrule is not None:
        yield from readable(_rule_problems, profile, venue, path)
    yield from readable(_not_a_working_day, profile, venue, path)


def _not_a_working_day(profile: Profile, venue: Venue, path: str) -> Iterator[Problem]:
    working = profile.capacity.working_days
    for day in venue.preferred_days:
        if day not in working:
            yield Problem(
                f"{path}.preferred_days",
                f"{day.value} is not one of capacity.working_days "
                f"({', '.join(d.value for d in working)}); add it there or prefer a working day",
            )


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


UPGRADES[(Profile.KIND, 1)] = fields_added
