"""The planner: the one place that knows the pipeline's order and runs its stages.

compile the profile (rates, calendar, draws) → rank → choose what to say where → split the
hours and choose the events → project, with the schedule and the costs it books handed over
to run on first read; see ``docs/architecture.md``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import numpy as np

from eminence.errors import EminenceError
from eminence.model import Goal, Profile
from eminence.model._words import counted
from eminence.model.arguments import a_number, a_whole_number, an_instance
from eminence.model.profile import CHECKED
from eminence.planning.allocation.profiled import split_curve
from eminence.planning.budget import money_note, more_money
from eminence.planning.calendar import HORIZON_WEEKS as MAX_HORIZON_WEEKS
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.choice import choose, settle
from eminence.planning.content import plan_content
from eminence.planning.costs import plan_costs
from eminence.planning.events import ProjectionInputs
from eminence.planning.focus import ExpectedDates, focus_notes, plan_focus
from eminence.planning.held import passes
from eminence.planning.limits import YieldingEvent, what_binds
from eminence.planning.notes import stage_notes
from eminence.planning.paid_reach import paid_reach_notes
from eminence.planning.priorities import rank
from eminence.planning.projection import HORIZON_WEEKS, Projector, horizon_for
from eminence.planning.projection.ceiling import chance_ceiling
from eminence.planning.projection.forecast import forecast as forecast_of
from eminence.planning.projection.outcomes import chance_by_deadline
from eminence.planning.rates import RateModel
from eminence.planning.reach import CONFIDENCE, Reach, Scan, least_hours, levels, scan
from eminence.planning.results import Allocation, Costs, Plan, Projections, Schedule
from eminence.planning.results.forecast import Forecast, GoalForecast
from eminence.planning.scheduling import build_schedule
from eminence.planning.uncertainty import Draws

__all__ = (
    "RANKING_TRIALS",
    "TRIALS",
    "WORK",
    "Planner",
    "forecast",
    "most_trials",
    "work_per_trial",
    "plan",
)

TRIALS = 2_000
"""Draws of the estimates by default: a chance comes within about 2 % of its value; tail
dates such as P95 move more from seed to seed where few trials reach the target."""

WORK = 5 * 10**10
"""At most this many trials x goals x (venues + events) x weeks in one plan: the Monte
Carlo's work, bounded so that whatever the limits accept plans in under a minute on two
cores (`benchmarks/worst_case.py`), a rate goal counting for more (`_rate_work`). Every
profile the limits accept plans with the default trials over the longest horizon, but one
whose goals are mostly rates held over many periods."""

RANKING_TRIALS = 2_000
"""At most this many of the draws rank the venues: a chance of being in the top few comes
within about 2 % of its value, and more draws would only slow a large plan down."""


def plan(
    profile: Profile,
    *,
    seed: int = 0,
    trials: int = TRIALS,
    horizon_weeks: int = HORIZON_WEEKS,
) -> Plan:
    """Plan a profile: ranked venues and events, the weekly split, projections and notes.

    Deterministic for a given seed, which drives the draws of the estimates.

    Parameters
    ----------
    profile
        Who, for whom, where, what for, and with how many hours a week.
    seed
        Seed of the random draws: the same seed gives the same plan, to the byte.
    trials
        Draws of every estimate behind the projections; the ranking's chances use at most
        `RANKING_TRIALS` of them.
    horizon_weeks
        How far the projections look, at most 520 weeks (ten years); stretched to the latest
        deadline so that every chance of meeting one is computed in full.

    Examples
    --------
    >>> import eminence as em
    >>> plan = em.plan(em.example("consultant"))
    >>> round(sum(v.hours_per_week for v in plan.allocation.venues)
    ...       + plan.allocation.leftover_hours_per_week, 9)
    2.0
    """
    return Planner(profile, seed=seed, trials=trials, horizon_weeks=horizon_weeks).plan()


class Planner:
    """A profile made ready to plan at any hours per week, as a slider in a notebook does.

    Everything that does not depend on the hours is done once: the rates, the calendar, the
    draws of the estimates, the ranking and the topics per venue.
    ``planner.plan(hours_per_week=3)`` then equals ``plan(profile_with_3_hours)`` to the byte,
    at a fraction of the cost. What it compiled is only read by a replan, so threads may share
    one planner.

    Examples
    --------
    >>> import eminence as em
    >>> planner = em.Planner(em.example("executive"), trials=200)
    >>> [planner.plan(hours).allocation.hours_per_week for hours in (2, 4)]
    [2.0, 4.0]
    """

    def __init__(
        self,
        profile: Profile,
        *,
        seed: int = 0,
        trials: int = TRIALS,
        horizon_weeks: int = HORIZON_WEEKS,
    ) -> None:
        # Its cross-references are checked here, once: every plan then carries it, or a copy
        # at other hours (which no cross-reference reads), without checking them again.
        profile = Profile.model_validate(check_profile(profile))
        seed, trials, horizon_weeks = check_options(seed, trials, horizon_weeks)
        check_work(profile, trials, horizon_weeks)
        self.profile = profile
        self.seed = seed
        self.horizon_weeks = horizon_weeks
        self.model, self.calendar, self.projector = _compiled(profile, seed, trials, horizon_weeks)
        # Variants of the profile a what-if replans (without a goal, vanity only tracked, a
        # larger budget), compiled once each on first use; their expected dates need no draws.
        self._variants: dict[object, tuple[RateModel, WorkingCalendar, Projector]] = {}
        ranking_draws = Draws(self.model.table, seed, min(trials, RANKING_TRIALS))
        self.priorities = rank(self.model, ranking_draws)
        self.content = plan_content(profile)
        self._scans: dict[int, Scan] = {}
        # The scan's levels, each with the events chosen there: every goal scanned reads them.
        self._levels = levels(self.model.committed_hours)
        self._at_levels: dict[float, ProjectionInputs] = {}

    def plan(self, hours_per_week: float | None = None) -> Plan:
        """The plan at the profile's hours per week, or at ``hours_per_week`` instead."""
        profile = self.profile
        if hours_per_week is not None:
            hours_per_week = a_number("hours_per_week", hours_per_week, what="hours per week")
        if hours_per_week is not None and hours_per_week != profile.capacity.hours_per_week:
            capacity = profile.capacity.replace(hours_per_week=hours_per_week)
            profile = profile.model_copy(update={"capacity": capacity})
        allocation, inputs = self.allocation(profile.capacity.hours_per_week)
        projections = self.project(allocation, inputs)
        # The schedule and the costs it books are handed over as their stages, run on the
        # plan's frozen parts when first read: a slider that replans at every move never pays
        # for a schedule it does not show. Both read one schedule, made once.
        schedule = functools.cache(
            functools.partial(
                build_schedule,
                profile,
                self.priorities,
                self.content,
                allocation,
                projections.horizon_weeks,
            )
        )
        costs = functools.partial(_costs, self.model, allocation, self.projector, inputs, schedule)
        expected = self._expected_dates(profile.capacity.hours_per_week)
        focus = plan_focus(self.model, allocation, projections.goals, expected)
        richer = more_money(profile, allocation, projections.goals, expected)
        if richer:
            allocation = allocation.model_copy(update={"more_money": richer})
        notes = stage_notes(self.model, self.priorities, allocation, projections)
        notes += focus_notes(profile, focus) + money_note(profile, allocation)
        notes += paid_reach_notes(self.model, allocation)
        return Plan.model_validate(
            {
                "profile": profile,
                "seed": self.seed,
                "priorities": self.priorities,
                "content": self.content,
                "allocation": allocation,
                "projections": projections,
                "focus": focus,
                "notes": notes,
                "costs": costs,
                "schedule": schedule,
            },
            context={CHECKED: profile},
        )

    def allocation(self, hours_per_week: float) -> tuple[Allocation, ProjectionInputs]:
        """The split of ``hours_per_week`` and what the projection needs of it."""
        return choose(self.model, self.calendar, self.projector, hours_per_week)

    def project(
        self, allocation: Allocation, inputs: ProjectionInputs, goals: Sequence[int] | None = None
    ) -> Projections:
        """Every goal's projection (or those of ``goals``) at one split, each saying what binds
        it as the hours search of `reach` finds: hours only where some hours reach it."""
        projections = self.projector.project(inputs, goals)
        indices = range(len(self.model.goals)) if goals is None else goals
        explained = tuple(
            what_binds(
                projection,
                functools.partial(self.scan, g),
                allocation.hours_per_week,
                functools.partial(self._yielding_events, g, allocation),
            )
            for g, projection in zip(indices, projections.goals, strict=True)
        )
        return projections.model_copy(update={"goals": explained})

    def chance(self, g: int, hours_per_week: float) -> float:
        """Goal ``g``'s chance by its deadline (within the horizon without one) at these hours."""
        inputs = self._at_levels.get(hours_per_week)
        if inputs is None:
            # The events chosen at these hours, without writing the allocation up.
            inputs = settle(self.model, self.calendar, self.projector, hours_per_week).inputs
            if hours_per_week in self._levels:
                self._at_levels[hours_per_week] = inputs
        # Only the trials' weeks to the target, which `project` reads too: no band, no binding.
        ((reached, *_),) = self.projector.reached(inputs, [g], band=False)
        return chance_by_deadline(self.model.goals[g], self.projector.dates[0], reached) or 0.0

    def ceiling(self, g: int, hours_per_week: float) -> float:
        """The most goal ``g``'s chance by its deadline can be at any level of the scan up to
        ``hours_per_week``: each venue at the most hours any of those levels gives it."""
        below = [level for level in self._levels if level <= hours_per_week]
        splits = np.atleast_2d(self.projector.curve.hours(np.array(below or [hours_per_week])))
        return chance_ceiling(self.projector, g, splits.max(axis=0))

    def reach(self, g: int, confidence: float) -> Reach:
        """The least hours per week that reach goal ``g`` by its deadline with ``confidence``."""
        chance = functools.partial(self.chance, g)
        return least_hours(chance, self.model.committed_hours, confidence)

    def scan(self, g: int) -> Scan:
        """Whether any hours reach goal ``g`` by its deadline with `CONFIDENCE`, as `reach`
        would find: scanned once per planner, whatever hours it then plans, projecting only
        the levels whose chance could still change the answer."""
        if g not in self._scans:
            chance = functools.partial(self.chance, g)
            ceiling = functools.partial(self.ceiling, g)
            self._scans[g] = scan(chance, self.model.committed_hours, CONFIDENCE, ceiling)
        return self._scans[g]

    def _yielding_events(self, g: int, allocation: Allocation) -> list[YieldingEvent]:
        taken = {choice.event for choice in allocation.events if choice.taken}
        means = self.model.means()
        return [
            YieldingEvent(event.name or event.id, float(means[self.model.event_acceptance[e]]))
            for e, (_, event) in enumerate(self.model.events)
            if event.id in taken
            and means[self.model.event_yield[e, g]] * self.model.event_relevance[e, g] > 0
        ]

    def _expected_dates(self, hours_per_week: float) -> ExpectedDates:
        """Each goal's expected date in a variant of the profile at these hours, as planning
        the variant with this planner's seed and horizon gives it."""

        def expected(variant: Profile) -> tuple[GoalForecast, ...]:
            key = (
                tuple(goal.id for goal in variant.goals),
                variant.vanity,
                variant.capacity.money_per_year,
            )
            if key not in self._variants:
                self._variants[key] = _compiled(variant, self.seed, 0, self.horizon_weeks)
            model, calendar, projector = self._variants[key]
            inputs = settle(model, calendar, projector, hours_per_week).inputs
            return forecast_of(projector, inputs).goals

        return expected


