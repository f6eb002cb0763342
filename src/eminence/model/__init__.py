"""The pure domain model: frozen, validated values; no numpy, no I/O.

It holds the profile and its parts (`Profile`, `Capacity`, `Period`, `WorkingHours`,
`Weekday`, `Topic`, `Expertise`, `Segment`, `Metric`, `MetricKind`, `Venue`, `VenueKind`,
`Voice`, `Event`, `Recurrence`, `Goal`, `RatePeriod`, `Vanity`, `Peer`, `Estimate`), a firm's
team (`Team`, `Expert`, `SharedVenue`), the logs an expert keeps (`ListeningLog`,
`Observation`, `ColumnMapping`, `LabelRules`, `RuleMatch`; `ProgressLog`, `ProgressEntry`,
`ProgressColumns`) and the quantities fields are made of.

>>> import eminence as em
>>> profile = em.example("consultant")
>>> isinstance(profile, em.model.Profile), isinstance(profile.capacity, em.model.Capacity)
(True, True)
"""

from typing import TYPE_CHECKING

from eminence._lazy import on_first_use

if TYPE_CHECKING:
    from eminence.model.capacity import Capacity, Period
    from eminence.model.goals import Goal, RatePeriod, Vanity
    from eminence.model.keyword_rules import LabelRules, RuleMatch
    from eminence.model.listening_log import ColumnMapping, ListeningLog, Observation
    from eminence.model.metrics import Metric, MetricKind
    from eminence.model.peers import Peer
    from eminence.model.profile import Profile
    from eminence.model.progress_log import ProgressColumns, ProgressEntry, ProgressLog
    from eminence.model.quantities import (
        ContributionsPerWeek,
        Estimate,
        Hours,
        HoursPerWeek,
        Id,
        Money,
        Share,
    )
    from eminence.model.segments import Segment
    from eminence.model.team import Expert, SharedVenue, Team
    from eminence.model.topics import Expertise, Topic
    from eminence.model.venues import Event, Recurrence, Venue, VenueKind, Voice
    from eminence.model.working_time import Weekday, WorkingHours

__all__ = (
    # quantities
    "ContributionsPerWeek",
    "Estimate",
    "Hours",
    "HoursPerWeek",
    "Id",
    "Money",
    "Share",
    # entities
    "Capacity",
    "Event",
    "Expertise",
    "Goal",
    "Metric",
    "MetricKind",
    "Peer",
    "Period",
    "Profile",
    "RatePeriod",
    "Recurrence",
    "Segment",
    "Topic",
    "Vanity",
    "Venue",
    "VenueKind",
    "Voice",
    "Weekday",
    "WorkingHours",
    # teams
    "Expert",
    "SharedVenue",
    "Team",
    # logs
    "ColumnMapping",
    "LabelRules",
    "ListeningLog",
    "Observation",
    "RuleMatch",
    "ProgressColumns",
    "ProgressEntry",
    "ProgressLog",
)

__getattr__, __dir__ = on_first_use(
    __name__,
    {
        "eminence.model.capacity": ("Capacity", "Period"),
        "eminence.model.goals": ("Goal", "RatePeriod", "Vanity"),
        "eminence.model.keyword_rules": ("LabelRules", "RuleMatch"),
        "eminence.model.listening_log": ("ColumnMapping", "ListeningLog", "Observation"),
        "eminence.model.metrics": ("Metric", "MetricKind"),
        "eminence.model.peers": ("Peer",),
        "eminence.model.profile": ("Profile",),
        "eminence.model.progress_log": ("ProgressColumns", "ProgressEntry", "ProgressLog"),
        "eminence.model.quantities": (
            "ContributionsPerWeek",
            "Estimate",
            "Hours",
            "HoursPerWeek",
            "Id",
            "Money",
            "Share",
        ),
        "eminence.model.segments": ("Segment",),
        "eminence.model.team": ("Expert", "SharedVenue", "Team"),
        "eminence.model.topics": ("Expertise", "Topic"),
        "eminence.model.venues": ("Event", "Recurrence", "Venue", "VenueKind", "Voice"),
        "eminence.model.working_time": ("Weekday", "WorkingHours"),
    },
)
