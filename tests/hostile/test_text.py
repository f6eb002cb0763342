"""Hostile text in names: line breaks and control characters bound for a calendar, markup
bound for HTML, combining forms, bidirectional overrides and lone surrogates."""

from __future__ import annotations

import json
import re
from functools import partial
from typing import Any

import pytest

import eminence as em
from eminence.testing import Case, changed, profile_data, through_every_output

NAMES = {
    "line breaks": "Ada\r\nEND:VEVENT\r\nBEGIN:VEVENT\nSUMMARY:injected",
    "control characters": "Ada\x00\x07\x1b[31m\x7f\x9b",
    "odd line breaks": "Ada\u2028\u2029\x85\x0b\x0c",
    "markup": "<script>alert(1)</script><b onmouseover=x>&amp;",
    "combining forms": "e\u0301\u0301\u0301 Zalgo\u0336\u0337",
    "bidi override": "Ada \u202egnp.exe\u202c and \u2066isolate",
    "calendar syntax": 'Ada;X-INJECT=1:"quoted",\\n\\;',
    "wide characters": "\U0001f600\u4e2d\u6587\ufeff\u200b",
}


def named(name: str) -> dict[str, Any]:
    """The small profile with a hostile name on the profile, a venue, an event and a goal."""
    data = changed("name", name)
    data["venues"][0]["name"] = name
    data["venues"][1]["events"][0]["name"] = name
    data["goals"][0]["name"] = name
    return data


def everything(data: Any) -> object:
    return through_every_output(em.loads(data))


_UNSAFE_IN_ICAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

CASES = [
    *(
        Case(f"a name with {kind}", partial(everything, named(name)))
        for kind, name in NAMES.items()
    ),
    Case(
        "a lone surrogate in JSON",
        partial(everything, json.dumps(profile_data()).replace('"Test expert"', '"\\ud800"')),
        "the string at name holds a lone surrogate (half of a character pair)",
    ),
    Case(
        "a lone surrogate in a mapping",
        partial(everything, changed("name", "Ada\udfff")),
        "the string at name holds a lone surrogate (half of a character pair)",
    ),
    Case(
        "a lone surrogate in an id",
        partial(everything, changed("topics.0.id", "\ud800")),
        "the string at topics[0].id holds a lone surrogate",
    ),
    Case(
        "markup in an id",
        partial(everything, changed("topics.0.id", "<b>")),
        "topics[0].id: is not an id: use letters, digits",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_ends_in_a_result_or_a_clear_error(case: Case) -> None:
    case.check()


@pytest.fixture(scope="module", params=sorted(NAMES))
def outputs(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    name = NAMES[request.param]
    return name, through_every_output(em.loads(named(name)), trials=50)


@pytest.mark.extra("ical")
class TestCalendar:
    def test_no_name_adds_or_breaks_an_event(self, outputs: tuple[str, dict[str, Any]]) -> None:
        import icalendar

        _, found = outputs
        calendar = icalendar.Calendar.from_ical(found["ical"])
        events = calendar.walk("VEVENT")
        assert len(events) == len(found["plan"].schedule.items)
        assert not any("X-INJECT" in event or event.subcomponents[1:] for event in events)

    def test_titles_are_one_safe_line(self, outputs: tuple[str, dict[str, Any]]) -> None:
        import icalendar

        _, found = outputs
        for event in icalendar.Calendar.from_ical(found["ical"]).walk("VEVENT"):
            summary = str(event["SUMMARY"])
            assert "\n" not in summary
            assert not _UNSAFE_IN_ICAL.search(summary), repr(summary)

    def test_every_line_is_folded(self, outputs: tuple[str, dict[str, Any]]) -> None:
        _, found = outputs
        assert all(len(line) <= 75 for line in found["ical"].split(b"\r\n"))


class TestHtml:
    def test_markup_in_a_name_is_shown_not_run(self, outputs: tuple[str, dict[str, Any]]) -> None:
        name, found = outputs
        html = found["html"]
        assert "<script" not in html
        assert "<b " not in html
        if "<" in name:
            assert "&lt;script&gt;" in html

    def test_no_raw_control_or_override(self, outputs: tuple[str, dict[str, Any]]) -> None:
        _, found = outputs
        assert not _UNSAFE_IN_TEXT.search(found["html"])


class TestTextAndJson:
    def test_text_shows_controls_as_escapes(self, outputs: tuple[str, dict[str, Any]]) -> None:
        _, found = outputs
        assert not _UNSAFE_IN_TEXT.search(found["text"].replace("\n", ""))

    def test_json_keeps_the_name_exactly(self, outputs: tuple[str, dict[str, Any]]) -> None:
        name, found = outputs
        assert json.loads(found["json"])["profile"]["name"] == name
