"""The published JSON Schemas: shipped as generated, standard, and as strict as the library.

The boundary tests walk the model itself: every declared bound of every field of every
record a document holds is probed just inside and just outside, and a standard validator
must agree with the library on each probe.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
import types
import typing
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import jsonschema
import pydantic
import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

import eminence as em
from eminence.model._base import Record
from eminence.model._document import Document
from eminence.schemas import KINDS, REGENERATE, render, stale, write

DOCS = Path(__file__).parents[1] / "docs" / "schemas"
READ = (em.model.Profile, em.model.ProgressLog, em.model.ListeningLog)
"""The documents eminence reads: their every field's bounds are probed."""
_PYDANTIC_WORDS = frozenset({"ge", "gt", "le", "lt", "min_length", "max_length", "multiple_of"})


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        em.schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _errors(kind: str, document: Any) -> list[str]:
    return [error.message for error in _validator(kind).iter_errors(document)]


WRITTEN_SINCE = (2, 11)
"""The pydantic from which on the generated schemas are the shipped ones to the byte; before
it, pydantic writes the same contract in another shape (a reference wrapped in ``allOf``)."""

SAME_WRITER = pytest.mark.skipif(
    tuple(map(int, pydantic.VERSION.split(".")[:2])) < WRITTEN_SINCE,
    reason="pydantic before 2.11 writes the same schemas in another shape; the byte-for-byte "
    "comparison runs on the newest releases",
)


