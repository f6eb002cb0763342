"""Each quantity is written the same way wherever a report shows it: a target is not 18.9 in a
table and 19 in the sentence that explains it, nor a chance 11% in one table and 10.8% in
another."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.model._figures import chance, quantity
from eminence.testing import random_profile_data

# What a sentence says of a goal's target: "... of 18.9 within the horizon", "... below the
# target of 18.9, ...".
_TARGET_IN_WORDS = re.compile(r"(?:of|target of) ([0-9][0-9,.]*)(?: within|,)")


def _row(text: str, title: str, name: str) -> list[str]:
    """The cells of the row of ``name`` in the table under the heading ``title``."""
    section = text.split(f"\n{title}\n", 1)[1].split("\n\n", 1)[0]
    _header, rule, *rows = section.splitlines()
    starts = [match.start() for match in re.finditer(r"-+", rule)]
    ends = [*starts[1:], None]
    for row in rows:
        if row.startswith(name):
            return [row[start:end].strip() for start, end in zip(starts, ends, strict=True)]
    raise AssertionError(f"no row for {name!r} under {title!r}")


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.3, 3.0))
def test_targets_and_chances_are_written_one_way_everywhere(seed: int, hours: float) -> None:
    data = random_profile_data(seed, goals=3, events=2, hours_per_week=hours)
    for goal in data["goals"]:
        goal["deadline"] = "2028-06-30"
    plan = em.plan(em.model.Profile.model_validate(data), trials=200)
    report, summary = str(plan), plan.summary()
    summary_text = str(summary)
    for projection in plan.projections.goals:
        name = plan.profile.goal(projection.goal).name or projection.goal
        shown = quantity(projection.target)
        assert _row(report, "When the goals are reached", name)[1] == shown
        for line in report.splitlines():
            if line.startswith(f"- {name}:"):
                assert _TARGET_IN_WORDS.findall(line) in ([], [shown]), line
        assert projection.chance_by_deadline is not None
        said = chance(projection.chance_by_deadline)
        assert _row(report, "When the goals are reached", name)[-1] == said
        assert said in _row(summary_text, "When the goals are reached", name), summary_text
