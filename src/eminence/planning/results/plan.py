"""The whole plan: every stage's result, gathered by the planner, and nothing that plans.

A plan holds what the planner computed. Its ``costs`` and ``schedule`` are written with it
and read back with it; the planner hands over the schedule as the stage that makes it from
the plan's own parts, run when first read, so that a slider that replans at every move never
pays for a schedule it does not show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Any, ClassVar, Literal, Self, TypeVar

from pydantic import ValidatorFunctionWrapHandler, computed_field, model_validator

from eminence.errors import EminenceError, InvalidInputError, Problem
from eminence.model import Profile
from eminence.model._document import Document
from eminence.planning.results.allocation import Allocation
from eminence.planning.results.content import Content
from eminence.planning.results.costs import Costs
from eminence.planning.results.focus import Focus
from eminence.planning.results.notes import Note
from eminence.planning.results.priorities import Priorities
from eminence.planning.results.projections import Projections
from eminence.planning.results.schedule import Schedule
from eminence.planning.results.summary import (
    SUMMARY_WEEKS,
    CostSummary,
    GoalSummary,
    Summary,
    VenueSummary,
    week_summaries,
)

__all__ = ("DERIVED", "Plan")

DERIVED: Mapping[str, type[Costs] | type[Schedule]] = {"costs": Costs, "schedule": Schedule}
"""The parts of a `Plan` the later stages make from its other fields: written and read as
its fields are, but given to the plan apart from them (see `Plan`)."""

_T = TypeVar("_T")

_LATER = "_later"
"""Where a plan keeps the stages that make its derived parts on first read."""


class Plan(Document):
    """Which venues deserve the hours, how to split them, and what the plan had to assume.

    It carries the profile it was made from, so it can be re-planned, compared and
    re-forecast without anything else. Its ``costs`` and ``schedule`` are given with it:
    each as a record (read from a plan's JSON, or computed), or as a function of nothing that
    makes it on first read (how the planner hands over the schedule). A copy keeps them as
    they are, even with ``update``: plan a changed profile again for new ones.
    """

    KIND: ClassVar[str] = "plan"

    # Version 2 holds version-2 profiles (rate goals, recurring events, the working week),
    # says what to speak to at each venue (``content``), names the schedule's topics, has
    # schedule items that gather ``weeks`` of hours, and the bindings that say more hours do
    # not help (deadline, acceptance, audience), and a rate goal's count in each period
    # (``per_period`` of its projection). The upgrade from version 1 works out the content:
    # planning.content.with_content.
    schema_version: Literal[2] = 2  # type: ignore[assignment]  # a later version of the field

    profile: Profile
    seed: int
    priorities: Priorities
    content: Content
    allocation: Allocation
    projections: Projections
    # None in a plan read from version 1, made before focus was measured.
    focus: Focus | None = None
    notes: tuple[Note, ...] = ()

    @model_validator(mode="wrap")
    @classmethod
    def _with_derived_parts(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Self:
        # Costs and schedule are read-only in the schema: kept apart from the fields, then
        # held as the plan's own (validated when given as data).
        parts: dict[str, Any] = {}
        if isinstance(data, Mapping) and not DERIVED.keys().isdisjoint(data):
            parts = {key: value for key, value in data.items() if key in DERIVED}
            data = {key: value for key, value in data.items() if key not in DERIVED}
        # pydantic 2.7 types the handler's result as Any (ModelWrapValidatorHandler came later).
        plan: Self = handler(data)
        later: dict[str, Callable[[], Any]] = {}
        for name, value in parts.items():
            if callable(value) and not isinstance(value, DERIVED[name]):
                later[name] = value
            else:
                plan.__dict__[name] = _part(name, value)
        if later:
            plan.__dict__[_LATER] = later
        return plan

    @computed_field  # type: ignore[prop-decorator]
    @cached_property
    def costs(self) -> Costs:
        """The expected hours and money of the plan's first year."""
        return self._derived("costs", Costs)

    @computed_field  # type: ignore[prop-decorator]
    @cached_property
    def schedule(self) -> Schedule:
        """What to do on which date over the horizon."""
        return self._derived("schedule", Schedule)

    def __getstate__(self) -> dict[Any, Any]:
        # A plan pickled (to a Dask worker's client, a process pool) carries its costs and
        # schedule, not the stages that make them, which hold the planner: results are data.
        if _LATER in self.__dict__:
            self.costs, self.schedule  # noqa: B018  (run the stages handed over)
        state: dict[Any, Any] = super().__getstate__()
        state["__dict__"] = {k: v for k, v in state["__dict__"].items() if k != _LATER}
        return state

    def _derived(self, name: str, kind: type[_T]) -> _T:
        make = self.__dict__.get(_LATER, {}).get(name)
        if make is None:
            raise EminenceError(
                f"this plan was made without its {name}: make plans with em.plan(profile) "
                "or read them with Plan.model_validate_json"
            )
        made = make()
        assert isinstance(made, kind)
        return made

    def summary(self) -> Summary:
        """The plan's decisions in a few kilobytes, for a browser or a language model.

        Each goal's dates and deadline chance, the focus, each venue's hours and start, the
        next four weeks of the schedule, the first year's costs and the notes; see `Summary`.
        It reads the plan and computes nothing new but the weekly sums.
        """
        profile = self.profile
        names = {goal.id: goal.name or goal.id for goal in profile.goals}
        costs = self.costs
        return Summary(
            profile=profile.name,
            start=profile.capacity.start,
            hours_per_week=profile.capacity.hours_per_week,
            seed=self.seed,
            goals=tuple(
                GoalSummary(
                    goal=goal.goal,
                    name=names.get(goal.goal, goal.goal),
                    expected_date=goal.expected_date,
                    p50=goal.p50,
                    p80=goal.p80,
                    p95=goal.p95,
                    deadline=goal.deadline,
                    chance_by_deadline=None
                    if goal.chance_by_deadline is None
                    else round(goal.chance_by_deadline, 3),
                    binding=goal.binding,
                    explanation=goal.explanation,
                )
                for goal in self.projections.goals
            ),
            venues=tuple(
                VenueSummary(
                    venue=venue.venue,
                    name=venue.name,
                    hours_per_week=_hours(venue.hours_per_week),
                    listening_from=venue.listening_from,
                    active_from=venue.active_from,
                )
                for venue in sorted(self.allocation.venues, key=lambda venue: -venue.hours_per_week)
                if venue.hours_per_week > 0
            ),
            weeks=week_summaries(self.schedule, self.schedule.start, SUMMARY_WEEKS),
            costs=CostSummary(
                weeks=costs.weeks,
                hours=_hours(costs.hours),
                money=round(costs.money, 2),
                total=round(costs.total, 2),
            ),
            focus=self.focus,
            notes=self.notes,
            leftover_money_per_year=None
            if self.allocation.leftover_money_per_year is None
            else round(self.allocation.leftover_money_per_year, 2),
        )

    def to_ical(self) -> bytes:
        """The schedule as an iCalendar file's bytes, to import or subscribe to.

        Needs the ``ical`` extra; the same plan gives the same bytes.
        """
        from eminence.planning.results.ical import schedule_ical

        return schedule_ical(self.schedule, self.profile.name)


def _hours(hours: float) -> float:
    return round(hours, 2)


def _part(name: str, value: Any) -> Costs | Schedule:
    """A plan's costs or schedule as read, its problems under the part's name."""
    try:
        return DERIVED[name].model_validate(value)
    except InvalidInputError as error:
        problems = [Problem(f"{name}.{p.path}", p.message) for p in error.problems]
        raise InvalidInputError(Plan.__name__, problems) from None
