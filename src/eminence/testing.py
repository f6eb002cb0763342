"""Builders and invariant checks for tests, here and in the tools that embed eminence.

`profile_data` returns the plain data of a small valid profile; change a copy of it to build
the exact bad input a test needs. `check_total` runs a call the way an embedding tool would
and insists that it ends well: a result with every number finite, or one clear
`EminenceError`, in bounded time. `through_every_output` takes a profile through planning and
every export, the way a stranger's file would travel.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
import random
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from eminence.errors import EminenceError
from eminence.model import Profile, VenueKind
from eminence.model.quantities import HOURS_IN_A_WEEK, MIN_HOURS_PER_WEEK
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.events import EventCandidate, Job, JobKind, event_jobs

__all__ = (
    "Case",
    "Outcome",
    "changed",
    "check_total",
    "events_fitted_from_scratch",
    "non_finite",
    "profile_data",
    "random_profile",
    "random_profile_data",
    "small_profile",
    "through_every_output",
)

_Result = TypeVar("_Result")

_JARGON = ("Input should", "pydantic", "Traceback", "object at 0x")
"""Fragments that only leak from a library's inside: never in a message for people."""


@dataclass(frozen=True, slots=True)
class Outcome(Generic[_Result]):
    """How a call ended: its result or its error, and how long it took."""

    result: _Result | None
    error: EminenceError | None
    seconds: float


def check_total(call: Callable[[], _Result], *, within: float = 10.0) -> Outcome[_Result]:
    """Run ``call`` and assert that it ended well, the way a hostile input must end.

    Well means: it returned a result in which every number is finite, or raised an
    `EminenceError` with a message for people (no pydantic wording, no object addresses);
    and either took at most ``within`` seconds (ten unless given: long enough for a loaded
    machine, short of the minutes a blow-up takes). Any other exception propagates. The time is
    measured and returned, and asserted only against ``within``, which should be generous:
    a loaded machine is slow.
    """
    started = time.perf_counter()
    try:
        result = call()
    except EminenceError as error:
        outcome: Outcome[_Result] = Outcome(None, error, time.perf_counter() - started)
    else:
        outcome = Outcome(result, None, time.perf_counter() - started)
    if outcome.error is not None:
        message = str(outcome.error)
        assert message.strip(), f"{type(outcome.error).__name__} without a message"
        leaked = [fragment for fragment in _JARGON if fragment in message]
        assert not leaked, f"the message leaks {leaked}: {message}"
    bad = list(non_finite(outcome.result))
    assert not bad, f"NaN or infinity at {', '.join(bad[:5])}"
    assert outcome.seconds <= within, f"took {outcome.seconds:.2f} s, more than {within} s"
    return outcome


@dataclass(frozen=True, slots=True)
class Case:
    """A hostile input and how it must end: with an `EminenceError` whose message holds
    ``error`` (the field and the fix), or, when ``error`` is None, with a result."""

    name: str
    call: Callable[[], object]
    error: str | None = None

    def check(self, *, within: float = 10.0) -> Outcome[object]:
        """Run the case with `check_total` and assert that it ended as expected."""
        outcome = check_total(self.call, within=within)
        if self.error is None:
            assert outcome.error is None, f"{self.name}: unexpected error: {outcome.error}"
        else:
            assert outcome.error is not None, f"{self.name}: a result, not an error"
            assert self.error in str(outcome.error), f"{self.name}: {outcome.error}"
        return outcome


