"""The HTTP service: FastAPI routes over `operations`, documented by the published schemas.

Bodies are read as bytes, bounded by ``limits.max_bytes``, and parsed by `eminence.loads`, so
a request is judged by the library's own rules and its errors carry the library's paths. The
OpenAPI document describes every body and result by the shipped schemas (`contracts`) and
every error as problem details.
"""

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version
from typing import Annotated, Any

from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from eminence.errors import EminenceError, InputLimitError, Problem
from eminence.model._base import Record
from eminence.schemas import KINDS, schema
from eminence.service.contracts import Contracts, envelope
from eminence.service.operations import Refused, Service, Settings
from eminence.service.problems import MEDIA_TYPE, SCHEMA, ProblemDetails, problem_of

__all__ = ("application",)

_COMPONENTS = "#/components/schemas/"

Seed = Annotated[int, Query(ge=0, le=2**63 - 1, description="Seed of the random draws.")]
Hours = Annotated[
    float | None,
    Query(gt=0, le=168, description="Plan at these hours per week instead of the profile's."),
]


def application(settings: Settings) -> FastAPI:
    """The FastAPI application of the planning service, with its own threads and limits."""
    service = Service(settings)
    contracts = Contracts(_COMPONENTS)
    Trials = Annotated[
        int | None,
        Query(ge=1, le=settings.trials, description=f"Draws per plan (default {settings.trials})."),
    ]

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        service.close()

    app = _App(
        contracts,
        title="eminence",
        version=version("eminence"),
        summary="Plan professional eminence: where to speak, how to split the hours, and when.",
        lifespan=lifespan,
    )
    app.state.service = service  # what a tool that mounts the app may reach, and close
    _handle_errors(app)

    def body(kind: str, description: str) -> dict[str, Any]:
        content = {"application/json": {"schema": contracts.ref(kind)}}
        return {"requestBody": {"required": True, "description": description, "content": content}}

    def returns(kind: str, description: str) -> dict[int | str, dict[str, Any]]:
        found: dict[int | str, dict[str, Any]] = {
            200: {
                "description": description,
                "content": {"application/json": {"schema": contracts.ref(kind)}},
            }
        }
        return {**found, **_PROBLEMS}

    @app.post(
        "/plan",
        summary="Plan a profile",
        response_class=Response,
        responses=returns("plan", "The plan, as `plan.model_dump_json()` writes it."),
        openapi_extra=body("profile", "The profile to plan."),
    )
    async def plan(
        request: Request, seed: Seed = 0, trials: Trials = None, hours_per_week: Hours = None
    ) -> Response:
        found = await service.plan(
            await _body(request, settings), seed=seed, trials=trials, hours_per_week=hours_per_week
        )
        return _json(found)

    @app.post(
        "/summary",
        summary="Plan a profile and summarise the plan",
        response_class=Response,
        responses=returns("summary", "The plan's summary: goals, venues, the next weeks, costs."),
        openapi_extra=body("profile", "The profile to plan."),
    )
    async def summary(
        request: Request, seed: Seed = 0, trials: Trials = None, hours_per_week: Hours = None
    ) -> Response:
        found = await service.summary(
            await _body(request, settings), seed=seed, trials=trials, hours_per_week=hours_per_week
        )
        return _json(found)

    @app.post(
        "/required-hours",
        summary="The hours per week a goal needs to be met by a date",
        response_class=Response,
        responses=returns("required-hours", "The least hours per week, and the chance they give."),
        openapi_extra=body("profile", "The profile whose goal is asked about."),
    )
    async def required_hours(
        request: Request,
        goal: Annotated[str, Query(min_length=1, max_length=200, description="The goal's id.")],
        by: Annotated[
            dt.date | None, Query(description="The date to meet it by (default: its deadline).")
        ] = None,
        confidence: Annotated[
            float, Query(gt=0, lt=1, description="The chance of meeting it wanted.")
        ] = 0.8,
        seed: Seed = 0,
        trials: Trials = None,
    ) -> Response:
        found = await service.required_hours(
            await _body(request, settings),
            goal=goal,
            by=by,
            confidence=confidence,
            seed=seed,
            trials=trials,
        )
        return _json(found)

    @app.post(
        "/reforecast",
        summary="Compare a progress log with the plan and re-forecast",
        response_class=Response,
        responses=returns("reforecast", "The re-forecast: progress, learned yields, new plan."),
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "The profile planned, and the progress logged since its start.",
                "content": {
                    "application/json": {
                        "schema": envelope(
                            {
                                "profile": contracts.ref("profile"),
                                "log": contracts.ref("progress-log"),
                            },
                            required=("profile", "log"),
                        )
                    }
                },
            }
        },
    )
    async def reforecast(
        request: Request,
        today: Annotated[dt.date, Query(description="The last day the log covers.")],
        seed: Seed = 0,
        trials: Trials = None,
    ) -> Response:
        found = await service.reforecast(
            await _body(request, settings), today=today, seed=seed, trials=trials
        )
        return _json(found)

    @app.get(
        "/schemas/{kind}",
        summary="The published JSON Schema of a kind of document",
        responses={
            200: {
                "description": "The JSON Schema (Draft 2020-12).",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            404: {"description": "No document of that kind.", "content": _PROBLEM},
            **_PROBLEMS,
        },
    )
    async def published(
        kind: Annotated[str, Path(description=f"Which document: one of {', '.join(KINDS)}.")],
    ) -> JSONResponse:
        # An unknown kind is a resource that does not exist (404), not a malformed request.
        if kind not in KINDS:
            raise HTTPException(404, f"no schema for {kind!r}; the kinds are {', '.join(KINDS)}")
        return JSONResponse(schema(kind))

    return app


class _App(FastAPI):
    """FastAPI, its OpenAPI components being the published schemas and problem details."""

    def __init__(self, contracts: Contracts, **options: Any) -> None:
        super().__init__(**options)
        self._definitions = {**contracts.definitions, "ProblemDetails": SCHEMA}

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is None:
            document = get_openapi(
                title=self.title, version=self.version, summary=self.summary, routes=self.routes
            )
            document.setdefault("components", {}).setdefault("schemas", {}).update(
                self._definitions
            )
            self.openapi_schema = document
        return self.openapi_schema


_PROBLEM = {MEDIA_TYPE: {"schema": {"$ref": _COMPONENTS + "ProblemDetails"}}}
_PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {"description": description, "content": _PROBLEM}
    for status, description in {
        400: "The body is not well-formed JSON, or not shaped as asked.",
        413: "The body exceeds a safety limit: size, depth, entries or text length.",
        422: "The input is not valid; `problems` says what to fix where.",
        503: "Too many requests in flight; retry after the seconds `Retry-After` gives.",
        504: "The answer took longer than the time budget.",
    }.items()
}


