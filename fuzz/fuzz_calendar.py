"""Fuzz target: any text as names and titles in the calendar export, read back by icalendar.

The file must parse, keep one VEVENT per schedule item, and keep every title on one line
without control characters, reading back exactly as eminence shows it.
"""

from __future__ import annotations

import re
import sys

from _harness import main, total

try:
    import atheris
except ImportError:  # replay only
    import icalendar

    import eminence as em
    from eminence.planning.results.ical import one_line, schedule_ical
    from eminence.testing import profile_data
else:
    with atheris.instrument_imports():
        import icalendar

        import eminence as em
        from eminence.planning.results.ical import one_line, schedule_ical
        from eminence.testing import profile_data

SCHEDULE = em.plan(em.loads(profile_data()), trials=20).schedule
UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@total
def calendar(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    name, _, title = text.partition("|")
    items = tuple(item.model_copy(update={"title": title}) for item in SCHEDULE.items)
    schedule = SCHEDULE.model_copy(update={"items": items})
    events = icalendar.Calendar.from_ical(schedule_ical(schedule, name)).walk("VEVENT")
    if len(events) != len(items):
        raise AssertionError(f"{len(events)} events for {len(items)} items")
    for event, item in zip(events, items, strict=True):
        if UNSAFE.search(str(event["SUMMARY"])):
            raise AssertionError(f"unsafe title {str(event['SUMMARY'])!r}")
        # A contribution block's entry adds its first topic to the title.
        if str(event["SUMMARY"]) != one_line(item.heading):
            raise AssertionError(f"{title!r} reads back as {str(event['SUMMARY'])!r}")


if __name__ == "__main__":
    sys.exit(main(calendar))
