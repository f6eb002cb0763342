"""The published schemas gathered under one prefix still say what the shipped ones say."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sys
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

import eminence as em
from eminence.service.contracts import Contracts

CONTRACTS = Contracts("#/$defs/")


def _refs(value: Any) -> list[str]:
    if isinstance(value, dict):
        inner = [ref for one in value.values() for ref in _refs(one)]
        return [value["$ref"], *inner] if "$ref" in value else inner
    if isinstance(value, list):
        return [r for v in value for r in _refs(v)]
    return []


def _gathered(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        {**CONTRACTS.ref(kind), "$defs": CONTRACTS.definitions},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def _shipped(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        em.schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_every_reference_names_a_definition() -> None:
    for ref in _refs(CONTRACTS.definitions):
        assert ref.removeprefix("#/$defs/") in CONTRACTS.definitions, ref


def test_a_name_read_and_written_differently_is_kept_apart() -> None:
    read, written = CONTRACTS.definitions["Estimate"], CONTRACTS.definitions["Estimate-Output"]
    assert read != written
    # The profile a plan holds is the written one, with the written estimates inside.
    assert CONTRACTS.definitions["Plan"]["properties"]["profile"] == {
        "$ref": "#/$defs/Profile-Output"
    }


def _documents() -> list[tuple[str, Any]]:
    profile = em.example("consultant")
    plan = em.plan(profile, trials=50)
    log = em.example_progress("consultant")
    found = [
        ("profile", json.loads(em.dump(profile))),
        ("plan", plan.model_dump(mode="json")),
        ("summary", plan.summary().model_dump(mode="json")),
        ("progress-log", log.model_dump(mode="json")),
        (
            "reforecast",
            em.reforecast(profile, log, today=dt.date(2027, 4, 25), trials=50).model_dump(
                mode="json"
            ),
        ),
    ]
    broken = json.loads(em.dump(profile))
    broken["capacity"]["hours_per_week"] = -1
    broken["venues"][0]["unknown"] = True
    return [*found, ("profile", broken)]


@pytest.mark.parametrize(("kind", "document"), _documents())
def test_gathered_and_shipped_schemas_find_the_same_errors(kind: str, document: Any) -> None:
    def messages(validator: jsonschema.Draft202012Validator) -> list[str]:
        return sorted(error.message for error in validator.iter_errors(document))

    assert messages(_gathered(kind)) == messages(_shipped(kind))


@pytest.mark.parametrize(
    ("blocked", "start", "extra"),
    [
        ("fastapi", lambda: __import__("eminence.service").service.create_app(), "api"),
        ("mcp", lambda: importlib.import_module("eminence.agent"), "mcp"),
    ],
)
def test_a_missing_extra_is_named(
    monkeypatch: pytest.MonkeyPatch, blocked: str, start: Callable[[], object], extra: str
) -> None:
    for name in [blocked, *(name for name in sys.modules if name.startswith(f"{blocked}."))]:
        monkeypatch.setitem(sys.modules, name, None)  # as if not installed
    for module in ("eminence.service.app", "eminence.agent"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    with pytest.raises(em.MissingExtraError, match=rf"pip install 'eminence\[{extra}\]'"):
        start()
