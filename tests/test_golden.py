"""The bundled examples' outputs, byte for byte: a change of structure must not change a plan.

Every artifact a user keeps (the plan's JSON with its schedule and costs, the calendar, the
text report, the summary, a replan at other hours, a what-if, a listening report and a
re-forecast) is hashed and compared with the hashes stored in ``tests/golden/hashes.json``.
When a change is *meant* to alter what is planned, write the hashes again with
``python tests/test_golden.py`` and say why in the commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from pydantic import BaseModel

import eminence as em

HASHES = Path(__file__).parent / "golden" / "hashes.json"


def _bytes(value: object) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode()
    assert isinstance(value, BaseModel)
    # Numbers to 12 significant digits and 9 decimals: NumPy releases differ in the last bit
    # of a sum (the lowest one CI proves sums in another order), and a residue such as 2e-12
    # against 0.0 follows; neither is a change of the plan.
    return json.dumps(json.loads(value.model_dump_json(), parse_float=_rounded)).encode()


def _rounded(text: str) -> float:
    return float(f"{round(float(text), 9):.12g}") + 0.0


def _artifacts() -> dict[str, Callable[[], object]]:
    made: dict[str, Callable[[], object]] = {}
    for name in em.examples():

        @cache
        def plan(name: str = name) -> em.results.Plan:
            return em.plan(em.example(name))

        def replan(name: str = name) -> em.results.Plan:
            profile = em.example(name)
            hours = profile.capacity.hours_per_week * 1.5
            return em.Planner(profile, trials=200).plan(hours)

        def required(name: str = name) -> object:
            profile = em.example(name)
            return em.required_hours(profile, profile.goals[0].id, trials=200)

        def of_plan(
            view: Callable[[em.results.Plan], object], plan: Callable[[], em.results.Plan] = plan
        ) -> Callable[[], object]:
            return lambda: view(plan())

        made[f"{name}/plan"] = plan
        made[f"{name}/schedule"] = of_plan(lambda plan: plan.schedule)
        made[f"{name}/costs"] = of_plan(lambda plan: plan.costs)
        made[f"{name}/report"] = of_plan(str)
        made[f"{name}/summary"] = of_plan(lambda plan: plan.summary())
        made[f"{name}/calendar"] = of_plan(lambda plan: plan.to_ical())
        made[f"{name}/replan"] = replan
        made[f"{name}/required-hours"] = required
    made["executive/listening"] = lambda: em.listen(
        em.example("executive"), em.example_log("executive"), trials=200
    )
    made["consultant/reforecast"] = lambda: em.reforecast(
        em.example("consultant"),
        em.example_progress("consultant"),
        today=dt.date(2027, 4, 30),
        trials=200,
    )
    return made


ARTIFACTS = _artifacts()


def _digest(key: str) -> str:
    return hashlib.sha256(_bytes(ARTIFACTS[key]())).hexdigest()


def write_golden_hashes() -> None:
    """Store the hashes of today's outputs: run this module as a script to change them."""
    HASHES.write_text(json.dumps({key: _digest(key) for key in ARTIFACTS}, indent=1) + "\n")


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(key, marks=pytest.mark.extra("ical")) if key.endswith("/calendar") else key
        for key in sorted(ARTIFACTS)
    ],
)
def test_example_outputs_are_unchanged(key: str) -> None:
    stored = json.loads(HASHES.read_text())
    assert _digest(key) == stored[key], f"{key} changed; see this module's docstring"


def test_a_plan_read_back_is_the_same_plan() -> None:
    for name in em.examples():
        written = em.plan(em.example(name)).model_dump_json()
        assert em.results.Plan.model_validate_json(written).model_dump_json() == written


if __name__ == "__main__":
    write_golden_hashes()
