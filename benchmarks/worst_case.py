"""The worst a service can be handed: every count at its limit at once, planned and rendered.

    python benchmarks/worst_case.py [--quick]

Builds the profile that makes the planner work hardest within the limits of `docs/limits.md`:
the most venues, goals and events, every venue worth hours, half the goals churning stocks,
the events spread over ten years with calls for proposals two months ahead (most of them
fit, so the choice of events works hardest), the longest horizon, and the most trials the
work budget allows for it. It prints the time of each stage (build the planner, plan,
render HTML and text, write the calendar) and the peak memory of each case, each in a fresh
process, against the bundled ``consultant`` example planned in the same run. The cases:

* ``worst``: the profile above at the trials the work budget allows it;
* ``most trials``: the consultant example at the most trials the options allow, 1,000,000.

``--quick`` plans the worst case at 200 trials, to see the stages without the Monte Carlo.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import eminence as em
from eminence.model.profile import MAX_EVENTS, MAX_GOALS, MAX_VENUES
from eminence.planning.planner import most_trials
from eminence.planning.projection import HORIZON_WEEKS
from eminence.testing import random_profile_data

LONGEST = 520


def worst_profile() -> em.Profile:
    """Every count at its limit, every venue worth hours, most events fitting."""
    data = random_profile_data(1, venues=MAX_VENUES, goals=MAX_GOALS, events=0)
    data["capacity"]["hours_per_week"] = 168.0
    metrics = [metric["id"] for metric in data["metrics"]]
    segments = [segment["id"] for segment in data["segments"]]
    for index, venue in enumerate(data["venues"]):
        venue["audience"] = dict.fromkeys(segments, 0.3)
        venue["yields"] = {metric: {"low": 0.5, "likely": 1.0, "high": 2.0} for metric in metrics}
        venue["listening_hours"] = 2.0 if index % 2 else 0.0
    template: dict[str, Any] = {
        "preparation_hours": {"low": 2.0, "likely": 4.0, "high": 8.0},
        "attendance_hours": 2.0,
        "acceptance_chance": {"low": 0.5, "likely": 0.7, "high": 0.9},
        "yields": {metric: {"low": 5.0, "likely": 10.0, "high": 20.0} for metric in metrics},
    }
    start = dt.date.fromisoformat(data["capacity"]["start"])
    for index in range(MAX_EVENTS):
        day = start + dt.timedelta(days=90 + index * (LONGEST * 7 - 120) // MAX_EVENTS)
        event = copy.deepcopy(template)
        event.update(
            id=f"e{index}",
            date=day.isoformat(),
            proposal_deadline=(day - dt.timedelta(days=60)).isoformat(),
        )
        data["venues"][index % MAX_VENUES].setdefault("events", []).append(event)
    for goal in data["goals"]:
        goal["segments"] = segments
        goal["target"] = 10_000.0
    return em.loads(data)


def _timed(run: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def run_case(name: str, quick: bool) -> dict[str, Any]:
    """One case in this process: the time of each stage and the memory it added."""
    if name == "worst":
        profile, horizon = worst_profile(), LONGEST
        trials = 200 if quick else most_trials(profile, LONGEST)
    else:
        profile, horizon, trials = em.example("consultant"), HORIZON_WEEKS, 1_000_000
    before = _rss_mib()
    planner, build = _timed(lambda: em.Planner(profile, trials=trials, horizon_weeks=horizon))
    assert isinstance(planner, em.Planner)
    planned, plan = _timed(planner.plan)
    assert isinstance(planned, em.Plan)
    _, html = _timed(planned._repr_html_)
    _, text = _timed(lambda: str(planned))
    _, calendar = _timed(lambda: planned.to_ical())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "case": name,
        "trials": trials,
        "taken": sum(choice.taken for choice in planned.allocation.events),
        "seconds": {
            "planner": build,
            "plan": plan,
            "html": html,
            "text": text,
            "calendar": calendar,
        },
        "extra_mib": peak - before,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.case:
        print(json.dumps(run_case(options.case, options.quick)))
        return
    consultant = em.example("consultant")
    em.plan(consultant)
    _, reference = _timed(lambda: em.plan(consultant))
    print(f"reference: the consultant example plans in {reference * 1e3:.0f} ms\n")
    header = ("case", "trials", "events taken", "planner", "plan", "html", "text", "calendar")
    stages = "".join(f"{stage:>10}" for stage in header[3:])
    print(f"{header[0]:<12}{header[1]:>10}{header[2]:>14}{stages}")
    for name in ("worst", "most trials"):
        command = [sys.executable, __file__, "--case", name] + ["--quick"] * options.quick
        result = json.loads(subprocess.run(command, check=True, capture_output=True).stdout)
        seconds = result["seconds"]
        print(
            f"{name:<12}{result['trials']:>10,}{result['taken']:>14,}"
            + "".join(f"{seconds[stage]:>9.2f}s" for stage in header[3:])
        )
        total = sum(seconds.values())
        print(
            f"{'':12}all stages {total:.1f} s ({total / reference:,.0f} x the reference); "
            f"peak extra memory {result['extra_mib']:.0f} MiB (goal <= 256 MiB)"
        )


if __name__ == "__main__":
    main()