def changed(path: str, value: object, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """`profile_data` (or ``data``) with the value at a dotted path such as
    ``venues.0.audience.cio`` set; the value None removes the entry."""
    data = profile_data() if data is None else data
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    elif value is None:
        node.pop(last, None)
    else:
        node[last] = value
    return data


def non_finite(value: object, path: str = "$") -> Iterator[str]:
    """The paths of every NaN or infinity in a result: records, mappings, sequences, floats."""
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, float):
        if not math.isfinite(value):
            yield path
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from non_finite(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from non_finite(item, f"{path}[{index}]")


def through_every_output(profile: Profile, *, trials: int = 200) -> dict[str, object]:
    """Plan a profile and produce everything a user can ask of the plan, by its name.

    The plan, a sensitivity table, the hours each goal needs (by its deadline, or a year
    on), every occurrence of the schedule, the JSON, HTML and text exports, and the calendar
    when the ``ical`` extra is installed (without it a user cannot ask for one).
    """
    from eminence.planning import plan, required_hours, sensitivity

    planned = plan(profile, trials=trials)
    hours = profile.capacity.hours_per_week
    levels = [max(hours / 2, MIN_HOURS_PER_WEEK), hours, min(2 * hours, HOURS_IN_A_WEEK)]
    a_year_on = profile.capacity.start + dt.timedelta(days=365)
    outputs: dict[str, object] = {
        "plan": planned,
        "sensitivity": sensitivity(profile, levels, trials=trials),
        "required_hours": [
            required_hours(profile, goal.id, by=goal.deadline or a_year_on, trials=trials)
            for goal in profile.goals
        ],
        "occurrences": len(planned.schedule.occurrences()),
        "json": planned.model_dump_json(),
        "html": planned._repr_html_(),
        "text": str(planned),
    }
    if importlib.util.find_spec("icalendar") is not None:
        outputs["ical"] = planned.to_ical()
    return outputs


def profile_data() -> dict[str, Any]:
    """Plain data of a small, valid profile: two venues, one online, one a conference."""
    return {
        "name": "Test expert",
        "topics": [{"id": "risk", "name": "Project risk"}, {"id": "agile"}],
        "expertise": [
            {"topic": "risk", "depth": 0.9, "interest": 0.8},
            {"topic": "agile", "depth": 0.5},
        ],
        "segments": [
            {"id": "cio", "size": 500, "needs": {"risk": 0.9, "agile": 0.4}},
            {"id": "pmo", "size": 2000, "needs": {"agile": 0.8}},
        ],
        "metrics": [
            {"id": "replies", "kind": "engagement"},
            {"id": "requests", "kind": "value"},
            {"id": "followers", "kind": "reach"},
        ],
        "venues": [
            {
                "id": "forum",
                "kind": "forum",
                "audience": {"cio": 0.3, "pmo": 0.4},
                "effort_hours": {"low": 0.5, "likely": 0.75, "high": 1.5},
                "yields": {"replies": {"low": 0.5, "likely": 1.0, "high": 2.0}, "requests": 0.02},
                "cadence": 2,
                "listening_hours": 4,
            },
            {
                "id": "summit",
                "kind": "conference",
                "audience": {"cio": 0.5},
                "effort_hours": 2,
                "events": [
                    {
                        "id": "summit-2027",
                        "date": "2027-06-10",
                        "proposal_deadline": "2027-02-15",
                        "preparation_hours": {"low": 15, "likely": 20, "high": 35},
                        "attendance_hours": 8,
                        "acceptance_chance": {"low": 0.15, "likely": 0.25, "high": 0.35},
                        "fee": 600,
                        "yields": {"requests": {"low": 0.5, "likely": 2, "high": 4}},
                    }
                ],
            },
        ],
        "goals": [
            {
                "id": "inbound",
                "metric": "requests",
                "target": 3,
                "segments": ["cio"],
                "deadline": "2027-12-31",
            },
            {"id": "conversations", "metric": "replies", "target": 40, "priority": 0.5},
        ],
        "capacity": {
            "hours_per_week": 3,
            "start": "2027-01-04",
            "unavailable": [{"start": "2027-08-02", "end": "2027-08-20", "reason": "holiday"}],
            "hourly_rate": 150,
            "time_zone": "Europe/London",
        },
        "peers": [{"id": "ada", "cadence": {"forum": 3}}],
    }


def small_profile() -> Profile:
    """The profile of `profile_data`, validated."""
    return Profile.model_validate(profile_data())


def random_profile_data(
    seed: int,
    *,
    venues: int = 6,
    goals: int = 2,
    events: int = 2,
    hours_per_week: float | None = None,
) -> dict[str, Any]:
    """Plain data of a random valid profile, reproducible from its seed.

    Audience shares, needs, depths and yields are drawn at random; some venues reach none
    of the goals' segments, so tests see venues that deserve nothing.
    """
    draw = random.Random(seed)
    topics = [f"t{index}" for index in range(4)]
    segments = [f"s{index}" for index in range(3)]
    metrics: list[dict[str, Any]] = [
        {"id": "m-engaged", "kind": "engagement", "churn_per_week": 0.03},
        {"id": "m-requests", "kind": "value"},
    ]
    start = dt.date(2027, 1, 4)

    def estimate(low: float, high: float) -> dict[str, float]:
        points = sorted(draw.uniform(low, high) for _ in range(3))
        return {"low": points[0], "likely": points[1], "high": points[2]}

    def audience() -> dict[str, float]:
        chosen = draw.sample(segments, draw.randint(0, len(segments)))
        shares = [draw.random() for _ in chosen]
        scale = draw.uniform(0.2, 1.0) / max(1.0, sum(shares))
        return {segment: share * scale for segment, share in zip(chosen, shares, strict=True)}

    kinds = list(VenueKind)
    venue_data: list[dict[str, Any]] = []
    for index in range(venues):
        venue: dict[str, Any] = {
            "id": f"v{index}",
            "kind": draw.choice(kinds).value,
            "audience": audience(),
            "effort_hours": estimate(0.2, 3.0),
            "yields": {
                metric["id"]: estimate(0.0, 2.0) for metric in metrics if draw.random() < 0.8
            },
            "listening_hours": draw.choice([0.0, 2.0, 6.0]),
        }
        if draw.random() < 0.7:
            venue["cadence"] = draw.uniform(0.2, 5.0)
        venue_data.append(venue)
    for index in range(events):
        day = start + dt.timedelta(days=draw.randint(30, 400))
        event: dict[str, Any] = {
            "id": f"e{index}",
            "date": day.isoformat(),
            "preparation_hours": estimate(2.0, 30.0),
            "attendance_hours": draw.choice([0.0, 4.0, 8.0]),
            "acceptance_chance": estimate(0.1, 0.9),
            "yields": {"m-requests": estimate(0.0, 5.0)},
        }
        if draw.random() < 0.6:
            deadline = day - dt.timedelta(days=draw.randint(20, 150))
            event["proposal_deadline"] = deadline.isoformat()
        draw.choice(venue_data).setdefault("events", []).append(event)
    return {
        "name": f"Random profile {seed}",
        "topics": [{"id": topic} for topic in topics],
        "expertise": [
            {"topic": topic, "depth": draw.random(), "interest": draw.random()}
            for topic in draw.sample(topics, 3)
        ],
        "segments": [
            {
                "id": segment,
                "size": draw.randint(10, 10_000),
                "needs": {topic: draw.random() for topic in draw.sample(topics, 2)},
            }
            for segment in segments
        ],
        "metrics": metrics,
        "venues": venue_data,
        "goals": [
            {
                "id": f"g{index}",
                "metric": metrics[index % len(metrics)]["id"],
                "target": draw.uniform(5, 200),
                "segments": draw.sample(segments, draw.randint(1, len(segments))),
                "priority": draw.uniform(0.5, 3.0),
            }
            for index in range(goals)
        ],
        "capacity": {
            "hours_per_week": hours_per_week or draw.uniform(0.5, 20.0),
            "start": start.isoformat(),
        },
        "peers": [{"id": "p0", "cadence": {"v0": draw.uniform(0.5, 4.0)}}],
    }


def random_profile(seed: int, **sizes: Any) -> Profile:
    """The profile of `random_profile_data`, validated."""
    return Profile.model_validate(random_profile_data(seed, **sizes))


def _first_due(candidate: EventCandidate) -> dt.date:
    return candidate.event.proposal_deadline or candidate.event.date


def _overloaded(jobs: list[Job], calendar: WorkingCalendar, hours_per_week: float) -> bool:
    """Horn's condition, window by window: some window from a release to a due date asks
    more hours than it has (attendance counts from the start)."""
    released = [
        (calendar.start if job.kind is JobKind.ATTENDANCE else job.release, job) for job in jobs
    ]
    for due in {job.due for job in jobs}:
        for release in {release for release, _ in released}:
            if release > due:  # a window of no time holds no work
                continue
            needed = sum(
                job.hours for start, job in released if start >= release and job.due <= due
            )
            weeks = calendar.working_weeks(due) - calendar.working_weeks(release)
            if needed > hours_per_week * weeks + 1e-9:
                return True
    return False


def events_fitted_from_scratch(
    candidates: list[EventCandidate],
    calendar: WorkingCalendar,
    hours_per_week: float,
    ready: Mapping[str, dt.date | None],
    skipped: set[str],
) -> dict[str, float | None]:
    """The reference for `choose_events`: each event's listening if taken, None if its work
    does not fit, checking every window of all the work from scratch for every candidate.
    Events in ``skipped`` are left out, as for reasons other than the hours."""
    taken: list[EventCandidate] = []
    fits: dict[str, bool] = {}
    order = sorted(candidates, key=lambda c: (-c.progress_per_hour, c.event.date, c.event.id))
    for candidate in (c for c in order if c.event.id not in skipped):
        chosen = [*taken, candidate]
        owed = _owed(chosen, ready)
        jobs = [
            job
            for c in chosen
            for job in event_jobs(c.event, c.preparation_hours, owed[c.event.id], calendar.start)
        ]
        fits[candidate.event.id] = not _overloaded(jobs, calendar, hours_per_week)
        if fits[candidate.event.id]:
            taken = chosen
    owed = _owed(taken, ready)
    return {e: owed[e] if fit else None for e, fit in fits.items()}


def _owed(chosen: list[EventCandidate], ready: Mapping[str, dt.date | None]) -> dict[str, float]:
    owed = {c.event.id: 0.0 for c in chosen}
    first: dict[str, EventCandidate] = {}
    for candidate in sorted(chosen, key=lambda c: (_first_due(c), c.event.id)):
        first.setdefault(candidate.venue.id, candidate)
    for venue, candidate in first.items():
        heard = ready.get(venue)
        if heard is None or heard > _first_due(candidate):
            owed[candidate.event.id] = candidate.listening_hours
    return owed
