"""The plan and its parts as documents: priorities, the weekly split, projections and notes."""

from __future__ import annotations

from collections.abc import Mapping

from eminence.model import Profile
from eminence.model import _figures as figures
from eminence.model._words import counted
from eminence.planning import Allocation, Plan, Priorities, Projections
from eminence.planning.results import GoalProjection, VenueHours
from eminence.planning.scheduling import Cadence, cadence
from eminence.report.agenda import schedule_section
from eminence.report.blocks import Document, Lines, Section, Table
from eminence.report.content import content_section
from eminence.report.costs import costs_section
from eminence.report.focus import focus_section
from eminence.report.svg import charts_section
from eminence.report.table import text_document
from eminence.report.targets import target_words

__all__ = (
    "allocation_document",
    "allocation_sections",
    "effective_rate",
    "plan_document",
    "plan_text",
    "priorities_document",
    "priorities_sections",
    "projections_document",
    "projections_sections",
)


def priorities_sections(priorities: Priorities) -> list[Section]:
    """Ranked venues and events with their score and robustness, then the reasons."""
    table = Table(
        ["rank", "venue or event", "where", "progress/h", f"top {priorities.top}"],
        [
            (
                f"{item.rank}{'=' if item.tied else ''}",
                item.name if item.event is None else f"{item.name} (event)",
                "offline" if item.kind.is_offline else "online",
                figures.progress_per_hour(item.progress_per_hour),
                figures.chance(item.chance_in_top),
            )
            for item in priorities.items
        ],
        footnote=priorities.footnote,
    )
    reasons = Lines([f"{item.name}: {item.reason}" for item in priorities.items])
    return [Section("Priorities", [table]), Section("Why", [reasons])]


def allocation_sections(allocation: Allocation, profile: Profile | None = None) -> list[Section]:
    """Hours and contributions per week per venue, when each starts, and the events taken.

    The contributions are the split's effective rate; given the ``profile`` the split was
    made from, each also says the whole contributions its schedule places, and how often.
    """
    split = Table(
        ["venue", "h/week", "contributions", "listening h", "active from"],
        [
            (
                venue.name,
                figures.hours_per_week(venue.hours_per_week),
                effective_rate(venue, profile),
                figures.hours(venue.listening_hours),
                venue.active_from.isoformat() if venue.active_from else "-",
            )
            for venue in sorted(allocation.venues, key=lambda venue: -venue.hours_per_week)
            if venue.hours_per_week > 0
        ],
        footnote=allocation.footnote
        + "; contributions are an average a week"
        + ("" if profile is None else ", then the whole ones the schedule places"),
    )
    taken = [event for event in allocation.events if event.taken]
    if not taken:
        return [Section("The weekly split", [split])]
    events = Table(
        ["event", "date", "proposal due", "expected h", "listening h", "progress/h"],
        [
            (
                event.name,
                event.date.isoformat(),
                event.proposal_deadline.isoformat() if event.proposal_deadline else "-",
                figures.hours(event.expected_hours),
                figures.hours(event.listening_hours),
                figures.progress_per_hour(event.progress_per_hour),
            )
            for event in taken
        ],
        footnote=f"{len(taken)} of {counted(len(allocation.events), 'event')} taken",
    )
    return [Section("The weekly split", [split, events])]


def rates_of(profile: Profile) -> dict[str, str]:
    """Each rate goal's target as people say it, by goal id: '5 leads a quarter'."""
    return {
        goal.id: goal.rate_words(profile.metric(goal.metric).unit or goal.metric)
        for goal in profile.goals
        if goal.is_rate
    }


def effective_rate(venue: VenueHours, profile: Profile | None = None) -> str:
    """A venue's contributions a week, an average such as 0.231, labelled as one with the
    rhythm its schedule keeps: "0.231 a week (one every 4 weeks)"."""
    rate = f"{figures.rate(venue.contributions_per_week)} a week"
    found = None if profile is None else cadence(profile, venue)
    return rate if found is None else f"{rate} ({_whole(found)})"


def _whole(found: Cadence) -> str:
    count = "one" if found.count == 1 else str(found.count)
    if found.times_a_year is not None:
        return f"{count} each time, {found.times_a_year} times a year"
    return f"{count} a week" if found.weeks == 1 else f"{count} every {found.weeks} weeks"


def projections_sections(
    projections: Projections,
    names: Mapping[str, str] | None = None,
    rates: Mapping[str, str] | None = None,
) -> list[Section]:
    """When each goal is reached: expected, P50 / P80 / P95, the chance by its deadline, why.

    ``names`` maps goal ids to the names shown; a goal without one shows its id. ``rates``
    maps a rate goal's id to its target in words (`rates_of`), shown for its target.
    """
    names, rates = names or {}, rates or {}

    def held(goal: GoalProjection) -> str:
        rate = rates.get(goal.goal)
        if rate is None:
            return ""
        return f"{rate}, held from {goal.p50} (P50); " if goal.p50 else f"{rate}; "

    def day(value: object) -> str:
        return "-" if value is None else str(value)

    table = Table(
        ["goal", "target", "expected", "which is", "P50", "P80", "P95", "deadline", "chance"],
        [
            (
                names.get(goal.goal, goal.goal),
                rates.get(goal.goal, target_words(goal)),
                day(goal.expected_date),
                goal.duration,
                day(goal.p50),
                day(goal.p80),
                day(goal.p95),
                day(goal.deadline),
                "-" if goal.chance_by_deadline is None else figures.chance(goal.chance_by_deadline),
            )
            for goal in projections.goals
        ],
        footnote=projections.footnote + "; '-' means not within the horizon",
    )
    reasons = Lines(
        [
            f"{names.get(goal.goal, goal.goal)}: {held(goal)}{goal.explanation}"
            for goal in projections.goals
        ]
    )
    return [Section("When the goals are reached", [table]), Section("What binds", [reasons])]


def priorities_document(priorities: Priorities) -> Document:
    """The ranking on its own."""
    return Document("", priorities_sections(priorities))


def allocation_document(allocation: Allocation) -> Document:
    """The weekly split on its own."""
    return Document("", allocation_sections(allocation))


def projections_document(projections: Projections) -> Document:
    """The projections on their own, goals shown by id."""
    return Document("", projections_sections(projections))


def plan_document(plan: Plan, *, charts: bool = False) -> Document:
    """The whole plan: priorities, the weekly split, what to speak to at each venue with hours,
    when the goals are reached, how focused they are, and notes;
    with ``charts``, led by the charts of the split, the timeline and each goal, for a page."""
    capacity = plan.profile.capacity
    title = (
        f"Plan for {plan.profile.name}: {figures.hours_per_week(capacity.hours_per_week)} h/week "
        f"from {capacity.start.isoformat()}"
    )
    names = {goal.id: goal.name or goal.id for goal in plan.profile.goals}
    sections = [charts_section(plan)] if charts else []
    sections += priorities_sections(plan.priorities)
    sections += allocation_sections(plan.allocation, plan.profile)
    busy = {venue.venue for venue in plan.allocation.venues if venue.hours_per_week > 0}
    sections.append(content_section(plan.content, busy))
    sections += projections_sections(plan.projections, names, rates_of(plan.profile))
    if plan.focus is not None:
        sections.append(focus_section(plan.focus, names))
    sections += [costs_section(plan.costs), schedule_section(plan.schedule)]
    if plan.notes:
        sections.append(Section("Notes", [Lines([note.message for note in plan.notes])]))
    return Document(title, sections)


def plan_text(plan: Plan) -> str:
    """The whole plan, readable in a terminal."""
    return text_document(plan_document(plan))
