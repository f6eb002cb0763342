"""The plan's charts as inline SVG, for the self-contained HTML page: the weekly split, the
timeline, and each goal's fan.

Written by hand rather than with matplotlib's SVG backend, so that ``eminence plan --html``
draws its charts in the core install (matplotlib is the ``plot`` extra) and the markup stays
small and ours: a few rects, lines, paths and texts, no fonts embedded, no ids, no links.

Two rules hold for every chart. Every text passes `html.escape` after `plain`, whoever wrote
it, so a name cannot inject markup. And labels are never cut off: each chart's size is
computed from its labels' widths, estimated from their characters (`text_width`, on the wide
side), and a name longer than a label's room is shortened with the whole name as its
tooltip (an SVG ``<title>``).
"""

from __future__ import annotations

from eminence.planning import Plan
from eminence.planning.results import TeamPlan
from eminence.report.blocks import Chart, Section
from eminence.report.svg.drawing import FONT_SIZE, text_width
from eminence.report.svg.fan import fan_svg, fan_title
from eminence.report.svg.split import split_svg, split_title
from eminence.report.svg.timeline import firm_timeline_svg, timeline_svg

__all__ = (
    "FONT_SIZE",
    "charts_section",
    "fan_svg",
    "firm_timeline_svg",
    "split_svg",
    "team_charts_section",
    "text_width",
    "timeline_svg",
)


def charts_section(plan: Plan) -> Section:
    """The split, the timeline and each goal's fan, for the top of the plan's page."""
    names = {goal.id: goal.name or goal.id for goal in plan.profile.goals}
    charts = [
        Chart(split_svg(plan.allocation), split_title(plan.allocation)),
        Chart(timeline_svg(plan), "When each venue starts, its events, and the goals' dates"),
    ]
    for goal in plan.projections.goals:
        name = names.get(goal.goal, goal.goal)
        charts.append(Chart(fan_svg(goal, name), fan_title(goal, name)))
    return Section("At a glance", charts)


def team_charts_section(team_plan: TeamPlan) -> Section:
    """The team's timeline (who works where, the firm goals' P50 to P80 and deadlines) and each
    firm goal's fan from the experts' trials summed, for the top of the team's page."""
    names = {goal.id: goal.name or goal.id for goal in team_plan.team.goals}
    charts = [Chart(firm_timeline_svg(team_plan), "Who works where, and when the firm goals come")]
    for goal in team_plan.firm_goals:
        name = names[goal.goal]
        charts.append(Chart(fan_svg(goal, name), fan_title(goal, name)))
    return Section("At a glance", charts)
