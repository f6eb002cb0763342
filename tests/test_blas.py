"""The explorer and the service plan with one BLAS thread, and give the threads back after,
the last of several services open at once included (threadpoolctl, extras ``notebook`` and
``api``)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

import eminence as em
from eminence.service.operations import Service, Settings

pytestmark = pytest.mark.extra("api")


def _blas_threads() -> set[int]:
    from threadpoolctl import threadpool_info

    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


@pytest.fixture(autouse=True)
def two_threads() -> Iterator[None]:
    """Two BLAS threads to begin with, as a two-core machine has by default."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=2, user_api="blas"):
        assert _blas_threads() == {2}
        yield


def test_a_service_plans_with_one_thread_and_gives_them_back_when_closed() -> None:
    service = Service(Settings(trials=200))
    seen = asyncio.run(service.run(_blas_threads))
    assert seen == {1}
    service.close()
    assert _blas_threads() == {2}


def test_services_open_at_once_keep_the_limit_until_the_last_closes() -> None:
    first, second = Service(Settings(trials=200)), Service(Settings(trials=200))
    asyncio.run(first.run(_blas_threads))
    asyncio.run(second.run(_blas_threads))
    first.close()
    assert _blas_threads() == {1}  # the second still plans with one
    assert asyncio.run(second.run(_blas_threads)) == {1}
    second.close()
    assert _blas_threads() == {2}


@pytest.mark.extra("notebook")
def test_the_explorer_replans_with_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[set[int]] = []
    plan = em.Planner.plan

    def planned(planner: em.Planner, hours_per_week: float | None = None) -> em.results.Plan:
        seen.append(_blas_threads())
        return plan(planner, hours_per_week)

    monkeypatch.setattr(em.Planner, "plan", planned)
    explorer = em.explore(em.example("consultant"), trials=200)
    explorer.hours.value = 4.0
    assert seen == [{1}, {1}]
    assert _blas_threads() == {2}
