"""Schema versions: written first by every document, checked and upgraded on reading."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, ClassVar

import pytest

import eminence as em
from eminence.io import example_team
from eminence.model._document import UPGRADES, Document
from eminence.schemas import KINDS


def _documents() -> dict[str, Document]:
    profile = em.example("consultant")
    plan = em.plan(profile, trials=200)
    progress = em.example_progress("consultant")
    team = example_team("studio")
    return {
        "profile": profile,
        "team": team,
        "team-plan": em.plan_team(team, trials=100),
        "plan": plan,
        "summary": plan.summary(),
        "progress-log": progress,
        "listening-log": em.example_log("executive"),
        "reforecast": em.reforecast(profile, progress, today=dt.date(2027, 4, 30), trials=200),
    }


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return _documents()


class TestWriting:
    def test_every_kind_of_document_is_covered(self, documents: dict[str, Document]) -> None:
        assert set(documents) == set(KINDS)

    @pytest.mark.parametrize("kind", KINDS)
    def test_the_version_comes_first(self, documents: dict[str, Document], kind: str) -> None:
        written = json.loads(documents[kind].model_dump_json())
        current = type(documents[kind]).current_version()
        assert next(iter(written.items())) == ("schema_version", current)

    @pytest.mark.parametrize("kind", KINDS)
    def test_even_when_defaults_are_left_out(
        self, documents: dict[str, Document], kind: str
    ) -> None:
        written = documents[kind].model_dump(exclude_defaults=True)
        assert written["schema_version"] == type(documents[kind]).current_version()

    def test_a_profile_file_says_its_version(self) -> None:
        written = json.loads(em.dump(em.example("consultant")))["schema_version"]
        assert written == em.model.Profile.current_version() == 2

    @pytest.mark.parametrize("kind", ["profile", "plan", "reforecast"])
    def test_a_version_1_document_reads_as_version_2(
        self, documents: dict[str, Document], kind: str
    ) -> None:
        # Version 2 added rate goals and recurring events, which version 1 had none of.
        document = documents[kind]
        data = {**json.loads(document.model_dump_json()), "schema_version": 1}
        assert type(document).model_validate(data) == document

    def test_a_nested_document_does_not_repeat_it(self, documents: dict[str, Document]) -> None:
        plan = json.loads(documents["plan"].model_dump_json())
        reforecast = json.loads(documents["reforecast"].model_dump_json())
        assert "schema_version" not in plan["profile"]
        assert "schema_version" not in reforecast["plan"]
        assert "schema_version" not in reforecast["plan"]["profile"]

    @pytest.mark.parametrize("kind", KINDS)
    def test_what_is_written_reads_back_equal(
        self, documents: dict[str, Document], kind: str
    ) -> None:
        document = documents[kind]
        assert type(document).model_validate_json(document.model_dump_json()) == document


def _profile_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(em.dump(em.example("consultant")))
    data.update(changes)
    return data


class TestReading:
    @pytest.mark.parametrize("kind", ["profile", "plan", "reforecast"])
    def test_a_version_1_document_reads_as_version_2_of_amount_goals(
        self, documents: dict[str, Document], kind: str
    ) -> None:
        """Version 2 added rate goals: every version-1 goal is an amount."""
        data = {**json.loads(documents[kind].model_dump_json()), "schema_version": 1}
        assert type(documents[kind]).model_validate(data) == documents[kind]

    def test_a_document_without_a_version_is_read_as_version_1(self) -> None:
        data = _profile_data()
        del data["schema_version"]
        assert em.loads(json.dumps(data)) == em.example("consultant")

    @pytest.mark.parametrize("kind", KINDS)
    def test_a_newer_version_is_refused_saying_to_upgrade(
        self, documents: dict[str, Document], kind: str
    ) -> None:
        current = type(documents[kind]).current_version()
        data = {**json.loads(documents[kind].model_dump_json()), "schema_version": current + 1}
        with pytest.raises(em.InvalidInputError) as caught:
            type(documents[kind]).model_validate(data)
        (problem,) = caught.value.problems
        assert problem.path == "schema_version"
        assert problem.message == (
            f"is {current + 1}: this {kind} was written by a later eminence, and this one "
            f"reads {kind} versions up to {current}; upgrade eminence to read it"
        )

    def test_a_newer_profile_document_is_refused_by_loads(self) -> None:
        with pytest.raises(em.InvalidInputError, match="schema_version: is 7: this profile"):
            em.loads(json.dumps(_profile_data(schema_version=7)))

    def test_a_newer_version_nested_in_a_plan_is_refused_at_its_path(
        self, documents: dict[str, Document]
    ) -> None:
        data = json.loads(documents["plan"].model_dump_json())
        data["profile"]["schema_version"] = 3
        with pytest.raises(em.InvalidInputError, match=r"profile\.schema_version: is 3"):
            em.results.Plan.model_validate(data)

    def test_an_older_version_without_an_upgrade_names_the_versions_read(self) -> None:
        with pytest.raises(em.InvalidInputError) as caught:
            em.loads(json.dumps(_profile_data(schema_version=0)))
        assert caught.value.problems[0].message == (
            "is 0, which this eminence no longer reads; it reads profile versions 1 to 2: open "
            "the file with the eminence that wrote it and write it again with a later one"
        )

    def test_an_older_version_is_upgraded_one_step_at_a_time(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def from_0(data: dict[str, Any]) -> dict[str, Any]:
            # Version 0 (made up here) called the profile's name "title".
            data = {**data, "schema_version": 1, "name": data["title"]}
            del data["title"]
            return data

        monkeypatch.setitem(UPGRADES, ("profile", 0), from_0)
        old = _profile_data(schema_version=0)
        old["title"] = old.pop("name")
        assert em.loads(json.dumps(old)) == em.example("consultant")
        with pytest.raises(em.InvalidInputError, match="it reads profile versions 0 to 2"):
            em.loads(json.dumps(_profile_data(schema_version=-1)))

    @pytest.mark.parametrize("version", [True, "1", 1.0, None])
    def test_a_version_that_is_not_a_whole_number_is_refused(self, version: object) -> None:
        with pytest.raises(em.InvalidInputError, match="schema_version: must be a whole number"):
            em.loads(json.dumps(_profile_data(schema_version=version)))


class TestLogsReadBack:
    """A log eminence wrote is read back by the log readers, as text or as a file."""

    READERS: ClassVar = {
        "progress-log": (em.loads_progress, em.load_progress),
        "listening-log": (em.loads_log, em.load_log),
    }

    @pytest.mark.parametrize("kind", READERS)
    def test_a_written_log_reads_back_equal(
        self, documents: dict[str, Document], kind: str, tmp_path: Any
    ) -> None:
        parse, read = self.READERS[kind]
        written = documents[kind].model_dump_json()
        assert parse(written, format="json") == documents[kind]
        (tmp_path / "log.json").write_text(written)
        assert read(tmp_path / "log.json") == documents[kind]

    @pytest.mark.parametrize("kind", READERS)
    def test_a_newer_written_log_is_refused(
        self, documents: dict[str, Document], kind: str
    ) -> None:
        parse, _ = self.READERS[kind]
        later = type(documents[kind]).current_version() + 1
        data = {**json.loads(documents[kind].model_dump_json()), "schema_version": later}
        with pytest.raises(em.InvalidInputError, match=f"schema_version: is {later}"):
            parse(json.dumps(data), format="json")


def test_a_progress_log_of_version_1_reads_as_version_2() -> None:
    """Version 2 added the segment an entry's outcomes came from; a version-1 log has none."""
    log = em.example_progress("consultant")
    old = {**json.loads(log.model_dump_json()), "schema_version": 1}
    for entry in old["entries"]:
        entry.pop("segment", None)
    assert em.model.ProgressLog.model_validate(old) == log


