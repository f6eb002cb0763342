"""The command line with hostile files and arguments: an exit status and one line on stderr,
never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eminence.cli import main
from eminence.testing import check_total, profile_data

ICAL = pytest.mark.extra("ical")
YAML = pytest.mark.extra("yaml")


def run(*arguments: str) -> int:
    try:
        return main(list(arguments))
    except SystemExit as exit:  # argparse's usage errors
        return int(exit.code or 0)


@pytest.fixture
def good(tmp_path: Path) -> str:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile_data()))
    return str(path)


def write(folder: Path, name: str, content: str | bytes) -> str:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return str(path)


@pytest.mark.parametrize(
    ("arguments", "status", "said"),
    [
        (["--seed", "-1"], 1, "seed must be a whole number from 0 up"),
        (["--hours", "nan"], 2, "--hours must be more than 0 and at most 168"),
        (["--hours", "inf"], 2, "--hours must be more than 0"),
        (["--hours", "0.001"], 1, "hours_per_week: must be at least 0.01"),
        (["--hours", "5e-324"], 1, "must be at least 0.01"),
        (["--hours", "many"], 2, "invalid float value"),
        pytest.param(["--ics", "/nonexistent/folder/plan.ics"], 1, "cannot write", marks=ICAL),
        (["--html", "/nonexistent/folder/plan.html"], 1, "cannot write"),
    ],
)
def test_bad_arguments(
    good: str, arguments: list[str], status: int, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    outcome = check_total(lambda: run("plan", good, *arguments))
    assert outcome.result == status
    error = capsys.readouterr().err
    assert said in error
    assert "Traceback" not in error


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        pytest.param("bomb.yaml", "a: &a [1, 2]\nb: [*a, *a]\n", "aliases are not", marks=YAML),
        pytest.param("python.yaml", "!!python/object/apply:os.system []\n", "tags are", marks=YAML),
        ("latin1.json", b'{"name": "caf\xe9"}', "not valid UTF-8"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "32"),
        ("profile.txt", "name = 'x'", "cannot tell the format"),
        ("nan.json", json.dumps(profile_data()).replace(": 3,", ": NaN,", 1), "finite"),
    ],
)
def test_bad_files(
    tmp_path: Path, name: str, content: str | bytes, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, name, content)
    assert check_total(lambda: run("plan", path)).result == 1
    error = capsys.readouterr().err
    assert error.startswith("eminence: ")
    assert said in error


def test_a_directory_and_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("plan", str(tmp_path)) == 1
    assert run("plan", str(tmp_path / "missing.json")) == 1
    assert run("track", str(tmp_path / "missing.json"), str(tmp_path), "--today", "2027-03-01") == 1
    assert "Traceback" not in capsys.readouterr().err


def test_a_bad_log_for_track(good: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = write(tmp_path, "log.csv", "date,venue,hours\n2027-01-10,forum,nan\n2027-13-01,forum,1\n")
    assert run("track", good, log, "--today", "2027-03-01") == 1
    error = capsys.readouterr().err
    assert "row 2, column 'hours': must be a finite number" in error
    assert "row 3, column 'date'" in error


def test_a_bad_today(good: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = write(tmp_path, "log.csv", "date,venue,hours\n")
    assert run("track", good, log, "--today", "2027-02-30") == 2
    assert "is not a date as YYYY-MM-DD" in capsys.readouterr().err
