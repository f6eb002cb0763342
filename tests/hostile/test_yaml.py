"""Hostile YAML: alias bombs, python tags, merge keys and duplicate keys never build anything."""

from __future__ import annotations

import pytest

import eminence as em
from eminence.testing import Case, profile_data

pytestmark = pytest.mark.extra("yaml")

BOMB = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
)

CASES = [
    Case("a billion laughs", lambda: em.loads(BOMB, format="yaml"), "anchors and aliases"),
    Case(
        "a python object",
        lambda: em.loads("name: !!python/object/apply:os.system ['true']\n", format="yaml"),
        "tags are not allowed",
    ),
    Case(
        "a python name",
        lambda: em.loads("!!python/name:os.system\n", format="yaml"),
        "tags are not allowed",
    ),
    Case(
        "a merge key",
        lambda: em.loads("base: {a: 1}\nother:\n  <<: {a: 2}\n", format="yaml"),
        "merge keys are not allowed",
    ),
    Case(
        "a duplicate key",
        lambda: em.loads("name: Ada\nname: Eve\n", format="yaml"),
        "duplicate key 'name'",
    ),
    Case(
        "keys that only look different",
        lambda: em.loads("1: a\n0x1: b\n", format="yaml"),
        "mapping keys must be text",
    ),
    Case(
        "two documents",
        lambda: em.loads("name: Ada\n---\nname: Eve\n", format="yaml"),
        "a second one starts",
    ),
    Case(
        "an impossible date",
        lambda: em.loads("capacity: {start: 2027-02-30}\n", format="yaml"),
        "invalid YAML date",
    ),
    Case(
        "a sexagesimal number of hours",
        lambda: em.loads(
            em.dump(em.loads(profile_data()), "yaml").replace(
                "hours_per_week: 3.0", "hours_per_week: 1:30:00"
            ),
            format="yaml",
        ),
        "YAML reads '1:30:00' (line",
    ),
    Case("the small profile", lambda: em.loads(em.dump(em.loads(profile_data()), "yaml"))),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_ends_in_a_result_or_a_clear_error(case: Case) -> None:
    case.check()
