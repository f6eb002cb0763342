"""A batch over a Dask bag gives the local batch's outcomes, whatever the partitioning."""

from __future__ import annotations

import json
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


class _Counted(dict):  # type: ignore[type-arg]
    """A profile's data that counts how many of its kind are alive at once."""

    alive = 0
    most = 0

    def __init__(self, data: dict[str, object]) -> None:
        super().__init__(data)
        _Counted.alive += 1
        _Counted.most = max(_Counted.most, _Counted.alive)

    def __del__(self) -> None:
        _Counted.alive -= 1


def _partition(number: int, size: int) -> list[_Counted]:
    return [
        _Counted(
            json.loads(
                random_profile(number * size + k, venues=2, goals=1, events=0).model_dump_json()
            )
        )
        for k in range(size)
    ]


def test_partitions_are_read_as_they_are_planned_not_all_at_once() -> None:
    # Each outcome's index needs the sizes of the partitions before it; working those out must
    # not hold every partition until the first is planned: a bag of millions read from files
    # would need the memory of all of them.
    import dask
    import dask.bag

    partitions, size = 8, 3
    bag = dask.bag.from_delayed([dask.delayed(_partition)(n, size) for n in range(partitions)])
    _Counted.alive = _Counted.most = 0
    outcomes = em.plan_bag(bag, trials=TRIALS, detail="forecast").compute(scheduler="synchronous")
    assert [o.index for o in outcomes] == list(range(partitions * size))
    assert all(o.ok for o in outcomes)
    assert _Counted.most <= 2 * size
