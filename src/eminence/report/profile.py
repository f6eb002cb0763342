"""A profile at a glance: who the clients are, where they gather, what is wanted, and when."""

from __future__ import annotations

from eminence.model import Profile
from eminence.model._words import counted
from eminence.report.blocks import Document, Section, Table

__all__ = ("profile_document",)

_NEEDS_SHOWN = 3


def profile_document(profile: Profile) -> Document:
    """Segments, venues, events and goals, one table each."""
    capacity = profile.capacity
    title = (
        f"Profile of {profile.name}: {capacity.hours_per_week:g} h/week "
        f"from {capacity.start.isoformat()}"
    )
    segments = Table(
        ["segment", "size", "needs most"],
        [
            (
                segment.name or segment.id,
                f"{segment.size:,}",
                ", ".join(
                    f"{topic} {importance:g}"
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
                f"{venue.effort_hours.likely:g}",
                f"{venue.listening_hours:g}",
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
                f"{goal.target:,.6g}",
                goal.deadline.isoformat() if goal.deadline else "-",
                f"{goal.priority:g}",
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
                    f"{event.preparation_hours.likely:g}",
                )
                for venue, event in profile.events
            ],
        )
        sections.append(Section("Events", [events]))
    sections.append(Section("Goals", [goals]))
    return Document(title, sections)
