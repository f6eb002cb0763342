"""Time batches of example-sized profiles against a loop over `em.plan`, in the same run.

    python benchmarks/batch.py [--profiles N] [--loop-profiles L] [--trials T]

The profiles are random ones the size of the bundled examples (6 venues, 2 goals, 2 events
each). Three figures against the issue's targets (2 cores):

1. ``plan_many(detail="forecast", trials=0)``: expected dates, closed form, for N profiles
   (target: 10,000 in at most 1 s);
2. ``plan_many(detail="forecast", trials=T)``: with T Monte Carlo trials each (target:
   10,000 with 1,000 trials in at most 15 s);
3. the speed-up of each over a loop over `em.plan` that reports the same numbers (target:
   50x). The loop plans the first L profiles with the seeds the batch derives (trials=1, the
   fewest a plan takes, for the closed form; T for the Monte Carlo), timed in this run, and
   its time per profile is the reference; the forecasts of those L profiles are checked to
   equal the loop's plans.

Times are this process's CPU seconds (``time.process_time``), so that other work on a
shared machine does not count; on a quiet machine they are the wall time of one core.

Then where the time of one forecast goes, per profile, over the first L profiles: deriving
its seed, compiling it (rates, calendar, split curve, projector), choosing its events (the
split and the rounds of the event choice, with the expected layouts they weigh), drawing the
estimates the projection reads, and projecting (closed form, then the trials). What is per
profile there is what limits the targets; the floor no batch removes (the canonical JSON
each profile's seed hashes, and its own estimates' draws) is printed against the target.

BLAS runs on one thread unless ``OPENBLAS_NUM_THREADS`` (or ``OMP_NUM_THREADS``) says
otherwise: a batch is parallel across profiles (Dask workers), and a projection's products
(512 trials x a few sources x the weeks) are too small for BLAS threads to pay for
themselves; on two shared cores they cost more than twice the CPU time of a Monte Carlo.

The full-plan batch (``detail="plan"``) is timed over the same L profiles too.

Last, with the extra ``dask``: the speed-up of two local Dask workers (``LocalCluster``,
processes, 2 workers x 1 thread) over the serial batch, forecasting the first D profiles
with T trials each (``--dask-profiles D``, 0 to skip) from their documents' text, which
each side reads. Both are timed on the wall clock, the work being in the workers' processes;
the cluster is started and every worker warmed up first.
"""

from __future__ import annotations

import argparse
import functools
import os
import time
from collections.abc import Callable
from typing import TypeVar

# Before NumPy loads BLAS, which reads them once (see the docstring).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import eminence as em  # noqa: E402
from eminence.batch import batch_seed  # noqa: E402
from eminence.planning import Forecast, Plan  # noqa: E402
from eminence.planning.choice import settle  # noqa: E402
from eminence.planning.planner import _compiled  # noqa: E402
from eminence.planning.projection import HORIZON_WEEKS  # noqa: E402
from eminence.planning.projection.forecast import forecast as project  # noqa: E402
from eminence.planning.projection.reaching import BLOCK_TRIALS  # noqa: E402
from eminence.testing import random_profile  # noqa: E402

Done = TypeVar("Done")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--loop-profiles", type=int, default=200)
    parser.add_argument("--trials", type=int, default=1_000)
    parser.add_argument("--dask-profiles", type=int, default=400)
    options = parser.parse_args()
    count, trials = options.profiles, options.trials
    profiles = [random_profile(seed) for seed in range(count)]
    sample = profiles[: min(options.loop_profiles, count)]
    # Warm up (imports, first-call caches) so that neither side pays for it.
    em.plan(profiles[0], trials=trials)

    blas = os.environ["OPENBLAS_NUM_THREADS"]
    print(f"{count:,} profiles (loop over em.plan: the first {len(sample):,}); BLAS threads {blas}")
    for label, batch_trials, loop_trials, target in (
        ("closed form", 0, 1, 1.0),
        (f"{trials:,} trials", trials, trials, 15.0),
    ):
        loop, loop_seconds = _timed(functools.partial(_loop, sample, loop_trials))
        forecasts, seconds = _timed(functools.partial(_forecasts, profiles, batch_trials))
        _check(forecasts[: len(sample)], loop, with_trials=batch_trials > 0)
        per_loop = loop_seconds / len(sample)
        ten_thousand = 10_000 * seconds / count
        print(
            f"forecast, {label:>14}: {seconds:7.2f} s ({1000 * seconds / count:6.2f} ms each); "
            f"10,000 would take {ten_thousand:6.1f} s (target {target:g} s: "
            f"{'met' if ten_thousand <= target else 'not met'}); loop {1000 * per_loop:6.2f} ms "
            f"each; speed-up {per_loop * count / seconds:5.1f}x (target 50x)"
        )
        stages = dict(_stages(sample, batch_trials))
        print(
            "  where a forecast's time goes, ms per profile: "
            + ", ".join(
                f"{stage} {1000 * spent / len(sample):.2f}" for stage, spent in stages.items()
            )
        )
        # What no arrangement of the batch removes: each profile's own canonical JSON (its
        # seed) and its own estimates' draws (its streams), against the target's budget.
        floor = _floor(sample) + stages["draws"] / len(sample)
        print(
            f"  per profile whatever the batch does: canonical JSON and draws {1000 * floor:.2f} "
            f"ms, {10_000 * floor:.1f} s of the target's {target:g} s for 10,000"
        )

    loop, loop_seconds = _timed(lambda: _loop(sample, trials))
    result, seconds = _timed(
        lambda: em.plan_many(sample, seed=0, trials=trials, errors="raise").collect()
    )
    assert list(result.plans) == loop, "the batch and the loop must give the same plans"
    print(
        f"full plans, {trials:,} trials: batch {seconds:6.2f} s, loop {loop_seconds:6.2f} s; "
        f"speed-up {loop_seconds / seconds:.2f}x"
    )
    if options.dask_profiles:
        _dask_speed_up(profiles[: options.dask_profiles], trials)


