"""The agent's tools, called as an MCP client calls them: over the SDK's in-memory session."""

from __future__ import annotations

import json
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import jsonschema
import pytest

import eminence as em

pytestmark = pytest.mark.extra("mcp")
pytest.importorskip("mcp")

import anyio  # noqa: E402  (installed with mcp)
from mcp import Client  # noqa: E402
from mcp.client.stdio import StdioServerParameters  # noqa: E402

from eminence.agent import TOOLS, server  # noqa: E402
from eminence.service import Settings  # noqa: E402

TRIALS = 100


def _session(check: Callable[[Client], Awaitable[None]]) -> None:
    """Run ``check`` with a client connected in-process to a fresh server (JSON-RPC framed)."""

    async def main() -> None:
        async with Client(server(Settings(trials=TRIALS)), mode="legacy") as client:
            await check(client)

    anyio.run(main)


def _profile(name: str = "consultant") -> dict[str, Any]:
    found: dict[str, Any] = json.loads(em.dump(em.example(name)))
    return found


def _deep(levels: int) -> Any:
    return [_deep(levels - 1)] if levels else 1


def test_every_tool_is_listed_with_the_published_profile_schema() -> None:
    async def check(client: Client) -> None:
        listed = {tool.name: tool for tool in (await client.list_tools()).tools}
        assert set(listed) == {tool.name for tool in TOOLS}
        for tool in listed.values():
            given = tool.input_schema
            jsonschema.Draft202012Validator.check_schema(given)
            profile = given["$defs"]["Profile"]
            shipped = em.schema("profile")
            assert profile["properties"] == shipped["properties"]
            assert {k: v for k, v in given["$defs"].items() if k != "Profile"} == shipped["$defs"]
            arguments = {"profile": _profile(), "goal": "x", "hours_per_week": 3}
            accepted = {k: v for k, v in arguments.items() if k in given["properties"]}
            assert not list(jsonschema.Draft202012Validator(given).iter_errors(accepted))

    _session(check)


@pytest.mark.parametrize(
    ("tool", "arguments", "expected"),
    [
        ("plan", {"seed": 3}, lambda p: em.plan(p, seed=3, trials=TRIALS)),
        ("summarise", {}, lambda p: em.plan(p, trials=TRIALS).summary()),
        (
            "what_if",
            {"hours_per_week": 6},
            lambda p: em.Planner(p, trials=TRIALS).plan(6.0).summary(),
        ),
        (
            "required_hours",
            {"goal": "qualified-conversations", "confidence": 0.5, "trials": 50},
            lambda p: em.required_hours(p, "qualified-conversations", confidence=0.5, trials=50),
        ),
    ],
)
def test_a_tool_returns_the_librarys_document(
    tool: str, arguments: dict[str, Any], expected: Callable[[em.model.Profile], Any]
) -> None:
    async def check(client: Client) -> None:
        # The client checks the result against the tool's output schema as it receives it.
        result = await client.call_tool(tool, {"profile": _profile(), **arguments})
        assert not result.is_error, result.content
        assert result.structured_content == expected(em.example("consultant")).model_dump(
            mode="json"
        )

    _session(check)


def test_validate_names_each_problem_by_its_path() -> None:
    async def check(client: Client) -> None:
        profile = _profile()
        assert (
            await client.call_tool("validate_profile", {"profile": profile})
        ).structured_content["valid"]
        profile["capacity"]["hours_per_week"] = 169
        result = await client.call_tool("validate_profile", {"profile": profile})
        found = result.structured_content
        assert found is not None
        assert not found["valid"]
        assert [p["path"] for p in found["problems"]] == ["capacity.hours_per_week"]

    _session(check)


@pytest.mark.parametrize(
    ("tool", "arguments", "status", "named"),
    [
        ("plan", {"profile": "not a profile"}, 422, "profile"),
        ("plan", {"profile": {}, "colour": 1}, 422, "colour"),
        ("what_if", {"profile": {}}, 422, "hours_per_week"),
        ("plan", {"profile": {"name": 1}}, 422, "topics"),
        ("plan", {"profile": _profile(), "trials": TRIALS + 1}, 422, "at most 100"),
        ("required_hours", {"profile": _profile(), "goal": "nope"}, 422, "unknown goal"),
        ("required_hours", {"profile": _profile(), "goal": "x", "by": "soon"}, 422, "YYYY-MM-DD"),
        ("plan", {"profile": {"a": _deep(40)}}, 413, "nested 41 deep"),
        ("nowhere", {}, 422, "unknown tool"),
    ],
)
def test_a_refusal_is_a_problem_the_agent_can_read(
    tool: str, arguments: dict[str, Any], status: int, named: str
) -> None:
    async def check(client: Client) -> None:
        result = await client.call_tool(tool, arguments)
        assert result.is_error
        problem = result.structured_content
        assert problem is not None
        assert problem["status"] == status
        assert named in json.dumps(problem)
        assert json.loads(result.content[0].text) == problem  # type: ignore[union-attr]

    _session(check)


def test_eminence_mcp_serves_the_tools_over_stdio() -> None:
    async def main() -> None:
        command = StdioServerParameters(command=sys.executable, args=["-m", "eminence.cli", "mcp"])
        async with Client(command, mode="legacy") as client:
            result = await client.call_tool(
                "summarise", {"profile": _profile("executive"), "trials": 50}
            )
        assert not result.is_error, result.content
        expected = em.plan(em.example("executive"), trials=50).summary()
        assert result.structured_content == expected.model_dump(mode="json")

    anyio.run(main)
