"""A batch over a Dask bag (extra ``dask``): the partitions are planned wherever Dask runs them.

Dask schedules; eminence only plans a partition, as `plan_many` would with the index of its
first profile, so the outcomes are the local batch's whatever the partitioning or the cluster.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, Literal

from eminence.batch.many import ProfileSource, check_detail, check_errors, plan_many
from eminence.batch.result import Outcome
from eminence.errors import MissingExtraError
from eminence.planning.planner import TRIALS, check_options
from eminence.planning.projection import HORIZON_WEEKS

__all__ = ("plan_bag", "planned_parts")


def plan_bag(
    bag: Any,
    *,
    seed: int = 0,
    trials: int = TRIALS,
    horizon_weeks: int = HORIZON_WEEKS,
    errors: Literal["collect", "raise"] = "collect",
    detail: Literal["plan", "forecast"] = "plan",
) -> Any:
    """A Dask bag of the outcomes of planning ``bag``'s profiles, lazily, partition by partition.

    Each outcome is the one `plan_many` gives the same profile at the same index, to the byte:
    a partition is planned with the index of its first profile in the bag. Compute it on any
    scheduler (``.compute(scheduler="synchronous")``, a ``distributed.Client``); the profiles,
    mappings or paths in ``bag`` are read on the workers.

    The profiles of each partition are counted when this is called, in a pass over ``bag`` on
    the scheduler in use (as Dask's ``to_dask_array(lengths=True)`` counts rows), so that no
    partition waits in memory for the sizes of the others while the bag is planned.
    """
    try:
        import dask.bag
    except ImportError:
        raise MissingExtraError("dask", "dask", "plan_bag") from None
    planned = planned_parts(
        bag,
        _lists,
        seed=seed,
        trials=trials,
        horizon_weeks=horizon_weeks,
        errors=errors,
        detail=detail,
    )
    return dask.bag.from_delayed(planned)


def _lists(bag: Any) -> list[Any]:
    """A bag's partitions as delayed lists: a partition may be an iterator, which a count
    would use up."""
    import dask

    return [dask.delayed(list)(part) for part in bag.to_delayed(optimize_graph=False)]


def planned_parts(
    collection: Any,
    parts_of: Callable[[Any], list[Any]],
    *,
    seed: int,
    trials: int,
    horizon_weeks: int,
    errors: Literal["collect", "raise"],
    detail: Literal["plan", "forecast"],
) -> list[Any]:
    """Dask's delayed outcomes of each part of ``collection``, which ``parts_of`` gives as
    delayed lists of profile sources.

    The options are checked here, then the profiles of each part are counted, now, in one
    pass over the input (as Dask's ``to_dask_array(lengths=True)`` counts rows): each part is
    planned with the index of its first profile, and a part that waited for the sizes of
    the others would hold the whole batch in memory (a bag read from millions of files).
    The input is read twice; the planning pass reads each part as it is planned.
    """
    import dask

    check_detail(detail)
    seed, trials, horizon_weeks = check_options(
        seed, trials, horizon_weeks, least_trials=0 if detail == "forecast" else 1
    )
    check_errors(errors)
    sizes = dask.compute(*[dask.delayed(len)(part) for part in parts_of(collection)])
    return [
        dask.delayed(_plan_part)(
            part,
            start,
            seed=seed,
            trials=trials,
            horizon_weeks=horizon_weeks,
            errors=errors,
            detail=detail,
        )
        for part, start in zip(parts_of(collection), _starts(list(sizes)), strict=True)
    ]


def _starts(sizes: list[int]) -> list[int]:
    return [0, *itertools.accumulate(sizes)][:-1]


def _plan_part(
    part: list[ProfileSource],
    start: int,
    *,
    seed: int,
    trials: int,
    horizon_weeks: int,
    errors: Literal["collect", "raise"],
    detail: Literal["plan", "forecast"],
) -> list[Outcome]:
    batch = plan_many(
        part,
        seed=seed,
        trials=trials,
        horizon_weeks=horizon_weeks,
        errors=errors,
        start=start,
        detail=detail,
    )
    return list(batch)
