"""A profile at a glance: who the clients are, where they gather, what is wanted, and when."""

from __future__ import annotations

from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.model._words import counted
from eminence.report.blocks import Document, Section, Table

__all__ = ("profile_document",)

_NEEDS_SHOWN = 3


def profile_document(profile: Profile) -> Document:
    """Segments, venues, events and goals, one table each."""
    capacity = profile.capacity
    title = (
        f"Profile of {profile.name}: {figures.hours_per_week(capacity.hours_per_week)} h/week "
        f"from {capacity.start.isoformat()}"
    )
    segments = Table(
        ["segment", "size", "needs most"],
        [
            (
                segment.name or segment.id,
                f"{segment.size:,}",
                ", ".join(
                    f"{topic} {figures.quantity(importance)}"
                    for topic, importance in sorted(
                        segment.needs.items(), key=lambda need: -need[1]
                    )[:_NEEDS_SHOWN]
                ),
            )
            for segment in profile.segments
        ],
    )
    venues = Table(
        ["venue", "kind", "contribution", "effort h", "listening h", "events"],
        [
            (
                venue.name or venue.id,
                venue.kind.value.replace("_", " "),
                venue.contribution,
                figures.hours(venue.effort_hours.likely),
                figures.hours(venue.listening_hours),
                len(profile.editions(venue)),
            )
            for venue in profile.venues
        ],
        footnote="effort h: the likely hours one contribution takes",
    )
    goals = Table(
        ["goal", "metric", "target", "deadline", "priority"],
        [
            (
                goal.name or goal.id,
                goal.metric,
                figures.quantity(goal.target),
                goal.deadline.isoformat() if goal.deadline else "-",
                figures.quantity(goal.priority),
            )
            for goal in profile.goals
        ],
        footnote=", ".join(
            counted(len(parts), noun)
            for parts, noun in (
                (profile.topics, "topic"),
                (profile.segments, "segment"),
                (profile.venues, "venue"),
                (profile.events, "event"),
                (profile.goals, "goal"),
                (profile.peers, "peer"),
            )
        ),
    )
    sections = [Section("Segments", [segments]), Section("Venues", [venues])]
    if profile.events:
        events = Table(
            ["event", "venue", "date", "proposal due", "preparation h"],
            [
                (
                    event.name or event.id,
                    venue.name or venue.id,
                    event.date.isoformat(),
                    event.proposal_deadline.isoformat() if event.proposal_deadline else "-",
                    figures.hours(event.preparation_hours.likely),
                )
                for venue, event in profile.events
            ],
        )
        sections.append(Section("Events", [events]))
    sections.append(Section("Goals", [goals]))
    return Document(title, sections)
