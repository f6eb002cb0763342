"""The profile from the day after today: what the log taught, what is left of each goal,
event and listening."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np

from eminence.errors import VanityGoalWarning
from eminence.model import Estimate, Profile
from eminence.model import _figures as figures
from eminence.model.venues import MIN_EFFORT_HOURS
from eminence.planning.held import reached_week, weeks_to_recall
from eminence.planning.progress import Ledger
from eminence.planning.tracking.learnt import YieldEvidence


def _updated(
    profile: Profile,
    ledger: Ledger,
    yields: tuple[YieldEvidence, ...],
    paths: dict[str, np.ndarray],
    today: dt.date,
) -> tuple[Profile | None, tuple[str, ...]]:
    """The profile from tomorrow, with what the log taught; None when every goal is reached."""
    tomorrow = today + dt.timedelta(days=1)
    data = profile.model_dump(mode="json", exclude_defaults=True)
    changes: list[str] = []
    learnt = {(item.venue, item.metric): item for item in yields if item.updated}
    for v, venue in enumerate(profile.venues):
        venue_data = data["venues"][v]
        for (venue_id, metric), item in learnt.items():
            if venue_id == venue.id:
                venue_data.setdefault("yields", {})[metric] = item.posterior.model_dump()
        left = round(ledger.listening_left[v], 6)
        if left < venue.listening_hours:
            venue_data["listening_hours"] = left
            changes.append(
                f"{venue.name or venue.id}: {figures.hours(left)} of "
                f"{figures.hours(venue.listening_hours)} listening hours left"
            )
        written = dict(zip((e.id for e in venue.events), venue_data.get("events", []), strict=True))
        events = []
        for event in profile.editions(venue):
            if event.date < tomorrow:
                changes.append(f"{event.name or event.id}: past, left out")
                continue
            spent = ledger.event_hours.get(event.id, 0.0)
            if event.id not in written and spent <= 0:
                continue  # an edition its recurring event repeats from tomorrow as it was
            # An edition with work done is written out, and so stands for itself from now on.
            event_data = written.get(event.id) or event.model_dump(
                mode="json", exclude_defaults=True
            )
            if spent > 0:
                event_data["preparation_hours"] = Estimate(
                    low=max(event.preparation_hours.low - spent, MIN_EFFORT_HOURS),
                    likely=max(event.preparation_hours.likely - spent, MIN_EFFORT_HOURS),
                    high=max(event.preparation_hours.high - spent, MIN_EFFORT_HOURS),
                ).model_dump()
                changes.append(
                    f"{event.name or event.id}: {figures.hours(spent)} h of preparation done"
                    + (
                        "; the proposal is taken as sent"
                        if event.proposal_deadline and event.proposal_deadline < tomorrow
                        else ""
                    )
                )
                if event.proposal_deadline and event.proposal_deadline < tomorrow:
                    event_data.pop("proposal_deadline", None)
            events.append(event_data)
        events += [written[event.id] for event in venue.events if event.recurrence is not None]
        if venue.events:
            venue_data["events"] = events
        if venue.rrule is not None:
            # The rule keeps counting from where the plan counted it: the same dates, COUNT
            # and INTERVAL weeks from tomorrow on, and no error once its days are past.
            venue_data["rrule_start"] = profile.rule_anchor(venue).isoformat()
    goals = []
    for goal, goal_data in zip(profile.goals, data["goals"], strict=True):
        achieved = float(paths[goal.id][-1]) if len(paths[goal.id]) else goal.starting_level
        if profile.metric(goal.metric).is_stock:
            goal_data["starting_level"] = achieved
        elif goal.is_rate:
            # A rate is no amount to lower: held in the log it is reached, else it must
            # hold in the periods still to come, which count what the log's last weeks hold.
            cumulative = np.concatenate(([0.0], paths[goal.id]))
            if reached_week(goal, cumulative) is not None:
                changes.append(f"{goal.name or goal.id}: rate held, left out of the re-forecast")
                continue
            weekly = [*goal.recent_counts, *np.diff(cumulative).tolist()]
            goal_data["recent_counts"] = weekly[-weeks_to_recall(goal) :]
        elif goal.target - achieved < 1e-3:
            changes.append(f"{goal.name or goal.id}: reached, left out of the re-forecast")
            continue
        else:
            goal_data["target"] = goal.target - achieved
        if goal.deadline is not None and goal.deadline <= tomorrow:
            goal_data.pop("deadline")
            changes.append(f"{goal.name or goal.id}: deadline {goal.deadline} passed")
        goals.append(goal_data)
    if not goals:
        return None, tuple(changes)
    data["goals"] = goals
    data["capacity"]["start"] = tomorrow.isoformat()
    with warnings.catch_warnings():
        # The profile already warned about its vanity goals; the log adds none.
        warnings.simplefilter("ignore", VanityGoalWarning)
        updated = Profile.model_validate(data)
    for venue in updated.venues:
        if not venue.excluded and updated.rule_ended(venue) and not profile.rule_ended(venue):
            changes.append(
                f"{venue.name or venue.id}: its rrule has no day left from {tomorrow}; "
                "no weekly hours there from now"
            )
    return updated, tuple(changes)
