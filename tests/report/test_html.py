"""HTML views: exact markup for the main reprs, every user-supplied string escaped."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import eminence as em
from eminence.report.blocks import Document, Lines, Paragraph, Section, Table
from eminence.report.html import html_document, html_page, html_table
from eminence.testing import profile_data

HOSTILE = "<script>alert(1)</script>"

TINY: dict[str, Any] = {
    "name": "Ada <b>Lovelace</b>",
    "topics": [{"id": "risk"}],
    "expertise": [{"topic": "risk", "depth": 0.8}],
    "segments": [{"id": "cio", "size": 100, "needs": {"risk": 1.0}}],
    "metrics": [{"id": "requests", "kind": "value"}],
    "venues": [
        {
            "id": "forum",
            "name": HOSTILE,
            "kind": "forum",
            "audience": {"cio": 0.5},
            "effort_hours": 1,
            "yields": {"requests": 0.1},
            "cadence": 2,
        }
    ],
    "goals": [{"id": "inbound", "name": "Three & more", "metric": "requests", "target": 3}],
    "capacity": {"hours_per_week": 2, "start": "2027-01-04"},
}

RIGHT = ' style="text-align:right"'
LEFT = ' style="text-align:left"'


def _allocation(rate: str, placed: str) -> str:
    """The split's markup: the rate as the allocation alone shows it, or with its profile."""
    return f"""\
<h4>The weekly split</h4>
<table>
<thead><tr><th{LEFT}>venue</th><th{RIGHT}>h/week</th><th{LEFT}>contributions</th>\
<th{RIGHT}>listening h</th><th{LEFT}>active from</th></tr></thead>
<tbody>
<tr><td{LEFT}>&lt;script&gt;alert(1)&lt;/script&gt;</td><td{RIGHT}>2</td><td{LEFT}>{rate}</td>\
<td{RIGHT}>0</td><td{LEFT}>2027-01-04</td></tr>
</tbody>
</table>
<p><small>2 h/week split to equalise marginal progress per hour; 0 h/week left over; \
contributions are an average a week{placed}</small></p>"""


ALLOCATION = _allocation("1.26 a week", "")


CONTENT = f"""\
<h4>What to speak to where</h4>
<table>
<thead><tr><th{LEFT}>venue</th><th{RIGHT}>rank</th><th{LEFT}>topic</th><th{RIGHT}>need</th>\
<th{LEFT}>peers covering</th><th{RIGHT}>depth</th><th{RIGHT}>score</th></tr></thead>
<tbody>
<tr><td{LEFT}>&lt;script&gt;alert(1)&lt;/script&gt;</td><td{RIGHT}>1</td><td{LEFT}>risk</td>\
<td{RIGHT}>0.5</td><td{LEFT}>0 of 0</td><td{RIGHT}>0.8</td><td{RIGHT}>0.4</td></tr>
</tbody>
</table>
<p><small>topics ranked by the need of the segments at a venue x your depth and interest x the \
gap peers there leave (2 peers covering a topic halve its worth); depth below 0.5 is a risk, not \
advice</small></p>
<ul><li>&lt;script&gt;alert(1)&lt;/script&gt;, risk: cio ask it here (need 0.5); no peer is \
active here; your depth 0.8, interest 1</li></ul>"""

