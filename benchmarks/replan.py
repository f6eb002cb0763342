"""Time the explorer's replan: a prepared `Planner` planning a bundled example at other hours.

    python benchmarks/replan.py [--repeats 3]

For every bundled example, a ``Planner(profile, trials=200)`` (as `eminence.explore` prepares
one) plans each hours per week of the slider's spread: from the venues' committed minimum
(at least a quarter hour) to four times the example's hours (at least 10), in 40 steps. Each
position is timed ``--repeats`` times and the best kept, the least disturbed by a busy
machine; the p50 and p95 are over the positions, on the wall clock and in CPU seconds (which
a busy machine stretches less, but which count the BLAS threads' spinning). The reference,
measured in the same run, is a full ``em.plan`` of the example at the same trials,
preparation included: the ratio says what the compiled profile saves. Target: p95 at most
3 ms. The replans run with one BLAS thread, as the explorer's do, where threadpoolctl is
installed (extra ``notebook``); the BLAS threads the run had are printed first. Without it,
run it with ``OPENBLAS_NUM_THREADS=1`` too (``docs/web-service.md``), to see the planner's
own work apart from the threads' waits.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from functools import partial

import numpy as np

import eminence as em
from eminence._blas import LIMIT
from eminence.explorer import TRIALS

TARGET = 0.003
"""Seconds a replan may take at the 95th percentile of the slider's positions."""

POSITIONS = 40


def best_seconds(call: Callable[[], object], repeats: int) -> tuple[float, float]:
    """The fewest wall-clock and CPU seconds of ``repeats`` calls: a busy machine stretches
    the wall clock of a call, and its CPU seconds less."""
    wall, cpu = [], []
    for _ in range(repeats):
        start, started = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - started)
    return min(wall), min(cpu)


def slider(planner: em.Planner) -> list[float]:
    """Hours per week across the explorer's slider, as `eminence.explore` bounds it."""
    own = planner.profile.capacity.hours_per_week
    lowest = min(own, max(planner.model.committed_hours, 0.25))
    highest = min(168.0, max(4 * own, 10.0, own))
    return [float(hours) for hours in np.linspace(lowest, highest, POSITIONS)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timings kept per position")
    repeats = parser.parse_args().repeats
    threads = os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS")
    limited = " (1 while replanning: threadpoolctl)" if LIMIT.applies else ""
    print(f"BLAS threads: {threads or 'the library default'}{limited}")
    print(f"{'':<12} {'wall':>17} {'CPU':>17}")
    print(
        f"{'example':<12} {'p50 ms':>8} {'p95 ms':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'full plan ms':>13} {'p95/full':>9}"
    )
    worst = 0.0
    for name in em.examples():
        profile = em.example(name)
        planner = em.Planner(profile, trials=TRIALS)
        planner.plan()  # warm: the first plan pays for what is built once per process
        with LIMIT.held():  # as the explorer replans
            replans = np.array(
                [best_seconds(partial(planner.plan, hours), repeats) for hours in slider(planner)]
            )
        full = statistics.median(
            best_seconds(partial(em.plan, profile, trials=TRIALS), 1)[0] for _ in range(repeats)
        )
        (p50, cpu50), (p95, cpu95) = np.quantile(replans, [0.5, 0.95], axis=0).tolist()
        worst = max(worst, p95)
        print(
            f"{name:<12} {p50 * 1e3:8.2f} {p95 * 1e3:8.2f} {cpu50 * 1e3:8.2f} {cpu95 * 1e3:8.2f} "
            f"{full * 1e3:13.2f} {p95 / full:9.2f}"
        )
    verdict = "within" if worst <= TARGET else "over"
    print(f"worst p95 {worst * 1e3:.2f} ms ({verdict} the {TARGET * 1e3:g} ms target)")


if __name__ == "__main__":
    main()
