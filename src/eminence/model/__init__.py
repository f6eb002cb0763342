"""The pure domain model: frozen, validated values; no numpy, no I/O.

It holds the profile and its parts (`Profile`, `Capacity`, `Period`, `WorkingHours`,
`Weekday`, `Topic`, `Expertise`,
`Segment`, `Metric`, `MetricKind`, `Venue`, `VenueKind`, `Event`, `Goal`, `Peer`,
`Estimate`), the logs an expert keeps (`ListeningLog`, `Observation`, `ColumnMapping`;
`ProgressLog`, `ProgressEntry`, `ProgressColumns`) and the quantities fields are made of.

>>> import eminence as em
>>> profile = em.example("consultant")
>>> isinstance(profile, em.model.Profile), isinstance(profile.capacity, em.model.Capacity)
(True, True)
"""

from eminence.model.capacity import Capacity, Period
from eminence.model.goals import Goal
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
from eminence.model.topics import Expertise, Topic
from eminence.model.venues import Event, Venue, VenueKind
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
    "Segment",
    "Topic",
    "Venue",
    "VenueKind",
    "Weekday",
    "WorkingHours",
    # logs
    "ColumnMapping",
    "ListeningLog",
    "Observation",
    "ProgressColumns",
    "ProgressEntry",
    "ProgressLog",
)
