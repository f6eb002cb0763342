"""The HTML page as a reader sees it: drawn by headless Chromium, its charts' labels whole.

Required in every run but the core one (see ``conftest.py``); ``.ci/run`` installs Chromium.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

import eminence as em
from eminence.io import example_team
from eminence.report.blocks import Document
from eminence.report.html import html_page
from eminence.report.plan import plan_document
from eminence.report.svg import text_width
from eminence.report.team import team_document
from eminence.testing import random_profile_data

pytestmark = pytest.mark.program("chromium")

BROWSER = ("chromium", "--headless", "--disable-gpu", "--no-sandbox", "--window-size=1200,1600")

# Run in a copy of the page (the page itself has no script): each chart text's box as the
# browser lays it out, and the chart's viewBox.
MEASURE = """<script>
const found = [];
for (const svg of document.querySelectorAll("svg")) {
  const box = svg.viewBox.baseVal;
  for (const text of svg.querySelectorAll("text")) {
    const b = text.getBBox();
    found.push([text.textContent, b.x, b.y, b.width, b.height, box.width, box.height]);
  }
}
document.body.insertAdjacentHTML("beforeend",
  "<pre id=measured>" + JSON.stringify(found).replace(/&/g, "&amp;").replace(/</g, "&lt;")
  + "</pre>");
</script>"""


def _page(tmp_path: Path, plan: em.results.Plan | Document, script: str = "") -> str:
    page = tmp_path / "plan.html"
    document = plan_document(plan, charts=True) if isinstance(plan, em.results.Plan) else plan
    markup = html_page(document)
    page.write_text(markup.replace("</body>", f"{script}</body>"), "utf-8")
    return page.as_uri()


def _run(*arguments: str) -> str:
    done = subprocess.run(
        [*BROWSER, *arguments], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


def _long_names() -> em.model.Profile:
    data: dict[str, Any] = random_profile_data(7)
    names = ["W" * 200, "项目管理" * 50, "מרכז הידע של ישראל לניהול פרויקטים", "<b>&amp;</b>"]
    for venue, name in zip(data["venues"], names * 2, strict=False):
        venue["name"] = name
    for goal, name in zip(data["goals"], reversed(names), strict=False):
        goal["name"] = name
        goal["deadline"] = "2027-06-30"
    return em.model.Profile.model_validate(data)


def _team_page(team: em.model.Team, trials: int) -> Document:
    return team_document(em.plan_team(team, trials=trials), charts=True)


def _long_named_team() -> em.model.Team:
    """The studio with names long, wide and hostile on its experts' venues and firm goal."""
    team = example_team("studio")
    names = iter(["W" * 200, "项目管理" * 50, "מרכז הידע של ישראל לניהול פרויקטים", "<b>&amp;</b>"])
    experts = tuple(
        expert.replace(venues=tuple(venue.replace(name=next(names)) for venue in expert.venues))
        for expert in team.experts
    )
    goals = tuple(goal.replace(name=next(names)) for goal in team.goals[:1]) + team.goals[1:]
    return team.replace(experts=experts, goals=goals)


@pytest.mark.extra("plot")
@pytest.mark.parametrize("page", ["plan", "team"])
def test_the_page_is_drawn_with_its_charts(tmp_path: Path, page: str) -> None:
    from matplotlib.image import imread

    shot = tmp_path / "page.png"
    if page == "plan":
        shown: em.results.Plan | Document = em.plan(em.example("community"), trials=200)
    else:
        shown = _team_page(example_team("studio"), trials=200)
    _run(f"--screenshot={shot}", _page(tmp_path, shown))
    pixels = (imread(shot)[..., :3] * 255).round().astype(int)
    colours = {tuple(pixel) for pixel in pixels.reshape(-1, 3)}
    assert len(colours) > 100  # text, rules and charts; a blank or failed page has a few
    # The blue of the split's bars, of the fans' expected paths: the SVG was drawn.
    assert (31, 119, 180) in colours


def test_every_label_lies_inside_its_chart_and_within_the_estimate(tmp_path: Path) -> None:
    texts: list[list[Any]] = []
    pages: list[em.results.Plan | Document] = [
        em.plan(profile, trials=50) for profile in (em.example("community"), _long_names())
    ]
    pages += [_team_page(team, 50) for team in (example_team("studio"), _long_named_team())]
    for shown in pages:
        dom = _run("--dump-dom", _page(tmp_path, shown, MEASURE))
        found = re.search(r"<pre id=\"measured\">(.*?)</pre>", dom, flags=re.DOTALL)
        assert found is not None, dom[-2000:]
        texts += json.loads(html.unescape(found.group(1)))
    assert len(texts) > 50
    for text, x, y, width, height, chart_width, chart_height in texts:
        assert x >= 0
        assert x + width <= chart_width, text
        assert y >= 0
        assert y + height <= chart_height, text
        assert width <= text_width(text), text  # the estimate is on the wide side
