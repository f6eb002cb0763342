"""eminence: plan professional eminence.

Given who an expert's clients are, what they need, what the expert knows, where the clients
gather, what the expert wants and how many hours a week they can give, eminence says which
venues to invest in, how to split the hours, and when each goal will realistically be reached.

>>> import eminence as em
>>> profile = em.example("consultant")
>>> profile.capacity.hours_per_week
2.0
"""

from importlib.metadata import version as _version

from eminence.batch import Batch, BatchResult, Outcome, batch_seed, plan_bag, plan_many
from eminence.errors import (
    DocumentError,
    DocumentSyntaxError,
    EminenceError,
    EminenceWarning,
    InputLimitError,
    InvalidArgumentError,
    InvalidInputError,
    MissingExtraError,
    Problem,
    UnknownReferenceError,
    UnreadableFileError,
    VanityGoalWarning,
)
from eminence.explorer import Explorer, explore
from eminence.io import (
    Format,
    Limits,
    dump,
    example,
    examples,
    load,
    loads,
    profile_schema,
)
from eminence.logs import (
    example_log,
    example_progress,
    load_log,
    load_progress,
    loads_log,
    loads_progress,
)
from eminence.model import (
    Capacity,
    Estimate,
    Event,
    Expertise,
    Goal,
    Metric,
    MetricKind,
    Peer,
    Period,
    Profile,
    Segment,
    Topic,
    Venue,
    VenueKind,
)
from eminence.model._base import Tabular
from eminence.model.listening_log import ColumnMapping, ListeningLog, Observation
from eminence.model.progress_log import ProgressColumns, ProgressEntry, ProgressLog
from eminence.planning import (
    Allocation,
    Binding,
    Bound,
    CadenceSource,
    Comparison,
    Costs,
    EventChoice,
    EventCost,
    GoalCost,
    GoalProjection,
    GoalShare,
    ItemKind,
    Note,
    NoteKind,
    Occurrence,
    Plan,
    Planner,
    Priorities,
    Priority,
    Progress,
    Projections,
    RequiredHours,
    Scenario,
    Schedule,
    ScheduleItem,
    Sensitivity,
    SensitivityRow,
    VenueCost,
    VenueHours,
    compare,
    human_duration,
    plan,
    required_hours,
    sensitivity,
)
from eminence.planning.evidence import (
    AudienceEvidence,
    Change,
    ListeningReport,
    PeerCadence,
    PeerEngagement,
    PeerEvidence,
    PriorityShift,
    SegmentShare,
    TopicEvidence,
    TopicShare,
    listen,
)
from eminence.planning.results.summary import Summary
from eminence.planning.tracking import (
    GoalTrack,
    Reforecast,
    ValueOverActivity,
    VenueSplit,
    Verdict,
    WeekProgress,
    YieldEvidence,
    reforecast,
)
from eminence.report.charts import (
    projection_chart,
    sensitivity_chart,
    split_chart,
    timeline_chart,
)
from eminence.report.views import register_views as _register_views
from eminence.schemas import schema

__version__ = _version("eminence")

# The records cannot import the report layer, so it hangs their str, HTML and DataFrame views
# on them here, once, before any record is shown.
_register_views()

__all__ = (
    "__version__",
    # planning
    "plan",
    "Planner",
    "sensitivity",
    "required_hours",
    "compare",
    "Allocation",
    "Binding",
    "Bound",
    "CadenceSource",
    "EventChoice",
    "GoalProjection",
    "GoalShare",
    "Note",
    "NoteKind",
    "Plan",
    "Priorities",
    "Priority",
    "Progress",
    "Projections",
    "VenueHours",
    "human_duration",
    "Schedule",
    "ScheduleItem",
    "ItemKind",
    "Occurrence",
    "Comparison",
    "RequiredHours",
    "Scenario",
    "Sensitivity",
    "SensitivityRow",
    "Summary",
    # batches: many profiles, each with its own seed
    "plan_many",
    "plan_bag",
    "batch_seed",
    "Batch",
    "BatchResult",
    "Outcome",
    # looking: tables, charts and the notebook explorer
    "Tabular",
    "split_chart",
    "sensitivity_chart",
    "timeline_chart",
    "projection_chart",
    "explore",
    "Explorer",
    # listening
    "listen",
    "load_log",
    "loads_log",
    "example_log",
    "ColumnMapping",
    "ListeningLog",
    "Observation",
    "ListeningReport",
    "AudienceEvidence",
    "SegmentShare",
    "TopicEvidence",
    "TopicShare",
    "PeerEvidence",
    "PeerCadence",
    "PeerEngagement",
    "PriorityShift",
    "Change",
    # tracking and costs
    "reforecast",
    "load_progress",
    "loads_progress",
    "example_progress",
    "ProgressColumns",
    "ProgressEntry",
    "ProgressLog",
    "Reforecast",
    "GoalTrack",
    "WeekProgress",
    "ValueOverActivity",
    "YieldEvidence",
    "Verdict",
    "VenueSplit",
    "Costs",
    "VenueCost",
    "EventCost",
    "GoalCost",
    # files
    "Format",
    "Limits",
    "dump",
    "example",
    "examples",
    "load",
    "loads",
    "profile_schema",
    "schema",
    # the model
    "Capacity",
    "Estimate",
    "Event",
    "Expertise",
    "Goal",
    "Metric",
    "MetricKind",
    "Peer",
    "Period",
    "Profile",
    "Segment",
    "Topic",
    "Venue",
    "VenueKind",
    # errors and warnings
    "DocumentError",
    "DocumentSyntaxError",
    "EminenceError",
    "EminenceWarning",
    "InputLimitError",
    "InvalidArgumentError",
    "InvalidInputError",
    "MissingExtraError",
    "Problem",
    "UnknownReferenceError",
    "UnreadableFileError",
    "VanityGoalWarning",
)
