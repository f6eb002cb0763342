"""The planner: relevance, allocation of the weekly hours, events, listening, priorities."""

from eminence.planning.allocation import Split, allocate
from eminence.planning.planner import Planner, forecast, plan
from eminence.planning.response import marginal_response, response
from eminence.planning.results import (
    Allocation,
    Binding,
    Bound,
    CadenceSource,
    Content,
    Costs,
    DateChange,
    EventChoice,
    EventCost,
    Focus,
    Forecast,
    GoalCost,
    GoalFocus,
    GoalForecast,
    GoalProjection,
    GoalShare,
    Note,
    NoteKind,
    Plan,
    Priorities,
    Priority,
    Progress,
    Projections,
    TopicChoice,
    VenueContent,
    VenueCost,
    VenueHours,
    human_duration,
)
from eminence.planning.results.schedule import ItemKind, Occurrence, Schedule, ScheduleItem
from eminence.planning.what_if import (
    Comparison,
    RequiredHours,
    Scenario,
    Sensitivity,
    SensitivityRow,
    compare,
    required_hours,
    sensitivity,
)

__all__ = (
    # entry points
    "plan",
    "Planner",
    "sensitivity",
    "required_hours",
    "compare",
    "forecast",
    # array-level building blocks
    "Split",
    "allocate",
    "marginal_response",
    "response",
    # results
    "Allocation",
    "Binding",
    "Bound",
    "CadenceSource",
    "Content",
    "EventChoice",
    "Forecast",
    "GoalForecast",
    "GoalProjection",
    "GoalShare",
    "Note",
    "NoteKind",
    "Plan",
    "Priorities",
    "Priority",
    "Progress",
    "Projections",
    "TopicChoice",
    "VenueContent",
    "VenueHours",
    "human_duration",
    # costs
    "Costs",
    "EventCost",
    "GoalCost",
    "VenueCost",
    # focus
    "DateChange",
    "Focus",
    "GoalFocus",
    # schedule
    "ItemKind",
    "Occurrence",
    "Schedule",
    "ScheduleItem",
    # what if
    "Comparison",
    "RequiredHours",
    "Scenario",
    "Sensitivity",
    "SensitivityRow",
)
