"""What every model type shares: frozen, rebuildable reprs, validated copies, one error type."""

from __future__ import annotations

import datetime

import pytest

import eminence.model as model
from eminence import EminenceError, InvalidInputError
from eminence.model import Profile, Topic, VenueKind
from eminence.testing import profile_data, small_profile


class TestImmutability:
    def test_fields_cannot_be_assigned(self) -> None:
        profile = small_profile()
        with pytest.raises(Exception, match="frozen"):
            profile.name = "other"  # type: ignore[misc]

    def test_replace_returns_a_validated_copy_and_leaves_the_original(self) -> None:
        profile = small_profile()
        changed = profile.replace(name="Someone else")
        assert changed.name == "Someone else"
        assert profile.name == "Test expert"
        assert changed.venues == profile.venues

    def test_replace_validates(self) -> None:
        capacity = small_profile().capacity
        with pytest.raises(InvalidInputError, match="hours_per_week"):
            capacity.replace(hours_per_week=0)

    def test_validation_does_not_mutate_the_input(self) -> None:
        data = profile_data()
        snapshot = repr(data)
        Profile.model_validate(data)
        assert repr(data) == snapshot


class TestRepr:
    def test_repr_rebuilds_the_profile(self) -> None:
        profile = small_profile()
        namespace = {**{name: getattr(model, name) for name in model.__all__}, "datetime": datetime}
        assert eval(repr(profile), namespace) == profile

    def test_repr_omits_defaults(self) -> None:
        assert repr(Topic(id="risk")) == "Topic(id='risk')"

    def test_enum_repr_is_an_expression(self) -> None:
        assert repr(VenueKind.FORUM) == "VenueKind.FORUM"


class TestOneErrorType:
    def test_errors_are_eminence_errors_and_value_errors(self) -> None:
        with pytest.raises(EminenceError) as caught:
            Topic(id="")
        assert isinstance(caught.value, ValueError)

    def test_every_problem_is_listed_with_its_path(self) -> None:
        data = profile_data()
        data["capacity"]["hours_per_week"] = -1
        data["segments"][1]["size"] = 0
        with pytest.raises(InvalidInputError) as caught:
            Profile.model_validate(data)
        paths = [problem.path for problem in caught.value.problems]
        assert paths == ["segments[1].size", "capacity.hours_per_week"]
        assert "Profile has 2 problems" in str(caught.value)
