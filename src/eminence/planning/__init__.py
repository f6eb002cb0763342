"""The planner: relevance, allocation of the weekly hours, events, listening, priorities."""

from eminence.planning.allocation import Split, allocate
from eminence.planning.planner import plan
from eminence.planning.response import marginal_response, response
from eminence.planning.results import (
    Allocation,
    Binding,
    Bound,
    EventChoice,
    GoalProjection,
    GoalShare,
    Note,
    NoteKind,
    Plan,
    Priorities,
    Priority,
    Projections,
    VenueHours,
    human_duration,
)

__all__ = (
    # entry point
    "plan",
    # array-level building blocks
    "Split",
    "allocate",
    "marginal_response",
    "response",
    # results
    "Allocation",
    "Binding",
    "Bound",
    "EventChoice",
    "GoalProjection",
    "GoalShare",
    "Note",
    "NoteKind",
    "Plan",
    "Priorities",
    "Priority",
    "Projections",
    "VenueHours",
    "human_duration",
)
