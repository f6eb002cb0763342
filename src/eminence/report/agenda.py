"""The schedule as a document: the first weeks day by day, the recurring work, the key dates."""

from __future__ import annotations

import datetime as dt

from eminence.model import Voice
from eminence.model import _figures as figures
from eminence.model._words import counted
from eminence.planning import ItemKind, Schedule
from eminence.report.blocks import Document, Lines, Section, Table
from eminence.report.table import text_document

__all__ = ("schedule_document", "schedule_section", "schedule_text")

_KEY_DATES = (ItemKind.PROPOSAL_DEADLINE, ItemKind.EVENT)


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
            _voiced(o.title, o.voice),
            figures.hours(o.hours) if o.hours else "-",
        )
        for o in schedule.occurrences(last=last)
    ]
    footnote = (
        f"the first {counted(weeks, 'week')} of {counted(len(schedule.items), 'scheduled item')} "
        f"to {schedule.until.isoformat()}, times in {schedule.time_zone}; plan.to_ical() or "
        "--ics exports them all"
    )
    return Section("What to do first", [Table(["day", "time", "what", "hours"], rows, footnote)])


def _voiced(title: str, voice: Voice | None) -> str:
    """A title marked when spoken for the firm; the expert's own voice is the unmarked default."""
    return f"{title} (in the firm's voice)" if voice is Voice.FIRM else title


def schedule_document(schedule: Schedule) -> Document:
    """The first two weeks, then every recurring block and the dates that cannot move."""
    recurring = [item for item in schedule.items if item.rule is not None]
    skipped = sum(len(item.exceptions) for item in recurring)
    rhythm = Table(
        ["what", "from", "until", "rule", "time", "hours each"],
        [
            (
                _voiced(item.title, item.voice),
                item.day.isoformat(),
                item.until.isoformat() if item.until else "-",
                item.rule,
                "all day" if item.time is None else f"{item.time:%H:%M}",
                figures.hours(item.hours) if item.hours else "-",
            )
            for item in recurring
        ],
        footnote=f"RFC 5545 rules; {counted(skipped, 'day')} skipped: unavailable, over a "
        "week's capacity, or given to event preparation",
    )
    dated = sorted(
        (item for item in schedule.items if item.kind in _KEY_DATES), key=lambda item: item.day
    )
    preparation = [item for item in schedule.items if item.kind is ItemKind.PREPARATION]
    key_dates = Table(
        ["day", "what"],
        [(f"{item.day:%a %Y-%m-%d}", _voiced(item.title, item.voice)) for item in dated],
        footnote=f"{counted(len(preparation), 'preparation block')} of "
        f"{figures.hours(sum(item.hours for item in preparation))} h lead up to them",
    )
    sections = [schedule_section(schedule), Section("Recurring work", [rhythm])]
    if dated:
        sections.append(Section("Key dates", [key_dates]))
    notes = []
    if schedule.unplaced_hours > 0:
        notes.append(
            f"{figures.hours(schedule.unplaced_hours)} h of event preparation found no free "
            "slot before it was due"
        )
    if schedule.dropped_hours > 0:
        notes.append(
            f"{figures.hours(schedule.dropped_hours)} h of weekly work and listening found no "
            "room in their weeks"
        )
    if notes:
        sections.append(Section("Not placed", [Lines(notes)]))
    return Document("", sections)
