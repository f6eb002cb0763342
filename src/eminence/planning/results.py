"""What the planner returns: frozen, JSON-serialisable results that check their own invariants.

Progress is a fraction of the goals' targets, each goal weighted by its share of the total
priority: a progress per hour of 0.01 means one hour there moves the weighted goals 1 % of
the way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Self

from pydantic import Field, computed_field, model_validator

from eminence.errors import Problem
from eminence.model import Profile, VenueKind
from eminence.model._base import Choice, Record, Tabular
from eminence.model._document import Document
from eminence.model._words import counted
from eminence.planning.costs import Costs
from eminence.planning.rates import CadenceSource
from eminence.planning.schedule import Schedule

if TYPE_CHECKING:
    from eminence.planning.summary import Summary

__all__ = (
    "Allocation",
    "Binding",
    "Bound",
    "EventChoice",
    "GoalProjection",
    "GoalShare",
    "Note",
    "NoteKind",
    "Plan",
    "Priorities",
    "Priority",
    "Progress",
    "Projections",
    "Tabular",
    "VenueHours",
    "human_duration",
)

DERIVED = frozenset({"costs", "schedule"})
"""The parts of a `Plan` that follow from its other fields."""

NonNegative = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]
Probability = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]


class GoalShare(Record):
    """One goal's part of a venue's or event's score, with the factors that make it."""

    goal: str
    audience_share: Probability
    fit: Probability
    yield_per_contribution: NonNegative
    progress_per_hour: NonNegative


class Priority(Record):
    """One ranked venue or event, with the factors behind its score and a reason to read out."""

    rank: Annotated[int, Field(ge=1)]
    tied: bool
    venue: str
    event: str | None
    name: str
    kind: VenueKind
    progress_per_hour: NonNegative
    by_goal: tuple[GoalShare, ...]
    effort_hours: NonNegative
    money_per_hour: NonNegative
    cadence_per_week: NonNegative | None
    cadence_source: CadenceSource | None
    peers_active: Annotated[int, Field(ge=0)]
    peer_cadence_per_week: NonNegative | None
    chance_in_top: Probability
    reason: str


class Priorities(Tabular):
    """Venues and events ranked by progress per hour, on one scale online and offline.

    Ranks are dense: tied items share a rank and say so. ``chance_in_top`` is the share of
    ``trials`` draws of every estimate in which the item ranked within the top ``top``.
    """

    items: tuple[Priority, ...]
    top: Annotated[int, Field(ge=1)]
    trials: Annotated[int, Field(ge=1)]
    seed: int

    @model_validator(mode="after")
    def _ranked(self) -> Self:
        problems = []
        rank = 0
        previous: float | None = None
        for index, item in enumerate(self.items):
            if previous is None or item.progress_per_hour != previous:
                rank += 1
            if item.rank != rank or (previous is not None and item.progress_per_hour > previous):
                problems.append(Problem(f"items[{index}].rank", "ranks must be dense from 1"))
            previous = item.progress_per_hour
        self._reject(problems)
        return self

    @property
    def footnote(self) -> str:
        """What produced this ranking, in one line."""
        venues = sum(1 for item in self.items if item.event is None)
        events = len(self.items) - venues
        return (
            f"{counted(venues, 'venue')} and {counted(events, 'event')} ranked by progress per "
            f"hour; chance in the top {self.top} from {counted(self.trials, 'draw')} of the "
            "estimates"
        )


class Bound(Choice):
    """Why a venue has the hours it has."""

    FREE = "free"
    """Placed where its marginal progress equals every other free venue's."""
    LOWER = "lower"
    """Held at its minimum: an hour more would earn less elsewhere."""
    UPPER = "upper"
    """Held at its maximum: it would take more hours if allowed."""
    LOCKED = "locked"
    """Minimum and maximum are equal."""
    EXCLUDED = "excluded"
    """Kept out of the plan by the profile."""
    ENDED = "ended"
    """Its rrule has no day left in the plan (it ended before the start): no hours."""


class VenueHours(Record):
    """A venue's place in the weekly split, and when it starts."""

    venue: str
    name: str
    hours_per_week: NonNegative
    contributions_per_week: NonNegative
    progress_per_week: NonNegative
    marginal_progress_per_hour: NonNegative
    bound: Bound
    listening_hours: NonNegative
    listening_from: dt.date | None
    active_from: dt.date | None


