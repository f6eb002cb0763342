"""Which events to take: those whose progress per hour beats the weekly split's margin and
whose work still fits before their deadlines (law 5), best first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from eminence.model import _figures as figures
from eminence.planning.events.jobs import EventCandidate, Job, JobKind, event_jobs, first_due
from eminence.planning.events.windows import EventWindows

__all__ = ("Decision", "EventChooser", "choose_events")


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether an event is taken, and the listening it owes its venue if so."""

    reason: str | None
    """Why it is left out; None when it is taken."""
    listening_hours: float = 0.0


def choose_events(
    candidates: list[EventCandidate],
    windows: EventWindows,
    marginal_progress_per_hour: float,
    active_from: Mapping[str, dt.date | None] | None = None,
    refused: Mapping[str, str] | None = None,
) -> dict[str, Decision]:
    """Decide each event: taken, with the listening it owes, or the reason it is dropped.

    Candidates are considered best first, so a better event keeps its place when two compete
    for the same weeks. A venue's listening is owed once, by its taken event due first, and
    not at all when the weekly split has the venue listened to before that event's first due
    date. Events in ``refused`` are dropped with the reason given. ``windows`` are the empty
    windows of these candidates, built once for all the rounds of a plan, and left as given.
    """
    chooser = EventChooser(candidates, windows, marginal_progress_per_hour)
    return chooser.choose(active_from or {}, refused or {})


@dataclass(frozen=True, slots=True)
class _Taken:
    """A candidate taken: its place in the order, its jobs, and the listening it owes."""

    position: int
    changes: list[Job]
    listening: float
    leads: bool
    """Whether it became the first taken event at its venue."""


class EventChooser:
    """`choose_events` over the rounds of a plan, each round resumed where its inputs differ.

    A plan chooses again each time it refuses events or learns when a venue is really
    listened to. The candidates before the first one those change are decided as before:
    the choice takes again the events it took before that one, into the empty windows, and
    goes on from there. A round costs the candidates after that one, and its decisions are
    those `choose_events` makes from scratch, to the bit.
    """

    def __init__(
        self,
        candidates: list[EventCandidate],
        windows: EventWindows,
        marginal_progress_per_hour: float,
    ) -> None:
        self.order = sorted(
            candidates, key=lambda c: (-c.progress_per_hour, c.event.date, c.event.id)
        )
        self.windows = windows
        # Reasons that the windows and the other events have no part in, found once.
        self._fixed = [_fixed_reason(c, marginal_progress_per_hour, windows) for c in self.order]
        self._jobs: dict[tuple[int, float], list[Job]] = {}
        self._taken: list[_Taken] = []
        self._reasons: list[str | _Overload | None] = []
        self._owed: dict[str, float] = {}
        self._ready: Mapping[str, dt.date | None] = {}
        self._refused: Mapping[str, str] = {}

    def choose(
        self, active_from: Mapping[str, dt.date | None], refused: Mapping[str, str]
    ) -> dict[str, Decision]:
        """Every candidate's decision, given when each venue is listened to and the events
        refused with their reasons."""
        self.take(active_from, refused)
        return self.decisions()

    def take(
        self, active_from: Mapping[str, dt.date | None], refused: Mapping[str, str]
    ) -> dict[str, float]:
        """The events taken, each with the listening it owes: a round of the choice, whose
        reasons for the others `decisions` gives."""
        resume = self._first_change(active_from, refused)
        self._ready, self._refused = dict(active_from), dict(refused)
        del self._reasons[resume:]
        self._taken = [taken for taken in self._taken if taken.position < resume]
        windows = self.windows.copy()
        first: dict[str, EventCandidate] = {}  # the taken event due first at each venue
        owed: dict[str, float] = {}  # listening owed by each taken event
        for taken in self._taken:
            windows.add(taken.changes)
            _take(self.order[taken.position], taken, first, owed)
        start = windows.calendar.start
        seen: EventWindows | None = None  # the windows as the last candidate left out saw them
        for position in range(resume, len(self.order)):
            candidate = self.order[position]
            reason = refused.get(candidate.event.id, self._fixed[position])
            if candidate.event.id in refused or reason is not None:
                self._reasons.append(reason)
                continue
            # Listening passes to the candidate if it becomes the first taken event at its
            # venue.
            before = first.get(candidate.venue.id)
            leads = before is None or _key(candidate) < _key(before)
            listening = _listening(candidate, active_from) if leads else 0.0
            handed_back = owed.get(before.event.id, 0.0) if leads and before is not None else 0.0
            changes = self._event_jobs(position, listening)
            if handed_back:
                assert before is not None
                # The earlier first event no longer owes it: negative work where it was due.
                changes = [
                    *changes,
                    Job(JobKind.LISTENING, start, first_due(before), -handed_back),
                ]
            if not windows.fits(changes):
                # Most candidates left out are taken again in a later round: the windows are
                # kept to say why only if it is asked.
                seen = seen or windows.copy()
                self._reasons.append(_Overload(seen, changes, others=bool(owed)))
                continue
            self._reasons.append(None)
            windows.add(changes)
            seen = None
            taken = _Taken(position, changes, listening, leads)
            _take(candidate, taken, first, owed)
            self._taken.append(taken)
        self._owed = owed
        return dict(owed)

    def decisions(self) -> dict[str, Decision]:
        """Every candidate's decision in the last round, and the events refused in it."""
        decisions = {event: Decision(reason) for event, reason in self._refused.items()}
        for position, candidate in enumerate(self.order):
            reason = self._reasons[position]
            if isinstance(reason, _Overload):
                reason = self._reasons[position] = reason.reason()
            event = candidate.event.id
            decisions[event] = Decision(reason, self._owed[event] if reason is None else 0.0)
        return decisions

    def _first_change(
        self, active_from: Mapping[str, dt.date | None], refused: Mapping[str, str]
    ) -> int:
        """The first candidate whose inputs differ from the last round's: refused anew (or
        for another reason), or owing its venue's listening where it did not, or the reverse."""
        for position, candidate in enumerate(self.order[: len(self._reasons)]):
            event = candidate.event.id
            if refused.get(event) != self._refused.get(event) or (
                self._fixed[position] is None
                and event not in refused
                and _listening(candidate, active_from) != _listening(candidate, self._ready)
            ):
                return position
        return len(self._reasons)

    def _event_jobs(self, position: int, listening: float) -> list[Job]:
        key = (position, listening)
        if key not in self._jobs:
            candidate = self.order[position]
            self._jobs[key] = event_jobs(
                candidate.event, candidate.preparation_hours, listening, self.windows.calendar.start
            )
        return self._jobs[key]


