"""The listening report: who talks where, what they raise, what peers do, what moved."""

from __future__ import annotations

from eminence.model import _figures as figures
from eminence.model._words import counted
from eminence.planning.evidence import CREDIBLE, ListeningReport
from eminence.report.blocks import Document, Lines, Paragraph, Section, Table
from eminence.report.table import text_document

__all__ = ("listening_document", "listening_text")


def listening_document(report: ListeningReport) -> Document:
    """The estimates with their intervals, the changes to the profile, and the new priorities."""
    period = (
        f"{report.first_date.isoformat()} to {report.last_date.isoformat()}"
        if report.first_date and report.last_date
        else "no observations"
    )
    sections = [_audience(report), _topics(report), _peers(report)]
    sections += [_changes(report), _priorities(report), _shrink(report)]
    return Document(
        f"Listening: {counted(report.observations, 'observation')}, {period}",
        [section for section in sections if section is not None],
    )


def listening_text(report: ListeningReport) -> str:
    """The listening report, readable in a terminal."""
    return text_document(listening_document(report))


def _audience(report: ListeningReport) -> Section | None:
    if not report.audience:
        return None
    rows = [
        (
            evidence.name,
            share.segment,
            figures.chance(share.prior),
            f"{share.count}/{evidence.identified}",
            figures.chance(share.mean),
            f"{figures.chance(share.low)}-{figures.chance(share.high)}",
        )
        for evidence in report.audience
        for share in (*evidence.shares, evidence.other)
        if share.prior > 0 or share.count > 0
    ]
    table = Table(
        ["venue", "segment", "profile", "observed", "now", f"{figures.chance(CREDIBLE)} interval"],
        rows,
        footnote=report.footnote,
    )
    return Section("Who talks where", [table])


def _topics(report: ListeningReport) -> Section | None:
    rows = [
        (
            evidence.segment,
            share.topic,
            f"{share.mentions}/{evidence.mentions}",
            figures.quantity(share.prior_importance),
            figures.quantity(share.importance),
        )
        for evidence in report.topics
        for share in evidence.topics
    ]
    if not rows:
        return None
    table = Table(["segment", "topic", "mentions", "need before", "need now"], rows)
    return Section("What each segment raises", [table])


def _peers(report: ListeningReport) -> Section | None:
    rows = []
    for evidence in report.peers:
        strongest = evidence.strongest
        best = (
            f"{strongest.topic or '-'} at {strongest.venue} "
            f"({figures.rate(strongest.engagement_per_contribution)} per contribution)"
            if strongest
            else "-"
        )
        for cadence in evidence.cadence:
            rows.append(
                (
                    evidence.name,
                    cadence.venue,
                    cadence.contributions,
                    "-" if cadence.prior is None else figures.rate(cadence.prior),
                    f"{figures.rate(cadence.mean)} "
                    f"({figures.rate(cadence.low)}-{figures.rate(cadence.high)})",
                    best,
                )
            )
            best = ""
    if not rows:
        return None
    table = Table(
        ["peer", "venue", "seen", "cadence before", "cadence now", "draws most engagement"],
        rows,
        footnote="cadence in contributions per week",
    )
    return Section("Peers", [table])


def _changes(report: ListeningReport) -> Section:
    heading = "Changes to the profile"
    if not report.changes:
        return Section(
            heading, [Paragraph("None: the log holds no evidence that moves the profile.")]
        )
    rows = [
        (
            change.path,
            "-" if change.before is None else figures.quantity(change.before),
            "-" if change.after is None else figures.quantity(change.after),
            change.reason,
        )
        for change in report.changes
    ]
    return Section(heading, [Table(["what", "before", "after", "why"], rows)])


def _priorities(report: ListeningReport) -> Section:
    rows = [
        (
            shift.name if shift.event is None else f"{shift.name} (event)",
            shift.rank_before,
            shift.rank_after,
            figures.progress_per_hour(shift.progress_per_hour_before),
            figures.progress_per_hour(shift.progress_per_hour_after),
        )
        for shift in sorted(report.priorities, key=lambda shift: shift.rank_after)
    ]
    table = Table(["venue or event", "rank before", "rank now", "progress/h", "now"], rows)
    return Section("Priorities before and after", [table])


def _shrink(report: ListeningReport) -> Section:
    lines = [
        f"{evidence.name}: {figures.hours(evidence.listening_hours)} h -> "
        f"{figures.hours(evidence.suggested_listening_hours)} h (every targeted share within "
        f"{figures.chance(report.settled_width)}; the log holds "
        f"{figures.chance(evidence.evidence_weight)} of the "
        "evidence)"
        for evidence in report.understood
    ]
    heading = "Listening that can shrink"
    if not lines:
        return Section(
            heading, [Paragraph("None yet: no venue is understood well enough to shorten it.")]
        )
    return Section(heading, [Lines(lines)])
