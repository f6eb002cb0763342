"""A readable summary of a profile: who, what for, where, with how much time."""

from __future__ import annotations

from eminence.model import Profile
from eminence.report.table import text_table

__all__ = ("profile_text",)


def profile_text(profile: Profile) -> str:
    """Summarise a profile in a few aligned tables."""
    capacity = profile.capacity
    head = [
        profile.name,
        f"{capacity.hours_per_week:g} hours a week from {capacity.start.isoformat()}"
        + (f" ({capacity.time_zone})" if capacity.time_zone else ""),
    ]
    segments = text_table(
        ["segment", "clients", "top needs"],
        [
            (
                segment.name or segment.id,
                segment.size,
                ", ".join(
                    topic
                    for topic, _ in sorted(segment.needs.items(), key=lambda item: -item[1])[:3]
                ),
            )
            for segment in profile.segments
        ],
    )
    venues = text_table(
        ["venue", "kind", "h/contribution", "listening h", "events"],
        [
            (
                venue.name or venue.id,
                venue.kind.value.replace("_", " "),
                venue.effort_hours.likely,
                venue.listening_hours,
                len(venue.events),
            )
            for venue in profile.venues
        ],
    )
    goals = text_table(
        ["goal", "metric", "target", "deadline"],
        [
            (
                goal.name or goal.id,
                goal.metric,
                goal.target,
                goal.deadline.isoformat() if goal.deadline else "-",
            )
            for goal in profile.goals
        ],
        footnote=f"{len(profile.goals)} goals, {len(profile.venues)} venues, "
        f"{len(profile.segments)} segments",
    )
    return "\n\n".join(["\n".join(head), segments, venues, goals])