PLAN = f"""\
<div class="eminence">
<h3>Plan for Ada &lt;b&gt;Lovelace&lt;/b&gt;: 2 h/week from 2027-01-04</h3>
<h4>Priorities</h4>
<table>
<thead><tr><th{RIGHT}>rank</th><th{LEFT}>venue or event</th><th{LEFT}>where</th>\
<th{RIGHT}>progress/h</th>\
<th{RIGHT}>top 3</th></tr></thead>
<tbody>
<tr><td{RIGHT}>1</td><td{LEFT}>&lt;script&gt;alert(1)&lt;/script&gt;</td><td{LEFT}>online</td>\
<td{RIGHT}>1.333%</td><td{RIGHT}>100%</td></tr>
</tbody>
</table>
<p><small>1 venue and 0 events ranked by progress per hour; chance in the top 3 from 200 draws \
of the estimates</small></p>
<h4>Why</h4>
<ul><li>&lt;script&gt;alert(1)&lt;/script&gt;: most for &#x27;Three &amp; more&#x27;: 50% of the \
audience are targeted clients, expertise fit 0.8, one contribution takes 1 h; no established \
peer is active here: open ground</li></ul>
{_allocation("1.26 a week (one a week)", ", then the whole ones the schedule places")}
{CONTENT}
<h4>When the goals are reached</h4>
<table>
<thead><tr><th{LEFT}>goal</th><th{RIGHT}>target</th><th{LEFT}>expected</th><th{LEFT}>which is</th>\
<th{LEFT}>P50</th>\
<th{LEFT}>P80</th><th{LEFT}>P95</th><th{LEFT}>deadline</th><th{LEFT}>chance</th></tr></thead>
<tbody>
<tr><td{LEFT}>Three &amp; more</td><td{RIGHT}>3</td><td{LEFT}>2028-02-23</td>\
<td{LEFT}>about 14 months</td>\
<td{LEFT}>2028-01-20</td><td{LEFT}>2028-07-12</td><td{LEFT}>2029-05-27</td><td{LEFT}>-</td>\
<td{LEFT}>-</td></tr>
</tbody>
</table>
<p><small>1 goal projected over 260 weeks from 200 draws (Poisson counts, stocks without count \
noise, PERT-Beta estimates, seed 0); &#x27;-&#x27; means not within the horizon</small></p>
<h4>What binds</h4>
<ul><li>Three &amp; more: hours bound it: more hours a week bring it closer</li></ul>
<h4>Focus</h4>
<table>
<thead><tr><th{LEFT}>goal</th><th{RIGHT}>share of the hours</th>\
<th{RIGHT}>apart from the others&#x27; venues</th></tr></thead>
<tbody>
<tr><td{LEFT}>Three &amp; more</td><td{RIGHT}>100%</td><td{RIGHT}>0%</td></tr>
</tbody>
</table>
<p><small>focus 1: the hours are focused (1 when every hour serves every goal, below 0.5 \
scattered)</small></p>
"""

COSTS = (
    f"<h4>The cost of the first year</h4>\n<table>\n"
    f"<thead><tr><th{LEFT}>venue or event</th><th{RIGHT}>hours</th>"
    f"<th{RIGHT}>money</th><th{RIGHT}>cost</th></tr></thead>\n<tbody>\n"
    f"<tr><td{LEFT}>&lt;script&gt;alert(1)&lt;/script&gt;</td><td{RIGHT}>104</td>"
    f"<td{RIGHT}>0</td><td{RIGHT}>0</td></tr>\n<tr><td{LEFT}>total</td>"
    f"<td{RIGHT}>104</td><td{RIGHT}>0</td><td{RIGHT}>0</td></tr>\n</tbody>\n</table>\n"
    f"<table>\n<thead><tr><th{LEFT}>goal</th><th{RIGHT}>hours</th><th{RIGHT}>cost</th>"
    f"<th{RIGHT}>outcomes</th><th{LEFT}>per outcome</th><th{LEFT}>break-even</th>"
    f"</tr></thead>\n<tbody>\n<tr><td{LEFT}>Three &amp; more</td><td{RIGHT}>104</td>"
    f"<td{RIGHT}>0</td><td{RIGHT}>2.63</td><td{LEFT}>-</td><td{LEFT}>-</td></tr>\n"
    f"</tbody>\n</table>\n"
    f"<p><small>expected costs of the first 52 weeks: hours not priced (no capacity.hourly_rate); "
    f"venues&#x27; and events&#x27; "
    f"costs shared among goals by the progress they bring to each; "
    f"break-even: the share of value outcomes that must become clients to pay for it</small></p>"
)

