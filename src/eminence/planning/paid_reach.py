"""The note a bought audience earns: where the split puts money into paid reach, say what it
buys and what it cannot, in the essays' words of warning.

Buying an audience (ads, bought lists, sponsored posts) gathers followers, not clients who
reply, ask or refer; the essays call it no viable recipe. The planner counts those followers
toward reach goals only, and this note makes that visible wherever the split funds it.
"""

from __future__ import annotations

from eminence.model import _figures as figures
from eminence.planning.rates import RateModel
from eminence.planning.results import Allocation, Note, NoteKind

__all__ = ("paid_reach_notes",)


def paid_reach_notes(model: RateModel, allocation: Allocation) -> tuple[Note, ...]:
    """One note per paid-reach venue the split gives hours: what it buys, and what not."""
    notes = []
    for v, venue in enumerate(model.venues):
        split = allocation.venue(venue.id)
        if not venue.kind.is_paid_reach or split.hours_per_week <= 0:
            continue
        served = [
            repr(goal.name or goal.id)
            for g, goal in enumerate(model.goals)
            if model.venue_relevance[v, g] > 0 and model.venue_yield[v, g]
        ]
        notes.append(
            Note(
                kind=NoteKind.PAID_REACH,
                subject=venue.id,
                message=f"{venue.name or venue.id} buys an audience: "
                f"{figures.rate(split.contributions_per_week)} {venue.contribution}s a week, "
                f"bought at {figures.money(venue.cost_per_contribution)} each, add followers "
                f"to {' and '.join(served) or 'no goal'}, and to no engagement or value goal: "
                "a bought audience does not reply, ask or refer; "
                "what clients do comes from contributions worth their time where they gather",
            )
        )
    return tuple(notes)
