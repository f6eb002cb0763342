"""Focus: how much the goals compete for the weekly hours, and what relieving them buys.

Each venue's hours are shared among the goals that steer in proportion to the progress each
makes there (at the estimates' means, as the split was made). A goal whose hours sit where
the others' do competes little; one on venues of its own takes hours the others cannot use.
What dropping the weakest goal, or tracking vanity goals without letting them steer, would
buy is measured by replanning that variant of the profile: the planner hands this stage the
replan, seen here only as `ExpectedDates`, so the stage never imports the planner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.model.goals import Vanity
from eminence.planning.rates import RateModel
from eminence.planning.results import Allocation, GoalProjection, Note, NoteKind
from eminence.planning.results.focus import DateChange, Focus, GoalFocus
from eminence.planning.results.projections import human_duration

__all__ = (
    "Expected",
    "ExpectedDates",
    "change_in_words",
    "date_changes",
    "focus_notes",
    "plan_focus",
)


class Expected(Protocol):
    """A goal's expected weeks and date, as a projection or a forecast gives them."""

    @property
    def goal(self) -> str: ...

    @property
    def expected_weeks(self) -> float | None: ...

    @property
    def expected_date(self) -> dt.date | None: ...


class ExpectedDates(Protocol):
    """What the focus asks of the planner: each goal's expected date in a variant of the
    profile, at the plan's hours, seed and horizon (the variant's goals, in order)."""

    def __call__(self, variant: Profile) -> Sequence[Expected]: ...


def plan_focus(
    model: RateModel,
    allocation: Allocation,
    projections: Sequence[GoalProjection],
    expected: ExpectedDates,
) -> Focus:
    """The focus of the split, and the trade-offs a person would weigh against it."""
    profile = model.profile
    shares, distances = _measure(model, allocation)
    with_hours = [g for g, share in enumerate(shares) if share > 0]
    score = (
        1.0
        if len(with_hours) < 2
        else min(1.0, max(0.0, sum(shares[g] * (1.0 - distances[g]) for g in with_hours)))
    )
    goals = tuple(
        GoalFocus(
            goal=goal.id,
            steers=model.steering[g],
            hours_share=min(1.0, shares[g]),
            distance=distances[g] if shares[g] > 0 else None,
        )
        for g, goal in enumerate(model.goals)
    )
    focus = Focus(score=score, goals=goals)
    updates: dict[str, object] = {}
    if focus.scattered:
        weakest = min(
            with_hours,
            key=lambda g: (model.goals[g].priority, -distances[g], model.goals[g].id),
        )
        kept = tuple(goal for g, goal in enumerate(model.goals) if g != weakest)
        updates["weakest"] = model.goals[weakest].id
        updates["without_weakest"] = date_changes(
            projections, expected(profile.model_copy(update={"goals": kept}))
        )
    vanity = [profile.metric(goal.metric).kind.is_vanity for goal in profile.goals]
    if profile.vanity is Vanity.STEER and any(vanity) and not all(vanity):
        tracked = expected(profile.model_copy(update={"vanity": Vanity.TRACK}))
        updates["vanity_cost"] = date_changes(
            [p for p, is_vanity in zip(projections, vanity, strict=True) if not is_vanity],
            [p for p, is_vanity in zip(tracked, vanity, strict=True) if not is_vanity],
        )
    return focus.model_copy(update=updates) if updates else focus


def _measure(model: RateModel, allocation: Allocation) -> tuple[list[float], list[float]]:
    """Each goal's share of the split's hours, and its distance from the other goals' hours:
    one minus the overlap of the two, venue by venue, each as shares of its own hours."""
    progress = model.venue_goal_yield(model.means()) * model.goal_scale
    per_venue = progress.sum(axis=-1, keepdims=True)
    served = np.divide(progress, per_venue, out=np.zeros_like(progress), where=per_venue > 0)
    hours = np.array([venue.hours_per_week for venue in allocation.venues])
    by_goal = hours[:, np.newaxis] * served
    goal_hours = by_goal.sum(axis=0)
    placed = float(goal_hours.sum())
    if placed <= 0:
        return [0.0] * len(model.goals), [0.0] * len(model.goals)
    distances = []
    for g, own in enumerate(goal_hours.tolist()):
        others = placed - own
        if own <= 0 or others <= 0:
            distances.append(0.0)
            continue
        overlap = np.minimum(by_goal[:, g] / own, (by_goal.sum(axis=1) - by_goal[:, g]) / others)
        distances.append(min(1.0, max(0.0, 1.0 - float(overlap.sum()))))
    return (goal_hours / placed).tolist(), distances