@dataclass(frozen=True, slots=True)
class _Overload:
    """A candidate whose work does not fit the windows it was judged in."""

    windows: EventWindows
    changes: list[Job]
    others: bool
    """Whether other events were taken by then."""

    def reason(self) -> str:
        """Why the event is left out: the first window its work would overload."""
        windows = self.windows
        calendar, hours_per_week = windows.calendar, windows.hours_per_week
        overload = windows.overload(self.changes)
        assert overload is not None
        release, due, needed = overload
        weeks = calendar.working_weeks(due) - calendar.working_weeks(release)
        window = "before" if release <= calendar.start else f"from {release.isoformat()} to"
        chosen = " with the events already chosen" if self.others else ""
        return (
            f"its preparation does not fit: {figures.hours(needed)} h are due in the "
            f"{figures.weeks(weeks, 'working week')} {window} {due.isoformat()}, which give "
            f"{figures.hours(weeks * hours_per_week)} h at "
            f"{figures.hours_per_week(hours_per_week)} h/week{chosen}"
        )


def _take(
    candidate: EventCandidate,
    taken: _Taken,
    first: dict[str, EventCandidate],
    owed: dict[str, float],
) -> None:
    """Record a taken candidate: the listening it owes, and the venue's first event."""
    owed[candidate.event.id] = taken.listening
    if taken.leads:
        before = first.get(candidate.venue.id)
        first[candidate.venue.id] = candidate
        if before is not None:
            owed[before.event.id] = 0.0


def _key(candidate: EventCandidate) -> tuple[dt.date, str]:
    return first_due(candidate), candidate.event.id


def _listening(candidate: EventCandidate, ready: Mapping[str, dt.date | None]) -> float:
    """The venue's listening, owed by its first taken event unless the split has the venue
    listened to by that event's first due date."""
    heard = ready.get(candidate.venue.id)
    return candidate.listening_hours if heard is None or heard > first_due(candidate) else 0.0


def _fixed_reason(candidate: EventCandidate, marginal: float, windows: EventWindows) -> str | None:
    """Why the event is left out whatever else is taken; None if only the hours can say."""
    calendar = windows.calendar
    event = candidate.event
    if candidate.venue.excluded:
        return "its venue is excluded by the profile"
    if event.date < calendar.start:
        return f"it took place on {event.date.isoformat()}, before the plan starts"
    if event.date > calendar.horizon_end:
        return f"it lies beyond the plan's horizon ({calendar.horizon_end.isoformat()})"
    if not calendar.is_available(event.date):
        return f"it falls on {event.date.isoformat()}, when the profile is unavailable"
    if event.proposal_deadline is not None and event.proposal_deadline < calendar.start:
        return (
            f"its call for proposals closed on {event.proposal_deadline.isoformat()}, "
            "before the plan starts"
        )
    if candidate.expected_progress <= 0.0:
        return "it yields nothing the goals count among their segments"
    if candidate.progress_per_hour <= marginal:
        return (
            f"it earns {figures.progress_per_hour(candidate.progress_per_hour)} of the goals "
            f"per hour, no more than the {figures.progress_per_hour(marginal)} the weekly split "
            "earns with that hour"
        )
    return None
