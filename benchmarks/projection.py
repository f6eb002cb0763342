"""Time the planner: full stochastic plans, replans at other hours, and Monte Carlo throughput.

    python benchmarks/projection.py [--quick] [--profile]

1. A full plan, ``plan(profile, trials=10_000, horizon_weeks=156)``, of every bundled example
   and of a large synthetic profile (50 venues, 10 goals alternating a counted metric and a
   churning stock, 10 events): the median of several runs. Goal: at most 250 ms for the large
   profile.
2. A replan after a change of hours per week at each of 40 hours per week (0.5 to 20 in
   half-hour steps), the best of 3 at each: (2a) ``replace`` the capacity, then the full
   ``plan`` with the default trials and horizon; (2c) a prepared ``Planner`` at 200 trials, as
   the notebook slider replans. Goal, for 2c: at most 5 ms at the 95th percentile over the
   positions. Then (2b) ``sensitivity`` at five levels around the example's hours and
   ``required_hours`` for its first goal with a deadline, each against one replan.
3. Monte Carlo throughput of the large plan: its (trial x week x goal) path values, against
   drawing as many standard normals and copying an array that size, timed in the same
   repetitions as the plan.

Every figure is measured in this run; the ratios compare figures of this run only. A run
takes about 30 s on two cores; --quick (about 15 s) runs fewer repetitions and slider
positions. --profile then prints the top 10 functions of one large plan by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np

import eminence as em
from eminence.planning.planner import TRIALS as DEFAULT_TRIALS
from eminence.planning.projection import HORIZON_WEEKS as DEFAULT_HORIZON_WEEKS
from eminence.testing import random_profile_data

TRIALS = 10_000
HORIZON_WEEKS = 156
"""The full plan: 10,000 trials over three years."""

PLAN_GOAL = 0.250
"""Seconds a full plan of the large profile may take."""

REPLAN_GOAL = 0.005
"""Seconds a replan at other hours may take, at the 95th percentile."""

LARGE_SEED = 7
LARGE_VENUES = 50
LARGE_GOALS = 10
LARGE_EVENTS = 10
LARGE_HOURS = 10.0

SLIDER = tuple(0.5 * step for step in range(1, 41))
"""Hours per week of the full slider sweep: 0.5 to 20 in half-hour steps, 40 positions."""

SENSITIVITY_SCALES = (0.5, 0.75, 1.0, 1.5, 2.0)
"""Levels of `sensitivity`, as multiples of the example's own hours per week."""


@dataclass(frozen=True)
class Case:
    name: str
    profile: em.model.Profile

    @property
    def counted_goals(self) -> int:
        return sum(1 for goal in self.profile.goals if self.churn(goal) is None)

    @property
    def stock_goals(self) -> int:
        return len(self.profile.goals) - self.counted_goals

    @property
    def events(self) -> int:
        return sum(len(venue.events) for venue in self.profile.venues)

    def churn(self, goal: em.model.Goal) -> float | None:
        return self.profile.metric(goal.metric).churn_per_week


@dataclass
class PlanTimes:
    """Seconds of each repetition of a full plan, and of the references timed beside it."""

    case: Case
    path_values: int
    plan: list[float] = field(default_factory=list)
    draw: list[float] = field(default_factory=list)
    copy: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class SliderTimes:
    case: Case
    hours: tuple[float, ...]
    replace: list[float]
    total: list[float]


@dataclass(frozen=True)
class WhatIfTimes:
    case: Case
    levels: tuple[float, ...]
    sensitivity: float
    goal: str
    deadline: dt.date
    required: float
    required_hours: float | None
    required_chance: float


def large_case() -> Case:
    data = random_profile_data(
        LARGE_SEED,
        venues=LARGE_VENUES,
        goals=LARGE_GOALS,
        events=LARGE_EVENTS,
        hours_per_week=LARGE_HOURS,
    )
    case = Case(f"large ({LARGE_VENUES} venues)", em.model.Profile.model_validate(data))
    if not (case.counted_goals and case.stock_goals):
        sys.exit("the large profile needs both counted and churning-stock goals")
    return case


def example_cases() -> list[Case]:
    return [Case(name, em.example(name)) for name in em.examples()]


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def full_plan(profile: em.model.Profile) -> em.results.Plan:
    return em.plan(profile, trials=TRIALS, horizon_weeks=HORIZON_WEEKS)


def measure_plan(case: Case, runs: int, references: bool) -> PlanTimes:
    """Time ``runs`` full plans after a warm-up; with ``references``, also time drawing and
    copying as many numbers as the plan has path values, in the same repetitions."""
    projections = full_plan(case.profile).projections
    # Weeks counts the boundaries of the grid: the start, then the end of every week.
    count = projections.trials * (projections.horizon_weeks + 1) * len(projections.goals)
    times = PlanTimes(case, count)
    source = np.ones(count if references else 0)
    for _ in range(runs):
        times.plan.append(seconds(lambda: full_plan(case.profile)))
        if references:
            times.draw.append(seconds(lambda: np.random.default_rng(0).standard_normal(count)))
            times.copy.append(seconds(lambda: np.copy(source)))
    return times


