"""Time the schedule against the rest of a plan, and the calendar export, on the examples.

    python benchmarks/schedule.py

A slider replans at every move, and every plan builds its schedule, so the schedule must stay
a small part of ``Planner.plan``. Times are the best of five runs of ten.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

import eminence as em
from eminence.planning.scheduling import build_schedule


def _best(run: Callable[[], object], repeat: int = 5, number: int = 10) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            run()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def main() -> None:
    print(f"{'example':<12}{'plan ms':>9}{'schedule ms':>13}{'to_ical ms':>12}{'bytes':>9}")
    for name in em.examples():
        planner = em.Planner(em.example(name), trials=200)
        plan = planner.plan()
        parts = (
            plan.profile,
            plan.priorities,
            plan.content,
            plan.allocation,
            plan.projections.horizon_weeks,
        )
        whole = _best(planner.plan)
        schedule = _best(functools.partial(build_schedule, *parts))
        export = _best(plan.to_ical, repeat=3, number=3)
        size = len(plan.to_ical())
        print(
            f"{name:<12}{whole * 1e3:>9.1f}{schedule * 1e3:>13.1f}{export * 1e3:>12.1f}{size:>9,}"
        )


if __name__ == "__main__":
    main()