def date_changes(
    planned: Sequence[Expected], what_if: Sequence[Expected]
) -> tuple[DateChange, ...]:
    """Each planned goal's expected date beside the what-if's."""
    instead = {projection.goal: projection for projection in what_if}
    return tuple(
        _change_of(projection, instead[projection.goal])
        for projection in planned
        if projection.goal in instead
    )


def _change_of(planned: Expected, what_if: Expected) -> DateChange:
    before, after = planned.expected_weeks, what_if.expected_weeks
    return DateChange(
        goal=planned.goal,
        planned_weeks=before,
        planned_date=planned.expected_date,
        what_if_weeks=after,
        what_if_date=what_if.expected_date,
        weeks_saved=None if before is None or after is None else before - after,
    )


def focus_notes(profile: Profile, focus: Focus) -> tuple[Note, ...]:
    """The notes a person should read: goals that scatter the hours, vanity that steers."""
    notes = []
    names = {goal.id: repr(goal.name or goal.id) for goal in profile.goals}
    if focus.weakest is not None:
        weakest = profile.goal(focus.weakest)
        distance = focus.goal(weakest.id).distance or 0.0
        gains = [change_in_words(change, names) for change in focus.without_weakest]
        notes.append(
            Note(
                kind=NoteKind.SCATTERED_GOALS,
                subject=weakest.id,
                message=f"the goals scatter the hours (focus {figures.quantity(focus.score)}, 1 "
                f"when every hour serves every goal): {names[weakest.id]} is the weakest "
                f"(priority {figures.quantity(weakest.priority)}, its venues "
                f"{figures.chance(distance)} apart from the others'); "
                "dropping or deferring it brings "
                + (", ".join(gain for gain in gains if gain) or "no other goal sooner"),
            )
        )
    delays = [_delay(change, names) for change in focus.vanity_cost if _sooner(change)]
    if delays:
        vanity = [goal for goal in profile.goals if profile.metric(goal.metric).kind.is_vanity]
        kinds = " and ".join(sorted({profile.metric(goal.metric).kind.value for goal in vanity}))
        single = len(vanity) == 1
        notes.append(
            Note(
                kind=NoteKind.VANITY_COST,
                subject=vanity[0].id if single else None,
                message=f"the {kinds} {'goal' if single else 'goals'} "
                f"{' and '.join(names[goal.id] for goal in vanity)} "
                f"{'delays' if single else 'delay'} {' and '.join(delays)}: tracked but not "
                "steering (vanity = 'track'), vanity goals are projected and reported and "
                "take no hours",
            )
        )
    return tuple(notes)


def _sooner(change: DateChange) -> bool:
    """Whether the what-if reaches the goal on an earlier date, or at all."""
    if change.what_if_date is None:
        return False
    return change.planned_date is None or change.what_if_date < change.planned_date


def _delay(change: DateChange, names: dict[str, str]) -> str:
    """How much later the plan reaches a goal than the what-if does, in words."""
    name = names[change.goal]
    assert change.what_if_date is not None
    if change.planned_date is None:
        return f"{name} past the horizon (else by {change.what_if_date.isoformat()})"
    return f"{name} by {human_duration(change.weeks_saved)}"


def change_in_words(change: DateChange, names: dict[str, str]) -> str:
    """What the what-if does to one goal's expected date, in words; empty for nothing."""
    name = names[change.goal]
    if change.planned_date is None and change.what_if_date is not None:
        return f"{name} by {change.what_if_date.isoformat()} instead of past the horizon"
    if change.what_if_date is None and change.planned_date is not None:
        return f"{name} past the horizon instead of by {change.planned_date.isoformat()}"
    saved = change.weeks_saved
    if saved is None or change.planned_date == change.what_if_date:
        return ""
    return f"{name} {human_duration(abs(saved))} {'sooner' if saved > 0 else 'later'}"
