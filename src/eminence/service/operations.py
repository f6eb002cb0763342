"""What a service does for a request, bounded: parse, plan off the event loop, within a budget.

Framework-free, so the HTTP service and the agent's tools share it. A plan runs in a thread,
and a thread cannot be stopped, so the work is bounded before it starts: trials at most the
service's, and within the work the planner allows the profile (`check_work`); requests in
flight are capped, so a burst is refused at once (503) rather than queued without end; and a
request whose answer takes longer than the time budget gets a problem (504) instead of hanging.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from eminence._documents import DEFAULT_LIMITS, Format, Limits, check_data, parse_document
from eminence.errors import (
    DocumentSyntaxError,
    EminenceError,
    InvalidArgumentError,
    InvalidInputError,
    Problem,
)
from eminence.io import loads
from eminence.model import Profile
from eminence.model.arguments import a_whole_number
from eminence.model.progress_log import ProgressLog
from eminence.planning import Plan, Planner, RequiredHours, required_hours
from eminence.planning.planner import TRIALS
from eminence.planning.results.summary import Summary
from eminence.planning.tracking import Reforecast, reforecast
from eminence.service.problems import ProblemDetails, within

__all__ = ("Input", "Refused", "Service", "Settings")

Input = bytes | Mapping[str, Any]
"""A request's input: the body's JSON bytes, or the data an agent's tool was called with."""

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Settings:
    """How much one service lets its callers ask of it.

    Attributes
    ----------
    limits
        Safety limits on each request's body, as `eminence.loads` applies them; ``max_bytes``
        bounds the body too.
    trials
        Draws per plan by default, and the most a request may ask for.
    time_budget
        Seconds a request may take, waiting for a thread included; later, it is answered 504.
    threads
        Plans computed at once.
    waiting
        Requests that may wait for a thread; more at once are answered 503.
    """

    limits: Limits = field(default=DEFAULT_LIMITS)
    trials: int = TRIALS
    time_budget: float = 10.0
    threads: int = 2
    waiting: int = 16

    def __post_init__(self) -> None:
        if not isinstance(self.limits, Limits):
            raise InvalidArgumentError("limits", f"limits must be em.Limits, not {self.limits!r}")
        a_whole_number("trials", self.trials, least=1, most=1_000_000)
        a_whole_number("threads", self.threads, least=1, most=256)
        a_whole_number("waiting", self.waiting, least=0, most=100_000)
        budget = self.time_budget
        if isinstance(budget, bool) or not isinstance(budget, int | float) or not budget > 0:
            raise InvalidArgumentError(
                "time_budget", f"time_budget must be a positive number of seconds, not {budget!r}"
            )


class Refused(Exception):
    """The service would not answer in time or could not take the request: a 503 or 504."""

    def __init__(self, problem: ProblemDetails) -> None:
        super().__init__(problem.detail)
        self.problem = problem


