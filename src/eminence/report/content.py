"""What to speak to where: each venue's topics with their reasons, and the topics to avoid."""

from __future__ import annotations

from collections.abc import Collection

from eminence.model import _figures as figures
from eminence.planning.results import Content
from eminence.report.blocks import Document, Lines, Section, Table

__all__ = ("content_document", "content_section")


def content_section(content: Content, venues: Collection[str] | None = None) -> Section:
    """Each venue's topics, best first, with why; ``venues`` keeps only those ids (the plan's
    venues with hours), in the content's order."""
    shown = [venue for venue in content.venues if venues is None or venue.venue in venues]
    table = Table(
        ["venue", "rank", "topic", "need", "peers covering", "depth", "score"],
        [
            (
                venue.name,
                str(choice.rank),
                choice.name,
                figures.quantity(choice.need),
                f"{choice.peers_covering} of {choice.peers_active}",
                figures.quantity(choice.depth),
                figures.quantity(choice.score),
            )
            for venue in shown
            for choice in venue.topics
        ],
        footnote=content.footnote,
    )
    reasons = [
        f"{venue.name}, {choice.name}: {choice.reason}"
        for venue in shown
        for choice in venue.topics
    ]
    risks = [
        f"{venue.name}, {choice.name}: {choice.reason}" for venue in shown for choice in venue.risks
    ]
    blocks: list[Table | Lines] = [table, Lines(reasons)]
    if risks:
        blocks.append(Lines(["Risks to credibility, not advice:", *risks]))
    return Section("What to speak to where", blocks)


def content_document(content: Content) -> Document:
    """The topics of every venue on their own."""
    return Document("", [content_section(content)])
