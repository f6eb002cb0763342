"""A Model Context Protocol server, so that an agent can plan with eminence (extra ``mcp``).

``eminence mcp`` serves it over stdio. Each tool's input schema is built from the published
schemas (`eminence.schema`): the profile is the shipped profile schema, so an agent sees the
same contract as any other tool. Each tool's result is a published document with its schema,
and its errors are problem details with each problem's path, as the HTTP service reports
them. The tools share the service's bounded operations: a thread per plan, a time budget, a
cap on work in flight.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from eminence.errors import EminenceError, InvalidArgumentError, MissingExtraError
from eminence.model._base import Record
from eminence.model.arguments import a_number, text_of
from eminence.schemas import schema
from eminence.service.contracts import RESULTS, Contracts, envelope
from eminence.service.operations import Refused, Service, Settings
from eminence.service.problems import problem_of

try:
    import anyio
    import mcp_types as types
    from mcp.server import Server
    from mcp.server.stdio import stdio_server
except ImportError:
    raise MissingExtraError("mcp", "mcp", "the agent server (eminence mcp)") from None

__all__ = ("TOOLS", "Tool", "server", "serve")

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_CONTRACTS = Contracts("#/$defs/")

_SEED = {"type": "integer", "minimum": 0, "description": "Seed of the random draws."}
_TRIALS = {"type": "integer", "minimum": 1, "description": "Draws per plan (fewer is faster)."}
_HOURS = {"type": "number", "exclusiveMinimum": 0, "maximum": 168}


@dataclass(frozen=True, slots=True)
class Tool:
    """A tool an agent may call: what it does, what it takes, and what it returns."""

    name: str
    description: str
    parameters: Mapping[str, dict[str, Any]]
    required: tuple[str, ...]
    result: dict[str, Any]
    run: Callable[[Service, dict[str, Any]], Awaitable[Record | dict[str, Any]]]

    def input_schema(self) -> dict[str, Any]:
        """The arguments' JSON Schema, the profile being the published one."""
        parts = {"profile": _CONTRACTS.ref("profile"), **self.parameters}
        return _standalone(envelope(parts, ("profile", *self.required)))


async def _validate(service: Service, arguments: dict[str, Any]) -> dict[str, Any]:
    try:
        await service.validate(arguments["profile"])
    except EminenceError as error:
        found = problem_of(error).to_dict()
        if found["status"] != 422:  # too large or malformed: not a verdict on the profile
            raise
        return {"valid": False, "problems": found.get("problems", []), "detail": found["detail"]}
    return {"valid": True, "problems": [], "detail": "the profile is valid"}


async def _plan(service: Service, arguments: dict[str, Any]) -> Record:
    return await service.plan(arguments["profile"], **_options(arguments))


async def _summary(service: Service, arguments: dict[str, Any]) -> Record:
    return await service.summary(arguments["profile"], **_options(arguments))


async def _what_if(service: Service, arguments: dict[str, Any]) -> Record:
    hours = a_number("hours_per_week", arguments["hours_per_week"], what="hours per week")
    return await service.summary(arguments["profile"], hours_per_week=hours, **_options(arguments))


async def _required_hours(service: Service, arguments: dict[str, Any]) -> Record:
    by = arguments.get("by")
    return await service.required_hours(
        arguments["profile"],
        goal=text_of("goal", arguments["goal"], "give a goal's id"),
        by=None if by is None else _date("by", by),
        confidence=arguments.get("confidence", 0.8),
        **_options(arguments),
    )


TOOLS = (
    Tool(
        "validate_profile",
        "Check a profile: valid, or each problem with its path and how to fix it.",
        {},
        (),
        {
            "type": "object",
            "properties": {
                "valid": {"type": "boolean"},
                "problems": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
                    },
                },
                "detail": {"type": "string"},
            },
            "required": ["valid", "problems", "detail"],
        },
        _validate,
    ),
    Tool(
        "plan",
        "Plan a profile: ranked venues, the weekly split of hours, projections of every goal "
        "with P50/P80/P95 dates, a dated schedule, costs and notes. Large; prefer summarise.",
        {"seed": _SEED, "trials": _TRIALS},
        (),
        schema("plan"),
        _plan,
    ),
    Tool(
        "summarise",
        "Plan a profile and keep the decisions: each goal's dates and chance, each venue's "
        "hours, the next four weeks, costs and notes, in a few kilobytes.",
        {"seed": _SEED, "trials": _TRIALS},
        (),
        schema("summary"),
        _summary,
    ),
    Tool(
        "required_hours",
        "The least hours per week that reach a goal by a date (its deadline by default) with "
        "a chosen confidence, or how close 168 hours come.",
        {
            "goal": {"type": "string", "description": "The goal's id."},
            "by": {"type": "string", "format": "date", "description": "YYYY-MM-DD."},
            "confidence": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
            "seed": _SEED,
            "trials": _TRIALS,
        },
        ("goal",),
        RESULTS["required-hours"],
        _required_hours,
    ),
    Tool(
        "what_if",
        "What if the expert gave other hours per week: the summary of that plan, to set "
        "beside the summary at the profile's own hours.",
        {"hours_per_week": _HOURS, "seed": _SEED, "trials": _TRIALS},
        ("hours_per_week",),
        schema("summary"),
        _what_if,
    ),
)
"""Every tool the server offers."""