def replan(profile: em.model.Profile, hours: float) -> tuple[float, float]:
    """Seconds to replace the hours per week, and to replace then plan."""
    started = time.perf_counter()
    changed = profile.replace(capacity=profile.capacity.replace(hours_per_week=hours))
    replaced = time.perf_counter()
    em.plan(changed)
    return replaced - started, time.perf_counter() - started


def measure_slider(case: Case, hours: Sequence[float], repeats: int) -> SliderTimes:
    """The best of ``repeats`` replans at each position, so that the spread over positions
    shows the work that changes with the hours, not the load of the machine."""
    replan(case.profile, hours[0])
    replace_times: list[float] = []
    totals: list[float] = []
    for value in hours:
        best = min((replan(case.profile, value) for _ in range(repeats)), key=lambda t: t[1])
        replace_times.append(best[0])
        totals.append(best[1])
    return SliderTimes(case, tuple(hours), replace_times, totals)


SLIDER_TRIALS = 200
"""Draws a live slider uses while it moves: chances within about 3 %, as a preview."""


def measure_planner(case: Case, hours: Sequence[float], repeats: int) -> list[float]:
    """Seconds per ``Planner.plan(h)``: what a notebook slider does at each position."""
    planner = em.Planner(case.profile, trials=SLIDER_TRIALS)
    planner.plan(hours[0])
    return [min(seconds(partial(planner.plan, value)) for _ in range(repeats)) for value in hours]


def print_planner(cases: Sequence[Case], times: Sequence[list[float]]) -> None:
    rows = []
    for case, result in zip(cases, times, strict=True):
        p95 = percentile(result, 95)
        rows.append(
            (
                case.name,
                duration(statistics.median(result)),
                duration(p95),
                ratio(p95 / REPLAN_GOAL),
                f"<= {duration(REPLAN_GOAL)}",
                mark(p95, REPLAN_GOAL),
            )
        )
    print_table(
        f"2c. Replan with a prepared em.Planner (trials={SLIDER_TRIALS}), the notebook slider's "
        "path: rates, calendar, draws and ranking are kept between positions",
        ("example", "replan median", "replan p95", "p95 / goal", "goal (p95)", ""),
        rows,
    )


def measure_what_if(case: Case, runs: int) -> WhatIfTimes:
    profile = case.profile
    own = profile.capacity.hours_per_week
    levels = tuple(min(scale * own, 168.0) for scale in SENSITIVITY_SCALES)
    dated = next((goal for goal in profile.goals if goal.deadline is not None), None)
    if dated is None or dated.deadline is None:
        sys.exit(f"example {case.name!r} has no goal with a deadline")
    deadline = dated.deadline
    em.sensitivity(profile, hours=levels)
    sensitivity = statistics.median(
        seconds(lambda: em.sensitivity(profile, hours=levels)) for _ in range(runs)
    )
    answer = em.required_hours(profile, dated.id)
    required = statistics.median(
        seconds(lambda: em.required_hours(profile, dated.id)) for _ in range(runs)
    )
    return WhatIfTimes(
        case=case,
        levels=levels,
        sensitivity=sensitivity,
        goal=dated.id,
        deadline=deadline,
        required=required,
        required_hours=answer.hours_per_week,
        required_chance=answer.chance,
    )


def duration(value: float) -> str:
    if value < 1e-3:
        return f"{value * 1e6:.1f} us"
    if value < 1.0:
        return f"{value * 1e3:.2f} ms"
    return f"{value:.2f} s"


def ratio(value: float) -> str:
    return f"{value:,.1f}x" if value < 100 else f"{value:,.0f}x"


def mark(value: float, goal: float) -> str:
    return "PASS" if value <= goal else "MISS"


def percentile(values: Sequence[float], level: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=np.float64), level))


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    lines = [tuple(header), *(tuple(row) for row in rows)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    print(title)
    print()
    for number, line in enumerate(lines):
        cells = [
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))
    print()


def print_plans(results: Sequence[PlanTimes], large: PlanTimes) -> None:
    rows = []
    for result in results:
        median = statistics.median(result.plan)
        goal = result is large
        rows.append(
            (
                result.case.name,
                str(len(result.case.profile.venues)),
                f"{result.case.counted_goals} + {result.case.stock_goals}",
                str(result.case.events),
                f"{result.path_values:,}",
                duration(median),
                f"{duration(min(result.plan))} .. {duration(max(result.plan))}",
                f"{median / result.path_values * 1e9:.1f} ns",
                f"<= {duration(PLAN_GOAL)}" if goal else "-",
                mark(median, PLAN_GOAL) if goal else "",
            )
        )
    runs = len(large.plan)
    print_table(
        f"1. Full plan: trials={TRIALS:,}, horizon_weeks={HORIZON_WEEKS}, "
        f"median of {runs} runs after a warm-up",
        (
            "profile",
            "venues",
            "goals counted + stock",
            "events",
            "path values",
            "median",
            "min .. max",
            "per path value",
            "goal",
            "",
        ),
        rows,
    )