FIRST_WEEKS = (
    f"<h4>What to do first</h4>\n<table>\n<thead><tr><th{LEFT}>day</th>"
    f"<th{LEFT}>time</th><th{LEFT}>what</th><th{RIGHT}>hours</th></tr></thead>\n"
    f"<tbody>\n<tr><td{LEFT}>Tue 2027-01-05</td><td{LEFT}>09:00</td>"
    f"<td{LEFT}>&lt;script&gt;alert(1)&lt;/script&gt;: contribution on risk, for cio</td>"
    f"<td{RIGHT}>2</td></tr>\n<tr><td{LEFT}>Tue 2027-01-12</td><td{LEFT}>09:00</td>"
    f"<td{LEFT}>&lt;script&gt;alert(1)&lt;/script&gt;: contribution on risk, for cio</td>"
    f"<td{RIGHT}>2</td></tr>\n</tbody>\n</table>\n"
    f"<p><small>the first 2 weeks of 2 scheduled items to 2031-12-28, times in UTC; "
    f"plan.to_ical() or --ics exports them all</small></p>"
)

GOAL_TRACK = f"""\
<div class="eminence">
<h4>Plan against actual</h4>
<table>
<thead><tr><th{LEFT}>goal</th><th{RIGHT}>target</th><th{RIGHT}>planned</th>\
<th{RIGHT}>achieved</th><th{RIGHT}>ahead</th><th{LEFT}>expected before</th><th{LEFT}>now</th>\
<th{LEFT}>chance</th></tr></thead>
<tbody>
<tr><td{LEFT}>Three &amp; more</td><td{RIGHT}>3</td><td{RIGHT}>0.101</td><td{RIGHT}>0.4</td>\
<td{RIGHT}>+0.299</td><td{LEFT}>2028-02-23</td><td{LEFT}>2028-01-13</td><td{LEFT}>-</td></tr>
</tbody>
</table>
<p><small>the log against the plan; amounts in the plan&#x27;s units (outcomes weighted by the \
share of the goal&#x27;s segments and the expertise fit)</small></p>
<h4>Week by week</h4>
<table>
<thead><tr><th{LEFT}>week ending</th><th{RIGHT}>inbound plan</th><th{RIGHT}>actual</th></tr></thead>
<tbody>
<tr><td{LEFT}>2027-01-10</td><td{RIGHT}>0.0506</td><td{RIGHT}>0.4</td></tr>
<tr><td{LEFT}>2027-01-17</td><td{RIGHT}>0.101</td><td{RIGHT}>0.4</td></tr>
</tbody>
</table>
<p><small>cumulative (a stock&#x27;s level) at each week&#x27;s end</small></p>
<h4>Value over activity</h4>
<table>
<thead><tr><th{LEFT}>goal</th><th{LEFT}>outcomes of</th><th{RIGHT}>outcomes</th>\
<th{RIGHT}>hours</th><th{RIGHT}>per hour</th><th{LEFT}>h then</th><th{LEFT}>h now</th>\
<th{LEFT}>outcomes then</th><th{LEFT}>outcomes now</th><th{LEFT}>flag</th></tr></thead>
<tbody>
<tr><td{LEFT}>Three &amp; more</td><td{LEFT}>requests</td><td{RIGHT}>1</td><td{RIGHT}>3</td>\
<td{RIGHT}>0.333</td><td{LEFT}>-</td><td{LEFT}>-</td><td{LEFT}>-</td><td{LEFT}>-</td>\
<td{LEFT}>too soon</td></tr>
</tbody>
</table>
<p><small>now: the last 4 weeks; then: the 4 weeks before; flagged when hours grew by more than \
10% and value did not grow</small></p>
</div>"""


@pytest.fixture(scope="module")
def plan() -> em.results.Plan:
    return em.plan(em.model.Profile.model_validate(TINY), trials=200)


