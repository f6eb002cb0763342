"""Invariants over generated profiles and any text (issue 8): totality, determinism, round
trips, a sane schedule, escaping. Planning-heavy properties set their own example counts,
larger under the ``ci`` Hypothesis profile; cheap ones take the profile's (1,000 in CI)."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.planning.results import ical
from eminence.planning.results.ical import schedule_ical
from eminence.testing import check_total, profile_data, random_profile_data, through_every_output

ICAL = pytest.mark.extra("ical")
CI = os.environ.get("HYPOTHESIS_PROFILE") == "ci"
HEAVY = settings(
    max_examples=100 if CI else 5,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""Each example plans a profile and exports it every way: about a tenth of a second."""

SEEDS = st.integers(0, 2**32 - 1)
SIZES = st.fixed_dictionaries(
    {
        "venues": st.integers(1, 8),
        "goals": st.integers(1, 3),
        "events": st.integers(0, 4),
        "hours_per_week": st.floats(0.01, 168),
    }
)
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
"""Any text a file can hold: every character but the lone surrogates files refuse."""
ESCAPES = st.text(st.sampled_from(list("\\Nn,;:\"' xé")), max_size=30)
"""Text made of what calendar files escape: a Windows path, a LaTeX command."""


def generated(seed: int, sizes: dict[str, Any]) -> dict[str, Any]:
    return random_profile_data(seed, **sizes)


class TestTotality:
    @HEAVY
    @given(SEEDS, SIZES)
    def test_every_output_of_a_generated_profile_is_total_and_finite(
        self, seed: int, sizes: dict[str, Any]
    ) -> None:
        profile = em.loads(generated(seed, sizes))
        outcome = check_total(lambda: through_every_output(profile, trials=50), within=10)
        assert outcome.error is None, outcome.error

    @HEAVY
    @given(SEEDS, SIZES, st.data())
    def test_a_generated_profile_with_one_value_broken_ends_well(
        self, seed: int, sizes: dict[str, Any], data: st.DataObject
    ) -> None:
        profile = generated(seed, sizes)
        leaves = list(_leaves(profile))
        path = data.draw(st.sampled_from(leaves), label="path")
        value: object = data.draw(
            st.one_of(
                st.sampled_from([float("nan"), float("inf"), -1, 0, 10**400, "", True, None, []]),
                st.floats(),
                st.integers(),
                ANY_TEXT,
            ),
            label="value",
        )
        _set(profile, path, value)
        check_total(lambda: through_every_output(em.loads(profile), trials=50), within=10)


class TestDeterminism:
    @HEAVY
    @given(SEEDS, st.randoms(use_true_random=False))
    def test_the_order_of_lists_changes_nothing_but_that_order(
        self, seed: int, shuffle: random.Random
    ) -> None:
        data = random_profile_data(seed, events=2)
        plan = em.plan(em.loads(data), trials=100)
        for key in ("topics", "expertise", "segments", "metrics", "goals", "peers", "venues"):
            shuffle.shuffle(data[key])
        for venue in data["venues"]:
            shuffle.shuffle(venue.get("events", []))
        shuffled = em.plan(em.loads(data), trials=100)
        assert _by_id(plan) == _by_id(shuffled)

    def test_the_order_of_goals_changes_no_byte_of_the_json(self) -> None:
        data = random_profile_data(92, events=2)
        plan = em.plan(em.loads(data), trials=100)
        data["goals"].reverse()
        shuffled = em.plan(em.loads(data), trials=100)
        ours = {p.goal: p.model_dump_json() for p in plan.projections.goals}
        assert ours == {p.goal: p.model_dump_json() for p in shuffled.projections.goals}

    @ICAL
    def test_json_and_calendar_are_the_same_bytes_under_any_hash_seed(self, tmp_path: Path) -> None:
        script = (
            "import sys, eminence as em\n"
            "plan = em.plan(em.example('community'), trials=200)\n"
            "sys.stdout.buffer.write(plan.model_dump_json().encode() + b'\\0' + plan.to_ical())\n"
        )
        runs = [
            subprocess.run(
                [sys.executable, "-c", script],
                capture_output=True,
                check=True,
                env={**os.environ, "PYTHONHASHSEED": hash_seed},
            ).stdout
            for hash_seed in ("1", "2024")
        ]
        assert runs[0] == runs[1]
        assert len(runs[0]) > 1000