def forecast(
    profile: Profile,
    *,
    seed: int = 0,
    trials: int = TRIALS,
    horizon_weeks: int = HORIZON_WEEKS,
) -> Forecast:
    """Each goal's dates and chances, as `plan` projects them, without the rest of the plan.

    The same stages run as in `plan` (compile, split and choose the events, project), so every
    number equals the plan's for the same seed and trials; the ranking, the band of progress,
    the costs, the notes and the schedule are left out, which is what a batch of thousands
    of profiles saves. ``trials=0`` draws nothing: only the closed-form expected dates.

    >>> import eminence as em
    >>> first = forecast(em.example("consultant"), trials=200).goals[0]
    >>> first.p80 == em.plan(em.example("consultant"), trials=200).projections.goals[0].p80
    True
    """
    check_profile(profile)
    seed, trials, horizon_weeks = check_options(seed, trials, horizon_weeks, least_trials=0)
    if trials:
        check_work(profile, trials, horizon_weeks)
    model, calendar, projector = _compiled(profile, seed, trials, horizon_weeks)
    inputs = settle(model, calendar, projector, profile.capacity.hours_per_week).inputs
    return forecast_of(projector, inputs)


def _costs(
    model: RateModel,
    allocation: Allocation,
    projector: Projector,
    inputs: ProjectionInputs,
    schedule: Callable[[], Schedule],
) -> Costs:
    """The first year's costs: the hours and money the schedule books, shared among the goals
    by the flows the projection lays out."""
    return plan_costs(model, allocation, projector.expected_flows(inputs), schedule())


