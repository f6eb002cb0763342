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
of theirs) before the plan's start: a rule with a COUNT, BYSETPOS, BYWEEKNO or BYYEARDAY
walks every day from it, so not further back."""

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
_UNSKIPPED = frozenset({"BYSETPOS", "BYWEEKNO", "BYYEARDAY"})
"""Parts with which a rule always walks from its anchor: a period's days may depend on more
than the period (BYWEEKNO's weeks straddle years), so no later start is taken on trust."""
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
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
        counted, not given: a rule with a COUNT walks them (at most `MAX_COUNT`), one without
        starts from the last of its periods on or before ``first_day``, so that the time
        grows with the days asked for, not with the days since the anchor.
        """
        start = first_day if anchor is None else anchor
        end = last_day if self.until is None else min(last_day, self.until)
        if end < first_day:
            return iter(())
        body = self.body
        if self.count is None:
            # Without a COUNT, the days before ``first_day`` count for nothing: the walk starts
            # at the last of the rule's periods that begins on or before it.
            body, start = _skipped(body, start, first_day)
        # dateutil looks for an occurrence that never comes up to the year 9999, which takes
        # seconds from today. Moved by whole 400-year cycles to just before 9999, the same
        # days (same weekdays, same leap years) come out, and that search ends soon.
        shift = _CYCLE_YEARS * ((dt.MAXYEAR - max(end.year, start.year)) // _CYCLE_YEARS)
        found = _recurrence(body, _moved(start, shift))
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


def _skipped(body: str, anchor: dt.date, first_day: dt.date) -> tuple[str, dt.date]:
    """The rule and the start to walk from for its days on and after ``first_day``: the
    last start of one of its periods (FREQ times INTERVAL from ``anchor``) on or before
    ``first_day``, with the parts dateutil takes from the anchor written out; the rule and
    ``anchor`` as they are when no whole period lies between them, or when a part
    (BYSETPOS, BYWEEKNO, BYYEARDAY) makes a period's days depend on more than the period.

    dateutil gives a rule's periods from its start on: days, weeks (a week from any day,
    then whole weeks from WKST), calendar months or calendar years, INTERVAL apart, each
    holding the same days whatever the start but for those before the start. So from a
    later start in the same phase the same days come out from it on.
    """
    if first_day <= anchor:
        return body, anchor
    parts = dict(part.split("=", 1) for part in body.split(";"))
    if not _UNSKIPPED.isdisjoint(parts):
        return body, anchor
    frequency, every = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    days = (first_day - anchor).days
    if frequency == "DAILY":
        start = anchor + dt.timedelta(days=days // every * every)
    elif frequency == "WEEKLY":
        start = anchor + dt.timedelta(weeks=days // (7 * every) * every)
    elif frequency == "MONTHLY":
        months = 12 * (first_day.year - anchor.year) + first_day.month - anchor.month
        year, month = divmod(12 * anchor.year + anchor.month - 1 + months // every * every, 12)
        start = dt.date(year, month + 1, 1)
    elif frequency == "YEARLY":
        start = dt.date(anchor.year + (first_day.year - anchor.year) // every * every, 1, 1)
    else:
        return body, anchor
    if start <= anchor:
        return body, anchor
    # Without BYMONTHDAY or BYDAY, dateutil takes the day from the start (RFC 5545): the
    # anchor's weekday for a weekly rule, its day of the month for a monthly one, its month
    # (without BYMONTH) and day for a yearly one. The time of day is midnight either way.
    if "BYMONTHDAY" not in parts and "BYDAY" not in parts:
        if frequency == "WEEKLY":
            body += f";BYDAY={_WEEKDAYS[anchor.weekday()]}"
        elif frequency == "MONTHLY":
            body += f";BYMONTHDAY={anchor.day}"
        elif frequency == "YEARLY":
            body += "" if "BYMONTH" in parts else f";BYMONTH={anchor.month}"
            body += f";BYMONTHDAY={anchor.day}"
    return body, start


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
