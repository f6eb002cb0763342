"""The notebook explorer, driven headless: moving a slider replans and redraws."""

from __future__ import annotations

import sys

import pytest

import eminence as em
from eminence.explorer import explorer_document
from eminence.report.html import html_document

pytestmark = pytest.mark.extra("notebook")

TRIALS = 200
LEFT = ' style="text-align:left"'


@pytest.fixture
def explorer() -> em.charts.Explorer:
    return em.explore(em.example("consultant"), trials=TRIALS)


def test_starts_at_the_profiles_hours(explorer: em.charts.Explorer) -> None:
    assert explorer.hours.value == 2.0
    assert explorer.plan == em.Planner(em.example("consultant"), trials=TRIALS).plan()
    assert bytes(explorer.chart.value).startswith(b"\x89PNG")
    assert "<h3>2 h/week</h3>" in explorer.tables.value


def test_moving_hours_replans_and_redraws(explorer: em.charts.Explorer) -> None:
    chart = explorer.chart.value
    explorer.hours.value = 4.0
    expected = em.Planner(em.example("consultant"), trials=TRIALS).plan(4.0)
    assert explorer.plan == expected
    assert explorer.chart.value != chart
    assert explorer.tables.value == html_document(explorer_document(expected, 0.8))


def test_moving_confidence_shows_other_dates_without_replanning(
    explorer: em.charts.Explorer,
) -> None:
    plan = explorer.plan
    explorer.confidence.value = 0.95
    assert explorer.plan is plan
    goal = plan.projections.goals[0]
    assert "reached with 95% confidence by" in explorer.tables.value
    assert f"{LEFT}>{goal.p95}</td>" in explorer.tables.value


def test_deadline_met_at_the_chosen_confidence() -> None:
    plan = em.Planner(em.example("consultant"), trials=TRIALS).plan(12.0)
    chances = [goal.chance_by_deadline or 0.0 for goal in plan.projections.goals]
    for confidence in (0.5, 0.8, 0.95):
        text = html_document(explorer_document(plan, confidence))
        met = sum(chance >= confidence for chance in chances)
        assert text.count(f"{LEFT}>yes</td>") == met
        assert text.count(f"{LEFT}>no</td>") == len(chances) - met


def test_the_slider_stops_at_the_committed_minimum() -> None:
    profile = em.example("consultant")
    venues = tuple(
        venue.replace(min_hours_per_week=1.5) if venue.id == "linkedin" else venue
        for venue in profile.venues
    )
    profile = profile.replace(venues=venues)
    explorer = em.explore(profile, trials=TRIALS, max_hours_per_week=30)
    assert explorer.hours.min == 1.5
    assert explorer.hours.max == 30


def test_shows_as_a_widget(explorer: em.charts.Explorer) -> None:
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_missing_ipywidgets_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(em.MissingExtraError, match=r"eminence\[notebook\]"):
        em.explore(em.example("consultant"), trials=TRIALS)
