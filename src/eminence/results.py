"""What planning returns: plain records, written to JSON and read back, that never plan.

* A plan and its parts: `Plan`, `Summary`, `Priorities` (`Priority`, `GoalShare`),
  `Content` (`VenueContent`, `TopicChoice`), `Allocation` (`VenueHours`, `EventChoice`,
  `Bound`, `Binding`, `CadenceSource`), `Projections` (`GoalProjection`, `Progress`,
  `RateProgress`), `Schedule` (`ScheduleItem`, `ItemKind`, `Occurrence`), `Costs`
  (`VenueCost`, `EventCost`, `GoalCost`), `Focus` (`GoalFocus`, `DateChange`), `Note` and
  `NoteKind`.
* A team's plan: `TeamPlan` (`Assignment`, `Declined`, `ExpertPlan`, `FirmGoalProjection`,
  `ExtraHour`), and who does what week by week: `TeamWeeks` (`TeamWeek`, `ExpertWeek`).
* What-ifs: `Sensitivity` (`SensitivityRow`), `RequiredHours`, `Comparison` (`Scenario`).
* Listening: `ListeningReport` (`AudienceEvidence`, `SegmentShare`, `TopicEvidence`,
  `TopicShare`, `PeerEvidence`, `PeerCadence`, `PeerEngagement`, `PriorityShift`, `Change`;
  what it discovers: `Discovery`, `CandidateVenue`, `CandidatePeer`, `SkippedRow`, `RuleUse`).
* Tracking: `Reforecast` (`GoalTrack`, `PeriodTrack`, `WeekProgress`, `ValueOverActivity`,
  `YieldEvidence`, `Verdict`, `VenueSplit`).
* `Tabular`, the results that become a DataFrame, and `human_duration`, how they say weeks.

>>> import eminence as em
>>> plan = em.plan(em.example("consultant"), trials=20)
>>> isinstance(plan, em.results.Plan), isinstance(plan.costs, em.results.Costs)
(True, True)
>>> em.results.human_duration(10)
'about 2 months'
"""

from typing import TYPE_CHECKING

from eminence._lazy import on_first_use

if TYPE_CHECKING:
    from eminence.model._base import Tabular
    from eminence.planning.evidence import (
        AudienceEvidence,
        CandidatePeer,
        CandidateVenue,
        Change,
        Discovery,
        ListeningReport,
        PeerCadence,
        PeerEngagement,
        PeerEvidence,
        PriorityShift,
        RuleUse,
        SegmentShare,
        SkippedRow,
        TopicEvidence,
        TopicShare,
    )
    from eminence.planning.results import (
        Allocation,
        Assignment,
        Binding,
        Bound,
        CadenceSource,
        Content,
        Costs,
        DateChange,
        Declined,
        EventChoice,
        EventCost,
        ExpertPlan,
        ExpertWeek,
        ExtraHour,
        FirmGoalProjection,
        Focus,
        GoalCost,
        GoalFocus,
        GoalProjection,
        GoalShare,
        Note,
        NoteKind,
        Plan,
        Priorities,
        Priority,
        Progress,
        Projections,
        RateProgress,
        TeamPlan,
        TeamWeek,
        TeamWeeks,
        TopicChoice,
        VenueContent,
        VenueCost,
        VenueHours,
        human_duration,
    )
    from eminence.planning.results.schedule import ItemKind, Occurrence, Schedule, ScheduleItem
    from eminence.planning.results.summary import Summary
    from eminence.planning.tracking import (
        GoalTrack,
        PeriodTrack,
        Reforecast,
        ValueOverActivity,
        VenueSplit,
        Verdict,
        WeekProgress,
        YieldEvidence,
    )
    from eminence.planning.what_if import (
        Comparison,
        RequiredHours,
        Scenario,
        Sensitivity,
        SensitivityRow,
    )

__all__ = (
    # a plan and its parts
    "Plan",
    # a team's plan
    "TeamPlan",
    "Assignment",
    "Declined",
    "ExpertPlan",
    "ExtraHour",
    "FirmGoalProjection",
    "TeamWeeks",
    "TeamWeek",
    "ExpertWeek",
    "Summary",
    "Priorities",
    "Priority",
    "GoalShare",
    "Content",
    "VenueContent",
    "TopicChoice",
    "Allocation",
    "VenueHours",
    "EventChoice",
    "Bound",
    "Binding",
    "CadenceSource",
    "Projections",
    "GoalProjection",
    "Progress",
    "RateProgress",
    "Schedule",
    "ScheduleItem",
    "ItemKind",
    "Occurrence",
    "Costs",
    "VenueCost",
    "EventCost",
    "GoalCost",
    "Focus",
    "GoalFocus",
    "DateChange",
    "Note",
    "NoteKind",
    # what-ifs
    "Sensitivity",
    "SensitivityRow",
    "RequiredHours",
    "Comparison",
    "Scenario",
    # listening
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
    "Discovery",
    "CandidateVenue",
    "CandidatePeer",
    "SkippedRow",
    "RuleUse",
    # tracking
    "Reforecast",
    "GoalTrack",
    "PeriodTrack",
    "WeekProgress",
    "ValueOverActivity",
    "YieldEvidence",
    "Verdict",
    "VenueSplit",
    # shown
    "Tabular",
    "human_duration",
)

__getattr__, __dir__ = on_first_use(
    __name__,
    {
        "eminence.model._base": ("Tabular",),
        "eminence.planning.evidence": (
            "AudienceEvidence",
            "CandidatePeer",
            "CandidateVenue",
            "Change",
            "Discovery",
            "ListeningReport",
            "PeerCadence",
            "PeerEngagement",
            "PeerEvidence",
            "PriorityShift",
            "RuleUse",
            "SegmentShare",
            "SkippedRow",
            "TopicEvidence",
            "TopicShare",
        ),
        "eminence.planning.results": (
            "Allocation",
            "Assignment",
            "Binding",
            "Bound",
            "CadenceSource",
            "Content",
            "Costs",
            "DateChange",
            "Declined",
            "EventChoice",
            "EventCost",
            "ExpertPlan",
            "ExpertWeek",
            "ExtraHour",
            "FirmGoalProjection",
            "Focus",
            "GoalCost",
            "GoalFocus",
            "GoalProjection",
            "GoalShare",
            "Note",
            "NoteKind",
            "Plan",
            "Priorities",
            "Priority",
            "Progress",
            "Projections",
            "RateProgress",
            "TeamPlan",
            "TeamWeek",
            "TeamWeeks",
            "TopicChoice",
            "VenueContent",
            "VenueCost",
            "VenueHours",
            "human_duration",
        ),
        "eminence.planning.results.schedule": (
            "ItemKind",
            "Occurrence",
            "Schedule",
            "ScheduleItem",
        ),
        "eminence.planning.results.summary": ("Summary",),
        "eminence.planning.tracking": (
            "GoalTrack",
            "PeriodTrack",
            "Reforecast",
            "ValueOverActivity",
            "VenueSplit",
            "Verdict",
            "WeekProgress",
            "YieldEvidence",
        ),
        "eminence.planning.what_if": (
            "Comparison",
            "RequiredHours",
            "Scenario",
            "Sensitivity",
            "SensitivityRow",
        ),
    },
)
