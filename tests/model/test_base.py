"""The shared base of records: frozen mappings, and errors in plain words."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eminence as em
from eminence.model._base import FrozenDict
from eminence.testing import changed, profile_data


class TestFrozenMappings:
    def test_a_mapping_inside_a_record_cannot_be_changed(self) -> None:
        venue = em.loads(profile_data()).venues[0]
        with pytest.raises(TypeError, match=r"use \.replace"):
            venue.audience["cio"] = 1.0  # type: ignore[index]
        for change in ("clear", "popitem"):
            with pytest.raises(TypeError):
                getattr(venue.audience, change)()
        with pytest.raises(TypeError):
            venue.yields.update({})  # type: ignore[attr-defined]
        assert venue.audience == {"cio": 0.3, "pmo": 0.4}

    def test_every_mapping_field_is_frozen(self) -> None:
        profile = em.loads(profile_data())
        log = em.loads_progress([{"date": "2027-02-01", "venue": "forum", "requests": 1}])
        mappings = [
            profile.venues[0].audience,
            profile.venues[0].yields,
            profile.venues[1].events[0].yields,
            profile.segments[0].needs,
            profile.peers[0].cadence,
            log.entries[0].outcomes,
            log.outcome_columns,
            em.model.ColumnMapping().aliases,
        ]
        assert all(isinstance(mapping, FrozenDict) for mapping in mappings)

    def test_records_are_hashable_and_equal_records_hash_equal(self) -> None:
        assert hash(em.loads(profile_data())) == hash(em.loads(profile_data()))
        assert len({em.loads(profile_data()), em.loads(profile_data())}) == 1

    def test_copies_pickles_and_files_keep_them(self) -> None:
        profile = em.loads(profile_data())
        for again in (
            copy.deepcopy(profile),
            pickle.loads(pickle.dumps(profile)),
            em.loads(em.dump(profile)),
            profile.replace(name="Other").replace(name=profile.name),
        ):
            assert again == profile
            assert isinstance(again.venues[0].audience, FrozenDict)

    def test_the_repr_still_rebuilds_the_record(self) -> None:
        venue = em.loads(profile_data()).venues[0]
        assert "audience={'cio': 0.3, 'pmo': 0.4}" in repr(venue)

    def test_a_plain_copy_can_be_changed(self) -> None:
        audience = FrozenDict(em.loads(profile_data()).venues[0].audience).copy()
        audience["cio"] = 1.0
        assert type(audience) is dict

    @given(st.dictionaries(st.text(max_size=5), st.floats(allow_nan=False), max_size=8))
    def test_equal_to_and_as_hashable_as_its_items(self, items: dict[str, float]) -> None:
        frozen = FrozenDict(items)
        assert frozen == items
        assert hash(frozen) == hash(FrozenDict(dict(reversed(list(items.items())))))
        assert pickle.loads(pickle.dumps(frozen)) == frozen


class TestPlainWords:
    @pytest.mark.parametrize(
        ("path", "value", "message"),
        [
            (
                "venues.0.effort_hours",
                -1,
                "venues[0].effort_hours: must be from 0 to 10^12 (got -1)",
            ),
            (
                "venues.0.effort_hours",
                "three",
                "venues[0].effort_hours: must be a number, or a mapping of low, likely and high",
            ),
            (
                "topics.0.id",
                "has space",
                "topics[0].id: is not an id: use letters, digits, '_', '.' and '-', starting "
                "with a letter or digit (got 'has space')",
            ),
            (
                "capacity.hours_per_week",
                0,
                "capacity.hours_per_week: must be at least 0.01 (got 0)",
            ),
            ("segments.0.size", 2.5, "segments[0].size: must be a whole number (got 2.5)"),
            ("segments.0.size", True, "segments[0].size: must be a number, not true"),
            (
                "capacity.start",
                20270104,
                "capacity.start: must be a date as YYYY-MM-DD, not the number",
            ),
            ("capacity.start", "2027-01-04T10:00", "capacity.start: is a date and time"),
            ("venues.0.kind", "pigeon", "venues[0].kind: must be one of 'social_network'"),
            ("goals", [], "goals: needs at least 1 item; add one"),
            ("capacity.unavailable", {}, "capacity.unavailable: must be a list"),
            ("venues.0.audience", [], "venues[0].audience: must be a mapping of names to values"),
            ("name", "", "name: is too short: give at least 1 character"),
        ],
    )
    def test_a_bad_value_is_one_problem_in_plain_words(
        self, path: str, value: object, message: str
    ) -> None:
        with pytest.raises(em.InvalidInputError) as caught:
            em.loads(changed(path, value))
        (problem,) = caught.value.problems
        assert str(problem).startswith(message)
        assert "Input should" not in str(problem)