class TestRoundTrips:
    @pytest.mark.extra("toml", "yaml")
    @settings(max_examples=200 if CI else 15)
    @given(SEEDS, SIZES, ANY_TEXT, st.sampled_from(["json", "yaml", "toml"]))
    def test_a_profile_survives_every_format(
        self, seed: int, sizes: dict[str, Any], name: str, format: str
    ) -> None:
        profile = em.loads({**generated(seed, sizes), "name": name or "x"})
        assert em.loads(em.dump(profile, format), format=format) == profile

    @ICAL
    @HEAVY
    @given(SEEDS, SIZES)
    def test_the_calendar_expands_to_exactly_the_schedule(
        self, seed: int, sizes: dict[str, Any]
    ) -> None:
        import icalendar
        import recurring_ical_events

        plan = em.plan(em.loads(generated(seed, sizes)), trials=50)
        calendar = icalendar.Calendar.from_ical(plan.to_ical())
        window = (plan.schedule.start, plan.schedule.until + dt.timedelta(days=1))
        theirs = sorted(
            (str(event["UID"]).split("@")[0], repr(event.start))
            for event in recurring_ical_events.of(calendar).between(*window)
        )
        ours = sorted(
            (o.uid, repr(o.start if o.start is not None else o.day))
            for o in plan.schedule.occurrences()
        )
        assert theirs == ours


class TestSchedule:
    @HEAVY
    @given(SEEDS, SIZES)
    def test_occurrences_are_inside_the_horizon_in_order_and_aware(
        self, seed: int, sizes: dict[str, Any]
    ) -> None:
        schedule = em.plan(em.loads(generated(seed, sizes)), trials=50).schedule
        found = schedule.occurrences()
        assert all(schedule.start <= o.day <= schedule.until for o in found)
        assert [o.day for o in found] == sorted(o.day for o in found)
        timed = [(o.day, o.start, o.end) for o in found if o.start is not None]
        for _, start, end in timed:
            assert start is not None
            assert end is not None
            assert start.tzinfo is not None
            assert start < end
        for day in {day for day, _, _ in timed}:
            starts = [start for on, start, _ in timed if on == day and start is not None]
            assert starts == sorted(starts)


PLAN = em.plan(em.loads(profile_data()), trials=20)
_CALENDAR_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class TestEscaping:
    @ICAL
    @settings(max_examples=1000 if CI else 30)
    @given(ANY_TEXT | ESCAPES)
    def test_any_text_in_a_calendar_is_one_safe_line_and_adds_nothing(self, text: str) -> None:
        import icalendar

        items = tuple(item.model_copy(update={"title": text}) for item in PLAN.schedule.items)
        schedule = PLAN.schedule.model_copy(update={"items": items})
        calendar = icalendar.Calendar.from_ical(schedule_ical(schedule, text))
        events = calendar.walk("VEVENT")
        assert len(events) == len(items)
        for event in events:
            assert not _CALENDAR_UNSAFE.search(str(event["SUMMARY"]))

    @ICAL
    @settings(max_examples=1000 if CI else 50)
    @given(ANY_TEXT | ESCAPES)
    def test_a_title_reads_back_exactly_as_shown(self, text: str) -> None:
        import icalendar
        import recurring_ical_events

        items = tuple(item.model_copy(update={"title": text}) for item in PLAN.schedule.items)
        # What the calendar shows: one safe line (tested above), a block's topic after it.
        shown = {ical.one_line(item.heading) for item in items}
        schedule = PLAN.schedule.model_copy(update={"items": items})
        calendar = icalendar.Calendar.from_ical(schedule_ical(schedule, "x"))
        window = (schedule.start, schedule.until + dt.timedelta(days=1))
        expanded = recurring_ical_events.of(calendar).between(*window)
        assert {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")} == shown
        assert {str(event["SUMMARY"]) for event in expanded} == shown

    @settings(max_examples=300 if CI else 30)
    @given(ANY_TEXT)
    def test_any_text_in_html_is_text_not_markup(self, text: str) -> None:
        def shown(name: str) -> str:
            venues = tuple(v.model_copy(update={"name": name}) for v in PLAN.profile.venues)
            profile = PLAN.profile.model_copy(update={"name": name, "venues": venues})
            return PLAN.model_copy(update={"profile": profile})._repr_html_() or ""

        html = shown(text)
        # Escaped text adds no tag: the page has as many as with a harmless name.
        assert html.count("<") == shown("x").count("<")
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", html)


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(node, list):
        return [leaf for index, value in enumerate(node) for leaf in _leaves(value, (*path, index))]
    return [path]


def _set(node: Any, path: tuple[Any, ...], value: object) -> None:
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _by_id(plan: em.results.Plan) -> object:
    """What a plan says, keyed by ids rather than by the order of the profile's lists: every
    sum runs in the order of ids, so not a bit may change."""
    return {
        "hours": {v.venue: v.hours_per_week for v in plan.allocation.venues},
        "events": {c.event: c.model_dump(mode="json") for c in plan.allocation.events},
        "projections": {p.goal: p.model_dump(mode="json") for p in plan.projections.goals},
        "costs": (
            {v.venue: v.model_dump(mode="json") for v in plan.costs.venues},
            {g.goal: g.model_dump(mode="json") for g in plan.costs.goals},
            [plan.costs.hours, plan.costs.total, plan.costs.unattributed_hours],
        ),
        "occurrences": sorted(
            (o.uid, o.day.isoformat(), repr(o.start), o.hours) for o in plan.schedule.occurrences()
        ),
    }