_WORKING_WEEK = ("working_days", "working_hours", "min_block_minutes", "preferred_days")
"""The fields version 2 of profiles added (all with defaults); plans and re-forecasts added
those and the ``weeks`` a schedule item gathers."""


def _version_1(value: Any) -> Any:
    if isinstance(value, dict):
        added = _WORKING_WEEK + (("weeks",) if "uid" in value else ())
        return {k: _version_1(v) for k, v in value.items() if k not in added}
    if isinstance(value, list):
        return [_version_1(v) for v in value]
    return value


@pytest.mark.parametrize("kind", ["profile", "plan", "reforecast"])
def test_a_version_1_document_reads_as_version_2_with_the_default_working_week(
    documents: dict[str, Document], kind: str
) -> None:
    """Version 2 added the working week (Monday to Friday, 09:00 to 17:00, 30-minute blocks),
    a venue's preferred days, and the weeks a schedule block gathers; version 1 had none."""
    document = documents[kind]
    old = _version_1(json.loads(document.model_dump_json()))
    read = type(document).model_validate({**old, "schema_version": 1})
    assert read.model_dump()["schema_version"] == type(document).current_version()
    written = json.loads(read.model_dump_json())
    assert _version_1(written) == old
    assert set(_block_weeks(written)) <= {1}  # a version-1 block gathers one week's hours


def _block_weeks(value: Any) -> list[int]:
    if isinstance(value, dict):
        own = [value["weeks"]] if "uid" in value else []
        return own + [weeks for inner in value.values() for weeks in _block_weeks(inner)]
    if isinstance(value, list):
        return [weeks for inner in value for weeks in _block_weeks(inner)]
    return []
