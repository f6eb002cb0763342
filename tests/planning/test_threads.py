"""One planner shared by many threads, as a web service shares it: every plan is the plan
a serial run gives, byte for byte."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

import eminence as em

HOURS = [1.0, 2.0, 3.0, 4.5, 6.0, 8.0, 12.0, 20.0]


@pytest.fixture(autouse=True)
def _switch_often() -> Iterator[None]:
    """Threads take turns every microsecond, so that a race shows in a short test."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def test_plans_from_eight_threads_are_the_serial_plans() -> None:
    profile = em.example("consultant")
    serial = {h: em.Planner(profile, trials=100).plan(h).model_dump_json() for h in HOURS}
    shared = em.Planner(profile, trials=100)
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(lambda h: shared.plan(h).model_dump_json(), HOURS * 2))
    assert found == [serial[h] for h in HOURS * 2]


def test_a_shared_projector_never_answers_for_another_split() -> None:
    planner = em.Planner(em.example("community"), trials=100)
    inputs = [planner.allocation(hours)[1] for hours in HOURS]
    expected = [planner.projector.expected_outcomes(i)[0].tolist() for i in inputs]

    def answers(offset: int) -> list[bool]:
        order = [(k + offset) % len(inputs) for k in range(len(inputs) * 10)]
        return [
            planner.projector.expected_outcomes(inputs[k])[0].tolist() == expected[k] for k in order
        ]

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(all(found) for found in pool.map(answers, range(8)))