class Service:
    """The planning a service offers, each call run in a thread within the settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._slots = threading.BoundedSemaphore(settings.threads + settings.waiting)
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def close(self) -> None:
        """Let the threads go once their plans finish; the next request starts new ones, so an
        application may be started again after it was shut down."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _threads(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    self.settings.threads, thread_name_prefix="eminence-plan"
                )
            return self._pool

    async def validate(self, document: Input) -> Profile:
        """The profile a document holds, or the problems that keep it from being one."""
        return await self.run(lambda: self.profile(document))

    async def plan(
        self,
        document: Input,
        *,
        seed: int = 0,
        trials: int | None = None,
        hours_per_week: float | None = None,
    ) -> Plan:
        """The plan of a profile, at its own hours per week or at ``hours_per_week``."""

        def work() -> Plan:
            profile = self.profile(document)
            planner = Planner(profile, seed=seed, trials=self._trials(trials))
            return planner.plan(hours_per_week)

        return await self.run(work)

    async def summary(
        self,
        document: Input,
        *,
        seed: int = 0,
        trials: int | None = None,
        hours_per_week: float | None = None,
    ) -> Summary:
        """The plan's summary: the decisions, in a few kilobytes."""
        found = await self.plan(document, seed=seed, trials=trials, hours_per_week=hours_per_week)
        return found.summary()

    async def required_hours(
        self,
        document: Input,
        *,
        goal: str,
        by: dt.date | None = None,
        confidence: float = 0.8,
        seed: int = 0,
        trials: int | None = None,
    ) -> RequiredHours:
        """The least hours per week that reach a goal by a date with a chosen confidence."""

        def work() -> RequiredHours:
            profile = self.profile(document)
            chosen = self._trials(trials)
            return required_hours(
                profile, goal, by=by, confidence=confidence, seed=seed, trials=chosen
            )

        return await self.run(work)

    async def reforecast(
        self, document: Input, *, today: dt.date, seed: int = 0, trials: int | None = None
    ) -> Reforecast:
        """A re-forecast from a ``{"profile": ..., "log": ...}`` document: a progress log."""

        def work() -> Reforecast:
            parts = self._parts(document, ("profile", "log"))
            problems: list[Problem] = []
            try:
                profile = self.profile(parts["profile"], where="profile")
            except InvalidInputError as error:
                problems += error.problems
            try:
                log = ProgressLog.model_validate(parts["log"])
            except InvalidInputError as error:
                problems += within("log", error).problems
            if problems:  # both documents' findings at once, each at its path in the body
                raise InvalidInputError("The request", problems)
            return reforecast(profile, log, today=today, seed=seed, trials=self._trials(trials))

        return await self.run(work)

    def profile(self, document: object, where: str = "") -> Profile:
        """The profile a request holds (its paths starting at ``where``), within the limits."""
        if not isinstance(document, bytes | Mapping):
            raise EminenceError(f"{where or 'the input'} must be a profile, as a JSON object")
        try:
            if isinstance(document, bytes):
                return loads(document, format="json", limits=self.settings.limits)
            return loads(document, limits=self.settings.limits)
        except InvalidInputError as error:
            raise within(where, error) if where else error from None

    def _parts(self, document: Input, names: tuple[str, ...]) -> Mapping[str, Any]:
        data: object = document
        if isinstance(document, bytes):
            data = parse_document(document, Format.JSON, self.settings.limits)
        else:
            check_data(dict(document), self.settings.limits)
        if not isinstance(data, Mapping) or set(data) != set(names):
            raise DocumentSyntaxError(f"the input must be a JSON object of {' and '.join(names)}")
        return data

    def _trials(self, asked: int | None) -> int:
        most = self.settings.trials
        if asked is None:
            return most
        trials = a_whole_number("trials", asked, least=1, most=1_000_000)
        if trials > most:
            raise InvalidArgumentError(
                "trials",
                f"trials={trials:,} is more than this service plans with; at most {most:,}",
            )
        return trials

    async def run(self, work: Callable[[], _T]) -> _T:
        """Run ``work`` in a thread, within the time budget, if a slot is free."""
        settings = self.settings
        if not self._slots.acquire(blocking=False):
            raise Refused(
                ProblemDetails(
                    503,
                    "busy",
                    "The service is busy",
                    f"{settings.threads + settings.waiting} requests are being planned or are "
                    "waiting; try again shortly",
                )
            )
        try:
            future = self._threads().submit(work)
        except BaseException:
            self._slots.release()
            raise
        # The slot is freed when the work ends, not when the caller stops waiting for it: a
        # thread cannot be stopped, so work abandoned after the budget still counts.
        future.add_done_callback(lambda _: self._slots.release())
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), settings.time_budget)
        except TimeoutError:
            future.cancel()  # work still waiting for a thread never starts
            raise Refused(
                ProblemDetails(
                    504,
                    "time-budget",
                    "The request took longer than its time budget",
                    f"no answer within {settings.time_budget:g} s; ask for fewer trials, or "
                    "plan a smaller profile",
                )
            ) from None
