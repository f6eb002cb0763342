"""The explorer replans with one BLAS thread, and gives the threads back after
(threadpoolctl, extra ``notebook``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import eminence as em
from eminence._blas import LIMIT

pytestmark = pytest.mark.extra("notebook")


def _blas_threads() -> set[int]:
    from threadpoolctl import threadpool_info

    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


@pytest.fixture(autouse=True)
def two_threads() -> Iterator[None]:
    """Two BLAS threads to begin with, as a two-core machine has by default."""
    import numpy  # noqa: F401  (`import eminence` is lazy: load the BLAS threadpoolctl limits)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=2, user_api="blas"):
        assert _blas_threads() == {2}
        yield


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


def test_holders_at_once_keep_the_limit_until_the_last_lets_go() -> None:
    with LIMIT.held():
        with LIMIT.held():
            assert _blas_threads() == {1}
        assert _blas_threads() == {1}  # the outer holder still plans
    assert _blas_threads() == {2}
