"""Checking a listening log against the profile before anything is estimated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from eminence.errors import InvalidInputError, Problem
from eminence.model import Profile
from eminence.model.listening_log import ColumnMapping, ListeningLog

MAX_PROBLEMS = 100
"""Problems reported at most for one log; past them, the first hundred say enough."""

_EARLIEST_DAYS = 366


def check_log(profile: Profile, log: ListeningLog, *, today: dt.date | None = None) -> None:
    """Check that every id in the log is the profile's and every date is plausible.

    Dates before a year ahead of the profile's start, and after ``today`` when given, are
    errors, as are topics and the labels of keyword rules that are not the profile's. Venues
    and speakers the profile does not know are no error: listening reports them as
    candidates.

    Raises
    ------
    InvalidInputError
        Every problem found (the first 100), each naming its row and column when the log was
        read from a file.
    """
    problems = list(_log_problems(profile, log, today))
    if problems:
        raise InvalidInputError("ListeningLog", problems[:MAX_PROBLEMS])


def _log_problems(profile: Profile, log: ListeningLog, today: dt.date | None) -> Iterator[Problem]:
    topics = {topic.id for topic in profile.topics}
    segments = {segment.id for segment in profile.segments}
    earliest = profile.capacity.start - dt.timedelta(days=_EARLIEST_DAYS)
    rules = (log.columns or ColumnMapping()).rules
    for rule, known in (("topics", topics), ("segments", segments)):
        for label in getattr(rules, rule):
            if label not in known:
                noun = rule.removesuffix("s")
                yield Problem(f"columns.rules.{rule}.{label}", _unknown(noun, label, known))
    for index, observation in enumerate(log.observations):
        # A rule's label is checked once, at the rule, not again on every row it labelled.
        ruled = {match.label for match in observation.matched if match.rule == "topics"}
        for topic in observation.topics:
            if topic not in topics and topic not in ruled:
                yield Problem(log.where(index, "topics"), _unknown("topic", topic, topics))
        segment = observation.segment
        if segment is not None and segment not in segments and not observation.matched:
            yield Problem(f"observations[{index}].segment", _unknown("segment", segment, segments))
        if observation.date < earliest:
            yield Problem(
                log.where(index, "date"),
                f"{observation.date.isoformat()} is more than a year before the plan's start "
                f"({profile.capacity.start.isoformat()}); listening that old says little about "
                f"today, so leave it out or check the date format",
            )
        if today is not None and observation.date > today:
            yield Problem(
                log.where(index, "date"),
                f"{observation.date.isoformat()} is after today ({today.isoformat()}); "
                "check the date format (day and month swapped?)",
            )


def _listed(ids: set[str]) -> str:
    names = sorted(ids)
    return ", ".join(names[:20]) + (", ..." if len(names) > 20 else "") if names else "none"


def _unknown(noun: str, wanted: str, known: set[str]) -> str:
    return f"unknown {noun} {wanted!r}; known {noun}s: {_listed(known)}"
