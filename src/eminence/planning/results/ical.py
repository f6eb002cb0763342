"""The schedule as an iCalendar file (RFC 5545), for any calendar application.

It writes the schedule's own rules rather than a view of them: each recurring item is one
VEVENT with its RRULE and EXDATEs, so ten years of daily blocks stay a few lines, and the
calendar recurs them itself. UIDs come from the items' ids and the profile's name, so
importing the file of an updated plan replaces the blocks it had imported; DTSTAMP is the
plan's start, so the same plan gives the same bytes; the profile's name is in every UID, as
readable text and as a hash of the whole name, so plans of two profiles never share one.
Text is stripped of control characters and bidirectional overrides (line breaks become
spaces in titles) and escaped here, as RFC 5545 says, so that it reads back exactly:
icalendar's own escaping turns a literal backslash-N (a Windows path) into a line break.
icalendar folds the lines.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eminence.errors import MissingExtraError
from eminence.model import _figures as figures
from eminence.planning.results.schedule import PROPOSAL_ALARM, ItemKind, Schedule, ScheduleItem

__all__ = ("Part", "calendar_ical", "one_line", "schedule_ical")

_PRODUCT = "-//eminence//eminence plan//EN"


def schedule_ical(schedule: Schedule, name: str) -> bytes:
    """The schedule as the bytes of an ``.ics`` file named after ``name`` (the profile's).

    Needs the ``ical`` extra (``pip install 'eminence[ical]'``).
    """
    return calendar_ical(name, [Part(schedule)])


@dataclass(frozen=True)
class Part:
    """One schedule among those a calendar holds: its UIDs get ``uid_prefix`` and its titles
    ``title_prefix``, so that schedules of several experts share a calendar without clashing."""

    schedule: Schedule
    uid_prefix: str = ""
    title_prefix: str = ""


def calendar_ical(name: str, parts: Sequence[Part]) -> bytes:
    """The schedules of ``parts`` as one ``.ics`` file named after ``name``: a profile's, or a
    firm's with every expert's schedule in it. Needs the ``ical`` extra."""
    try:
        import icalendar
    except ImportError:
        raise MissingExtraError("icalendar", "ical", "Calendar export") from None

    calendar = icalendar.Calendar()
    calendar.add("prodid", _PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    text = _text_type(icalendar)
    calendar.add("x-wr-calname", text(one_line(f"eminence: {name}")))
    start = min(part.schedule.start for part in parts)
    until = max(part.schedule.until for part in parts)
    stamp = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
    domain = _slug(name)
    # Each event is written as soon as it is built: a calendar of every item at once holds
    # hundreds of objects per item, and ten years of dated work has tens of thousands.
    events: list[bytes] = []
    zones: set[str] = set()
    for part in parts:
        named = False
        for item in part.schedule.items:
            event = _event(icalendar, text, part, item, stamp, domain)
            if item.time is not None and not named:
                # Every timed item is in its schedule's zone: the first names it.
                named = True
                zones |= {
                    value.params["TZID"]
                    for _, value in event.property_items(sorted=False)
                    if "TZID" in getattr(value, "params", {})
                }
            events.append(event.to_ical())
    for zone in sorted(zones - {"UTC"}):
        # Transitions from the year before the start to the year after the end, and no more.
        try:
            timezone = icalendar.Timezone.from_tzid(
                zone,
                first_date=dt.date(max(start.year - 1, 1), 1, 1),
                last_date=dt.date(min(until.year + 2, 9999), 1, 1),
            )
        except ValueError:  # a zone icalendar does not know is left to the calendar
            continue
        calendar.add_component(timezone)
    # The time zones come before the events that name them, as RFC 5545 asks.
    end = b"END:VCALENDAR\r\n"
    head: bytes = calendar.to_ical()
    return b"".join((head.removesuffix(end), *events, end))


def _event(
    icalendar: Any,
    text: Any,
    part: Part,
    item: ScheduleItem,
    stamp: dt.datetime,
    domain: str,
) -> Any:
    schedule, title = part.schedule, part.title_prefix + item.heading
    event = icalendar.Event()
    event.add("uid", f"{part.uid_prefix}{item.uid}@{domain}.eminence")
    event.add("dtstamp", stamp)
    event.add("summary", text(one_line(title)))
    event.add("categories", [item.kind.value])
    event.add("description", text(_text(_description(item))))
    if item.time is None:
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("transp", "OPAQUE" if item.kind is ItemKind.EVENT else "TRANSPARENT")
    else:
        zone = schedule.zone
        event.add("dtstart", dt.datetime.combine(item.day, item.time, tzinfo=zone))
        event.add("duration", item.duration)
    if item.rule is not None:
        assert item.until is not None
        rule = icalendar.vRecur.from_ical(item.rule)
        if item.time is None:
            rule["UNTIL"] = [item.until]
        else:
            last = dt.datetime.combine(item.until, item.time, tzinfo=schedule.zone)
            rule["UNTIL"] = [last.astimezone(dt.UTC)]
        event.add("rrule", rule)
        if item.exceptions:
            excluded = [
                day if item.time is None else dt.datetime.combine(day, item.time, schedule.zone)
                for day in item.exceptions
            ]
            event.add("exdate", excluded)
    if item.kind is ItemKind.PROPOSAL_DEADLINE:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text(one_line(f"In a week: {title}")))
        alarm.add("trigger", -PROPOSAL_ALARM)
        event.add_component(alarm)
    return event


def _description(item: ScheduleItem) -> str:
    # The voice leads: who a contribution speaks for matters before what it says.
    lines = [item.spoken_as] if item.spoken_as else []
    if item.description:
        lines.append(item.description)
    if item.hours:
        lines.append(f"{figures.hours(item.hours)} h")
    if item.contributions:
        lines.append(f"{figures.rate(item.contributions)} contributions")
    if item.venue:
        lines.append(f"venue: {item.venue}")
    if item.event:
        lines.append(f"event: {item.event}")
    if item.goals:
        lines.append(f"goals: {', '.join(item.goals)}")
    return "\n".join([*lines, "Planned with eminence."])


# Control characters, and the bidirectional overrides and isolates that would let a name
# show its text reversed or reorder the rest of a title.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")


def _text(text: str) -> str:
    """Text without control characters; line breaks stay, as \\n, for descriptions."""
    text = _BREAKS.sub("\n", text).replace("\t", " ")
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def one_line(text: str) -> str:
    """Text as a calendar title shows it: on one line, without control characters."""
    return " ".join(_text(text).split())


@functools.cache
def _text_type(icalendar: Any) -> Any:
    """icalendar's TEXT value, escaped as RFC 5545 says (backslash, semicolon, comma, line
    break) and nothing else, so every character written reads back as itself."""

    class Text(icalendar.vText):  # type: ignore[misc]
        def to_ical(self) -> bytes:
            escaped = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            return escaped.replace("\n", "\\n").encode()

    return Text


def _slug(name: str) -> str:
    """Readable, and unique to the name: names alike in Latin letters differ in the hash."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    readable = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "plan"
    return f"{readable}-{hashlib.sha256(name.encode()).hexdigest()[:16]}"
