"""How each record shows itself: `str()`, `_repr_html_` in Jupyter, and ``to_frame()``.

The records live in lower layers that may not import this one, so `register_views` hangs the
views on the model's hook (`eminence.model._base.show_as`); ``import eminence`` calls it once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from eminence.model import Profile
from eminence.model._base import Record, View, show_as
from eminence.planning import (
    Allocation,
    Comparison,
    Content,
    Costs,
    Plan,
    Priorities,
    Projections,
    RequiredHours,
    Schedule,
    Sensitivity,
)
from eminence.planning.evidence import ListeningReport
from eminence.planning.results.focus import Focus
from eminence.planning.results.summary import Summary
from eminence.planning.results.team import TeamPlan, TeamWeeks
from eminence.planning.tracking import GoalTrack, Reforecast
from eminence.report import frames
from eminence.report.agenda import schedule_document
from eminence.report.blocks import Document
from eminence.report.content import content_document
from eminence.report.costs import costs_document
from eminence.report.focus import focus_document
from eminence.report.html import html_document
from eminence.report.listening_report import listening_document
from eminence.report.plan import (
    allocation_document,
    plan_document,
    priorities_document,
    projections_document,
)
from eminence.report.profile import profile_document
from eminence.report.reforecast import goal_track_document, reforecast_document
from eminence.report.scenarios import (
    comparison_document,
    required_hours_document,
    sensitivity_document,
)
from eminence.report.summary import summary_document
from eminence.report.table import text_document
from eminence.report.team import team_document, team_weeks_document

__all__ = ("register_views",)

R = TypeVar("R", bound=Record)


def register_views() -> None:
    """Give every result, and the profile, its text, HTML and (for tables) DataFrame views."""
    _show(Profile, profile_document)
    _show(Plan, plan_document)
    _show(Summary, summary_document)
    _show(Priorities, priorities_document, frames.priorities_frame)
    _show(Allocation, allocation_document, frames.allocation_frame)
    _show(Projections, projections_document, frames.projections_frame)
    _show(Content, content_document, frames.content_frame)
    _show(Schedule, schedule_document, frames.schedule_frame)
    _show(Costs, costs_document, frames.costs_frame)
    _show(Focus, focus_document)
    _show(Sensitivity, sensitivity_document, frames.sensitivity_frame)
    _show(RequiredHours, required_hours_document)
    _show(Comparison, comparison_document, frames.comparison_frame)
    _show(ListeningReport, listening_document)
    _show(Reforecast, reforecast_document, frames.reforecast_frame)
    _show(GoalTrack, goal_track_document, frames.goal_track_frame)
    _show(TeamPlan, team_document)
    _show(TeamWeeks, team_weeks_document)


def _show(
    kind: type[R],
    document: Callable[[R], Document],
    frame: Callable[[R], Any] | None = None,
) -> None:
    show_as(
        kind,
        View(
            text=lambda record: text_document(document(record)),
            html=lambda record: html_document(document(record)),
            frame=frame,
        ),
    )