def server(settings: Settings | None = None) -> Server[Any]:
    """The MCP server of eminence's tools, each call planned within ``settings``."""
    service = Service(settings or Settings(trials=500, time_budget=30.0))
    tools = {tool.name: tool for tool in TOOLS}
    listed = [
        types.Tool(
            name=tool.name,
            description=tool.description,
            input_schema=tool.input_schema(),
            output_schema=tool.result,
        )
        for tool in TOOLS
    ]

    async def list_tools(_: Any, __: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        return types.ListToolsResult(tools=listed)

    async def call_tool(_: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        try:
            tool = tools.get(params.name)
            if tool is None:
                raise InvalidArgumentError(
                    "name", f"unknown tool {params.name!r}; known tools: {', '.join(tools)}"
                )
            result = await tool.run(service, _arguments(tool, params.arguments or {}))
        except EminenceError as error:
            return _error(problem_of(error).to_dict())
        except Refused as refusal:
            return _error(refusal.problem.to_dict())
        found = result.model_dump(mode="json") if isinstance(result, Record) else result
        return types.CallToolResult(
            content=[types.TextContent(text=json.dumps(found, ensure_ascii=False))],
            structured_content=found,
        )

    return Server(
        "eminence",
        version=version("eminence"),
        instructions="Plan an expert's professional eminence from a profile (see its schema): "
        "validate_profile first, then summarise, required_hours or what_if.",
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )


async def serve(settings: Settings | None = None) -> None:
    """Serve the tools over stdin and stdout until the client closes them."""
    found = server(settings)
    async with stdio_server() as (read, write):
        await found.run(read, write, found.create_initialization_options())


def main() -> None:
    """Serve over stdio: what ``eminence mcp`` runs."""
    anyio.run(serve)


def _arguments(tool: Tool, arguments: dict[str, Any]) -> dict[str, Any]:
    known = {"profile", *tool.parameters}
    unknown = sorted(set(arguments) - known)
    if unknown:
        raise InvalidArgumentError(
            unknown[0], f"{tool.name} takes no argument {unknown[0]!r}; it takes {sorted(known)}"
        )
    missing = [name for name in ("profile", *tool.required) if name not in arguments]
    if missing:
        raise InvalidArgumentError(missing[0], f"{tool.name} needs the argument {missing[0]!r}")
    return arguments


def _options(arguments: Mapping[str, Any]) -> dict[str, Any]:
    return {"seed": arguments.get("seed", 0), "trials": arguments.get("trials")}


def _date(argument: str, value: object) -> dt.date:
    text = text_of(argument, value, "give a date as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidArgumentError(
            argument, f"{argument} must be a date as YYYY-MM-DD, not {text!r:.40}"
        ) from None


def _error(problem: dict[str, Any]) -> types.CallToolResult:
    return types.CallToolResult(
        content=[types.TextContent(text=json.dumps(problem, ensure_ascii=False))],
        structured_content=problem,
        is_error=True,
    )


def _standalone(root: dict[str, Any]) -> dict[str, Any]:
    """``root`` with the definitions it reaches under ``$defs``: one schema a tool can hold."""
    reached: dict[str, Any] = {}
    waiting = _refs(root)
    while waiting:
        name = waiting.pop().removeprefix(_CONTRACTS.prefix)
        if name not in reached:
            reached[name] = _CONTRACTS.definitions[name]
            waiting += _refs(reached[name])
    return {"$schema": _DIALECT, **root, "$defs": dict(sorted(reached.items()))}


def _refs(value: Any) -> list[str]:
    if isinstance(value, dict):
        inner = [ref for one in value.values() for ref in _refs(one)]
        return [value["$ref"], *inner] if isinstance(value.get("$ref"), str) else inner
    if isinstance(value, list):
        return [ref for one in value for ref in _refs(one)]
    return []
