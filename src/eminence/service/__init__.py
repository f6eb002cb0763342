"""An HTTP service for consulting tools, and what it shares with the agent's tools.

``create_app`` builds the FastAPI application (extra ``api``); the rest imports no framework:
`contracts` gathers the published schemas, `problems` turns errors into RFC 9457 problem
details, `operations` plans within a time budget and a cap on work in flight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eminence._documents import DEFAULT_LIMITS, Limits
from eminence.errors import MissingExtraError
from eminence.planning.planner import TRIALS
from eminence.service.operations import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ("Settings", "create_app")


def create_app(
    *,
    limits: Limits = DEFAULT_LIMITS,
    trials: int = TRIALS,
    time_budget: float = 10.0,
    threads: int = 2,
    waiting: int = 16,
) -> FastAPI:
    """The planning service as an ASGI application; the parameters are those of `Settings`.

    Serve it with ``uvicorn --factory eminence.service:create_app``, or mount it in a larger
    application; ``docs/web-service.md`` is the guide. Needs the extra ``api``.
    """
    settings = Settings(
        limits=limits, trials=trials, time_budget=time_budget, threads=threads, waiting=waiting
    )
    try:
        from eminence.service.app import application
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] not in {"fastapi", "starlette"}:
            raise
        raise MissingExtraError("fastapi", "api", "the HTTP service") from None
    return application(settings)
