"""Time a one-off plan of every bundled example against its forecast, in the same run.

    python benchmarks/plan_time.py [--repeats 7]

A plan (``em.plan(profile)``, default trials) runs the same compile, split, event choice
and Monte Carlo as a forecast (``eminence.planning.forecast``, the same trials), then ranks
the venues, draws the band of progress, says what binds each goal (the hours search of
``planning/reach.py``), costs and notes it. The forecast, measured in the same run, is the
reference: the ratio plan / forecast is what the plan's extras cost, whatever the machine,
and a stage that grows shows up in it. Each is the median of ``--repeats`` calls after one
warm-up, in CPU seconds (``process_time``, which a busy machine disturbs less) and on the
wall clock. Run it with ``OPENBLAS_NUM_THREADS=1`` too: with more BLAS threads the CPU
seconds count their spinning as well.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from functools import partial

import eminence as em
from eminence.planning import forecast


def seconds(call: Callable[[], object], repeats: int) -> tuple[float, float]:
    """The median CPU and wall-clock seconds of ``repeats`` calls, after one warm-up call."""
    call()
    cpu, wall = [], []
    for _ in range(repeats):
        started, start = time.process_time(), time.perf_counter()
        call()
        cpu.append(time.process_time() - started)
        wall.append(time.perf_counter() - start)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="timings per example")
    repeats = parser.parse_args().repeats
    threads = os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS")
    print(f"BLAS threads: {threads or 'the library default'}")
    print(f"{'':<12} {'CPU ms':>22} {'wall ms':>22}")
    columns = f"{'plan':>6} {'forecast':>9} {'ratio':>5}"
    print(f"{'example':<12} {columns} {columns}")
    for name in em.examples():
        profile = em.example(name)
        plan_cpu, plan_wall = seconds(partial(em.plan, profile), repeats)
        forecast_cpu, forecast_wall = seconds(partial(forecast, profile), repeats)
        print(
            f"{name:<12} {plan_cpu * 1e3:6.1f} {forecast_cpu * 1e3:9.1f} "
            f"{plan_cpu / forecast_cpu:5.1f} {plan_wall * 1e3:6.1f} {forecast_wall * 1e3:9.1f} "
            f"{plan_wall / forecast_wall:5.1f}"
        )


if __name__ == "__main__":
    main()
