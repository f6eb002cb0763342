"""The command line: readable tables for people, JSON for tools, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import eminence as em
from eminence.cli import main
from eminence.testing import profile_data


def test_demo_prints_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Priorities" in out
    assert "The weekly split" in out
    assert "2 h/week" in out


def test_plan_prints_json_for_tools(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "me.json"
    path.write_text(json.dumps(profile_data()), "utf-8")
    assert main(["plan", str(path), "--json"]) == 0
    plan = em.results.Plan.model_validate_json(capsys.readouterr().out)
    assert plan.allocation.hours_per_week == 3


def test_plan_what_if_hours(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "me.json"
    path.write_text(json.dumps(profile_data()), "utf-8")
    assert main(["plan", str(path), "--hours", "6", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["allocation"]["hours_per_week"] == 6


def test_bad_input_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = profile_data()
    data["capacity"]["hours_per_week"] = 169
    path = tmp_path / "me.json"
    path.write_text(json.dumps(data), "utf-8")
    assert main(["plan", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("eminence: Profile has 1 problem")
    assert "capacity.hours_per_week" in err
    assert "Traceback" not in err


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Profile"


@pytest.mark.extra("ical")
def test_plan_writes_the_calendar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "me.json"
    path.write_text(json.dumps(profile_data()), "utf-8")
    out = tmp_path / "plan.ics"
    assert main(["plan", str(path), "--ics", str(out)]) == 0
    assert "What to do first" in capsys.readouterr().out
    expected = em.plan(em.model.Profile.model_validate(profile_data())).to_ical()
    assert out.read_bytes() == expected


@pytest.mark.extra("ical")
def test_an_unwritable_calendar_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "me.json"
    path.write_text(json.dumps(profile_data()), "utf-8")
    assert main(["plan", str(path), "--ics", str(tmp_path / "missing" / "plan.ics")]) == 1
    assert capsys.readouterr().err.startswith("eminence: cannot write")


def test_demo_prints_json_for_tools(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "executive", "--json"]) == 0
    plan = em.results.Plan.model_validate_json(capsys.readouterr().out)
    assert plan.profile == em.example("executive")


def test_schema_takes_json_like_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == em.io.profile_schema()


EXAMPLES = Path(em.__file__).parent / "examples"


@pytest.mark.parametrize(
    ("command", "heading"),
    [
        (["demo"], "The weekly split"),
        (["plan", "PROFILE"], "The weekly split"),
        (
            [
                "listen",
                f"{EXAMPLES}/executive.toml",
                f"{EXAMPLES}/executive-listening.csv",
                "--columns",
                f"{EXAMPLES}/executive-listening.columns.json",
            ],
            "Who talks where",
        ),
        (
            [
                "track",
                f"{EXAMPLES}/consultant.toml",
                f"{EXAMPLES}/consultant-progress.csv",
                "--today",
                "2027-04-25",
            ],
            "Plan against actual",
        ),
    ],
    ids=["demo", "plan", "listen", "track"],
)
def test_html_writes_a_self_contained_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], heading: str
) -> None:
    profile = tmp_path / "me.json"
    profile.write_text(json.dumps(profile_data()), "utf-8")
    page = tmp_path / "report.html"
    argv = [str(profile) if part == "PROFILE" else part for part in command]
    assert main([*argv, "--html", str(page)]) == 0
    text = page.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert f"<h4>{heading}</h4>" in text
    assert "<script" not in text
    assert f"\n{heading}\n" in capsys.readouterr().out


def test_html_to_an_unwritable_place_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--html", str(tmp_path / "missing" / "plan.html")]) == 1
    assert capsys.readouterr().err.startswith("eminence: cannot write ")


def test_track_prints_the_re_forecast_as_it_shows_itself(
    capsys: pytest.CaptureFixture[str],
) -> None:
    profile, log = f"{EXAMPLES}/consultant.toml", f"{EXAMPLES}/consultant-progress.csv"
    assert main(["track", profile, log, "--today", "2027-04-25"]) == 0
    result = em.reforecast(em.load(profile), em.load_progress(log), today=dt.date(2027, 4, 25))
    assert capsys.readouterr().out == f"{result}\n"


def test_html_of_a_plan_leads_with_its_charts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "plan.html"
    assert main(["demo", "--html", str(page)]) == 0
    shown = capsys.readouterr().out
    assert main(["demo"]) == 0
    assert capsys.readouterr().out == shown  # the terminal shows no charts
    text = page.read_text("utf-8")
    goals = len(em.example("consultant").goals)
    assert text.count("<svg ") == 2 + goals  # the split, the timeline, a fan per goal
    assert text.index("At a glance") < text.index("Priorities")