async def _body(request: Request, settings: Settings) -> bytes:
    """The request's body, refused as soon as it is longer than the limits allow."""
    most = settings.limits.max_bytes
    declared = request.headers.get("content-length", "")
    received = bytearray()
    if not (declared.isdigit() and int(declared) > most):
        async for chunk in request.stream():
            received += chunk
            if len(received) > most:
                break
        else:
            return bytes(received)
    raise InputLimitError(f"the body is more than {most:,} bytes, the most this service reads")


def _json(result: Record) -> Response:
    # The library's own JSON, to the byte: what em.plan(...).model_dump_json() gives.
    return Response(result.model_dump_json(), media_type="application/json")


def _problem(problem: ProblemDetails) -> JSONResponse:
    headers = {"Retry-After": "1"} if problem.status == 503 else None
    return JSONResponse(
        problem.to_dict(), status_code=problem.status, media_type=MEDIA_TYPE, headers=headers
    )


def _handle_errors(app: FastAPI) -> None:
    async def eminence_error(_: Request, error: Exception) -> Response:
        assert isinstance(error, EminenceError)
        return _problem(problem_of(error))

    async def refused(_: Request, error: Exception) -> Response:
        assert isinstance(error, Refused)
        return _problem(error.problem)

    async def invalid_request(_: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        problems = tuple(
            Problem(".".join(str(part) for part in found["loc"]), found["msg"])
            for found in error.errors()
        )
        return _problem(
            ProblemDetails(
                422,
                "invalid-request",
                "The request's parameters are not valid",
                "; ".join(str(problem) for problem in problems),
                problems,
            )
        )

    async def http_error(_: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        return _problem(
            ProblemDetails(error.status_code, "http", str(error.detail), str(error.detail))
        )

    app.add_exception_handler(EminenceError, eminence_error)
    app.add_exception_handler(Refused, refused)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(HTTPException, http_error)
