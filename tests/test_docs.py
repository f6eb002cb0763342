"""The code the docs show runs as shown: the web-service how-to is a working service."""

from __future__ import annotations

import inspect
import io
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest

import eminence as em

ROOT = Path(__file__).resolve().parents[1]

Application = Callable[[dict[str, Any], Callable[..., object]], Iterable[bytes]]


@pytest.fixture(scope="module")
def application() -> Application:
    page = (ROOT / "docs" / "web-service.md").read_text("utf-8")
    # The smallest service, on the standard library: the one block that defines application.
    blocks = re.findall(r"```python\n(.+?)```", page, flags=re.DOTALL)
    (code,) = [block for block in blocks if "def application(" in block]
    namespace: dict[str, Any] = {"__name__": "web_service"}
    exec(compile(code, "web-service.md", "exec"), namespace)
    app: Application = namespace["application"]
    return app


def _call(
    application: Application, method: str, path: str, body: bytes = b"", query: str = ""
) -> tuple[str, Any]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    setup_testing_defaults(environ)
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        assert ("Content-Type", "application/json") in headers
        statuses.append(status)

    answer = b"".join(application(environ, start_response))
    return statuses[0], json.loads(answer)


def test_plans_a_profile_deterministically(application: Application) -> None:
    profile = em.example("consultant")
    status, body = _call(application, "POST", "/plan", em.dump(profile).encode(), "seed=7")
    assert status == "200 OK"
    assert em.results.Plan.model_validate(body) == em.plan(profile, seed=7)


def test_bad_profile_lists_each_problem_with_its_path(application: Application) -> None:
    data = json.loads(em.dump(em.example("consultant")))
    data["capacity"]["hours_per_week"] = 169
    status, body = _call(application, "POST", "/plan", json.dumps(data).encode())
    assert status.startswith("422")
    assert [problem["path"] for problem in body["problems"]] == ["capacity.hours_per_week"]


PROFILE = em.dump(em.example("executive")).encode()


@pytest.mark.parametrize(
    ("body", "query", "status"),
    [
        (b"{not json", "", "400"),
        (b"[" * 10_000, "", "400"),
        (b"{}", "", "422"),
        (PROFILE, "seed=x", "400"),
        (PROFILE, "seed=-1", "400"),
    ],
)
def test_hostile_or_broken_requests_are_one_clear_error(
    application: Application, body: bytes, query: str, status: str
) -> None:
    answer_status, answer = _call(application, "POST", "/plan", body, query)
    assert answer_status.startswith(status)
    assert answer["error"]


def test_refuses_a_huge_body_unread(application: Application) -> None:
    environ_body = b"{" + b" " * (1024 * 1024)
    status, _ = _call(application, "POST", "/plan", environ_body)
    assert status.startswith("413")


def test_serves_the_schema_and_nothing_else(application: Application) -> None:
    assert _call(application, "GET", "/schema") == ("200 OK", em.io.profile_schema())
    assert _call(application, "GET", "/plan")[0].startswith("404")


def test_the_api_reference_lists_every_public_name() -> None:
    page = (ROOT / "docs" / "api.md").read_text("utf-8")
    listed = re.findall(r"^::: (eminence(?:\.\w+)+)$", page, flags=re.MULTILINE)
    public = [f"eminence.{name}" for name in em.__all__ if name != "__version__"]
    for home in (em.model, em.results, em.charts, em.batch):
        # The model's quantities are type aliases, described where the fields use them; a
        # namespace's ways in that the top holds too are listed once, at the top.
        held = [
            name
            for name in home.__all__
            if (inspect.isclass(getattr(home, name)) or inspect.isfunction(getattr(home, name)))
            and name not in em.__all__
        ]
        public += [f"{home.__name__}.{name}" for name in held]
    public += ["eminence.io.profile_schema"]
    assert sorted(listed) == sorted(public)
