"""The planner: score the venues, split the hours, choose the events, phase in listening."""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Mapping

import numpy as np

from eminence.errors import EminenceError
from eminence.model import Event, Profile
from eminence.model._words import counted
from eminence.model.arguments import a_number, a_whole_number, an_instance
from eminence.planning.allocation import SplitCurve
from eminence.planning.calendar import HORIZON_WEEKS as MAX_HORIZON_WEEKS
from eminence.planning.calendar import WorkingCalendar
from eminence.planning.costs import plan_costs
from eminence.planning.events import Decision, EventCandidate, EventChooser, EventWindows
from eminence.planning.listening import phase_in
from eminence.planning.priorities import rank
from eminence.planning.projection import HORIZON_WEEKS, ProjectionInputs, Projector, horizon_for
from eminence.planning.rates import RateModel
from eminence.planning.response import marginal_response, response
from eminence.planning.results import (
    Allocation,
    Bound,
    CadenceSource,
    EventChoice,
    Note,
    NoteKind,
    Plan,
    Priorities,
    VenueHours,
)
from eminence.planning.scheduling import build_schedule
from eminence.planning.uncertainty import Draws

__all__ = (
    "RANKING_TRIALS",
    "TRIALS",
    "WORK",
    "Planner",
    "most_trials",
    "plan",
    "split_curve",
)

TRIALS = 2_000
"""Draws of the estimates by default: a chance comes within about 2 % of its value; tail
dates such as P95 move more from seed to seed where few trials reach the target."""

WORK = 5 * 10**10
"""At most this many trials x goals x (venues + events) x weeks in one plan: the Monte
Carlo's work, bounded so that whatever the limits accept plans in under a minute on two
cores (`benchmarks/worst_case.py`). Every profile the limits accept plans with the default
trials over the longest horizon."""

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
    draws of the estimates and the ranking. ``planner.plan(hours_per_week=3)`` then equals
    ``plan(profile_with_3_hours)`` to the byte, at a fraction of the cost. A planner keeps
    what it worked out for the last hours it planned, so give each thread its own.

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
        check_profile(profile)
        seed, trials, horizon_weeks = check_options(seed, trials, horizon_weeks)
        check_work(profile, trials, horizon_weeks)
        self.profile = profile
        self.seed = seed
        self.model = RateModel(profile)
        self.calendar = WorkingCalendar(profile.capacity)
        ranking_draws = Draws(self.model.table, seed, min(trials, RANKING_TRIALS))
        self.priorities = rank(self.model, ranking_draws)
        self.projector = Projector(
            self.model,
            self.calendar,
            split_curve(self.model),
            Draws(self.model.table, seed, trials),
            seed=seed,
            horizon_weeks=horizon_for(profile, horizon_weeks),
        )

    def plan(self, hours_per_week: float | None = None) -> Plan:
        """The plan at the profile's hours per week, or at ``hours_per_week`` instead."""
        profile = self.profile
        if hours_per_week is not None:
            hours_per_week = a_number("hours_per_week", hours_per_week, what="hours per week")
        if hours_per_week is not None and hours_per_week != profile.capacity.hours_per_week:
            capacity = profile.capacity.replace(hours_per_week=hours_per_week)
            profile = profile.model_copy(update={"capacity": capacity})
        allocation, inputs = self.allocation(profile.capacity.hours_per_week)
        projections = self.projector.project(inputs)
        # The costs follow from flows the projection has just laid out. The schedule is handed
        # over as its stage, run on the plan's frozen parts when first read: a slider that
        # replans at every move never pays for a schedule it does not show.
        schedule = functools.partial(
            build_schedule, profile, self.priorities, allocation, projections.horizon_weeks
        )
        return Plan.model_validate(
            {
                "profile": profile,
                "seed": self.seed,
                "priorities": self.priorities,
                "allocation": allocation,
                "projections": projections,
                "notes": _notes(self.model, self.priorities, allocation),
                "costs": plan_costs(self.model, allocation, self.projector.expected_flows(inputs)),
                "schedule": schedule,
            }
        )

    def allocation(self, hours_per_week: float) -> tuple[Allocation, ProjectionInputs]:
        """The split of ``hours_per_week`` and what the projection needs of it."""
        return _allocation(self.model, self.calendar, self.projector, hours_per_week)


