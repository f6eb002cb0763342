"""Requests generated from the service's OpenAPI document: none may fail the server, and every
response must be one the document describes, matching its schema.

A request the schemas accept may still be refused (422): some rules need the whole document
(see docs/schemas.md), so schemathesis's check that valid data is accepted is not run.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.extra("api", "schemathesis")
pytest.importorskip("fastapi")
pytest.importorskip("schemathesis")

import schemathesis  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from eminence.service import create_app  # noqa: E402

# Few trials, so that a generated profile plans in milliseconds.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# Random requests only: the coverage phase's thousand boundary cases per operation would take
# minutes on two cores, and the library's own tests probe every bound of the profile.
CONFIG = schemathesis.Config.from_dict({"seed": 21, "phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(trials=20, time_budget=30), config=CONFIG
)


@schema.parametrize()
# A generated goal may count reach: allowed, and named in the plan's notes as well as warned of.
@pytest.mark.filterwarnings("ignore::eminence.EminenceWarning")
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_generated_request_gets_a_documented_answer(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(checks=CHECKS)
