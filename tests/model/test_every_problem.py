"""A profile reports every problem at once: field errors and cross-references together (issue
18). Problems are injected into valid generated profiles; the one error lists each, by path."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eminence as em
from eminence.testing import random_profile_data

Data = dict[str, Any]
Injection = Callable[[Data, int], str]
"""Breaks one thing in the profile's data, at an item chosen by the number; returns its path."""


def _item(data: Data, field: str, number: int) -> tuple[int, Data]:
    index = number % len(data[field])
    return index, data[field][index]


def _set(field: str, name: str, value: object) -> Injection:
    def inject(data: Data, number: int) -> str:
        index, item = _item(data, field, number)
        item[name] = value
        return f"{field}[{index}].{name}"

    return inject


def _hours_per_week(data: Data, number: int) -> str:
    data["capacity"]["hours_per_week"] = 0
    return "capacity.hours_per_week"


def _event_attendance(data: Data, number: int) -> str:
    for i, venue in enumerate(data["venues"]):
        for j, event in enumerate(venue.get("events", [])):
            event["attendance_hours"] = -1
            return f"venues[{i}].events[{j}].attendance_hours"
    return _set("venues", "cost_per_year", -5)(data, number)


FIELD_ERRORS: dict[str, Injection] = {
    "topic name": _set("topics", "name", 5),
    "segment size": _set("segments", "size", -1),
    "effort": _set("venues", "effort_hours", -1),
    "listening": _set("venues", "listening_hours", "a week"),
    "misspelt field": _set("venues", "cadance", 2),
    "target": _set("goals", "target", 0),
    "priority": _set("goals", "priority", -1),
    "depth": _set("expertise", "depth", 2),
    "unit": _set("metrics", "unit", ["requests"]),
    "hours per week": _hours_per_week,
    "attendance": _event_attendance,
}
"""One field error each, on fields that no cross-reference reads."""


def _add(field: str, name: str, key: str, value: object) -> Injection:
    def inject(data: Data, number: int) -> str:
        index, item = _item(data, field, number)
        item.setdefault(name, {})[key] = value
        return f"{field}[{index}].{name}"

    return inject


def _goal_segment(data: Data, number: int) -> str:
    index, goal = _item(data, "goals", number)
    goal["segments"] = [*goal.get("segments", []), "nobody"]
    return f"goals[{index}].segments"


def _expertise_topic(data: Data, number: int) -> str:
    index, expertise = _item(data, "expertise", number)
    expertise["topic"] = "astrology"
    return f"expertise[{index}].topic"


def _event_yield(data: Data, number: int) -> str:
    for i, venue in enumerate(data["venues"]):
        for j, event in enumerate(venue.get("events", [])):
            event["yields"]["fame"] = 1
            return f"venues[{i}].events[{j}].yields"
    return _add("venues", "yields", "renown", 1)(data, number)


def _duplicate_goal(data: Data, number: int) -> str:
    data["goals"].append(copy.deepcopy(data["goals"][0]))
    return "goals"


REFERENCE_ERRORS: dict[str, Injection] = {
    "audience": _add("venues", "audience", "nobody", 0.0),
    "venue yield": _add("venues", "yields", "fame", 1),
    "event yield": _event_yield,
    "goal metric": _set("goals", "metric", "fame"),
    "goal segment": _goal_segment,
    "expertise topic": _expertise_topic,
    "needs": _add("segments", "needs", "astrology", 0.5),
    "peer cadence": _add("peers", "cadence", "nowhere", 1),
    "duplicate goal": _duplicate_goal,
}
"""One unresolved reference or duplicate id each, read from fields no field error breaks."""


def _problems(data: Data) -> list[em.Problem]:
    with pytest.raises(em.InvalidInputError) as raised:
        em.loads(data)
    return list(raised.value.problems)


@given(
    seed=st.integers(0, 2**32 - 1),
    fields=st.lists(st.sampled_from(sorted(FIELD_ERRORS)), min_size=0, max_size=5, unique=True),
    references=st.lists(
        st.sampled_from(sorted(REFERENCE_ERRORS)), min_size=0, max_size=5, unique=True
    ),
    number=st.integers(0, 100),
)
def test_one_error_lists_every_field_and_reference_problem(
    seed: int, fields: list[str], references: list[str], number: int
) -> None:
    if not fields and not references:
        return
    data = random_profile_data(seed, venues=3, goals=2, events=2)
    # The duplicate first, so that each later injection breaks one goal, not a goal and its copy.
    references.sort(key=lambda name: name != "duplicate goal")
    injected = [REFERENCE_ERRORS[name](data, number) for name in references]
    injected += [FIELD_ERRORS[name](data, number) for name in fields]
    assert Counter(problem.path for problem in _problems(data)) == Counter(injected)


class TestAReferenceIntoABrokenFieldIsSkipped:
    """Where what a reference names failed itself, only that reference waits for the fix."""

    def test_an_unreadable_topic_id_leaves_topic_references_unchecked(self) -> None:
        data = random_profile_data(3)
        data["topics"][0]["id"] = "not an id!"
        data["segments"][0]["needs"]["astrology"] = 0.5  # cannot be told unknown: skipped
        data["goals"][0]["metric"] = "fame"  # metrics are readable: reported
        paths = [problem.path for problem in _problems(data)]
        assert paths == ["topics[0].id", "goals[0].metric"]

    def test_a_broken_audience_leaves_the_venues_other_references_checked(self) -> None:
        data = random_profile_data(3)
        data["venues"][0]["audience"] = {"s0": 2.0, "nobody": 0.1}
        data["venues"][0]["yields"]["fame"] = 1
        paths = [problem.path for problem in _problems(data)]
        assert paths == ["venues[0].audience.s0", "venues[0].yields"]

    def test_a_profile_that_is_no_mapping_has_one_problem(self) -> None:
        with pytest.raises(em.InvalidInputError) as raised:
            em.model.Profile.model_validate(["a", "list"])
        assert len(raised.value.problems) == 1


def test_a_valid_profile_is_untouched_by_the_salvage() -> None:
    data = random_profile_data(5)
    assert em.loads(copy.deepcopy(data)) == em.loads(data)
