"""The page's charts: well-formed SVG, every text escaped, every label inside the chart."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.report.blocks import Chart, plain
from eminence.report.html import html_page
from eminence.report.plan import plan_document
from eminence.report.svg import (
    FONT_SIZE,
    charts_section,
    fan_svg,
    split_svg,
    text_width,
    timeline_svg,
)
from eminence.report.table import text_document
from eminence.testing import random_profile_data

SVG = "{http://www.w3.org/2000/svg}"
DRAWN = {"svg", "title", "g", "rect", "line", "path", "text"}
"""Every element a chart may hold: a name that injected markup would add another."""

HOSTILE_NAMES = (
    "<script>alert(1)</script>",
    "</svg><img src=x onerror=alert(1)>",
    "&amp; \"quoted\" & 'single' ]]> <!-- -->",
    "מרכז הידע של ישראל לניהול פרויקטים",
    "مؤتمر إدارة المشاريع في الشرق الأوسط",
    "\u202eevil\u202c right-to-left override",
    "W" * 200,
    "项目管理" * 50,
    "Line\nbreak\x1b[2J\x00 and control characters",
)
NAMES = st.one_of(st.sampled_from(HOSTILE_NAMES), st.text(min_size=1, max_size=200))


def _named(seed: int, names: list[str], deadlines: list[int | None]) -> em.model.Profile:
    """A random profile whose venues, events and goals carry the given names and deadlines."""
    data: dict[str, Any] = random_profile_data(seed, events=3)
    events = [event for venue in data["venues"] for event in venue.get("events", [])]
    named = [*data["venues"], *events, *data["goals"]]
    for record, name in zip(named, names, strict=False):
        record["name"] = name
    start = dt.date.fromisoformat(data["capacity"]["start"])
    for goal, weeks in zip(data["goals"], deadlines, strict=False):
        if weeks is not None:
            goal["deadline"] = (start + dt.timedelta(weeks=weeks)).isoformat()
    return em.model.Profile.model_validate(data)


def _parsed(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def _texts_inside(svg: str) -> None:
    """Every text's estimated box (the width `text_width` gives, an em high) is within the
    chart's viewBox, and the chart draws nothing but what charts draw."""
    root = _parsed(svg)
    left, top, width, height = (float(value) for value in root.attrib["viewBox"].split())
    assert (width, height) == (float(root.attrib["width"]), float(root.attrib["height"]))
    for element in root.iter():
        assert element.tag.removeprefix(SVG) in DRAWN, element.tag
        if element.tag != f"{SVG}text":
            continue
        text = "".join(element.itertext())
        x, y = float(element.attrib["x"]), float(element.attrib["y"])
        wide = text_width(text)
        begin = {"start": x, "middle": x - wide / 2, "end": x - wide}[element.attrib["text-anchor"]]
        assert left <= begin <= begin + wide <= left + width, (text, begin, wide, width)
        assert top <= y - FONT_SIZE <= y + 0.3 * FONT_SIZE <= top + height, (text, y, height)


def _shown(svg: str) -> list[str]:
    """Every text and tooltip of a chart, as a reader gets them (entities read)."""
    return ["".join(element.itertext()) for element in _parsed(svg).iter()]


class TestEveryChart:
    @settings(max_examples=60)
    @given(
        seed=st.integers(0, 10_000),
        names=st.lists(NAMES, min_size=12, max_size=12),
        deadlines=st.lists(st.none() | st.integers(1, 300), min_size=2, max_size=2),
    )
    def test_labels_fit_and_names_are_text(
        self, seed: int, names: list[str], deadlines: list[int | None]
    ) -> None:
        profile = _named(seed, names, deadlines)
        plan = em.plan(profile, trials=50)
        section = charts_section(plan)
        assert len(section.blocks) == 2 + len(plan.projections.goals)
        shown: list[str] = []
        for chart in section.blocks:
            assert isinstance(chart, Chart)
            _texts_inside(chart.svg)
            assert "<script" not in chart.svg
            shown += _shown(chart.svg)
        # Each name drawn is there as text, whole, as a label or as the tooltip of a short one.
        drawn = [venue.name for venue in plan.allocation.venues if venue.hours_per_week > 0]
        drawn += [goal.name for goal in profile.goals if goal.name]
        for name in drawn:
            assert any(plain(name) in text for text in shown), name

    @pytest.mark.parametrize("name", em.examples())
    def test_each_bundled_example(self, name: str) -> None:
        plan = em.plan(em.example(name), trials=200)
        for svg in (split_svg(plan.allocation), timeline_svg(plan)):
            _texts_inside(svg)
        for goal in plan.projections.goals:
            _texts_inside(fan_svg(goal, goal.goal))


class TestLabels:
    def test_a_long_name_is_shortened_with_the_whole_as_tooltip(self) -> None:
        long = "A venue with a name far longer than any label has room for, " * 3
        profile = _named(1, [long] * 6, [])
        svg = split_svg(em.plan(profile, trials=50).allocation)
        root = _parsed(svg)
        labels = ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]
        assert any(label.endswith("…") and plain(long).startswith(label[:-1]) for label in labels)
        tips = ["".join(e.itertext()) for e in root.iter(f"{SVG}title")]
        assert plain(long) in tips

    def test_the_estimate_grows_with_wider_characters(self) -> None:
        assert text_width("iiii") < text_width("MMMM") < text_width("项目项目")
        assert text_width("e\u0301") == text_width("e")  # a combining accent takes no room


@pytest.fixture(scope="module")
def plan() -> em.results.Plan:
    return em.plan(em.example("community"), trials=200)


class TestThePage:
    def test_the_page_leads_with_the_charts_and_stays_self_contained(
        self, plan: em.results.Plan
    ) -> None:
        page = html_page(plan_document(plan, charts=True))
        assert page.count("<svg ") == 2 + len(plan.projections.goals)
        assert page.index("<h4>At a glance</h4>") < page.index("<h4>Priorities</h4>")
        for external in ("<script", "<link", "src=", "href=", "url(", "@import"):
            assert external not in page

    def test_text_and_notebooks_show_no_charts(self, plan: em.results.Plan) -> None:
        charted = plan_document(plan, charts=True)
        assert text_document(charted) == text_document(plan_document(plan))
        assert "<svg" not in (plan._repr_html_() or "")
