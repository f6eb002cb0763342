"""The worst a service can be handed: every count at its limit at once, planned and rendered.

    python benchmarks/worst_case.py [--quick]

Builds the profile that makes the planner work hardest within the limits of `docs/limits.md`:
the most venues, goals and events, every venue worth hours, half the goals churning stocks,
the events spread over ten years with calls for proposals two months ahead (most of them
fit, so the choice of events works hardest), the longest horizon, and the most trials the
work budget allows for it. It prints the time of each stage (build the planner, plan,
render HTML and text, write the calendar) and the peak memory each stage adds to what the
process held before the planner was built (peak RSS, the stage's own peak: each reading
resets the kernel's high-water mark), each case in a fresh process, against the bundled
``consultant`` example planned in the same run and the target of `TARGET_MIB`. The cases:

* ``worst``: the profile above at the trials the work budget allows it;
* ``most trials``: the consultant example at the most trials the options allow, 1,000,000.

``--quick`` plans the worst case at 200 trials, to see the stages without the Monte Carlo.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
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

TARGET_MIB = 256
"""The most extra memory any stage of any case may take (issue 16)."""

STAGES = ("planner", "plan", "html", "text", "calendar")


def worst_profile() -> em.model.Profile:
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


def _rss_mib(field: str) -> float:
    """The process's resident memory now (``VmRSS``) or at its peak (``VmHWM``), in MiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    raise LookupError(field)


def _staged(run: Callable[[], object]) -> tuple[object, float, float]:
    """What ``run`` returns, its seconds, and the peak resident memory while it ran (MiB)."""
    # Writing 5 resets the high-water mark to the memory held now (Linux 4.0 and later).
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started, _rss_mib("VmHWM")


def run_case(name: str, quick: bool) -> dict[str, Any]:
    """One case in this process: the time of each stage and the peak memory it added."""
    if name == "worst":
        profile, horizon = worst_profile(), LONGEST
        trials = 200 if quick else most_trials(profile, LONGEST)
    else:
        profile, horizon, trials = em.example("consultant"), HORIZON_WEEKS, 1_000_000
    before = _rss_mib("VmRSS")
    planner, build, peak_build = _staged(
        lambda: em.Planner(profile, trials=trials, horizon_weeks=horizon)
    )
    assert isinstance(planner, em.Planner)
    planned, plan, peak_plan = _staged(planner.plan)
    assert isinstance(planned, em.results.Plan)
    _, html, peak_html = _staged(planned._repr_html_)
    _, text, peak_text = _staged(lambda: str(planned))
    _, calendar, peak_calendar = _staged(lambda: planned.to_ical())
    peaks = (peak_build, peak_plan, peak_html, peak_text, peak_calendar)
    return {
        "case": name,
        "trials": trials,
        "taken": sum(choice.taken for choice in planned.allocation.events),
        "seconds": dict(zip(STAGES, (build, plan, html, text, calendar), strict=True)),
        "extra_mib": {stage: peak - before for stage, peak in zip(STAGES, peaks, strict=True)},
    }


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


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
    reference = _timed(lambda: em.plan(consultant))
    print(f"reference: the consultant example plans in {reference * 1e3:.0f} ms")
    print(f"target: at most {TARGET_MIB} MiB of extra memory in every stage of every case\n")
    header = ("case", "trials", "events taken")
    stages = "".join(f"{stage:>10}" for stage in STAGES)
    print(f"{header[0]:<12}{header[1]:>10}{header[2]:>14}{stages}")
    within = True
    for name in ("worst", "most trials"):
        command = [sys.executable, __file__, "--case", name] + ["--quick"] * options.quick
        result = json.loads(subprocess.run(command, check=True, capture_output=True).stdout)
        seconds, extra = result["seconds"], result["extra_mib"]
        print(
            f"{name:<12}{result['trials']:>10,}{result['taken']:>14,}"
            + "".join(f"{seconds[stage]:>9.2f}s" for stage in STAGES)
        )
        print(f"{'extra memory':>36}" + "".join(f"{extra[stage]:>6.0f} MiB" for stage in STAGES))
        total, peak = sum(seconds.values()), max(extra.values())
        verdict = "meets" if peak <= TARGET_MIB else "is OVER"
        within = within and peak <= TARGET_MIB
        print(
            f"{'':12}all stages {total:.1f} s ({total / reference:,.0f} x the reference); "
            f"peak extra memory {peak:.0f} MiB {verdict} the {TARGET_MIB} MiB target"
        )
    print(f"\nevery case within {TARGET_MIB} MiB: {'yes' if within else 'NO'}")


if __name__ == "__main__":
    main()
