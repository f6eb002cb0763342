"""Every number a report shows is written by `eminence.model._figures`, one rule per kind:
no report module formats hours, money, rates or chances by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import eminence as em
from eminence.model import _figures as figures
from eminence.report.plan import plan_text

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

ALLOWED = (
    # Pixel coordinates of the SVG drawing, not figures anyone reads.
    ("report/svg/drawing.py", ""),
    # The fallback of a table cell given a bare float of no known kind.
    ("report/blocks.py", 'f"{value:,.2f}".rstrip("0")'),
    # A field's name (p80), not a figure.
    ("explorer.py", 'f"p{round(confidence * 100)}"'),
)


def _by_hand(path: Path) -> list[str]:
    name = path.relative_to(SOURCE).as_posix()
    allowed = [text for file, text in ALLOWED if file == name]
    return [
        f"{name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if BY_HAND.search(line) and not any(text in line for text in allowed)
    ]


class TestOneRulePerKind:
    @pytest.mark.parametrize("path", VIEWS, ids=lambda path: path.relative_to(SOURCE).as_posix())
    def test_no_view_formats_a_number_by_hand(self, path: Path) -> None:
        assert _by_hand(path) == [], "write it with eminence.model._figures"

    def test_the_guard_sees_a_number_formatted_by_hand(self) -> None:
        assert BY_HAND.search('f"{venue.hours:.1f}"')
        assert BY_HAND.search('f"{hours:g} h/week"')
        assert BY_HAND.search('f"{chance:.0%}"')
        assert not BY_HAND.search("figures.hours(venue.hours)")
        assert SOURCE / "report" / "costs.py" in VIEWS

    def test_the_report_shows_each_venue_hours_as_the_rule_writes_them(self) -> None:
        plan = em.plan(em.example("consultant"), trials=200)
        text = plan_text(plan)
        for venue in plan.allocation.venues:
            if venue.hours_per_week > 0:
                assert figures.hours_per_week(venue.hours_per_week) in text
        assert f"{figures.money(plan.costs.money)}" in text
