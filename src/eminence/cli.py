"""The command line: a thin shell over the public API."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import warnings
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

from eminence._documents import DEFAULT_LIMITS, Format
from eminence.errors import DocumentSyntaxError, EminenceError, EminenceWarning
from eminence.io import example, examples, load, load_plannable, read_document
from eminence.logs import load_log, load_progress
from eminence.model import Profile, Team
from eminence.model import _figures as figures
from eminence.model._base import Record
from eminence.planning import Plan, plan
from eminence.planning.evidence import listen
from eminence.planning.team import plan_team
from eminence.planning.tracking import reforecast
from eminence.report.blocks import Document
from eminence.report.html import html_page
from eminence.report.listening_report import listening_document
from eminence.report.plan import plan_document
from eminence.report.reforecast import reforecast_document
from eminence.report.summary import summary_document
from eminence.report.table import text_document
from eminence.report.team import team_document
from eminence.schemas import KINDS, schema

__all__ = ("main",)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad input, 2 usage)."""
    parser = _parser()
    arguments = parser.parse_args(argv)
    hours = getattr(arguments, "hours", None)
    if hours is not None and not 0 < hours <= 168:
        parser.error(
            f"--hours must be more than 0 and at most 168, not {figures.hours_per_week(hours)}"
        )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", EminenceWarning)
        try:
            text = arguments.run(arguments)
        except EminenceError as error:
            print(f"eminence: {error}", file=sys.stderr)
            return 1
        finally:
            _show(caught)
    if text is None:  # a server that held stdout (eminence mcp) has nothing more to say
        return 0
    try:
        print(text)
    except BrokenPipeError:
        # The reader (``| head``) has gone: nothing left to say, and nothing went wrong.
        sys.stderr.close()
    return 0


def _show(caught: list[warnings.WarningMessage]) -> None:
    """Each eminence warning once, as a plain line; any other warning as Python shows it."""
    shown: set[tuple[type[Warning], str]] = set()
    for found in caught:
        if not issubclass(found.category, EminenceWarning):
            warnings.showwarning(found.message, found.category, found.filename, found.lineno)
        elif (found.category, str(found.message)) not in shown:
            shown.add((found.category, str(found.message)))
            print(f"eminence: warning: {found.message}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eminence", description="Plan professional eminence: where to speak, and when."
    )
    _version(parser)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="plan a bundled example profile")
    demo.add_argument(
        "name", nargs="?", default="consultant", choices=examples(), help="which example"
    )
    _planning(demo)
    demo.set_defaults(run=_demo)

    plan = commands.add_parser("plan", help="plan a profile or team file (JSON, TOML or YAML)")
    plan.add_argument("file", help="the profile file, or a team file (one with experts)")
    _profile_format(plan)
    _planning(plan)
    plan.set_defaults(run=_plan)

    listening = commands.add_parser(
        "listen", help="fold a listening log (CSV, JSON or YAML) into a profile"
    )
    listening.add_argument("profile", help="the profile file")
    listening.add_argument("log", help="the listening log")
    _profile_format(listening)
    listening.add_argument(
        "--columns", metavar="FILE", help="the column mapping, as a JSON, TOML or YAML file"
    )
    _reading(listening)
    listening.add_argument(
        "--today", type=_date, metavar="YYYY-MM-DD", help="refuse observations after this day"
    )
    _draws(listening)
    _outputs(listening, "report")
    listening.set_defaults(run=_listen)

    track = commands.add_parser(
        "track", help="compare a progress log (CSV, JSON or YAML) with the plan and re-forecast"
    )
    track.add_argument("profile", help="the profile file")
    track.add_argument("log", help="the progress log")
    _profile_format(track)
    track.add_argument(
        "--columns", metavar="FILE", help="the column mapping, as a JSON, TOML or YAML file"
    )
    _reading(track)
    track.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the last day the log covers (default: today's date)",
    )
    _draws(track)
    _outputs(track, "report")
    track.set_defaults(run=_track)

    schema = commands.add_parser("schema", help="print the JSON Schema of a kind of document")
    schema.add_argument(
        "kind", nargs="?", default="profile", choices=KINDS, help="which document (profile)"
    )
    schema.add_argument(
        "--json", action="store_true", help="print JSON for tools (the schema is JSON already)"
    )
    schema.set_defaults(run=_schema)

    agent = commands.add_parser(
        "mcp", help="serve the tools to an agent over stdio (Model Context Protocol)"
    )
    agent.set_defaults(run=_mcp)
    return parser


def _planning(command: argparse.ArgumentParser) -> None:
    """The options of every command that makes a plan: ``demo`` takes those of ``plan``."""
    command.add_argument(
        "--hours", type=float, metavar="H", help="what if I gave H hours a week instead"
    )
    _draws(command)
    _outputs(command, "plan")
    _summary(command)
    command.add_argument(
        "--ics",
        metavar="OUT",
        help="also write the schedule as an iCalendar file to OUT; for a team, OUT is a "
        "directory that gets firm.ics and one expert-<id>.ics per expert",
    )


def _draws(command: argparse.ArgumentParser) -> None:
    """The random draws of a command that plans: reproducible by seed, as many as asked."""
    command.add_argument("--seed", type=int, default=0, help="seed of the random draws")
    command.add_argument(
        "--trials",
        type=int,
        metavar="N",
        help="draws of every estimate behind the projections (default: the library's)",
    )
    _version(command)


