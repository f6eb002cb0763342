"""The planner: relevance, allocation of the weekly hours, events, listening, priorities."""

from eminence.planning.allocation import Split, allocate
from eminence.planning.planner import plan
from eminence.planning.response import marginal_response, response
from eminence.planning.results import (
    Allocation,
    Bound,
    EventChoice,
    GoalShare,
    Note,
    NoteKind,
    Plan,
    Priorities,
    Priority,
    VenueHours,
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
    "Bound",
    "EventChoice",
    "GoalShare",
    "Note",
    "NoteKind",
    "Plan",
    "Priorities",
    "Priority",
    "VenueHours",
)
