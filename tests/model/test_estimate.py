"""Estimate: three points, or one number meaning certainty."""

from __future__ import annotations

import math

import pytest

from eminence import InvalidInputError
from eminence.model import Estimate


class TestCertainty:
    def test_a_number_is_a_certain_estimate(self) -> None:
        assert Estimate.model_validate(3) == Estimate(low=3, likely=3, high=3)

    def test_a_certain_estimate_is_written_as_a_number(self) -> None:
        assert Estimate.exactly(2.5).model_dump_json() == "2.5"

    def test_an_uncertain_estimate_is_written_as_three_points(self) -> None:
        estimate = Estimate(low=1, likely=2, high=4)
        assert estimate.model_dump() == {"low": 1.0, "likely": 2.0, "high": 4.0}
        assert not estimate.is_certain


class TestMean:
    def test_pert_mean_weighs_the_likely_value_four_times(self) -> None:
        assert Estimate(low=0, likely=3, high=6).mean == pytest.approx(3.0)
        assert Estimate(low=0, likely=0, high=6).mean == pytest.approx(1.0)

    def test_scaling_keeps_the_shape(self) -> None:
        assert Estimate(low=1, likely=2, high=4).scaled(0.5) == Estimate(low=0.5, likely=1, high=2)


class TestBadInput:
    @pytest.mark.parametrize(
        ("data", "fragment"),
        [
            ({"low": 3, "likely": 2, "high": 4}, "reorder the three values"),
            ({"low": 1, "likely": 5, "high": 4}, "low (1) <= likely (5) <= high (4)"),
            ({"low": -1, "likely": 2, "high": 4}, "low: must be at least 0"),
            ({"low": math.nan, "likely": 2, "high": 4}, "finite number"),
            (math.inf, "finite number"),
            ({"low": 1, "likely": 2}, "high: is required"),
            ({"low": 1, "likely": 2, "high": 3, "mode": 2}, "mode: is not a known field"),
            ("three", "must be a number, or a mapping of low, likely and high"),
        ],
    )
    def test_is_rejected_with_the_fix(self, data: object, fragment: str) -> None:
        with pytest.raises(InvalidInputError, match="Estimate has") as caught:
            Estimate.model_validate(data)
        assert fragment in str(caught.value)
