"""The persona path of issue 18, end to end: a data-privacy lawyer writes her profile in YAML
from `docs/concepts.md` alone, plans it from the command line and from Python, writes her
calendar and re-forecasts from a progress log holding one real invitation. What the outputs
say must never contradict each other."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import eminence as em
from eminence.cli import main
from eminence.model import _figures as figures
from eminence.planning.costs import COST_WEEKS
from eminence.planning.limits import LIMITED
from eminence.report.plan import plan_text

pytestmark = pytest.mark.extra("yaml")

TRIALS = 400

PROFILE = """\
name: Data-privacy counsel at a mid-size firm
topics:
  - {id: gdpr, name: GDPR compliance programmes}
  - {id: breach, name: Breach response and regulator notifications}
  - {id: ai-act, name: The EU AI Act for deployers}
expertise:
  - {topic: gdpr, depth: 0.9, interest: 0.7}
  - {topic: breach, depth: 0.8, interest: 0.9}
  - {topic: ai-act, depth: 0.5, interest: 1.0}
segments:
  - id: gc
    name: General counsels of mid-size companies
    size: 800
    value_of_client: 60000
    needs: {gdpr: 0.8, breach: 0.9, ai-act: 0.6}
  - id: dpo
    name: In-house data-protection officers
    size: 2500
    needs: {gdpr: 1.0, ai-act: 0.7}
metrics:
  - {id: invitations, name: Invitations to speak, kind: value, unit: invitations}
  - {id: conversations, name: Qualified conversations, kind: engagement}
venues:
  - id: linkedin
    kind: social_network
    contribution: short post on a regulator decision
    effort_hours: {low: 0.5, likely: 1, high: 2}
    cadence: 1
    listening_hours: 4
    audience: {gc: 0.05, dpo: 0.15}
    yields:
      conversations: {low: 0.1, likely: 0.3, high: 0.6}
      invitations: {low: 0, likely: 0.01, high: 0.03}
  - id: iapp-chapter
    name: IAPP KnowledgeNet chapter
    kind: professional_association
    contribution: prepared question at the monthly meeting
    effort_hours: 2
    cadence: 0.25
    listening_hours: 6
    cost_per_year: 550
    audience: {gc: 0.2, dpo: 0.6}
    yields:
      conversations: {low: 0.5, likely: 1, high: 2}
      invitations: {low: 0, likely: 0.05, high: 0.1}
    events:
      - id: congress-2027
        name: Data Protection Congress 2027
        date: 2027-11-17
        proposal_deadline: 2027-05-15
        preparation_hours: {low: 12, likely: 18, high: 30}
        attendance_hours: 8
        acceptance_chance: {low: 0.2, likely: 0.35, high: 0.5}
        travel_cost: 900
        yields:
          invitations: {low: 0.5, likely: 1, high: 2}
          conversations: {low: 3, likely: 6, high: 10}
goals:
  - id: invited-twice
    name: Invited to speak twice
    metric: invitations
    target: 2
    segments: [gc]
    deadline: 2028-06-30
    priority: 2
  - id: conversations
    name: Twenty qualified conversations
    metric: conversations
    target: 20
    segments: [gc, dpo]
    deadline: 2027-12-31
capacity:
  hours_per_week: 3
  start: 2027-01-04
  hourly_rate: 200
  time_zone: Europe/Brussels
"""

LOG = """\
date,venue,segment,hours,contributions,invitations,conversations
2027-01-07,linkedin,,1.5,0,,
2027-01-14,iapp-chapter,,3,,,
2027-02-10,iapp-chapter,gc,2,1,1,1
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lawyer")
    (folder / "me.yaml").write_text(PROFILE)
    (folder / "progress.csv").write_text(LOG)
    return folder


@pytest.fixture(scope="module")
def planned(files: Path) -> em.results.Plan:
    return em.plan(em.load(files / "me.yaml"), trials=TRIALS)


def _cli(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    assert main(list(arguments)) == 0
    return capsys.readouterr().out


class TestOnePlanEverywhere:
    def test_the_command_line_plans_what_python_plans(
        self, files: Path, planned: em.results.Plan, capsys: pytest.CaptureFixture[str]
    ) -> None:
        shown = _cli(capsys, "plan", str(files / "me.yaml"), "--json", "--trials", str(TRIALS))
        assert json.loads(shown) == json.loads(planned.model_dump_json())

    def test_each_goal_reads_the_same_in_the_report_the_summary_and_required_hours(
        self, files: Path, planned: em.results.Plan
    ) -> None:
        text = plan_text(planned)
        summary = {goal.goal: goal for goal in planned.summary().goals}
        for goal in planned.projections.goals:
            assert goal.explanation in text
            if goal.p80 is not None:
                assert goal.p80.isoformat() in text
            if goal.chance_by_deadline is not None:
                assert figures.chance(goal.chance_by_deadline) in text
            # The summary rounds its figures (it says so); read as written they agree.
            said = summary[goal.goal]
            assert (said.p80, said.binding, said.explanation) == (
                goal.p80,
                goal.binding,
                goal.explanation,
            )
            assert figures.chance(said.chance_by_deadline or 0.0) == figures.chance(
                goal.chance_by_deadline or 0.0
            )
            needed = em.required_hours(planned.profile, goal.goal, trials=TRIALS)
            if goal.binding in LIMITED:
                assert needed.hours_per_week is None
            elif (
                goal.binding is em.results.Binding.HOURS
                and (goal.chance_by_deadline or 0.0) < needed.confidence
            ):
                assert needed.hours_per_week is not None


class TestTheFirstYear:
    def test_its_costs_are_the_hours_its_calendar_schedules(self, planned: em.results.Plan) -> None:
        # The work blocks, and an event's day its attendance at the chance it is accepted
        # (as its fee and travel, and the preparation blocks' expected hours).
        chance = {event.id: event.acceptance_chance.mean for _, event in planned.profile.events}
        start = planned.schedule.start
        last = start + dt.timedelta(weeks=COST_WEEKS, days=-1)
        occurrences = planned.schedule.occurrences(start, last)
        work = sum(occurrence.hours for occurrence in occurrences if occurrence.kind.is_work)
        attended = sum(
            chance[occurrence.event] * occurrence.hours
            for occurrence in occurrences
            if occurrence.kind is em.results.ItemKind.EVENT and occurrence.event
        )
        assert attended > 0  # the congress falls in the first year
        assert planned.costs.hours == pytest.approx(work + attended, rel=1e-9)

    def test_its_calendar_is_the_plans_schedule(
        self, files: Path, planned: em.results.Plan, capsys: pytest.CaptureFixture[str]
    ) -> None:
        calendar = files / "me.ics"
        _cli(
            capsys, "plan", str(files / "me.yaml"), "--trials", str(TRIALS), "--ics", str(calendar)
        )
        assert calendar.read_bytes() == planned.to_ical()


class TestALoggedInvitation:
    def test_counts_as_one_from_python_and_the_command_line(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        profile = em.load(files / "me.yaml")
        log = em.load_progress(files / "progress.csv")
        today = dt.date(2027, 2, 14)
        result = em.reforecast(profile, log, today=today, trials=TRIALS)
        assert result.goal("invited-twice").achieved == 1.0
        shown = _cli(
            capsys,
            "track",
            str(files / "me.yaml"),
            str(files / "progress.csv"),
            "--today",
            today.isoformat(),
            "--trials",
            str(TRIALS),
            "--json",
        )
        assert json.loads(shown) == json.loads(result.model_dump_json())
