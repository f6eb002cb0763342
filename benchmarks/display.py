"""Time what a notebook user waits for: showing a plan, drawing a chart, moving the slider.

    python benchmarks/display.py

For every bundled example, the median of 7 runs after a warm-up of:

1. ``plan._repr_html_()`` and ``str(plan)``: the whole plan as tables (default trials).
2. Each chart drawn and rendered to PNG at 80 dpi, as Jupyter shows it.
3. A move of the explorer's hours slider (200 trials): replan, redraw the chart, rebuild the
   tables. Goal: at most 250 ms, so the slider follows the hand.

Then ``import eminence`` in a fresh interpreter, the median of 5 runs.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

import eminence as em

RUNS = 7
SLIDER_GOAL = 0.250
"""Seconds one move of the explorer's slider may take."""


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    """The median wall time of ``runs`` calls, after one call to warm up."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rendered(draw: Callable[[], Axes]) -> Callable[[], None]:
    def action() -> None:
        draw()
        plt.gcf().savefig(io.BytesIO(), format="png", dpi=80)
        plt.close("all")

    return action


def measure(name: str) -> dict[str, float]:
    """Every figure of one bundled example, in seconds."""
    profile = em.example(name)
    plan = em.plan(profile)
    own = profile.capacity.hours_per_week
    table = em.sensitivity(profile, hours=[own / 2, own, own * 2, own * 4])
    explorer = em.explore(profile)
    positions = iter([own * 2, own] * (RUNS + 1))

    def move() -> None:
        explorer.hours.value = next(positions)

    return {
        "html": median_seconds(plan._repr_html_),
        "text": median_seconds(lambda: str(plan)),
        "split": median_seconds(rendered(lambda: em.charts.split_chart(plan))),
        "timeline": median_seconds(rendered(lambda: em.charts.timeline_chart(plan))),
        "what if": median_seconds(rendered(lambda: em.charts.sensitivity_chart(table))),
        "fan": median_seconds(rendered(lambda: em.charts.projection_chart(plan))),
        "slider": median_seconds(move),
    }


def main() -> None:
    widths = {
        "html": 8,
        "text": 8,
        "split": 8,
        "timeline": 10,
        "what if": 9,
        "fan": 8,
        "slider": 8,
    }
    head = "".join(f"{column:>{width}}" for column, width in widths.items())
    print(f"{'example':<12}{head}   (ms, medians of {RUNS})")
    worst_slider = 0.0
    for name in em.examples():
        figures = measure(name)
        worst_slider = max(worst_slider, figures["slider"])
        cells = "".join(f"{1000 * figures[column]:>{width}.1f}" for column, width in widths.items())
        print(f"{name:<12}{cells}")
    imports = [
        float(
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import time; t = time.perf_counter(); import eminence; "
                    "print(time.perf_counter() - t)",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(5)
    ]
    print(f"import eminence: {1000 * statistics.median(imports):.0f} ms (median of 5)")
    verdict = "met" if worst_slider <= SLIDER_GOAL else "MISSED"
    print(
        f"slider goal {1000 * SLIDER_GOAL:.0f} ms: {verdict} (worst {1000 * worst_slider:.0f} ms)"
    )


if __name__ == "__main__":
    main()