class EventChoice(Record):
    """An event, whether the plan takes it, and why."""

    venue: str
    event: str
    name: str
    date: dt.date
    proposal_deadline: dt.date | None
    taken: bool
    expected_hours: NonNegative
    expected_progress: NonNegative
    progress_per_hour: NonNegative
    reason: str
    listening_hours: NonNegative = 0.0
    """Listening a taken event owes its venue before the proposal, because the weekly split
    does not reach the venue in time (law 1)."""
    later_goals: tuple[str, ...] = ()
    """Goals this taken event makes later than skipping it would: its preparation takes hours
    their venues need. The plan takes it for the progress of all goals together."""


class Allocation(Tabular):
    """The split of the weekly hours; every hour is either placed or shown as leftover.

    The split is for ordinary weeks once listening is done. In the weeks before a taken
    event, its preparation takes hours from the split.
    """

    hours_per_week: Annotated[float, Field(gt=0.0, le=168.0)]
    venues: tuple[VenueHours, ...]
    events: tuple[EventChoice, ...]
    leftover_hours_per_week: NonNegative
    marginal_progress_per_hour: NonNegative

    @model_validator(mode="after")
    def _adds_up(self) -> Self:
        placed = sum(venue.hours_per_week for venue in self.venues)
        total = placed + self.leftover_hours_per_week
        if abs(total - self.hours_per_week) > 1e-9 * max(1.0, self.hours_per_week):
            self._reject(
                [
                    Problem(
                        "venues",
                        f"{placed:g} hours placed and {self.leftover_hours_per_week:g} left "
                        f"over do not add up to {self.hours_per_week:g}",
                    )
                ]
            )
        return self

    def venue(self, venue_id: str) -> VenueHours:
        """The split of one venue, by id."""
        for venue in self.venues:
            if venue.venue == venue_id:
                return venue
        raise KeyError(venue_id)

    @property
    def footnote(self) -> str:
        """What produced this split, in one line."""
        return (
            f"{self.hours_per_week:g} h/week split to equalise marginal progress per hour; "
            f"{self.leftover_hours_per_week:.2f} h/week left over"
        )


class Binding(Choice):
    """What decides when a goal is reached."""

    HOURS = "hours"
    """Work measured in hours: more hours a week make it sooner."""
    EVENT = "event"
    """An event's date: the target is crossed when the event yields."""
    CHURN = "churn"
    """A churning stock levels off below the target at these hours."""
    NOTHING = "nothing"
    """Nothing in the plan yields the goal's metric among its segments."""


class Progress(Record):
    """A goal's level over time: expected, and the band that most trials fall in.

    Sampled every few weeks from the start to the horizon. ``low``, ``median`` and ``high``
    are the 10th, 50th and 90th percentiles of the level each date sees across at most 1,000
    trials, with the count noise of counted metrics: a fan chart of the goal.
    """

    dates: tuple[dt.date, ...]
    expected: tuple[NonNegative, ...]
    low: tuple[NonNegative, ...]
    median: tuple[NonNegative, ...]
    high: tuple[NonNegative, ...]

    @model_validator(mode="after")
    def _aligned(self) -> Self:
        lengths = {len(self.expected), len(self.low), len(self.median), len(self.high)}
        if lengths != {len(self.dates)}:
            self._reject([Problem("dates", "every series needs one value per date")])
        return self


class GoalProjection(Record):
    """When one goal is reached: expected, at 50 / 80 / 95 % confidence, and by its deadline.

    A date of None means "not within the horizon": an explicit outcome, never a sentinel.
    ``expected_date`` is when the expected trajectory reaches the target.
    """

    goal: str
    target: NonNegative
    expected_weeks: NonNegative | None
    expected_date: dt.date | None
    p50: dt.date | None
    p80: dt.date | None
    p95: dt.date | None
    deadline: dt.date | None
    chance_by_deadline: Probability | None
    chance_within_horizon: Probability
    expected_at_horizon: NonNegative
    minimum_hours_per_week: NonNegative | None
    binding: Binding
    explanation: str
    progress: Progress

    @property
    def duration(self) -> str:
        """The expected time to the goal in human terms, such as 'about 7 months'."""
        return human_duration(self.expected_weeks)


