"""The listening report: who talks where, what they raise, what peers do, what moved."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from eminence.model import _figures as figures
from eminence.model._base import Record
from eminence.model._words import counted
from eminence.planning.evidence import CREDIBLE, ListeningReport
from eminence.report.blocks import Block, Document, Lines, Paragraph, Section, Table
from eminence.report.table import text_document

__all__ = ("listening_document", "listening_text")

_MAX_ENTRIES = 10
"""Suggested records shown in a report; the rest are in its JSON."""


def listening_document(report: ListeningReport) -> Document:
    """The estimates with their intervals, the changes to the profile, and the new priorities."""
    period = (
        f"{report.first_date.isoformat()} to {report.last_date.isoformat()}"
        if report.first_date and report.last_date
        else "no observations"
    )
    sections = [_audience(report), _topics(report), _peers(report)]
    sections += [_changes(report), _priorities(report), _shrink(report)]
    sections += [_candidate_venues(report), _candidate_peers(report), _rules(report)]
    sections += [_skipped(report)]
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
            figures.chance_range(share.low, share.high),
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


def _candidate_venues(report: ListeningReport) -> Section | None:
    found = report.discovery
    if not found.venues:
        return None
    rows = [
        (
            venue.venue,
            venue.rows,
            figures.rate(venue.conversations_per_week),
            f"{venue.targeted_voices}/{venue.identified}",
            "-" if venue.targeted_share is None else figures.chance(venue.targeted_share),
            "-"
            if venue.targeted_low is None or venue.targeted_high is None
            else figures.chance_range(venue.targeted_low, venue.targeted_high),
            figures.chance(venue.clients_took_part),
            ", ".join(venue.topics[:3]) or "-",
        )
        for venue in found.venues
    ]
    table = Table(
        [
            "venue",
            "rows",
            "per week",
            "target voices",
            "share",
            f"{figures.chance(CREDIBLE)} interval",
            "clients joined",
            "topics",
        ],
        rows,
        footnote=f"venues not in the profile with at least {found.min_candidate_rows} rows, "
        "surest first (by the interval's low end); target voices are the identified speakers "
        "of the segments the goals target",
    )
    lead = Paragraph("Suggested profile entries, ready to paste:")
    entries = _entries([(venue.suggested, venue.guesses) for venue in found.venues])
    return Section("Candidate venues", [table, lead, *entries])


def _candidate_peers(report: ListeningReport) -> Section | None:
    found = report.discovery
    if not found.peers:
        return None
    rows = [
        (
            peer.speaker,
            peer.contributions,
            ", ".join(f"{venue} {count}" for venue, count in peer.venues.items()),
            ", ".join(f"{topic} {count}" for topic, count in peer.topics.items()) or "-",
            figures.rate(peer.engagement_per_contribution),
        )
        for peer in found.peers
    ]
    quiet = f"; {counted(found.quiet_speakers, 'other unknown speaker')} spoke less often"
    table = Table(
        ["speaker", "conversations", "venues", "topics", "engagement each"],
        rows,
        footnote=f"speakers not in the profile who started at least "
        f"{found.min_peer_contributions} conversations{quiet if found.quiet_speakers else ''}",
    )
    entries = _entries([(peer.suggested, peer.guesses) for peer in found.peers])
    return Section("Candidate peers", [table, *entries])


def _rules(report: ListeningReport) -> Section | None:
    if not report.discovery.rules:
        return None
    rows = [
        (
            f"{use.rule}.{use.label}",
            use.rows,
            ", ".join(f"{keyword!r} {count}" for keyword, count in use.keywords.items()),
        )
        for use in report.discovery.rules
    ]
    table = Table(
        ["rule", "rows labelled", "keywords found"],
        rows,
        footnote="each row's labels and the keyword that gave each are in the log's matched",
    )
    return Section("Labels from keyword rules", [table])


def _skipped(report: ListeningReport) -> Section | None:
    skipped = report.discovery.skipped
    if not skipped:
        return None
    reasons: dict[str, list[str]] = {}
    for row in skipped:
        where = f"row {row.row}" if row.row is not None else f"observations[{row.observation}]"
        reasons.setdefault(row.reason, []).append(where)
    lines = [
        f"{', '.join(places[:5])}{', ...' if len(places) > 5 else ''}: {reason}"
        for reason, places in reasons.items()
    ]
    return Section(f"Skipped: {counted(len(skipped), 'row')}", [Lines(lines)])


def _entries(suggested: Sequence[tuple[Record, Mapping[str, str]]]) -> list[Block]:
    """Each record as one line of JSON to paste, its guessed fields named; then, once, what
    each guess is and what to check."""
    lines: list[str] = []
    why: dict[str, None] = {}
    for record, guesses in suggested[:_MAX_ENTRIES]:
        data = record.model_dump(mode="json", exclude_defaults=True)
        text = json.dumps(data, ensure_ascii=False, separators=(", ", ": "))
        lines.append(f"{text}  (guessed: {', '.join(guesses)})" if guesses else text)
        for field, reason in guesses.items():
            why.setdefault(f"{field}: {reason}", None)
    if len(suggested) > _MAX_ENTRIES:
        lines.append(f"... and {len(suggested) - _MAX_ENTRIES} more in the report's JSON")
    blocks: list[Block] = [Lines(lines)]
    if why:
        blocks += [Paragraph("What the guesses are and what to check:"), Lines(list(why))]
    return blocks
