"""A batch over a Dask bag (extra ``dask``): the partitions are planned wherever Dask runs them.

Dask schedules; eminence only plans a partition, as `plan_many` would with the index of its
first profile, so the outcomes are the local batch's whatever the partitioning or the cluster.
"""

from __future__ import annotations

import itertools
import operator
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
    """
    try:
        import dask.bag
    except ImportError:
        raise MissingExtraError("dask", "dask", "plan_bag") from None
    # A partition may be an iterator, which a count would use up: make it a list once.
    parts = [dask.delayed(list)(part) for part in bag.to_delayed(optimize_graph=False)]
    planned = planned_parts(
        parts, seed=seed, trials=trials, horizon_weeks=horizon_weeks, errors=errors, detail=detail
    )
    return dask.bag.from_delayed(planned)


def planned_parts(
    parts: list[Any],
    *,
    seed: int,
    trials: int,
    horizon_weeks: int,
    errors: Literal["collect", "raise"],
    detail: Literal["plan", "forecast"],
) -> list[Any]:
    """Dask's delayed outcomes of each of ``parts`` (delayed lists of profile sources).

    The options are checked here, as the graph is built; each part is planned with the index
    of its first profile, which Dask works out from the sizes of the parts before it, in the
    same graph.
    """
    import dask

    check_detail(detail)
    seed, trials, horizon_weeks = check_options(
        seed, trials, horizon_weeks, least_trials=0 if detail == "forecast" else 1
    )
    check_errors(errors)
    starts = dask.delayed(_starts)([dask.delayed(len)(part) for part in parts])
    return [
        dask.delayed(_plan_part)(
            part,
            dask.delayed(operator.getitem)(starts, number),
            seed=seed,
            trials=trials,
            horizon_weeks=horizon_weeks,
            errors=errors,
            detail=detail,
        )
        for number, part in enumerate(parts)
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