def human_duration(weeks: float | None) -> str:
    """Weeks as a person says them: 'about 3 weeks', 'about 7 months', 'about 2.5 years'."""
    if weeks is None:
        return "not within the horizon"
    if weeks < 8.5:
        count = max(1, round(weeks))
        return f"about {count} week{'s' if count > 1 else ''}"
    months = weeks / (52.1775 / 12)
    if months < 23.5:
        return f"about {round(months)} months"
    return f"about {weeks / 52.1775:.1f} years"


class Projections(Tabular):
    """Every goal's projection, from ``trials`` seeded draws over ``horizon_weeks``."""

    goals: tuple[GoalProjection, ...]
    horizon_weeks: Annotated[int, Field(ge=1, le=520)]
    trials: Annotated[int, Field(ge=1)]
    seed: int

    def goal(self, goal_id: str) -> GoalProjection:
        """The projection of one goal, by id."""
        for projection in self.goals:
            if projection.goal == goal_id:
                return projection
        raise KeyError(goal_id)

    @property
    def footnote(self) -> str:
        """What produced these projections, in one line."""
        return (
            f"{counted(len(self.goals), 'goal')} projected over "
            f"{counted(self.horizon_weeks, 'week')} from {counted(self.trials, 'draw')} (Poisson "
            f"counts, stocks without count noise, PERT-Beta estimates, seed {self.seed})"
        )


class NoteKind(Choice):
    """What a note is about."""

    VANITY_GOAL = "vanity_goal"
    UNSERVED_GOAL = "unserved_goal"
    DROPPED_EVENT = "dropped_event"
    TRADED_GOAL = "traded_goal"
    IDLE_HOURS = "idle_hours"
    LATE_START = "late_start"
    ASSUMED_CADENCE = "assumed_cadence"
    ENDED_RULE = "ended_rule"


class Note(Record):
    """Something the plan wants a person to know: a risk, an assumption, a dropped option."""

    kind: NoteKind
    subject: str | None = None
    message: str


class Plan(Document):
    """Which venues deserve the hours, how to split them, and what the plan had to assume.

    It carries the profile it was made from, so it can be re-planned, compared and
    re-forecast without anything else. Its ``costs`` and ``schedule`` follow from the rest
    and are worked out when first asked for.
    """

    KIND: ClassVar[str] = "plan"

    profile: Profile
    seed: int
    priorities: Priorities
    allocation: Allocation
    projections: Projections
    notes: tuple[Note, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _derived_parts_are_made_again(cls, data: Any) -> Any:
        # Costs and schedule follow from the other fields (they are read-only in the schema),
        # so a plan read back makes them again rather than trust a copy that may be stale.
        if isinstance(data, Mapping) and not DERIVED.isdisjoint(data):
            return {key: value for key, value in data.items() if key not in DERIVED}
        return data

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy; with ``update``, without the costs and schedule worked out for the original."""
        copy = super().model_copy(update=update, deep=deep)
        if update:
            for name in DERIVED:
                copy.__dict__.pop(name, None)
        return copy

    @computed_field  # type: ignore[prop-decorator]
    @cached_property
    def costs(self) -> Costs:
        """The expected hours and money of the plan's first year.

        Worked out on first use and kept: a slider that replans at every move never pays
        for it.
        """
        from eminence.planning.planner import costs_of

        return costs_of(self)

    @computed_field  # type: ignore[prop-decorator]
    @cached_property
    def schedule(self) -> Schedule:
        """What to do on which date over the horizon; worked out on first use and kept."""
        from eminence.planning.scheduling import build_schedule

        return build_schedule(
            self.profile, self.priorities, self.allocation, self.projections.horizon_weeks
        )

    def summary(self) -> Summary:
        """The plan's decisions in a few kilobytes, for a browser or a language model.

        Each goal's dates and deadline chance, each venue's hours and start, the next four
        weeks of the schedule, the first year's costs and the notes; see `Summary`.
        """
        from eminence.planning.summary import summarise

        return summarise(self)

    def to_ical(self) -> bytes:
        """The schedule as an iCalendar file's bytes, to import or subscribe to.

        Needs the ``ical`` extra; the same plan gives the same bytes.
        """
        from eminence.planning.ical import schedule_ical

        return schedule_ical(self.schedule, self.profile.name)