class TestPublished:
    @SAME_WRITER
    def test_the_shipped_schemas_are_the_generated_ones(self) -> None:
        assert stale(em.schema) == {}, f"regenerate the schemas with  {REGENERATE}"

    @pytest.mark.parametrize("kind", KINDS)
    def test_the_docs_hold_the_same_files(self, kind: str) -> None:
        shipped = render(em.schema(kind))
        assert (DOCS / f"{kind}.json").read_text("utf-8") == shipped, f"run  {REGENERATE}"

    @pytest.mark.parametrize("kind", KINDS)
    def test_each_is_a_draft_2020_12_schema_with_a_versioned_id(self, kind: str) -> None:
        found = em.schema(kind)
        jsonschema.Draft202012Validator.check_schema(found)
        assert found["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        version = KINDS[kind][0].current_version()
        assert found["$id"] == f"urn:eminence:schema:{kind}:{version}"
        assert found["properties"]["schema_version"]["const"] == version

    @pytest.mark.parametrize("kind", KINDS)
    def test_no_bound_is_written_in_pydantic_words(self, kind: str) -> None:
        assert set(_keywords(em.schema(kind))).isdisjoint(_PYDANTIC_WORDS)

    def test_the_profile_schema_is_the_one_profile_schema_gives(self) -> None:
        assert em.io.profile_schema() == em.schema("profile")

    def test_an_unknown_kind_names_the_known_ones(self) -> None:
        with pytest.raises(em.UnknownReferenceError, match="known kinds: profile, progress-log"):
            em.schema("budget")


@SAME_WRITER
class TestRegenerating:
    """A changed schema is out of date; a changed contract under the same version is refused."""

    def _shipped_with(self, kind: str, change: dict[str, Any]) -> Any:
        def shipped(name: str) -> dict[str, Any]:
            found = em.schema(name)
            return {**found, **change} if name == kind else found

        return shipped

    def test_changed_words_only_ask_to_regenerate(self) -> None:
        found = stale(self._shipped_with("plan", {"description": "old words"}))
        assert found == {"plan": f"the plan schema is out of date: run  {REGENERATE}"}

    def test_a_changed_contract_under_the_same_version_asks_for_a_new_version(self) -> None:
        found = stale(self._shipped_with("profile", {"required": ["name"]}))
        assert "the profile contract changed, but its schema_version is still 2" in found["profile"]
        assert REGENERATE in found["profile"]

    def test_a_property_named_description_is_contract_not_words(self) -> None:
        shipped = em.schema("profile")
        properties = {k: v for k, v in shipped["properties"].items() if k != "description"}
        found = stale(self._shipped_with("profile", {"properties": properties}))
        assert "contract changed" in found["profile"]

    def test_a_new_version_may_change_the_contract(self) -> None:
        found = stale(self._shipped_with("summary", {"$id": "urn:eminence:schema:summary:0"}))
        assert found == {"summary": f"the summary schema is out of date: run  {REGENERATE}"}

    def test_write_refuses_a_contract_change_and_writes_nothing(self, tmp_path: Path) -> None:
        assert write((tmp_path,)) == {}
        assert json.loads((tmp_path / "plan.json").read_text("utf-8")) == em.schema("plan")
        changed = {**em.schema("plan"), "required": []}
        (tmp_path / "plan.json").write_text(render(changed), "utf-8")
        refused = write((tmp_path,))
        assert list(refused) == ["plan"]
        assert json.loads((tmp_path / "plan.json").read_text("utf-8")) == changed


def _reforecast() -> em.results.Reforecast:
    return em.reforecast(
        em.example("consultant"),
        em.example_progress("consultant"),
        today=dt.date(2027, 4, 30),
        trials=200,
    )


class TestDocumentsValidate:
    """Everything eminence writes, and every bundled example, passes its published schema."""

    @pytest.mark.parametrize("name", em.examples())
    def test_each_example_profile_as_written(self, name: str) -> None:
        assert _errors("profile", json.loads(em.dump(em.example(name)))) == []

    @pytest.mark.parametrize("name", em.examples())
    def test_each_example_profile_as_bundled(self, name: str) -> None:
        # The bundled TOML has no schema_version, which the schema allows, as the library does.
        data = em.example(name).model_dump(mode="json", exclude_defaults=True)
        data.pop("schema_version")
        assert _errors("profile", data) == []

    @pytest.mark.parametrize("name", em.examples())
    def test_each_example_plan_and_its_summary(self, name: str) -> None:
        plan = em.plan(em.example(name), trials=200)
        assert _errors("plan", json.loads(plan.model_dump_json())) == []
        assert _errors("summary", json.loads(plan.summary().model_dump_json())) == []

    def test_the_sample_logs_and_a_reforecast(self) -> None:
        progress = em.example_progress("consultant")
        listening = em.example_log("executive")
        assert _errors("progress-log", json.loads(progress.model_dump_json())) == []
        assert _errors("listening-log", json.loads(listening.model_dump_json())) == []
        assert _errors("reforecast", json.loads(_reforecast().model_dump_json())) == []

    def test_negative_hours_per_week_are_refused_by_both(self) -> None:
        data = json.loads(em.dump(em.example("consultant")))
        data["capacity"]["hours_per_week"] = -1
        assert _errors("profile", data) == ["-1 is less than the minimum of 0.01"]
        with pytest.raises(em.InvalidInputError, match=r"capacity\.hours_per_week: must be at"):
            em.loads(json.dumps(data))


# The boundary probes: from the library's own declarations, never from the schema.


def _records(roots: tuple[type[BaseModel], ...]) -> list[type[Record]]:
    """Every record class the roots hold, directly or nested."""
    found: list[type[Record]] = []

    def visit(annotation: Any) -> None:
        record = isinstance(annotation, type) and issubclass(annotation, Record)
        if record and annotation not in found:
            found.append(annotation)
            for field in annotation.model_fields.values():
                visit(field.annotation)
        for argument in typing.get_args(annotation):
            visit(argument)

    for root in roots:
        visit(root)
    return found


def _field_type(field: FieldInfo) -> Any:
    return Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation


def _bounds(metadata: tuple[Any, ...]) -> dict[str, Any]:
    """The declared bounds in an annotation's metadata, as ``{"ge": 0.0, "max_length": 64}``."""
    found: dict[str, Any] = {}
    for item in metadata:
        inner = item.metadata if isinstance(item, FieldInfo) else [item]
        for constraint in inner:
            for name in ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern"):
                value = getattr(constraint, name, None)
                if value is not None:
                    found[name] = value
    return found


def _counts(bound: int) -> list[int]:
    return [count for count in (bound - 1, bound, bound + 1) if count >= 0]


def _near(bound: float, whole: bool) -> list[float]:
    if whole:
        return [bound - 1, bound, bound + 1]
    return [math.nextafter(bound, -math.inf), bound, math.nextafter(bound, math.inf)]


def _probes(annotation: Any) -> list[Any]:
    """JSON values on both sides of every bound the annotation declares, and plain ones."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is Annotated:
        base, metadata = arguments[0], arguments[1:]
        bounds = _bounds(metadata)
        found = _probes(base)
        whole = base is int
        for name in ("ge", "gt", "le", "lt"):
            if name in bounds:
                found += _near(bounds[name], whole)
        if base is str:
            for name in ("min_length", "max_length"):
                if name in bounds:
                    found += [
                        "a" * int(length) for length in _near(bounds[name], True) if length >= 0
                    ]
            if "pattern" in bounds:
                found += ["a", "a-b.c_d", "-a", "a b", "é", ""]
        elif "max_length" in bounds or "min_length" in bounds:
            item = _valid(typing.get_args(base)[0])
            for name in ("min_length", "max_length"):
                if name in bounds:
                    # Just outside and at the bound: the bound is all a long list can probe.
                    found += [[item] * count for count in _counts(bounds[name])[-2:]]
        return found
    if origin in (typing.Union, types.UnionType):
        present = [argument for argument in arguments if argument is not type(None)]
        return [None, *(probe for argument in present for probe in _probes(argument))]
    if origin is tuple:
        return [[], *([probe] for probe in _probes(arguments[0]))]
    if origin in (Mapping, dict):
        key, value = _valid(arguments[0]), _valid(arguments[1])
        return [{k: value} for k in _probes(arguments[0]) if isinstance(k, str)] + [
            {key: v} for v in _probes(arguments[1])
        ]
    if annotation is em.model.Estimate:
        return [*_near(0.0, False), *_near(1e12, False), {"low": 1, "likely": 2, "high": 3}]
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return []  # its own fields are probed as its own
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [member.value for member in annotation] + ["nonsense"]
    if annotation is dt.date:
        return ["2027-01-04", "2027-02-30", "2027-01-04T00:00:00", "20270104", 20270104]
    # Not the text and numbers pydantic coerces ("1.5", 1 for true): the schema is stricter there.
    if annotation is bool:
        return [True, False]
    if annotation is int:
        return [0, 1, 1.5, True]
    if annotation is float:
        return [0.5, True]
    if annotation is str:
        return ["text", 1]
    if typing.get_origin(annotation) is typing.Literal:
        return [*arguments, "nonsense"]
    return []


@cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def _library_accepts(annotation: Any, value: Any) -> bool:
    try:
        _adapter(annotation).validate_json(json.dumps(value))
    except (ValidationError, em.EminenceError):
        return False
    return True


def _valid(annotation: Any) -> Any:
    """A value the library accepts: a bundled example's record, or an accepted probe."""
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return _examples()[annotation]
    return next(p for p in _probes(annotation) if _library_accepts(annotation, p))


@cache
def _examples() -> dict[type[Record], Any]:
    """The first record of each class in the bundled examples and sample logs, as JSON."""
    found: dict[type[Record], Any] = {}

    def visit(value: Any) -> None:
        if isinstance(value, Record):
            found.setdefault(type(value), json.loads(value.model_dump_json()))
            for name in type(value).model_fields:
                visit(getattr(value, name))
        elif isinstance(value, tuple):
            for item in value:
                visit(item)

    for name in em.examples():
        visit(em.example(name))
    visit(em.example_progress("consultant"))
    visit(em.example_log("executive"))
    return found


def _field_cases() -> Iterator[Any]:
    for document in READ:
        for record in _records((document,)):
            for name, field in record.model_fields.items():
                if name != "schema_version" and _probes(_field_type(field)):
                    yield pytest.param(document, record, name, id=f"{record.__name__}.{name}")


def _declares_bounds(annotation: Any) -> bool:
    return any(
        _bounds(typing.get_args(inner)[1:])
        for inner in _annotations(annotation)
        if typing.get_origin(inner) is Annotated
    )


def _annotations(annotation: Any) -> Iterator[Any]:
    yield annotation
    for argument in typing.get_args(annotation):
        yield from _annotations(argument)


def _field_schema(document: type[Document], record: type[Record], name: str) -> dict[str, Any]:
    published = em.schema(document.KIND)
    owner = published if record is document else published["$defs"][record.__name__]
    # A record written in two forms (an estimate: a number or three points) has its fields
    # in the form that is an object.
    owner = next(form for form in owner.get("anyOf", [owner]) if "properties" in form)
    return {"$defs": published.get("$defs", {}), **owner["properties"][name]}


@pytest.mark.parametrize(("document", "record", "name"), list(_field_cases()))
def test_schema_and_library_agree_at_every_bound(
    document: type[Document], record: type[Record], name: str
) -> None:
    annotation = _field_type(record.model_fields[name])
    validator = jsonschema.Draft202012Validator(
        _field_schema(document, record, name),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    lengths_only = jsonschema.Draft202012Validator(_without_items(validator.schema))
    outcomes = {}
    for probe in _probes(annotation):
        library = _library_accepts(annotation, probe)
        # A standard validator takes seconds over 100,000 log rows; the rows are the same
        # known-good record, whose fields are probed on their own, so only the count is read.
        long = isinstance(probe, list) and len(probe) > 1_000
        schema = (lengths_only if long else validator).is_valid(probe)
        assert library == schema, f"{probe!r:.80}: library {library}, schema {schema}"
        outcomes[library] = probe
    if _declares_bounds(annotation):
        assert set(outcomes) == {True, False}, "the probes must reach both sides of a bound"


def _without_items(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {key: _without_items(inner) for key, inner in schema.items() if key != "items"}
    if isinstance(schema, list):
        return [_without_items(inner) for inner in schema]
    return schema


def _keywords(value: Any, named: bool = False) -> Iterator[str]:
    """Every keyword a schema uses; property and definition names are not keywords."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if not named:
                yield key
            yield from _keywords(inner, named=key in {"properties", "$defs"} and not named)
    elif isinstance(value, list):
        for inner in value:
            yield from _keywords(inner)
