"""A batch over a Dask bag gives the local batch's outcomes, whatever the partitioning."""

from __future__ import annotations

from pathlib import Path

import pytest

import eminence as em
from eminence.testing import random_profile

pytestmark = pytest.mark.extra("dask")

TRIALS = 40


def _sources(tmp_path: Path) -> list[object]:
    path = tmp_path / "consultant.json"
    path.write_text(em.dump(em.example("consultant"), format="json"), "utf-8")
    profiles: list[object] = [
        random_profile(seed, venues=3, goals=2, events=1) for seed in range(5)
    ]
    return [*profiles[:2], {"name": 3}, path, *profiles[2:]]


def _key(outcome: em.batch.Outcome) -> tuple[object, ...]:
    plan = None if outcome.plan is None else outcome.plan.model_dump_json()
    return (outcome.index, outcome.source, outcome.seed, plan, str(outcome.error))


@pytest.mark.parametrize("partitions", [1, 3, 8])
def test_the_synchronous_scheduler_gives_the_local_batch(tmp_path: Path, partitions: int) -> None:
    import dask.bag

    sources = _sources(tmp_path)
    local = [_key(o) for o in em.plan_many(sources, seed=9, trials=TRIALS)]  # type: ignore[arg-type]
    bag = dask.bag.from_sequence(sources, npartitions=partitions)
    outcomes = em.plan_bag(bag, seed=9, trials=TRIALS).compute(scheduler="synchronous")
    assert [_key(o) for o in outcomes] == local


@pytest.mark.parametrize("partitions", [2, 5])
def test_a_cluster_of_two_worker_processes_gives_the_local_batch(
    tmp_path: Path, dask_client: object, partitions: int
) -> None:
    import dask.bag

    sources = _sources(tmp_path)
    local = [_key(o) for o in em.plan_many(sources, seed=9, trials=TRIALS)]  # type: ignore[arg-type]
    bag = dask.bag.from_sequence(sources, npartitions=partitions)
    # A result the workers cannot send back never arrives: fail, not hang, when so.
    future = dask_client.compute(em.plan_bag(bag, seed=9, trials=TRIALS))  # type: ignore[attr-defined]
    outcomes = future.result(timeout=600)
    assert [_key(o) for o in outcomes] == local
    assert isinstance(outcomes[2].error, em.InvalidInputError)


def test_a_partition_that_is_an_iterator_is_read_once() -> None:
    import dask.bag

    profiles = [random_profile(seed, venues=2, goals=1, events=0) for seed in range(4)]
    bag = dask.bag.from_sequence(profiles, npartitions=2).map(lambda profile: profile)
    outcomes = em.plan_bag(bag, trials=TRIALS).compute(scheduler="synchronous")
    assert [o.index for o in outcomes] == [0, 1, 2, 3]
    assert all(o.ok for o in outcomes)
