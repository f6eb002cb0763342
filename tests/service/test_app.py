"""The HTTP service as a client uses it: bodies in, the library's own bytes or problems out."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import jsonschema
import pytest

import eminence as em

pytestmark = pytest.mark.extra("api", "schemathesis")
pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from eminence.service import create_app  # noqa: E402

TRIALS = 100
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(trials=TRIALS, threads=2, waiting=16)) as found:
        yield found


def _profile(name: str = "consultant") -> dict[str, Any]:
    found: dict[str, Any] = json.loads(em.dump(em.example(name)))
    return found


def _validator(client: TestClient, kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        client.get(f"/schemas/{kind}").json(),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


class TestResults:
    @pytest.mark.parametrize("name", em.examples())
    def test_a_plan_is_the_library_plan_to_the_byte(self, client: TestClient, name: str) -> None:
        response = client.post("/plan?seed=7", content=em.dump(em.example(name)))
        expected = em.plan(em.example(name), seed=7, trials=TRIALS).model_dump_json()
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert response.text == expected

    def test_a_plan_at_other_hours_is_the_plan_of_the_changed_profile(
        self, client: TestClient
    ) -> None:
        profile = em.example("executive")
        changed = profile.replace(capacity=profile.capacity.replace(hours_per_week=5.0))
        response = client.post("/plan?hours_per_week=5&trials=50", json=_profile("executive"))
        assert response.text == em.plan(changed, trials=50).model_dump_json()

    def test_a_summary_is_the_plans_summary(self, client: TestClient) -> None:
        response = client.post("/summary?seed=3", json=_profile())
        expected = em.plan(em.example("consultant"), seed=3, trials=TRIALS).summary()
        assert response.text == expected.model_dump_json()
        assert not list(_validator(client, "summary").iter_errors(response.json()))

    def test_required_hours_are_the_librarys(self, client: TestClient) -> None:
        response = client.post(
            "/required-hours?goal=target-account-leads&confidence=0.5&trials=50",
            json=_profile("executive"),
        )
        expected = em.required_hours(
            em.example("executive"), "target-account-leads", confidence=0.5, trials=50
        )
        assert response.status_code == 200
        assert response.text == expected.model_dump_json()

    def test_a_reforecast_reads_a_progress_log_document(self, client: TestClient) -> None:
        log = em.example_progress("consultant")
        body = {"profile": _profile(), "log": json.loads(log.model_dump_json())}
        response = client.post("/reforecast?today=2027-04-25&trials=50", json=body)
        expected = em.reforecast(
            em.example("consultant"), log, today=dt.date(2027, 4, 25), trials=50
        )
        assert response.status_code == 200, response.text
        assert response.text == expected.model_dump_json()
        assert not list(_validator(client, "reforecast").iter_errors(response.json()))

    @pytest.mark.parametrize("kind", ["profile", "plan", "summary", "progress-log"])
    def test_the_schemas_are_the_published_ones(self, client: TestClient, kind: str) -> None:
        assert client.get(f"/schemas/{kind}").json() == em.schema(kind)


class TestProblems:
    """Every refusal is RFC 9457 problem details, each finding at its path in the request."""

    def _problem(self, response: Any, status: int) -> dict[str, Any]:
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == PROBLEM
        found: dict[str, Any] = response.json()
        assert found["status"] == status
        assert found["type"].startswith("urn:eminence:problem:")
        assert {"title", "detail"} <= set(found)
        return found

    def test_an_invalid_profile_names_each_path(self, client: TestClient) -> None:
        profile = _profile()
        profile["capacity"]["hours_per_week"] = 169
        profile["goals"][0]["target"] = -5
        found = self._problem(client.post("/plan", json=profile), 422)
        assert {p["path"] for p in found["problems"]} == {
            "capacity.hours_per_week",
            "goals[0].target",
        }

    def test_a_reforecast_names_paths_into_both_documents(self, client: TestClient) -> None:
        log = json.loads(em.example_progress("consultant").model_dump_json())
        log["entries"][2]["hours"] = -3
        profile = _profile()
        profile["capacity"]["hours_per_week"] = 0
        body = {"profile": profile, "log": log}
        found = self._problem(client.post("/reforecast?today=2027-04-25", json=body), 422)
        paths = [p["path"] for p in found["problems"]]
        assert paths == ["profile.capacity.hours_per_week", "log.entries[2].hours"]

    def test_malformed_json_is_a_bad_request(self, client: TestClient) -> None:
        self._problem(client.post("/plan", content=b'{"name": '), 400)

    def test_a_reforecast_body_must_hold_a_profile_and_a_log(self, client: TestClient) -> None:
        response = client.post("/reforecast?today=2027-04-25", json={"profile": _profile()})
        assert "profile and log" in self._problem(response, 400)["detail"]

    @pytest.mark.parametrize("declared", [True, False])
    def test_a_body_over_the_limit_is_refused_unread(
        self, client: TestClient, declared: bool
    ) -> None:
        body = b" " * (em.Limits().max_bytes + 1)
        if declared:
            response = client.post("/plan", content=body)
        else:  # sent in chunks, with no length announced
            response = client.post("/plan", content=iter([body[:1000], body[1000:]]))
        assert "1,048,576 bytes" in self._problem(response, 413)["detail"]

    def test_a_deep_document_exceeds_a_limit(self, client: TestClient) -> None:
        self._problem(client.post("/plan", content=b"[" * 100 + b"]" * 100), 413)

    def test_more_trials_than_the_service_allows_is_refused(self, client: TestClient) -> None:
        found = self._problem(client.post(f"/plan?trials={TRIALS + 1}", json=_profile()), 422)
        assert found["problems"][0]["path"] == "query.trials"

    def test_an_unknown_goal_is_named(self, client: TestClient) -> None:
        found = self._problem(client.post("/required-hours?goal=nope", json=_profile()), 422)
        assert "unknown goal 'nope'" in found["detail"]

    def test_an_unknown_route_is_a_problem_too(self, client: TestClient) -> None:
        self._problem(client.get("/nowhere"), 404)
        self._problem(client.get("/schemas/nothing"), 404)


class TestBudget:
    def test_a_plan_over_the_time_budget_is_a_504_not_a_hang(self) -> None:
        with TestClient(create_app(trials=2000, time_budget=0.001)) as client:
            response = client.post("/plan", json=_profile("community"))
        assert response.status_code == 504
        assert response.headers["content-type"] == PROBLEM

    def test_requests_beyond_the_cap_are_refused_at_once(self) -> None:
        started, release = threading.Event(), threading.Event()

        def hold() -> None:
            started.set()
            release.wait(timeout=30)

        app = create_app(trials=50, threads=1, waiting=0)
        with TestClient(app) as client:
            assert client.portal is not None
            held = client.portal.start_task_soon(app.state.service.run, hold)
            started.wait(timeout=30)
            try:
                response = client.post("/plan", json=_profile())
            finally:
                release.set()
                held.result()
            assert self_problem_status(response) == 503
            assert response.headers["retry-after"] == "1"
            assert client.post("/plan", json=_profile()).status_code == 200


def self_problem_status(response: Any) -> int:
    assert response.headers["content-type"] == PROBLEM
    status: int = response.json()["status"]
    assert status == response.status_code
    return status


def test_concurrent_plans_are_the_serial_plans(client: TestClient) -> None:
    seeds = list(range(6))
    bodies = [(name, seed) for name in em.examples() for seed in seeds]

    def planned(case: tuple[str, int]) -> str:
        name, seed = case
        return client.post(f"/plan?seed={seed}", json=_profile(name)).text

    serial = [planned(case) for case in bodies]
    with ThreadPoolExecutor(max_workers=8) as pool:
        concurrent = list(pool.map(planned, bodies))
    assert concurrent == serial
    assert serial[0] == em.plan(em.example(em.examples()[0]), trials=TRIALS).model_dump_json()
