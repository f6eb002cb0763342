"""What the planner returns, stage by stage: frozen records that hold what was computed.

Nothing here plans. Each stage of the pipeline (see ``docs/architecture.md``) returns one of
these records, and `Plan` gathers them; a plan read back from its JSON is the same plan,
without planning again.

* ranking: `Priorities` of `Priority` items, each with its `GoalShare` and `CadenceSource`
* content: `Content` of `VenueContent`, each with its `TopicChoice` (what to speak to)
* split and events: `Allocation` of `VenueHours` (each with its `Bound`) and `EventChoice`
* projection: `Projections` of `GoalProjection`, each with its `Progress` and `Binding`;
  without the plan around it, a `Forecast` of `GoalForecast`
* schedule: `Schedule` of `ScheduleItem` (`ItemKind`), read as dated `Occurrence`
* costs: `Costs` by `VenueCost`, `EventCost` and `GoalCost`
* focus: `Focus` of `GoalFocus`, with each trade-off's `DateChange`
* the whole: `Plan` with its `Note` (`NoteKind`), and its `Summary`
* a team: `TeamPlan` of `Assignment` (`Declined`), `ExpertPlan`, `FirmGoalProjection` and
  `ExtraHour`; `TeamWeeks` (`TeamWeek`, `ExpertWeek`), who does what week by week
"""

from eminence.planning.results.allocation import Allocation, Bound, EventChoice, VenueHours
from eminence.planning.results.content import Content, TopicChoice, VenueContent
from eminence.planning.results.costs import Costs, EventCost, GoalCost, VenueCost
from eminence.planning.results.focus import DateChange, Focus, GoalFocus
from eminence.planning.results.forecast import Forecast, GoalForecast
from eminence.planning.results.notes import Note, NoteKind
from eminence.planning.results.plan import Plan
from eminence.planning.results.priorities import CadenceSource, GoalShare, Priorities, Priority
from eminence.planning.results.projections import (
    Binding,
    GoalProjection,
    Progress,
    Projections,
    RateProgress,
    human_duration,
)
from eminence.planning.results.schedule import ItemKind, Occurrence, Schedule, ScheduleItem
from eminence.planning.results.summary import Summary
from eminence.planning.results.team import (
    Assignment,
    Declined,
    ExpertPlan,
    ExpertWeek,
    ExtraHour,
    FirmGoalProjection,
    TeamPlan,
    TeamWeek,
    TeamWeeks,
)

__all__ = (
    "Allocation",
    "Assignment",
    "Declined",
    "ExpertPlan",
    "ExpertWeek",
    "ExtraHour",
    "FirmGoalProjection",
    "TeamPlan",
    "TeamWeek",
    "TeamWeeks",
    "Binding",
    "Bound",
    "CadenceSource",
    "Content",
    "Costs",
    "DateChange",
    "EventChoice",
    "EventCost",
    "Focus",
    "Forecast",
    "GoalCost",
    "GoalFocus",
    "GoalForecast",
    "GoalProjection",
    "GoalShare",
    "ItemKind",
    "Note",
    "NoteKind",
    "Occurrence",
    "Plan",
    "Priorities",
    "Priority",
    "Progress",
    "RateProgress",
    "Projections",
    "Schedule",
    "ScheduleItem",
    "Summary",
    "TopicChoice",
    "VenueContent",
    "VenueCost",
    "VenueHours",
    "human_duration",
)
