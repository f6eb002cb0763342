"""The pure domain model: frozen, validated values; no numpy, no I/O."""

from eminence.model.capacity import Capacity, Period
from eminence.model.goals import Goal
from eminence.model.metrics import Metric, MetricKind
from eminence.model.peers import Peer
from eminence.model.profile import Profile
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
)