def _version(command: argparse.ArgumentParser) -> None:
    command.add_argument("--version", action="version", version=f"eminence {version('eminence')}")


def _profile_format(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format",
        choices=[member.value for member in Format],
        help="the profile file's format, when its suffix does not tell",
    )


def _reading(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--delimiter",
        type=_delimiter,
        metavar="{,|;|tab}",
        help="the CSV log's delimiter (default: the one that splits its header into the columns)",
    )
    command.add_argument(
        "--decimal",
        choices=(".", ","),
        default=".",
        help="the decimal mark of numbers in the log (default: '.'); others are refused",
    )


def _summary(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--summary",
        action="store_true",
        help="show the plan's summary: goals, venues, the next four weeks, costs, notes",
    )


def _delimiter(text: str) -> str:
    found = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}.get(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not ',', ';' or 'tab'")
    return found


def _outputs(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--json", action="store_true", help="print JSON for tools")
    command.add_argument(
        "--html", metavar="OUT", help=f"also write the {what} as a self-contained HTML page to OUT"
    )


def _demo(arguments: argparse.Namespace) -> str:
    return _planned(example(arguments.name), arguments)


def _plan(arguments: argparse.Namespace) -> str:
    document = load_plannable(arguments.file, format=arguments.format)
    if isinstance(document, Team):
        return _planned_team(document, arguments)
    return _planned(document, arguments)


def _planned_team(team: Team, arguments: argparse.Namespace) -> str:
    if arguments.hours is not None:
        raise EminenceError("--hours applies to one expert's plan, not to a team's yet")
    if arguments.summary:
        raise EminenceError("--summary applies to one expert's plan, not to a team's yet")
    result = plan_team(team, seed=arguments.seed, **_trials(arguments))
    if arguments.ics is not None:
        directory = Path(arguments.ics)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise EminenceError(
                f"cannot make the directory {arguments.ics!r} for the team's calendars: "
                f"{error.strerror}"
            ) from None
        for name, data in result.calendars().items():
            _write(str(directory / name), data)
    return _shown(result, team_document(result, charts=arguments.html is not None), arguments)


def _trials(arguments: argparse.Namespace) -> dict[str, int]:
    """``trials=`` when the command line gives it; else the library's default for the call."""
    return {} if arguments.trials is None else {"trials": arguments.trials}


def _planned(profile: Profile, arguments: argparse.Namespace) -> str:
    if arguments.hours is not None:
        profile = _with_hours(profile, arguments.hours)
    result = plan(profile, seed=arguments.seed, **_trials(arguments))
    if arguments.ics is not None:
        _write(arguments.ics, result.to_ical())
    return _shown_plan(result, arguments)


def _shown_plan(result: Plan, arguments: argparse.Namespace) -> str:
    if arguments.summary:
        summary = result.summary()
        return _shown(summary, summary_document(summary), arguments)
    return _shown(result, plan_document(result, charts=arguments.html is not None), arguments)


def _shown(result: Record, document: Document, arguments: argparse.Namespace) -> str:
    """The result as text or JSON, and as a page when ``--html`` asks for one."""
    if arguments.html is not None:
        _write(arguments.html, html_page(document).encode("utf-8"))
    return result.model_dump_json(indent=2) if arguments.json else text_document(document)


def _write(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as file:
            file.write(data)
    except OSError as error:
        raise EminenceError(f"cannot write {path!r}: {error.strerror}") from None


def _listen(arguments: argparse.Namespace) -> str:
    profile = load(arguments.profile, format=arguments.format)
    log = load_log(
        arguments.log,
        columns=_columns(arguments.columns),
        delimiter=arguments.delimiter,
        decimal=arguments.decimal,
    )
    report = listen(profile, log, today=arguments.today, seed=arguments.seed, **_trials(arguments))
    return _shown(report, listening_document(report), arguments)


def _track(arguments: argparse.Namespace) -> str:
    profile = load(arguments.profile, format=arguments.format)
    log = load_progress(
        arguments.log,
        columns=_columns(arguments.columns),
        delimiter=arguments.delimiter,
        decimal=arguments.decimal,
    )
    # The command line may read the clock; the library never does.
    today = arguments.today or dt.date.today()
    result = reforecast(profile, log, today=today, seed=arguments.seed, **_trials(arguments))
    return _shown(result, reforecast_document(result), arguments)


def _columns(path: str | None) -> dict[str, Any] | None:
    if path is None:
        return None
    file = Path(path)
    try:
        chosen = Format.from_suffix(file.suffix)
    except DocumentSyntaxError:
        # --format is the profile's: the mapping's suffix alone tells its format.
        raise EminenceError(
            f"cannot tell the format of the column mapping {path!r}; name it .json, .toml, "
            ".yaml or .yml"
        ) from None
    found = read_document(file, chosen, DEFAULT_LIMITS)
    if not isinstance(found, dict):
        raise EminenceError(f"{path!r} must hold a mapping of field to column")
    return found


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


def _schema(arguments: argparse.Namespace) -> str:
    return json.dumps(schema(arguments.kind), indent=2, ensure_ascii=False)


def _mcp(_: argparse.Namespace) -> None:
    from eminence.agent import main as serve  # the extra mcp, imported only when asked for

    serve()


def _with_hours(profile: Profile, hours_per_week: float) -> Profile:
    return profile.replace(capacity=profile.capacity.replace(hours_per_week=hours_per_week))


if __name__ == "__main__":
    sys.exit(main())
