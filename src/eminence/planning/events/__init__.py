"""Offline venues are dated: which events to take, and whether their preparation fits (law 5).

`jobs` says what work an event asks and when it is due, `windows` whether the work of the
events taken fits before their deadlines, `chooser` which events to take, best first.
"""

from eminence.planning.events.chooser import Decision, EventChooser, choose_events
from eminence.planning.events.jobs import (
    EventCandidate,
    Job,
    JobKind,
    ProjectionInputs,
    event_jobs,
)
from eminence.planning.events.windows import EventWindows

__all__ = (
    "Decision",
    "EventCandidate",
    "EventChooser",
    "ProjectionInputs",
    "EventWindows",
    "Job",
    "JobKind",
    "choose_events",
    "event_jobs",
)
