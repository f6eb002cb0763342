"""What the command line says beside its results (issue 18): each warning once, as a plain
line; every option a message names exists; the commands that plan share their options."""

from __future__ import annotations

import argparse
import ast
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import eminence as em
from eminence import cli
from eminence.cli import main

SOURCE = Path(cli.__file__).parent
EXAMPLES = SOURCE / "examples"
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")

Data = dict[str, Any]


def _vanity_goal(data: Data) -> None:
    vanity = next(m["id"] for m in data["metrics"] if m["kind"] in {"activity", "reach"})
    data["goals"][0]["metric"] = vanity


TRIGGERS: dict[type[em.EminenceWarning], Callable[[Data], None]] = {
    em.VanityGoalWarning: _vanity_goal,
}
"""How a profile sets off each warning eminence has."""


def _warning_classes() -> list[type[em.EminenceWarning]]:
    found, stack = [], [em.EminenceWarning]
    while stack:
        for kind in stack.pop().__subclasses__():
            found.append(kind)
            stack.append(kind)
    return found


def test_every_warning_has_a_trigger() -> None:
    assert set(_warning_classes()) == set(TRIGGERS)


def _commands(profile: Path) -> dict[str, list[str]]:
    """Every command that plans, on ``profile`` (demo is pointed at it)."""
    return {
        "demo": ["demo", "--trials", "50"],
        "plan": ["plan", str(profile), "--trials", "50", "--hours", "3"],
        "listen": [
            "listen",
            str(profile),
            str(EXAMPLES / "executive-listening.csv"),
            "--columns",
            str(EXAMPLES / "executive-listening.columns.json"),
            "--trials",
            "50",
        ],
        "track": [
            "track",
            str(profile),
            str(EXAMPLES / "consultant-progress.csv"),
            "--today",
            "2027-04-25",
            "--trials",
            "50",
        ],
    }


EXAMPLE_OF = {
    "demo": "consultant",
    "plan": "consultant",
    "listen": "executive",
    "track": "consultant",
}


@pytest.mark.parametrize("kind", _warning_classes(), ids=lambda kind: kind.__name__)
@pytest.mark.parametrize("command", sorted(EXAMPLE_OF))
def test_each_warning_shows_once_as_a_plain_line(
    kind: type[em.EminenceWarning],
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = json.loads(em.dump(em.example(EXAMPLE_OF[command]), "json"))
    TRIGGERS[kind](data)
    profile = tmp_path / "me.json"
    profile.write_text(json.dumps(data), "utf-8")
    with pytest.warns(kind) as expected:
        em.load(profile)
    message = str(expected[0].message)
    monkeypatch.setattr(cli, "example", lambda name: em.load(profile))

    assert main(_commands(profile)[command]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines == [f"eminence: warning: {message}"]


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {option for option in parser._option_string_actions if option.startswith("--")}


def _command_parsers() -> dict[str, argparse.ArgumentParser]:
    parser = cli._parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the command line has no commands")


def _strings(path: Path) -> list[str]:
    """The strings of a module that can reach a user as a message: docstrings, which may name
    another program's options (uvicorn's ``--factory``), are not among them."""
    tree = ast.parse(path.read_text("utf-8"))
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, documented)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_every_option_a_message_names_exists() -> None:
    known = set().union(*map(_options, _command_parsers().values()))
    named = {
        (option, str(path.relative_to(SOURCE)))
        for path in SOURCE.rglob("*.py")
        for text in _strings(path)
        for option in OPTION.findall(text)
    }
    assert named, "the scan finds the options messages name"
    assert {(option, where) for option, where in named if option not in known} == set()


@pytest.mark.parametrize("command", sorted(EXAMPLE_OF))
def test_what_a_command_says_names_only_its_own_options(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = json.loads(em.dump(em.example(EXAMPLE_OF[command]), "json"))
    _vanity_goal(data)
    profile = tmp_path / "me.json"
    profile.write_text(json.dumps(data), "utf-8")
    unsuffixed = tmp_path / "me.profile"
    unsuffixed.write_text(json.dumps(data), "utf-8")
    monkeypatch.setattr(cli, "example", lambda name: em.load(profile))
    argv = _commands(profile)[command]
    own = _options(_command_parsers()[command])
    runs = [argv, [part.replace("me.json", "me.profile") for part in argv]]
    runs += [[*argv, "--summary"]] if "--summary" in own else []
    said = ""
    for run in runs:
        main(run)
        captured = capsys.readouterr()
        said += captured.out + captured.err
    assert set(OPTION.findall(said)) - own == set()


def test_demo_takes_the_options_of_plan() -> None:
    parsers = _command_parsers()
    assert _options(parsers["plan"]) - _options(parsers["demo"]) == {"--format"}


@pytest.mark.parametrize("command", ["plan", "listen", "track"])
def test_the_commands_that_read_a_profile_take_its_format(command: str) -> None:
    assert "--format" in _options(_command_parsers()[command])


@pytest.mark.parametrize("command", sorted(EXAMPLE_OF))
def test_the_commands_that_plan_take_seed_trials_and_version(command: str) -> None:
    assert {"--seed", "--trials", "--version"} <= _options(_command_parsers()[command])


def test_a_profile_without_its_suffix_is_read_with_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "me.profile"
    profile.write_text(em.dump(em.example("consultant"), "json"), "utf-8")
    assert main(["plan", str(profile), "--trials", "50", "--seed", "3", "--json"]) == 1
    assert "--format" in capsys.readouterr().err
    assert (
        main(["plan", str(profile), "--format", "json", "--trials", "50", "--seed", "3", "--json"])
        == 0
    )
    expected = em.plan(em.example("consultant"), seed=3, trials=50)
    assert capsys.readouterr().out == expected.model_dump_json(indent=2) + "\n"


def test_demo_plans_with_the_seed_trials_and_hours_given(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--seed", "4", "--trials", "60", "--hours", "5", "--json"]) == 0
    profile = em.example("consultant")
    profile = profile.replace(capacity=profile.capacity.replace(hours_per_week=5))
    expected = em.plan(profile, seed=4, trials=60)
    assert capsys.readouterr().out == expected.model_dump_json(indent=2) + "\n"


def test_version_names_the_release(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["plan", "--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"eminence {em.__version__}\n"
