"""A venue's own rhythm: an RFC 5545 RRULE, checked so that it can neither hang nor flood.

A rule says on which days contributions happen (``FREQ=MONTHLY;BYDAY=1TU`` for a chapter that
meets on the first Tuesday). The schedule owns the time of day and the horizon, so a rule may
not recur more often than daily, name hours or minutes, or run beyond the plan's ten years.
The checks here need no start date; `rule_problems` then checks a rule against the calendar
of a profile.

A rule counts from its anchor (its DTSTART): the venue's ``rrule_start``, else the plan's
start. COUNT, INTERVAL and the parts a rule leaves to its start (``FREQ=WEEKLY`` alone falls
on the anchor's weekday) all count from there, so a rule means the same dates whatever day a
plan of it starts on; a re-forecast keeps the anchor of the plan it follows.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from dateutil.rrule import rrule, rrulestr

__all__ = ("MAX_ANCHOR_WEEKS", "MAX_COUNT", "MAX_INTERVAL", "Rule", "parse_rule", "rule_problems")

MAX_COUNT = 3_650
"""Ten years of days: a rule may not promise more occurrences than a plan can hold."""

MAX_INTERVAL = 520
"""A rule that waits longer than this many periods between occurrences is a typo."""

MAX_ANCHOR_WEEKS = 5_200
"""A rule's anchor may lie this many weeks (ten plans' horizons, ten re-forecasts at the ends
of theirs) before the plan's start: every day from it is worked out, so not further back."""