def most_trials(profile: Profile, horizon_weeks: int = HORIZON_WEEKS) -> int:
    """The most trials the work budget `WORK` allows a plan of ``profile``."""
    sources = len(profile.venues) + sum(len(venue.events) for venue in profile.venues)
    weeks = horizon_for(profile, horizon_weeks) + 1
    return max(1, min(1_000_000, WORK // (len(profile.goals) * sources * weeks)))


def check_work(profile: Profile, trials: int, horizon_weeks: int) -> None:
    """Refuse more trials than the work budget allows the profile, saying how many it does."""
    most = most_trials(profile, horizon_weeks)
    if trials > most:
        events = sum(len(venue.events) for venue in profile.venues)
        raise EminenceError(
            f"trials={trials:,} is more work than one plan may take: with "
            f"{counted(len(profile.goals), 'goal')}, {counted(len(profile.venues), 'venue')} "
            f"and {counted(events, 'event')} over {horizon_for(profile, horizon_weeks)} weeks, "
            f"at most {most:,} trials; ask for fewer, or plan fewer goals or venues at once"
        )


def check_profile(profile: object) -> Profile:
    """The profile a public call was given, or an error saying how to get one."""
    return an_instance(
        "profile", profile, Profile, "read one with em.load(path) or em.loads(document)"
    )


def check_options(seed: int, trials: int, horizon_weeks: int) -> tuple[int, int, int]:
    """The seed, trials and horizon as plain ints: NumPy's integers are accepted, as they are
    exactly whole numbers; ``20.0`` and ``True`` are not."""
    return (
        a_whole_number("seed", seed, least=0),
        a_whole_number("trials", trials, least=1, most=1_000_000),
        a_whole_number(
            "horizon_weeks", horizon_weeks, least=1, most=MAX_HORIZON_WEEKS, note=" (ten years)"
        ),
    )


def split_curve(model: RateModel) -> SplitCurve:
    """The best split of any hours per week among the profile's venues, at the mean rates."""
    means = model.means()
    venues = model.venues
    # A venue whose rule has ended has no day left to contribute on: like an excluded one,
    # it takes no hours, whatever its minimum.
    pairs = list(zip(venues, model.out, strict=True))
    lower = np.array([0.0 if out else v.min_hours_per_week for v, out in pairs])
    upper = np.array(
        [
            0.0 if out else (v.max_hours_per_week if v.max_hours_per_week else np.inf)
            for v, out in pairs
        ]
    )
    gain = np.where(upper > 0, model.venue_gain_per_hour(means), 0.0)
    return SplitCurve(gain, model.venue_saturation_hours(means), lower=lower, upper=upper)


def _allocation(
    model: RateModel, calendar: WorkingCalendar, projector: Projector, total: float
) -> tuple[Allocation, ProjectionInputs]:
    means = model.means()
    gain = model.venue_gain_per_hour(means)
    saturation = model.venue_saturation_hours(means)
    split = projector.curve.split(total)
    hours = np.asarray(split.hours)
    contributions = model.venue_contributions(means, hours)
    progress = response(gain, saturation, hours)
    marginal = marginal_response(gain, saturation, hours)

    starts = phase_in(
        [venue.id for venue in model.venues],
        hours.tolist(),
        gain.tolist(),
        [venue.listening_hours for venue in model.venues],
        total,
        calendar,
    )
    # Whether an event owes its venue's listening is first judged on working weeks; where the
    # events then push a venue's listening past a taken event's proposal, on the projection's
    # dates. An event that would make some goal later and none sooner is refused. Either way
    # the events are chosen again: each round settles one more venue, or refuses every event
    # found to only delay.
    active_from: dict[str, dt.date | None] = {
        venue.id: start.active_from for venue, start in zip(model.venues, starts, strict=True)
    }
    refused: dict[str, str] = {}
    candidates = _candidates(model, means)
    split_margin = split.marginal_progress_per_hour
    chooser = EventChooser(candidates, EventWindows(candidates, calendar, total), split_margin)
    index = {candidate.event.id: e for e, candidate in enumerate(candidates)}
    rounds = len(model.events) + len(model.venues) + 1
    for round_ in range(rounds):
        taken = chooser.take(active_from, refused)
        owed = dict(sorted((index[event], hours) for event, hours in taken.items()))
        inputs = ProjectionInputs(
            hours_per_week=total,
            hours=hours,
            taken_events=tuple(sorted(owed)),
            listening_owed=owed,
        )
        dates = projector.phase_dates(inputs)
        late = _listening_late(model, owed, dates, active_from)
        if late and round_ < rounds - 1:
            active_from.update(late)
            continue
        trades, refusals = _trade_offs(model, projector, inputs, active_from)
        if not refusals:
            break
        refused.update(refusals)
    events = _events(candidates, chooser.decisions(), split_margin, trades)
    venues = tuple(
        VenueHours(
            venue=venue.id,
            name=venue.name or venue.id,
            hours_per_week=float(hours[v]),
            contributions_per_week=float(contributions[v]),
            progress_per_week=float(progress[v]),
            marginal_progress_per_hour=float(marginal[v]),
            bound=Bound.ENDED
            if model.ended[v]
            else _bound(
                venue.excluded, venue.min_hours_per_week, venue.max_hours_per_week, float(hours[v])
            ),
            listening_hours=venue.listening_hours,
            listening_from=listening_from,
            active_from=active_from,
        )
        for v, (venue, (listening_from, active_from)) in enumerate(
            zip(model.venues, dates, strict=True)
        )
    )
    allocation = Allocation(
        hours_per_week=total,
        venues=venues,
        events=events,
        leftover_hours_per_week=split.leftover_hours,
        marginal_progress_per_hour=split.marginal_progress_per_hour,
    )
    return allocation, inputs


def _listening_late(
    model: RateModel,
    owed: Mapping[int, float],
    dates: list[tuple[dt.date | None, dt.date | None]],
    active_from: dict[str, dt.date | None],
) -> dict[str, dt.date | None]:
    """Venues whose listening, as the projection dates it, ends after the proposal of a taken
    event there that owes none: when each really is ready (law 1)."""
    ready = {venue.id: end for venue, (_, end) in zip(model.venues, dates, strict=True)}
    late: dict[str, dt.date | None] = {}
    for e in sorted(owed):
        venue, event = model.events[e]
        if owed[e] > 0 or venue.id in late:
            continue
        end = ready[venue.id]
        if (end is None or end > _due(event)) and active_from.get(venue.id) != end:
            late[venue.id] = end
    return late


def _trade_offs(
    model: RateModel,
    projector: Projector,
    inputs: ProjectionInputs,
    active_from: Mapping[str, dt.date | None],
) -> tuple[dict[int, tuple[tuple[str, ...], str]], dict[str, str]]:
    """The goals each taken event makes later than skipping it would, with the days, and
    every taken event that makes some goal later and none sooner, with the reason to refuse
    it.

    An event is taken for the progress it brings all goals together; its preparation takes
    hours from the split, so a goal it serves less than the split did gets later. This is the
    one way more hours a week can make a goal later: when they let the plan take an event.
    The plan names the goals it trades, in days, so the choice is in plain sight (law 8). An
    event whose yield comes too late to make up for its hours delays goals and speeds none:
    the planner refuses it.
    """
    with_all, reached = projector.expected_outcomes(inputs)
    owed = dict(inputs.listening_owed)
    variants = [_without(model, owed, e, active_from) for e in inputs.taken_events]
    weeks_without, reached_without = projector.expected_outcomes_without(inputs, variants)
    outcomes = zip(weeks_without, reached_without, strict=True)
    trades: dict[int, tuple[tuple[str, ...], str]] = {}
    refusals: dict[str, str] = {}
    with_it = _days(with_all)
    for e, (weeks, level) in zip(inputs.taken_events, outcomes, strict=True):
        # Compared in days, as the dates are shown; a goal out of reach either way by the
        # level it reaches within the horizon.
        without = _days(weeks)
        later = [g for g in range(len(model.goals)) if with_it[g] > without[g]]
        if not later:
            continue
        delays = ", ".join(_lateness(model.goals[g].id, with_all[g] - weeks[g]) for g in later)
        trades[e] = tuple(model.goals[g].id for g in later), delays
        helped = [
            with_it[g] < without[g]
            or (math.isinf(with_it[g]) and math.isinf(without[g]) and reached[g] > level[g])
            for g in range(len(model.goals))
        ]
        if not any(helped):
            refusals[model.events[e][1].id] = (
                f"its preparation would make {delays} and no goal sooner, so skipping it is better"
            )
    return trades, refusals


def _without(
    model: RateModel,
    owed: Mapping[int, float],
    skipped: int,
    active_from: Mapping[str, dt.date | None],
) -> dict[int, float]:
    """The events taken, each with the listening it owes, if the plan skipped one: listening
    the skipped event owed passes to the next event at its venue, unless the split has the
    venue heard by then."""
    taken = dict(owed)
    listening = taken.pop(skipped)
    venue = model.events[skipped][0]
    if listening > 0:
        siblings = [e for e in taken if model.events[e][0].id == venue.id]
        if siblings:
            heir = min(siblings, key=lambda e: (_due(model.events[e][1]), model.events[e][1].id))
            ready = active_from.get(venue.id)
            if ready is None or ready > _due(model.events[heir][1]):
                taken[heir] = venue.listening_hours
    return taken


def _due(event: Event) -> dt.date:
    return event.proposal_deadline or event.date


def _days(weeks: np.ndarray) -> list[float]:
    """Weeks as whole days, the way dates show them (inf stays inf)."""
    return [math.inf if math.isinf(w) else float(round(w * 7)) for w in weeks.tolist()]


def _lateness(goal: str, weeks: float) -> str:
    if math.isinf(weeks):
        return f"{goal!r} miss the horizon"
    days = max(1, round(weeks * 7))
    return f"{goal!r} about {days} day{'s' if days > 1 else ''} later"


def _bound(excluded: bool, lower: float, upper: float | None, hours: float) -> Bound:
    tolerance = 1e-9 * max(1.0, hours)
    if excluded:
        return Bound.EXCLUDED
    if upper is not None and upper - lower <= tolerance:
        return Bound.LOCKED
    if upper is not None and hours >= upper - tolerance:
        return Bound.UPPER
    if hours <= lower + tolerance:
        return Bound.LOWER
    return Bound.FREE


def _candidates(model: RateModel, means: np.ndarray) -> list[EventCandidate]:
    """Every event, scored at the estimates' means."""
    progress = model.event_progress(means)
    hours = model.event_hours(means)
    per_hour = model.event_progress_per_hour(means)
    preparation = means[model.event_preparation]
    return [
        EventCandidate(
            venue=venue,
            event=event,
            expected_progress=float(progress[e]),
            expected_hours=float(hours[e]),
            progress_per_hour=float(per_hour[e]),
            preparation_hours=float(preparation[e]),
            listening_hours=venue.listening_hours,
        )
        for e, (venue, event) in enumerate(model.events)
    ]


def _events(
    candidates: list[EventCandidate],
    decisions: Mapping[str, Decision],
    marginal: float,
    trades: Mapping[int, tuple[tuple[str, ...], str]],
) -> tuple[EventChoice, ...]:
    """Every event as the last round decided it, each taken one with the goals it trades."""
    choices = []
    for e, candidate in enumerate(candidates):
        decision = decisions[candidate.event.id]
        reason = decision.reason or (
            f"it earns {candidate.progress_per_hour:.3%} of the goals per hour, more than "
            f"the {marginal:.3%} the weekly split earns with that hour"
        )
        later, delays = trades.get(e, ((), ""))
        choices.append(
            EventChoice(
                venue=candidate.venue.id,
                event=candidate.event.id,
                name=candidate.event.name or candidate.event.id,
                date=candidate.event.date,
                proposal_deadline=candidate.event.proposal_deadline,
                taken=decision.reason is None,
                listening_hours=decision.listening_hours,
                expected_hours=candidate.expected_hours,
                expected_progress=candidate.expected_progress,
                progress_per_hour=candidate.progress_per_hour,
                reason=f"{reason}; its preparation makes {delays}" if later else reason,
                later_goals=later,
            )
        )
    return tuple(choices)


def _notes(model: RateModel, priorities: Priorities, allocation: Allocation) -> tuple[Note, ...]:
    profile = model.profile
    notes: list[Note] = []
    for goal in profile.goals:
        metric = profile.metric(goal.metric)
        if metric.kind.is_vanity:
            notes.append(
                Note(
                    kind=NoteKind.VANITY_GOAL,
                    subject=goal.id,
                    message=f"{goal.name or goal.id!r} counts {metric.kind.value}: effort and "
                    "attention, not value to clients; pair it with an engagement or value goal",
                )
            )
    served = [
        {share.goal for share in item.by_goal if share.progress_per_hour > 0}
        for item in priorities.items
    ]
    for goal in profile.goals:
        if not any(goal.id in goals for goals in served):
            notes.append(
                Note(
                    kind=NoteKind.UNSERVED_GOAL,
                    subject=goal.id,
                    message=f"no venue or event yields {goal.metric!r} among the segments of "
                    f"{goal.name or goal.id!r}: it cannot progress; add a venue where those "
                    "clients gather, or a yield for that metric",
                )
            )
    for choice in allocation.events:
        if choice.later_goals:
            notes.append(
                Note(
                    kind=NoteKind.TRADED_GOAL,
                    subject=choice.event,
                    message=f"{choice.name} ({choice.date.isoformat()}) is taken for the goals "
                    f"together, though {choice.reason.rpartition('; ')[2]}",
                )
            )
        if not choice.taken:
            notes.append(
                Note(
                    kind=NoteKind.DROPPED_EVENT,
                    subject=choice.event,
                    message=f"{choice.name} ({choice.date.isoformat()}) is left out: "
                    f"{choice.reason}",
                )
            )
    if allocation.leftover_hours_per_week > 1e-9:
        gaining = any(item.progress_per_hour > 0 for item in priorities.items if not item.event)
        cause = (
            "every venue that gains is at its maximum; add venues or raise maximums"
            if gaining
            else "no venue in the plan gains from an hour; add venues where the clients gather"
        )
        notes.append(
            Note(
                kind=NoteKind.IDLE_HOURS,
                message=f"{allocation.leftover_hours_per_week:.2f} h/week cannot be placed: "
                + cause,
            )
        )
    for venue_hours in allocation.venues:
        if venue_hours.hours_per_week > 0 and venue_hours.active_from is None:
            notes.append(
                Note(
                    kind=NoteKind.LATE_START,
                    subject=venue_hours.venue,
                    message=f"{venue_hours.name} would start only after the ten-year horizon: "
                    "its listening takes too long at these hours",
                )
            )
    for venue, ended in zip(model.venues, model.ended, strict=True):
        if ended:
            notes.append(
                Note(
                    kind=NoteKind.ENDED_RULE,
                    subject=venue.id,
                    message=f"{venue.name or venue.id} takes no weekly hours: its rrule "
                    f"({venue.rrule}, counted from {profile.rule_anchor(venue).isoformat()}) "
                    f"has no available day from {profile.capacity.start.isoformat()} on; give "
                    "it a new rrule without rrule_start to contribute there again",
                )
            )
    for venue, cadence in zip(model.venues, model.cadences, strict=True):
        if cadence.source is CadenceSource.TYPICAL and allocation.venue(venue.id).hours_per_week:
            notes.append(
                Note(
                    kind=NoteKind.ASSUMED_CADENCE,
                    subject=venue.id,
                    message=f"{venue.name or venue.id} gives no cadence and no peer is active "
                    f"there: assumed the typical {counted(cadence.per_week, 'contribution')} a "
                    f"week for a {venue.kind.value.replace('_', ' ')}",
                )
            )
    return tuple(notes)
