"""Every number a report shows is written by `eminence.model._figures`, one rule per kind:
no report module formats hours, money, rates or chances by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.model import _figures as figures
from eminence.report.plan import plan_text
from eminence.testing import random_profile_data

SOURCE = Path(em.__file__).parent
VIEWS = sorted(
    [
        *(SOURCE / "report").rglob("*.py"),
        SOURCE / "cli.py",
        SOURCE / "explorer.py",
        SOURCE / "planning" / "results" / "ical.py",
    ]
)
BY_HAND = re.compile(r"\{[^{}]*:[+\- ]?[,_]?(\.\d+)?[efg%]\}|%\.\d+f|\bround\(")
"""A number formatted in place: ``{x:.2f}``, ``{x:g}``, ``{x:.0%}``, ``%.1f`` or ``round(``."""

SENTENCE_BUILDERS = sorted(
    path
    for folder in ("planning", "model")
    for path in (SOURCE / folder).rglob("*.py")
    # The rules themselves: one per kind of number, and a count with its noun.
    if path.name not in ("_figures.py", "_words.py")
)
"""Where the plan's own sentences are written: notes, explanations, reasons, footnotes,
changes and messages. Their arithmetic may round; their sentences may not."""

IN_A_SENTENCE = re.compile(r"\{[^{}]*:[+\- ]?[,_]?(\.\d+)?[efg%]\}|%\.\d+f|\{[^{}]*\bround\(")
"""A number formatted in place inside a string: a format spec, ``%.1f``, or ``round(`` in a
replacement field; ``round(`` in arithmetic is no sentence."""

ALLOWED = (
    # Pixel coordinates of the SVG drawing, not figures anyone reads.
    ("report/svg/drawing.py", ""),
    # The fallback of a table cell given a bare float of no known kind.
    ("report/blocks.py", 'f"{value:,.2f}".rstrip("0")'),
    # A field's name (p80), not a figure.
    ("explorer.py", 'f"p{round(confidence * 100)}"'),
    # A score kept to 12 digits, so that sums in any order tie: arithmetic, not a sentence.
    ("planning/priorities.py", 'float(f"{score:.12g}")'),
    # The rule for a duration in words ("about 7 months"), written once.
    ("planning/results/projections.py", 'f"about {round(months)} months"'),
    ("planning/results/projections.py", 'f"about {weeks / 52.1775:.1f} years"'),
    # An input value echoed in an error, every digit as given.
    ("model/venues.py", "exact(round(total, 12))"),
)


def _by_hand(path: Path, pattern: re.Pattern[str] = BY_HAND) -> list[str]:
    name = path.relative_to(SOURCE).as_posix()
    allowed = [text for file, text in ALLOWED if file == name]
    return [
        f"{name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line) and not any(text in line for text in allowed)
    ]


class TestOneRulePerKind:
    @pytest.mark.parametrize("path", VIEWS, ids=lambda path: path.relative_to(SOURCE).as_posix())
    def test_no_view_formats_a_number_by_hand(self, path: Path) -> None:
        assert _by_hand(path) == [], "write it with eminence.model._figures"

    @pytest.mark.parametrize(
        "path", SENTENCE_BUILDERS, ids=lambda path: path.relative_to(SOURCE).as_posix()
    )
    def test_no_sentence_of_the_plan_formats_a_number_by_hand(self, path: Path) -> None:
        """Notes, explanations, reasons and footnotes write numbers as the tables do."""
        assert _by_hand(path, IN_A_SENTENCE) == [], "write it with eminence.model._figures"

    def test_the_sentence_guard_sees_rounding_in_a_sentence_not_in_arithmetic(self) -> None:
        assert IN_A_SENTENCE.search('f"focus {focus.score:.2f}, 1 when"')
        assert IN_A_SENTENCE.search('f"about {round(months)} months"')
        assert not IN_A_SENTENCE.search("days = max(1, round(weeks * 7))")
        assert SOURCE / "planning" / "notes.py" in SENTENCE_BUILDERS
        assert SOURCE / "planning" / "focus.py" in SENTENCE_BUILDERS

    def test_the_guard_sees_a_number_formatted_by_hand(self) -> None:
        assert BY_HAND.search('f"{venue.hours:.1f}"')
        assert BY_HAND.search('f"{hours:g} h/week"')
        assert BY_HAND.search('f"{chance:.0%}"')
        assert not BY_HAND.search("figures.hours(venue.hours)")
        assert SOURCE / "report" / "costs.py" in VIEWS

    @settings(max_examples=8, deadline=None)
    @given(st.integers(0, 10_000))
    def test_a_reason_writes_its_numbers_as_the_tables_do(self, seed: int) -> None:
        """A topic's need and a venue's audience share and fit read the same in the reason
        as in the content and priorities tables, for generated profiles."""
        profile = em.model.Profile.model_validate(random_profile_data(seed))
        plan = em.plan(profile, trials=50)
        for venue in plan.content.venues:
            for choice in venue.topics:
                assert f"(need {figures.quantity(choice.need)})" in choice.reason
        for item in plan.priorities.items:
            if "expertise fit" in item.reason:
                assert any(
                    f"{figures.chance(share.audience_share)} of the audience" in item.reason
                    and f"expertise fit {figures.quantity(share.fit)}," in item.reason
                    for share in item.by_goal
                ), item.reason

    def test_the_report_shows_each_venue_hours_as_the_rule_writes_them(self) -> None:
        plan = em.plan(em.example("consultant"), trials=200)
        text = plan_text(plan)
        for venue in plan.allocation.venues:
            if venue.hours_per_week > 0:
                assert figures.hours_per_week(venue.hours_per_week) in text
        assert f"{figures.money(plan.costs.money)}" in text
