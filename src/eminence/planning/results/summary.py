"""A plan in a few kilobytes: when each goal is reached, where the hours go, the next weeks.

The whole plan (every trial's band, every scheduled block over ten years) runs to tens of
kilobytes; a browser page or a language model needs the decisions only. Figures are rounded
for reading (hours and money to a hundredth, chances to a tenth of a percent): the plan keeps
the exact ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from eminence.model._base import Record
from eminence.model._document import UPGRADES, Document, renumbered
from eminence.planning.results._bounds import NonNegative, Probability
from eminence.planning.results.focus import Focus
from eminence.planning.results.notes import Note
from eminence.planning.results.projections import Binding
from eminence.planning.results.schedule import ItemKind, Occurrence, Schedule

__all__ = (
    "SUMMARY_WEEKS",
    "CostSummary",
    "GoalSummary",
    "Summary",
    "VenueSummary",
    "WeekSummary",
    "WeekWork",
    "week_summaries",
)

SUMMARY_WEEKS = 4
"""Weeks of the schedule a summary shows: enough to start, short enough to read."""


class GoalSummary(Record):
    """When one goal is reached, how sure that is, and what decides it."""

    goal: str
    name: str
    expected_date: dt.date | None
    p50: dt.date | None
    p80: dt.date | None
    p95: dt.date | None
    deadline: dt.date | None
    chance_by_deadline: Probability | None
    binding: Binding
    explanation: str


class VenueSummary(Record):
    """A venue that takes hours: how many a week, and from when."""

    venue: str
    name: str
    hours_per_week: NonNegative
    listening_from: dt.date | None
    active_from: dt.date | None


class WeekWork(Record):
    """One kind of work at one venue (or event) in a week: on how many days, for how long."""

    kind: ItemKind
    venue: str | None
    event: str | None
    days: Annotated[int, Field(ge=1, le=7)]
    hours: NonNegative


class WeekSummary(Record):
    """A week of the schedule from its first day, its blocks gathered by venue and kind."""

    start: dt.date
    hours: NonNegative
    work: tuple[WeekWork, ...]


class CostSummary(Record):
    """What the plan's first ``weeks`` weeks cost: hours, money, and both at the hourly rate."""

    weeks: Annotated[int, Field(ge=1)]
    hours: NonNegative
    money: NonNegative
    total: NonNegative


class Summary(Document):
    """The decisions of a plan, small enough to send to a browser or a language model.

    For each goal its dates and deadline chance, how focused the goals are, for each venue
    with hours its share of the week and its start, the next `SUMMARY_WEEKS` weeks of the
    schedule, the first year's costs, the money budget left over and the plan's notes.
    ``plan.summary()`` makes one; the plan itself keeps everything else.

    Examples
    --------
    >>> import eminence as em
    >>> summary = em.plan(em.example("consultant"), trials=200).summary()
    >>> [goal.goal for goal in summary.goals]
    ['invitations-to-advise', 'qualified-conversations']
    >>> len(summary.weeks)
    4
    """

    KIND: ClassVar[str] = "summary"

    # Version 2 says how focused the goals are (``focus``), has notes of scattered goals and of
    # vanity goals that steer, the bindings that say more hours do not help, and
    # notes of hours past the useful pace.
    schema_version: Literal[2] = 2  # type: ignore[assignment]  # a later version of the field

    profile: str
    start: dt.date
    hours_per_week: Annotated[float, Field(gt=0.0, le=168.0)]
    seed: int
    goals: tuple[GoalSummary, ...]
    venues: tuple[VenueSummary, ...]
    weeks: tuple[WeekSummary, ...]
    costs: CostSummary
    # None in a summary of version 1, or of a plan read from version 1.
    focus: Focus | None = None
    notes: tuple[Note, ...] = ()
    leftover_money_per_year: NonNegative | None = None
    """The money budget's part a year the split leaves unspent; None without a budget."""

    UNWRITTEN_DEFAULTS: ClassVar[tuple[str, ...]] = ("leftover_money_per_year",)

    @property
    def footnote(self) -> str:
        """What this summary leaves out, in one line."""
        return (
            f"a summary: the first {SUMMARY_WEEKS} weeks of the schedule, figures rounded; "
            "the plan holds the rest"
        )


_WEEKS_A_CALL = 13
"""Weeks of a schedule read at once for its weekly summaries: a quarter's occurrences."""


def week_summaries(schedule: Schedule, first: dt.date, weeks: int) -> tuple[WeekSummary, ...]:
    """``weeks`` weeks of the schedule from ``first``, each one's blocks gathered by venue,
    event and kind: on how many days, for how many hours."""
    by_week: list[list[Occurrence]] = [[] for _ in range(weeks)]
    # A call a quarter, not one a week: each call walks its items' rules from their first day.
    for quarter in range(0, weeks, _WEEKS_A_CALL):
        begin = first + dt.timedelta(weeks=quarter)
        end = first + dt.timedelta(weeks=min(quarter + _WEEKS_A_CALL, weeks), days=-1)
        for occurrence in schedule.occurrences(begin, end):
            by_week[(occurrence.day - first).days // 7].append(occurrence)
    summaries = []
    for index, occurrences in enumerate(by_week):
        begin = first + dt.timedelta(weeks=index)
        gathered: dict[tuple[ItemKind, str | None, str | None], tuple[set[dt.date], float]] = {}
        for occurrence in occurrences:
            key = (occurrence.kind, occurrence.venue, occurrence.event)
            days, hours = gathered.get(key, (set(), 0.0))
            gathered[key] = (days | {occurrence.day}, hours + occurrence.hours)
        work = tuple(
            WeekWork(kind=kind, venue=venue, event=event, days=len(days), hours=round(hours, 2))
            for (kind, venue, event), (days, hours) in gathered.items()
        )
        total = sum(hours for _, hours in gathered.values())
        summaries.append(WeekSummary(start=begin, hours=round(total, 2), work=work))
    return tuple(summaries)


# A version-1 summary is a valid version 2: it only lacks the focus, which may be None.
UPGRADES[(Summary.KIND, 1)] = renumbered(2)
