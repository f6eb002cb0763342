"""The schedule as text: the first weeks, day by day, so the plan reads as what to do."""

from __future__ import annotations

import datetime as dt

from eminence.planning import Schedule
from eminence.report.blocks import Document, Section, Table
from eminence.report.table import text_document

__all__ = ("schedule_section", "schedule_text")


def schedule_text(schedule: Schedule, weeks: int = 2) -> str:
    """What to do in the first ``weeks`` weeks, with the time and hours of each block."""
    return text_document(Document("", [schedule_section(schedule, weeks)]))


def schedule_section(schedule: Schedule, weeks: int = 2) -> Section:
    """What to do in the first ``weeks`` weeks, with the time and hours of each block."""
    last = schedule.start + dt.timedelta(weeks=weeks, days=-1)
    rows = [
        (
            f"{o.day:%a %Y-%m-%d}",
            "all day" if o.start is None else f"{o.start:%H:%M}",
            o.title,
            f"{o.hours:.2f}" if o.hours else "-",
        )
        for o in schedule.occurrences(last=last)
    ]
    items = len(schedule.items)
    footnote = (
        f"the first {weeks} weeks of {items} scheduled items to {schedule.until.isoformat()}, "
        f"times in {schedule.time_zone}; plan.to_ical() or --ics exports them all"
    )
    return Section("What to do first", [Table(["day", "time", "what", "hours"], rows, footnote)])
