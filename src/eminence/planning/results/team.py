"""What the team planner returns: who does what, each expert's plan, when the firm's goals are
reached, and where one more hour a week would do the most."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from eminence.model import Team, Voice
from eminence.model._base import FrozenMap, Record
from eminence.model._document import UPGRADES, Document, renumbered
from eminence.model.arguments import a_date, a_whole_number
from eminence.planning.results._bounds import NonNegative, Probability
from eminence.planning.results.plan import Plan
from eminence.planning.results.projections import Progress
from eminence.planning.results.summary import WeekWork, week_summaries

__all__ = (
    "MAX_TEAM_WEEKS",
    "Assignment",
    "Declined",
    "ExpertPlan",
    "ExpertWeek",
    "ExtraHour",
    "FirmGoalProjection",
    "TeamPlan",
    "TeamWeek",
    "TeamWeeks",
)

MAX_TEAM_WEEKS = 104
"""Weeks a team's week-by-week view shows at most: two years, to read; a calendar has more."""


class Declined(Record):
    """An expert given an event whose own plan turned it down, and their plan's reason."""

    expert: str
    reason: str


class Assignment(Record):
    """Who takes a shared venue's weekly work (``event`` None) or one of its events.

    ``fit`` is each eligible expert's fit to the audience (need-weighted expertise times the
    audience's share in each firm goal's segments, by goal priority): the best fits are chosen,
    as many as the work accepts. An expert whose plan turns an event down is ``declined``, with
    why, and their slot passes to the next best fit: ``experts`` are those who take it.
    """

    venue: str
    event: str | None = None
    voice: Voice
    experts: tuple[str, ...]
    fit: FrozenMap[str, NonNegative]
    declined: tuple[Declined, ...] = ()


class ExpertPlan(Record):
    """One expert's plan, made from the profile the team derives for them."""

    expert: str
    plan: Plan


class FirmGoalProjection(Record):
    """When a firm goal is reached by the experts together.

    Every trial sums the experts' contributions of that trial before the target is compared,
    so the dates' spread is that of the sum (never percentiles added). ``by_expert`` is each
    expert's expected contribution by the horizon. ``progress`` is the firm's level over
    time: the expected sum and the band of the summed trials, as a fan.
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
    by_expert: FrozenMap[str, NonNegative]
    progress: Progress


class ExtraHour(Record):
    """What one more hour a week of an expert buys: expected weeks earlier for each firm goal.

    A goal reached only with the hour counts from the horizon (a lower bound); None means it
    is not reached within the horizon even with it.
    """

    expert: str
    weeks_earlier: FrozenMap[str, float | None]


class ExpertWeek(Record):
    """What one expert does in a week: their hours, and each venue's or event's work."""

    expert: str
    hours: NonNegative
    work: tuple[WeekWork, ...]


class TeamWeek(Record):
    """A week of the team from its first day: each expert's work, in the team's order."""

    start: dt.date
    experts: tuple[ExpertWeek, ...]


class TeamWeeks(Record):
    """Who does what, week by week: hours per expert and venue, events and proposal deadlines,
    gathered from the experts' schedules. ``names`` names every venue and event by id."""

    team: str
    names: FrozenMap[str, str]
    weeks: tuple[TeamWeek, ...]


class TeamPlan(Document):
    """The firm's plan: assignments, each expert's plan, the firm goals, the bottleneck.

    ``bottleneck`` is the expert whose extra hour a week brings the firm goals soonest
    (weeks earlier weighted by goal priority); None when no extra hour brings any closer.
    ``coordination_hours_per_week`` is the community manager's time the plan takes.
    """

    KIND: ClassVar[str] = "team-plan"

    # Version 2 holds version-3 plans (a rate goal's count in each period).
    schema_version: Literal[2] = 2  # type: ignore[assignment]  # a later version of the field

    team: Team
    seed: int
    assignments: tuple[Assignment, ...]
    experts: Annotated[tuple[ExpertPlan, ...], Field(min_length=1)]
    firm_goals: tuple[FirmGoalProjection, ...]
    extra_hour: tuple[ExtraHour, ...]
    bottleneck: str | None
    coordination_hours_per_week: NonNegative
    notes: tuple[str, ...] = ()

    def expert(self, expert_id: str) -> Plan:
        """The plan of one expert, by id."""
        for planned in self.experts:
            if planned.expert == expert_id:
                return planned.plan
        raise KeyError(expert_id)

    def firm_goal(self, goal_id: str) -> FirmGoalProjection:
        """The projection of one firm goal, by id."""
        for projection in self.firm_goals:
            if projection.goal == goal_id:
                return projection
        raise KeyError(goal_id)

    def to_ical(self) -> bytes:
        """The firm's calendar: every expert's schedule in one ``.ics``, each block's title led
        by the expert's name. Needs the ``ical`` extra; the same plan gives the same bytes."""
        from eminence.planning.results.ical import Part, calendar_ical

        names = {expert.id: expert.name or expert.id for expert in self.team.experts}
        parts = [
            Part(planned.plan.schedule, f"{planned.expert}.", f"{names[planned.expert]}: ")
            for planned in self.experts
        ]
        return calendar_ical(self.team.name, parts)

    def calendars(self) -> dict[str, bytes]:
        """Every calendar of the team by file name: ``firm.ics`` (`to_ical`) and one
        ``expert-<id>.ics`` per expert, the very file their own plan writes.

        Examples
        --------
        >>> import icalendar  # what writes them: pip install 'eminence[ical]'
        >>> import eminence as em
        >>> from eminence.io import example_team
        >>> sorted(em.plan_team(example_team("studio"), trials=200).calendars())
        ['expert-amira.ics', 'expert-ben.ics', 'expert-chloe.ics', 'firm.ics']
        """
        calendars = {"firm.ics": self.to_ical()}
        for planned in self.experts:
            calendars[f"expert-{planned.expert}.ics"] = planned.plan.to_ical()
        return calendars

    def weeks(self, count: int = 4, *, first: dt.date | None = None) -> TeamWeeks:
        """Who does what in ``count`` weeks from ``first`` (the team's start by default),
        read from each expert's schedule.

        Examples
        --------
        >>> import eminence as em
        >>> from eminence.io import example_team
        >>> weeks = em.plan_team(example_team("studio"), trials=200).weeks(2)
        >>> [expert.expert for expert in weeks.weeks[0].experts]
        ['amira', 'ben', 'chloe']
        """
        start = self.experts[0].plan.schedule.start
        count = a_whole_number(
            "count", count, least=1, most=MAX_TEAM_WEEKS, note=" (a calendar holds more)"
        )
        first = start if first is None else a_date("first", first)
        per_expert = [
            (planned.expert, week_summaries(planned.plan.schedule, first, count))
            for planned in self.experts
        ]
        names: dict[str, str] = {}
        for planned in self.experts:
            allocation = planned.plan.allocation
            names |= {venue.venue: venue.name for venue in allocation.venues}
            names |= {event.event: event.name for event in allocation.events}
        return TeamWeeks(
            team=self.team.name,
            names=names,
            weeks=tuple(
                TeamWeek(
                    start=first + dt.timedelta(weeks=index),
                    experts=tuple(
                        ExpertWeek(expert=expert, hours=weeks[index].hours, work=weeks[index].work)
                        for expert, weeks in per_expert
                    ),
                )
                for index in range(count)
            ),
        )


UPGRADES[(TeamPlan.KIND, 1)] = renumbered(2)