class TestExactMarkup:
    def test_plan(self, plan: em.results.Plan) -> None:
        assert plan._repr_html_() == f"{PLAN}{COSTS}\n{FIRST_WEEKS}\n</div>"

    def test_costs(self, plan: em.results.Plan) -> None:
        assert plan.costs._repr_html_() == f'<div class="eminence">\n{COSTS}\n</div>'

    def test_a_goal_of_a_reforecast(self, plan: em.results.Plan) -> None:
        log = em.loads_progress(
            "date,venue,hours,contributions,requests\n"
            "2027-01-05,forum,1,1,1\n2027-01-12,forum,2,2,0\n",
            format="csv",
        )
        result = em.reforecast(plan.profile, log, today=dt.date(2027, 1, 17), trials=200)
        assert result.goal("inbound")._repr_html_() == GOAL_TRACK

    def test_allocation(self, plan: em.results.Plan) -> None:
        assert plan.allocation._repr_html_() == f'<div class="eminence">\n{ALLOCATION}\n</div>'

    def test_table_aligns_numbers_right_and_keeps_blanks_out_of_the_decision(self) -> None:
        markup = html_table(["what", "n"], [("a", "1"), ("b", "")], footnote="x < y")
        assert markup == (
            "<table>\n"
            f"<thead><tr><th{LEFT}>what</th><th{RIGHT}>n</th></tr></thead>\n"
            "<tbody>\n"
            f"<tr><td{LEFT}>a</td><td{RIGHT}>1</td></tr>\n"
            f"<tr><td{LEFT}>b</td><td{RIGHT}></td></tr>\n"
            "</tbody>\n"
            "</table>\n"
            "<p><small>x &lt; y</small></p>"
        )


class TestEscaping:
    def test_every_kind_of_block_escapes(self) -> None:
        document = Document(
            HOSTILE,
            [
                Section(
                    HOSTILE,
                    [
                        Table([HOSTILE], [(HOSTILE,)], footnote=HOSTILE),
                        Lines([HOSTILE]),
                        Paragraph(HOSTILE),
                    ],
                )
            ],
        )
        for markup in (html_document(document), html_page(document)):
            assert "<script>" not in markup
            assert markup.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 6

    def test_hostile_names_everywhere_in_a_profile_and_its_plan(self) -> None:
        data = profile_data()
        data["name"] = HOSTILE
        data["segments"][0]["name"] = HOSTILE
        data["venues"][0]["name"] = HOSTILE
        data["venues"][0]["contribution"] = HOSTILE
        data["venues"][1]["events"][0]["name"] = HOSTILE
        data["goals"][0]["name"] = HOSTILE
        profile = em.model.Profile.model_validate(data)
        plan = em.plan(profile, trials=200)
        for record in (profile, plan, plan.priorities, plan.allocation):
            markup = record._repr_html_()
            assert markup is not None
            assert "<script>" not in markup
            assert "&lt;script&gt;" in markup

    def test_hostile_names_in_the_schedule_costs_and_re_forecast(self) -> None:
        broken = HOSTILE + "\r\nsecond line"
        data = profile_data()
        data["name"] = broken
        data["venues"][0]["name"] = broken
        data["venues"][1]["events"][0]["name"] = broken
        data["goals"][0]["name"] = broken
        profile = em.model.Profile.model_validate(data)
        log = em.loads_progress(
            "date,venue,event,hours,contributions,requests\n"
            "2027-01-05,forum,,5,1,1\n2027-01-12,summit,summit-2027,3,,\n",
            format="csv",
        )
        result = em.reforecast(profile, log, today=dt.date(2027, 1, 17), trials=200)
        records = (result.plan.schedule, result.plan.costs, result, result.goal("inbound"))
        for record in records:
            markup = record._repr_html_()
            assert markup is not None
            assert "<script>" not in markup
            assert "&lt;script&gt;alert(1)&lt;/script&gt; second line" in markup
            text = str(record)
            assert "<script>alert(1)</script> second line" in text
            assert "\r" not in text
            assert not any(line.startswith("second line") for line in text.splitlines())

    def test_page_is_self_contained(self, plan: em.results.Plan) -> None:
        from eminence.report.plan import plan_document

        page = html_page(plan_document(plan))
        assert page.startswith("<!DOCTYPE html>")
        assert PLAN in page
        for external in ("<script", "<link", "src=", "href=", "url(", "@import"):
            assert external not in page
