"""Time the exact split of weekly hours against a general solver (SLSQP) on random problems.

    python benchmarks/allocation.py [--quick] [--full]

Each problem draws venues with saturating progress, some lower and upper bounds, and a budget
that every venue together could absorb, so both solvers must spend it all. Times are per
solve, the best of several repetitions, and the median over the problems of a size. The gap
is (allocate - SLSQP) / SLSQP of the total progress: positive means allocate found more. The
spread is (max - min) / mean of the marginal progress of the venues strictly inside their
bounds, which is 0 at the optimum. SLSQP at 1,000 venues takes about a minute, so it runs only
with --full.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import Bounds, minimize

from eminence.planning.allocation import allocate
from eminence.planning.response import marginal_response, response

FloatArray = NDArray[np.float64]

INSIDE_MARGIN = 1e-6
"""Hours from a bound within which a venue counts as at it, for either solver."""


@dataclass(frozen=True)
class Problem:
    gain: FloatArray
    saturation: FloatArray
    lower: FloatArray
    upper: FloatArray
    total: float

    def progress(self, hours: FloatArray) -> float:
        return float(response(self.gain, self.saturation, hours).sum())

    def marginal_spread(self, hours: FloatArray) -> float:
        inside = (hours > self.lower + INSIDE_MARGIN) & (hours < self.upper - INSIDE_MARGIN)
        marginal = marginal_response(self.gain, self.saturation, hours)[inside]
        if marginal.size < 2:
            return 0.0
        return float((marginal.max() - marginal.min()) / marginal.mean())


@dataclass(frozen=True)
class Row:
    venues: int
    allocate_seconds: float
    slsqp_seconds: float | None
    gaps: list[float]
    allocate_spread: float
    slsqp_spread: float | None


def random_problem(venues: int, rng: np.random.Generator) -> Problem:
    gain = rng.lognormal(mean=0.0, sigma=1.0, size=venues)
    saturation = rng.uniform(0.5, 10.0, size=venues)
    lower = np.where(rng.random(venues) < 0.2, rng.uniform(0.0, 1.0, size=venues), 0.0)
    capped = rng.random(venues) < 0.3
    upper = np.where(capped, lower + rng.uniform(0.5, 3.0, size=venues), np.inf)
    total = float(lower.sum() + 0.3 * saturation.sum())
    return Problem(gain, saturation, lower, upper, total)


def solve_with_allocate(problem: Problem) -> FloatArray:
    split = allocate(problem.gain, problem.saturation, problem.total, problem.lower, problem.upper)
    return split.hours


def solve_with_slsqp(problem: Problem) -> FloatArray:
    gain, saturation = problem.gain, problem.saturation
    spare = problem.total - problem.lower.sum()
    start = np.clip(
        problem.lower + spare * saturation / saturation.sum(), problem.lower, problem.upper
    )
    ones = np.ones_like(gain)

    def loss(hours: FloatArray) -> float:
        return -problem.progress(hours)

    def loss_gradient(hours: FloatArray) -> FloatArray:
        return -marginal_response(gain, saturation, hours)

    result = minimize(
        loss,
        start,
        jac=loss_gradient,
        method="SLSQP",
        bounds=Bounds(problem.lower, problem.upper),
        constraints=[
            {
                "type": "eq",
                "fun": lambda hours: float(hours.sum()) - problem.total,
                "jac": lambda hours: ones,
            }
        ],
        options={"ftol": 1e-9, "maxiter": 1000},
    )
    hours: FloatArray = np.asarray(result.x, dtype=np.float64)
    return hours


def timed(
    solve: Callable[[Problem], FloatArray], problem: Problem, runs: int
) -> tuple[float, FloatArray]:
    """Best seconds per solve over ``runs`` repetitions, and the solution.

    Each repetition loops long enough for the clock to resolve it; a solve slower than a
    second runs once.
    """
    started = time.perf_counter()
    hours = solve(problem)
    best = time.perf_counter() - started
    if best > 1.0:
        return best, hours
    loops = max(1, int(0.02 / best))
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(loops):
            solve(problem)
        best = min(best, (time.perf_counter() - started) / loops)
    return best, hours


def measure(venues: int, problems: int, runs: int, with_slsqp: bool, seed: int) -> Row:
    rng = np.random.default_rng(seed)
    allocate_times: list[float] = []
    slsqp_times: list[float] = []
    gaps: list[float] = []
    allocate_spread = 0.0
    slsqp_spread = 0.0
    for _ in range(problems):
        problem = random_problem(venues, rng)
        seconds, exact = timed(solve_with_allocate, problem, runs)
        allocate_times.append(seconds)
        allocate_spread = max(allocate_spread, problem.marginal_spread(exact))
        if not with_slsqp:
            continue
        seconds, approximate = timed(solve_with_slsqp, problem, runs)
        slsqp_times.append(seconds)
        reference = problem.progress(approximate)
        gaps.append((problem.progress(exact) - reference) / abs(reference))
        slsqp_spread = max(slsqp_spread, problem.marginal_spread(approximate))
    return Row(
        venues=venues,
        allocate_seconds=statistics.median(allocate_times),
        slsqp_seconds=statistics.median(slsqp_times) if with_slsqp else None,
        gaps=gaps,
        allocate_spread=allocate_spread,
        slsqp_spread=slsqp_spread if with_slsqp else None,
    )


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1.0:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def print_table(rows: list[Row]) -> None:
    header = (
        "venues",
        "allocate",
        "SLSQP",
        "SLSQP/allocate",
        "gap (min .. max)",
        "spread allocate",
        "spread SLSQP",
    )
    lines = [header]
    for row in rows:
        slsqp = row.slsqp_seconds
        lines.append(
            (
                f"{row.venues:,}",
                duration(row.allocate_seconds),
                duration(slsqp),
                "-" if slsqp is None else f"{slsqp / row.allocate_seconds:,.0f}x",
                f"{min(row.gaps):+.1e} .. {max(row.gaps):+.1e}" if row.gaps else "-",
                f"{row.allocate_spread:.1e}",
                "-" if row.slsqp_spread is None else f"{row.slsqp_spread:.1e}",
            )
        )
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    for number, line in enumerate(lines):
        print("  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True)))
        if number == 0:
            print("  ".join("-" * width for width in widths))


def main() -> None:
    parser = argparse.ArgumentParser(description="Time allocate against SLSQP.")
    parser.add_argument("--quick", action="store_true", help="fewer problems and repetitions")
    parser.add_argument("--full", action="store_true", help="also run SLSQP on 1,000 venues")
    options = parser.parse_args()
    problems, runs = (2, 2) if options.quick else (5, 5)
    rows = [
        measure(10, problems, runs, with_slsqp=True, seed=10),
        measure(100, problems, runs, with_slsqp=True, seed=100),
        measure(1_000, 1 if options.full else problems, runs, with_slsqp=options.full, seed=1_000),
        measure(10_000, problems, runs, with_slsqp=False, seed=10_000),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
