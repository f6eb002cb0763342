"""The listening report: who talks where, what they raise, what peers do, what moved."""

from __future__ import annotations

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
            f"{share.prior:.0%}",
            f"{share.count}/{evidence.identified}",
            f"{share.mean:.0%}",
            f"{share.low:.0%}-{share.high:.0%}",
        )
        for evidence in report.audience
        for share in (*evidence.shares, evidence.other)
        if share.prior > 0 or share.count > 0
    ]
    table = Table(
        ["venue", "segment", "profile", "observed", "now", f"{CREDIBLE:.0%} interval"],
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
            f"{share.prior_importance:g}",
            f"{share.importance:g}",
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
            f"({strongest.engagement_per_contribution:.1f} per contribution)"
            if strongest
            else "-"
        )
        for cadence in evidence.cadence:
            rows.append(
                (
                    evidence.name,
                    cadence.venue,
                    cadence.contributions,
                    "-" if cadence.prior is None else f"{cadence.prior:g}",
                    f"{cadence.mean:.2f} ({cadence.low:.2f}-{cadence.high:.2f})",
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
            "-" if change.before is None else f"{change.before:g}",
            "-" if change.after is None else f"{change.after:g}",
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
            f"{shift.progress_per_hour_before:.3%}",
            f"{shift.progress_per_hour_after:.3%}",
        )
        for shift in sorted(report.priorities, key=lambda shift: shift.rank_after)
    ]
    table = Table(["venue or event", "rank before", "rank now", "progress/h", "now"], rows)
    return Section("Priorities before and after", [table])


def _shrink(report: ListeningReport) -> Section:
    lines = [
        f"{evidence.name}: {evidence.listening_hours:g} h -> "
        f"{evidence.suggested_listening_hours:g} h (every targeted share within "
        f"{report.settled_width:.0%}; the log holds {evidence.evidence_weight:.0%} of the "
        "evidence)"
        for evidence in report.understood
    ]
    heading = "Listening that can shrink"
    if not lines:
        return Section(
            heading, [Paragraph("None yet: no venue is understood well enough to shorten it.")]
        )
    return Section(heading, [Lines(lines)])
