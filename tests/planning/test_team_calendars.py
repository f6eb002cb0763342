"""A team's calendars: one per expert, their own plan's, and the firm's with every block of
every expert once, read back by an independent expander; written by ``eminence plan --ics``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence import io
from eminence.cli import main

icalendar = pytest.importorskip("icalendar")
recurring_ical_events = pytest.importorskip("recurring_ical_events")

STUDIO = io.example_team("studio")
SETTINGS = settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def _expanded(ics: bytes, start: dt.date, until: dt.date) -> list[tuple[str, str, object]]:
    """Each occurrence as another expander reads it: uid, title, start."""
    calendar = icalendar.Calendar.from_ical(ics)
    window = (start, until + dt.timedelta(days=1))
    found = [
        (str(event["UID"]).split("@")[0], str(event["SUMMARY"]), event.start)
        for event in recurring_ical_events.of(calendar).between(*window)
    ]
    return sorted(found, key=repr)


class TestFirmCalendar:
    @SETTINGS
    @given(
        hours=st.lists(st.floats(0.5, 6.0).map(lambda h: round(h, 1)), min_size=3, max_size=3),
        seed=st.integers(0, 9),
    )
    def test_holds_every_experts_occurrences_once_under_their_name(
        self, hours: list[float], seed: int
    ) -> None:
        experts = tuple(
            expert.replace(capacity=expert.capacity.replace(hours_per_week=h))
            for expert, h in zip(STUDIO.experts, hours, strict=True)
        )
        team_plan = em.plan_team(STUDIO.replace(experts=experts), seed=seed, trials=50)
        start = min(p.plan.schedule.start for p in team_plan.experts)
        until = max(p.plan.schedule.until for p in team_plan.experts)
        expected = []
        for planned in team_plan.experts:
            name = STUDIO.expert(planned.expert).name
            own = _expanded(planned.plan.to_ical(), start, until)
            expected += [
                (f"{planned.expert}.{uid}", f"{name}: {title}", at) for uid, title, at in own
            ]
        assert _expanded(team_plan.to_ical(), start, until) == sorted(expected, key=repr)

    def test_each_expert_has_their_own_plans_calendar(self) -> None:
        team_plan = em.plan_team(STUDIO, trials=50)
        calendars = team_plan.calendars()
        assert calendars["firm.ics"] == team_plan.to_ical()
        for planned in team_plan.experts:
            assert calendars[f"expert-{planned.expert}.ics"] == planned.plan.to_ical()
        assert len(calendars) == len(team_plan.experts) + 1
        # Read back from its JSON, the plan writes the same bytes.
        again = em.results.TeamPlan.model_validate_json(team_plan.model_dump_json())
        assert again.calendars() == calendars


class TestCommandLine:
    def test_ics_writes_the_teams_calendars_into_a_directory(self, tmp_path: Path) -> None:
        path = tmp_path / "team.json"
        path.write_text(STUDIO.model_dump_json())
        out = tmp_path / "calendars"
        page = tmp_path / "team.html"
        arguments = ["plan", str(path), "--trials", "50", "--ics", str(out), "--html", str(page)]
        assert main(arguments) == 0
        team_plan = em.plan_team(STUDIO, trials=50)
        assert {p.name: p.read_bytes() for p in out.iterdir()} == team_plan.calendars()
        markup = page.read_text("utf-8")
        # The team's timeline and one fan per firm goal lead the page.
        assert markup.count("<svg") == 1 + len(STUDIO.goals)
        assert "Who works where, and when the firm goals come" in markup

    def test_a_file_in_the_way_of_the_directory_is_a_clear_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "team.json"
        path.write_text(STUDIO.model_dump_json())
        blocking = tmp_path / "calendars"
        blocking.write_text("not a directory")
        assert main(["plan", str(path), "--trials", "50", "--ics", str(blocking)]) == 1
        assert "cannot make the directory" in capsys.readouterr().err
