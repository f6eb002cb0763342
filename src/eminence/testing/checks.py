"""Invariant checks: a call ends well (a finite result or one clear `EminenceError`, in
bounded time), and a profile travels through planning and every export."""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel

from eminence.errors import EminenceError
from eminence.model import Profile
from eminence.model.quantities import HOURS_IN_A_WEEK, MIN_HOURS_PER_WEEK

__all__ = ("Case", "Outcome", "check_total", "non_finite", "through_every_output")

_Result = TypeVar("_Result")

_JARGON = ("Input should", "pydantic", "Traceback", "object at 0x")
"""Fragments that only leak from a library's inside: never in a message for people."""


@dataclass(frozen=True, slots=True)
class Outcome(Generic[_Result]):
    """How a call ended: its result or its error, and how long it took."""

    result: _Result | None
    error: EminenceError | None
    seconds: float


def check_total(call: Callable[[], _Result], *, within: float = 10.0) -> Outcome[_Result]:
    """Run ``call`` and assert that it ended well, the way a hostile input must end.

    Well means: it returned a result in which every number is finite, or raised an
    `EminenceError` with a message for people (no pydantic wording, no object addresses);
    and either took at most ``within`` seconds (ten unless given: long enough for a loaded
    machine, short of the minutes a blow-up takes). Any other exception propagates. The time is
    measured and returned, and asserted only against ``within``, which should be generous:
    a loaded machine is slow.
    """
    started = time.perf_counter()
    try:
        result = call()
    except EminenceError as error:
        outcome: Outcome[_Result] = Outcome(None, error, time.perf_counter() - started)
    else:
        outcome = Outcome(result, None, time.perf_counter() - started)
    if outcome.error is not None:
        message = str(outcome.error)
        assert message.strip(), f"{type(outcome.error).__name__} without a message"
        leaked = [fragment for fragment in _JARGON if fragment in message]
        assert not leaked, f"the message leaks {leaked}: {message}"
    bad = list(non_finite(outcome.result))
    assert not bad, f"NaN or infinity at {', '.join(bad[:5])}"
    assert outcome.seconds <= within, f"took {outcome.seconds:.2f} s, more than {within} s"
    return outcome


@dataclass(frozen=True, slots=True)
class Case:
    """A hostile input and how it must end: with an `EminenceError` whose message holds
    ``error`` (the field and the fix), or, when ``error`` is None, with a result."""

    name: str
    call: Callable[[], object]
    error: str | None = None

    def check(self, *, within: float = 10.0) -> Outcome[object]:
        """Run the case with `check_total` and assert that it ended as expected."""
        outcome = check_total(self.call, within=within)
        if self.error is None:
            assert outcome.error is None, f"{self.name}: unexpected error: {outcome.error}"
        else:
            assert outcome.error is not None, f"{self.name}: a result, not an error"
            assert self.error in str(outcome.error), f"{self.name}: {outcome.error}"
        return outcome


def non_finite(value: object, path: str = "$") -> Iterator[str]:
    """The paths of every NaN or infinity in a result: records, mappings, sequences, floats."""
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, float):
        if not math.isfinite(value):
            yield path
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from non_finite(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from non_finite(item, f"{path}[{index}]")


def through_every_output(profile: Profile, *, trials: int = 200) -> dict[str, object]:
    """Plan a profile and produce everything a user can ask of the plan, by its name.

    The plan, a sensitivity table, the hours each goal needs (by its deadline, or a year
    on), every occurrence of the schedule, the JSON, HTML and text exports, and the calendar
    when the ``ical`` extra is installed (without it a user cannot ask for one).
    """
    from eminence.planning import plan, required_hours, sensitivity

    planned = plan(profile, trials=trials)
    hours = profile.capacity.hours_per_week
    levels = [max(hours / 2, MIN_HOURS_PER_WEEK), hours, min(2 * hours, HOURS_IN_A_WEEK)]
    a_year_on = profile.capacity.start + dt.timedelta(days=365)
    outputs: dict[str, object] = {
        "plan": planned,
        "sensitivity": sensitivity(profile, levels, trials=trials),
        "required_hours": [
            required_hours(profile, goal.id, by=goal.deadline or a_year_on, trials=trials)
            for goal in profile.goals
        ],
        "occurrences": len(planned.schedule.occurrences()),
        "json": planned.model_dump_json(),
        "html": planned._repr_html_(),
        "text": str(planned),
    }
    if importlib.util.find_spec("icalendar") is not None:
        outputs["ical"] = planned.to_ical()
    return outputs