_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_PARTS = frozenset(
    {
        "FREQ",
        "INTERVAL",
        "COUNT",
        "UNTIL",
        "BYDAY",
        "BYMONTHDAY",
        "BYYEARDAY",
        "BYWEEKNO",
        "BYMONTH",
        "BYSETPOS",
        "WKST",
    }
)
_TIME_PARTS = frozenset({"BYHOUR", "BYMINUTE", "BYSECOND"})
_SEARCH_YEARS = 28
"""Weekdays and leap years repeat every 28 years (within a century): a rule that does not
occur in 28 years never occurs."""
_REFERENCE = dt.date(2001, 1, 1)
_SEARCH_END = dt.date(_REFERENCE.year + _SEARCH_YEARS, 12, 31)
_CYCLE_YEARS = 400
"""The Gregorian calendar repeats, weekdays and leap years included, every 400 years."""
_LARGEST = {"BYMONTH": 12, "BYMONTHDAY": 31, "BYYEARDAY": 366, "BYWEEKNO": 53, "BYSETPOS": 366}
"""The largest value of each numbered part (RFC 5545); all but BYMONTH may also count back
from the end, as -1 for the last."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A checked rule: its recurring part, and its COUNT or UNTIL limit kept apart."""

    body: str
    """``FREQ=...`` and its BYxxx parts, without COUNT or UNTIL."""
    count: int | None
    until: dt.date | None

    def days(
        self, first_day: dt.date, last_day: dt.date, anchor: dt.date | None = None
    ) -> Iterator[dt.date]:
        """The days of the rule from ``first_day`` up to ``last_day`` inclusive, with its limit.

        The rule counts from ``anchor`` (its DTSTART; ``first_day`` when None): its COUNT, its
        INTERVAL's phase and the days it leaves to its start. Days before ``first_day`` are
        counted, not given.
        """
        start = first_day if anchor is None else anchor
        end = last_day if self.until is None else min(last_day, self.until)
        # dateutil looks for an occurrence that never comes up to the year 9999, which takes
        # seconds from today. Moved by whole 400-year cycles to just before 9999, the same
        # days (same weekdays, same leap years) come out, and that search ends soon.
        shift = _CYCLE_YEARS * ((dt.MAXYEAR - max(end.year, start.year)) // _CYCLE_YEARS)
        found = _recurrence(self.body, _moved(start, shift))
        if self.count is None:
            found = found.replace(until=dt.datetime.combine(_moved(end, shift), dt.time()))
        else:
            found = found.replace(count=self.count)
        days = (_moved(moment.date(), -shift) for moment in found)
        within = itertools.takewhile(lambda day: day <= end, days)
        return itertools.dropwhile(lambda day: day < first_day, within)

    @property
    def once_a_year_at_most(self) -> bool:
        """Whether no calendar year ever holds two of its days, whatever its start.

        Only a yearly rule can say so; its INTERVAL skips years and its limit ends it, neither
        adds a day to a year. What a year holds depends on its kind (leap or not, the weekday
        it starts on), and the 28 years from the reference hold every kind.
        """
        parts = dict(part.split("=", 1) for part in self.body.split(";"))
        if parts.get("FREQ") != "YEARLY":
            return False
        every = ";".join(f"{name}={value}" for name, value in parts.items() if name != "INTERVAL")
        years = [day.year for day in Rule(every, None, None).days(_REFERENCE, _SEARCH_END)]
        return all(earlier < later for earlier, later in itertools.pairwise(years))


def _moved(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years)


def _recurrence(body: str, first_day: dt.date) -> rrule:
    found = rrulestr(body, dtstart=dt.datetime.combine(first_day, dt.time()))
    assert isinstance(found, rrule)
    return found


def parse_rule(text: str) -> Rule:
    """Check an RRULE and split off its limit; raise ValueError saying what to fix."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    parts: dict[str, str] = {}
    for piece in body.split(";"):
        name, equals, value = piece.partition("=")
        name = name.strip().upper()
        if not equals or not value.strip():
            raise ValueError(f"{piece!r} is not NAME=VALUE; write parts such as FREQ=WEEKLY")
        if name in parts:
            raise ValueError(f"{name} is given twice; keep one")
        parts[name] = value.strip().upper()
    _check_parts(parts)
    count = _whole(parts.pop("COUNT"), "COUNT", 1, MAX_COUNT) if "COUNT" in parts else None
    until = _until(parts.pop("UNTIL")) if "UNTIL" in parts else None
    rule = Rule(";".join(f"{name}={value}" for name, value in parts.items()), count, until)
    # Every interval but 1 depends on the start date, which `rule_problems` knows. Without
    # BYSETPOS, a daily or weekly rule has the days of the same rule made yearly, which
    # dateutil searches 365 times faster.
    probe = {name: value for name, value in parts.items() if name != "INTERVAL"}
    if probe["FREQ"] in {"DAILY", "WEEKLY"} and "BYSETPOS" not in probe:
        probe["FREQ"] = "YEARLY"
    every = ";".join(f"{name}={value}" for name, value in probe.items())
    try:
        first = next(Rule(every, None, None).days(_REFERENCE, _moved(_REFERENCE, _SEARCH_YEARS)))
    except StopIteration:
        first = None
    except (ValueError, TypeError, KeyError) as error:
        raise ValueError(f"dateutil cannot read it ({error}); check each value") from None
    if first is None:
        raise ValueError(
            "its BYxxx parts exclude every day (such as BYMONTH=2;BYMONTHDAY=30); "
            "choose days that exist"
        )
    return rule


def rule_problems(
    rule: Rule,
    start: dt.date,
    last_day: dt.date,
    is_available: Callable[[dt.date], bool],
    anchor: dt.date | None = None,
    anchor_name: str = "rrule_start",
) -> Iterable[str]:
    """What is wrong with a checked rule in a plan from ``start`` to ``last_day``.

    The rule counts from ``anchor`` (``start`` when None), which the field ``anchor_name``
    gives. From an anchor before the start, a rule whose days all fall before the start has
    ended: that is no error (a re-forecast after the last of them), the venue just has no
    contributions left, the event no edition.
    """
    first = start if anchor is None else anchor
    since = "the plan starts" if anchor is None else f"its {anchor_name}"
    if rule.until is not None and rule.until < first:
        yield (
            f"its UNTIL ({rule.until.isoformat()}) is before {since} "
            f"({first.isoformat()}); remove UNTIL or move it later"
        )
        return
    if rule.until is not None and rule.until > last_day:
        yield (
            f"its UNTIL ({rule.until.isoformat()}) is beyond the plan's ten years "
            f"(to {last_day.isoformat()}); remove UNTIL, the plan stops there anyway"
        )
        return
    days = rule.days(first, last_day)
    if next(days, None) is None:
        yield (
            f"it has no day from {first.isoformat()} to {last_day.isoformat()}; widen the rule "
            f"or move {'the start' if anchor is None else anchor_name}"
        )
    elif not any(is_available(day) for day in rule.days(first, last_day)):
        yield (
            f"it has no day from {first.isoformat()} to {last_day.isoformat()} outside the "
            "unavailable periods; widen the rule or shorten the periods"
        )


def _check_parts(parts: dict[str, str]) -> None:
    for name in parts:
        if name in _TIME_PARTS:
            raise ValueError(
                f"{name} sets a time of day, which the schedule chooses; remove {name}"
            )
        if name == "DTSTART" or name not in _PARTS:
            raise ValueError(f"{name} is not a rule part eminence reads; remove it")
    frequency = parts.get("FREQ")
    if frequency not in _FREQUENCIES:
        raise ValueError(
            f"FREQ={frequency or ''} is not one of {', '.join(_FREQUENCIES)}; the schedule "
            "places at most one block a day, so use FREQ=DAILY or a longer period"
        )
    if "INTERVAL" in parts:
        _whole(parts["INTERVAL"], "INTERVAL", 1, MAX_INTERVAL)
    for name, largest in _LARGEST.items():
        if name in parts:
            for value in parts[name].split(","):
                _numbered_value(name, value, largest)
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValueError("COUNT and UNTIL are both given (RFC 5545 allows one); keep one")
    combinations = [
        ("BYWEEKNO", frequency != "YEARLY", "works only with FREQ=YEARLY"),
        ("BYYEARDAY", frequency in {"DAILY", "WEEKLY", "MONTHLY"}, "works only with FREQ=YEARLY"),
        ("BYMONTHDAY", frequency == "WEEKLY", "does not work with FREQ=WEEKLY; use BYDAY"),
        (
            "BYDAY",
            _numbered(parts.get("BYDAY", ""))
            and (frequency in {"DAILY", "WEEKLY"} or "BYWEEKNO" in parts),
            "takes a number (such as 1TU) only with FREQ=MONTHLY, or FREQ=YEARLY without BYWEEKNO",
        ),
        (
            "BYSETPOS",
            not any(name.startswith("BY") and name != "BYSETPOS" for name in parts),
            "needs another BYxxx part to pick from",
        ),
    ]
    for name, impossible, advice in combinations:
        if name in parts and impossible:
            raise ValueError(f"{name} {advice} (RFC 5545)")


def _numbered_value(name: str, value: str, largest: int) -> None:
    lowest = 1 if name == "BYMONTH" else -largest
    if _whole(value, name, lowest, largest) == 0:
        raise ValueError(f"{name}=0 names no day; count from 1, or back from -1 for the last")


def _numbered(days: str) -> bool:
    return any(day.strip()[:1] in "+-0123456789" for day in days.split(",") if day.strip())


def _whole(value: str, name: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name}={value} is not a whole number") from None
    if not low <= number <= high:
        raise ValueError(f"{name}={value} must be from {low:,} to {high:,}")
    return number


def _until(value: str) -> dt.date:
    try:
        if not re.fullmatch(r"\d{8}(T\d{6}Z?)?", value):
            raise ValueError(value)
        return dt.datetime.strptime(value[:8], "%Y%m%d").date()
    except ValueError:
        raise ValueError(f"UNTIL={value} is not a date such as 20271231") from None