def _dask_speed_up(profiles: list[em.model.Profile], trials: int) -> None:
    try:
        import dask.bag
        from distributed import Client, LocalCluster
    except ImportError:
        print("dask: not installed (pip install 'eminence[dask]'); skipped")
        return

    def forecast(batch: Callable[[], list[em.batch.Outcome]]) -> tuple[list[object], float]:
        began = time.perf_counter()
        outcomes = batch()
        return [o.forecast for o in outcomes], time.perf_counter() - began

    # The profiles go as their documents' text, read where they are planned, as a bag read
    # from files is: a Profile object costs more to send to a worker than to forecast.
    documents = [em.batch.ProfileText(profile.model_dump_json()) for profile in profiles]
    serial_batch = functools.partial(em.plan_many, seed=0, trials=trials, detail="forecast")
    bag_batch = functools.partial(em.plan_bag, seed=0, trials=trials, detail="forecast")
    serial, serial_seconds = forecast(lambda: list(serial_batch(documents)))
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        # Every worker imports eminence and plans once before the clock starts (a bag of
        # two might run both on one worker, leaving the other's imports to the clock).
        client.run(_warm_up, profiles[0], trials)
        bag = dask.bag.from_sequence(documents, npartitions=16)
        spread, seconds = forecast(lambda: bag_batch(bag).compute())
    assert spread == serial, "the workers and the serial batch must give the same forecasts"
    print(
        f"dask, 2 local workers, {len(profiles):,} forecasts with {trials:,} trials: "
        f"{seconds:6.2f} s against {serial_seconds:6.2f} s serial (wall clock); "
        f"speed-up {serial_seconds / seconds:.2f}x"
    )


def _warm_up(profile: em.model.Profile, trials: int) -> None:
    em.plan_many([profile], trials=trials, detail="forecast").collect()


def _timed(work: Callable[[], Done]) -> tuple[Done, float]:
    # CPU time of this process: eight engineers share two cores, and wall time would
    # measure their load as much as ours.
    began = time.process_time()
    done = work()
    return done, time.process_time() - began


def _loop(profiles: list[em.model.Profile], trials: int) -> list[Plan]:
    return [em.plan(p, seed=em.batch_seed(0, p), trials=trials) for p in profiles]


def _forecasts(profiles: list[em.model.Profile], trials: int) -> list[Forecast]:
    batch = em.plan_many(profiles, seed=0, trials=trials, errors="raise", detail="forecast")
    return list(batch.collect().forecasts)


def _stages(profiles: list[em.model.Profile], trials: int) -> list[tuple[str, float]]:
    """CPU seconds of each stage of `em.planning.forecast` over ``profiles``, in its order,
    the draws of the estimates the projection reads apart from the rest of it."""
    spent = dict.fromkeys(("seed", "compile", "choice", "draws", "projection"), 0.0)
    for profile in profiles:
        began = time.process_time()
        seed = batch_seed(0, profile)
        seeded = time.process_time()
        model, calendar, projector = _compiled(profile, seed, trials, HORIZON_WEEKS)
        compiled = time.process_time()
        inputs = settle(model, calendar, projector, profile.capacity.hours_per_week).inputs
        chosen = time.process_time()
        if trials:  # drawn and kept here, read by the projection (a profile this small fits
            # in `KEPT_BYTES`; a larger one would draw again as it projects)
            columns = projector._columns(projector._layout(inputs))
            for _ in projector.draws.blocks(columns, BLOCK_TRIALS):
                pass
        drawn = time.process_time()
        project(projector, inputs)
        ended = time.process_time()
        stages = (seeded - began, compiled - seeded, chosen - compiled, drawn - chosen)
        for stage, seconds in zip(spent, (*stages, ended - drawn), strict=True):
            spent[stage] += seconds
    return list(spent.items())


def _floor(profiles: list[em.model.Profile]) -> float:
    """CPU seconds per profile of the canonical JSON its seed hashes: what any batch that
    gives each profile a stream of its own spends per profile before planning anything."""
    began = time.process_time()
    for profile in profiles:
        profile.model_dump_json()
    return (time.process_time() - began) / len(profiles)


def _check(forecasts: list[Forecast], plans: list[Plan], *, with_trials: bool) -> None:
    fields = ["goal", "expected_weeks", "expected_date", "expected_at_horizon"]
    if with_trials:
        fields += ["p50", "p80", "p95", "chance_by_deadline", "chance_within_horizon"]
    for forecast, plan in zip(forecasts, plans, strict=True):
        for mine, theirs in zip(forecast.goals, plan.projections.goals, strict=True):
            assert all(getattr(mine, f) == getattr(theirs, f) for f in fields), (mine, theirs)


if __name__ == "__main__":
    main()