def print_slider(results: Sequence[SliderTimes], repeats: int) -> None:
    rows = []
    for result in results:
        p95 = percentile(result.total, 95)
        rows.append(
            (
                result.case.name,
                f"{result.case.profile.capacity.hours_per_week:g}",
                f"{len(result.hours)} in {result.hours[0]:g} .. {result.hours[-1]:g}",
                duration(statistics.median(result.replace)),
                duration(statistics.median(result.total)),
                duration(p95),
                duration(max(result.total)),
            )
        )
    print_table(
        f"2a. Replan at other hours per week (replace the capacity, then plan with the "
        f"default {DEFAULT_TRIALS:,} trials and {DEFAULT_HORIZON_WEEKS} weeks: the full Monte "
        f"Carlo, which a slider does not use; its goal is in 2c), best of {repeats} at each "
        "position",
        (
            "example",
            "own h/week",
            "positions (h/week)",
            "replace median",
            "replan median",
            "replan p95",
            "replan max",
        ),
        rows,
    )


def print_what_if(results: Sequence[WhatIfTimes], sliders: Sequence[SliderTimes]) -> None:
    rows = []
    for result, slider in zip(results, sliders, strict=True):
        one = statistics.median(slider.total)
        answer = (
            f"{result.required_hours:.2f} h/week"
            if result.required_hours is not None
            else f"none <= 168 ({result.required_chance:.0%})"
        )
        rows.append(
            (
                result.case.name,
                ", ".join(f"{level:g}" for level in result.levels),
                duration(result.sensitivity),
                ratio(result.sensitivity / one),
                f"{result.goal} by {result.deadline.isoformat()}",
                answer,
                duration(result.required),
                ratio(result.required / one),
            )
        )
    print_table(
        "2b. What-if calls (default trials and horizon), against the example's median replan",
        (
            "example",
            "sensitivity h/week",
            "sensitivity",
            "/ replan",
            "required_hours goal (80 %)",
            "answer",
            "required_hours",
            "/ replan",
        ),
        rows,
    )


def print_throughput(large: PlanTimes) -> None:
    plan = statistics.median(large.plan)
    draw = statistics.median(large.draw)
    copy = statistics.median(large.copy)
    projections_shape = f"{TRIALS:,} x {HORIZON_WEEKS + 1} x {len(large.case.profile.goals)}"
    print_table(
        f"3. Monte Carlo throughput of the large plan, medians of {len(large.plan)} runs "
        "timed side by side",
        (
            "profile",
            "trials x weeks x goals",
            "path values",
            "plan",
            "draw normals",
            "copy array",
            "plan / draw",
            "plan / copy",
        ),
        [
            (
                large.case.name,
                projections_shape,
                f"{large.path_values:,}",
                duration(plan),
                duration(draw),
                duration(copy),
                ratio(plan / draw),
                ratio(plan / copy),
            )
        ],
    )
    print(
        f"plan costs {ratio(plan / draw)} drawing the same count of random numbers, "
        f"{ratio(plan / copy)} copying an array that size "
        f"({large.path_values * 8 / 2**20:,.0f} MiB of float64)."
    )
    print()


def print_profile(case: Case, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(em.plan, case.profile, trials=TRIALS, horizon_weeks=HORIZON_WEEKS)
    print(f"cProfile of one full plan of {case.name}, top {top} by cumulative time")
    print()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time plans, replans and the projection.")
    parser.add_argument("--quick", action="store_true", help="fewer runs and slider positions")
    parser.add_argument(
        "--profile", action="store_true", help="also profile one large plan with cProfile"
    )
    options = parser.parse_args()
    runs, repeats, what_if_runs = (3, 1, 1) if options.quick else (7, 3, 3)
    slider = SLIDER[::4] if options.quick else SLIDER

    examples = example_cases()
    large = large_case()
    plans = [measure_plan(case, runs, references=False) for case in examples]
    large_times = measure_plan(large, runs, references=True)
    plans.append(large_times)
    sliders = [measure_slider(case, slider, repeats) for case in examples]
    planners = [measure_planner(case, slider, repeats) for case in examples]
    what_ifs = [measure_what_if(case, what_if_runs) for case in examples]

    print(f"eminence {em.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}")
    print()
    print_plans(plans, large_times)
    print_slider(sliders, repeats)
    print_planner(examples, planners)
    print_what_if(what_ifs, sliders)
    print_throughput(large_times)
    if options.profile:
        print_profile(large, 10)


if __name__ == "__main__":
    main()
