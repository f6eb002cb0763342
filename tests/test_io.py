"""Loading and dumping profiles: formats, round trips, paths, and hostile files."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eminence as em
from eminence.testing import profile_data, random_profile, small_profile

EXTRAS = pytest.mark.extra("toml", "yaml")
FORMATS = [
    "json",
    pytest.param("toml", marks=pytest.mark.extra("toml")),  # to write it
    pytest.param("yaml", marks=pytest.mark.extra("yaml")),
]


class TestRoundTrip:
    @pytest.mark.parametrize("format", FORMATS)
    @pytest.mark.parametrize("name", em.examples())
    def test_examples_round_trip(self, name: str, format: str) -> None:
        profile = em.example(name)
        assert em.loads(em.dump(profile, format), format=format) == profile

    @EXTRAS
    @settings(max_examples=30, deadline=None)
    @given(
        st.integers(0, 10_000),
        st.sampled_from(["json", "toml", "yaml"]),
        st.sampled_from(["json", "toml", "yaml"]),
    )
    def test_between_formats_profiles_stay_equal(self, seed: int, first: str, second: str) -> None:
        profile = random_profile(seed)
        via_first = em.loads(em.dump(profile, first), format=first)
        via_second = em.loads(em.dump(via_first, second), format=second)
        assert via_second == profile

    def test_a_certain_estimate_is_written_as_a_plain_number(self) -> None:
        data = json.loads(em.dump(small_profile(), "json"))
        assert data["venues"][1]["effort_hours"] == 2.0
        assert data["venues"][0]["effort_hours"] == {"low": 0.5, "likely": 0.75, "high": 1.5}


class TestSources:
    @pytest.mark.parametrize(
        "suffix",
        [".json", ".JSON", *(pytest.param(s, marks=EXTRAS) for s in (".toml", ".yaml", ".yml"))],
    )
    def test_a_path_is_read_with_the_format_of_its_suffix(
        self, tmp_path: Path, suffix: str
    ) -> None:
        format = {".yml": "yaml", ".JSON": "json"}.get(suffix, suffix[1:])
        path = tmp_path / f"me{suffix}"
        path.write_text(em.dump(small_profile(), format), "utf-8")
        assert em.load(path) == small_profile()
        assert em.load(str(path)) == small_profile()

    def test_text_and_bytes_are_documents(self) -> None:
        text = em.dump(small_profile(), "json")
        assert em.loads(text) == small_profile()
        assert em.loads(text.encode()) == small_profile()

    @pytest.mark.extra("yaml")
    def test_yaml_text_is_a_document(self) -> None:
        assert em.loads(em.dump(small_profile(), "yaml"), format="yaml") == small_profile()

    def test_a_mapping_is_validated_and_not_changed(self) -> None:
        data = profile_data()
        snapshot = json.dumps(data)
        assert em.loads(data) == small_profile()
        assert json.dumps(data) == snapshot

    def test_a_missing_file_is_an_eminence_error(self, tmp_path: Path) -> None:
        with pytest.raises(em.UnreadableFileError, match=r"cannot read .*nothing\.json"):
            em.load(tmp_path / "nothing.json")

    def test_an_unknown_suffix_is_named(self, tmp_path: Path) -> None:
        path = tmp_path / "me.ini"
        path.write_text("x", "utf-8")
        with pytest.raises(em.EminenceError, match=r"\.ini"):
            em.load(path)


class TestHostileFiles:
    def test_nan_hours_name_the_field(self) -> None:
        data = profile_data()
        data["capacity"]["hours_per_week"] = math.nan
        message = r"capacity\.hours_per_week: must be a finite"
        with pytest.raises(em.InvalidInputError, match=message):
            em.loads(json.dumps(data))

    def test_a_50_megabyte_file_is_refused_before_reading_it_all(self, tmp_path: Path) -> None:
        path = tmp_path / "huge.json"
        with path.open("wb") as file:
            file.truncate(50 * 1024 * 1024)
        with pytest.raises(em.InputLimitError, match="larger than"):
            em.load(path)

    def test_json_nested_100000_deep(self) -> None:
        with pytest.raises(em.InputLimitError, match="nested"):
            em.loads("[" * 100_000 + "]" * 100_000, format="json")

    @pytest.mark.extra("yaml")
    def test_a_yaml_alias_bomb(self) -> None:
        bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        bomb += "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        with pytest.raises(em.DocumentSyntaxError, match="aliases"):
            em.loads(bomb, format="yaml")

    @pytest.mark.extra("yaml")
    def test_a_yaml_python_tag(self) -> None:
        with pytest.raises(em.DocumentSyntaxError, match="tags are not allowed"):
            em.loads('name: !!python/object/apply:os.system ["echo owned"]\n', format="yaml")

    def test_duplicate_keys_are_refused_not_silently_merged(self) -> None:
        with pytest.raises(em.DocumentSyntaxError, match="duplicate key 'name'"):
            em.loads('{"name": "a", "name": "b"}')


class TestSchema:
    def test_schema_describes_the_profile(self) -> None:
        schema = em.io.profile_schema()
        assert schema["title"] == "Profile"
        assert {"venues", "goals", "capacity"} <= set(schema["properties"])
        json.dumps(schema)

    def test_an_estimate_may_be_a_number_or_three_points(self) -> None:
        estimate = em.io.profile_schema()["$defs"]["Estimate"]
        assert {"type": "number", "minimum": 0, "maximum": 1e12} in estimate["anyOf"]


class TestExamples:
    def test_three_examples(self) -> None:
        assert em.examples() == ("community", "consultant", "executive")

    @pytest.mark.parametrize("name", em.examples())
    def test_each_example_loads_without_warnings(self, name: str) -> None:
        profile = em.example(name)
        assert profile.goals
        assert profile.venues

    def test_an_unknown_example_lists_the_known_ones(self) -> None:
        with pytest.raises(em.UnknownReferenceError, match="known examples: community"):
            em.example("astronaut")
