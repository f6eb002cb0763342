"""The listening report as text: who talks where, what they raise, what peers do, what moved."""

from __future__ import annotations

from eminence.planning.evidence import CREDIBLE, ListeningReport
from eminence.report.table import text_table

__all__ = ("listening_text",)


def listening_text(report: ListeningReport) -> str:
    """The estimates with their intervals, the changes to the profile, and the new priorities."""
    period = (
        f"{report.first_date.isoformat()} to {report.last_date.isoformat()}"
        if report.first_date and report.last_date
        else "no observations"
    )
    head = f"Listening: {report.observations} observations, {period}"
    parts = [head, _audience(report), _topics(report), _peers(report)]
    parts += [_changes(report), _priorities(report), _shrink(report)]
    return "\n\n".join(part for part in parts if part)


def _audience(report: ListeningReport) -> str:
    if not report.audience:
        return ""
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
    table = text_table(
        ["venue", "segment", "profile", "observed", "now", f"{CREDIBLE:.0%} interval"],
        rows,
        footnote=report.footnote,
    )
    return f"Who talks where\n{table}"


def _topics(report: ListeningReport) -> str:
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
        return ""
    table = text_table(["segment", "topic", "mentions", "need before", "need now"], rows)
    return f"What each segment raises\n{table}"


def _peers(report: ListeningReport) -> str:
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
        return ""
    table = text_table(
        ["peer", "venue", "seen", "cadence before", "cadence now", "draws most engagement"],
        rows,
        footnote="cadence in contributions per week",
    )
    return f"Peers\n{table}"


def _changes(report: ListeningReport) -> str:
    if not report.changes:
        return "No change to the profile: the log holds no evidence that moves it."
    rows = [
        (
            change.path,
            "-" if change.before is None else f"{change.before:g}",
            "-" if change.after is None else f"{change.after:g}",
            change.reason,
        )
        for change in report.changes
    ]
    table = text_table(["what", "before", "after", "why"], rows)
    return f"Changes to the profile\n{table}"


def _priorities(report: ListeningReport) -> str:
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
    table = text_table(["venue or event", "rank before", "rank now", "progress/h", "now"], rows)
    return f"Priorities before and after\n{table}"


def _shrink(report: ListeningReport) -> str:
    lines = [
        f"  {evidence.name}: {evidence.listening_hours:g} h -> "
        f"{evidence.suggested_listening_hours:g} h (every targeted share within "
        f"{report.settled_width:.0%}; the log holds {evidence.evidence_weight:.0%} of the "
        "evidence)"
        for evidence in report.understood
    ]
    if not lines:
        return "No venue is understood well enough yet to shorten its listening."
    return "Listening that can shrink\n" + "\n".join(lines)