def _compiled(
    profile: Profile, seed: int, trials: int, horizon_weeks: int
) -> tuple[RateModel, WorkingCalendar, Projector]:
    """The profile compiled to numbers: its rates, its calendar, and its projector."""
    model = RateModel(profile)
    calendar = WorkingCalendar(profile.capacity)
    projector = Projector(
        model,
        calendar,
        split_curve(model),
        Draws(model.table, seed, trials),
        seed=seed,
        horizon_weeks=horizon_for(profile, horizon_weeks),
    )
    return model, calendar, projector


def most_trials(profile: Profile, horizon_weeks: int = HORIZON_WEEKS) -> int:
    """The most trials the work budget `WORK` allows a plan of ``profile``."""
    return max(1, min(1_000_000, WORK // work_per_trial(profile, horizon_weeks)))


def work_per_trial(profile: Profile, horizon_weeks: int = HORIZON_WEEKS) -> int:
    """The work of one trial of a plan of ``profile``, in the units of `WORK`: each week of
    each goal's path, a unit per source (venue or event), and a rate goal's own."""
    sources = len(profile.venues) + len(profile.events)
    weeks = horizon_for(profile, horizon_weeks) + 1
    return sum(sources + _rate_work(goal) for goal in profile.goals) * weeks


def _rate_work(goal: Goal) -> int:
    """A rate goal's work each week of a trial beyond its sources', in the budget's units:
    its counts are drawn one week at a time (a hundred units), and each pass over its path
    that its periods take costs twelve (`held.passes`). Measured: thirty rate goals at their
    budget plan in about 20 s on two cores, whatever their periods and recent counts."""
    if goal.per is None:
        return 0
    return 100 + 12 * passes(goal.per.weeks, goal.held_for)


def check_work(profile: Profile, trials: int, horizon_weeks: int) -> None:
    """Refuse more trials than the work budget allows the profile, saying how many it does."""
    most = most_trials(profile, horizon_weeks)
    if trials > most:
        events = len(profile.events)
        rates = sum(goal.per is not None for goal in profile.goals)
        held = f" ({rates:,} of them rates held over periods)" if rates else ""
        raise EminenceError(
            f"trials={trials:,} is more work than one plan may take: with "
            f"{counted(len(profile.goals), 'goal')}{held}, "
            f"{counted(len(profile.venues), 'venue')} and {counted(events, 'event')} over "
            f"{horizon_for(profile, horizon_weeks)} weeks, at most {most:,} trials; ask for "
            "fewer, or plan fewer goals or venues at once"
        )


def check_profile(profile: object) -> Profile:
    """The profile a public call was given, or an error saying how to get one."""
    return an_instance(
        "profile", profile, Profile, "read one with em.load(path) or em.loads(document)"
    )


def check_options(
    seed: int, trials: int, horizon_weeks: int, *, least_trials: int = 1
) -> tuple[int, int, int]:
    """The seed, trials and horizon as plain ints: NumPy's integers are accepted, as they are
    exactly whole numbers; ``20.0`` and ``True`` are not. A forecast may draw no trials."""
    return (
        a_whole_number("seed", seed, least=0),
        a_whole_number("trials", trials, least=least_trials, most=1_000_000),
        a_whole_number(
            "horizon_weeks", horizon_weeks, least=1, most=MAX_HORIZON_WEEKS, note=" (ten years)"
        ),
    )
